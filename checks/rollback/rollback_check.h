// `rollback` gate (SPEC §4.4): the change record carries a real rollback
// plan — not a placeholder — with steps, a runbook that exists, a time to
// roll back within the RTO, a tested rollback when the risk calls for it, and
// a down migration when migrations are touched.
#pragma once

#include <memory>
#include <vector>

#include "gates/check.h"

namespace changegate {

extern const std::vector<GateKey> k_rollback_keys;
std::unique_ptr<Check> load_rollback_check(const TableReader& gate);

// Whether a plan or step says nothing a person could act on: empty, "TBD",
// "N/A", "-", "revert", "git revert the PR", ... Exposed for tests.
bool is_placeholder(const std::string& text);

}  // namespace changegate
