// The gate file (changegate.toml, SPEC §2): project, components, teams,
// gates and waivers, validated strictly on load.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gates/check.h"
#include "gates/evaluation.h"
#include "gates/risk_config.h"
#include "gates/util/timestamp.h"

namespace changegate {

struct Component {
  std::string id;
  std::vector<std::string> paths;  // globs; empty for consumers outside the repo
  std::vector<std::string> owners;
  std::optional<int> tier;  // 1 = most critical
  std::vector<std::string> data;
  std::vector<std::string> downstream;
  int line = 0;
};

// A gate's `when`: every condition given must hold for the gate to run.
struct When {
  std::vector<std::string> paths;  // some changed file matches one of these globs
  std::vector<std::string> change_types;
  std::optional<RiskLevel> risk_at_least;
};

struct GateConfig {
  std::string id;
  std::string kind;
  std::string description;
  Severity severity = Severity::block;
  bool on_error_blocks = true;
  std::optional<When> when;
  std::shared_ptr<const Check> check;
  int line = 0;
};

struct WaiverConfig {
  std::string gate;
  std::string change;  // a change id, or "*" with paths/components
  std::vector<std::string> paths;
  std::vector<std::string> components;
  std::string reason;
  std::string approved_by;
  Timestamp expires =
      0;  // a bare date means 00:00 UTC that day: the waiver no longer applies on it
  int line = 0;
};

struct Config {
  std::string path;
  std::string sha256;
  std::string project_name;
  std::string ledger;                 // ledger URL (gates/ledger/ledger.h); "" = none configured
  bool ledger_required = false;       // an unwritable ledger blocks the run
  std::vector<Component> components;  // in file order: the first match wins
  std::map<std::string, std::vector<std::string>> teams;
  std::vector<GateConfig> gates;
  std::vector<WaiverConfig> waivers;
  RiskConfig risk;

  const Component* find_component(const std::string& id) const;
  const GateConfig* find_gate(const std::string& id) const;
  // The component whose paths match `path` first, or nullptr ("(unowned)").
  const Component* component_of(const std::string& file) const;
};

// The keys every [[gate]] takes whatever its kind, read by the config loader
// itself before it calls the kind's `load`.
extern const std::vector<std::string> k_common_gate_keys;

// Loads and validates a gate file; a gate's `kind` must be one of `kinds`
// (the CLI passes checks::registry()). Throws changegate::Error with
// "PATH:LINE: context: problem" for anything invalid (exit 2); a path that
// is not a regular file, and a file that declares no gate and no component
// (nothing to evaluate), are invalid too.
Config load_config(const std::string& path, const GateKinds& kinds);
// The same from text already read; it accepts a file with nothing to
// evaluate (tests build configs from fragments).
Config parse_config(const std::string& text, const std::string& path, const GateKinds& kinds);

}  // namespace changegate
