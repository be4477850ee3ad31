// Evaluations for the renderer tests, built by hand so each field's value is
// known: a small one and one that fills every part of the model.
#pragma once

#include "gates/evaluation.h"

namespace changegate::testing {

// Two gates, one failing with a comparison; blocked; no risk, no blast radius.
inline Evaluation small_evaluation() {
  Evaluation e;
  e.tool_version = "0.1.0";
  e.evaluated_at = 1795255200;  // 2026-11-21T10:00:00Z
  e.change.id = "CHG-1";
  e.change.id_source = "record";
  e.change.title = "orders_v2 <&>";
  e.repo.is_git = true;
  e.repo.head = "95ade5d0000000000000000000000000000000000";
  e.repo.base = "76c29ab0000000000000000000000000000000000";
  e.config_path = "changegate.toml";
  e.config_sha256 = std::string(64, 'a');
  GateResult pass;
  pass.id = "unit";
  pass.kind = "tests";
  pass.status = Status::pass;
  pass.summary = "19 tests";
  GateResult fail;
  fail.id = "rollback";
  fail.kind = "rollback";
  fail.status = Status::fail;
  fail.summary = "rollback.plan \"TBD\" is a placeholder";
  fail.problems = {"rollback.plan \"TBD\" is a placeholder, not a plan"};
  fail.compare("rollback.max_minutes", 45, "<=", 30, false);
  e.gates = {pass, fail};
  e.blocked = true;
  return e;
}

// Every part filled: a change record with rollback and approvals, gates in
// every status (one waived, one warn-only failure, one error on_error=warn)
// with kind-specific details, evidence and comparisons of every JSON type,
// risk factors, and a blast radius two hops deep with an unowned component.
inline Evaluation full_evaluation() {
  Evaluation e;
  e.tool_version = "0.1.0";
  e.evaluated_at = 1795255200;
  ChangeRecord& c = e.change;
  c.present = true;
  c.path = ".changegate/change.toml";
  c.sha256 = std::string(64, 'c');
  c.id = "CHG-42";
  c.id_source = "record";
  c.title = "orders v2 | <b>bold</b>";
  c.type = "migration";
  c.author = "alice";
  c.tickets = {"OPS-1", "OPS-2"};
  c.fixes = {"DEF-9"};
  c.summary = "Moves orders to v2.\nTwo lines.";
  c.approvals.push_back(Approval{"bob", 1795251600, "95ade5d", 0});
  c.approvals.push_back(Approval{"carol", std::nullopt, "", 0});
  Rollback rb;
  rb.plan = "Redeploy v1.";
  rb.steps = {"kubectl rollout undo deploy/api", "psql -f down.sql"};
  rb.tested = true;
  rb.tested_at = 1795219200;  // 2026-11-21
  rb.runbook = "docs/rollback.md";
  rb.max_minutes = 10;
  rb.down_migration = "migrations/0042_down.sql";
  c.rollback = rb;
  e.repo.root = "/tmp/repo";
  e.repo.head = std::string(40, 'd');
  e.repo.base = std::string(40, 'b');
  e.repo.files_changed = 3;
  e.repo.insertions = 120;
  e.repo.deletions = 7;
  e.repo.is_git = true;
  e.config_path = "changegate.toml";
  e.config_sha256 = std::string(64, 'a');

  GateResult tests;
  tests.id = "unit";
  tests.kind = "tests";
  tests.status = Status::pass;
  tests.summary = "19 tests, 1 flaky";
  tests.details = {
      {"suites", 2}, {"flaky", {"a.b"}}, {"ratio", 0.25}, {"nested", {{"k", nullptr}}}};
  tests.compare("failures", 0, "<=", 0, true);
  tests.compare("pass_rate", 0.987, "within", 1.0, true, 0.05);
  tests.compare("name", "v2", "==", "v2", true);
  tests.evidence.push_back(Evidence{"build/unit.xml", std::string(64, 'e'), 1234});
  tests.duration_ms = 17;

  GateResult security;
  security.id = "security";
  security.kind = "security";
  security.status = Status::waived;
  security.summary = "1 high finding, waived";
  security.problems = {"CVE-2026-1 in libfoo"};
  security.compare("high", 1, "<=", 0, false);
  security.waiver = WaiverUse{"not reachable", "carol", 1796083200, 12, Status::fail};

  GateResult docs;
  docs.id = "docs";
  docs.kind = "logs";
  docs.status = Status::fail;
  docs.severity = Severity::warn;
  docs.summary = "2 warnings";
  docs.problems = {"line 1", "line 2"};

  GateResult slo;
  slo.id = "slo";
  slo.kind = "slo";
  slo.status = Status::error;
  slo.on_error_blocks = false;
  slo.summary = "prometheus unreachable";
  slo.problems = {"prometheus unreachable"};
  slo.compare("burn", nullptr, "<=", 2, false);

  GateResult golden;
  golden.id = "golden";
  golden.kind = "golden";
  golden.status = Status::skip;
  golden.summary = "skipped: --only unit";

  e.gates = {tests, security, docs, slo, golden};
  e.blocked = false;

  RiskAssessment risk;
  risk.score = 55;
  risk.level = RiskLevel::high;
  risk.factors = {{"tier", 20, "touches tier-1 component api (1 file)"},
                  {"freeze", 0, "outside any freeze window"},
                  {"size", -5, "small"}};
  e.risk = risk;

  BlastRadius br;
  br.components.push_back(TouchedComponent{"api", 1, {"pii"}, {"src/a.py", "src/b.py"}, 100, 5});
  br.components.push_back(TouchedComponent{k_unowned, std::nullopt, {}, {"README.md"}, 20, 2});
  br.downstream.push_back(ReachedComponent{"web", 2, {}, {"api", "web"}});
  br.downstream.push_back(
      ReachedComponent{"exec", std::nullopt, {"financial"}, {"api", "web", "exec"}});
  e.blast_radius = br;
  return e;
}

}  // namespace changegate::testing
