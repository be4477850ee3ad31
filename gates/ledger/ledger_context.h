// How every `ledger` subcommand finds its repository, gate file and ledger:
// exactly as `check` does (--repo, --config, --ledger, $CHANGEGATE_LEDGER,
// [project] ledger; gates/ledger/recorder.h).
#pragma once

#include <memory>
#include <string>

#include "gates/check.h"
#include "gates/ledger/ledger.h"
#include "gates/ledger/recorder.h"

namespace changegate {

struct LedgerContext {
  std::string repo_root;
  LedgerTarget target;
};

// The repository containing `repo_dir` (or `repo_dir` itself outside git),
// its gate file when there is one (`config_path`, else REPO/changegate.toml
// if present) and the ledger it names; `project` overrides the project.
// Throws changegate::Error for an invalid gate file or ledger URL.
LedgerContext find_ledger_context(const std::string& repo_dir, const std::string& config_path,
                                  const std::string& ledger_flag, const std::string& project,
                                  const GateKinds& kinds);

// Opens the context's ledger. Throws changegate::Error when none is
// configured or it cannot be opened (readers, `create` false, refuse a
// missing SQLite file).
std::unique_ptr<Ledger> open_context_ledger(const LedgerContext& context, bool create);

}  // namespace changegate
