#include "gates/report/report_view.h"

#include <algorithm>
#include <map>

#include "gates/report/display.h"
#include "gates/report/escape.h"

namespace changegate {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string text_of(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "—";
  return v.dump();
}

const char* icon(const std::string& status) {
  if (status == "pass") return "✅";
  if (status == "fail") return "❌";
  if (status == "error") return "⛔";
  if (status == "waived") return "⚠️";
  return "⏭️";
}

// Mermaid node labels may not contain quotes or brackets.
std::string mermaid_label(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"')
      out += "#quot;";
    else if (c == '[' || c == ']' || c == '{' || c == '}' || c == '<' || c == '>')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string tier_text(const nlohmann::json& tier) {
  return tier.is_number() ? "tier " + std::to_string(tier.get<int>()) : "no tier";
}

// Every string that may come from evidence, a branch or a file name is
// escaped for Markdown (no link, image, HTML, code or table cell can start in
// it); HTML ones are left to the template engine ({{x}} escapes).
struct Cells {
  bool markdown;
  std::string operator()(const std::string& s) const { return markdown ? escape_markdown(s) : s; }
};

std::string string_or_empty(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : "";
}

// Verdict, tool, change, repository and config: the report's heading.
void add_heading(const nlohmann::json& e, const Cells& cell, nlohmann::json& v) {
  const std::string verdict = str(e, "verdict");
  v["verdict"] = verdict;
  v["blocked"] = verdict == "blocked";
  v["verdict_icon"] = verdict == "blocked" ? "❌" : "✅";
  v["verdict_text"] = verdict == "blocked" ? "BLOCKED" : "PASS";
  v["tool_version"] = e.value("/tool/version"_json_pointer, "");
  v["evaluated_at"] = str(e, "evaluated_at");
  v["schema"] = str(e, "schema");

  const auto& change = e["change"];
  v["change"] = {{"id", cell(text_of(change["id"]))},
                 {"title", cell(string_or_empty(change["title"]))},
                 {"type", cell(string_or_empty(change["type"]))},
                 {"author", cell(string_or_empty(change["author"]))},
                 {"summary", string_or_empty(change["summary"])}};
  const auto& repo = e["repo"];
  v["repo"] = {
      {"git", repo.value("git", false)},
      {"head", text_of(repo["head"]).substr(0, 12)},
      {"base", repo["base"].is_string() ? repo["base"].get<std::string>().substr(0, 12) : "(none)"},
      {"files_changed", repo.value("files_changed", 0)},
      {"insertions", repo.value("insertions", 0)},
      {"deletions", repo.value("deletions", 0)}};
  v["config"] = {{"path", cell(str(e["config"], "path"))}, {"sha256", str(e["config"], "sha256")}};
}

nlohmann::json gate_view(const nlohmann::json& g, const Cells& cell) {
  const std::string status = str(g, "status");
  nlohmann::json gv = {{"id", cell(str(g, "id"))},
                       {"plain_id", str(g, "id")},  // for {{plain_id}} inside HTML
                       {"kind", cell(str(g, "kind"))},
                       {"status", status},
                       {"status_icon", icon(status)},
                       {"severity", str(g, "severity")},
                       {"blocking", g.value("blocking", false)},
                       {"summary", cell(str(g, "summary"))},
                       {"duration_ms", g.value("duration_ms", 0)}};
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : g["details"].value("problems", nlohmann::json::array()))
    problems.push_back(cell(p.get<std::string>()));
  gv["problems"] = problems;
  nlohmann::json comparisons = nlohmann::json::array();
  for (const auto& c : g["details"].value("comparisons", nlohmann::json::array())) {
    const std::string name = str(c, "name"), op = str(c, "op");
    comparisons.push_back(
        {{"name", cell(name)},
         {"actual", cell(display_value(name, op, c.value("actual", nlohmann::json())))},
         {"op", cell(op)},
         {"expected", cell(display_value(name, op, c.value("expected", nlohmann::json())))},
         {"tolerance", cell(display_tolerance(c.value("tolerance", nlohmann::json())))},
         {"ok", c.value("ok", false)},
         {"mark", c.value("ok", false) ? "✓" : "✗"}});
  }
  gv["comparisons"] = comparisons;
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& ev : g.value("evidence", nlohmann::json::array()))
    evidence.push_back(
        {{"path", cell(display_evidence_path(str(ev, "path")))}, {"sha256", str(ev, "sha256")}});
  gv["evidence"] = evidence;
  gv["has_more"] = !problems.empty() || !comparisons.empty() || !evidence.empty();
  if (g.contains("waiver"))
    gv["waiver"] = {{"reason", cell(str(g["waiver"], "reason"))},
                    {"approved_by", cell(str(g["waiver"], "approved_by"))},
                    {"expires", str(g["waiver"], "expires")}};
  else
    gv["waiver"] = false;
  return gv;
}

// One row per gate, the count per status and which gates block.
void add_gates(const nlohmann::json& e, const Cells& cell, nlohmann::json& v) {
  std::map<std::string, int> counts;
  nlohmann::json gates = nlohmann::json::array();
  std::vector<std::string> blocking;
  for (const auto& g : e["gates"]) {
    ++counts[str(g, "status")];
    if (g.value("blocking", false)) blocking.push_back(str(g, "id"));
    gates.push_back(gate_view(g, cell));
  }
  v["gates"] = gates;
  v["counts"] = {{"pass", counts["pass"]},     {"fail", counts["fail"]},
                 {"error", counts["error"]},   {"skip", counts["skip"]},
                 {"waived", counts["waived"]}, {"total", e["gates"].size()}};
  std::string blocking_text;
  for (const auto& id : blocking) blocking_text += (blocking_text.empty() ? "" : ", ") + id;
  v["blocking_gates"] = cell(blocking_text);
}

nlohmann::json risk_view(const nlohmann::json& risk, const Cells& cell) {
  if (!risk.is_object()) return false;
  nlohmann::json factors = nlohmann::json::array();
  for (const auto& f : risk["factors"])
    factors.push_back({{"name", cell(str(f, "name"))},
                       {"points", f.value("points", 0)},
                       {"nonzero", f.value("points", 0) != 0},
                       {"reason", cell(str(f, "reason"))}});
  return {{"score", risk.value("score", 0)}, {"level", str(risk, "level")}, {"factors", factors}};
}

// The blast radius as a graph: touched components in column 0, downstream
// ones in the column of their distance; edges are each path's last hop.
struct BlastGraph {
  nlohmann::json components = nlohmann::json::array();
  nlohmann::json downstream = nlohmann::json::array();
  nlohmann::json nodes = nlohmann::json::array();  // {id, label, depth, touched}
  nlohmann::json edges = nlohmann::json::array();  // {from, to}
  std::string mermaid = "graph LR\n";
};

BlastGraph blast_graph(const nlohmann::json& br, const Cells& cell) {
  BlastGraph graph;
  std::map<std::string, std::string> node_id;  // component id -> Mermaid node id
  auto add_node = [&](const std::string& id, const nlohmann::json& tier, std::size_t d,
                      std::size_t files, bool touched) {
    const std::string nid = "n" + std::to_string(node_id.size());
    node_id[id] = nid;
    std::string label = id + " (" + tier_text(tier) + ")";
    if (touched) label += ", " + std::to_string(files) + " file" + (files == 1 ? "" : "s");
    graph.mermaid += "  " + nid + "[\"" + mermaid_label(label) + "\"]\n";
    graph.nodes.push_back({{"id", id}, {"label", label}, {"depth", d}, {"touched", touched}});
  };
  for (const auto& c : br["components"]) {
    add_node(str(c, "id"), c["tier"], 0, c["files"].size(), true);
    graph.components.push_back({{"id", cell(str(c, "id"))},
                                {"tier", tier_text(c["tier"])},
                                {"files", c["files"].size()},
                                {"insertions", c.value("insertions", 0)},
                                {"deletions", c.value("deletions", 0)}});
  }
  for (const auto& d : br["downstream"]) {
    const auto& via = d["via"];
    // A path names both ends, so it has at least two entries; a shorter one
    // (a hand-edited file) gets a node but no edge rather than a bad index.
    add_node(str(d, "id"), d["tier"], via.size() < 2 ? 1 : via.size() - 1, 0, false);
    std::string path;
    for (const auto& hop : via) path += (path.empty() ? "" : " → ") + hop.get<std::string>();
    graph.downstream.push_back(
        {{"id", cell(str(d, "id"))}, {"tier", tier_text(d["tier"])}, {"via", cell(path)}});
    if (via.size() < 2) continue;
    const std::string from = via[via.size() - 2].get<std::string>();
    graph.mermaid += "  " + node_id[from] + " --> " + node_id[str(d, "id")] + "\n";
    graph.edges.push_back({{"from", from}, {"to", str(d, "id")}});
  }
  for (const auto& c : br["components"])
    if (str(c, "id") != "(unowned)")
      graph.mermaid += "  style " + node_id[str(c, "id")] + " stroke-width:3px\n";
  return graph;
}

// Fixed-size boxes in columns by depth, rows in order, lines between them.
nlohmann::json svg_layout(const BlastGraph& graph) {
  constexpr int k_w = 190, k_h = 36, k_gap_x = 70, k_gap_y = 16, k_pad = 10;
  std::map<std::size_t, int> rows;
  std::map<std::string, std::pair<int, int>> pos;
  nlohmann::json boxes = nlohmann::json::array();
  int max_x = 0, max_y = 0;
  for (const auto& n : graph.nodes) {
    const std::size_t d = n["depth"].get<std::size_t>();
    const int x = k_pad + static_cast<int>(d) * (k_w + k_gap_x);
    const int y = k_pad + rows[d]++ * (k_h + k_gap_y);
    pos[n["id"].get<std::string>()] = {x, y};
    max_x = std::max(max_x, x + k_w + k_pad);
    max_y = std::max(max_y, y + k_h + k_pad);
    boxes.push_back({{"x", x},
                     {"y", y},
                     {"w", k_w},
                     {"h", k_h},
                     {"tx", x + 8},
                     {"ty", y + 23},
                     {"label", n["label"]},
                     {"touched", n["touched"]}});
  }
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& edge : graph.edges) {
    const auto [fx, fy] = pos[edge["from"].get<std::string>()];
    const auto [tx, ty] = pos[edge["to"].get<std::string>()];
    lines.push_back({{"x1", fx + k_w}, {"y1", fy + k_h / 2}, {"x2", tx}, {"y2", ty + k_h / 2}});
  }
  return {{"width", max_x}, {"height", max_y}, {"boxes", boxes}, {"lines", lines}};
}

nlohmann::json blast_view(const nlohmann::json& br, const Cells& cell) {
  if (!br.is_object()) return false;
  const BlastGraph graph = blast_graph(br, cell);
  nlohmann::json unowned = nlohmann::json::array();
  for (const auto& c : br["components"])
    if (str(c, "id") == "(unowned)")
      for (const auto& f : c["files"]) unowned.push_back(cell(string_or_empty(f)));
  nlohmann::json gate_inputs = nlohmann::json::array();
  for (const auto& f : br.value("gate_inputs", nlohmann::json::array()))
    gate_inputs.push_back(cell(string_or_empty(f)));
  return {{"components", graph.components},
          {"unowned_files", unowned},
          {"has_unowned_files", !unowned.empty()},
          {"gate_inputs", gate_inputs},
          {"has_gate_inputs", !gate_inputs.empty()},
          {"downstream", graph.downstream},
          {"has_downstream", !graph.downstream.empty()},
          {"mermaid", graph.mermaid},
          {"svg", svg_layout(graph)}};
}

}  // namespace

nlohmann::json build_report_view(const nlohmann::json& e, ViewFlavour flavour) {
  const Cells cell{flavour == ViewFlavour::markdown};
  nlohmann::json v;
  add_heading(e, cell, v);
  add_gates(e, cell, v);
  v["risk"] = risk_view(e["risk"], cell);
  v["blast"] = blast_view(e["blast_radius"], cell);
  return v;
}

}  // namespace changegate
