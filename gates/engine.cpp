#include "gates/engine.h"

#include <chrono>
#include <exception>

#include "gates/blast_radius.h"
#include "gates/error.h"
#include "gates/reportable.h"
#include "gates/risk.h"
#include "gates/util/glob.h"
#include "gates/util/suggest.h"
#include "gates/waivers.h"

namespace changegate {

namespace {

// Why the gate's `when` does not select it, or "" when it runs. Conditions
// that cannot be judged (no diff, no change type, no risk yet) select the
// gate: not knowing is never a reason to skip a check.
std::string skip_reason(const When& when, const ChangeRecord& change, const RepoContext& repo,
                        const std::optional<RiskLevel>& risk) {
  if (!when.change_types.empty() && !change.type.empty()) {
    bool listed = false;
    for (const auto& t : when.change_types) listed = listed || t == change.type;
    if (!listed) return "change type \"" + change.type + "\" is not in when.change_types";
  }
  if (!when.paths.empty() && repo.is_git) {
    bool touched = false;
    for (const auto& f : repo.diff.files)
      for (const auto& pattern : when.paths)
        touched = touched || glob_match(pattern, f.path) ||
                  (!f.old_path.empty() && glob_match(pattern, f.old_path));
    if (!touched) return "no changed file matches when.paths";
  }
  if (when.risk_at_least && risk && *risk < *when.risk_at_least)
    return std::string("risk level ") + to_string(*risk) + " is below when.risk_at_least " +
           to_string(*when.risk_at_least);
  return "";
}

void run_check(const GateConfig& gate, const CheckContext& ctx, GateResult& result) {
  const auto start = std::chrono::steady_clock::now();
  try {
    result.status = Status::error;
    gate.check->evaluate(ctx, result);
  } catch (const std::exception& e) {
    result.status = Status::error;
    result.summary = std::string("could not evaluate: ") + e.what();
    result.problems.push_back(result.summary);
  }
  if (result.status == Status::skip || result.status == Status::waived) {
    // A check may only decide pass, fail or error.
    result.status = Status::error;
    result.summary = "internal error: check returned an unexpected status";
  }
  result.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
}

void apply_waiver(const Config& config, const ChangeRecord& change, const RepoContext& repo,
                  Timestamp now, GateResult& result) {
  if (result.status != Status::fail && result.status != Status::error) return;
  const WaiverMatch match = find_waiver(config, result.id, change.id, repo, now);
  for (const WaiverConfig* w : match.expired)
    result.problems.push_back(
        config.path + ":" + std::to_string(w->line) + ": a waiver for this gate expired on " +
        format_timestamp(w->expires) + " (approved by " + w->approved_by + ")");
  if (!match.active) return;
  const WaiverConfig& w = *match.active;
  result.waiver = WaiverUse{w.reason, w.approved_by, w.expires, w.line, result.status};
  result.status = Status::waived;
}

}  // namespace

Evaluation evaluate(const Config& config, const ChangeRecord& change, const RepoContext& repo,
                    const RunOptions& options) {
  std::vector<std::string> ids;
  for (const auto& g : config.gates) ids.push_back(g.id);
  for (const auto& id : options.only)
    if (!config.find_gate(id))
      throw Error("--only " + id + ": no gate with that id in " + config.path +
                  did_you_mean(id, ids));

  Evaluation evaluation;
  evaluation.tool_version = options.tool_version;
  evaluation.evaluated_at = options.now;
  evaluation.change = change;
  evaluation.config_path = config.path;
  evaluation.config_sha256 = config.sha256;
  evaluation.repo.root = repo.root;
  evaluation.repo.is_git = repo.is_git;
  evaluation.repo.head = repo.head;
  evaluation.repo.base = repo.base;
  evaluation.repo.base_rule = repo.base_rule;
  evaluation.repo.worktree = repo.worktree;
  evaluation.repo.files_changed = static_cast<std::int64_t>(repo.diff.files.size());
  evaluation.repo.insertions = repo.diff.insertions;
  evaluation.repo.deletions = repo.diff.deletions;

  // Risk and blast radius come from the change alone, before any gate runs,
  // so `when.risk_at_least` can select gates and no outcome can feed back.
  if (repo.is_git) {
    evaluation.blast_radius = compute_blast_radius(config, repo.diff);
    evaluation.risk = assess_risk(RiskInputs{config, change, repo.diff, *evaluation.blast_radius,
                                             options.now, options.history});
  } else {
    evaluation.risk_not_assessed = "not a git work tree: no diff to assess";
  }
  const std::optional<RiskLevel> risk_level =
      evaluation.risk ? std::optional<RiskLevel>(evaluation.risk->level) : std::nullopt;
  Secrets secrets;  // every check registers the secrets it reads
  const CheckContext ctx{change, repo, config, options.now, risk_level, &secrets};

  for (const auto& gate : config.gates) {
    GateResult result;
    result.id = gate.id;
    result.kind = gate.kind;
    result.severity = gate.severity;
    result.on_error_blocks = gate.on_error_blocks;
    bool selected = options.only.empty();
    for (const auto& id : options.only) selected = selected || id == gate.id;
    std::string reason = selected ? "" : "not selected by --only";
    if (reason.empty() && gate.when) reason = skip_reason(*gate.when, change, repo, risk_level);
    if (!reason.empty()) {
      result.status = Status::skip;
      result.summary = "skipped: " + reason;
    } else {
      run_check(gate, ctx, result);
      apply_waiver(config, change, repo, options.now, result);
    }
    evaluation.blocked = evaluation.blocked || result.blocks();
    evaluation.gates.push_back(std::move(result));
  }
  // After every gate has run, so a secret one gate registered is cut from
  // every result, whichever gate echoed it.
  for (auto& result : evaluation.gates) make_reportable(result, secrets);
  return evaluation;
}

}  // namespace changegate
