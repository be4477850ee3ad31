#include "gates/report/json_report.h"

#include <limits>

#include "gates/error.h"
#include "gates/util/file.h"
#include "gates/util/strings.h"

namespace changegate {

namespace {

nlohmann::json or_null(const std::string& s) {
  return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

nlohmann::json change_json(const ChangeRecord& c) {
  nlohmann::json j = {
      {"id", or_null(c.id)},     {"id_source", c.id_source},     {"title", or_null(c.title)},
      {"type", or_null(c.type)}, {"author", or_null(c.author)},  {"tickets", c.tickets},
      {"fixes", c.fixes},        {"summary", or_null(c.summary)}};
  j["record"] =
      c.present ? nlohmann::json{{"path", c.path}, {"sha256", c.sha256}} : nlohmann::json();
  nlohmann::json approvals = nlohmann::json::array();
  for (const auto& a : c.approvals)
    approvals.push_back({{"by", a.by},
                         {"at", a.at ? nlohmann::json(format_timestamp(*a.at)) : nlohmann::json()},
                         {"commit", or_null(a.commit)}});
  j["approvals"] = approvals;
  if (c.rollback) {
    const Rollback& rb = *c.rollback;
    j["rollback"] = {
        {"plan", rb.plan},
        {"steps", rb.steps},
        {"tested", rb.tested ? nlohmann::json(*rb.tested) : nlohmann::json()},
        {"tested_at", rb.tested_at ? nlohmann::json(format_date(*rb.tested_at)) : nlohmann::json()},
        {"runbook", or_null(rb.runbook)},
        {"max_minutes", rb.max_minutes ? nlohmann::json(*rb.max_minutes) : nlohmann::json()},
        {"down_migration", or_null(rb.down_migration)}};
  } else {
    j["rollback"] = nullptr;
  }
  return j;
}

nlohmann::json gate_json(const GateResult& g) {
  nlohmann::json details = g.details;
  nlohmann::json comparisons = nlohmann::json::array();
  for (const auto& c : g.comparisons)
    comparisons.push_back({{"name", c.name},
                           {"actual", c.actual},
                           {"op", c.op},
                           {"expected", c.expected},
                           {"tolerance", c.tolerance},
                           {"ok", c.ok}});
  details["comparisons"] = comparisons;
  details["problems"] = g.problems;
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : g.evidence)
    evidence.push_back({{"path", e.path}, {"sha256", e.sha256}, {"bytes", e.bytes}});
  nlohmann::json j = {{"id", g.id},
                      {"kind", g.kind},
                      {"status", to_string(g.status)},
                      {"severity", to_string(g.severity)},
                      {"on_error", g.on_error_blocks ? "block" : "warn"},
                      {"blocking", g.blocks()},
                      {"summary", g.summary},
                      {"details", details},
                      {"evidence", evidence},
                      {"duration_ms", g.duration_ms}};
  if (g.waiver)
    j["waiver"] = {{"reason", g.waiver->reason},
                   {"approved_by", g.waiver->approved_by},
                   {"expires", format_timestamp(g.waiver->expires)},
                   {"covered_status", to_string(g.waiver->covered)},
                   {"line", g.waiver->line}};
  return j;
}

nlohmann::json evaluation_without_ledger(const Evaluation& e) {
  nlohmann::json gates = nlohmann::json::array();
  for (const auto& g : e.gates) gates.push_back(gate_json(g));
  nlohmann::json risk;
  if (e.risk) {
    nlohmann::json factors = nlohmann::json::array();
    for (const auto& f : e.risk->factors)
      factors.push_back({{"name", f.name}, {"points", f.points}, {"reason", f.reason}});
    risk = {{"score", e.risk->score}, {"level", to_string(e.risk->level)}, {"factors", factors}};
  }
  nlohmann::json blast;
  if (e.blast_radius) {
    nlohmann::json components = nlohmann::json::array();
    for (const auto& c : e.blast_radius->components)
      components.push_back({{"id", c.id},
                            {"tier", c.tier ? nlohmann::json(*c.tier) : nlohmann::json()},
                            {"data", c.data},
                            {"files", c.files},
                            {"insertions", c.insertions},
                            {"deletions", c.deletions}});
    nlohmann::json downstream = nlohmann::json::array();
    for (const auto& d : e.blast_radius->downstream)
      downstream.push_back({{"id", d.id},
                            {"tier", d.tier ? nlohmann::json(*d.tier) : nlohmann::json()},
                            {"data", d.data},
                            {"via", d.via}});
    blast = {{"components", components},
             {"downstream", downstream},
             {"gate_inputs", e.blast_radius->gate_inputs}};
  }
  return {{"schema", k_evaluation_schema},
          {"tool", {{"name", "changegate"}, {"version", e.tool_version}}},
          {"evaluated_at", format_timestamp(e.evaluated_at)},
          {"verdict", e.blocked ? "blocked" : "pass"},
          {"change", change_json(e.change)},
          {"repo",
           {{"root", e.repo.root},
            {"git", e.repo.is_git},
            {"head", or_null(e.repo.head)},
            {"base", or_null(e.repo.base)},
            {"base_rule", or_null(e.repo.base_rule)},
            {"worktree", e.repo.worktree},
            {"files_changed", e.repo.files_changed},
            {"insertions", e.repo.insertions},
            {"deletions", e.repo.deletions}}},
          {"config", {{"path", e.config_path}, {"sha256", e.config_sha256}}},
          {"gates", gates},
          {"risk", risk},
          {"blast_radius", blast}};
}

}  // namespace

nlohmann::json evaluation_to_json(const Evaluation& e) {
  nlohmann::json out = evaluation_without_ledger(e);
  if (!e.evaluation_id.empty()) out["evaluation_id"] = e.evaluation_id;
  if (e.ledger) {
    const LedgerStamp& l = *e.ledger;
    if (l.entry > 0)
      out["ledger"] = {{"entry", l.entry}, {"hash", l.hash}, {"prev_hash", l.prev_hash}};
    else if (!l.spooled.empty())
      out["ledger"] = {{"spooled", l.spooled}};
    else
      out["ledger"] = {{"error", l.error}};
  }
  return out;
}

namespace {

using Json = nlohmann::json;
using Pointer = nlohmann::json::json_pointer;

// One value of the document being read and where it sits, so every refusal
// names the file and the JSON pointer of the field. Accessors check the type
// before they touch the value; nothing here indexes an array it has not sized.
class Node {
 public:
  Node(const Json& value, Pointer at, const std::string& source)
      : value_(&value), at_(std::move(at)), source_(&source) {}

  [[noreturn]] void fail(const std::string& problem) const {
    throw Error(*source_ + ": " + at_.to_string() + ": " + problem);
  }
  [[noreturn]] void wrong_type(const char* expected) const {
    fail(std::string("expected ") + expected + ", found " + value_->type_name());
  }

  const Json& json() const { return *value_; }
  bool is_null() const { return value_->is_null(); }
  bool has(const char* key) const { return object().contains(key); }
  Node operator[](const char* key) const {
    const Json& o = object();
    const auto it = o.find(key);
    if (it == o.end()) Node(o, at_ / key, *source_).fail("missing");
    return Node(*it, at_ / key, *source_);
  }
  std::vector<Node> items() const {
    if (!value_->is_array()) wrong_type("an array");
    std::vector<Node> out;
    for (std::size_t i = 0; i < value_->size(); ++i)
      out.emplace_back((*value_)[i], at_ / i, *source_);
    return out;
  }
  const Json& object() const {
    if (!value_->is_object()) wrong_type("an object");
    return *value_;
  }
  std::string text() const {
    if (!value_->is_string()) wrong_type("a string");
    return value_->get<std::string>();
  }
  // A string the writer leaves null when it is empty.
  std::string text_or_null() const { return is_null() ? std::string() : text(); }
  std::vector<std::string> texts() const {
    std::vector<std::string> out;
    for (const Node& item : items()) out.push_back(item.text());
    return out;
  }
  bool flag() const {
    if (!value_->is_boolean()) wrong_type("true or false");
    return value_->get<bool>();
  }
  std::int64_t integer(std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                       std::int64_t max = std::numeric_limits<std::int64_t>::max()) const {
    if (!value_->is_number_integer()) wrong_type("an integer");
    if (value_->is_number_unsigned() &&
        value_->get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      fail(value_->dump() + " is out of range");
    const std::int64_t n = value_->get<std::int64_t>();
    if (n < min || n > max)
      fail(std::to_string(n) + " is out of range (" + std::to_string(min) + " to " +
           std::to_string(max) + ")");
    return n;
  }
  int small_integer(int min = std::numeric_limits<int>::min()) const {
    return static_cast<int>(integer(min, std::numeric_limits<int>::max()));
  }
  std::uint64_t count() const {
    if (!value_->is_number_unsigned()) wrong_type("an integer of at least 0");
    return value_->get<std::uint64_t>();
  }
  Timestamp instant() const {
    const std::string s = text();
    const auto t = parse_timestamp(s);
    if (!t) fail(quoted(s) + " is not an RFC 3339 date-time");
    return *t;
  }
  // One of `names`, as its index.
  std::size_t choice(const std::vector<std::string>& names) const {
    const std::string s = text();
    for (std::size_t i = 0; i < names.size(); ++i)
      if (s == names[i]) return i;
    fail(quoted(s) + " is not one of " + join(names, ", "));
  }

 private:
  const Json* value_;
  Pointer at_;
  const std::string* source_;
};

Status status_of(const Node& n, const std::vector<Status>& allowed) {
  std::vector<std::string> names;
  for (Status s : allowed) names.emplace_back(to_string(s));
  return allowed[n.choice(names)];
}

std::optional<int> tier_of(const Node& n) {
  if (n.is_null()) return std::nullopt;
  return n.small_integer();
}

Rollback rollback_from(const Node& n) {
  Rollback rb;
  rb.plan = n["plan"].text();
  rb.steps = n["steps"].texts();
  if (!n["tested"].is_null()) rb.tested = n["tested"].flag();
  if (!n["tested_at"].is_null()) rb.tested_at = n["tested_at"].instant();
  rb.runbook = n["runbook"].text_or_null();
  if (!n["max_minutes"].is_null()) rb.max_minutes = n["max_minutes"].integer();
  rb.down_migration = n["down_migration"].text_or_null();
  return rb;
}

ChangeRecord change_from(const Node& n) {
  ChangeRecord c;
  c.id = n["id"].text_or_null();
  c.id_source = n["id_source"].text();
  c.title = n["title"].text_or_null();
  c.type = n["type"].text_or_null();
  c.author = n["author"].text_or_null();
  c.tickets = n["tickets"].texts();
  c.fixes = n["fixes"].texts();
  c.summary = n["summary"].text_or_null();
  if (const Node record = n["record"]; !record.is_null()) {
    c.present = true;
    c.path = record["path"].text();
    c.sha256 = record["sha256"].text();
  }
  for (const Node& a : n["approvals"].items()) {
    Approval approval;
    approval.by = a["by"].text();
    if (!a["at"].is_null()) approval.at = a["at"].instant();
    approval.commit = a["commit"].text_or_null();
    c.approvals.push_back(approval);
  }
  if (const Node rb = n["rollback"]; !rb.is_null()) c.rollback = rollback_from(rb);
  return c;
}

RepoSummary repo_from(const Node& n) {
  RepoSummary r;
  if (n.has("root")) r.root = n["root"].text();
  if (n.has("git")) r.is_git = n["git"].flag();
  r.head = n["head"].text_or_null();
  r.base = n["base"].text_or_null();
  if (n.has("base_rule")) r.base_rule = n["base_rule"].text_or_null();
  if (n.has("worktree")) r.worktree = n["worktree"].flag();
  r.files_changed = n["files_changed"].integer(0);
  r.insertions = n["insertions"].integer(0);
  r.deletions = n["deletions"].integer(0);
  return r;
}

// `details` holds the kind's own structure plus the comparisons and problems
// the writer merges into it; they are taken back out here.
void details_from(const Node& n, GateResult& g) {
  g.details = n.object();
  g.details.erase("comparisons");
  g.details.erase("problems");
  for (const Node& c : n["comparisons"].items())
    g.comparisons.push_back(Comparison{c["name"].text(), c["actual"].json(), c["op"].text(),
                                       c["expected"].json(), c["tolerance"].json(),
                                       c["ok"].flag()});
  g.problems = n["problems"].texts();
}

GateResult gate_from(const Node& n) {
  GateResult g;
  g.id = n["id"].text();
  g.kind = n["kind"].text();
  g.status = status_of(n["status"],
                       {Status::pass, Status::fail, Status::error, Status::skip, Status::waived});
  g.severity = n["severity"].choice({"block", "warn"}) == 0 ? Severity::block : Severity::warn;
  g.on_error_blocks = n["on_error"].choice({"block", "warn"}) == 0;
  if (const Node blocking = n["blocking"]; blocking.flag() != g.blocks())
    blocking.fail(std::string(g.blocks() ? "false" : "true") +
                  " does not follow from its status, severity and on_error");
  g.summary = n["summary"].text();
  details_from(n["details"], g);
  for (const Node& ev : n["evidence"].items())
    g.evidence.push_back(Evidence{ev["path"].text(), ev["sha256"].text(),
                                  ev.has("bytes") ? ev["bytes"].count() : 0});
  g.duration_ms = n["duration_ms"].integer(0);
  if (n.has("waiver")) {
    const Node w = n["waiver"];
    WaiverUse use;
    use.reason = w["reason"].text();
    use.approved_by = w["approved_by"].text();
    use.expires = w["expires"].instant();
    use.covered = status_of(w["covered_status"], {Status::fail, Status::error});
    if (w.has("line")) use.line = w["line"].small_integer(0);
    g.waiver = use;
  }
  return g;
}

RiskAssessment risk_from(const Node& n) {
  RiskAssessment risk;
  risk.score = static_cast<int>(n["score"].integer(0, 100));
  const std::vector<std::string> levels = {"low", "medium", "high", "critical"};
  risk.level = *parse_risk_level(levels[n["level"].choice(levels)]);
  for (const Node& f : n["factors"].items())
    risk.factors.push_back(
        RiskFactor{f["name"].text(), f["points"].small_integer(), f["reason"].text()});
  return risk;
}

BlastRadius blast_from(const Node& n) {
  BlastRadius br;
  for (const Node& c : n["components"].items()) {
    TouchedComponent t;
    t.id = c["id"].text();
    t.tier = tier_of(c["tier"]);
    if (c.has("data")) t.data = c["data"].texts();
    t.files = c["files"].texts();
    if (c.has("insertions")) t.insertions = c["insertions"].integer(0);
    if (c.has("deletions")) t.deletions = c["deletions"].integer(0);
    br.components.push_back(t);
  }
  for (const Node& d : n["downstream"].items()) {
    ReachedComponent r;
    r.id = d["id"].text();
    r.tier = tier_of(d["tier"]);
    if (d.has("data")) r.data = d["data"].texts();
    r.via = d["via"].texts();
    // The renderers draw the last hop (via's last two entries) as an edge.
    if (r.via.size() < 2)
      d["via"].fail("a path needs at least the touched component and this one, found " +
                    plural(static_cast<std::int64_t>(r.via.size()), "entry", "entries"));
    br.downstream.push_back(r);
  }
  if (n.has("gate_inputs")) br.gate_inputs = n["gate_inputs"].texts();
  return br;
}

}  // namespace

Evaluation evaluation_from_json(const nlohmann::json& j, const std::string& source) {
  const auto schema = j.is_object() ? j.find("schema") : j.end();
  if (!j.is_object() || schema == j.end() || *schema != k_evaluation_schema)
    throw Error(source + ": not a changegate evaluation (schema \"" +
                std::string(k_evaluation_schema) + "\")");
  const Node root(j, Pointer(), source);
  Evaluation e;
  if (const Node name = root["tool"]["name"]; name.text() != "changegate")
    name.fail("expected \"changegate\", found " + quoted(name.text()));
  e.tool_version = root["tool"]["version"].text();
  e.evaluated_at = root["evaluated_at"].instant();
  const Node verdict = root["verdict"];
  e.blocked = verdict.choice({"pass", "blocked"}) == 1;
  e.change = change_from(root["change"]);
  e.repo = repo_from(root["repo"]);
  e.config_path = root["config"]["path"].text();
  e.config_sha256 = root["config"]["sha256"].text();
  bool any_blocks = false;
  for (const Node& g : root["gates"].items()) {
    e.gates.push_back(gate_from(g));
    any_blocks = any_blocks || e.gates.back().blocks();
  }
  if (root.has("evaluation_id")) e.evaluation_id = root["evaluation_id"].text();
  if (root.has("ledger")) {
    const Node l = root["ledger"];
    LedgerStamp stamp;
    if (l.has("entry")) {
      stamp.entry = l["entry"].integer(1);
      stamp.hash = l["hash"].text();
      stamp.prev_hash = l["prev_hash"].text();
    } else if (l.has("spooled")) {
      stamp.spooled = l["spooled"].text();
    } else {
      stamp.error = l["error"].text();
    }
    e.ledger = stamp;
  }
  // A required ledger that could not be written blocks a run whose gates pass.
  const bool ledger_blocked = e.ledger && !e.ledger->error.empty();
  if (any_blocks != e.blocked && !(ledger_blocked && e.blocked))
    verdict.fail(quoted(verdict.text()) + " does not follow from the gates (" +
                 (any_blocks ? "one blocks" : "none blocks") + ")");
  if (const Node risk = root["risk"]; !risk.is_null()) e.risk = risk_from(risk);
  if (const Node blast = root["blast_radius"]; !blast.is_null()) e.blast_radius = blast_from(blast);
  return e;
}

Evaluation read_evaluation_file(const std::string& path) {
  std::string text, err;
  if (!read_file(path, &text, &err)) throw Error(err);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(path + ": not JSON: " + e.what());
  }
  return evaluation_from_json(j, path);
}

}  // namespace changegate
