// The risk score (SPEC §5): 0-100 from named factors, each with its points
// and a reason a reviewer can check by hand. Computed from the change itself
// before any gate runs; gate outcomes never feed back into it.
#pragma once

#include <string>
#include <vector>

#include "gates/change_record.h"
#include "gates/config.h"
#include "gates/evaluation.h"
#include "gates/git/git_repo.h"

namespace changegate {

// Defects traced to components, from the ledger. Abstract so the risk
// engine does not depend on the ledger; nullptr means no ledger.
class DefectHistory {
 public:
  virtual ~DefectHistory() = default;
  // Defects traced to changes that touched `component`.
  virtual int defects_for(const std::string& component) const = 0;
};

struct RiskInputs {
  const Config& config;
  const ChangeRecord& change;
  const DiffStats& diff;
  const BlastRadius& radius;
  Timestamp now = 0;
  const DefectHistory* history = nullptr;
};

// Every factor appears, in a fixed order, with 0 points when it does not
// apply; the score is their sum clamped to 0..100. Deterministic.
RiskAssessment assess_risk(const RiskInputs& inputs);

// The factor names in report order.
const std::vector<std::string>& risk_factor_names();

}  // namespace changegate
