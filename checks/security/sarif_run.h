// The per-run state of the SARIF reader (checks/security/sarif_reader.cpp): rules,
// configuration overrides and results folded into compact groups while the
// run streams past, resolved into severities when the run closes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "checks/security/sarif_reader.h"

namespace changegate::sarif::detail {

enum class Level { none, note, warning, error };
std::optional<Level> parse_level(const std::string& text);

struct Rule {
  std::string id;
  std::optional<Level> default_level;
  std::optional<double> security_severity;
  std::string security_severity_text;  // as written, for the report
};

struct Override {
  std::string id;
  std::int64_t index = -1;
  std::int64_t component = -1;  // -1: the driver
  std::optional<Level> level;
};

// What the reader gathers about one result before folding it into a group.
struct PendingResult {
  std::string rule_id;
  std::int64_t rule_index = -1;
  std::int64_t component = -1;  // rule.toolComponent.index; -1: the driver
  std::string component_guid;   // rule.toolComponent.guid, when it names the component so
  std::optional<Level> level;
  std::string kind;  // "" when absent (= fail)
  int suppressions = 0;
  bool all_accepted = true;
  std::string baseline_state;
  std::string uri;
  std::int64_t line = 0;
  std::string message;
  std::vector<std::pair<std::string, std::string>> fingerprints;
};

class RunBuilder {
 public:
  RunBuilder(const ReadOptions& options, RunSummary& run) : options_(options), run_(run) {}

  // Component -1 is the driver, n the n-th tool extension.
  Rule& new_rule(std::int64_t component);
  // A tool component's guid (-1: the driver), for rule.toolComponent.guid.
  void component_guid(std::int64_t component, const std::string& guid) {
    guids_.emplace_back(component, guid);
  }
  Override& new_override() { return overrides_.emplace_back(); }
  // Clears the pending result in place, keeping its strings' capacity: this
  // runs once per result, hundreds of thousands of times in a large log.
  PendingResult& start_result();
  // Whether results need their fingerprints (only when matching a baseline).
  bool wants_identity() const { return options_.match_against || options_.collect_into; }
  PendingResult& pending() { return pending_; }
  void end_result();
  // Resolves every group's severity and writes run_.groups.
  void finish();

 private:
  // A group's key packed in 64 bits (rule reference, level, kind, suppressed,
  // baseline class): one hash lookup per result.
  struct GroupKey {
    int rule_ref;
    int level;  // -1: absent
    int kind;   // index into kinds_; 0: fail (or absent)
    bool suppressed;
    BaselineClass baseline;
    std::uint64_t packed() const {
      return static_cast<std::uint64_t>(static_cast<std::uint32_t>(rule_ref)) << 32 |
             static_cast<std::uint64_t>(level + 1) << 24 | static_cast<std::uint64_t>(kind) << 8 |
             static_cast<std::uint64_t>(suppressed) << 4 | static_cast<std::uint64_t>(baseline);
    }
  };
  struct RuleRef {
    std::string id;
    std::int64_t index;
    std::int64_t component;
    std::string guid;
  };
  struct Found {
    const Rule* rule = nullptr;
    std::int64_t index = -1;
    std::int64_t component = -1;
  };

  int intern(const PendingResult& r);
  Found find_rule(RuleRef ref);
  Found find_by_id(const std::string& id, std::int64_t component);
  const std::vector<Rule>* rules_of(std::int64_t component) const;

  const ReadOptions& options_;
  RunSummary& run_;
  PendingResult pending_;
  std::vector<Rule> driver_rules_;
  std::vector<std::vector<Rule>> extension_rules_;
  std::vector<Override> overrides_;
  std::vector<std::pair<std::int64_t, std::string>> guids_;
  std::vector<RuleRef> refs_;
  std::unordered_map<std::string, int> ref_ids_;
  std::unordered_map<std::uint64_t, std::pair<GroupKey, Group>> groups_;
  std::vector<std::string> kinds_{""};
};

// The identity a baseline matches on (see Baseline in sarif_reader.h).
Baseline::Identity identity_of(const PendingResult& r);

}  // namespace changegate::sarif::detail
