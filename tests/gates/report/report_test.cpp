#include <catch2/catch.hpp>

#include "gates/report/json_report.h"
#include "gates/report/junit_report.h"
#include "gates/report/text_report.h"

using namespace changegate;

namespace {

Evaluation sample() {
  Evaluation e;
  e.tool_version = "0.1.0";
  e.evaluated_at = 1795255200;
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

}  // namespace

TEST_CASE("json report: carries the SPEC fields with the verdict and every comparison") {
  const nlohmann::json j = evaluation_to_json(sample());
  CHECK(j["schema"] == "changegate.evaluation/1");
  CHECK(j["verdict"] == "blocked");
  CHECK(j["evaluated_at"] == "2026-11-21T10:00:00Z");
  CHECK(j["gates"][1]["status"] == "fail");
  CHECK(j["gates"][1]["blocking"] == true);
  const auto& c = j["gates"][1]["details"]["comparisons"][0];
  CHECK(c["actual"] == 45);
  CHECK(c["op"] == "<=");
  CHECK(c["expected"] == 30);
  CHECK(c["ok"] == false);
  CHECK(j["risk"].is_null());
}

TEST_CASE("json report: the same evaluation renders byte-identically") {
  CHECK(evaluation_to_json(sample()).dump() == evaluation_to_json(sample()).dump());
}

TEST_CASE("text report: rows per gate, failed comparisons under the gate, and the verdict") {
  const std::string text = render_text(sample(), TextOptions{false});
  CHECK_THAT(text, Catch::Contains("pass    unit"));
  CHECK_THAT(text, Catch::Contains("FAIL    rollback"));
  CHECK_THAT(text, Catch::Contains("x rollback.max_minutes: 45, expected <= 30"));
  CHECK_THAT(text, Catch::Contains("verdict: BLOCKED by 1 gate: rollback"));
  CHECK(text.find('\033') == std::string::npos);
}

TEST_CASE("text report: colour only when asked") {
  CHECK(render_text(sample(), TextOptions{true}).find("\033[") != std::string::npos);
}

TEST_CASE("junit report: one testcase per gate, escaped") {
  const std::string xml = render_junit(sample());
  CHECK_THAT(xml, Catch::Contains("tests=\"2\" failures=\"1\" errors=\"0\""));
  CHECK_THAT(xml, Catch::Contains("<testcase classname=\"changegate.tests\" name=\"unit\""));
  CHECK_THAT(
      xml, Catch::Contains("<failure message=\"rollback.plan &quot;TBD&quot; is a placeholder\""));
}
