// `changegate golden snapshot GATE_ID`: write a golden gate's expected file
// from the current candidate (the logic is in checks/golden/golden_check.cpp).
#include <iostream>

#include "checks/golden/golden_check.h"
#include "checks/registry.h"
#include "cli/commands.h"
#include "gates/config.h"
#include "gates/error.h"
#include "gates/inputs.h"
#include "gates/util/suggest.h"

namespace changegate::cli {

int run_golden_snapshot(const GoldenSnapshotOptions& options) {
  const RepoContext repo = open_repo_context(options.repo, "", "");
  const Config config = load_config(config_path_for(options.config, repo.root), checks::registry());
  const GateConfig* gate = config.find_gate(options.gate_id);
  if (!gate) {
    std::vector<std::string> ids;
    for (const auto& g : config.gates) ids.push_back(g.id);
    throw Error(display_path(config.path) + ": no gate \"" + options.gate_id + "\"" +
                did_you_mean(options.gate_id, ids));
  }
  const GoldenSnapshot snapshot = write_golden_snapshot(*gate, repo.root, options.force);
  if (!snapshot.changed)
    std::cout << snapshot.path << ": unchanged (" << snapshot.groups << " groups)\n";
  else
    std::cout << (snapshot.existed ? "overwrote " : "wrote ") << snapshot.path << " ("
              << snapshot.groups << " groups): review and commit it\n";
  return k_exit_pass;
}

}  // namespace changegate::cli
