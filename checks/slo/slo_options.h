// The `slo` gate's configuration (SPEC §4.5), read strictly from the gate
// table and its [[gate.slo]] items, plus the burn-rate arithmetic of the SRE
// workbook that the defaults come from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gates/table_reader.h"

namespace changegate {

// A multi-window alert: it fires when the burn rate over both the long and
// the short window exceeds `factor`.
struct BurnRateAlert {
  std::int64_t long_window = 0;   // seconds
  std::int64_t short_window = 0;  // seconds
  double factor = 0;
  std::optional<double> budget_share;  // when the factor was derived from it
};

struct SloObjective {
  std::string name;
  double objective = 0;              // 0.999
  std::int64_t window = 30 * 86400;  // the SLO period, seconds
  std::string error_ratio;           // PromQL with {{window}}; or:
  std::string errors;                // PromQL with {{window}}, with `total`
  std::string total;
  double min_budget_remaining = 0;
  std::vector<BurnRateAlert> alerts;
  bool pass_on_no_data = false;  // on_no_data = "pass"
  double min_coverage = 0.9;
  int line = 0;
};

struct SloGateOptions {
  std::string
      prometheus;  // base URL without a trailing '/': "http://prom:9090", "http://mimir/prometheus"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string bearer_token_env;  // name of the env var holding a bearer token
  std::string basic_auth_env;    // name of the env var holding "user:password"
  std::string ca_file;
  std::int64_t timeout_ms = 10000;
  int retries = 2;
  bool allow_partial = false;  // accept responses that carry warnings
  std::vector<std::string> exempt_change_types;
  std::vector<SloObjective> slos;
  std::string where;  // "changegate.toml:12: gate \"slo\"", for gate-wide errors
};

// Reads and validates the gate's keys; throws changegate::Error with
// file:line, the key and a did-you-mean for anything invalid.
SloGateOptions read_slo_options(const TableReader& gate);

// The workbook's burn-rate factor: the share of the budget that may burn in
// `long_window` out of `period` (0.02, 30d, 1h -> 14.4).
double burn_rate_factor(double budget_share, std::int64_t period, std::int64_t long_window);

// The workbook's paging pairs for an SLO period: 2% of the budget in 1h
// (short 5m) and 5% in 6h (short 30m). For 30d: 14.4 and 6.
std::vector<BurnRateAlert> default_burn_rate_alerts(std::int64_t period);

// The PromQL for a window: {{window}} -> "1h", {{short_window}} -> window/12 ("5m").
std::string expand_window(const std::string& promql, std::int64_t window);

// A duration as PromQL writes it: "30d", "6h", "5m", "90s".
std::string promql_duration(std::int64_t seconds);

}  // namespace changegate
