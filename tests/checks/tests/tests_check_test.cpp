#include "checks/tests/tests_check.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/checks/check_harness.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::run_gate;

namespace {

constexpr Timestamp k_now = 1795255200;  // 2026-11-21T10:00:00Z

std::string suite(const std::string& name, const std::string& cases,
                  const std::string& timestamp = "2026-11-21T09:00:00") {
  return "<testsuites><testsuite name=\"" + name + "\" timestamp=\"" + timestamp + "\">" + cases +
         "</testsuite></testsuites>";
}
const std::string k_pass = R"(<testcase classname="t.A" name="ok" time="0.5"/>)";
const std::string k_fail =
    R"(<testcase classname="t.A" name="broken" file="t/a.py" line="12" time="1.5"><failure message="assert 1 == 2">trace</failure></testcase>)";
const std::string k_pass_broken = R"(<testcase classname="t.A" name="broken" time="0.2"/>)";
const std::string k_skip = R"(<testcase classname="t.A" name="later"><skipped/></testcase>)";

struct Fixture {
  testing::TempDir dir;
  RepoContext repo;
  ChangeRecord change;
  Fixture() {
    repo.root = dir.path();
    repo.is_git = true;
    repo.head_time = k_now - 3600;
  }
  GateResult run(const std::string& extra = "", const std::string& reports = "reports/**/*.xml") {
    return run_gate("id = \"t\"\nkind = \"tests\"\nreports = [\"" + reports + "\"]\n" + extra,
                    change, repo, k_now)
        .result;
  }
};

// A FIFO at dir/relative: opening it to read would wait for a writer forever.
void make_fifo(const testing::TempDir& dir, const std::string& relative) {
  const std::filesystem::path path = std::filesystem::path(dir.path()) / relative;
  std::filesystem::create_directories(path.parent_path());
  REQUIRE(mkfifo(path.c_str(), 0600) == 0);
}

}  // namespace

TEST_CASE("tests gate: green reports pass with their counts and evidence digests") {
  Fixture f;
  f.dir.write("reports/unit.xml", suite("unit", k_pass + k_skip));
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "2 tests, 0 failed, 1 skipped, 0 flaky in 1 report");
  REQUIRE(r.evidence.size() == 1);
  CHECK(r.evidence[0].path == "reports/unit.xml");
  CHECK(r.evidence[0].sha256.size() == 64);
}

TEST_CASE("tests gate: a failing test fails the gate with its message and file:line") {
  Fixture f;
  f.dir.write("reports/unit.xml", suite("unit", k_pass + k_fail));
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.summary == "2 tests, 1 failed, 0 skipped, 0 flaky: failed tests 1 (need <= 0)");
  CHECK(r.problems.front() == "t.A.broken failure at t/a.py:12: assert 1 == 2");
  CHECK(r.details["failures"][0]["report"] == "reports/unit.xml");
}

TEST_CASE("tests gate: max_failures tolerates that many failures") {
  Fixture f;
  f.dir.write("reports/unit.xml", suite("unit", k_pass + k_fail));
  CHECK(f.run("max_failures = 1\n").status == Status::pass);
}

TEST_CASE("tests gate: a test that failed then passed in a rerun file is flaky, not failed") {
  Fixture f;
  f.dir.write("reports/run1.xml", suite("unit", k_pass + k_fail));
  f.dir.write("reports/run2-rerun.xml", suite("unit", k_pass_broken));
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.details["flaky"].size() == 1);
  CHECK(r.details["flaky"][0]["id"] == "t.A.broken");
}

TEST_CASE("tests gate: a rerun inside one file (duplicate testcase) is flaky") {
  Fixture f;
  f.dir.write("reports/unit.xml", suite("unit", k_fail + k_pass_broken));
  CHECK(f.run().status == Status::pass);
}

TEST_CASE("tests gate: Surefire flakyFailure passes and is listed as flaky") {
  Fixture f;
  f.dir.write(
      "reports/unit.xml",
      suite("unit",
            R"(<testcase classname="t.B" name="x"><flakyFailure message="m"/></testcase>)"));
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.details["totals"]["flaky"] == 1);
}

TEST_CASE("tests gate: a report with no test cases is a failure, never green") {
  Fixture f;
  f.dir.write("reports/empty.xml", "<testsuites/>");
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.problems.front() == "the reports contain no test cases");
}

TEST_CASE("tests gate: a glob that matches no file is an error") {
  Fixture f;
  const GateResult r = f.run("", "build/test-results/*.xml");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: reports glob \"build/test-results/*.xml\" matches no file");
}

TEST_CASE("tests gate: an unreadable report is an error naming file and line") {
  Fixture f;
  f.dir.write("reports/good.xml", suite("unit", k_pass));
  f.dir.write("reports/truncated.xml",
              "<testsuites>\n<testsuite name=\"x\">\n<testcase name=\"a\"");
  const GateResult r = f.run();
  CHECK(r.status == Status::error);
  CHECK_THAT(r.summary, Catch::StartsWith("could not read all evidence: reports/truncated.xml:3:"));
}

TEST_CASE("tests gate: a FIFO given as a report is an error, never a hang") {
  Fixture f;  // expected: error at once, the FIFO is never opened
  make_fifo(f.dir, "reports/unit.xml");
  const GateResult r = f.run("", "reports/unit.xml");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: reports/unit.xml: is a FIFO, not a regular file");
  CHECK(r.evidence.empty());
}

TEST_CASE("tests gate: a directory given as a report is an error naming it") {
  Fixture f;  // expected: error, not "matches no file"
  f.dir.write("reports/unit.xml/TEST-a.xml", suite("unit", k_pass));
  const GateResult r = f.run("", "reports/unit.xml");
  CHECK(r.status == Status::error);
  CHECK(r.summary == "could not read all evidence: reports/unit.xml: is a directory, not a file");
}

TEST_CASE("tests gate: a wildcard passes over a FIFO among the reports, never opening it") {
  Fixture f;  // expected: pass on the one regular report
  f.dir.write("reports/unit.xml", suite("unit", k_pass));
  make_fifo(f.dir, "reports/pipe.xml");
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "1 tests, 0 failed, 0 skipped, 0 flaky in 1 report");
}

TEST_CASE(
    "tests gate: real failures win over an unreadable report, so on_error=warn cannot hide them") {
  Fixture f;
  f.dir.write("reports/bad.xml", "not xml");
  f.dir.write("reports/unit.xml", suite("unit", k_fail));
  CHECK(f.run().status == Status::fail);
}

TEST_CASE("tests gate: too many skipped tests fail max_skipped_ratio") {
  Fixture f;
  f.dir.write("reports/unit.xml", suite("unit", k_pass + k_skip));
  const GateResult r = f.run("max_skipped_ratio = 0.25\n");
  CHECK(r.status == Status::fail);
  CHECK(r.problems.front() == "1 of 2 tests skipped, over max_skipped_ratio");
}

TEST_CASE("tests gate: required suites match by suite name or report directory") {
  Fixture f;
  f.dir.write("reports/unit/a.xml", suite("tests.unit", k_pass));
  f.dir.write("reports/b.xml", suite("integration", k_pass));
  const std::string req = "require_suites = [\"unit\", \"integration\", \"acceptance\"]\n";
  const GateResult r = f.run(req);
  CHECK(r.status == Status::fail);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0] ==
        "required suite \"acceptance\" is missing (no suite name or report path matches it with "
        "tests)");
  CHECK(r.details["required_suites"]["unit"] == 1);
  CHECK(r.details["required_suites"]["integration"] == 1);
}

TEST_CASE("tests gate: a suite matched by both its name and its report path counts once") {
  Fixture f;
  f.dir.write("reports/unit/junit.xml", suite("unit", k_pass + k_skip));
  const GateResult r = f.run("require_suites = [\"unit\"]\n");
  CHECK(r.details["required_suites"]["unit"] == 2);
}

TEST_CASE("tests gate: a quarantined failure is reported, not counted, until it expires") {
  Fixture f;
  f.dir.write("reports/unit.xml", suite("unit", k_pass + k_fail));
  const GateResult r =
      f.run("[[gate.quarantine]]\nid = \"t.A.broken\"\nexpires = 2026-12-01\nreason = \"DEF-9\"\n");
  CHECK(r.status == Status::pass);
  CHECK(r.details["quarantined"][0]["id"] == "t.A.broken");
  const GateResult expired =
      f.run("[[gate.quarantine]]\nid = \"t.A.*\"\nexpires = 2026-11-01\nreason = \"DEF-9\"\n");
  CHECK(expired.status == Status::fail);
  CHECK(std::count(expired.problems.begin(), expired.problems.end(),
                   "quarantine of t.A.broken expired on 2026-11-01: its failure counts") == 1);
}

TEST_CASE("tests gate: evidence older than the head commit by more than max_age is stale") {
  Fixture f;
  f.dir.write("reports/unit.xml", suite("unit", k_pass, "2026-11-01T00:00:00"));
  const GateResult r = f.run("max_age = \"1d\"\n");
  CHECK(r.status == Status::fail);
  CHECK_THAT(
      r.problems.front(),
      Catch::StartsWith(
          "stale evidence: reports/unit.xml (timestamp attribute) is from 2026-11-01T00:00:00Z"));
  f.dir.write("reports/unit.xml", suite("unit", k_pass, "2026-11-21T09:30:00"));
  CHECK(f.run("max_age = \"1d\"\n").status == Status::pass);
}

TEST_CASE("tests gate: max_age cannot be judged without a head commit") {
  Fixture f;
  f.repo.is_git = false;
  f.repo.head_time = 0;
  f.dir.write("reports/unit.xml", suite("unit", k_pass));
  CHECK(f.run("max_age = \"1d\"\n").status == Status::error);
}

TEST_CASE("tests gate: reports is required and its globs are checked") {
  CHECK_THROWS_WITH(
      testing::run_gate("id = \"t\"\nkind = \"tests\"\n", {}, {}, k_now),
      "changegate.toml:1: gate \"t\": missing required key \"reports\" (JUnit XML globs)");
  CHECK_THROWS_WITH(
      testing::run_gate("id = \"t\"\nkind = \"tests\"\nreports = [\"a/[b\"]\n", {}, {}, k_now),
      "changegate.toml:4: gate \"t\": bad glob \"a/[b\" in \"reports\": unclosed '[' at offset 2");
}

// --- no false green: empty and declared-only reports ------------------------------

TEST_CASE("tests gate: a report with no test cases fails even beside a good report") {
  Fixture f;  // expected: fail, naming the empty report
  f.dir.write("reports/good.xml", suite("unit", k_pass));
  f.dir.write("reports/empty.xml", R"(<testsuite name="e" tests="0"/>)");
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.problems == std::vector<std::string>{"reports/empty.xml contains no test cases"});
}

TEST_CASE("tests gate: a suite declaring failures but holding no test cases fails") {
  Fixture f;  // expected: fail on the declared failures, never read as passing
  f.dir.write("reports/unit.xml",
              "<testsuites>\n<testsuite name=\"s\" tests=\"5\" failures=\"2\"/>\n</testsuites>");
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(std::count(r.problems.begin(), r.problems.end(),
                   "reports/unit.xml:2: suite \"s\" declares 2 failures but holds no test "
                   "cases") == 1);
  CHECK(r.details["declared_without_cases"][0]["failures"] == 2);
}

TEST_CASE("tests gate: a suite declaring tests but holding none, beside real cases, is an error") {
  Fixture f;  // expected: error: the five declared tests cannot be judged
  f.dir.write("reports/unit.xml", "<testsuites>\n<testsuite name=\"a\">" + k_pass +
                                      "</testsuite>\n<testsuite name=\"b\" tests=\"5\"/>\n"
                                      "</testsuites>");
  const GateResult r = f.run();
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: reports/unit.xml:3: suite \"b\" declares 5 tests but holds "
        "no test cases: they cannot be judged");
}

TEST_CASE("tests gate: declared totals that disagree with the cases warn but still pass") {
  Fixture f;  // expected: pass (the cases decide), the disagreement in details.warnings
  f.dir.write("reports/unit.xml", "<testsuites>\n<testsuite name=\"unit\" tests=\"3\">" + k_pass +
                                      "</testsuite>\n"
                                      "</testsuites>");
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.problems.empty());
  CHECK(r.details["warnings"] ==
        nlohmann::json::array({"reports/unit.xml:2: testsuite \"unit\" declares tests=\"3\" but "
                               "holds 1 test case; the cases decide"}));
}

TEST_CASE("tests gate: a report where every case is skipped fails min_tests") {
  Fixture f;  // expected: fail: skipped cases did not run
  f.dir.write("reports/unit.xml", suite("unit", k_skip));
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.problems == std::vector<std::string>{"no test case ran: all 1 were skipped",
                                               "reports/unit.xml: no test case ran (all 1 "
                                               "skipped)"});
}

TEST_CASE("tests gate: min_tests counts the cases that ran, not the skipped ones") {
  Fixture f;  // expected: fail: 1 ran, 2 skipped, min_tests 2
  f.dir.write("reports/unit.xml",
              suite("unit", k_pass + k_skip +
                                R"(<testcase classname="t.A" name="also"><skipped/></testcase>)"));
  const GateResult r = f.run("min_tests = 2\n");
  CHECK(r.status == Status::fail);
  CHECK(r.problems == std::vector<std::string>{"only 1 test cases ran; min_tests is 2"});
}

TEST_CASE("tests gate: min_tests is a total; each report needs only one case that ran") {
  Fixture f;  // expected: pass: three one-case reports meet min_tests = 3 together
  for (const char* name : {"a", "b", "c"})
    f.dir.write(std::string("reports/TEST-") + name + ".xml",
                suite(name, std::string(R"(<testcase classname=")") + name + R"(" name="ok"/>)"));
  CHECK(f.run("min_tests = 3\n").status == Status::pass);
}

// --- flaky across files ------------------------------------------------------------

TEST_CASE("tests gate: a failure on one matrix leg is not waved through by a pass on another") {
  Fixture f;  // expected: fail: windows.xml is a full run, not a rerun
  f.dir.write("reports/linux.xml", suite("unit", k_pass + k_fail));
  f.dir.write("reports/windows.xml", suite("unit", k_pass + k_pass_broken));
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.details["flaky"].empty());
  CHECK(r.details["failures"][0]["id"] == "t.A.broken");
}

TEST_CASE(
    "tests gate: a leg holding only the failed test, as many as the failing leg, is no rerun") {
  Fixture f;  // expected: fail: both legs ran the same one test; one of them failed it
  f.dir.write("reports/linux.xml", suite("unit", k_fail));
  f.dir.write("reports/windows.xml", suite("unit", k_pass_broken));
  CHECK(f.run().status == Status::fail);
}

TEST_CASE("tests gate: a report named by rerun_reports makes the failure it passes flaky") {
  Fixture f;  // expected: pass: the rerun report holds other tests too, but is named a rerun
  f.dir.write("reports/unit.xml", suite("unit", k_pass + k_fail));
  f.dir.write("reports/rerun/attempt-2.xml", suite("unit", k_pass + k_pass_broken));
  const GateResult r = f.run("rerun_reports = [\"reports/rerun/*.xml\"]\n");
  CHECK(r.status == Status::pass);
  REQUIRE(r.details["flaky"].size() == 1);
  CHECK(r.details["flaky"][0]["id"] == "t.A.broken");
}

TEST_CASE("tests gate: rerun_reports globs are checked") {
  CHECK_THROWS_WITH(
      testing::run_gate(
          "id = \"t\"\nkind = \"tests\"\nreports = [\"r/*.xml\"]\nrerun_reports = [\"a/[b\"]\n", {},
          {}, k_now),
      "changegate.toml:5: gate \"t\": bad glob \"a/[b\" in \"rerun_reports\": unclosed '[' at "
      "offset 2");
}

TEST_CASE("tests gate: test identity is classname and name, never their dotted join") {
  Fixture f;  // expected: fail: "" + "a.b" passing is another test than "a" + "b" failing
  f.dir.write("reports/unit.xml",
              suite("unit", R"(<testcase classname="a" name="b"><failure message="m"/></testcase>)"
                            R"(<testcase classname="" name="a.b"/>)"));
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.details["flaky"].empty());
}

// --- time -------------------------------------------------------------------------

TEST_CASE("tests gate: a report timestamp in the future is an error, not fresh evidence") {
  Fixture f;  // expected: error: one hour ahead of --now (10:00Z)
  f.dir.write("reports/unit.xml", suite("unit", k_pass, "2026-11-21T11:00:00Z"));
  const GateResult r = f.run("max_age = \"1d\"\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: reports/unit.xml: timestamp \"2026-11-21T11:00:00Z\" is in "
        "the future (the run's clock says 2026-11-21T10:00:00Z)");
}

TEST_CASE("tests gate: a report timestamp within five minutes of the clock is clock skew") {
  Fixture f;  // expected: pass: four minutes ahead
  f.dir.write("reports/unit.xml", suite("unit", k_pass, "2026-11-21T10:04:00Z"));
  CHECK(f.run("max_age = \"1d\"\n").status == Status::pass);
}

TEST_CASE("tests gate: a zone-less timestamp more than a day ahead is in the future") {
  Fixture f;  // expected: error: local time can be 14 hours ahead of UTC, never a day
  f.dir.write("reports/unit.xml", suite("unit", k_pass, "2026-11-22T10:00:00"));
  const GateResult r = f.run();
  CHECK(r.status == Status::error);
  CHECK_THAT(r.summary, Catch::Contains("is in the future"));
}

TEST_CASE("tests gate: a decimal comma in a time keeps a green report green, with a warning") {
  Fixture f;  // expected: pass; the duration is unknown and said so
  f.dir.write("reports/unit.xml",
              suite("unit", R"(<testcase classname="t.A" name="ok" time="0,288"/>)"));
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.details["warnings"] ==
        nlohmann::json::array({"reports/unit.xml:1: testcase \"ok\": time \"0,288\" is not a "
                               "number; its duration is unknown"}));
  CHECK(r.details["slowest"].empty());
}

// --- evidence size ----------------------------------------------------------------

TEST_CASE("tests gate: a huge failure message is capped in the problems it appears in") {
  Fixture f;  // expected: fail; the message is 4096 bytes and says how long it was
  f.dir.write("reports/unit.xml",
              suite("unit", R"(<testcase classname="t.A" name="big"><failure message=")" +
                                std::string(100000, 'x') + R"("/></testcase>)"));
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.problems.front() == "t.A.big failure at reports/unit.xml:1: " + std::string(4096, 'x') +
                                  " (truncated, 100000 bytes)");
}
