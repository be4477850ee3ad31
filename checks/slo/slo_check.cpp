#include "checks/slo/slo_check.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "checks/slo/prometheus_api.h"
#include "checks/slo/slo_evaluation.h"
#include "gates/config.h"
#include "gates/util/file.h"
#include "gates/util/strings.h"

namespace changegate {

const std::vector<GateKey> k_slo_keys = {
    {"prometheus", "URL",
     "base URL of Prometheus, Thanos, Mimir (.../prometheus) or VictoriaMetrics"},
    {"headers", "table", "extra request headers, e.g. { \"X-Scope-OrgID\" = \"team-a\" }"},
    {"bearer_token_env", "string", "name of the env var holding a bearer token"},
    {"basic_auth_env", "string", "name of the env var holding \"user:password\""},
    {"ca_file", "path", "extra CA bundle for https (verification is never off)"},
    {"timeout", "duration", "per request, connect included (default \"10s\"; \"500ms\" allowed)"},
    {"retries", "integer", "extra attempts on timeouts, 5xx and 429 (default 2)"},
    {"allow_partial", "boolean",
     "accept partial responses (server warnings) instead of an error (default false)"},
    {"slo", "array of tables",
     "[[gate.slo]]: name, objective, window, error_ratio | errors + total"},
    {"min_budget_remaining", "number", "share of the error budget that must be left (default 0)"},
    {"burn_rate_alerts", "array of tables",
     "{ long, short, factor | budget_share } (default: 1h & 5m > 14.4, 6h & 30m > 6 for 30d)"},
    {"on_no_data", "error|pass", "an empty result, NaN or Inf (default error)"},
    {"min_coverage", "number", "share of the SLO window that must have samples (default 0.9)"},
    {"exempt_change_types", "strings",
     "change types the error-budget policy lets through (fix, emergency)"},
};

namespace {

using nlohmann::json;

std::string with_more(const std::vector<std::string>& items) {
  return items.front() +
         (items.size() > 1 ? " (+" + std::to_string(items.size() - 1) + " more)" : "");
}

class SloCheck : public Check {
 public:
  SloCheck(SloGateOptions options, HttpClientFactory factory)
      : options_(std::move(options)), factory_(std::move(factory)) {}

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    r.details["prometheus"] = options_.prometheus;
    r.details["evaluated_at"] = format_timestamp(ctx.now);
    json header_names = json::array();  // names only: values may be tenant ids or worse
    for (const auto& h : options_.headers) header_names.push_back(h.first);
    r.details["headers"] = header_names;
    r.details["slos"] = json::array();

    std::vector<std::pair<std::string, std::string>> headers = options_.headers;
    // Header values may be tenant ids or keys: all of them are secrets.
    if (ctx.secrets)
      for (const auto& h : options_.headers) ctx.secrets->add(h.second);
    std::string problem;
    if (!add_auth(ctx, headers, &problem) || !ca_file_ok(ctx, &problem)) {
      r.conclude(problem, "");
      return;
    }
    decide(ctx, tally(ctx, headers, r), r);
  }

 private:
  // What the SLOs came to: known failures, what could not be read, passes.
  struct Tally {
    std::vector<std::string> failures, errors, passes;
  };

  // Queries Prometheus for every SLO and collects their outcomes.
  Tally tally(const CheckContext& ctx,
              const std::vector<std::pair<std::string, std::string>>& headers,
              GateResult& r) const {
    HttpOptions http;
    http.timeout_ms = options_.timeout_ms;
    http.retries = options_.retries;
    http.ca_file = ca_path(ctx);
    const std::unique_ptr<HttpClient> client = factory_(http);
    PrometheusApi api(options_.prometheus, headers, *client, options_.allow_partial, ctx.secrets);
    Tally t;
    for (const auto& slo : options_.slos) {
      SloOutcome o = evaluate_slo(slo, api, ctx.now, r);
      t.failures.insert(t.failures.end(), o.failures.begin(), o.failures.end());
      t.errors.insert(t.errors.end(), o.errors.begin(), o.errors.end());
      if (!o.pass_summary.empty()) t.passes.push_back(o.pass_summary);
    }
    if (!api.unreachable().empty()) {
      // One cause, said once for the gate, instead of once per query of every SLO.
      const std::string& cause = api.unreachable();
      t.errors.erase(
          std::remove_if(t.errors.begin(), t.errors.end(),
                         [&](const std::string& e) { return e.find(cause) != std::string::npos; }),
          t.errors.end());
      t.errors.insert(t.errors.begin(), options_.where + ": cannot query Prometheus: " + cause);
      r.details["unreachable"] = cause;
    }
    return t;
  }

  // Known failures win over what could not be read, so on_error = "warn"
  // never waves a spent budget through. The exempt change types are the
  // policy's exception for reliability fixes: let them through, and say
  // loudly what they were let through despite.
  void decide(const CheckContext& ctx, const Tally& t, GateResult& r) const {
    const bool exempt =
        std::find(options_.exempt_change_types.begin(), options_.exempt_change_types.end(),
                  ctx.change.type) != options_.exempt_change_types.end();
    r.details["exempt_change_types"] = options_.exempt_change_types;
    r.details["change_type"] = ctx.change.type;
    r.problems = t.failures;
    const bool let_through = !t.failures.empty() && exempt;
    GateResult::Outcome outcome;
    outcome.failed = !t.failures.empty() && !exempt;
    outcome.unjudged = t.errors;
    if (outcome.failed) outcome.fail_summary = with_more(t.failures);
    if (!t.errors.empty())
      outcome.error_summary =
          with_more(t.errors) + (let_through ? "; exempt (change type \"" + ctx.change.type +
                                                   "\") from: " + t.failures.front()
                                             : "");
    outcome.pass_summary = join(t.passes, "; ");
    if (let_through) {
      r.compare("change type", ctx.change.type, "in exempt_change_types",
                options_.exempt_change_types, true);
      r.details["exempt"] = {
          {"change_type", ctx.change.type}, {"would_fail", true}, {"failures", t.failures}};
      outcome.pass_summary = "EXEMPT (change type \"" + ctx.change.type +
                             "\", exempt_change_types): would fail: " + with_more(t.failures);
    }
    r.conclude(outcome);
  }

  // Adds the Authorization header and registers its secret with the run.
  bool add_auth(const CheckContext& ctx, std::vector<std::pair<std::string, std::string>>& headers,
                std::string* problem) const {
    const std::string& env =
        options_.bearer_token_env.empty() ? options_.basic_auth_env : options_.bearer_token_env;
    if (env.empty()) return true;
    const char* key = options_.bearer_token_env.empty() ? "basic_auth_env" : "bearer_token_env";
    const char* value = std::getenv(env.c_str());
    if (!value || !*value) {
      *problem = "the environment variable " + env + " (" + key + ") is not set or empty";
      return false;
    }
    if (options_.bearer_token_env.empty()) {
      if (std::string(value).find(':') == std::string::npos) {
        *problem = "the environment variable " + env + " (basic_auth_env) must hold user:password";
        return false;
      }
      if (ctx.secrets) ctx.secrets->add_basic_auth(value);
      headers.emplace_back("Authorization", basic_auth_value(value));
    } else {
      if (ctx.secrets) ctx.secrets->add(value);
      headers.emplace_back("Authorization", std::string("Bearer ") + value);
    }
    return true;
  }

  std::string ca_path(const CheckContext& ctx) const {
    return options_.ca_file.empty() ? "" : join_path(ctx.repo.root, options_.ca_file);
  }

  bool ca_file_ok(const CheckContext& ctx, std::string* problem) const {
    if (options_.ca_file.empty()) return true;
    std::error_code ec;
    if (std::filesystem::is_regular_file(ca_path(ctx), ec)) return true;
    *problem = "ca_file \"" + options_.ca_file + "\" does not exist";
    return false;
  }

  SloGateOptions options_;
  HttpClientFactory factory_;
};

}  // namespace

std::unique_ptr<Check> make_slo_check(SloGateOptions options, HttpClientFactory factory) {
  return std::make_unique<SloCheck>(std::move(options), std::move(factory));
}

std::unique_ptr<Check> load_slo_check(const TableReader& gate) {
  return make_slo_check(read_slo_options(gate), [](const HttpOptions& http) {
    return std::unique_ptr<HttpClient>(std::make_unique<CurlHttpClient>(http));
  });
}

}  // namespace changegate
