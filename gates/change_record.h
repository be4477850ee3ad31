// The change record (.changegate/change.toml or .json, SPEC §3): what the
// change is, how to roll it back, who approved it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gates/util/timestamp.h"

namespace changegate {

struct Rollback {
  std::string plan;
  std::vector<std::string> steps;
  std::optional<bool> tested;
  std::optional<Timestamp> tested_at;
  std::string runbook;
  std::optional<std::int64_t> max_minutes;
  std::string down_migration;
  int line = 0;
};

struct Approval {
  std::string by;
  std::optional<Timestamp> at;
  std::string commit;
  int line = 0;
};

struct ChangeRecord {
  bool present = false;  // false: no record file; id from env or branch
  std::string path;      // the record file, when present
  std::string sha256;    // of the record file's bytes, when present
  std::string id;
  std::string id_source;  // "record", "CHANGEGATE_CHANGE_ID", "branch" or "none"
  std::string title;
  std::string type;
  std::string author;
  std::vector<std::string> tickets;
  std::vector<std::string> fixes;
  std::string summary;
  std::optional<Rollback> rollback;
  std::vector<Approval> approvals;
};

// The change types SPEC §3 allows, in the order it lists them.
const std::vector<std::string>& change_types();

// Loads a record by extension (.json is JSON, anything else TOML). Throws
// changegate::Error "PATH:LINE: key: problem" for unreadable or invalid input.
ChangeRecord load_change_record(const std::string& path);
// The same over text in memory (tests, fuzzing); `json` picks the syntax.
ChangeRecord parse_change_record(const std::string& text, const std::string& path, bool json);

}  // namespace changegate
