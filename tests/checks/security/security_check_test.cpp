#include "checks/security/security_check.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "gates/error.h"
#include "tests/checks/check_harness.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::run_gate;

namespace {

constexpr Timestamp k_now = 1795255200;  // 2026-11-21T10:00:00Z

// A SARIF 2.1.0 log with one run of `tool`: `rules` and `results` are the
// JSON array bodies; `extra` adds run members (invocations, ...).
std::string sarif(const std::string& rules, const std::string& results,
                  const std::string& tool = "Scanner", const std::string& extra = "") {
  return R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": ")" + tool +
         R"(", "rules": [)" + rules + R"(]}}, "results": [)" + results + "]" + extra + "}]}";
}
std::string rule(const std::string& id, const std::string& level = "",
                 const std::string& security_severity = "") {
  std::string r = R"({"id": ")" + id + "\"";
  if (!level.empty()) r += R"(, "defaultConfiguration": {"level": ")" + level + "\"}";
  if (!security_severity.empty())
    r += R"(, "properties": {"security-severity": ")" + security_severity + "\"}";
  return r + "}";
}
std::string result(const std::string& rule_id, const std::string& more = "",
                   const std::string& uri = "src/app.py", int line = 10) {
  return R"({"ruleId": ")" + rule_id + R"(", "message": {"text": "problem in )" + uri +
         R"("}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": ")" + uri +
         R"("}, "region": {"startLine": )" + std::to_string(line) + "}}}]" + more + "}";
}

struct Fixture {
  testing::TempDir dir;
  RepoContext repo;
  ChangeRecord change;
  Fixture() { repo.root = dir.path(); }
  GateResult run(const std::string& extra = "", const std::string& globs = "scans/*.sarif") {
    return run_gate("id = \"sec\"\nkind = \"security\"\nsarif = [\"" + globs + "\"]\n" + extra,
                    change, repo, k_now)
        .result;
  }
};

const Comparison* comparison(const GateResult& r, const std::string& name) {
  for (const auto& c : r.comparisons)
    if (c.name == name) return &c;
  return nullptr;
}

// A FIFO at dir/relative: opening it to read would wait for a writer forever.
void make_fifo(const testing::TempDir& dir, const std::string& relative) {
  const std::filesystem::path path = std::filesystem::path(dir.path()) / relative;
  std::filesystem::create_directories(path.parent_path());
  REQUIRE(mkfifo(path.c_str(), 0600) == 0);
}

}  // namespace

TEST_CASE("security gate: a clean scan passes and records the digest of the SARIF it read") {
  Fixture f;
  f.dir.write("scans/a.sarif", sarif(rule("R1", "error"), ""));
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "0 findings counted in 1 run");
  REQUIRE(r.evidence.size() == 1);
  CHECK(r.evidence[0].sha256.size() == 64);
  REQUIRE(comparison(r, "high findings"));
  CHECK(comparison(r, "high findings")->actual == 0);
}

TEST_CASE(
    "security gate: a CodeQL result without level takes the rule's default level error and fails") {
  Fixture f;  // expected: fail (default fail_on high ranks error with high)
  f.dir.write("scans/codeql.sarif",
              sarif(rule("js/sql-injection", "error"), result("js/sql-injection")));
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.summary == "1 finding counted (1 error) in 1 run: 1 error (max 0)");
  CHECK(r.details["top_findings"][0]["location"] == "src/app.py:10");
  CHECK(r.details["top_findings"][0]["severity_from"] == "rule default level");
}

TEST_CASE("security gate: rules listed after the results still decide the severity") {
  Fixture f;  // expected: fail, the rule's security-severity 9.8 is critical
  f.dir.write("scans/late.sarif", R"({"version": "2.1.0", "runs": [{"results": [)" +
                                      result("CVE-1", R"(, "level": "note")") +
                                      R"(], "tool": {"driver": {"name": "Trivy", "rules": [)" +
                                      rule("CVE-1", "", "9.8") + "]}}}]}");
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.details["counted"]["critical"] == 1);
  CHECK(r.details["top_findings"][0]["severity_from"] == "security-severity 9.8");
}

TEST_CASE("security gate: security-severity bands follow GitHub code scanning") {
  Fixture f;  // 9.0 critical, 7.0 high, 4.0 medium, 0.1 low, 0.0 falls back to the level
  f.dir.write("scans/bands.sarif",
              sarif(rule("C", "", "9.0") + "," + rule("H", "", "7.0") + "," + rule("M", "", "4.0") +
                        "," + rule("L", "", "0.1") + "," + rule("Z", "note", "0.0"),
                    result("C") + "," + result("H") + "," + result("M") + "," + result("L") + "," +
                        result("Z")));
  const GateResult r = f.run("fail_on = \"critical\"\n");
  CHECK(r.details["counted"]["critical"] == 1);
  CHECK(r.details["counted"]["high"] == 1);
  CHECK(r.details["counted"]["medium"] == 1);
  CHECK(r.details["counted"]["low"] == 1);
  CHECK(r.details["counted"]["note"] == 1);
  CHECK(r.status == Status::fail);
}

TEST_CASE("security gate: a result's own level wins over the rule default") {
  Fixture f;  // expected: pass, the result says note
  f.dir.write("scans/a.sarif", sarif(rule("R", "error"), result("R", R"(, "level": "note")")));
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.details["counted"]["note"] == 1);
}

TEST_CASE("security gate: without result level or rule default the level is warning") {
  Fixture f;  // expected: fail with fail_on warning
  f.dir.write("scans/a.sarif", sarif("", result("unknown-rule")));
  const GateResult r = f.run("fail_on = \"warning\"\n");
  CHECK(r.status == Status::fail);
  CHECK(r.details["counted"]["warning"] == 1);
  CHECK(r.details["top_findings"][0]["severity_from"] == "default warning");
}

TEST_CASE("security gate: a result whose kind is not fail has level none and never counts") {
  Fixture f;  // expected: pass, even with a critical rule
  f.dir.write("scans/a.sarif",
              sarif(rule("R", "error", "9.9"), result("R", R"(, "kind": "pass")") + "," +
                                                   result("R", R"(, "kind": "open")") + "," +
                                                   result("R", R"(, "kind": "informational")")));
  const GateResult r = f.run("fail_on = \"low\"\n");
  CHECK(r.status == Status::pass);
  CHECK(r.details["tools"][0]["not_failures"] == 3);
}

TEST_CASE("security gate: level none on the result is not a finding") {
  Fixture f;
  f.dir.write("scans/a.sarif", sarif(rule("R", "error"), result("R", R"(, "level": "none")")));
  CHECK(f.run("fail_on = \"low\"\n").status == Status::pass);
}

TEST_CASE("security gate: only accepted suppressions (or ones without status) suppress") {
  Fixture f;  // accepted and status-less: suppressed; underReview and rejected: counted -> fail
  f.dir.write(
      "scans/a.sarif",
      sarif(
          rule("R", "error"),
          result("R", R"(, "suppressions": [{"kind": "inSource", "status": "accepted"}])") + "," +
              result("R", R"(, "suppressions": [{"kind": "external"}])") + "," +
              result("R", R"(, "suppressions": [{"kind": "external", "status": "underReview"}])") +
              "," +
              result("R", R"(, "suppressions": [{"kind": "external", "status": "rejected"}])")));
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.details["suppressed"] == 2);
  CHECK(r.details["counted"]["error"] == 2);
}

TEST_CASE("security gate: a fully suppressed scan passes") {
  Fixture f;
  f.dir.write("scans/a.sarif", sarif(rule("R", "error"),
                                     result("R", R"(, "suppressions": [{"kind": "inSource"}])")));
  CHECK(f.run().status == Status::pass);
}

TEST_CASE(
    "security gate: fail_on critical lets a high finding through and records the comparison") {
  Fixture f;
  f.dir.write("scans/a.sarif", sarif(rule("R", "", "8.0"), result("R")));
  const GateResult r = f.run("fail_on = \"critical\"\n");
  CHECK(r.status == Status::pass);
  CHECK(comparison(r, "high findings") == nullptr);
  REQUIRE(comparison(r, "critical findings"));
  CHECK(comparison(r, "critical findings")->expected == 0);
}

TEST_CASE("security gate: max_findings budgets a severity below and above fail_on") {
  Fixture f;
  f.dir.write("scans/a.sarif",
              sarif(rule("M", "", "5.0") + "," + rule("H", "", "7.5"),
                    result("M") + "," + result("M", "", "b.py") + "," + result("H")));
  SECTION("two medium over a budget of one fails") {
    const GateResult r = f.run("fail_on = \"critical\"\nmax_findings = { medium = 1 }\n");
    CHECK(r.status == Status::fail);
    CHECK(comparison(r, "medium findings")->actual == 2);
    CHECK(comparison(r, "medium findings")->expected == 1);
  }
  SECTION("a budget of one high relaxes the default fail_on high") {
    const GateResult r = f.run("max_findings = { high = 1, medium = 2 }\n");
    CHECK(r.status == Status::pass);
    CHECK(comparison(r, "high findings")->expected == 1);
    CHECK(comparison(r, "critical findings")->expected == 0);
  }
}

TEST_CASE("security gate: new_only counts baselineState new and not unchanged or updated") {
  Fixture f;  // 1 new error (fail), 2 existing not counted, 1 absent ignored
  f.dir.write("scans/a.sarif",
              sarif(rule("R", "error"), result("R", R"(, "baselineState": "new")") + "," +
                                            result("R", R"(, "baselineState": "unchanged")") + "," +
                                            result("R", R"(, "baselineState": "updated")") + "," +
                                            result("R", R"(, "baselineState": "absent")")));
  const GateResult r = f.run("new_only = true\n");
  CHECK(r.status == Status::fail);
  CHECK(r.details["counted"]["error"] == 1);
  CHECK(r.details["not_new"] == 2);
  CHECK(r.details["tools"][0]["absent"] == 1);
}

TEST_CASE("security gate: new_only without baselineState or baseline counts the result as new") {
  Fixture f;  // expected: fail, the conservative choice, said in details
  f.dir.write("scans/a.sarif", sarif(rule("R", "error"), result("R")));
  const GateResult r = f.run("new_only = true\n");
  CHECK(r.status == Status::fail);
  CHECK(r.details["counted_as_new_without_baseline_state"] == 1);
}

TEST_CASE("security gate: a baseline SARIF matches by partialFingerprints") {
  Fixture f;  // the fingerprinted result is old (its line moved), the other one is new -> fail
  const std::string fp = R"(, "partialFingerprints": {"primaryLocationLineHash": "abc:1"})";
  f.dir.write("base.sarif", sarif(rule("R", "error"), result("R", fp, "src/app.py", 10)));
  f.dir.write("scans/a.sarif", sarif(rule("R", "error"), result("R", fp, "src/app.py", 42) + "," +
                                                             result("R", "", "src/new.py", 3)));
  const GateResult r = f.run("new_only = true\nbaseline = \"base.sarif\"\n");
  CHECK(r.status == Status::fail);
  CHECK(r.details["counted"]["error"] == 1);
  CHECK(r.details["top_findings"][0]["location"] == "src/new.py:3");
  CHECK(r.evidence.size() == 2);
}

TEST_CASE(
    "security gate: without fingerprints the baseline matches rule, file and message, not the "
    "line") {
  Fixture f;  // expected: pass, the same finding moved from line 10 to 80
  const auto res = [](int line, const std::string& msg) {
    return R"({"ruleId": "R", "message": {"text": ")" + msg +
           R"("}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.c"}, "region": {"startLine": )" +
           std::to_string(line) + "}}}]}";
  };
  f.dir.write("base.sarif", sarif(rule("R", "error"), res(10, "Buffer of 16 bytes at line 10")));
  f.dir.write("scans/a.sarif",
              sarif(rule("R", "error"), res(80, "Buffer of 16  bytes at line 80")));
  const GateResult r = f.run("new_only = true\nbaseline = \"base.sarif\"\n");
  CHECK(r.status == Status::pass);
  CHECK(r.details["not_new"] == 1);
}

TEST_CASE("security gate: an unreadable baseline is an error, not a pass") {
  Fixture f;
  f.dir.write("scans/a.sarif", sarif(rule("R", "error"), result("R")));
  const GateResult r = f.run("new_only = true\nbaseline = \"missing.sarif\"\n");
  CHECK(r.status == Status::error);
  CHECK(r.problems.back() == "baseline missing.sarif: No such file or directory");
}

TEST_CASE("security gate: a FIFO given as the baseline is an error, never a hang") {
  Fixture f;  // expected: error at once, the FIFO is never opened
  f.dir.write("scans/a.sarif", sarif(rule("R", "error"), result("R")));
  make_fifo(f.dir, "base.sarif");
  const GateResult r = f.run("new_only = true\nbaseline = \"base.sarif\"\n");
  CHECK(r.status == Status::error);
  CHECK(r.problems.back() == "baseline base.sarif: is a FIFO, not a regular file");
}

TEST_CASE("security gate: a FIFO given as a SARIF file is an error, never a hang") {
  Fixture f;  // expected: error at once, the FIFO is never opened
  make_fifo(f.dir, "scans/a.sarif");
  const GateResult r = f.run("", "scans/a.sarif");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read or trust all evidence: scans/a.sarif: is a FIFO, not a regular file");
}

TEST_CASE("security gate: a directory given as a SARIF file or baseline is an error naming it") {
  Fixture f;  // expected: error for both, not "matches no file"
  f.dir.write("scans/a.sarif/results.sarif", sarif("", ""));
  const GateResult r = f.run("new_only = true\nbaseline = \"scans\"\n", "scans/a.sarif");
  CHECK(r.status == Status::error);
  CHECK(r.problems == std::vector<std::string>{"baseline scans: is a directory, not a file",
                                               "scans/a.sarif: is a directory, not a file"});
}

TEST_CASE("security gate: a required tool without a run fails") {
  Fixture f;
  f.dir.write("scans/a.sarif", sarif("", "", "Semgrep OSS"));
  const GateResult r = f.run("require_tools = [\"semgrep oss\", \"CodeQL\"]\n");
  CHECK(r.status == Status::fail);
  CHECK(comparison(r, "runs of tool \"semgrep oss\"")->ok);
  CHECK_FALSE(comparison(r, "runs of tool \"CodeQL\"")->ok);
  CHECK(r.problems.front() == "required tool \"CodeQL\" has no run in the SARIF files");
}

TEST_CASE("security gate: executionSuccessful false is an error even with no findings") {
  Fixture f;
  f.dir.write("scans/a.sarif",
              sarif("", "", "PMD", R"(, "invocations": [{"executionSuccessful": false}])"));
  const GateResult r = f.run();
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read or trust all evidence: scans/a.sarif: run 0 (PMD): invocation 0 says "
        "executionSuccessful: false");
}

TEST_CASE("security gate: a known failure wins over a failed execution") {
  Fixture f;
  f.dir.write("scans/a.sarif", sarif(rule("R", "error"), result("R"), "PMD",
                                     R"(, "invocations": [{"executionSuccessful": false}])"));
  CHECK(f.run().status == Status::fail);
}

TEST_CASE("security gate: an error-level tool execution notification is an error") {
  Fixture f;
  f.dir.write(
      "scans/a.sarif",
      sarif(
          "", "", "Semgrep OSS",
          R"(, "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": [{"level": "error", "message": {"text": "Syntax error in a.py"}}]}])"));
  const GateResult r = f.run();
  CHECK(r.status == Status::error);
  CHECK(r.details["execution_errors"][0] ==
        "scans/a.sarif: run 0 (Semgrep OSS): tool execution error: Syntax error in a.py");
}

TEST_CASE("security gate: a run without a results array is an error") {
  Fixture f;
  f.dir.write("scans/a.sarif",
              R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "X"}}}]})");
  CHECK(f.run().status == Status::error);
}

TEST_CASE("security gate: a glob that matches no SARIF file is an error") {
  Fixture f;
  const GateResult r = f.run();
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read or trust all evidence: sarif glob \"scans/*.sarif\" matches no file");
}

TEST_CASE("security gate: a malformed SARIF file is an error naming the file") {
  Fixture f;
  f.dir.write("scans/a.sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"results\": 42}]}");
  const GateResult r = f.run();
  CHECK(r.status == Status::error);
  CHECK(r.problems.back() == "scans/a.sarif:1: runs[0].results is an integer, expected an array");
}

TEST_CASE("security gate: multiple files and runs are counted per tool") {
  Fixture f;  // expected: fail, Grype has a high
  f.dir.write(
      "scans/a.sarif",
      R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Semgrep"}}, "results": [)" +
          result("A") + R"(]}, {"tool": {"driver": {"name": "Semgrep"}}, "results": [)" +
          result("A") + "]}]}");
  f.dir.write("scans/b.sarif", sarif(rule("CVE", "", "7.5"), result("CVE"), "Grype"));
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  REQUIRE(r.details["tools"].size() == 2);
  CHECK(r.details["tools"][0]["name"] == "Grype");
  CHECK(r.details["tools"][0]["counted"]["high"] == 1);
  CHECK(r.details["tools"][1]["name"] == "Semgrep");
  CHECK(r.details["tools"][1]["runs"] == 2);
  CHECK(r.details["tools"][1]["counted"]["warning"] == 2);
}

TEST_CASE("security gate: rules in tool extensions are found through rule.toolComponent.index") {
  Fixture f;  // expected: fail, the extension's rule is error
  f.dir.write(
      "scans/a.sarif",
      R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL"}, "extensions": [{"name": "pack", "rules": [{"id": "x"}, {"id": "js/xss", "defaultConfiguration": {"level": "error"}}]}]},
                  "results": [{"rule": {"id": "js/xss", "index": 1, "toolComponent": {"index": 0}}, "message": {"text": "xss"}}]}]})");
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.details["counted"]["error"] == 1);
}

TEST_CASE("security gate: ruleConfigurationOverrides change the rule's level") {
  Fixture f;  // expected: pass, the override lowers error to note
  f.dir.write(
      "scans/a.sarif",
      sarif(
          rule("R", "error"), result("R/sub"), "X",
          R"(, "invocations": [{"executionSuccessful": true, "ruleConfigurationOverrides": [{"descriptor": {"id": "R"}, "configuration": {"level": "note"}}]}])"));
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.details["counted"]["note"] == 1);
}

TEST_CASE("security gate: config typos and bad values are exit-2 errors with file:line") {
  ChangeRecord change;
  RepoContext repo;
  auto load = [&](const std::string& body) {
    run_gate("id = \"sec\"\nkind = \"security\"\nsarif = [\"a.sarif\"]\n" + body, change, repo,
             k_now);
  };
  CHECK_THROWS_WITH(load("fail_onn = \"high\"\n"),
                    Catch::Contains("changegate.toml:5: gate \"sec\": unknown key \"fail_onn\" "
                                    "(did you mean \"fail_on\"?)"));
  CHECK_THROWS_WITH(load("fail_on = \"hihg\"\n"), Catch::Contains("did you mean \"high\""));
  CHECK_THROWS_WITH(load("max_findings = { severe = 1 }\n"),
                    Catch::Contains("unknown key \"severe\""));
  CHECK_THROWS_WITH(load("baseline = \"b.sarif\"\n"),
                    Catch::Contains("\"baseline\" is only used with new_only = true"));
}

TEST_CASE("security gate: a critical finding blocks the change end to end with exit 1") {
  testing::TempDir dir;
  dir.write("changegate.toml",
            "[project]\nname = \"x\"\n\n[[gate]]\nid = \"security\"\nkind = \"security\"\n"
            "sarif = [\"scan.sarif\"]\n");
  dir.write("scan.sarif", sarif(rule("CVE-2026-1", "", "9.8"), result("CVE-2026-1"), "Trivy"));
  const auto run = testing::run_changegate("check --repo . --no-ledger", dir.path());
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("1 finding counted (1 critical) in 1 run: 1 critical (max 0)") !=
        std::string::npos);
}
