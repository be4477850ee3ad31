// `security` gate (SPEC §4.3): SARIF 2.1.0 scan results stay within the
// thresholds. Severity is the rule's security-severity band, else the
// result's level (result, configuration override, rule default, `warning`);
// `fail_on` is one threshold over both scales, `max_findings` per-severity
// budgets. Suppressed (accepted) results and, with `new_only`, results the
// baseline already had do not count. A run that did not execute cleanly is
// an error, never a pass.
#pragma once

#include <memory>
#include <vector>

#include "gates/check.h"

namespace changegate {

extern const std::vector<GateKey> k_security_keys;
std::unique_ptr<Check> load_security_check(const TableReader& gate);

}  // namespace changegate
