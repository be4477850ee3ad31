// The evaluation model: what a `check` run decided and why, as plain data.
// Checks fill it, the engine assembles it, renderers (gates/report/) print it;
// nothing here knows how it is rendered.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "gates/change_record.h"
#include "gates/util/timestamp.h"

namespace changegate {

enum class Status { pass, fail, error, skip, waived };
enum class Severity { block, warn };
enum class RiskLevel { low, medium, high, critical };

const char* to_string(Status status);
const char* to_string(Severity severity);
const char* to_string(RiskLevel level);
std::optional<RiskLevel> parse_risk_level(const std::string& text);

// A file (or URL) a gate read, with the digest of the exact bytes it judged.
struct Evidence {
  std::string path;
  std::string sha256;
  std::uint64_t bytes = 0;
};

// One decision a gate made, with everything a reader needs to redo it by
// hand: "failures 3 <= 0" is {name: "failures", actual: 3, op: "<=", expected: 0}.
struct Comparison {
  std::string name;
  nlohmann::json actual;
  std::string op;  // "<=", ">=", "==", "within", "exists", ...
  nlohmann::json expected;
  nlohmann::json tolerance;  // null when the comparison has none
  bool ok = false;
};

struct WaiverUse {
  std::string reason;
  std::string approved_by;
  Timestamp expires = 0;
  int line = 0;
  Status covered;  // fail or error: what the waiver covered
};

struct GateResult {
  std::string id;
  std::string kind;
  Status status = Status::error;
  Severity severity = Severity::block;
  bool on_error_blocks = true;
  std::string summary;
  nlohmann::json details = nlohmann::json::object();  // kind-specific structure
  std::vector<Comparison> comparisons;
  std::vector<std::string> problems;  // one plain sentence per thing that went wrong
  std::vector<Evidence> evidence;
  std::int64_t duration_ms = 0;
  std::optional<WaiverUse> waiver;

  // Whether this result blocks the change (SPEC §4: fail with severity block,
  // or error with on_error = block).
  bool blocks() const;
  // Records a comparison and returns its outcome, so checks read as
  // `if (!compare(...)) problems.push_back(...)`.
  // Sets status and summary from what the check found: fail when any
  // problem was recorded (a known failure wins over what could not be judged,
  // so on_error = "warn" can never hide it), else error when `unjudged` says
  // why the check could not decide, else pass with `pass_summary`.
  void conclude(const std::string& unjudged, const std::string& pass_summary);
  // The general form every kind's evaluate ends with. `failed`: a known
  // failure was found on evidence that was read (it wins over what could not
  // be judged). `unjudged`: why the check could not decide, each also added to
  // problems. Summaries left empty default to the first problem (fail), the
  // first unjudged reason (error).
  struct Outcome {
    bool failed = false;
    std::vector<std::string> unjudged;
    std::string fail_summary;
    std::string error_summary;
    std::string pass_summary;
  };
  void conclude(const Outcome& outcome);
  bool compare(std::string name, nlohmann::json actual, std::string op, nlohmann::json expected,
               bool ok, nlohmann::json tolerance = nullptr);
};

struct RepoSummary {
  std::string root;
  std::string head;
  std::string base;       // "" when there is no base (root commit, not a git repository)
  std::string base_rule;  // which rule chose the base ("merge-base with origin/main")
  bool worktree = false;  // diffed to the work tree (--worktree), not to head
  std::int64_t files_changed = 0;
  std::int64_t insertions = 0;
  std::int64_t deletions = 0;
  bool is_git = false;
};

struct RiskFactor {
  std::string name;
  int points = 0;
  std::string reason;
};

struct RiskAssessment {
  int score = 0;
  RiskLevel level = RiskLevel::low;
  std::vector<RiskFactor> factors;
};

constexpr const char* k_unowned = "(unowned)";

struct TouchedComponent {
  std::string id;  // a component id, or "(unowned)" for files no component claims
  std::optional<int> tier;
  std::vector<std::string> data;
  std::vector<std::string> files;  // in diff order (sorted by path)
  std::int64_t insertions = 0;
  std::int64_t deletions = 0;
};

struct ReachedComponent {
  std::string id;
  std::optional<int> tier;
  std::vector<std::string> data;
  std::vector<std::string> via;  // the path from a touched component, both ends included
};

struct BlastRadius {
  std::vector<TouchedComponent> components;  // config order, "(unowned)" last
  std::vector<ReachedComponent> downstream;  // breadth-first: nearest first
  // Changed files that are the gate's own inputs (changegate.toml,
  // .changegate/*) and no component owns: not product files, so not unowned.
  std::vector<std::string> gate_inputs;
};

// Where the ledger put an evaluation (SPEC §6 ledger{}): an entry, or the
// spool file that holds it during an outage, or why neither happened.
struct LedgerStamp {
  std::int64_t entry = 0;  // 1-based sequence number; 0 when not written
  std::string hash;
  std::string prev_hash;
  std::string spooled;  // spool file path when the ledger could not be written
  std::string error;    // why the entry is in neither
};

struct Evaluation {
  std::string evaluation_id;  // random 128-bit hex, set by the caller of evaluate()
  std::string tool_version;
  Timestamp evaluated_at = 0;
  bool blocked = false;
  ChangeRecord change;
  RepoSummary repo;
  std::string config_path;
  std::string config_sha256;
  std::vector<GateResult> gates;
  // Both computed from the change itself before any gate runs; absent
  // outside git, where there is no diff to judge.
  std::optional<RiskAssessment> risk;
  std::string risk_not_assessed;  // why risk is absent
  std::optional<BlastRadius> blast_radius;
  std::optional<LedgerStamp> ledger;  // absent when no ledger was written
};

}  // namespace changegate
