// Runs the configured gates against one change and assembles the
// evaluation: selection (--only, `when`), each check, waivers, verdict.
#pragma once

#include <string>
#include <vector>

#include "gates/change_record.h"
#include "gates/config.h"
#include "gates/evaluation.h"
#include "gates/git/repo_context.h"
#include "gates/risk.h"

namespace changegate {

struct RunOptions {
  std::vector<std::string> only;  // gate ids; empty = all
  Timestamp now = 0;
  std::string tool_version;
  const DefectHistory* history = nullptr;  // the ledger's, when one is configured
};

// Evaluates every gate in file order. Throws changegate::Error (exit 2) only
// for an --only id that names no gate; every other problem lands in a gate's
// status (error), never in a silent pass.
Evaluation evaluate(const Config& config, const ChangeRecord& change, const RepoContext& repo,
                    const RunOptions& options);

}  // namespace changegate
