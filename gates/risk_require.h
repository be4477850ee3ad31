// The gate a [[risk.require]] table adds: from a risk level on, the change
// must carry extra approvals and/or a tested rollback. Below the level the
// engine skips it. Not in the registry: it comes from [risk], not [[gate]].
//
// Approvals are counted by the same code as the review gate's
// (gates/approvals.h): through the first gate in the file that is an
// ApprovalSource (the review gate, with its source, token and policy), else
// from the change record with the review gate's defaults.
#pragma once

#include <memory>

#include "gates/check.h"
#include "gates/risk_config.h"

namespace changegate {

constexpr const char* k_risk_require_kind = "risk";

std::unique_ptr<Check> make_risk_require_check(const RiskRequirement& requirement);

}  // namespace changegate
