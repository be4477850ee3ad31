// The little of git that changegate needs, over libgit2: resolving revisions,
// the default base (merge-base with origin/main, else main, else the first
// parent) and the diff base..head with per-file line counts.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace changegate {

struct FileChange {
  std::string path;      // new path ("/"-separated, relative to the repo root)
  std::string old_path;  // differs from path for renames
  char status = 'M';     // A added, D deleted, M modified, R renamed, C copied, T type change
  bool binary = false;
  std::int64_t insertions = 0;
  std::int64_t deletions = 0;
};

struct DiffStats {
  std::vector<FileChange> files;  // sorted by path
  std::int64_t insertions = 0;
  std::int64_t deletions = 0;
};

struct Commit {
  std::string sha;  // full 40-hex id
  std::string author_name;
  std::string author_email;
  std::int64_t time = 0;  // committer time, seconds since the epoch
  std::string message;
};

// An open repository. Every method throws changegate::Error (exit 2) with a
// message naming the repository and the revision when git cannot answer:
//   git: cannot resolve revision "foo" in /path/repo: <libgit2's message>
// Not thread-safe (libgit2 objects are not): one GitRepo per thread.
// How to fetch the history a shallow clone lacks, for error messages.
const char* shallow_fix();

class GitRepo {
 public:
  // Opens the repository containing `dir` (searching upwards, as git does).
  // Returns nullptr when `dir` is in no git repository; throws for a bare
  // repository ("... is a bare repository") or one libgit2 cannot read.
  static std::unique_ptr<GitRepo> open(const std::string& dir);
  ~GitRepo();

  // Absolute path of the work tree's root, without a trailing slash.
  std::string workdir() const;
  // Full sha of any revision git understands ("HEAD", "main", "3f2c9e1", "v1.2^").
  // Throws an Error naming the revision; in a shallow clone the message says
  // so and how to fetch the missing history.
  std::string resolve(const std::string& revision) const;
  // Whether this is a shallow clone (git clone --depth, actions/checkout's default).
  bool is_shallow() const;
  // Whether `sha` is a commit whose parents a shallow clone cut off.
  bool is_shallow_boundary(const std::string& sha) const;
  // The full sha of a revision, or nullopt when the repository has no such
  // object (never throws for a missing one: the caller decides what it means).
  std::optional<std::string> find(const std::string& revision) const;
  // The merge-base of two commits; nullopt when they share no history.
  std::optional<std::string> merge_base(const std::string& a_sha, const std::string& b_sha) const;
  // The first parent of a commit; nullopt for a root commit. A commit whose
  // parents a shallow clone cut off is not a root commit: that is an Error
  // saying how to fetch the history.
  std::optional<std::string> first_parent(const std::string& sha) const;
  // How many tracked paths differ between HEAD, the index and the work tree
  // (staged or unstaged changes; untracked files are not counted).
  int dirty_files() const;
  // Diff between base_sha's tree and the work tree as the index and the
  // files on disk have it (untracked files not ignored by git count as added).
  DiffStats diff_to_worktree(const std::string& base_sha) const;
  // Diff between two commits' trees, renames detected (a renamed and edited
  // file counts once); binary files have 0 line counts. An empty base_sha
  // diffs against the empty tree (for a root commit). The shas may be any
  // revision resolve() accepts.
  DiffStats diff(const std::string& base_sha, const std::string& head_sha) const;
  // Author, committer time and full message of a commit.
  Commit commit(const std::string& sha) const;
  // Commits reachable from head but not from base, oldest first (parents
  // before children); an empty base_sha means all of head's history.
  std::vector<Commit> commits_between(const std::string& base_sha,
                                      const std::string& head_sha) const;
  // The current branch's short name ("feature/x"), or "" when HEAD is
  // detached or the branch has no commit yet.
  std::string branch_name() const;

 private:
  struct Impl;
  explicit GitRepo(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace changegate
