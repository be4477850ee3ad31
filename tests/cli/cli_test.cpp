// End to end: the built binary against real git repositories in temp dirs.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/temp_repo.h"

using namespace changegate::testing;

namespace {

const char* k_gates = R"([project]
name = "svc"

[components.api]
paths = ["src/**"]
tier = 1

[[gate]]
id = "unit-tests"
kind = "tests"
reports = ["build/*.xml"]

[[gate]]
id = "rollback-plan"
kind = "rollback"
rto_minutes = 30
)";

const char* k_record = R"(id = "CHG-7"
title = "add endpoint"
type = "feature"
author = "alice"
[rollback]
plan = "Redeploy api@1.4.2; the new endpoint has no state."
steps = ["kubectl rollout undo deploy/api"]
tested = true
tested_at = 2026-11-20
runbook = "docs/rollback.md"
max_minutes = 10
)";

const char* k_green = R"(<testsuite name="unit"><testcase classname="a" name="b"/></testsuite>)";
const char* k_red =
    R"(<testsuite name="unit"><testcase classname="a" name="b"><failure message="boom"/></testcase></testsuite>)";

// main with one commit, branch "feature" with the change, reports untracked.
struct Scenario {
  TempRepo repo;
  Scenario(const std::string& gates = k_gates, const std::string& record = k_record) {
    repo.write("changegate.toml", gates);
    repo.write("docs/rollback.md", "# rollback\n");
    repo.write("src/app.py", "print('v1')\n");
    repo.commit("v1", "bob");
    repo.git("checkout -q -b feature");
    repo.write("src/app.py", "print('v2')\nprint('more')\n");
    if (!record.empty()) repo.write(".changegate/change.toml", record);
    repo.commit("v2", "alice");
    repo.write("build/unit.xml", k_green);
  }
  RunResult check(const std::string& args = "") {
    return run_changegate("check --now 2026-11-21T12:00:00Z " + args, repo.path());
  }
};

}  // namespace

TEST_CASE("cli check: a green change exits 0 and prints the verdict") {
  Scenario s;
  const RunResult r = s.check();
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("verdict: PASS"));
  CHECK_THAT(r.out, Catch::Contains("CHG-7"));
}

TEST_CASE("cli check: a failing test blocks with exit 1") {
  Scenario s;
  s.repo.write("build/unit.xml", k_red);
  const RunResult r = s.check();
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("verdict: BLOCKED by 1 gate: unit-tests"));
  CHECK_THAT(r.out, Catch::Contains("a.b failure at build/unit.xml:1: boom"));
}

TEST_CASE("cli check: missing evidence is an error that blocks, never a pass") {
  Scenario s;
  std::remove((s.repo.path() + "/build/unit.xml").c_str());
  const RunResult r = s.check("--format json");
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["gates"][0]["status"] == "error");
  CHECK(j["verdict"] == "blocked");
}

TEST_CASE(
    "cli check: json on stdout carries diff stats from the default base (merge-base with main)") {
  Scenario s;
  const RunResult r = s.check("--format json");
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["repo"]["files_changed"] == 2);  // src/app.py and the change record
  CHECK(j["repo"]["insertions"] == 13);
  CHECK(j["repo"]["deletions"] == 1);
  CHECK(j["repo"]["base"] == s.repo.git("rev-parse main").substr(0, 40));
  CHECK(j["change"]["id"] == "CHG-7");
  CHECK(j["evaluated_at"] == "2026-11-21T12:00:00Z");
}

TEST_CASE("cli check: --base and --head pick the commits compared") {
  Scenario s;
  const RunResult r = s.check("--format json --base HEAD --head HEAD");
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["repo"]["files_changed"] == 0);
  CHECK(s.check("--base no-such-rev").exit_code == 2);
}

TEST_CASE("cli check: -o writes JSON and JUnit files by extension") {
  Scenario s;
  const RunResult r = s.check("-o out.json -o gates.xml");
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(read_text(s.repo.path() + "/out.json"))["verdict"] == "pass");
  CHECK_THAT(read_text(s.repo.path() + "/gates.xml"), Catch::Contains("name=\"rollback-plan\""));
  const RunResult bad = s.check("-o report.pdf");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("cannot tell the format from the extension"));
}

TEST_CASE("cli check: --only runs one gate") {
  Scenario s;
  s.repo.write("build/unit.xml", k_red);
  CHECK(s.check("--only rollback-plan").exit_code == 0);
  const RunResult r = s.check("--only rollbak-plan");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("(did you mean \"rollback-plan\"?)"));
}

TEST_CASE("cli check: an invalid gate file exits 2 with file:line and nothing evaluated") {
  Scenario s(std::string(k_gates) + "rto_minute = 15\n");
  const RunResult r = s.check();
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "changegate: error: changegate.toml:17: gate \"rollback-plan\": unknown key "
        "\"rto_minute\" (did you mean \"rto_minutes\"?)\n");
}

TEST_CASE("cli check: an invalid change record exits 2 naming its line") {
  Scenario s(k_gates, "id = \"CHG-7\"\ntype = \"feat\"\n");
  const RunResult r = s.check();
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err,
             Catch::Contains(".changegate/change.toml:2: key \"type\": \"feat\" is not one of"));
}

TEST_CASE("cli check: without a change record the id falls back to the env, then the branch") {
  Scenario s(k_gates, "");
  RunResult r = s.check("--format json");
  CHECK(r.exit_code == 1);  // the rollback gate needs the record
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["change"]["id"] == "feature");
  CHECK(j["change"]["id_source"] == "branch");
  CHECK(j["gates"][1]["summary"] == "no change record: rollback.plan is missing");
  r = run_command(std::string("NO_COLOR=1 CHANGEGATE_CHANGE_ID=CHG-99 '") + CHANGEGATE_BINARY +
                      "' check --format json",
                  s.repo.path());
  CHECK(nlohmann::json::parse(r.out)["change"]["id"] == "CHG-99");
}

TEST_CASE("cli check: --change names a JSON record") {
  Scenario s(k_gates, "");
  s.repo.write("rec.json", R"({"id": "CHG-J", "rollback": {"plan": "x y z", "steps": []}})");
  const RunResult r = s.check("--change rec.json --format json");
  CHECK(nlohmann::json::parse(r.out)["change"]["id"] == "CHG-J");
  CHECK(s.check("--change missing.json").exit_code == 2);
}

TEST_CASE("cli check: bad flags and values exit 2") {
  Scenario s;
  CHECK(s.check("--format yaml").exit_code == 2);
  CHECK(s.check("--no-such-flag").exit_code == 2);
  CHECK(s.check("--now yesterday").exit_code == 2);
  CHECK(s.check("--ledger sqlite:x.db --no-ledger").exit_code == 2);
  CHECK(run_changegate("", s.repo.path()).exit_code == 2);
}

TEST_CASE("cli check: no gate file is exit 2 with a hint") {
  TempDir dir;
  const RunResult r = run_changegate("check", dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("changegate.toml: no gate file"));
}

TEST_CASE("cli check: GitHub Actions gets annotations for failing gates") {
  Scenario s;
  s.repo.write("build/unit.xml", k_red);
  const RunResult r = run_command(std::string("NO_COLOR=1 GITHUB_ACTIONS=true '") +
                                      CHANGEGATE_BINARY + "' check --now 2026-11-21T12:00:00Z",
                                  s.repo.path());
  CHECK_THAT(r.out, Catch::Contains("::error title=changegate unit-tests (fail)::"));
}

TEST_CASE("cli check: in GitHub Actions no line of evidence can run a workflow command") {
  // Expected: blocked; the one annotation is ours, the report sits between
  // ::stop-commands::TOKEN and ::TOKEN::, and the forged command never starts a line.
  Scenario s;
  s.repo.write(
      "build/unit.xml",
      R"(<testsuite name="unit"><testcase classname="a" name="b"><failure message="boom&#10;::error::forged&#13; %0A"/></testcase></testsuite>)");
  const RunResult r = run_command(std::string("NO_COLOR=1 GITHUB_ACTIONS=true '") +
                                      CHANGEGATE_BINARY + "' check --now 2026-11-21T12:00:00Z",
                                  s.repo.path());
  CHECK(r.exit_code == 1);
  std::vector<std::string> commands;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("::", 0) == 0) commands.push_back(line);
  REQUIRE(commands.size() == 3);
  CHECK_THAT(commands[0], Catch::StartsWith("::error title=changegate unit-tests (fail)::"));
  REQUIRE(commands[1].size() == std::string("::stop-commands::").size() + 32);
  const std::string token = commands[1].substr(std::string("::stop-commands::").size());
  CHECK(commands[2] == "::" + token + "::");
  CHECK_THAT(r.out, Catch::Contains("boom⏎::error::forged\\x0D %0A"));
}

TEST_CASE("cli validate: a valid setup says ok, an invalid one exits 2") {
  Scenario s;
  RunResult r = run_changegate("validate", s.repo.path());
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "ok: changegate.toml: 2 gates, 1 component, 0 waivers\nok: "
        ".changegate/change.toml: change CHG-7\n");
  s.repo.write(
      "changegate.toml",
      std::string(k_gates) + "[[gate]]\nid = \"unit-tests\"\nkind = \"tests\"\nreports=[\"x\"]\n");
  r = run_changegate("validate", s.repo.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("duplicate gate id \"unit-tests\""));
}

TEST_CASE("cli: --version and --help exit 0") {
  TempDir dir;
  CHECK(run_changegate("--version", dir.path()).out == "changegate 0.1.0\n");
  const RunResult help = run_changegate("--help", dir.path());
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("rollback: rollback plan present"));
}

TEST_CASE("cli validate: --explain-risk prints the effective weights and warns about cycles") {
  Scenario s(std::string(k_gates) +
             "[components.a]\ndownstream = [\"b\"]\n[components.b]\ndownstream = [\"a\"]\n"
             "[risk.weights]\nfreeze = 40\n");
  const RunResult r = run_changegate("validate --explain-risk", s.repo.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("warning: changegate.toml: downstream cycle a -> b -> a"));
  CHECK_THAT(r.out, Catch::Contains("  freeze          40 inside a freeze window"));
  CHECK_THAT(r.out, Catch::Contains("  change_size     20 x changed lines / 1000, at most 20"));
}

TEST_CASE("cli check: the text report shows the risk factors and the blast radius") {
  Scenario s;
  const RunResult r = s.check();
  CHECK_THAT(r.out, Catch::Contains("+20  tier: touches tier-1 component api (1 file)"));
  CHECK_THAT(r.out, Catch::Contains("blast radius\n    api (tier 1)  1 file\n"));
}

TEST_CASE("cli check: markdown and html reports carry the verdict, gates and risk") {
  Scenario s;
  s.repo.write("build/unit.xml", k_red);
  const RunResult r = s.check("--format markdown -o report.html -o eval.json");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("changegate: **BLOCKED**"));
  CHECK_THAT(r.out, Catch::Contains("| ❌ | unit-tests | tests | fail (blocking) |"));
  CHECK_THAT(r.out, Catch::Contains("```mermaid\ngraph LR\n"));
  const std::string html = read_text(s.repo.path() + "/report.html");
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(html, Catch::Contains("<svg"));
  CHECK_THAT(html, Catch::Contains("a.b failure at build/unit.xml:1: boom"));
}

TEST_CASE("cli check: every input string is escaped in the html report") {
  std::string record = k_record;
  record.replace(record.find("add endpoint"), 12, "<script>alert(1)</script> & \\\"q\\\"");
  Scenario s(k_gates, record);
  const RunResult r = s.check("-o report.html --format markdown");
  const std::string html = read_text(s.repo.path() + "/report.html");
  CHECK(html.find("<script>") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
  CHECK(r.out.find("<script>") == std::string::npos);
}

TEST_CASE("cli report: --from renders a saved evaluation identically to check") {
  Scenario s;
  REQUIRE(s.check("-o eval.json -o direct.md").exit_code == 0);
  const RunResult r = run_changegate("report --from eval.json --format markdown", s.repo.path());
  CHECK(r.exit_code == 0);
  CHECK(r.out == read_text(s.repo.path() + "/direct.md"));
  s.repo.write("other.json", "{\"a\": 1}");
  CHECK(run_changegate("report --from other.json", s.repo.path()).exit_code == 2);
  CHECK(run_changegate("report --from missing.json", s.repo.path()).exit_code == 2);
}

TEST_CASE("cli check: --template-dir overrides the built-in markdown template") {
  Scenario s;
  s.repo.write("tpl/report.md.mustache", "custom {{verdict}} {{{change.id}}}\n");
  const RunResult r = s.check("--format markdown --template-dir tpl");
  CHECK(r.out == "custom pass CHG-7\n");
  s.repo.write("tpl/report.md.mustache", "{{#gates}}unclosed\n");
  CHECK(s.check("--format markdown --template-dir tpl").exit_code == 2);
}

TEST_CASE("cli check and report: a --template-dir without the template needed is exit 2") {
  // Expected: exit 2 naming the directory and the missing template, nothing rendered.
  Scenario s;
  s.repo.write("tpl/report.md.mustache", "custom {{verdict}}\n");
  RunResult r = s.check("-o report.html --template-dir tpl");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains(
                        "--template-dir tpl: report.html.mustache not found (needed for the html "
                        "report)"));
  r = s.check("--format markdown --template-dir nowhere");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--template-dir nowhere: no such directory"));
  REQUIRE(s.check("-o eval.json").exit_code == 0);
  r = run_changegate("report --from eval.json --format html --template-dir tpl", s.repo.path());
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("report.html.mustache not found"));
  r = run_changegate("report --from eval.json -o x.md --template-dir nowhere", s.repo.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--template-dir nowhere: no such directory"));
}

TEST_CASE("cli check: in GitHub Actions the markdown report is appended to the step summary") {
  Scenario s;
  const RunResult r =
      run_command(std::string("NO_COLOR=1 GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=summary.md '") +
                      CHANGEGATE_BINARY + "' check --now 2026-11-21T12:00:00Z",
                  s.repo.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(read_text(s.repo.path() + "/summary.md"), Catch::Contains("changegate: **PASS**"));
}
