#include "gates/git/repo_context.h"

#include <cstdlib>
#include <filesystem>

#include "gates/error.h"
#include "gates/util/strings.h"

namespace changegate {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

struct BaseChoice {
  std::string sha;  // "" for a root commit
  std::string rule;
};

// A base the CI named must exist: a missing one is never silently replaced
// by a guess, which could gate a different diff than the pull request's.
std::string must_find(const GitRepo& git, const std::string& revision, const std::string& why) {
  if (auto sha = git.find(revision)) return *sha;
  std::string message = "git: " + why + ": " + quoted(revision) + " is not in " + git.workdir();
  message += git.is_shallow() ? ": this is a shallow clone. " + std::string(shallow_fix())
                              : ". Fetch it (git fetch origin), or pass --base.";
  throw Error(message);
}

// The pull/merge request's base from the CI, if the CI says.
std::optional<BaseChoice> base_from_ci(const GitRepo& git, const std::string& head) {
  // GitHub sets GITHUB_BASE_REF (empty outside pull_request events).
  if (const std::string ref = env("GITHUB_BASE_REF"); !ref.empty()) {
    const std::string tip =
        must_find(git, "refs/remotes/origin/" + ref, "GITHUB_BASE_REF names origin/" + ref);
    auto base = git.merge_base(tip, head);
    if (!base)
      throw Error(
          "git: head " + head.substr(0, 12) + " shares no history with origin/" + ref +
          (git.is_shallow() ? ": this is a shallow clone. " + std::string(shallow_fix()) : ""));
    if (*base != head)
      return BaseChoice{*base, "merge-base with origin/" + ref + " (GITHUB_BASE_REF)"};
  }
  if (const std::string sha = env("CI_MERGE_REQUEST_DIFF_BASE_SHA"); !sha.empty()) {
    const std::string base = must_find(git, sha, "CI_MERGE_REQUEST_DIFF_BASE_SHA");
    if (base != head) return BaseChoice{base, "CI_MERGE_REQUEST_DIFF_BASE_SHA"};
  }
  return std::nullopt;
}

BaseChoice choose_base(const GitRepo& git, const std::string& head) {
  if (auto ci = base_from_ci(git, head)) return *ci;
  // Full ref names, so that a tag called "main" cannot shadow the branch.
  for (const char* ref : {"refs/remotes/origin/main", "refs/heads/main"}) {
    const auto tip = git.find(ref);
    if (!tip) continue;
    const auto base = git.merge_base(*tip, head);
    // A merge-base equal to head (head is main, or already merged into it)
    // would gate an empty diff; the commit's own change is what matters then.
    if (!base || *base == head) continue;
    return {*base, std::string("merge-base with ") + (ref[5] == 'r' ? "origin/main" : "main")};
  }
  if (auto parent = git.first_parent(head)) return {*parent, "first parent of head"};
  return {"", "root commit: diffed against the empty tree"};
}

}  // namespace

RepoContext open_repo_context(const std::string& dir, const RepoOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw Error(dir + ": --repo is not a directory");
  RepoContext ctx;
  ctx.root = std::filesystem::absolute(dir).lexically_normal().string();
  if (ctx.root.size() > 1 && ctx.root.back() == '/') ctx.root.pop_back();
  std::shared_ptr<GitRepo> git = GitRepo::open(dir);
  if (!git) {
    if (!options.base.empty() || !options.head.empty() || options.worktree)
      throw Error(dir + ": --base/--head/--worktree given, but this is not a git work tree");
    return ctx;
  }
  ctx.is_git = true;
  ctx.root = git->workdir();
  if (ctx.root.size() > 1 && ctx.root.back() == '/') ctx.root.pop_back();
  ctx.head = git->resolve(options.head.empty() ? "HEAD" : options.head);
  if (!options.base.empty()) {
    ctx.base = git->resolve(options.base);
    ctx.base_rule = "--base " + options.base;
    ctx.nothing_to_compare = ctx.base == ctx.head && !options.worktree;
  } else {
    const BaseChoice choice = choose_base(*git, ctx.head);
    ctx.base = choice.sha;
    ctx.base_rule = choice.rule;
  }
  const auto head_commit = git->find("HEAD");
  if (head_commit && *head_commit == ctx.head) ctx.dirty_files = git->dirty_files();
  ctx.worktree = options.worktree;
  if (options.worktree) {
    if (!head_commit || *head_commit != ctx.head)
      throw Error("--worktree compares the work tree, which is checked out at HEAD: --head " +
                  options.head + " is another commit");
    ctx.diff = git->diff_to_worktree(ctx.base);
  } else {
    // A root commit (no base) is diffed against the empty tree: every file is
    // added, so `when.paths` can still select gates.
    ctx.diff = git->diff(ctx.base, ctx.head);
  }
  ctx.head_time = git->commit(ctx.head).time;
  ctx.branch = git->branch_name();
  ctx.git = git;
  return ctx;
}

RepoContext open_repo_context(const std::string& dir, const std::string& base_rev,
                              const std::string& head_rev) {
  return open_repo_context(dir, RepoOptions{base_rev, head_rev, false});
}

}  // namespace changegate
