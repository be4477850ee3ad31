#include "gates/git/remote_url.h"

#include <git2.h>

namespace changegate {

std::string remote_url(const std::string& dir, const std::string& name) {
  // Same process-wide set-up as git_repo.cpp (owner validation off: CI and
  // tests open repositories owned by another user; we only read config).
  static const bool k_ready = [] {
    git_libgit2_init();
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    return true;
  }();
  (void)k_ready;
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, dir.c_str(), 0, nullptr) != 0) return "";
  std::string url;
  git_remote* remote = nullptr;
  if (git_remote_lookup(&remote, repo, name.c_str()) == 0) {
    if (const char* u = git_remote_url(remote)) url = u;
    git_remote_free(remote);
  }
  git_repository_free(repo);
  return url;
}

}  // namespace changegate
