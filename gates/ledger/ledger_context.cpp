#include "gates/ledger/ledger_context.h"

#include <filesystem>
#include <optional>

#include "gates/config.h"
#include "gates/error.h"
#include "gates/git/git_repo.h"
#include "gates/inputs.h"

namespace changegate {

LedgerContext find_ledger_context(const std::string& repo_dir, const std::string& config_path,
                                  const std::string& ledger_flag, const std::string& project,
                                  const GateKinds& kinds) {
  LedgerContext c;
  auto git = GitRepo::open(repo_dir);
  c.repo_root =
      git ? git->workdir() : std::filesystem::absolute(repo_dir).lexically_normal().string();
  const std::string path = config_path_for(config_path, c.repo_root);
  std::optional<Config> config;
  if (!config_path.empty() || std::filesystem::exists(path)) config = load_config(path, kinds);
  c.target = resolve_ledger_target(ledger_flag, config ? &*config : nullptr, c.repo_root);
  if (!project.empty()) c.target.project = project;
  return c;
}

std::unique_ptr<Ledger> open_context_ledger(const LedgerContext& c, bool create) {
  if (!c.target.configured)
    throw Error(
        "no ledger configured: set [project] ledger in the gate file, "
        "CHANGEGATE_LEDGER or --ledger URL");
  LedgerOpenOptions options;
  options.create = create;
  return open_ledger(c.target.url, options);
}

}  // namespace changegate
