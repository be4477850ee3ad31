// Which waiver, if any, covers a failed or errored gate for this change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gates/config.h"
#include "gates/git/repo_context.h"

namespace changegate {

struct WaiverMatch {
  const WaiverConfig* active = nullptr;      // unexpired and covering: use it
  std::vector<const WaiverConfig*> expired;  // covering but expired: report them
};

// A waiver covers the change when it names the change's id, or when it says
// change = "*" and every changed file lies under its `paths` or in one of its
// `components` (a change that also touches anything else is not covered).
// It is active while now < expires.
WaiverMatch find_waiver(const Config& config, const std::string& gate_id,
                        const std::string& change_id, const RepoContext& repo, Timestamp now);

}  // namespace changegate
