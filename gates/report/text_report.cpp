#include "gates/report/text_report.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "gates/report/display.h"
#include "gates/report/escape.h"
#include "gates/util/strings.h"

namespace changegate {

namespace {

constexpr std::size_t k_max_problem_lines = 8;

struct Palette {
  bool on;
  std::string wrap(const std::string& code, const std::string& text) const {
    return on ? "\033[" + code + "m" + text + "\033[0m" : text;
  }
};

std::string status_code(Status s) {
  switch (s) {
    case Status::pass: return "32";
    case Status::fail: return "31;1";
    case Status::error: return "35;1";
    case Status::waived: return "33";
    case Status::skip: return "2";
  }
  return "0";
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string short_sha(const std::string& sha) {
  return escape_terminal(sha.substr(0, 7));
}

// Every string in the report may come from evidence (or a branch name, or a
// file name from git): none may move the cursor or split a line.
std::string t(const std::string& text) {
  return escape_terminal(text);
}

std::string tier_text(const std::optional<int>& tier) {
  return tier ? " (tier " + std::to_string(*tier) + ")" : "";
}

constexpr std::size_t k_max_file_lines = 20;

// Each reached component under the one it was reached from (the last hop of
// its `via`), depth-first, so a grandchild sits under its real parent.
void write_downstream(std::ostream& out, const std::string& parent, std::size_t depth,
                      const std::multimap<std::string, const ReachedComponent*>& children) {
  const auto [first, last] = children.equal_range(parent);
  for (auto it = first; it != last; ++it) {
    const ReachedComponent& d = *it->second;
    out << "    " << std::string(3 * depth, ' ') << "└─ " << t(d.id) << tier_text(d.tier) << "\n";
    write_downstream(out, d.id, depth + 1, children);
  }
}

void write_blast_radius(std::ostream& out, const BlastRadius& br) {
  if (br.components.empty() && br.gate_inputs.empty()) return;
  out << "\n  blast radius\n";
  std::multimap<std::string, const ReachedComponent*> children;
  for (const auto& d : br.downstream)
    if (d.via.size() >= 2) children.emplace(d.via[d.via.size() - 2], &d);
  for (const auto& c : br.components) {
    out << "    " << t(c.id) << tier_text(c.tier) << "  "
        << plural(static_cast<std::int64_t>(c.files.size()), "file") << "\n";
    if (c.id == k_unowned) {
      for (std::size_t i = 0; i < c.files.size() && i < k_max_file_lines; ++i)
        out << "      " << t(c.files[i]) << "\n";
      if (c.files.size() > k_max_file_lines)
        out << "      ... " << c.files.size() - k_max_file_lines << " more (see the JSON report)\n";
    }
    write_downstream(out, c.id, 0, children);
  }
  if (!br.gate_inputs.empty()) {
    std::vector<std::string> inputs;
    for (const auto& f : br.gate_inputs) inputs.push_back(t(f));
    out << "    gate inputs (not product files): " << join(inputs, ", ") << "\n";
  }
}

// Where the change id came from when there was no change record (as
// `validate` says it).
void write_change_source(std::ostream& out, const ChangeRecord& c) {
  if (c.id_source == "branch")
    out << "  no change record found: change id \"" << t(c.id) << "\" from the branch name\n";
  else if (c.id_source == "CHANGEGATE_CHANGE_ID")
    out << "  no change record found: change id \"" << t(c.id) << "\" from $CHANGEGATE_CHANGE_ID\n";
  else if (c.id_source == "none")
    out << "  no change record found, and no change id from $CHANGEGATE_CHANGE_ID or a branch\n";
}

// "1 passed, 6 skipped": every status that occurred, in a fixed order.
std::string status_counts(const std::vector<GateResult>& gates) {
  if (gates.empty()) return "no gates declared";
  const std::pair<Status, const char*> order[] = {{Status::pass, "passed"},
                                                  {Status::fail, "failed"},
                                                  {Status::error, "errored"},
                                                  {Status::waived, "waived"},
                                                  {Status::skip, "skipped"}};
  std::vector<std::string> parts;
  for (const auto& [status, word] : order) {
    const auto n = std::count_if(gates.begin(), gates.end(),
                                 [s = status](const GateResult& g) { return g.status == s; });
    if (n > 0) parts.push_back(std::to_string(n) + " " + word);
  }
  return join(parts, ", ");
}

}  // namespace

std::string render_text(const Evaluation& e, const TextOptions& options) {
  const Palette p{options.color};
  std::ostringstream out;
  out << "changegate " << e.tool_version << "  "
      << p.wrap("1", e.change.id.empty() ? "(no change id)" : t(e.change.id));
  if (!e.change.title.empty()) out << "  " << t(e.change.title);
  out << "\n";
  if (!e.change.type.empty() || !e.change.author.empty())
    out << "  " << t(e.change.type) << (e.change.author.empty() ? "" : " by " + t(e.change.author))
        << "\n";
  write_change_source(out, e.change);
  if (e.repo.is_git) {
    out << "  " << (e.repo.base.empty() ? "(root)" : short_sha(e.repo.base)) << ".."
        << (e.repo.worktree ? short_sha(e.repo.head) + "+work tree" : short_sha(e.repo.head))
        << "  " << plural(e.repo.files_changed, "file") << ", +" << e.repo.insertions << " -"
        << e.repo.deletions << "\n";
    if (!e.repo.base_rule.empty()) out << "  base: " << t(e.repo.base_rule) << "\n";
    if (!e.repo.worktree && !e.repo.base.empty() && e.repo.base == e.repo.head)
      out << "  nothing to compare: the base is head itself\n";
  } else {
    out << "  " << t(e.repo.root) << " (not a git work tree: no diff)\n";
  }
  if (e.risk) {
    out << "\n  risk "
        << p.wrap("1", std::to_string(e.risk->score) + " " + to_string(e.risk->level)) << "\n";
    for (const auto& f : e.risk->factors)
      if (f.points != 0)
        out << "    " << (f.points > 0 ? "+" : "") << f.points << "  " << t(f.name) << ": "
            << t(f.reason) << "\n";
  } else if (!e.risk_not_assessed.empty()) {
    out << "  risk not assessed: " << t(e.risk_not_assessed) << "\n";
  }
  if (e.blast_radius) write_blast_radius(out, *e.blast_radius);
  out << "\n";

  std::size_t id_width = 4, kind_width = 4;
  for (const auto& g : e.gates) {
    id_width = std::max(id_width, t(g.id).size());
    kind_width = std::max(kind_width, t(g.kind).size());
  }
  out << "  " << pad("STATUS", 8) << pad("GATE", id_width + 2) << pad("KIND", kind_width + 2)
      << "SUMMARY\n";
  for (const auto& g : e.gates) {
    std::string status = to_string(g.status);
    if (g.status == Status::fail || g.status == Status::error)
      std::transform(status.begin(), status.end(), status.begin(), ::toupper);
    out << "  " << p.wrap(status_code(g.status), pad(status, 8)) << pad(t(g.id), id_width + 2)
        << pad(t(g.kind), kind_width + 2) << t(g.summary);
    if (g.severity == Severity::warn && g.status == Status::fail) out << "  [warn only]";
    if (g.status == Status::error && !g.on_error_blocks) out << "  [on_error = warn]";
    out << "\n";
  }

  for (const auto& g : e.gates) {
    if (g.status == Status::pass || g.status == Status::skip) continue;
    out << "\n" << p.wrap(status_code(g.status), t(g.id)) << " (" << to_string(g.status) << ")\n";
    if (g.waiver)
      out << "  waived until " << format_timestamp(g.waiver->expires) << " by "
          << t(g.waiver->approved_by) << ": " << t(g.waiver->reason) << "\n";
    for (const auto& c : g.comparisons)
      if (!c.ok)
        out << "  x " << t(c.name) << ": " << t(display_value(c.name, c.op, c.actual))
            << ", expected " << t(c.op) << " " << t(display_value(c.name, c.op, c.expected))
            << (c.tolerance.is_null() ? ""
                                      : " (tolerance " + t(display_tolerance(c.tolerance)) + ")")
            << "\n";
    std::size_t shown = 0;
    for (const auto& problem : g.problems) {
      if (shown++ == k_max_problem_lines) {
        out << "  ... " << g.problems.size() - k_max_problem_lines
            << " more (see the JSON report)\n";
        break;
      }
      out << "  - " << t(problem) << "\n";
    }
  }

  std::vector<std::string> blocking;
  for (const auto& g : e.gates)
    if (g.blocks()) blocking.push_back(t(g.id));
  out << "\n";
  if (e.blocked) {
    out << p.wrap("31;1", "verdict: BLOCKED") << " by "
        << plural(static_cast<std::int64_t>(blocking.size()), "gate") << ":";
    for (const auto& id : blocking) out << " " << id;
    out << " — " << status_counts(e.gates) << "\n";
  } else {
    out << p.wrap("32;1", "verdict: PASS") << " — " << status_counts(e.gates) << "\n";
  }
  return out.str();
}

}  // namespace changegate
