// The interface every gate kind implements (checks/<kind>/) and the
// registry row that introduces a kind to the loader, `--help` and `validate`.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
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
  std::unique_ptr<Check> (*load)(const TableReader& gate);
};

// The gate kinds a gate file may use, in the order --help lists them. gates/
// never names a kind: the CLI passes checks::registry() (checks/registry.h),
// tests may pass their own.
class GateKinds {
 public:
  GateKinds() = default;
  explicit GateKinds(std::vector<GateKind> kinds) : kinds_(std::move(kinds)) {}

  // The kind called `name`, or nullptr.
  const GateKind* find(const std::string& name) const {
    for (const auto& kind : kinds_)
      if (kind.name == name) return &kind;
    return nullptr;
  }
  // Every kind's name, in order (for "did you mean" suggestions).
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& kind : kinds_) out.push_back(kind.name);
    return out;
  }
  std::vector<GateKind>::const_iterator begin() const { return kinds_.begin(); }
  std::vector<GateKind>::const_iterator end() const { return kinds_.end(); }

 private:
  std::vector<GateKind> kinds_;
};

}  // namespace changegate
