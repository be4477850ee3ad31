// The [risk] and [[freeze]] sections of the gate file: how the risk score is
// weighted, where the level thresholds sit, which paths are migrations,
// freeze windows, and obligations by level ([[risk.require]]).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gates/evaluation.h"
#include "gates/util/timestamp.h"

namespace changegate {

class TableReader;

struct RiskLevelThresholds {
  int medium = 30;
  int high = 60;
  int critical = 85;
};

// Every weight's default is documented in docs/risk.md; keep the two in step.
struct RiskWeights {
  int change_size = 20;  // points at size_saturation changed lines, pro rata below
  int size_saturation = 1000;
  int files_touched = 10;  // points at files_saturation files, pro rata below
  int files_saturation = 50;
  std::vector<int> tier = {20, 10, 5};           // highest tier touched: tier 1, 2, 3
  std::vector<int> downstream_tier = {6, 3, 1};  // per reached downstream component by tier
  int downstream_max = 20;
  std::map<std::string, int> data = {{"pii", 15}, {"financial", 10}};
  int migration = 15;
  std::map<std::string, int> change_type = {{"emergency", 15}, {"migration", 10}, {"docs", -10}};
  int freeze = 25;
  int waiver = 5;  // per waiver naming the change
  int waiver_max = 15;
  int defect = 5;  // per defect traced to a touched component (ledger)
  int defect_max = 20;
};

// A freeze: either a fixed interval [from, to) or a weekly window such as
// Friday 15:00 to Monday 08:00 (UTC).
struct FreezeWindow {
  std::string name;
  std::string reason;
  std::optional<Timestamp> from, to;
  int weekly_from = -1, weekly_to = -1;  // minutes since Monday 00:00 UTC
  std::string weekly_text;               // "Fri 15:00 to Mon 08:00" as written
  int line = 0;

  bool contains(Timestamp t) const;
  std::string describe() const;
};

// Extra obligations from a risk level on, evaluated as a gate "risk-<level>"
// (or the given id).
struct RiskRequirement {
  std::string id;
  RiskLevel at_least = RiskLevel::high;
  std::optional<int> min_approvals;
  bool rollback_tested = false;
  int line = 0;
};

struct RiskConfig {
  RiskLevelThresholds levels;
  RiskWeights weights;
  std::vector<std::string> migration_paths;
  std::vector<FreezeWindow> freezes;
  std::vector<RiskRequirement> requirements;

  RiskLevel level_for(int score) const;
};

// Reads [risk] (levels, weights, migration_paths, require) into `out`;
// throws changegate::Error with file:line for bad values.
void read_risk_config(const TableReader& risk, RiskConfig& out);
// Reads one [[freeze]] table.
FreezeWindow read_freeze(const TableReader& freeze);

// "Fri 15:00" -> minutes since Monday 00:00; -1 when malformed.
int parse_weekly_time(const std::string& text);

}  // namespace changegate
