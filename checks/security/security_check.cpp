#include "checks/security/security_check.h"

#include <algorithm>
#include <map>

#include "checks/security/sarif_reader.h"
#include "gates/evidence.h"
#include "gates/util/strings.h"

namespace changegate {

const std::vector<GateKey> k_security_keys = {
    {"sarif", "globs", "SARIF 2.1.0 files, relative to the repo root (\"**\" allowed)"},
    {"fail_on", "string",
     "critical|high|medium|low|error|warning: findings at or above this fail (default high)"},
    {"max_findings", "table", "per-severity budgets, e.g. { high = 0, medium = 10 }"},
    {"new_only", "boolean", "count only new findings (baselineState, or the baseline file)"},
    {"baseline", "string", "SARIF of the base branch; with new_only, matched by fingerprint"},
    {"require_tools", "strings", "tools (driver names) whose run must be present"},
};

namespace {

using sarif::BaselineClass;
using sarif::Severity;

constexpr std::size_t k_top_findings = 20;

struct SecurityOptions {
  std::vector<std::string> sarif;
  Severity fail_on = Severity::high;
  std::map<Severity, std::int64_t> max_findings;
  bool new_only = false;
  std::string baseline;
  std::vector<std::string> require_tools;
};

struct ToolTally {
  std::int64_t runs = 0, results = 0, suppressed = 0, not_new = 0, absent = 0, none = 0;
  std::map<Severity, std::int64_t> counted;
};

// Everything the SARIF files said, summed over files, runs and tools, and
// what could not be read or trusted.
struct SecurityTally {
  std::map<std::string, ToolTally> tools;
  std::map<Severity, std::int64_t> totals;  // counted results per severity
  std::int64_t suppressed = 0, not_new = 0, unknown_as_new = 0, runs = 0;
  std::vector<sarif::LogSummary> logs;  // the logs that were read, with their shown paths
  std::vector<std::string> log_files;
  nlohmann::json files = nlohmann::json::array();
  nlohmann::json warnings = nlohmann::json::array();
  nlohmann::json execution_errors = nlohmann::json::array();
  std::vector<std::string> unreadable;  // evidence that could not be read or trusted
  bool counts_known = true;             // false when a baseline could not be read

  std::int64_t total(Severity s) const {
    const auto it = totals.find(s);
    return it == totals.end() ? 0 : it->second;
  }
};

class SecurityCheck : public Check {
 public:
  explicit SecurityCheck(SecurityOptions options) : options_(std::move(options)) {}

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    SecurityTally t;
    sarif::Baseline baseline;
    sarif::Baseline* match = read_baseline(ctx, baseline, t, r);
    gather(ctx, match, t, r);
    describe(t, r);
    std::string why;
    const bool failed = decide(t, r, &why);
    r.details["unreadable"] = t.unreadable;
    const std::string counts = counts_text(t);
    r.conclude({failed, t.unreadable, counts + ": " + why,
                t.unreadable.empty()
                    ? ""
                    : "could not read or trust all evidence: " + t.unreadable.front(),
                counts});
  }

 private:
  // Reads the baseline SARIF that new_only matches against; nullptr when
  // there is none or it could not be read (then every result counts as new).
  sarif::Baseline* read_baseline(const CheckContext& ctx, sarif::Baseline& baseline,
                                 SecurityTally& t, GateResult& r) const {
    if (!options_.new_only || options_.baseline.empty()) return nullptr;
    sarif::ReadOptions bo;
    bo.collect_into = &baseline;
    bo.samples_per_group = 0;
    sarif::LogSummary bs;
    std::string err;
    const auto file = evidence_path(ctx.repo.root, options_.baseline, &err);
    if (file && sarif::read_log(file->full, bo, &bs, &err)) {
      r.evidence.push_back({file->shown, bs.sha256, bs.bytes});
      r.details["baseline"] = {{"path", file->shown}, {"results", baseline.size()}};
      return &baseline;
    }
    t.unreadable.push_back("baseline " + (file ? shown_message(err, *file) : err));
    t.counts_known = false;  // every result counts as new: an upper bound only
    return nullptr;
  }

  // Finds and reads every SARIF file, tallying its runs as it is read.
  void gather(const CheckContext& ctx, sarif::Baseline* match, SecurityTally& t,
              GateResult& r) const {
    FoundEvidence found = find_evidence(ctx.repo.root, "sarif", options_.sarif);
    t.unreadable.insert(t.unreadable.end(), found.problems.begin(), found.problems.end());
    for (const auto& file : found.files) {
      sarif::ReadOptions ro;
      ro.match_against = match;
      sarif::LogSummary log;
      std::string err;
      if (!sarif::read_log(file.full, ro, &log, &err)) {
        t.unreadable.push_back(shown_message(err, file));
        continue;
      }
      r.evidence.push_back({file.shown, log.sha256, log.bytes});
      tally_log(file.shown, log, t);
      t.logs.push_back(std::move(log));
      t.log_files.push_back(file.shown);
    }
    if (!found.files.empty() && t.runs == 0 && t.unreadable.empty())
      t.unreadable.push_back("the SARIF files contain no runs: no scanner output to judge");
  }

  // Adds one log's runs to the tally; a run that did not execute cleanly or
  // did not determine its results cannot be trusted.
  void tally_log(const std::string& file, const sarif::LogSummary& log, SecurityTally& t) const {
    std::int64_t file_results = 0;
    for (std::size_t i = 0; i < log.runs.size(); ++i) {
      const sarif::RunSummary& run = log.runs[i];
      const std::string where = file + ": run " + std::to_string(i) + " (" + run.tool + ")";
      ++t.runs;
      file_results += run.results;
      ToolTally& tool = t.tools[run.tool];
      ++tool.runs;
      tool.results += run.results;
      tool.absent += run.absent;
      for (const auto& e : run.execution_errors) {
        t.execution_errors.push_back(where + ": " + e);
        t.unreadable.push_back(where + ": " + e);
      }
      if (!run.has_results)
        t.unreadable.push_back(where +
                               " has no results array: the tool did not determine "
                               "its results");
      for (const auto& w : run.warnings) t.warnings.push_back(where + ": " + w);
      for (const auto& g : run.groups) tally_group(g, tool, t);
    }
    t.files.push_back({{"path", file}, {"runs", log.runs.size()}, {"results", file_results}});
  }

  // Sorts one group of results into suppressed, not a failure, not new or counted.
  void tally_group(const sarif::Group& g, ToolTally& tool, SecurityTally& t) const {
    if (g.suppressed) {
      tool.suppressed += g.count;
      t.suppressed += g.count;
    } else if (g.severity == Severity::none) {
      tool.none += g.count;
    } else if (options_.new_only && g.baseline == BaselineClass::existing) {
      tool.not_new += g.count;
      t.not_new += g.count;
    } else {
      if (options_.new_only && g.baseline == BaselineClass::unknown) t.unknown_as_new += g.count;
      tool.counted[g.severity] += g.count;
      t.totals[g.severity] += g.count;
    }
  }

  // Whether a group's results count against the budgets.
  bool counted(const sarif::Group& g) const {
    return !g.suppressed && g.severity != Severity::none &&
           !(options_.new_only && g.baseline == BaselineClass::existing);
  }

  // The first k_top_findings samples of counted groups, most severe first.
  nlohmann::json top_findings(const SecurityTally& t) const {
    struct Top {
      std::string tool, file;
      const sarif::Group* group;
    };
    std::vector<Top> top;
    for (std::size_t f = 0; f < t.logs.size(); ++f)
      for (const auto& run : t.logs[f].runs)
        for (const auto& g : run.groups)
          if (counted(g)) top.push_back({run.tool, t.log_files[f], &g});
    std::stable_sort(top.begin(), top.end(), [](const Top& a, const Top& b) {
      if (sarif::rank(a.group->severity) != sarif::rank(b.group->severity))
        return sarif::rank(a.group->severity) > sarif::rank(b.group->severity);
      return a.group->severity < b.group->severity;
    });
    nlohmann::json top_json = nlohmann::json::array();
    for (const auto& f : top)
      for (const auto& s : f.group->samples) {
        if (top_json.size() >= k_top_findings) break;
        std::string location = s.uri.empty() ? "(no location)" : s.uri;
        if (s.line > 0) location += ":" + std::to_string(s.line);
        top_json.push_back({{"tool", f.tool},
                            {"rule", f.group->rule_id},
                            {"severity", sarif::to_string(f.group->severity)},
                            {"severity_from", f.group->severity_source},
                            {"location", location},
                            {"message", s.message},
                            {"sarif", f.file}});
      }
    return top_json;
  }

  // Records per-tool and per-severity counts, the top findings and the
  // scanners' own errors and warnings in details.
  void describe(const SecurityTally& t, GateResult& r) const {
    nlohmann::json tools = nlohmann::json::array();
    for (const auto& [name, tool] : t.tools) {
      nlohmann::json counted = nlohmann::json::object();
      for (const auto& [sev, n] : tool.counted) counted[sarif::to_string(sev)] = n;
      tools.push_back({{"name", name},
                       {"runs", tool.runs},
                       {"results", tool.results},
                       {"counted", counted},
                       {"suppressed", tool.suppressed},
                       {"not_new", tool.not_new},
                       {"not_failures", tool.none},
                       {"absent", tool.absent}});
    }
    nlohmann::json totals = nlohmann::json::object();
    for (Severity s : sarif::all_severities())
      if (s != Severity::none) totals[sarif::to_string(s)] = t.total(s);
    r.details["files"] = t.files;
    r.details["tools"] = tools;
    r.details["counted"] = totals;
    r.details["suppressed"] = t.suppressed;
    r.details["fail_on"] = sarif::to_string(options_.fail_on);
    r.details["new_only"] = options_.new_only;
    if (options_.new_only) {
      r.details["not_new"] = t.not_new;
      r.details["counted_as_new_without_baseline_state"] = t.unknown_as_new;
    }
    r.details["top_findings"] = top_findings(t);
    r.details["execution_errors"] = t.execution_errors;
    r.details["warnings"] = t.warnings;
  }

  // The decisions: one budget per severity, then the required tools; true
  // when a known failure was found, with `*why` listing what was exceeded.
  bool decide(const SecurityTally& t, GateResult& r, std::string* why) const {
    bool known_failure = false;
    std::vector<std::string> reasons;
    for (Severity s : sarif::all_severities()) {
      if (s == Severity::none) continue;
      std::optional<std::int64_t> budget;
      if (auto it = options_.max_findings.find(s); it != options_.max_findings.end()) {
        budget = it->second;
      } else if (sarif::rank(s) >= sarif::rank(options_.fail_on)) {
        budget = 0;
      }
      if (!budget) continue;
      const std::int64_t n = t.total(s);
      if (!r.compare(std::string(sarif::to_string(s)) + " findings", n, "<=", *budget,
                     n <= *budget)) {
        known_failure = known_failure || t.counts_known;
        reasons.push_back(std::to_string(n) + " " + sarif::to_string(s) + " (max " +
                          std::to_string(*budget) + ")");
      }
    }
    const bool exceeded = !reasons.empty();
    for (const auto& tool : options_.require_tools) {
      std::int64_t n = 0;
      for (const auto& [name, tally] : t.tools)
        if (lower(name) == lower(tool)) n += tally.runs;
      if (!r.compare("runs of tool \"" + tool + "\"", n, ">=", 1, n >= 1)) {
        known_failure = known_failure || t.unreadable.empty();
        r.problems.push_back("required tool \"" + tool + "\" has no run in the SARIF files");
        reasons.push_back("runs of tool \"" + tool + "\" 0 (need >= 1)");
      }
    }
    for (const auto& f : r.details["top_findings"])
      if (r.problems.size() < k_top_findings && exceeded)
        r.problems.push_back(f["severity"].get<std::string>() + " " + f["rule"].get<std::string>() +
                             " at " + f["location"].get<std::string>() + ": " +
                             f["message"].get<std::string>());
    *why = join(reasons, ", ");
    return known_failure;
  }

  // "3 findings counted (1 critical, 2 high) in 2 runs, 1 suppressed".
  std::string counts_text(const SecurityTally& t) const {
    std::int64_t counted_total = 0;
    std::vector<std::string> parts;
    for (Severity s : sarif::all_severities()) {
      if (s != Severity::none) counted_total += t.total(s);
      if (t.total(s) > 0) parts.push_back(std::to_string(t.total(s)) + " " + sarif::to_string(s));
    }
    std::string counts = plural(counted_total, "finding") + " counted";
    if (!parts.empty()) counts += " (" + join(parts, ", ") + ")";
    counts += " in " + plural(t.runs, "run");
    if (t.suppressed) counts += ", " + std::to_string(t.suppressed) + " suppressed";
    if (options_.new_only) counts += ", " + std::to_string(t.not_new) + " not new";
    return counts;
  }

  SecurityOptions options_;
};

}  // namespace

std::unique_ptr<Check> load_security_check(const TableReader& gate) {
  SecurityOptions o;
  o.sarif = evidence_globs(gate, "sarif", "SARIF file globs");
  const std::vector<std::string> thresholds = {"critical", "high",  "medium",
                                               "low",      "error", "warning"};
  if (auto fail_on = gate.choice("fail_on", thresholds))
    o.fail_on = *sarif::parse_severity(*fail_on);
  if (auto budgets = gate.table("max_findings", gate.context() + ": max_findings")) {
    budgets->allow_only({"critical", "high", "medium", "low", "error", "warning", "note"});
    for (const auto& [name, node] : *budgets->node().table)
      o.max_findings[*sarif::parse_severity(name)] = *budgets->integer(name, 0);
  }
  o.new_only = gate.boolean("new_only").value_or(false);
  o.baseline = gate.string("baseline").value_or("");
  if (!o.baseline.empty() && !o.new_only)
    gate.fail("baseline",
              "\"baseline\" is only used with new_only = true; set it or remove baseline");
  o.require_tools = gate.string_list("require_tools");
  return std::make_unique<SecurityCheck>(std::move(o));
}

}  // namespace changegate
