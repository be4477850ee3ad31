// What the engine and the checks know about the repository for one run:
// where it is, which commits are compared, and what changed between them.
#pragma once

#include <memory>
#include <string>

#include "gates/git/git_repo.h"
#include "gates/util/timestamp.h"

namespace changegate {

struct RepoContext {
  std::string root;  // absolute work-tree directory (or the directory given, outside git)
  bool is_git = false;
  std::string head;  // full sha
  std::string base;  // full sha; "" when there is none (root commit)
  DiffStats diff;
  Timestamp head_time = 0;  // committer time of head
  std::string branch;
  std::shared_ptr<const GitRepo> git;  // null outside git
};

// Opens `dir`, resolves head (default "HEAD") and base (default per SPEC §1)
// and computes the diff. Outside a git work tree returns a context with
// is_git = false, unless a base or head was asked for explicitly, which is
// an Error (exit 2). Unresolvable revisions are Errors naming them.
RepoContext open_repo_context(const std::string& dir, const std::string& base_rev,
                              const std::string& head_rev);

}  // namespace changegate
