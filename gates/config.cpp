#include "gates/config.h"

#include <set>

#include "gates/document.h"
#include "gates/error.h"
#include "gates/risk_require.h"
#include "gates/table_reader.h"
#include "gates/util/file.h"
#include "gates/util/glob.h"
#include "gates/util/sha256.h"
#include "gates/util/strings.h"
#include "gates/util/suggest.h"

namespace changegate {

const Component* Config::find_component(const std::string& id) const {
  for (const auto& c : components)
    if (c.id == id) return &c;
  return nullptr;
}

const GateConfig* Config::find_gate(const std::string& id) const {
  for (const auto& g : gates)
    if (g.id == id) return &g;
  return nullptr;
}

const Component* Config::component_of(const std::string& file) const {
  for (const auto& c : components)
    for (const auto& pattern : c.paths)
      if (glob_match(pattern, file)) return &c;
  return nullptr;
}

const std::vector<std::string> k_common_gate_keys = {"id",       "kind", "severity",
                                                     "on_error", "when", "description"};

namespace {

void check_globs(const TableReader& r, const std::string& key,
                 const std::vector<std::string>& globs) {
  const Node* list = r.find(key);
  for (std::size_t i = 0; i < globs.size(); ++i)
    if (auto problem = glob_problem(globs[i]))
      r.fail(list && list->array ? (*list->array)[i] : r.node(),
             "bad glob " + changegate::quoted(globs[i]) + " in \"" + key + "\": " + *problem);
}

void read_project(const TableReader& r, Config& config) {
  r.allow_only({"name", "ledger", "ledger_required"});
  config.project_name = r.string("name").value_or("");
  config.ledger = r.string("ledger").value_or("");
  config.ledger_required = r.boolean("ledger_required").value_or(false);
}

void read_components(const TableReader& r, Config& config) {
  for (const auto& [id, node] : *r.node().table) {
    if (node.type != Node::Type::table)
      r.fail(node,
             "component " + changegate::quoted(id) + " must be a table ([components." + id + "])");
    TableReader c(r.document(), node, "component " + changegate::quoted(id));
    c.allow_only({"paths", "owners", "tier", "data", "downstream", "description"});
    Component component;
    component.id = id;
    component.line = node.line;
    component.paths = c.string_list("paths");
    check_globs(c, "paths", component.paths);
    component.owners = c.string_list("owners");
    if (auto tier = c.integer("tier", 1, 9)) component.tier = static_cast<int>(*tier);
    component.data = c.string_list("data");
    component.downstream = c.string_list("downstream");
    config.components.push_back(std::move(component));
  }
  std::vector<std::string> ids;
  for (const auto& c : config.components) ids.push_back(c.id);
  for (const auto& c : config.components) {
    const Node* component_node = r.find(c.id);
    TableReader cr(r.document(), *component_node, "component " + changegate::quoted(c.id));
    const Node* list = cr.find("downstream");
    for (std::size_t i = 0; i < c.downstream.size(); ++i) {
      if (!config.find_component(c.downstream[i]))
        cr.fail((*list->array)[i], "unknown component " + changegate::quoted(c.downstream[i]) +
                                       " in \"downstream\"" + did_you_mean(c.downstream[i], ids));
      if (c.downstream[i] == c.id) cr.fail((*list->array)[i], "lists itself in \"downstream\"");
    }
  }
}

void read_teams(const TableReader& r, Config& config) {
  for (const auto& [name, node] : *r.node().table) {
    if (node.type != Node::Type::array)
      r.fail(node, "team " + changegate::quoted(name) + " must be an array of member names");
    std::vector<std::string> members;
    for (const auto& m : *node.array) {
      if (m.type != Node::Type::string)
        r.fail(m, "team " + changegate::quoted(name) + ": members must be strings, not " +
                      describe(m.type));
      members.push_back(m.text);
    }
    config.teams[name] = std::move(members);
  }
}

When read_when(const TableReader& w) {
  w.allow_only({"risk_at_least", "paths", "change_types"});
  When when;
  when.paths = w.string_list("paths");
  check_globs(w, "paths", when.paths);
  when.change_types = w.string_list("change_types");
  const Node* types = w.find("change_types");
  for (std::size_t i = 0; i < when.change_types.size(); ++i) {
    bool known = false;
    for (const auto& t : change_types()) known = known || t == when.change_types[i];
    if (!known)
      w.fail((*types->array)[i], "unknown change type " + changegate::quoted(when.change_types[i]) +
                                     did_you_mean(when.change_types[i], change_types()));
  }
  if (auto level = w.choice("risk_at_least", {"low", "medium", "high", "critical"}))
    when.risk_at_least = parse_risk_level(*level);
  return when;
}

void read_gates(const TableReader& root, const GateKinds& kinds, Config& config) {
  std::set<std::string> seen;
  int index = 0;
  for (const auto& g : root.table_list("gate", "")) {
    ++index;
    const std::string context_guess = g.find("id") && g.find("id")->type == Node::Type::string
                                          ? "gate " + changegate::quoted(g.find("id")->text)
                                          : "gate #" + std::to_string(index);
    TableReader gate(root.document(), g.node(), context_guess);
    GateConfig gc;
    gc.line = g.node().line;
    gc.id = gate.required_string("id");
    if (!seen.insert(gc.id).second)
      gate.fail("id", "duplicate gate id " + changegate::quoted(gc.id));
    gc.kind = gate.required_string("kind");
    const GateKind* kind = kinds.find(gc.kind);
    if (!kind)
      gate.fail("kind", "unknown gate kind " + changegate::quoted(gc.kind) +
                            did_you_mean(gc.kind, kinds.names()));
    std::vector<std::string> allowed = k_common_gate_keys;
    for (const auto& key : kind->keys) allowed.push_back(key.name);
    gate.allow_only(allowed);
    gc.description = gate.string("description").value_or("");
    gc.severity = gate.choice("severity", {"block", "warn"}).value_or("block") == "block"
                      ? Severity::block
                      : Severity::warn;
    gc.on_error_blocks = gate.choice("on_error", {"block", "warn"}).value_or("block") == "block";
    if (auto w = gate.table("when", context_guess + ": when")) gc.when = read_when(*w);
    gc.check = kind->load(gate);
    config.gates.push_back(std::move(gc));
  }
}

void read_waivers(const TableReader& root, Config& config) {
  std::vector<std::string> gate_ids;
  for (const auto& g : config.gates) gate_ids.push_back(g.id);
  std::vector<std::string> component_ids;
  for (const auto& c : config.components) component_ids.push_back(c.id);
  for (const auto& w : root.table_list("waiver", "waiver")) {
    w.allow_only({"gate", "change", "paths", "components", "reason", "approved_by", "expires"});
    WaiverConfig waiver;
    waiver.line = w.node().line;
    waiver.gate = w.required_string("gate");
    if (!config.find_gate(waiver.gate))
      w.fail("gate", "unknown gate " + changegate::quoted(waiver.gate) +
                         did_you_mean(waiver.gate, gate_ids));
    waiver.change = w.required_string("change");
    waiver.paths = w.string_list("paths");
    check_globs(w, "paths", waiver.paths);
    waiver.components = w.string_list("components");
    for (const auto& c : waiver.components)
      if (!config.find_component(c))
        w.fail("components",
               "unknown component " + changegate::quoted(c) + did_you_mean(c, component_ids));
    if (waiver.change == "*" && waiver.paths.empty() && waiver.components.empty())
      w.fail("change",
             "change = \"*\" needs \"paths\" or \"components\" to say which changes it covers");
    waiver.reason = w.required_string("reason");
    waiver.approved_by = w.required_string("approved_by");
    auto expires = w.time("expires");
    if (!expires)
      w.fail(w.node(),
             "missing required key \"expires\" (a waiver without an end date is a "
             "permanent bypass)");
    waiver.expires = *expires;
    config.waivers.push_back(std::move(waiver));
  }
}

// Each [[risk.require]] becomes a gate of kind "risk", selected by
// when.risk_at_least, so it is reported, waived and rendered like any other.
void add_risk_requirements(const TableReader& root, Config& config) {
  const Node* risk = root.find("risk");
  const Node* list = risk ? risk->find("require") : nullptr;
  for (std::size_t i = 0; i < config.risk.requirements.size(); ++i) {
    const RiskRequirement& req = config.risk.requirements[i];
    if (config.find_gate(req.id))
      root.fail(list ? (*list->array)[i] : root.node(),
                "risk.require: gate id \"" + req.id + "\" is already taken; give it an \"id\"");
    GateConfig gc;
    gc.id = req.id;
    gc.kind = k_risk_require_kind;
    gc.line = req.line;
    gc.when = When{{}, {}, req.at_least};
    gc.check = make_risk_require_check(req);
    config.gates.push_back(std::move(gc));
  }
}

}  // namespace

Config parse_config(const std::string& text, const std::string& path, const GateKinds& kinds) {
  const Document doc = parse_toml(text, path);
  TableReader root(doc, doc.root, "");
  root.allow_only({"project", "components", "teams", "gate", "waiver", "risk", "freeze"});
  Config config;
  config.path = path;
  config.sha256 = sha256_hex(text);
  if (auto project = root.table("project", "project")) read_project(*project, config);
  if (auto components = root.table("components", "components"))
    read_components(*components, config);
  if (auto teams = root.table("teams", "teams")) read_teams(*teams, config);
  if (auto risk = root.table("risk", "risk")) read_risk_config(*risk, config.risk);
  for (const auto& f : root.table_list("freeze", "freeze"))
    config.risk.freezes.push_back(read_freeze(f));
  read_gates(root, kinds, config);
  add_risk_requirements(root, config);
  read_waivers(root, config);
  return config;
}

Config load_config(const std::string& path, const GateKinds& kinds) {
  // A directory or a FIFO given as --config is refused by name: it must
  // never read as an empty gate file that passes with nothing to judge.
  std::string text, err;
  if (!read_file(path, &text, &err)) throw Error(err + " (the gate file)");
  Config config = parse_config(text, path, kinds);
  // An empty gate file proves nothing: a run over it would pass on evidence
  // it never looked at. Components alone still give risk and blast radius.
  if (config.gates.empty() && config.components.empty())
    throw Error(path +
                ": declares no [[gate]], no [[risk.require]] and no [components]: nothing to "
                "evaluate (`changegate --help` lists the gate kinds)");
  return config;
}

}  // namespace changegate
