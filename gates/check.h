// The interface every gate kind implements (checks/<kind>/) and the
// registry row that introduces a kind to the loader, `--help` and `validate`.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gates/change_record.h"
#include "gates/evaluation.h"
#include "gates/git/repo_context.h"
#include "gates/net/scrub.h"
#include "gates/table_reader.h"

namespace changegate {

struct Config;

struct CheckContext {
  const ChangeRecord& change;
  const RepoContext& repo;
  const Config& config;
  Timestamp now = 0;
  // nullopt until the risk engine runs; checks with a risk-dependent rule
  // must then apply the rule (the conservative choice).
  std::optional<RiskLevel> risk_level;
  // The run's secrets: a check adds every token, password or header value it
  // reads, and the engine scrubs them from every result (gates/net/scrub.h).
  Secrets* secrets = nullptr;
};

class Check {
 public:
  virtual ~Check() = default;
  // Sets result.status to pass, fail or error and fills summary, details,
  // comparisons, problems and evidence. An exception escaping here is turned
  // into status error by the engine; a check must never pass on evidence it
  // could not read.
  virtual void evaluate(const CheckContext& ctx, GateResult& result) const = 0;
};

struct GateKey {
  std::string name;
  std::string type;  // as shown in --help: "globs", "integer", "table", ...
  std::string help;
};

// One row of the registry. `load` reads the kind's own keys from the gate's
// table (the common keys are already checked) and throws changegate::Error
// with file:line for bad values.
struct GateKind {
  std::string name;
  std::string description;
  std::vector<GateKey> keys;
  std::unique_ptr<Check> (*load)(const TableReader& gate, const Config& config);
};

// Every gate kind, in the order --help lists them (checks/registry.cpp).
const std::vector<GateKind>& gate_kinds();
const GateKind* find_gate_kind(const std::string& name);

}  // namespace changegate
