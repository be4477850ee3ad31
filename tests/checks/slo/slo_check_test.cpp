// The slo gate's configuration and arithmetic, and its decisions over an
// in-memory HTTP fake. The same decisions against a real Prometheus are in
// slo_check_integration_test.cpp.
#include "checks/slo/slo_check.h"

#include <catch2/catch.hpp>
#include <map>

#include "checks/registry.h"
#include "gates/config.h"
#include "gates/error.h"
#include "tests/checks/check_harness.h"

using namespace changegate;

namespace {

const std::string k_head = "id = \"slo\"\nkind = \"slo\"\nprometheus = \"http://prom:9090\"\n";
const std::string k_slo =
    "[[gate.slo]]\nname = \"availability\"\nobjective = 0.999\n"
    "error_ratio = \"sum(rate(e[{{window}}])) / sum(rate(t[{{window}}]))\"\n";

std::string config_error(const std::string& gate_toml) {
  try {
    parse_config("[[gate]]\n" + gate_toml, "changegate.toml", checks::registry());
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

SloGateOptions options(const std::string& gate_toml) {
  const Document doc = parse_toml("[[gate]]\n" + gate_toml, "changegate.toml");
  const Node& gate = doc.root.find("gate")->array->front();
  return read_slo_options(TableReader(doc, gate, "gate \"slo\""));
}

// Answers instant queries by the window in the PromQL, range queries with a
// full month of points; records every request.
class FakePrometheus : public HttpClient {
 public:
  std::map<std::string, std::string> by_window;  // "30d" -> value string or a whole body
  std::vector<HttpRequest> requests;
  HttpResponse send(const HttpRequest& request) override {
    requests.push_back(request);
    HttpResponse r;
    r.status = 200;
    r.attempts = 1;
    if (request.url.find("query_range") != std::string::npos) {
      std::string values;
      for (int i = 0; i < 30; ++i)
        values +=
            (i ? "," : "") + std::string("[") + std::to_string(1000 + i * 86400) + ",\"0.0002\"]";
      r.body =
          R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[)" +
          values + "]}]}}";
      return r;
    }
    for (const auto& [window, answer] : by_window)
      if (request.body.find("%5B" + window + "%5D") != std::string::npos) {
        r.body =
            answer.front() == '{'
                ? answer
                : R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,")" +
                      answer + "\"]}]}}";
        return r;
      }
    r.body = R"({"status":"success","data":{"resultType":"vector","result":[]}})";
    return r;
  }
};

GateResult run_fake(const std::string& gate_toml, FakePrometheus& fake,
                    const std::string& change_type = "feature", Secrets* secrets = nullptr) {
  auto check = make_slo_check(options(gate_toml), [&fake](const HttpOptions&) {
    struct Forward : HttpClient {
      FakePrometheus& f;
      explicit Forward(FakePrometheus& fp) : f(fp) {}
      HttpResponse send(const HttpRequest& r) override { return f.send(r); }
    };
    return std::unique_ptr<HttpClient>(std::make_unique<Forward>(fake));
  });
  ChangeRecord change;
  change.type = change_type;
  RepoContext repo;
  const Config config;
  GateResult r;
  check->evaluate(CheckContext{change, repo, config, 2000000000, std::nullopt, secrets}, r);
  return r;
}

// Answers every request with one status and error (0: nothing listening).
class DeadPrometheus : public FakePrometheus {
 public:
  long status = 0;
  HttpResponse send(const HttpRequest& request) override {
    requests.push_back(request);
    HttpResponse r;
    r.status = status;
    r.attempts = 3;
    r.error = status ? "" : "Failed to connect to prom port 9090: Connection refused";
    r.body = status ? "404 page not found\n" : "";
    return r;
  }
};

void healthy(FakePrometheus& f) {
  f.by_window = {
      {"30d", "0.0002"}, {"1h", "0.0002"}, {"5m", "0.0002"}, {"6h", "0.0002"}, {"30m", "0.0002"}};
}

}  // namespace

TEST_CASE("slo gate: the default burn-rate alerts are the SRE workbook pairs for the period") {
  const auto thirty = default_burn_rate_alerts(30 * 86400);
  REQUIRE(thirty.size() == 2);
  CHECK(thirty[0].long_window == 3600);
  CHECK(thirty[0].short_window == 300);
  CHECK(thirty[0].factor == Approx(14.4));
  CHECK(thirty[1].long_window == 6 * 3600);
  CHECK(thirty[1].short_window == 1800);
  CHECK(thirty[1].factor == Approx(6));
  const auto four_weeks = default_burn_rate_alerts(28 * 86400);
  CHECK(four_weeks[0].factor == Approx(13.44));
  CHECK(four_weeks[1].factor == Approx(5.6));
  CHECK(burn_rate_factor(0.1, 30 * 86400, 3 * 86400) == Approx(1));
  CHECK(burn_rate_factor(0.1, 28 * 86400, 3 * 86400) == Approx(0.9333).epsilon(0.001));
}

TEST_CASE("slo gate: explicit burn-rate alerts take a factor or a budget share") {
  const auto o = options(k_head + k_slo +
                         "burn_rate_alerts = [{ long = \"3d\", budget_share = 0.1 },"
                         " { long = \"2h\", short = \"10m\", factor = 9 }]\n");
  REQUIRE(o.slos[0].alerts.size() == 2);
  CHECK(o.slos[0].alerts[0].factor == Approx(1));
  CHECK(o.slos[0].alerts[0].short_window == 6 * 3600);
  CHECK(o.slos[0].alerts[1].factor == 9);
  CHECK(o.slos[0].alerts[1].short_window == 600);
}

TEST_CASE("slo gate: window placeholders expand to PromQL durations") {
  CHECK(expand_window("rate(x[{{window}}])", 30 * 86400) == "rate(x[30d])");
  CHECK(expand_window("x[{{ window }}:{{short_window}}]", 3600) == "x[1h:5m]");
  CHECK(expand_window("x[{{short_window}}]", 6 * 3600) == "x[30m]");
  CHECK(promql_duration(28 * 86400) == "28d");
  CHECK(promql_duration(90) == "90s");
}

TEST_CASE("slo gate: bad configuration is exit 2 with file, line, key and a suggestion") {
  CHECK(config_error(k_head) ==
        "changegate.toml:1: gate \"slo\": an slo gate needs at least one [[gate.slo]] with name, "
        "objective and error_ratio");
  CHECK(config_error(k_head + "[[gate.slo]]\nname = \"a\"\nobjective = 0.999\n"
                              "error_ratio = \"sum(rate(e[5m]))\"\n") ==
        "changegate.toml:8: gate \"slo\": slo \"a\": key \"error_ratio\" must contain {{window}}, "
        "as in rate(http_requests_total[{{window}}]): the gate evaluates it over the SLO window "
        "and every burn-rate window");
  CHECK(config_error(k_head + "[[gate.slo]]\nname = \"a\"\nobjective = 0.999\n"
                              "error_ratio = \"rate(e[{{windw}}])\"\n") ==
        "changegate.toml:8: gate \"slo\": slo \"a\": key \"error_ratio\": unknown placeholder "
        "\"{{windw}}\" (did you mean \"window\"?); the placeholders are {{window}} and "
        "{{short_window}}");
  CHECK(config_error(k_head + "[[gate.slo]]\nname = \"a\"\nobjective = 0.999\n"
                              "errors = \"rate(e[{{window}}])\"\n") ==
        "changegate.toml:5: gate \"slo\": slo \"a\": missing \"total\" (\"errors\" and \"total\" "
        "go together): PromQL with a {{window}} placeholder");
  CHECK(config_error(k_head + "[[gate.slo]]\nname = \"a\"\nobjective = 99.9\n"
                              "error_ratio = \"x[{{window}}]\"\n") ==
        "changegate.toml:7: gate \"slo\": slo \"a\": key \"objective\" must be between 0 and 1, "
        "not 99.9");
  CHECK(config_error(k_head + "exempt_change_types = [\"fixx\"]\n" + k_slo) ==
        "changegate.toml:5: gate \"slo\": key \"exempt_change_types\": \"fixx\" is not a change "
        "type (feature, fix, refactor, config, migration, emergency, docs) (did you mean "
        "\"fix\"?)");
  CHECK(config_error(k_head + "on_no_data = \"ignore\"\n" + k_slo) ==
        "changegate.toml:5: gate \"slo\": key \"on_no_data\": \"ignore\" is not one of error, "
        "pass");
  CHECK(config_error(k_head + "timeout = \"soon\"\n" + k_slo) ==
        "changegate.toml:5: gate \"slo\": key \"timeout\": \"soon\" is not a timeout (use ms, s "
        "or m, as in \"10s\" or \"500ms\"; at most 1h)");
  CHECK(config_error(k_head + "burn_rate_alert = []\n" + k_slo) ==
        "changegate.toml:5: gate \"slo\": unknown key \"burn_rate_alert\" (did you mean "
        "\"burn_rate_alerts\"?)");
  CHECK(config_error(k_head + k_slo + "burn_rate_alerts = [{ long = \"1h\" }]\n") ==
        "changegate.toml:9: gate \"slo\": slo \"availability\": burn_rate_alerts[1]: give either "
        "\"factor\" (the burn rate, as 14.4) or \"budget_share\" (the share of the budget, as "
        "0.02), not both nor neither");
}

TEST_CASE("slo gate: credentials never go in the gate file") {
  CHECK(config_error("id = \"slo\"\nkind = \"slo\"\nprometheus = \"https://u:hunter2@prom\"\n" +
                     k_slo) ==
        "changegate.toml:4: gate \"slo\": key \"prometheus\" must not carry credentials; name an "
        "environment variable in \"basic_auth_env\" or \"bearer_token_env\" instead");
  CHECK(config_error(k_head + "headers = { Authorization = \"Bearer hunter2\" }\n" + k_slo)
            .find("put no credentials in the gate file") != std::string::npos);
  CHECK(config_error(k_head + "bearer_token_env = \"ghp_abc123-secret\"\n" + k_slo)
            .find("names an environment variable") != std::string::npos);
  CHECK(config_error(k_head + "bearer_token_env = \"A\"\nbasic_auth_env = \"B\"\n" + k_slo)
            .find("not both") != std::string::npos);
}

TEST_CASE("slo gate: a healthy budget with no alert passes, every comparison recorded") {
  FakePrometheus f;
  healthy(f);
  const GateResult r = run_fake(k_head + k_slo, f);
  CHECK(r.status == Status::pass);
  CHECK(r.summary ==
        "availability: 80.0% of the 30d error budget left, fastest burn 0.20x over 1h");
  // budget, coverage and two alert pairs
  CHECK(r.comparisons.size() == 4);
  const auto& slo = r.details["slos"][0];
  CHECK(slo["budget_remaining"].get<double>() == Approx(0.8));
  CHECK(slo["coverage"].get<double>() == Approx(1));
  CHECK(slo["burn_rates"][0]["factor"].get<double>() == Approx(14.4));
  CHECK(slo["queries"][0]["promql"] == "sum(rate(e[30d])) / sum(rate(t[30d]))");
  CHECK(slo["burn_chart"]["points"].size() == 30);
}

TEST_CASE("slo gate: several series where one ratio is expected is an error, not a pick") {
  FakePrometheus f;
  healthy(f);
  f.by_window["30d"] =
      R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"1"},"value":[1,"0"]},{"metric":{"a":"2"},"value":[1,"0.5"]}]}})";
  const GateResult r = run_fake(k_head + k_slo, f);
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "availability: cannot read the error ratio over 30d: the query returned 2 series; "
        "aggregate them into one ratio, as sum(...) / sum(...)");
}

TEST_CASE("slo gate: NaN and Inf are no data, never a healthy 0") {
  for (const char* value : {"NaN", "+Inf", "-Inf"}) {
    FakePrometheus f;
    healthy(f);
    f.by_window["30d"] = value;
    const GateResult r = run_fake(k_head + k_slo, f);
    INFO(value);
    CHECK(r.status == Status::error);
    CHECK(r.summary.find("no data for the error ratio over 30d") != std::string::npos);
  }
}

TEST_CASE("slo gate: a firing alert fails even when the budget cannot be judged") {
  FakePrometheus f;
  healthy(f);
  f.by_window["30d"] = R"({"status":"error","errorType":"timeout","error":"query timed out"})";
  f.by_window["1h"] = "0.02";
  f.by_window["5m"] = "0.03";
  const GateResult r = run_fake(k_head + k_slo, f);
  CHECK(r.status == Status::fail);
  CHECK(r.summary ==
        "availability: burn-rate alert firing: 20.00x over 1h and 30.00x over 5m, both above "
        "14.40 (2.0% of the budget in 1h)");
  REQUIRE(r.problems.size() == 2);  // the failure, then what could not be read
  CHECK(r.problems[1].rfind("availability: cannot read the error ratio over 30d: ", 0) == 0);
}

TEST_CASE("slo gate: only one window over the factor does not fire") {
  FakePrometheus f;
  healthy(f);
  f.by_window["5m"] = "0.05";  // a short spike: the long window is calm
  const GateResult r = run_fake(k_head + k_slo, f);
  CHECK(r.status == Status::pass);
  CHECK(r.details["slos"][0]["burn_rates"][0]["firing"] == false);
}

TEST_CASE("slo gate: errors plus total divide client side, and an empty errors result is no data") {
  const std::string gate = k_head +
                           "[[gate.slo]]\nname = \"a\"\nobjective = 0.99\n"
                           "errors = \"sum(increase(e[{{window}}]))\"\n"
                           "total = \"sum(increase(t[{{window}}]))\"\n"
                           "burn_rate_alerts = []\nmin_coverage = 0\n";
  FakePrometheus f;
  const GateResult r = run_fake(gate, f);
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "a: no data for the error ratio over 30d: errors: the query returned no series (an empty "
        "result is not 0) (on_no_data = \"error\")");
}

TEST_CASE("slo gate: a missing token env var is an error that names the variable only") {
  FakePrometheus f;
  healthy(f);
  unsetenv("CHANGEGATE_TEST_UNSET_TOKEN");
  const GateResult r =
      run_fake(k_head + "bearer_token_env = \"CHANGEGATE_TEST_UNSET_TOKEN\"\n" + k_slo, f);
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "the environment variable CHANGEGATE_TEST_UNSET_TOKEN (bearer_token_env) is not set or "
        "empty");
  CHECK(f.requests.empty());
}

TEST_CASE("slo gate: the token goes in the Authorization header and nowhere in the result") {
  FakePrometheus f;
  healthy(f);
  setenv("CHANGEGATE_TEST_TOKEN", "tok-7f3a9c", 1);
  const GateResult r =
      run_fake(k_head +
                   "bearer_token_env = \"CHANGEGATE_TEST_TOKEN\"\nheaders = { \"X-Scope-OrgID\" = "
                   "\"team-a\" }\n" +
                   k_slo,
               f);
  REQUIRE_FALSE(f.requests.empty());
  bool bearer = false, tenant = false;
  for (const auto& [name, value] : f.requests.front().headers) {
    bearer = bearer || (name == "Authorization" && value == "Bearer tok-7f3a9c");
    tenant = tenant || (name == "X-Scope-OrgID" && value == "team-a");
  }
  CHECK(bearer);
  CHECK(tenant);
  CHECK(r.details.dump().find("tok-7f3a9c") == std::string::npos);
  CHECK(r.summary.find("tok-7f3a9c") == std::string::npos);
  for (const auto& e : r.evidence) CHECK(e.path.find("tok-7f3a9c") == std::string::npos);
}

TEST_CASE("slo gate: basic auth comes from user:password in the named env var") {
  FakePrometheus f;
  healthy(f);
  setenv("CHANGEGATE_TEST_BASIC", "grafana:pa55", 1);
  const GateResult r = run_fake(k_head + "basic_auth_env = \"CHANGEGATE_TEST_BASIC\"\n" + k_slo, f);
  CHECK(r.status == Status::pass);
  REQUIRE_FALSE(f.requests.empty());
  bool basic = false;
  for (const auto& [name, value] : f.requests.front().headers)
    basic = basic || (name == "Authorization" && value == "Basic Z3JhZmFuYTpwYTU1");
  CHECK(basic);
  CHECK(r.details.dump().find("pa55") == std::string::npos);
  setenv("CHANGEGATE_TEST_BASIC", "no-colon", 1);
  CHECK(run_fake(k_head + "basic_auth_env = \"CHANGEGATE_TEST_BASIC\"\n" + k_slo, f).summary ==
        "the environment variable CHANGEGATE_TEST_BASIC (basic_auth_env) must hold user:password");
}

TEST_CASE("slo gate: a CA file that does not exist is an error before any request") {
  FakePrometheus f;
  healthy(f);
  const GateResult r = run_fake(k_head + "ca_file = \"certs/missing.pem\"\n" + k_slo, f);
  CHECK(r.status == Status::error);
  CHECK(r.summary == "ca_file \"certs/missing.pem\" does not exist");
  CHECK(f.requests.empty());
}

TEST_CASE("slo gate: server warnings are kept beside the query that got them") {
  FakePrometheus f;
  healthy(f);
  f.by_window["30d"] =
      R"({"status":"success","warnings":["partial response: store gateway s1 unreachable"],"data":{"resultType":"vector","result":[{"metric":{},"value":[1,"0.0002"]}]}})";
  const GateResult r = run_fake(k_head + "allow_partial = true\n" + k_slo, f);
  CHECK(r.status == Status::pass);
  CHECK(r.details["slos"][0]["queries"][0]["warnings"][0] ==
        "partial response: store gateway s1 unreachable");
}

TEST_CASE("slo gate: a partial response (server warnings) is an error unless allow_partial") {
  // Expected: error — a store gateway was missing, so the healthy ratio may hide errors.
  FakePrometheus f;
  healthy(f);
  f.by_window["30d"] =
      R"({"status":"success","warnings":["store gateway s1 unreachable","2 more"],"data":{"resultType":"vector","result":[{"metric":{},"value":[1,"0.0002"]}]}})";
  const GateResult r = run_fake(k_head + k_slo, f);
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "availability: cannot read the error ratio over 30d: POST http://prom:9090/api/v1/query: "
        "partial response, the server warns \"store gateway s1 unreachable\" (+1 more) "
        "(allow_partial = true accepts partial data)");
  CHECK(r.details["slos"][0]["queries"][0]["warnings"].size() == 2);
  CHECK(config_error(k_head + "allow_partial = \"yes\"\n" + k_slo).find("allow_partial") !=
        std::string::npos);
}

TEST_CASE("slo gate: an error ratio above 1 is a wrong query, an error, never a budget") {
  // Expected: error — 5.01 errors per request would read as "-500900% budget left".
  FakePrometheus f;
  healthy(f);
  f.by_window["30d"] = "5.01";
  const GateResult r = run_fake(k_head + k_slo, f);
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "availability: cannot read the error ratio over 30d: the error ratio 5.010000 is outside "
        "[0, 1]: the \"error_ratio\" query does not give a share of requests");
  CHECK(r.summary.find("budget left") == std::string::npos);
}

TEST_CASE("slo gate: a negative error ratio in a burn window is an error, not a quiet alert") {
  // Expected: error — the 1h ratio is -0.5, so the 1h/5m alert cannot be judged.
  FakePrometheus f;
  healthy(f);
  f.by_window["1h"] = "-0.5";
  const GateResult r = run_fake(k_head + k_slo, f);
  CHECK(r.status == Status::error);
  CHECK(r.summary.rfind("availability: cannot read the burn rate over 1h: the error ratio "
                        "-0.500000 is outside [0, 1]",
                        0) == 0);
}

TEST_CASE("slo gate: errors over total above 1 is an error naming both queries") {
  // Expected: error — errors 30 over total 3 (the fake tells them apart by "[30d:1m]").
  FakePrometheus f;
  f.by_window = {{"30d%3A1m", "30"}, {"30d", "3"}};
  const GateResult r = run_fake(k_head +
                                    "[[gate.slo]]\nname = \"availability\"\nobjective = 0.999\n"
                                    "errors = \"sum(increase(e[{{window}}:1m]))\"\n"
                                    "total = \"sum(increase(t[{{window}}]))\"\n",
                                f);
  CHECK(r.status == Status::error);
  CHECK(r.summary.find("the \"errors\" and \"total\" queries do not give a share of requests") !=
        std::string::npos);
}

TEST_CASE("slo gate: an unreachable server is one error for the gate, with file:line and URL") {
  // Expected: error, said once however many SLOs and queries there are.
  DeadPrometheus f;
  const GateResult r = run_fake(k_head + k_slo +
                                    "[[gate.slo]]\nname = \"latency\"\nobjective = 0.99\n"
                                    "error_ratio = \"sum(rate(slow[{{window}}]))\"\n",
                                f);
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "changegate.toml:1: gate \"slo\": cannot query Prometheus: POST "
        "http://prom:9090/api/v1/query: Failed to connect to prom port 9090: Connection refused "
        "after 3 attempts");
  CHECK(f.requests.size() == 1);
  CHECK(r.problems.size() <= 1);
}

TEST_CASE("slo gate: a 404 suggests the API base path of Mimir and Cortex, once") {
  // Expected: error — the base URL lacks /prometheus (Mimir) or /api/prom (Cortex).
  DeadPrometheus f;
  f.status = 404;
  const GateResult r = run_fake(k_head + k_slo, f);
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "changegate.toml:1: gate \"slo\": cannot query Prometheus: POST "
        "http://prom:9090/api/v1/query: HTTP 404 after 3 attempts: no Prometheus API under this "
        "base URL (Mimir serves it under /prometheus, Cortex under /api/prom)");
  CHECK(f.requests.size() == 1);
}

TEST_CASE("slo gate: the bearer token and every header value are registered as secrets") {
  FakePrometheus f;
  healthy(f);
  setenv("CHANGEGATE_TEST_TOKEN", "tok-reg-41d0", 1);
  Secrets secrets;
  run_fake(k_head +
               "bearer_token_env = \"CHANGEGATE_TEST_TOKEN\"\nheaders = { \"X-Scope-OrgID\" = "
               "\"tenant-9b2\", \"X-Api-Key\" = \"key-55e1\" }\n" +
               k_slo,
           f, "feature", &secrets);
  CHECK(secrets.scrub("a tok-reg-41d0 b tenant-9b2 c key-55e1") ==
        "a [redacted] b [redacted] c [redacted]");
}

TEST_CASE("slo gate: basic auth registers the password and its Base64 form as secrets") {
  FakePrometheus f;
  healthy(f);
  setenv("CHANGEGATE_TEST_BASIC", "grafana:pw-8c1e", 1);
  Secrets secrets;
  run_fake(k_head + "basic_auth_env = \"CHANGEGATE_TEST_BASIC\"\n" + k_slo, f, "feature", &secrets);
  CHECK(secrets.scrub("pw-8c1e " + basic_auth_value("grafana:pw-8c1e").substr(6)) ==
        "[redacted] [redacted]");
}

TEST_CASE("slo gate: queries are form POSTs evaluated at the run's clock") {
  FakePrometheus f;
  healthy(f);
  run_fake(k_head + k_slo, f);
  REQUIRE_FALSE(f.requests.empty());
  const HttpRequest& q = f.requests.front();
  CHECK(q.method == "POST");
  CHECK(q.url == "http://prom:9090/api/v1/query");
  CHECK(q.content_type == "application/x-www-form-urlencoded");
  CHECK(q.body.find("&time=2000000000") != std::string::npos);
}

namespace {

// Answers 401 with a text body that echoes the Authorization header after a
// preamble, so the reader's 120-byte snippet would cut the token in two.
class EchoingPrometheus : public FakePrometheus {
 public:
  HttpResponse send(const HttpRequest& request) override {
    requests.push_back(request);
    HttpResponse r;
    r.status = 401;
    r.attempts = 1;
    r.body = "unauthorized: " + std::string(61, '.') + " you sent: ";
    for (const auto& [name, value] : request.headers) r.body += name + ": " + value + "; ";
    return r;
  }
};

}  // namespace

TEST_CASE("slo gate: a server echoing the token is scrubbed before its body is quoted") {
  // Expected: error quoting the body's start, with no part of the token in it.
  EchoingPrometheus f;
  setenv("CHANGEGATE_TEST_TOKEN", "tok-echo-9d3e1fAAAABBBBCCCC", 1);
  Secrets secrets;
  const GateResult r = run_fake(k_head + "bearer_token_env = \"CHANGEGATE_TEST_TOKEN\"\n" + k_slo,
                                f, "feature", &secrets);
  CHECK(r.status == Status::error);
  CHECK(r.summary.find("not JSON") != std::string::npos);
  CHECK(r.summary.find("Bearer [redac") != std::string::npos);
  CHECK(r.summary.find("tok-echo") == std::string::npos);
}
