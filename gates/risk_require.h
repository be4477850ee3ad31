// The gate a [[risk.require]] table adds: from a risk level on, the change
// must carry extra approvals and/or a tested rollback. Below the level the
// engine skips it. Not in the registry: it comes from [risk], not [[gate]].
#pragma once

#include <memory>

#include "gates/check.h"
#include "gates/risk_config.h"

namespace changegate {

constexpr const char* k_risk_require_kind = "risk";

std::unique_ptr<Check> make_risk_require_check(const RiskRequirement& requirement);

// Distinct approvers in the change record other than its author.
int independent_approvals(const ChangeRecord& change);

}  // namespace changegate
