// Streaming reader for SARIF 2.1.0 logs (static analysers, secret and
// container scanners). The file goes through nlohmann_json's SAX interface in
// 1 MiB chunks, so memory grows with the number of distinct rules, not with
// the file: each result is folded into a group keyed by its rule reference and
// the facts that decide whether it counts, and a few samples per group are
// kept for the report. Rule facts (security-severity, default level) are
// resolved when the run closes, because `tool.driver.rules` may come after
// `results` in a run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace changegate::sarif {

// One scale over SARIF levels and GitHub's security-severity bands. rank()
// puts them on one ladder so `fail_on` can mix them: critical 4, high and
// error 3, medium and warning 2, low and note 1, none 0.
enum class Severity { critical, high, medium, low, error, warning, note, none };

const char* to_string(Severity severity);
int rank(Severity severity);
std::optional<Severity> parse_severity(const std::string& text);
// Every severity, most severe first (for tables and budgets).
const std::vector<Severity>& all_severities();

// How a result relates to the baseline: SARIF's baselineState new, or absent
// from the baseline file (new_); unchanged/updated, or matched in the baseline
// file (existing); no baselineState and no baseline file (unknown).
enum class BaselineClass { new_, existing, unknown };

// One finding kept for the report.
struct Sample {
  std::string uri;  // first location's artifact URI, "" when none
  std::int64_t line = 0;
  std::string message;  // cut to at most 300 bytes on a UTF-8 boundary
};

// Results of one run that share rule, effective severity and disposition.
struct Group {
  std::string rule_id;  // "" when the result names no rule
  Severity severity = Severity::warning;
  // "security-severity 8.1", "result level", "rule default level",
  // "ruleConfigurationOverrides", "default warning", "kind open".
  std::string severity_source;
  bool suppressed = false;  // suppressions present and all accepted (or without status)
  BaselineClass baseline = BaselineClass::unknown;
  std::int64_t count = 0;
  std::vector<Sample> samples;
};

struct RunSummary {
  std::string tool;  // tool.driver.name; "(unnamed tool)" when empty or null
  std::string tool_version;
  bool has_results = false;  // a results array was present (null or absent: not determined)
  std::int64_t results = 0;  // results read, absent (baselineState "absent") ones excluded
  std::int64_t absent = 0;   // results with baselineState "absent": gone, never counted
  // "executionSuccessful is false" and each error-level tool execution or
  // configuration notification: the run cannot be trusted to be complete.
  std::vector<std::string> execution_errors;
  std::vector<std::string> warnings;  // e.g. a ruleIndex out of range
  std::vector<Group> groups;
};

struct LogSummary {
  std::string version;
  std::vector<RunSummary> runs;
  std::string sha256;  // hex digest of the file's bytes
  std::uint64_t bytes = 0;
};

// Known results of a baseline scan, to decide which current results are new.
// A result is known when any of its (partial)fingerprints matches a baseline
// result's, else when its rule id + artifact URI + normalised message
// (lower-cased, digits and whitespace folded; never the line, lines move)
// matches one not yet matched.
class Baseline {
 public:
  struct Identity {
    std::vector<std::uint64_t> fingerprints;
    std::uint64_t fallback = 0;
  };
  void add(const Identity& identity);
  // Whether the result is known; a fallback match is used up.
  bool consume(const Identity& identity);
  std::size_t size() const { return results_; }

 private:
  std::unordered_set<std::uint64_t> fingerprints_;
  std::unordered_map<std::uint64_t, std::int64_t> fallback_;
  std::size_t results_ = 0;
};

struct ReadOptions {
  Baseline* match_against = nullptr;  // classify results as new/existing against this
  Baseline* collect_into = nullptr;   // add every present result to this (reading a baseline)
  std::size_t samples_per_group = 10;
};

// Reads one SARIF file. Returns true and fills *out on success. On failure
// returns false with *err = "PATH:LINE: what is wrong" (JSON syntax, not a
// SARIF log, a SARIF version other than 2.1.0, a wrong type such as
// `"results": 42` named by its JSON path, an unknown level) or "PATH: cannot
// read: ...". Never throws for bad input.
bool read_log(const std::string& path, const ReadOptions& options, LogSummary* out,
              std::string* err);

// The same over bytes in memory; `display_name` stands for the path in errors.
bool read_log_bytes(const std::string& bytes, const std::string& display_name,
                    const ReadOptions& options, LogSummary* out, std::string* err);

}  // namespace changegate::sarif
