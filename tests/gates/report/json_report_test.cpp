// Reading an evaluation back from its JSON (report --from): the round trip
// is exact, and every refusal names the file and the JSON pointer.
#include "gates/report/json_report.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "gates/error.h"
#include "gates/report/render.h"
#include "tests/gates/report/sample_evaluation.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using namespace changegate::testing;

namespace {

nlohmann::json round_trip(const nlohmann::json& j) {
  return evaluation_to_json(evaluation_from_json(j, "eval.json"));
}

std::string from_json_error(const nlohmann::json& j) {
  try {
    evaluation_from_json(j, "eval.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

std::string render_all(const Evaluation& e) {
  std::ostringstream out;
  for (Format f : {Format::text, Format::json, Format::markdown, Format::html, Format::junit})
    render(e, f, out, RenderOptions{});
  return out.str();
}

}  // namespace

TEST_CASE("json report: a small evaluation survives the round trip exactly") {
  const nlohmann::json j = evaluation_to_json(small_evaluation());
  CHECK(round_trip(j) == j);
  CHECK(round_trip(j).dump(2) == j.dump(2));
}

TEST_CASE(
    "json report: risk, blast radius, waivers, comparisons and details survive the round trip") {
  const nlohmann::json j = evaluation_to_json(full_evaluation());
  REQUIRE(j["risk"].is_object());
  REQUIRE(j["blast_radius"]["downstream"].size() == 2);
  REQUIRE(j["gates"][1].contains("waiver"));
  CHECK(round_trip(j) == j);
  CHECK(round_trip(j).dump(2) == j.dump(2));
  // The model read back renders exactly as the original in every format.
  const Evaluation back = evaluation_from_json(j, "eval.json");
  CHECK(render_all(back) == render_all(full_evaluation()));
}

TEST_CASE("json report: empty arrays everywhere read back and render without a crash") {
  Evaluation e = full_evaluation();
  e.gates.clear();
  e.blocked = false;
  e.change.approvals.clear();
  e.change.tickets.clear();
  e.change.rollback->steps.clear();
  e.risk->factors.clear();
  e.blast_radius->components.clear();
  e.blast_radius->downstream.clear();
  const nlohmann::json j = evaluation_to_json(e);
  CHECK(round_trip(j) == j);
  CHECK_FALSE(render_all(evaluation_from_json(j, "eval.json")).empty());
}

TEST_CASE("json report: a real check's evaluation survives the round trip") {
  TempRepo repo;
  repo.write("changegate.toml", R"([components.api]
paths = ["src/**"]
tier = 1
downstream = ["web"]
[components.web]
tier = 2
[[gate]]
id = "unit-tests"
kind = "tests"
reports = ["build/*.xml"]
)");
  repo.write("src/app.py", "v1\n");
  repo.commit("v1");
  repo.git("checkout -q -b feature");
  repo.write("src/app.py", "v2\n");
  repo.write("README.md", "unowned\n");
  repo.commit("v2");
  repo.write("build/unit.xml",
             R"(<testsuite name="u"><testcase classname="a" name="b"/></testsuite>)");
  const RunResult r = run_changegate("check --now 2026-11-21T12:00:00Z -o eval.json", repo.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string text = read_text(repo.path() + "/eval.json");
  const nlohmann::json j = nlohmann::json::parse(text);
  REQUIRE(j["blast_radius"]["downstream"].size() == 1);
  CHECK(round_trip(j) == j);
  CHECK(evaluation_to_json(read_evaluation_file(repo.path() + "/eval.json")).dump(2) + "\n" ==
        text);
}

TEST_CASE("json report: a missing field is refused with its JSON pointer") {
  nlohmann::json j = evaluation_to_json(full_evaluation());
  j["gates"][1].erase("status");
  CHECK(from_json_error(j) == "eval.json: /gates/1/status: missing");
  j = evaluation_to_json(full_evaluation());
  j["change"]["rollback"].erase("plan");
  CHECK(from_json_error(j) == "eval.json: /change/rollback/plan: missing");
  j = evaluation_to_json(full_evaluation());
  j.erase("risk");
  CHECK(from_json_error(j) == "eval.json: /risk: missing");
}

TEST_CASE("json report: a field of the wrong type is refused with its JSON pointer") {
  nlohmann::json j = evaluation_to_json(full_evaluation());
  j["repo"]["files_changed"] = "3";
  CHECK(from_json_error(j) == "eval.json: /repo/files_changed: expected an integer, found string");
  j = evaluation_to_json(full_evaluation());
  j["gates"] = nlohmann::json::object();
  CHECK(from_json_error(j) == "eval.json: /gates: expected an array, found object");
  j = evaluation_to_json(full_evaluation());
  j["blast_radius"]["components"][0]["files"][1] = 7;
  CHECK(from_json_error(j) ==
        "eval.json: /blast_radius/components/0/files/1: expected a string, found number");
  j = evaluation_to_json(full_evaluation());
  j["gates"][0]["details"]["comparisons"][0]["ok"] = nullptr;
  CHECK(from_json_error(j) ==
        "eval.json: /gates/0/details/comparisons/0/ok: expected true or false, found null");
}

TEST_CASE("json report: an impossible value is refused with its JSON pointer") {
  nlohmann::json j = evaluation_to_json(full_evaluation());
  j["gates"][0]["status"] = "passed";
  CHECK(from_json_error(j) ==
        "eval.json: /gates/0/status: \"passed\" is not one of pass, fail, error, skip, waived");
  j = evaluation_to_json(full_evaluation());
  j["evaluated_at"] = "yesterday";
  CHECK(from_json_error(j) ==
        "eval.json: /evaluated_at: \"yesterday\" is not an RFC 3339 date-time");
  j = evaluation_to_json(full_evaluation());
  j["risk"]["score"] = 101;
  CHECK(from_json_error(j) == "eval.json: /risk/score: 101 is out of range (0 to 100)");
  j = evaluation_to_json(full_evaluation());
  j["gates"][2]["blocking"] = true;  // a warn-only failure never blocks
  CHECK(from_json_error(j) ==
        "eval.json: /gates/2/blocking: true does not follow from its status, severity and "
        "on_error");
  j = evaluation_to_json(full_evaluation());
  j["verdict"] = "blocked";
  CHECK(from_json_error(j) ==
        "eval.json: /verdict: \"blocked\" does not follow from the gates (none blocks)");
}

TEST_CASE("json report: a downstream path with no hops is refused, never indexed") {
  nlohmann::json j = evaluation_to_json(full_evaluation());
  j["blast_radius"]["downstream"] = nlohmann::json::parse(R"([{"id":"x","via":[]}])");
  CHECK(from_json_error(j) == "eval.json: /blast_radius/downstream/0/tier: missing");
  j["blast_radius"]["downstream"][0]["tier"] = nullptr;
  CHECK(from_json_error(j) ==
        "eval.json: /blast_radius/downstream/0/via: a path needs at least the touched component "
        "and this one, found 0 entries");
  j["blast_radius"]["downstream"][0]["via"] = {"api"};
  CHECK(from_json_error(j) ==
        "eval.json: /blast_radius/downstream/0/via: a path needs at least the touched component "
        "and this one, found 1 entry");
}

TEST_CASE("json report: a document that is not an evaluation says so") {
  const std::string expected =
      "eval.json: not a changegate evaluation (schema \"changegate.evaluation/1\")";
  CHECK(from_json_error(nlohmann::json::parse(R"({"a": 1})")) == expected);
  CHECK(from_json_error(nlohmann::json::parse(R"([1, 2])")) == expected);
  CHECK(from_json_error(nlohmann::json::parse(R"({"schema": 1})")) == expected);
  CHECK(from_json_error(nlohmann::json::parse(R"({"schema": "changegate.evaluation/2"})")) ==
        expected);
}

TEST_CASE("json report: reading a file names it when it is missing or not JSON") {
  TempDir dir;
  dir.write("bad.json", "{\"schema\":");
  const std::string bad = dir.path() + "/bad.json";
  CHECK_THROWS_WITH(read_evaluation_file(bad), Catch::StartsWith(bad + ": not JSON: "));
  const std::string missing = dir.path() + "/missing.json";
  CHECK_THROWS_WITH(read_evaluation_file(missing), Catch::StartsWith(missing + ": "));
  dir.write("gates.json", R"({"schema": "changegate.evaluation/1", "tool": {}})");
  CHECK_THROWS_WITH(read_evaluation_file(dir.path() + "/gates.json"),
                    dir.path() + "/gates.json: /tool/name: missing");
}
