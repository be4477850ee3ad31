// Finding the ledger as every command does (SPEC §7) and recording one
// `check` decision in it, spooling the entry when the ledger is down.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "gates/config.h"
#include "gates/evaluation.h"
#include "gates/ledger/ledger.h"

namespace changegate {

struct LedgerTarget {
  bool configured = false;  // false: no --ledger, $CHANGEGATE_LEDGER or [project] ledger
  std::string source;       // "--ledger", "CHANGEGATE_LEDGER", "changegate.toml [project] ledger"
  LedgerUrl url;
  std::string project;    // the chain: [project] name, origin URL or folder name
  std::string spool_dir;  // where entries wait during an outage
  bool required = false;  // [project] ledger_required
};

// The ledger `--ledger URL` > $CHANGEGATE_LEDGER > `[project] ledger` names
// (`config` may be null: no gate file). Throws changegate::Error (exit 2)
// naming the source when the URL is not sqlite:PATH or postgresql://...
LedgerTarget resolve_ledger_target(const std::string& flag_url, const Config* config,
                                   const std::string& repo_root);

struct RecordResult {
  LedgerStamp stamp;    // what the evaluation's ledger{} block says
  std::string warning;  // for stderr when the entry was spooled or lost; "" otherwise
  bool blocks = false;  // ledger_required and the ledger could not be written
};

// Appends the evaluation (its JSON, without a ledger block) as the next entry
// of target.project. When the ledger cannot be written the entry is spooled
// under target.spool_dir instead — unless target.required, which makes the
// run blocked (and spools nothing: the run has to be repeated). Never throws
// for an unreachable ledger; the cause is in the result.
RecordResult record_evaluation(const nlohmann::json& evaluation_json, const LedgerTarget& target);

// The one-line note `check` prints when no ledger is configured.
extern const char* const k_no_ledger_note;

}  // namespace changegate
