#include "gates/ledger/recorder.h"

#include <cstdlib>

#include "gates/error.h"
#include "gates/inputs.h"
#include "gates/ledger/project_name.h"
#include "gates/ledger/spool.h"

namespace changegate {

const char* const k_no_ledger_note =
    "no ledger configured; this decision was not recorded (set [project] ledger, "
    "CHANGEGATE_LEDGER or --ledger)";

LedgerTarget resolve_ledger_target(const std::string& flag_url, const Config* config,
                                   const std::string& repo_root) {
  LedgerTarget target;
  std::string url;
  const char* env = std::getenv("CHANGEGATE_LEDGER");
  if (!flag_url.empty()) {
    url = flag_url, target.source = "--ledger";
  } else if (env && *env) {
    url = env, target.source = "CHANGEGATE_LEDGER";
  } else if (config && !config->ledger.empty()) {
    url = config->ledger, target.source = display_path(config->path) + ": [project] ledger";
  }
  target.project = project_name_for(config ? config->project_name : "", repo_root);
  target.spool_dir = spool_dir_for(repo_root);
  target.required = config && config->ledger_required;
  if (url.empty()) return target;
  std::string err;
  if (!parse_ledger_url(url, repo_root, &target.url, &err)) throw Error(target.source + ": " + err);
  target.configured = true;
  return target;
}

RecordResult record_evaluation(const nlohmann::json& evaluation_json, const LedgerTarget& target) {
  RecordResult result;
  const EntryDraft draft = make_entry_draft(evaluation_json, target.project, ci_run_url_from_env());
  std::string cause;
  try {
    auto ledger = open_ledger(target.url);
    bool appended = false;
    const LedgerEntry entry = ledger->append(draft, &appended);
    result.stamp.entry = entry.seq;
    result.stamp.hash = entry.hash;
    result.stamp.prev_hash = entry.prev_hash;
    return result;
  } catch (const Error& e) {
    cause = e.what();
  }
  if (target.required) {
    result.blocks = true;
    result.stamp.error = cause;
    result.warning =
        "the ledger is required ([project] ledger_required = true) and could not "
        "be written: " +
        cause + "; this run is blocked";
    return result;
  }
  std::string path, err;
  if (spool_draft(target.spool_dir, draft, &path, &err)) {
    result.stamp.spooled = path;
    result.warning = cause + "; the entry was spooled to " + display_path(path) +
                     " (`changegate ledger sync` appends it once the ledger is back)";
  } else {
    result.stamp.error = cause + "; spooling failed too: " + err;
    result.warning = result.stamp.error + "; this decision was NOT recorded";
  }
  return result;
}

}  // namespace changegate
