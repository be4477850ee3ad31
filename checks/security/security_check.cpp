#include "checks/security/security_check.h"

#include <algorithm>
#include <map>

#include "checks/security/sarif_reader.h"
#include "gates/util/glob.h"

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

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string relative_error(std::string err, const std::string& full, const std::string& shown) {
  if (err.compare(0, full.size(), full) == 0) err = shown + err.substr(full.size());
  return err;
}

class SecurityCheck : public Check {
 public:
  explicit SecurityCheck(SecurityOptions options) : options_(std::move(options)) {}

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    std::vector<std::string> unreadable;  // evidence that could not be read or trusted
    bool counts_known = true;             // false when a baseline could not be read
    auto full_path = [&](const std::string& f) {
      return !f.empty() && f[0] == '/' ? f : ctx.repo.root + "/" + f;
    };

    sarif::Baseline baseline;
    sarif::Baseline* match = nullptr;
    if (options_.new_only && !options_.baseline.empty()) {
      sarif::ReadOptions bo;
      bo.collect_into = &baseline;
      bo.samples_per_group = 0;
      sarif::LogSummary bs;
      std::string err;
      const std::string full = full_path(options_.baseline);
      if (sarif::read_log(full, bo, &bs, &err)) {
        match = &baseline;
        r.evidence.push_back({options_.baseline, bs.sha256, bs.bytes});
        r.details["baseline"] = {{"path", options_.baseline}, {"results", baseline.size()}};
      } else {
        unreadable.push_back("baseline " + relative_error(err, full, options_.baseline));
        counts_known = false;  // every result counts as new: an upper bound only
      }
    }

    std::vector<std::string> files;
    for (const auto& pattern : options_.sarif) {
      auto matched = glob_files(ctx.repo.root, pattern);
      if (matched.empty()) unreadable.push_back("sarif glob \"" + pattern + "\" matches no file");
      for (auto& m : matched)
        if (std::find(files.begin(), files.end(), m) == files.end()) files.push_back(m);
    }

    std::map<std::string, ToolTally> tools;
    std::map<Severity, std::int64_t> totals;
    std::int64_t suppressed = 0, not_new = 0, unknown_as_new = 0, runs = 0;
    struct Top {
      std::string tool, file;
      const sarif::Group* group;
    };
    std::vector<sarif::LogSummary> logs;
    std::vector<std::string> log_files;
    nlohmann::json file_details = nlohmann::json::array();
    nlohmann::json warnings = nlohmann::json::array();
    nlohmann::json execution_errors = nlohmann::json::array();
    for (const auto& file : files) {
      sarif::ReadOptions ro;
      ro.match_against = match;
      sarif::LogSummary log;
      std::string err;
      const std::string full = full_path(file);
      if (!sarif::read_log(full, ro, &log, &err)) {
        unreadable.push_back(relative_error(err, full, file));
        continue;
      }
      r.evidence.push_back({file, log.sha256, log.bytes});
      std::int64_t file_results = 0;
      for (std::size_t i = 0; i < log.runs.size(); ++i) {
        const sarif::RunSummary& run = log.runs[i];
        const std::string where = file + ": run " + std::to_string(i) + " (" + run.tool + ")";
        ++runs;
        file_results += run.results;
        ToolTally& t = tools[run.tool];
        ++t.runs;
        t.results += run.results;
        t.absent += run.absent;
        for (const auto& e : run.execution_errors) {
          execution_errors.push_back(where + ": " + e);
          unreadable.push_back(where + ": " + e);
        }
        if (!run.has_results)
          unreadable.push_back(where +
                               " has no results array: the tool did not determine "
                               "its results");
        for (const auto& w : run.warnings) warnings.push_back(where + ": " + w);
        for (const auto& g : run.groups) {
          if (g.suppressed) {
            t.suppressed += g.count;
            suppressed += g.count;
          } else if (g.severity == Severity::none) {
            t.none += g.count;
          } else if (options_.new_only && g.baseline == BaselineClass::existing) {
            t.not_new += g.count;
            not_new += g.count;
          } else {
            if (options_.new_only && g.baseline == BaselineClass::unknown)
              unknown_as_new += g.count;
            t.counted[g.severity] += g.count;
            totals[g.severity] += g.count;
          }
        }
      }
      file_details.push_back(
          {{"path", file}, {"runs", log.runs.size()}, {"results", file_results}});
      logs.push_back(std::move(log));
      log_files.push_back(file);
    }
    if (files.size() > 0 && runs == 0 && unreadable.empty())
      unreadable.push_back("the SARIF files contain no runs: no scanner output to judge");

    // Top findings: counted groups, most severe first.
    std::vector<Top> top;
    for (std::size_t f = 0; f < logs.size(); ++f)
      for (const auto& run : logs[f].runs)
        for (const auto& g : run.groups)
          if (!g.suppressed && g.severity != Severity::none &&
              !(options_.new_only && g.baseline == BaselineClass::existing))
            top.push_back({run.tool, log_files[f], &g});
    std::stable_sort(top.begin(), top.end(), [](const Top& a, const Top& b) {
      if (sarif::rank(a.group->severity) != sarif::rank(b.group->severity))
        return sarif::rank(a.group->severity) > sarif::rank(b.group->severity);
      return a.group->severity < b.group->severity;
    });
    nlohmann::json top_json = nlohmann::json::array();
    for (const auto& t : top)
      for (const auto& s : t.group->samples) {
        if (top_json.size() >= k_top_findings) break;
        std::string location = s.uri.empty() ? "(no location)" : s.uri;
        if (s.line > 0) location += ":" + std::to_string(s.line);
        top_json.push_back({{"tool", t.tool},
                            {"rule", t.group->rule_id},
                            {"severity", sarif::to_string(t.group->severity)},
                            {"severity_from", t.group->severity_source},
                            {"location", location},
                            {"message", s.message},
                            {"sarif", t.file}});
      }

    nlohmann::json tools_json = nlohmann::json::array();
    for (const auto& [name, t] : tools) {
      nlohmann::json counted = nlohmann::json::object();
      for (const auto& [sev, n] : t.counted) counted[sarif::to_string(sev)] = n;
      tools_json.push_back({{"name", name},
                            {"runs", t.runs},
                            {"results", t.results},
                            {"counted", counted},
                            {"suppressed", t.suppressed},
                            {"not_new", t.not_new},
                            {"not_failures", t.none},
                            {"absent", t.absent}});
    }
    nlohmann::json totals_json = nlohmann::json::object();
    std::int64_t counted_total = 0;
    for (Severity s : sarif::all_severities())
      if (s != Severity::none) {
        totals_json[sarif::to_string(s)] = totals[s];
        counted_total += totals[s];
      }
    r.details["files"] = file_details;
    r.details["tools"] = tools_json;
    r.details["counted"] = totals_json;
    r.details["suppressed"] = suppressed;
    r.details["fail_on"] = sarif::to_string(options_.fail_on);
    r.details["new_only"] = options_.new_only;
    if (options_.new_only) {
      r.details["not_new"] = not_new;
      r.details["counted_as_new_without_baseline_state"] = unknown_as_new;
    }
    r.details["top_findings"] = top_json;
    r.details["execution_errors"] = execution_errors;
    r.details["warnings"] = warnings;

    // The decisions: one budget per severity, then the required tools.
    bool known_failure = false;
    std::vector<std::string> exceeded;
    for (Severity s : sarif::all_severities()) {
      if (s == Severity::none) continue;
      std::optional<std::int64_t> budget;
      std::string why;
      if (auto it = options_.max_findings.find(s); it != options_.max_findings.end()) {
        budget = it->second;
      } else if (sarif::rank(s) >= sarif::rank(options_.fail_on)) {
        budget = 0;
      }
      if (!budget) continue;
      const std::int64_t n = totals[s];
      if (!r.compare(std::string(sarif::to_string(s)) + " findings", n, "<=", *budget,
                     n <= *budget)) {
        known_failure = known_failure || counts_known;
        exceeded.push_back(std::to_string(n) + " " + sarif::to_string(s) + " (max " +
                           std::to_string(*budget) + ")");
      }
    }
    for (const auto& tool : options_.require_tools) {
      std::int64_t n = 0;
      for (const auto& [name, t] : tools)
        if (lower(name) == lower(tool)) n += t.runs;
      if (!r.compare("runs of tool \"" + tool + "\"", n, ">=", 1, n >= 1)) {
        known_failure = known_failure || unreadable.empty();
        r.problems.push_back("required tool \"" + tool + "\" has no run in the SARIF files");
      }
    }
    for (const auto& f : top_json)
      if (r.problems.size() < k_top_findings && !exceeded.empty())
        r.problems.push_back(f["severity"].get<std::string>() + " " + f["rule"].get<std::string>() +
                             " at " + f["location"].get<std::string>() + ": " +
                             f["message"].get<std::string>());
    for (const auto& u : unreadable) r.problems.push_back(u);
    r.details["unreadable"] = unreadable;

    std::string counts =
        std::to_string(counted_total) + " finding" + (counted_total == 1 ? "" : "s") + " counted";
    std::string parts;
    for (Severity s : sarif::all_severities())
      if (totals[s] > 0)
        parts +=
            (parts.empty() ? "" : ", ") + std::to_string(totals[s]) + " " + sarif::to_string(s);
    if (!parts.empty()) counts += " (" + parts + ")";
    counts += " in " + std::to_string(runs) + " run" + (runs == 1 ? "" : "s");
    if (suppressed) counts += ", " + std::to_string(suppressed) + " suppressed";
    if (options_.new_only) counts += ", " + std::to_string(not_new) + " not new";
    if (known_failure) {
      r.status = Status::fail;
      std::string why;
      for (const auto& e : exceeded) why += (why.empty() ? "" : ", ") + e;
      for (const auto& c : r.comparisons)
        if (!c.ok && c.op == ">=") why += (why.empty() ? "" : ", ") + c.name + " 0 (need >= 1)";
      r.summary = counts + ": " + why;
    } else if (!unreadable.empty()) {
      r.status = Status::error;
      r.summary = "could not read or trust all evidence: " + unreadable.front();
    } else {
      r.status = Status::pass;
      r.summary = counts;
    }
  }

 private:
  SecurityOptions options_;
};

}  // namespace

std::unique_ptr<Check> load_security_check(const TableReader& gate) {
  SecurityOptions o;
  o.sarif = gate.string_list("sarif");
  if (o.sarif.empty()) gate.fail(gate.node(), "missing required key \"sarif\" (SARIF file globs)");
  const Node* list = gate.find("sarif");
  for (std::size_t i = 0; i < o.sarif.size(); ++i)
    if (auto problem = glob_problem(o.sarif[i]))
      gate.fail((*list->array)[i], "bad glob \"" + o.sarif[i] + "\" in \"sarif\": " + *problem);
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
