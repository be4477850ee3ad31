#include "checks/slo/slo_evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace changegate {

namespace {

using nlohmann::json;

// One point a day for a 30d SLO: enough for the chart, and cheap to backfill in tests.
constexpr std::int64_t k_chart_points = 30;

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}
std::string percent(double share) {
  return fixed(share * 100, 1) + "%";
}
json number_or_null(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

// One error ratio over one window: a value, no data (an empty result, NaN,
// Inf: on_no_data decides) or an error (the server could not be asked).
struct Ratio {
  enum class Kind { value, no_data, error } kind = Kind::error;
  double value = 0;
  std::string why;
};

class SloEvaluation {
 public:
  SloEvaluation(const SloObjective& slo, PrometheusApi& api, Timestamp now, GateResult& r)
      : slo_(slo), api_(api), now_(now), r_(r) {}

  SloOutcome run() {
    details_ = {{"name", slo_.name},
                {"objective", slo_.objective},
                {"window", promql_duration(slo_.window)},
                {"min_budget_remaining", slo_.min_budget_remaining},
                {"min_coverage", slo_.min_coverage},
                {"on_no_data", slo_.pass_on_no_data ? "pass" : "error"},
                {"queries", json::array()}};
    const bool budget_known = check_budget();
    check_alerts();
    if (!out_.failures.empty()) {
      details_["status"] = "fail";
    } else if (!out_.errors.empty()) {
      details_["status"] = "error";
    } else {
      details_["status"] = "pass";
      std::string s = slo_.name + ": ";
      s += budget_known ? percent(budget_remaining_) + " of the " + promql_duration(slo_.window) +
                              " error budget left"
                        : "no data (on_no_data = \"pass\")";
      if (fastest_burn_ >= 0)
        s += ", fastest burn " + fixed(fastest_burn_, 2) + "x over " + fastest_window_;
      out_.pass_summary = s;
    }
    details_["failures"] = out_.failures;
    details_["errors"] = out_.errors;
    r_.details["slos"].push_back(details_);
    return out_;
  }

 private:
  const std::string& name() const { return slo_.name; }
  double budget() const { return 1 - slo_.objective; }

  PrometheusCall record(PrometheusCall call, const std::string& purpose) {
    json q = {{"purpose", purpose},
              {"endpoint", call.endpoint},
              {"promql", call.promql},
              {"url", call.url},
              {"ok", call.ok},
              {"attempts", call.attempts},
              {"http_status", call.http_status}};
    json params = json::object();
    for (const auto& [k, v] : call.params) params[k] = v;
    q["params"] = params;
    if (!call.ok) q["error"] = call.error;
    if (!call.result.warnings.empty()) q["warnings"] = call.result.warnings;
    if (call.ok && call.result.result_type != "matrix") {
      json values = json::array();
      for (const auto& s : call.result.vector) values.push_back(number_or_null(s.value));
      q["values"] = values;
    }
    details_["queries"].push_back(q);
    if (!call.sha256.empty())
      r_.evidence.push_back({call.evidence_path(), call.sha256, call.bytes});
    return call;
  }

  // The single number an instant query must give; the reason otherwise.
  static Ratio single_value(const PrometheusCall& call) {
    Ratio out;
    if (!call.ok) {
      out.why = call.error;
      return out;
    }
    const auto& res = call.result;
    if (res.result_type != "vector" && res.result_type != "scalar") {
      out.why = "the query returned a " + res.result_type + ", not a single number";
      return out;
    }
    if (res.vector.empty()) {
      out.kind = Ratio::Kind::no_data;
      out.why = "the query returned no series (an empty result is not 0)";
      return out;
    }
    if (res.vector.size() > 1) {
      out.why = "the query returned " + std::to_string(res.vector.size()) +
                " series; aggregate them into one ratio, as sum(...) / sum(...)";
      return out;
    }
    const double v = res.vector.front().value;
    if (!std::isfinite(v)) {
      out.kind = Ratio::Kind::no_data;
      out.why = std::string("the query returned ") + (std::isnan(v)
                                                          ? "NaN (0/0: no traffic in the window?)"
                                                      : v > 0 ? "+Inf"
                                                              : "-Inf");
      return out;
    }
    out.kind = Ratio::Kind::value;
    out.value = v;
    return out;
  }

  Ratio ratio(std::int64_t window) {
    auto cached = ratios_.find(window);
    if (cached != ratios_.end()) return cached->second;
    const std::string w = promql_duration(window);
    Ratio out;
    if (!slo_.error_ratio.empty()) {
      out = single_value(record(api_.query(expand_window(slo_.error_ratio, window), now_),
                                "error ratio over " + w));
    } else {
      const Ratio errors = single_value(
          record(api_.query(expand_window(slo_.errors, window), now_), "errors over " + w));
      const Ratio total = single_value(
          record(api_.query(expand_window(slo_.total, window), now_), "total over " + w));
      if (errors.kind != Ratio::Kind::value || total.kind != Ratio::Kind::value) {
        const Ratio& bad = errors.kind == Ratio::Kind::error   ? errors
                           : total.kind == Ratio::Kind::error  ? total
                           : errors.kind == Ratio::Kind::value ? total
                                                               : errors;
        out = bad;
        out.why = (&bad == &errors ? "errors: " : "total: ") + bad.why;
      } else if (total.value <= 0) {
        out.kind = Ratio::Kind::no_data;
        out.why = "total is 0: no traffic in the window";
      } else {
        out.kind = Ratio::Kind::value;
        out.value = errors.value / total.value;
      }
    }
    if (out.kind == Ratio::Kind::value && (out.value < 0 || out.value > 1)) {
      // A share of requests: anything else is a wrong query, and its budget
      // ("50100% left") would be nonsense either way.
      out.kind = Ratio::Kind::error;
      out.why = "the error ratio " + fixed(out.value, 6) + " is outside [0, 1]: the " +
                (slo_.error_ratio.empty() ? "\"errors\" and \"total\" queries do"
                                          : "\"error_ratio\" query does") +
                " not give a share of requests";
    }
    ratios_[window] = out;
    return out;
  }

  // Returns whether a budget figure exists (for the summary).
  bool check_budget() {
    const std::string w = promql_duration(slo_.window);
    const Ratio whole = ratio(slo_.window);
    details_["error_ratio"] = whole.kind == Ratio::Kind::value ? json(whole.value) : json(nullptr);
    details_["budget_remaining"] = nullptr;
    if (whole.kind == Ratio::Kind::error) {
      out_.errors.push_back(name() + ": cannot read the error ratio over " + w + ": " + whole.why);
      return false;
    }
    const double coverage = check_coverage();
    if (whole.kind == Ratio::Kind::no_data) {
      if (slo_.pass_on_no_data) {
        r_.compare(name() + ": error ratio over " + w, "no data: " + whole.why, "on_no_data",
                   "pass", true);
        return false;
      }
      r_.compare(name() + ": error ratio over " + w, "no data: " + whole.why, "on_no_data", "error",
                 false);
      out_.errors.push_back(name() + ": no data for the error ratio over " + w + ": " + whole.why +
                            " (on_no_data = \"error\")");
      return false;
    }
    budget_remaining_ = 1 - whole.value / budget();
    details_["budget_remaining"] = budget_remaining_;
    if (coverage < 0) return true;  // the coverage query failed: already an error
    if (!r_.compare(name() + ": share of " + w + " with samples", coverage, ">=", slo_.min_coverage,
                    coverage >= slo_.min_coverage)) {
      // A budget computed from a few days of a month looks healthy by
      // construction; too little data is not a green light.
      details_["budget_trusted"] = false;
      out_.errors.push_back(name() + ": only " + percent(coverage) + " of the " + w +
                            " window has samples (min_coverage " + percent(slo_.min_coverage) +
                            "): too little data to trust a budget of " +
                            percent(budget_remaining_) + " left");
      return true;
    }
    details_["budget_trusted"] = true;
    if (!r_.compare(name() + ": error budget remaining", budget_remaining_, ">=",
                    slo_.min_budget_remaining, budget_remaining_ >= slo_.min_budget_remaining)) {
      const std::string spent = "error ratio " + fixed(whole.value, 6) + " over " + w +
                                " against an objective of " + fixed(slo_.objective * 100, 3) + "%";
      out_.failures.push_back(
          budget_remaining_ <= 0
              ? name() + ": error budget exhausted: " + percent(budget_remaining_) + " left (" +
                    spent + ")"
              : name() + ": " + percent(budget_remaining_) + " of the error budget left, below " +
                    "min_budget_remaining " + percent(slo_.min_budget_remaining) + " (" + spent +
                    ")");
    }
    return true;
  }

  // The share of the SLO window whose steps have samples, from one range
  // query that also gives the report its burn-rate chart. -1 when it failed.
  double check_coverage() {
    const std::int64_t step = std::max<std::int64_t>(60, slo_.window / k_chart_points);
    const Timestamp start = now_ - slo_.window + step;
    const std::int64_t expected = (now_ - start) / step + 1;
    const std::string w = promql_duration(slo_.window);
    const std::string purpose = "coverage and burn-rate chart over " + w;
    const std::string& counted = slo_.error_ratio.empty() ? slo_.total : slo_.error_ratio;
    const PrometheusCall call =
        record(api_.query_range(expand_window(counted, step), start, now_, step),
               slo_.error_ratio.empty() ? "traffic (coverage) over " + w : purpose);
    if (!call.ok || call.result.result_type != "matrix") {
      out_.errors.push_back(
          name() + ": cannot tell how much of " + w + " has samples: " +
          (call.ok ? "the range query returned a " + call.result.result_type : call.error));
      return -1;
    }
    std::map<std::int64_t, double> ratio_at;  // step time -> error ratio (NaN allowed)
    std::set<std::int64_t> covered;
    for (const auto& series : call.result.matrix)
      for (const auto& [t, v] : series.points) {
        covered.insert(static_cast<std::int64_t>(std::llround(t)));
        if (call.result.matrix.size() == 1) ratio_at[std::llround(t)] = v;
      }
    if (slo_.error_ratio.empty()) {
      ratio_at.clear();
      const PrometheusCall errors =
          record(api_.query_range(expand_window(slo_.errors, step), start, now_, step),
                 "errors for the burn-rate chart over " + w);
      std::map<std::int64_t, double> total_at;
      if (call.result.matrix.size() == 1)
        for (const auto& [t, v] : call.result.matrix.front().points) total_at[std::llround(t)] = v;
      if (errors.ok && errors.result.matrix.size() == 1)
        for (const auto& [t, v] : errors.result.matrix.front().points)
          if (total_at.count(std::llround(t)))
            ratio_at[std::llround(t)] = v / total_at[std::llround(t)];
    }
    json points = json::array();
    for (const auto& [t, v] : ratio_at) points.push_back({t, number_or_null(v / budget())});
    details_["burn_chart"] = {{"window", promql_duration(step)},
                              {"step_seconds", step},
                              {"start", start},
                              {"end", now_},
                              {"points", points}};
    const double coverage =
        std::min(1.0, static_cast<double>(covered.size()) / static_cast<double>(expected));
    details_["coverage"] = coverage;
    details_["coverage_steps"] = {{"with_samples", covered.size()}, {"expected", expected}};
    return coverage;
  }

  void check_alerts() {
    details_["burn_rates"] = json::array();
    for (const BurnRateAlert& alert : slo_.alerts) {
      const std::string lw = promql_duration(alert.long_window);
      const std::string sw = promql_duration(alert.short_window);
      const Ratio long_ratio = ratio(alert.long_window);
      const Ratio short_ratio = ratio(alert.short_window);
      json d = {{"long_window", lw},
                {"short_window", sw},
                {"factor", alert.factor},
                {"budget_share", alert.budget_share ? json(*alert.budget_share) : json(nullptr)}};
      auto burn_of = [&](const Ratio& x) {
        return x.kind == Ratio::Kind::value ? json(x.value / budget()) : json(nullptr);
      };
      d["long_burn_rate"] = burn_of(long_ratio);
      d["short_burn_rate"] = burn_of(short_ratio);
      d["long_error_ratio"] =
          long_ratio.kind == Ratio::Kind::value ? json(long_ratio.value) : json(nullptr);
      d["short_error_ratio"] =
          short_ratio.kind == Ratio::Kind::value ? json(short_ratio.value) : json(nullptr);
      const std::string label = name() + ": burn rate over " + lw + " and " + sw;
      bool judged = true;
      for (const auto* x : {&long_ratio, &short_ratio}) {
        const std::string& win = x == &long_ratio ? lw : sw;
        if (x->kind == Ratio::Kind::error) {
          out_.errors.push_back(name() + ": cannot read the burn rate over " + win + ": " + x->why);
          judged = false;
        } else if (x->kind == Ratio::Kind::no_data) {
          r_.compare(name() + ": error ratio over " + win, "no data: " + x->why, "on_no_data",
                     slo_.pass_on_no_data ? "pass" : "error", slo_.pass_on_no_data);
          if (!slo_.pass_on_no_data)
            out_.errors.push_back(name() + ": no data for the burn rate over " + win + ": " +
                                  x->why + " (on_no_data = \"error\")");
          judged = false;
        }
      }
      if (!judged) {
        d["firing"] = nullptr;
        details_["burn_rates"].push_back(d);
        continue;
      }
      const double long_burn = long_ratio.value / budget();
      const double short_burn = short_ratio.value / budget();
      if (long_burn > fastest_burn_) {
        fastest_burn_ = long_burn;
        fastest_window_ = lw;
      }
      const bool firing = long_burn > alert.factor && short_burn > alert.factor;
      d["firing"] = firing;
      details_["burn_rates"].push_back(d);
      r_.compare(label, json{{lw, long_burn}, {sw, short_burn}}, "not both >", alert.factor,
                 !firing);
      if (firing)
        out_.failures.push_back(
            name() + ": burn-rate alert firing: " + fixed(long_burn, 2) + "x over " + lw + " and " +
            fixed(short_burn, 2) + "x over " + sw + ", both above " + fixed(alert.factor, 2) +
            (alert.budget_share
                 ? " (" + percent(*alert.budget_share) + " of the budget in " + lw + ")"
                 : ""));
    }
  }

  const SloObjective& slo_;
  PrometheusApi& api_;
  Timestamp now_;
  GateResult& r_;
  json details_;
  SloOutcome out_;
  std::map<std::int64_t, Ratio> ratios_;
  double budget_remaining_ = 0;
  double fastest_burn_ = -1;
  std::string fastest_window_;
};

}  // namespace

SloOutcome evaluate_slo(const SloObjective& slo, PrometheusApi& api, Timestamp now, GateResult& r) {
  return SloEvaluation(slo, api, now, r).run();
}

}  // namespace changegate
