// `review` gate (SPEC §4.2): enough approvals from people other than the
// author, on the commit being gated, from the owners of every changed file,
// with no outstanding "changes requested". Approvals come from the change
// record, git trailers, or the GitHub / GitLab API (checks/review/review_sources.h).
#pragma once

#include <memory>
#include <vector>

#include "gates/check.h"

namespace changegate {

extern const std::vector<GateKey> k_review_keys;
std::unique_ptr<Check> load_review_check(const TableReader& gate);

}  // namespace changegate
