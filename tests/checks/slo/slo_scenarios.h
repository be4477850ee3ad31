// The month-shaped histories the slo integration tests query, one label
// value per scenario, shared by the Prometheus fixture (which writes them as
// OpenMetrics and backfills them) and the tests (which state the expected
// outcome beside each use). 10 requests/s throughout.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace changegate::testing {

struct SloScenario {
  std::string label;              // slo_requests_total{scenario="LABEL"}
  double error_fraction = 0;      // share of requests that fail, over the history
  double last_hour_fraction = 0;  // share that fails in the last 60 minutes
  std::int64_t history_days = 31;
};

inline const std::vector<SloScenario>& slo_scenarios() {
  static const std::vector<SloScenario> k_scenarios = {
      {"healthy", 0.0002, 0.0002, 31},   // 80% of a 99.9% budget left, burn 0.2
      {"exhausted", 0.002, 0.002, 31},   // twice the budget spent, burn 2: no alert
      {"fast_burn", 0.0002, 0.03, 31},   // burn 30 in the last hour, budget still ~76%
      {"exempt_fix", 0.002, 0.002, 31},  // exhausted, for a change type the policy exempts
      {"partial", 0.0002, 0.0002, 10},   // healthy, but only the last 10 of 30 days
      {"counts", 0.0002, 0.0002, 31},    // healthy, read through errors + total
      {"checkout", 0.0003, 0.0003, 31},  // examples/service
  };
  return k_scenarios;
}

constexpr double k_requests_per_second = 10;

}  // namespace changegate::testing
