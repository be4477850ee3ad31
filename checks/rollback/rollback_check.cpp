#include "checks/rollback/rollback_check.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>

#include "gates/config.h"
#include "gates/evidence.h"
#include "gates/util/file.h"
#include "gates/util/glob.h"
#include "gates/util/strings.h"

namespace changegate {

const std::vector<GateKey> k_rollback_keys = {
    {"rto_minutes", "integer",
     "the longest a rollback may take; the record's max_minutes must fit"},
    {"tested_required_at_risk", "low|medium|high|critical",
     "from this risk level on, the rollback must be tested (default high)"},
    {"max_test_age", "duration", "how old rollback.tested_at may be (default \"90d\")"},
    {"migration_paths", "globs",
     "files that are schema migrations; touching one needs a down_migration"},
};

namespace {

struct RollbackOptions {
  std::optional<std::int64_t> rto_minutes;
  RiskLevel tested_required_at = RiskLevel::high;
  std::int64_t max_test_age = 90 * 86400;
  std::vector<std::string> migration_paths;
};

std::string normalise(const std::string& text) {
  std::string out;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '/' || c == '-' || c == '?')
      out.push_back(static_cast<char>(std::tolower(u)));
    else if (!out.empty() && out.back() != ' ')
      out.push_back(' ');
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Whether something (a file, a directory, a FIFO...) is at `relative` inside
// the repository: "../x" or an absolute path is not "in the repo".
// Whether `relative` names an existing file inside the repository. Compared
// as canonical paths, so neither "../x", a sibling folder sharing the root's
// name as a prefix ("/repo-other"), nor a symlink pointing out of the
// repository counts as "in the repo".
bool in_repo(const std::string& root, const std::string& relative) {
  namespace fs = std::filesystem;
  if (fs::path(relative).is_absolute()) return false;
  std::error_code ec;
  const fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return false;
  const fs::path full = fs::canonical(canonical_root / relative, ec);
  if (ec) return false;  // missing, or a dangling link
  const fs::path inside = full.lexically_relative(canonical_root);
  return !inside.empty() && *inside.begin() != ".." && inside != ".";
}

// Clock skew allowed between where the record was written and this run.
constexpr std::int64_t k_clock_skew = 5 * 60;

bool is_url(const std::string& s) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

class RollbackCheck : public Check {
 public:
  explicit RollbackCheck(RollbackOptions options) : options_(std::move(options)) {}

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    const ChangeRecord& change = ctx.change;
    if (change.present) r.evidence.push_back({change.path, change.sha256, 0});
    if (!change.present || !change.rollback) {
      r.problems.push_back(change.present ? "the change record has no [rollback] table"
                                          : "no change record: rollback.plan is missing");
      r.compare("rollback.plan", nullptr, "exists", true, false);
      r.conclude("", "");
      return;
    }
    const Rollback& rb = *change.rollback;
    r.details["plan"] = rb.plan;
    if (!r.compare("rollback.plan", rb.plan, "is a real plan", "not empty, not a placeholder",
                   !is_placeholder(rb.plan)))
      r.problems.push_back(rb.plan.empty()
                               ? "rollback.plan is missing"
                               : "rollback.plan \"" + rb.plan + "\" is a placeholder, not a plan");

    std::int64_t real_steps = 0;
    for (const auto& step : rb.steps) real_steps += is_placeholder(step) ? 0 : 1;
    r.details["steps"] = rb.steps;
    if (!r.compare("rollback.steps (real)", real_steps, ">=", 1, real_steps >= 1))
      r.problems.push_back(rb.steps.empty() ? "rollback.steps is missing: at least one step"
                                            : "rollback.steps has no real step, only placeholders");

    std::vector<std::string> unjudged = {check_runbook(ctx, rb, r)};
    check_rto(rb, r);
    unjudged.push_back(check_tested(ctx, rb, r));
    unjudged.push_back(check_migrations(ctx, rb, r));
    unjudged.erase(std::remove(unjudged.begin(), unjudged.end(), ""), unjudged.end());

    r.conclude(
        join(unjudged, "; "),
        plural(real_steps, "step") + ", runbook " + rb.runbook +
            (rb.max_minutes ? ", " + std::to_string(*rb.max_minutes) + " min" : "") +
            (rb.tested.value_or(false) && rb.tested_at ? ", tested " + format_date(*rb.tested_at)
                                                       : ""));
  }

 private:
  // The longest the rollback may take against the gate's RTO.
  void check_rto(const Rollback& rb, GateResult& r) const {
    r.details["max_minutes"] = rb.max_minutes ? nlohmann::json(*rb.max_minutes) : nullptr;
    r.details["rto_minutes"] =
        options_.rto_minutes ? nlohmann::json(*options_.rto_minutes) : nullptr;
    if (options_.rto_minutes) {
      if (!rb.max_minutes) {
        r.compare("rollback.max_minutes", nullptr, "<=", *options_.rto_minutes, false);
        r.problems.push_back("rollback.max_minutes is missing; the gate's rto_minutes is " +
                             std::to_string(*options_.rto_minutes));
      } else if (!r.compare("rollback.max_minutes", *rb.max_minutes, "<=", *options_.rto_minutes,
                            *rb.max_minutes <= *options_.rto_minutes)) {
        r.problems.push_back("rollback takes up to " + std::to_string(*rb.max_minutes) +
                             " minutes, over the RTO of " + std::to_string(*options_.rto_minutes));
      }
    }
  }

  // Returns why the runbook could not be read (it is there, but a directory,
  // a FIFO, ...), or "".
  std::string check_runbook(const CheckContext& ctx, const Rollback& rb, GateResult& r) const {
    r.details["runbook"] = rb.runbook;
    if (rb.runbook.empty()) {
      r.compare("rollback.runbook", nullptr, "exists", true, false);
      r.problems.push_back("rollback.runbook is missing: name a file in the repo or a URL");
      return "";
    }
    if (is_url(rb.runbook)) {
      r.compare("rollback.runbook", rb.runbook, "is a URL", true, true);
      return "";
    }
    const bool there = in_repo(ctx.repo.root, rb.runbook);
    if (!r.compare("rollback.runbook", rb.runbook, "exists in the repo", true, there)) {
      r.problems.push_back("rollback.runbook \"" + rb.runbook + "\" does not exist in the repo");
      return "";
    }
    // Through the evidence pipeline: a directory or a FIFO is refused at once.
    std::string problem, text;
    Evidence evidence;
    const auto file = evidence_path(ctx.repo.root, rb.runbook, &problem);
    if (!file || !read_evidence(*file, &text, &evidence, &problem))
      return "rollback.runbook " + problem;
    r.evidence.push_back(evidence);
    return "";
  }

  // Returns why the test date cannot be judged (it is in the future), or "".
  std::string check_tested(const CheckContext& ctx, const Rollback& rb, GateResult& r) const {
    // The seam for the risk engine: until a level is known, require the test.
    const bool required = !ctx.risk_level || *ctx.risk_level >= options_.tested_required_at;
    r.details["tested_required"] = required;
    r.details["tested_required_because"] =
        ctx.risk_level ? std::string("risk level ") + to_string(*ctx.risk_level) +
                             " >= " + to_string(options_.tested_required_at)
                       : std::string("risk not assessed: a tested rollback is required");
    r.details["tested"] = rb.tested ? nlohmann::json(*rb.tested) : nullptr;
    r.details["tested_at"] = rb.tested_at ? nlohmann::json(format_date(*rb.tested_at)) : nullptr;
    if (!required) return "";
    if (!r.compare("rollback.tested", rb.tested ? nlohmann::json(*rb.tested) : nullptr, "==", true,
                   rb.tested.value_or(false))) {
      r.problems.push_back("rollback.tested must be true at this risk level");
      return "";
    }
    if (!rb.tested_at) {
      r.compare("rollback.tested_at", nullptr, "exists", true, false);
      r.problems.push_back("rollback.tested_at is missing: when was the rollback tested?");
      return "";
    }
    // A test date after the run's clock is not fresh evidence: it is wrong
    // (a typo'd year, a clock skew, or a date written ahead of the test).
    if (*rb.tested_at > ctx.now + k_clock_skew) {
      r.compare("rollback.tested_at", format_date(*rb.tested_at), "<=", format_timestamp(ctx.now),
                false);
      return "rollback.tested_at " + format_date(*rb.tested_at) +
             " is in the future (the run's clock says " + format_timestamp(ctx.now) + ")";
    }
    const std::int64_t age_days = (ctx.now - *rb.tested_at) / 86400;
    const bool fresh = ctx.now - *rb.tested_at <= options_.max_test_age;
    r.compare("rollback.tested_at age (days)", age_days, "<=", options_.max_test_age / 86400,
              fresh);
    if (!fresh)
      r.problems.push_back("rollback was tested on " + format_date(*rb.tested_at) + ", " +
                           std::to_string(age_days) + " days ago; max_test_age is " +
                           format_duration(options_.max_test_age));
    return "";
  }

  // Returns why it could not judge (no diff to look at), or "".
  std::string check_migrations(const CheckContext& ctx, const Rollback& rb, GateResult& r) const {
    if (options_.migration_paths.empty()) return "";
    if (!ctx.repo.is_git)
      return "cannot tell whether migrations were touched: the repository is not a git work tree";
    std::vector<std::string> touched;
    for (const auto& f : ctx.repo.diff.files)
      for (const auto& pattern : options_.migration_paths)
        if (glob_match(pattern, f.path)) {
          touched.push_back(f.path);
          break;
        }
    r.details["migrations_touched"] = touched;
    r.details["down_migration"] = rb.down_migration;
    if (touched.empty()) return "";
    if (rb.down_migration.empty()) {
      r.compare("rollback.down_migration", nullptr, "exists", true, false);
      r.problems.push_back("the change touches migrations (" + touched.front() +
                           ") but rollback.down_migration is missing");
      return "";
    }
    std::error_code ec;
    const bool ok =
        in_repo(ctx.repo.root, rb.down_migration) &&
        std::filesystem::is_regular_file(join_path(ctx.repo.root, rb.down_migration), ec);
    r.compare("rollback.down_migration", rb.down_migration, "exists in the repo", true, ok);
    if (!ok)
      r.problems.push_back("rollback.down_migration \"" + rb.down_migration +
                           "\" does not exist in the repo");
    return "";
  }

  RollbackOptions options_;
};

}  // namespace

bool is_placeholder(const std::string& text) {
  static const std::set<std::string> k_placeholders = {
      "",  "tbd", "tba", "todo",  "n/a",     "na",    "none",          "-",         "--",
      "?", "wip", "xxx", "fixme", "unknown", "later", "same as usual", "see above", "nothing"};
  // A plan made only of these words says no more than "undo it".
  static const std::set<std::string> k_revert_words = {
      "revert", "reverting", "roll",     "rollback", "back", "the", "a",
      "it",     "this",      "change",   "commit",   "pr",   "mr",  "git",
      "deploy", "redeploy",  "previous", "version",  "just", "undo"};
  const std::string n = normalise(text);
  if (k_placeholders.count(n)) return true;
  std::istringstream words(n);
  std::string word;
  bool any = false;
  while (words >> word) {
    any = true;
    if (!k_revert_words.count(word)) return false;
  }
  return any;
}

std::unique_ptr<Check> load_rollback_check(const TableReader& gate) {
  RollbackOptions o;
  o.rto_minutes = gate.integer("rto_minutes", 1);
  if (auto level = gate.choice("tested_required_at_risk", {"low", "medium", "high", "critical"}))
    o.tested_required_at = *parse_risk_level(*level);
  if (auto age = gate.duration("max_test_age")) o.max_test_age = *age;
  o.migration_paths = gate.string_list("migration_paths");
  const Node* list = gate.find("migration_paths");
  for (std::size_t i = 0; i < o.migration_paths.size(); ++i)
    if (auto problem = glob_problem(o.migration_paths[i]))
      gate.fail((*list->array)[i],
                "bad glob \"" + o.migration_paths[i] + "\" in \"migration_paths\": " + *problem);
  return std::make_unique<RollbackCheck>(std::move(o));
}

}  // namespace changegate
