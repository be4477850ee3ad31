// Finding a run's inputs the way SPEC §1 says: the gate file at the repo
// root, the change record at .changegate/change.toml (or .json), and a change
// id that falls back to $CHANGEGATE_CHANGE_ID, then the branch name.
#pragma once

#include <string>

#include "gates/change_record.h"

namespace changegate {

// `explicit_path` if given, else ROOT/changegate.toml.
std::string config_path_for(const std::string& explicit_path, const std::string& repo_root);

// Loads the record at `explicit_path` (which must exist), else the default
// one when present; otherwise returns a record with present = false and the
// fallback id. Throws changegate::Error for an invalid record.
ChangeRecord load_change_for(const std::string& explicit_path, const std::string& repo_root,
                             const std::string& branch);

// A path as the user should read it: relative to the working directory when
// under it, else absolute.
std::string display_path(const std::string& path);

// A path as the evaluation records it: relative to the repository root when
// inside it (the same on every machine and in every CI workspace), else absolute.
std::string repo_relative(const std::string& path, const std::string& repo_root);

}  // namespace changegate
