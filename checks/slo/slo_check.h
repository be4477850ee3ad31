// `slo` gate (SPEC §4.5): asks Prometheus (or Thanos, Mimir,
// VictoriaMetrics) how much of each SLO's error budget is left and whether a
// multi-window burn-rate alert fires; blocks a change that would spend a
// budget already gone, unless the error-budget policy exempts its type.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "checks/slo/slo_options.h"
#include "gates/check.h"
#include "gates/net/http_client.h"

namespace changegate {

extern const std::vector<GateKey> k_slo_keys;
std::unique_ptr<Check> load_slo_check(const TableReader& gate);

// Makes the HTTP client for one evaluation; tests pass one that records or fakes.
using HttpClientFactory = std::function<std::unique_ptr<HttpClient>(const HttpOptions&)>;
// The same check over another HTTP client.
std::unique_ptr<Check> make_slo_check(SloGateOptions options, HttpClientFactory factory);

}  // namespace changegate
