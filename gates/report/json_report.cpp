#include "gates/report/json_report.h"

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
    blast = {{"components", components}, {"downstream", downstream}};
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

}  // namespace changegate
