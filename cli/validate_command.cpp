// `changegate validate`: load and check the gate file and change record
// exactly as `check` would, evaluate nothing.
#include <filesystem>
#include <iostream>

#include "checks/registry.h"
#include "cli/commands.h"
#include "gates/blast_radius.h"
#include "gates/config.h"
#include "gates/error.h"
#include "gates/git/git_repo.h"
#include "gates/inputs.h"
#include "gates/risk_explain.h"
#include "gates/util/strings.h"

namespace changegate::cli {

int run_validate(const ValidateOptions& options) {
  std::string root = ".";
  std::string branch;
  if (auto git = GitRepo::open(".")) {
    root = git->workdir();
    branch = git->branch_name();
  }
  const Config config = load_config(config_path_for(options.config, root), checks::registry());
  const ChangeRecord change = load_change_for(options.change, root, branch);
  std::cout << "ok: " << config.path << ": "
            << plural(static_cast<std::int64_t>(config.gates.size()), "gate") << ", "
            << plural(static_cast<std::int64_t>(config.components.size()), "component") << ", "
            << plural(static_cast<std::int64_t>(config.waivers.size()), "waiver") << "\n";
  for (const auto& cycle : downstream_cycles(config))
    std::cout << "warning: " << config.path << ": downstream cycle " << cycle
              << " (reported, never looped over)\n";
  if (options.explain_risk) std::cout << explain_risk_config(config.risk);
  if (change.present)
    std::cout << "ok: " << change.path << ": change " << change.id << "\n";
  else
    std::cout << "note: no change record; change id "
              << (change.id.empty() ? "unknown" : "\"" + change.id + "\" from " + change.id_source)
              << "\n";
  return k_exit_pass;
}

}  // namespace changegate::cli
