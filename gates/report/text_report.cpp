#include "gates/report/text_report.h"

#include <algorithm>
#include <sstream>

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
  return sha.substr(0, 7);
}

}  // namespace

std::string render_text(const Evaluation& e, const TextOptions& options) {
  const Palette p{options.color};
  std::ostringstream out;
  out << "changegate " << e.tool_version << "  "
      << p.wrap("1", e.change.id.empty() ? "(no change id)" : e.change.id);
  if (!e.change.title.empty()) out << "  " << e.change.title;
  out << "\n";
  if (!e.change.type.empty() || !e.change.author.empty())
    out << "  " << (e.change.type.empty() ? "" : e.change.type)
        << (e.change.author.empty() ? "" : " by " + e.change.author) << "\n";
  if (e.repo.is_git) {
    out << "  " << (e.repo.base.empty() ? "(root)" : short_sha(e.repo.base)) << ".."
        << (e.repo.worktree ? short_sha(e.repo.head) + "+work tree" : short_sha(e.repo.head))
        << "  " << e.repo.files_changed << " files, +" << e.repo.insertions << " -"
        << e.repo.deletions << "\n";
    if (!e.repo.base_rule.empty()) out << "  base: " << e.repo.base_rule << "\n";
    if (!e.repo.worktree && !e.repo.base.empty() && e.repo.base == e.repo.head) out << "  nothing to compare: the base is head itself\n";
  } else {
    out << "  " << e.repo.root << " (not a git work tree: no diff)\n";
  }
  if (e.risk) {
    out << "\n  risk "
        << p.wrap("1", std::to_string(e.risk->score) + " " + to_string(e.risk->level)) << "\n";
    for (const auto& f : e.risk->factors)
      if (f.points != 0)
        out << "    " << (f.points > 0 ? "+" : "") << f.points << "  " << f.name << ": " << f.reason
            << "\n";
  } else if (!e.risk_not_assessed.empty()) {
    out << "  risk not assessed: " << e.risk_not_assessed << "\n";
  }
  if (e.blast_radius && !e.blast_radius->components.empty()) {
    out << "\n  blast radius\n";
    for (const auto& c : e.blast_radius->components) {
      out << "    " << c.id << (c.tier ? " (tier " + std::to_string(*c.tier) + ")" : "") << "  "
          << c.files.size() << " file" << (c.files.size() == 1 ? "" : "s") << "\n";
      for (const auto& d : e.blast_radius->downstream)
        if (!d.via.empty() && d.via.front() == c.id) {
          out << "    " << std::string(2 * (d.via.size() - 1), ' ') << "└─ " << d.id
              << (d.tier ? " (tier " + std::to_string(*d.tier) + ")" : "") << "\n";
        }
    }
  }
  out << "\n";

  std::size_t id_width = 4, kind_width = 4;
  for (const auto& g : e.gates) {
    id_width = std::max(id_width, g.id.size());
    kind_width = std::max(kind_width, g.kind.size());
  }
  out << "  " << pad("STATUS", 8) << pad("GATE", id_width + 2) << pad("KIND", kind_width + 2)
      << "SUMMARY\n";
  for (const auto& g : e.gates) {
    std::string status = to_string(g.status);
    if (g.status == Status::fail || g.status == Status::error)
      std::transform(status.begin(), status.end(), status.begin(), ::toupper);
    out << "  " << p.wrap(status_code(g.status), pad(status, 8)) << pad(g.id, id_width + 2)
        << pad(g.kind, kind_width + 2) << g.summary;
    if (g.severity == Severity::warn && g.status == Status::fail) out << "  [warn only]";
    if (g.status == Status::error && !g.on_error_blocks) out << "  [on_error = warn]";
    out << "\n";
  }

  for (const auto& g : e.gates) {
    if (g.status == Status::pass || g.status == Status::skip) continue;
    out << "\n" << p.wrap(status_code(g.status), g.id) << " (" << to_string(g.status) << ")\n";
    if (g.waiver)
      out << "  waived until " << format_timestamp(g.waiver->expires) << " by "
          << g.waiver->approved_by << ": " << g.waiver->reason << "\n";
    for (const auto& c : g.comparisons)
      if (!c.ok)
        out << "  x " << c.name << ": " << c.actual.dump() << ", expected " << c.op << " "
            << c.expected.dump()
            << (c.tolerance.is_null() ? "" : " (tolerance " + c.tolerance.dump() + ")") << "\n";
    std::size_t shown = 0;
    for (const auto& problem : g.problems) {
      if (shown++ == k_max_problem_lines) {
        out << "  ... " << g.problems.size() - k_max_problem_lines
            << " more (see the JSON report)\n";
        break;
      }
      out << "  - " << problem << "\n";
    }
  }

  std::vector<std::string> blocking;
  for (const auto& g : e.gates)
    if (g.blocks()) blocking.push_back(g.id);
  out << "\n";
  if (e.blocked) {
    out << p.wrap("31;1", "verdict: BLOCKED") << " by " << blocking.size() << " gate"
        << (blocking.size() == 1 ? "" : "s") << ":";
    for (const auto& id : blocking) out << " " << id;
    out << "\n";
  } else {
    out << p.wrap("32;1", "verdict: PASS") << " (" << e.gates.size() << " gates)\n";
  }
  return out.str();
}

}  // namespace changegate
