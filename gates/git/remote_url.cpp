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
  // The configured URL read as a plain config value: git_remote_lookup
  // would also scan the config with a regex (pcre2), which leaks its match
  // data in Debian's libgit2 1.5 (LeakSanitizer finds it), and a remote's
  // insteadOf rewrites do not matter for naming the project.
  std::string url;
  git_config* config = nullptr;
  if (git_repository_config_snapshot(&config, repo) == 0) {
    const char* value = nullptr;
    if (git_config_get_string(&value, config, ("remote." + name + ".url").c_str()) == 0 && value)
      url = value;
    git_config_free(config);
  }
  git_repository_free(repo);
  return url;
}

}  // namespace changegate
