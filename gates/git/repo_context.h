// What the engine and the checks know about the repository for one run:
// where it is, which commits are compared (and which rule chose the base),
// and what changed between them.
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
  std::string
      base_rule;  // which rule chose the base, for the output ("merge-base with origin/main")
  bool nothing_to_compare = false;  // base equals head: the diff is empty by construction
  bool worktree = false;            // the diff runs to the work tree, not to head
  int dirty_files = 0;  // paths where the index or work tree differ from head (HEAD only)
  DiffStats diff;
  Timestamp head_time = 0;  // committer time of head
  std::string branch;
  std::shared_ptr<const GitRepo> git;  // null outside git
};

struct RepoOptions {
  std::string base;  // --base; empty: the CI's pull/merge request base, then the fallback chain
  std::string head;  // --head; empty: HEAD
  bool worktree = false;  // --worktree: diff base..(index + work tree + untracked files)
};

// Opens `dir`, resolves head and base and computes the diff. The base, when
// not given: GitHub's GITHUB_BASE_REF (merge-base of head with
// origin/$GITHUB_BASE_REF), GitLab's CI_MERGE_REQUEST_DIFF_BASE_SHA, the
// merge-base with origin/main, with main, head's first parent; a candidate
// equal to head is skipped; a root commit is diffed against the empty tree.
// Outside a git work tree returns a context with is_git = false, unless a
// base, head or --worktree was asked for, which is an Error (exit 2), as are
// unresolvable revisions (named, with the fix when the clone is shallow).
RepoContext open_repo_context(const std::string& dir, const RepoOptions& options);
RepoContext open_repo_context(const std::string& dir, const std::string& base_rev,
                              const std::string& head_rev);

}  // namespace changegate
