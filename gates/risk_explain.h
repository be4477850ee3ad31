// The effective risk configuration as text, for `validate --explain-risk`:
// every weight (defaults included), the level thresholds, migration paths,
// freeze windows and obligations, so a reviewer can redo a score by hand.
#pragma once

#include <string>

#include "gates/risk_config.h"

namespace changegate {

std::string explain_risk_config(const RiskConfig& risk);

}  // namespace changegate
