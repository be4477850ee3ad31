// The outage spool: entries that could not be written to the ledger wait
// here, one file each, until `ledger sync` chains them (docs/ledger.md).
#pragma once

#include <string>
#include <vector>

#include "gates/ledger/entry.h"

namespace changegate {

class Ledger;

// $CHANGEGATE_SPOOL_DIR if set, else REPO/.changegate/spool.
std::string spool_dir_for(const std::string& repo_root);

// Writes `draft` to DIR/<evaluated_at>-<evaluation_id>.json atomically
// (temporary file, fsync, rename), creating DIR. Returns false with `*err`
// when the file cannot be written.
bool spool_draft(const std::string& dir, const EntryDraft& draft, std::string* path,
                 std::string* err);

struct SyncResult {
  int appended = 0;                   // new entries chained now
  int already_present = 0;            // evaluation_id found in the ledger: not appended again
  std::vector<std::string> problems;  // spool files left in place, with why
};

// Appends every spooled draft in DIR to `ledger`, oldest first, and removes
// each file once its entry is stored; a draft whose evaluation_id is already
// in the ledger is removed without a second entry. A file that cannot be read
// stays and is named in problems. Throws changegate::Error when the ledger
// fails (the files not yet synced stay for the next sync).
SyncResult sync_spool(Ledger& ledger, const std::string& dir);

}  // namespace changegate
