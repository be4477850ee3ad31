#include "gates/git/repo_context.h"

#include <filesystem>

#include "gates/error.h"

namespace changegate {

RepoContext open_repo_context(const std::string& dir, const std::string& base_rev,
                              const std::string& head_rev) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw Error(dir + ": --repo is not a directory");
  RepoContext ctx;
  ctx.root = std::filesystem::absolute(dir).lexically_normal().string();
  if (ctx.root.size() > 1 && ctx.root.back() == '/') ctx.root.pop_back();
  std::shared_ptr<GitRepo> git = GitRepo::open(dir);
  if (!git) {
    if (!base_rev.empty() || !head_rev.empty())
      throw Error(dir + ": --base/--head given, but this is not a git work tree");
    return ctx;
  }
  ctx.is_git = true;
  ctx.root = git->workdir();
  if (ctx.root.size() > 1 && ctx.root.back() == '/') ctx.root.pop_back();
  ctx.head = git->resolve(head_rev.empty() ? "HEAD" : head_rev);
  if (!base_rev.empty()) {
    ctx.base = git->resolve(base_rev);
  } else if (auto base = git->default_base(ctx.head)) {
    ctx.base = *base;
  }
  // A root commit (no base) is diffed against the empty tree: every file is
  // added, so `when.paths` can still select gates.
  ctx.diff = git->diff(ctx.base, ctx.head);
  ctx.head_time = git->commit(ctx.head).time;
  ctx.branch = git->branch_name();
  ctx.git = git;
  return ctx;
}

}  // namespace changegate
