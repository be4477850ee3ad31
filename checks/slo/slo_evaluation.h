// One SLO's evaluation for the slo gate: the error ratio over the SLO
// window, the budget left, how much of the window has samples (with the
// burn-rate series for the report's chart) and every multi-window burn-rate
// alert, each comparison recorded on the gate's result.
#pragma once

#include <string>
#include <vector>

#include "checks/slo/prometheus_api.h"
#include "checks/slo/slo_options.h"
#include "gates/evaluation.h"

namespace changegate {

struct SloOutcome {
  std::vector<std::string> failures;  // known failures
  std::vector<std::string> errors;    // what could not be judged, with the cause
  std::string
      pass_summary;  // when neither: "availability: 80.0% of the 30d error budget left, ..."
};

// Asks `api` about `slo` at `now`; appends the SLO's details to
// r.details["slos"], its comparisons to r.comparisons and every response read
// to r.evidence. Never throws for server or data problems: they are errors in
// the outcome.
SloOutcome evaluate_slo(const SloObjective& slo, PrometheusApi& api, Timestamp now, GateResult& r);

}  // namespace changegate
