// Runs one gate from a gate-file snippet against a change and a directory,
// the way the engine would, for the per-kind check tests.
#pragma once

#include <string>

#include "checks/registry.h"
#include "gates/config.h"
#include "gates/evaluation.h"
#include "gates/git/repo_context.h"

namespace changegate::testing {

struct GateRun {
  Config config;
  GateResult result;
};

// `gate_toml` is the body of one [[gate]] (id and kind included).
inline GateRun run_gate(const std::string& gate_toml, const ChangeRecord& change,
                        const RepoContext& repo, Timestamp now,
                        std::optional<RiskLevel> risk = std::nullopt) {
  GateRun run{parse_config("[[gate]]\n" + gate_toml, "changegate.toml", checks::registry()), {}};
  const GateConfig& gate = run.config.gates.at(0);
  run.result.id = gate.id;
  run.result.kind = gate.kind;
  const CheckContext ctx{change, repo, run.config, now, risk};
  gate.check->evaluate(ctx, run.result);
  return run;
}

}  // namespace changegate::testing
