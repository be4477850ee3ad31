// The slo gate against a real Prometheus (Debian's package), started once for
// the suite by the `prometheus` ctest fixture with the month-shaped histories
// of slo_scenarios.h. Each test states its scenario and expected outcome.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <fstream>

#include "checks/slo/slo_check.h"
#include "tests/checks/check_harness.h"
#include "tests/support/fault_server.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::FaultServer;
using changegate::testing::read_text;

namespace {

struct Prometheus {
  std::string url;
  Timestamp now = 0;
};

// Where the fixture left the server; a loud failure when it is not there.
Prometheus prometheus() {
  const std::string dir = CHANGEGATE_PROMETHEUS_DIR;
  Prometheus p;
  p.url = read_text(dir + "/url");
  std::ifstream(dir + "/now") >> p.now;
  if (p.url.empty() || p.now == 0)
    FAIL("no Prometheus at "
         << dir
         << ": the prometheus_start fixture did not run or failed. "
            "Install the Debian package `prometheus` (.ci/install-deps.sh) and run through ctest.");
  return p;
}

// An availability SLO at 99.9% over 30d on one scenario's series.
std::string slo(const std::string& scenario, const std::string& extra = "") {
  return "[[gate.slo]]\nname = \"availability\"\nobjective = 0.999\nwindow = \"30d\"\n"
         "error_ratio = 'sum(rate(slo_request_errors_total{scenario=\"" +
         scenario + "\"}[{{window}}])) / sum(rate(slo_requests_total{scenario=\"" + scenario +
         "\"}[{{window}}]))'\n" + extra;
}

GateResult run_at(const std::string& url, const std::string& gate_keys, const std::string& slos,
                  const std::string& change_type = "feature") {
  const Prometheus p = prometheus();
  ChangeRecord change;
  change.present = true;
  change.type = change_type;
  RepoContext repo;
  return changegate::testing::run_gate(
             "id = \"slo\"\nkind = \"slo\"\nprometheus = \"" + url + "\"\n" + gate_keys + slos,
             change, repo, p.now)
      .result;
}

GateResult run(const std::string& gate_keys, const std::string& slos,
               const std::string& change_type = "feature") {
  return run_at(prometheus().url, gate_keys, slos, change_type);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const nlohmann::json& first_slo(const GateResult& r) {
  return r.details.at("slos").at(0);
}

}  // namespace

// healthy: 0.02% errors all month against a 99.9% objective -> 80% of the budget left.
TEST_CASE("slo gate on Prometheus: a healthy month keeps its budget and passes") {
  const GateResult r = run("", slo("healthy"));
  INFO(r.summary);
  CHECK(r.status == Status::pass);
  const auto& s = first_slo(r);
  CHECK(s["error_ratio"].get<double>() == Approx(0.0002).epsilon(0.02));
  CHECK(s["budget_remaining"].get<double>() == Approx(0.8).epsilon(0.02));
  CHECK(s["coverage"].get<double>() == Approx(1));
  REQUIRE(s["burn_rates"].size() == 2);
  CHECK(s["burn_rates"][0]["long_window"] == "1h");
  CHECK(s["burn_rates"][0]["short_window"] == "5m");
  CHECK(s["burn_rates"][0]["factor"].get<double>() == Approx(14.4));
  CHECK(s["burn_rates"][1]["long_window"] == "6h");
  CHECK(s["burn_rates"][1]["short_window"] == "30m");
  CHECK(s["burn_rates"][1]["factor"].get<double>() == Approx(6));
  CHECK(s["burn_rates"][0]["long_burn_rate"].get<double>() == Approx(0.2).epsilon(0.05));
  CHECK(s["queries"][0]["promql"] ==
        "sum(rate(slo_request_errors_total{scenario=\"healthy\"}[30d])) / "
        "sum(rate(slo_requests_total{scenario=\"healthy\"}[30d]))");
  CHECK(s["burn_chart"]["points"].size() == 30);
  CHECK_FALSE(r.evidence.empty());
  CHECK(r.evidence.front().path.rfind("POST " + prometheus().url + "/api/v1/query?query=", 0) == 0);
}

// exhausted: 0.2% errors all month -> twice the budget spent; burn 2 fires no alert.
TEST_CASE("slo gate on Prometheus: an exhausted budget fails") {
  const GateResult r = run("min_budget_remaining = 0.25\n", slo("exhausted"));
  CHECK(r.status == Status::fail);
  CHECK(r.summary.rfind("availability: error budget exhausted: -100.", 0) == 0);
  CHECK(first_slo(r)["budget_remaining"].get<double>() == Approx(-1).epsilon(0.02));
  for (const auto& b : first_slo(r)["burn_rates"]) CHECK(b["firing"] == false);
}

// fast_burn: a healthy month, then 3% errors in the last hour: burn 30 over 1h and 5m.
TEST_CASE("slo gate on Prometheus: a fast burn fires the 1h and 5m alert while budget is left") {
  const GateResult r = run("", slo("fast_burn"));
  CHECK(r.status == Status::fail);
  const auto& s = first_slo(r);
  CHECK(s["budget_remaining"].get<double>() > 0.5);
  CHECK(s["burn_rates"][0]["firing"] == true);
  CHECK(s["burn_rates"][0]["long_burn_rate"].get<double>() > 14.4);
  CHECK(s["burn_rates"][0]["short_burn_rate"].get<double>() == Approx(30).epsilon(0.05));
  CHECK(s["burn_rates"][1]["firing"] == false);  // 6h: about 5, under 6
  CHECK(r.summary.rfind("availability: burn-rate alert firing: ", 0) == 0);
  CHECK(r.summary.find("over 1h and ") != std::string::npos);
}

// exempt_fix: an exhausted budget, but the change is a fix and fixes are exempt.
TEST_CASE("slo gate on Prometheus: an exempt fix passes and says what it was let through despite") {
  const std::string keys = "exempt_change_types = [\"fix\", \"emergency\"]\n";
  const GateResult r = run(keys, slo("exempt_fix"), "fix");
  CHECK(r.status == Status::pass);
  CHECK(r.summary.rfind("EXEMPT (change type \"fix\", exempt_change_types): would fail: "
                        "availability: error budget exhausted",
                        0) == 0);
  CHECK(r.details["exempt"]["would_fail"] == true);
  CHECK_FALSE(r.problems.empty());
  SECTION("the same budget blocks a feature") {
    CHECK(run(keys, slo("exempt_fix"), "feature").status == Status::fail);
  }
}

// no data: no series carries this label.
TEST_CASE("slo gate on Prometheus: no data is an error by default, a pass only when asked") {
  const GateResult r = run("", slo("no-such-service"));
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "availability: no data for the error ratio over 30d: the query returned no series (an "
        "empty result is not 0) (on_no_data = \"error\") (+4 more)");
  const GateResult allowed =
      run("on_no_data = \"pass\"\nmin_coverage = 0\n", slo("no-such-service"));
  CHECK(allowed.status == Status::pass);
  CHECK(allowed.summary == "availability: no data (on_no_data = \"pass\")");
}

// partial: healthy numbers, but only the last 10 of 30 days have samples.
TEST_CASE(
    "slo gate on Prometheus: a window only partly covered is an error, not a healthy budget") {
  const GateResult r = run("", slo("partial"));
  CHECK(r.status == Status::error);
  CHECK(r.summary.rfind("availability: only 33.3% of the 30d window has samples (min_coverage "
                        "90.0%): too little data to trust a budget of ",
                        0) == 0);
  CHECK(first_slo(r)["coverage"].get<double>() == Approx(10.0 / 30));
  CHECK(run("min_coverage = 0.3\n", slo("partial")).status == Status::pass);
}

// counts: healthy, read as errors + total and divided client side.
TEST_CASE("slo gate on Prometheus: errors and total queries give the same budget as a ratio") {
  const GateResult r =
      run("",
          "[[gate.slo]]\nname = \"requests\"\nobjective = 0.999\n"
          "errors = 'sum(increase(slo_request_errors_total{scenario=\"counts\"}[{{window}}]))'\n"
          "total = 'sum(increase(slo_requests_total{scenario=\"counts\"}[{{window}}]))'\n");
  INFO(r.summary);
  CHECK(r.status == Status::pass);
  CHECK(first_slo(r)["budget_remaining"].get<double>() == Approx(0.8).epsilon(0.02));
}

TEST_CASE("slo gate on Prometheus: several SLOs in one gate, one failing, fail the gate") {
  const GateResult r = run(
      "",
      slo("healthy") +
          "[[gate.slo]]\nname = \"checkout\"\nobjective = 0.999\n"
          "error_ratio = 'sum(rate(slo_request_errors_total{scenario=\"exhausted\"}[{{window}}])) "
          "/ sum(rate(slo_requests_total{scenario=\"exhausted\"}[{{window}}]))'\n");
  CHECK(r.status == Status::fail);
  CHECK(r.details["slos"].size() == 2);
  CHECK(r.details["slos"][0]["status"] == "pass");
  CHECK(r.details["slos"][1]["status"] == "fail");
}

TEST_CASE("slo gate on Prometheus: a bad query is a 400, not retried, with Prometheus' message") {
  const GateResult r = run("",
                           "[[gate.slo]]\nname = \"availability\"\nobjective = 0.999\n"
                           "error_ratio = 'sum(rate(slo_requests_total[{{window}}])'\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary.find("availability: cannot read the error ratio over 30d: POST " +
                       prometheus().url +
                       "/api/v1/query: Prometheus error bad_data (HTTP 400): invalid parameter "
                       "\"query\": ") == 0);
  CHECK(first_slo(r)["queries"][0]["attempts"] == 1);
}

TEST_CASE("slo gate on Prometheus: nothing listening is an error within bounded time") {
  const std::string url = "http://127.0.0.1:" + std::to_string(testing::unused_port());
  const auto start = std::chrono::steady_clock::now();
  const GateResult r = run_at(url, "timeout = \"2s\"\nretries = 1\n", slo("healthy"));
  CHECK(seconds_since(start) < 5);
  CHECK(r.status == Status::error);
  CHECK(r.summary.rfind("changegate.toml:1: gate \"slo\": cannot query Prometheus: POST " + url +
                            "/api/v1/query: ",
                        0) == 0);
  CHECK(r.summary.find("after 2 attempts") != std::string::npos);
  CHECK(r.summary.find(url) == r.summary.rfind(url));  // the URL once
}

TEST_CASE("slo gate on Prometheus: a server that never answers times out, once") {
  FaultServer server;
  const auto start = std::chrono::steady_clock::now();
  const GateResult r =
      run_at(server.url() + "/hang", "timeout = \"300ms\"\nretries = 0\n", slo("healthy"));
  CHECK(seconds_since(start) < 3);
  CHECK(r.status == Status::error);
  CHECK(r.summary.find("timed out after 300 ms") != std::string::npos);
}

TEST_CASE("slo gate on Prometheus: a 503 then success is retried and the gate decides") {
  FaultServer server(prometheus().url);
  const GateResult r = run_at(server.url() + "/flaky/first/1", "", slo("healthy"));
  INFO(r.summary);
  CHECK(r.status == Status::pass);
  CHECK(first_slo(r)["queries"][0]["attempts"] == 2);
}

TEST_CASE("slo gate on Prometheus: 503 on every attempt is an error naming the status") {
  FaultServer server;
  const GateResult r = run_at(server.url() + "/status/503", "retries = 1\n", slo("healthy"));
  CHECK(r.status == Status::error);
  CHECK(r.summary.find("Prometheus error unavailable (HTTP 503): injected HTTP 503 (after 2 "
                       "attempts)") != std::string::npos);
}

TEST_CASE("slo gate on Prometheus: malformed JSON or an HTML page is an error, never a pass") {
  FaultServer server;
  for (const char* path : {"/malformed", "/html"}) {
    const GateResult r = run_at(server.url() + path, "", slo("healthy"));
    INFO(path);
    CHECK(r.status == Status::error);
    CHECK(r.summary.find("with a body that is not JSON") != std::string::npos);
  }
}

TEST_CASE("slo gate on Prometheus: the token never appears in any output, on success or fault") {
  const Prometheus p = prometheus();
  const std::string token = "tok-SLO-5e1f0a";
  for (const std::string& url :
       {p.url, "http://127.0.0.1:" + std::to_string(testing::unused_port())}) {
    testing::TempDir dir;
    dir.write("changegate.toml", "[[gate]]\nid = \"slo\"\nkind = \"slo\"\nprometheus = \"" + url +
                                     "\"\nbearer_token_env = \"CG_TEST_PROM_TOKEN\"\n"
                                     "timeout = \"1s\"\nretries = 0\n" +
                                     slo("healthy"));
    dir.write(".changegate/change.toml", "id = \"CHG-1\"\ntitle = \"t\"\ntype = \"feature\"\n");
    std::string outputs;
    for (const char* format : {"text", "json", "junit"}) {
      const auto run_result =
          testing::run_command("CG_TEST_PROM_TOKEN=" + token + " NO_COLOR=1 '" + CHANGEGATE_BINARY +
                                   "' check --no-ledger --repo . --now " + format_timestamp(p.now) +
                                   " --format " + format + " -o out.json",
                               dir.path());
      CHECK(run_result.exit_code == (url == p.url ? 0 : 1));
      outputs += run_result.out + run_result.err + read_text(dir.path() + "/out.json");
    }
    INFO(outputs.substr(0, 2000));
    CHECK(outputs.find("availability") != std::string::npos);
    CHECK(outputs.find(token) == std::string::npos);
  }
}
