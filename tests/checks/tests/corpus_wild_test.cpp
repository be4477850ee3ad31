// The tests gate over every JUnit file of ../shared/corpus-wild: files written
// by real tools, found in public repositories, with no expected values given.
// Each file is run through the gate on its own and its status pinned here,
// with the reason where it is not obvious (corpus-wild/README.md: never a
// crash, never a hang, never green on a file that could not be fully read; a
// file that is not JUnit is an error naming it).
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "checks/tests/tests_check.h"
#include "tests/checks/check_harness.h"
#include "tests/support/corpus.h"

using namespace changegate;

namespace {

constexpr Timestamp k_now = 1796317200;  // 2026-12-03T17:00:00Z, after every file was written

struct Pinned {
  Status status;
  const char* why = "";
};

// Status per file. "fail" is mostly the producer's own fixture of failing tests;
// the reasons say why the others are what they are.
const std::map<std::string, Pinned> k_pinned = {
    {"action-junit-report__TEST-action.surefire.report.calc.AllOkTest.xml", {Status::pass}},
    {"action-junit-report__TEST-action.surefire.report.calc.CalcUtilsTest.xml", {Status::fail}},
    {"action-junit-report__com.mikepenz.DummyTest3_test_01.xml", {Status::fail}},
    {"action-junit-report__com.mikepenz.DummyTest_test_02_dummy.xml", {Status::pass}},
    {"action-junit-report__expected.xml",
     {Status::error, "a raw \"<\" in time=\"<<computed>>\": not well-formed XML"}},
    {"action-junit-report__flaky_all_failures.xml", {Status::fail}},
    {"action-junit-report__flaky_success_first.xml", {Status::pass}},
    {"action-junit-report__mixed_flaky_and_passed.xml", {Status::pass}},
    {"action-junit-report__multi-level.xml", {Status::pass}},
    {"action-junit-report__python-report.xml", {Status::fail}},
    {"action-junit-report__report_fl_on_f.xml", {Status::fail}},
    {"action-junit-report__report_flaky.xml", {Status::fail}},
    {"action-junit-report__testDisabled.xml", {Status::fail}},
    {"action-junit-report__testEmpty.xml", {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"action-junit-report__test_multiple_errors.xml", {Status::fail}},
    {"action-junit-report__test_multiple_failures.xml", {Status::fail}},
    {"action__01-common.xml", {Status::fail}},
    {"action__02-example.xml", {Status::fail}},
    {"action__03-junit.xml", {Status::fail}},
    {"action__04-bazel-junit.xml", {Status::fail}},
    {"action__05-empty.xml", {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"action__06-empty.xml", {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"action__07-no-failure-message.xml", {Status::fail}},
    {"action__08-failure-noattr-only-innertext.xml", {Status::fail}},
    {"cypressJunitReport__results-20cf1fde05cfe166ca14670499637080.xml", {Status::pass}},
    {"cypressJunitReport__results-5cd2c3ef0da3402313c72497c54863b8.xml", {Status::fail}},
    {"cypressJunitReport__results.xml", {Status::fail}},
    {"go-junit-report__005-report.xml", {Status::pass}},
    {"go-junit-report__007-report.xml", {Status::pass}},
    {"go-junit-report__010-report.xml", {Status::pass}},
    {"go-junit-report__015-report.xml", {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"go-junit-report__021-report.xml", {Status::pass}},
    {"go-junit-report__024-report.xml", {Status::pass}},
    {"go-junit-report__027-report.xml", {Status::pass}},
    {"go-junit-report__030-report.xml", {Status::fail}},
    {"go-junit-report__033-report.xml", {Status::pass}},
    {"go-junit-report__036-report.xml", {Status::fail}},
    {"go-junit-report__039-report.xml", {Status::pass}},
    {"go-junit-report__100-report.xml", {Status::pass}},
    {"go-junit-report__103-report.xml", {Status::fail}},
    {"go-junit-report__105-report.xml", {Status::fail}},
    {"go-junit-report__108-report.xml", {Status::fail}},
    {"go-junit-report__113-report.xml", {Status::pass}},
    {"gotestsum__junitxml-report-hide-skipped-tests.golden.xml", {Status::fail}},
    {"gotestsum__junitxml-report-skip-empty.golden.xml", {Status::fail}},
    {"gradle-jenkins__TEST-com.example.demo.DemoApplicationTests.xml", {Status::pass}},
    {"junit-plugin__27449.xml", {Status::pass}},
    {"junit-plugin__JENKINS-12457-TestSuite_a1.xml", {Status::pass}},
    {"junit-plugin__JENKINS-41134-TestSuite_second_dup_first.xml", {Status::fail}},
    {"junit-plugin__TEST-com.sample.test.TestMessage.xml", {Status::pass}},
    {"junit-plugin__TEST-null.xml", {Status::fail}},
    {"junit-plugin__afterSkippedResult.xml", {Status::fail}},
    {"junit-plugin__eclipse-plugin-test-report.xml", {Status::pass}},
    {"junit-plugin__junit-junit-report-1233.xml", {Status::pass}},
    {"junit-plugin__junit-junit-report-1463.xml", {Status::pass}},
    {"junit-plugin__junit-report-2874.xml", {Status::pass}},
    {"junit-plugin__junit-report-494.xml", {Status::fail}},
    {"junit-plugin__junit-report-errror-details.xml", {Status::fail}},
    {"junit-plugin__junit-report-testTrends-first-1.xml", {Status::pass}},
    {"junit-plugin__junit-report-time-aggregation.xml", {Status::pass}},
    {"junit-plugin__old-reports-junit-report-1.xml", {Status::pass}},
    {"junit-plugin__testXxe-oob.xml", {Status::error, "an XXE probe, not well-formed at line 1"}},
    {"junit-xml-formatter__all-statuses.default.xml", {Status::fail}},
    {"junit-xml-formatter__ambiguous.default.xml", {Status::fail}},
    {"junit-xml-formatter__empty.default.xml", {Status::pass}},
    {"junit-xml-formatter__examples-tables.default.xml", {Status::fail}},
    {"junit-xml-formatter__failedish-combinations.default.xml", {Status::fail}},
    {"junit-xml-formatter__global-hooks-afterall-error.default.xml", {Status::pass}},
    {"junit-xml-formatter__global-hooks-beforeall-error.default.xml",
     {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"junit-xml-formatter__hooks-undefined.default.xml", {Status::fail}},
    {"junit-xml-formatter__pending.default.xml", {Status::fail}},
    {"junit-xml-formatter__retry-pending.default.xml", {Status::fail}},
    {"junit-xml-formatter__retry.default.xml", {Status::fail}},
    {"junit-xml-formatter__skipped-failing-hook.default.xml", {Status::fail}},
    {"junit-xml-formatter__stack-traces.default.xml", {Status::fail}},
    {"junit-xml-formatter__test-run-exception.default.xml",
     {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"junit-xml-formatter__undefined.default.xml", {Status::fail}},
    {"k6-demo__results-junit.xml", {Status::pass}},
    {"maven-surefire__TEST-AntUnit.xml", {Status::pass}},
    {"maven-surefire__TEST-NoTimeTestCaseTest.xml", {Status::pass}},
    {"maven-surefire__TEST-classWithNoTests.NoMethodsTestCase.xml",
     {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"maven-surefire__TEST-com.shape.CircleTest.xml", {Status::fail}},
    {"maven-surefire__TEST-junit.twoTestCaseSuite.WrapperTestSuite.xml", {Status::pass}},
    {"maven-surefire__TEST-org.acme.FlakyTest.xml", {Status::pass}},
    {"maven-surefire__TEST-org.apache.maven.surefire.test.FailingTest.xml", {Status::fail}},
    {"maven-surefire__TEST-surefire.MyTest-enclosed.xml", {Status::fail}},
    {"maven-surefire__TEST-surefire.MyTest-nestedClass.xml", {Status::fail}},
    {"maven-surefire__TEST-surefire.MyTest.xml", {Status::fail}},
    {"maven-surefire__TEST-surefire.MyTest_1a6b45.xml", {Status::fail}},
    {"maven-surefire__failsafe-summary.xml",
     {Status::error, "Failsafe's summary, not a JUnit report"}},
    {"playwright-digest-do-not-match-repro__results.xml", {Status::fail}},
    {"publish-unit-test-result-action__FluentValidation.Tests.junit-xml.xml", {Status::pass}},
    {"publish-unit-test-result-action__NUnit-correct.junit-xml.xml", {Status::fail}},
    {"publish-unit-test-result-action__NUnit-correct.xml",
     {Status::error, "NUnit 2 XML, not JUnit"}},
    {"publish-unit-test-result-action__NUnit-failure.junit-xml.xml", {Status::fail}},
    {"publish-unit-test-result-action__NUnit-ignored.junit-xml.xml", {Status::pass}},
    {"publish-unit-test-result-action__NUnit-issue1077.junit-xml.xml", {Status::pass}},
    {"publish-unit-test-result-action__NUnit-issue44527.junit-xml.xml", {Status::fail}},
    {"publish-unit-test-result-action__NUnit-multinamespace.junit-xml.xml", {Status::pass}},
    {"publish-unit-test-result-action__NUnit-net461-sample.trx.xml",
     {Status::error, "TRX, not JUnit"}},
    {"publish-unit-test-result-action__NUnitUnicode.junit-xml.xml", {Status::fail}},
    {"publish-unit-test-result-action__SilentNotes.junit-xml.xml", {Status::pass}},
    {"publish-unit-test-result-action__dart-tests.junit-xml.xml", {Status::fail}},
    {"publish-unit-test-result-action__fixie.junit-xml.xml", {Status::fail}},
    {"publish-unit-test-result-action__fixie.xml", {Status::error, "xUnit.net v2 XML, not JUnit"}},
    {"publish-unit-test-result-action__jest-junit.xml", {Status::pass}},
    {"publish-unit-test-result-action__junit.gloo.elastic.spark.tf.xml", {Status::pass}},
    {"publish-unit-test-result-action__junit.gloo.elastic.spark.torch.xml", {Status::pass}},
    {"publish-unit-test-result-action__junit.gloo.elastic.xml", {Status::pass}},
    {"publish-unit-test-result-action__junit.gloo.standalone.xml", {Status::pass}},
    {"publish-unit-test-result-action__junit.gloo.static.xml", {Status::pass}},
    {"publish-unit-test-result-action__junit.mpi.integration.xml", {Status::pass}},
    {"publish-unit-test-result-action__junit.mpi.standalone.xml", {Status::pass}},
    {"publish-unit-test-result-action__junit.mpi.static.xml", {Status::pass}},
    {"publish-unit-test-result-action__junit.spark.integration.1.xml", {Status::pass}},
    {"publish-unit-test-result-action__junit.spark.integration.2.xml", {Status::pass}},
    {"publish-unit-test-result-action__latex-utensils.xml", {Status::pass}},
    {"publish-unit-test-result-action__mocha-tests.junit-xml.xml", {Status::fail}},
    {"publish-unit-test-result-action__no-cases.xml",
     {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"publish-unit-test-result-action__pickles.junit-xml.xml", {Status::fail}},
    {"publish-unit-test-result-action__testcase3.junit-xml.xml",
     {Status::fail,
      "time=\"0,288\" (decimal comma) is an unknown duration with a warning, not an error; its one "
      "real failure fails it"}},
    {"publish-unit-test-result-action__testsuite-in-testsuite.xml", {Status::pass}},
    {"publish-unit-test-result-action__xUnit-netcoreapp3.1-sample.junit-xml.xml", {Status::fail}},
    {"publish-unit-test-result-action__yami_YAMILEX_2015-10-24_04_18_59.junit-xml.xml",
     {Status::fail}},
    {"test-reporter__BootstrapFormRenderer-report.xml", {Status::pass}},
    {"test-reporter__dotnet-nunit.xml", {Status::error, "NUnit 3 XML, not JUnit"}},
    {"test-reporter__dotnet-trx.trx.xml", {Status::error, "TRX, not JUnit"}},
    {"test-reporter__jest-junit-empty-testsuite.xml",
     {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"test-reporter__jest-junit.xml", {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"test-reporter__jest-react-component-test-results.xml", {Status::pass}},
    {"test-reporter__junit-basic.xml", {Status::fail}},
    {"test-reporter__junit4-basic.xml", {Status::fail}},
    {"test-reporter__junit4-complete.xml", {Status::fail}},
    {"test-reporter__phpunit-paths.xml", {Status::fail}},
    {"xunit-plugin__aunit-testcase1-result.xml", {Status::fail}},
    {"xunit-plugin__check-testcase2-result.xml", {Status::fail}},
    {"xunit-plugin__cpptest-testcase3-result.xml",
     {Status::fail, "no test cases: never green (SPEC 4.1)"}},
    {"xunit-plugin__ctest-testcase1-input.xml", {Status::error, "CTest's own Test.xml, not JUnit"}},
    {"xunit-plugin__ctest-testcase1-result.xml", {Status::fail}},
    {"xunit-plugin__ctest-testcase3-result.xml", {Status::pass}},
    {"xunit-plugin__cunit-testcase2-result.xml", {Status::pass}},
    {"xunit-plugin__fpcunit-testcase1-result.xml",
     {Status::error,
      "a suite declares 46 tests and holds none (4 cases elsewhere): cannot be judged, never "
      "green"}},
    {"xunit-plugin__googletest-testcase1-input.xml", {Status::pass}},
    {"xunit-plugin__googletest-testcase3-input.xml", {Status::pass}},
    {"xunit-plugin__gtester-testcase2-result.xml", {Status::pass}},
    {"xunit-plugin__junit-testcase1-input.xml", {Status::pass}},
    {"xunit-plugin__junit-testcase5-input.xml", {Status::fail}},
    {"xunit-plugin__mbunit-testcase1-result.xml", {Status::fail}},
    {"xunit-plugin__mstest-testcase3-result.xml", {Status::fail}},
    {"xunit-plugin__nunit3-testcase2-result.xml", {Status::fail}},
    {"xunit-plugin__phpunit-testcase1-input.xml", {Status::pass}},
    {"xunit-plugin__phpunit-testcase11-input.xml", {Status::fail}},
    {"xunit-plugin__phpunit-testcase7-input.xml", {Status::pass}},
    {"xunit-plugin__qtestlib-testcase1-result.xml", {Status::pass}},
    {"xunit-plugin__qtestlib-testcase4-result.xml", {Status::fail}},
    {"xunit-plugin__unittest__-testcase2-result.xml", {Status::fail}},
    {"xunit-plugin__valgrind-testcase1-result.xml", {Status::fail}},
    {"xunit-plugin__xunitdotnet-testcase1-result.xml", {Status::fail}},
};

}  // namespace

TEST_CASE("tests gate: every corpus-wild JUnit file gets its pinned status", "[corpus-wild]") {
  const auto wild = testing::corpus_wild_dir();
  REQUIRE(wild);  // the test main skips [corpus-wild] tests when the corpus is absent
  const std::filesystem::path dir = *wild / "junit";
  RepoContext repo;
  repo.root = dir.string();
  const ChangeRecord change;
  std::set<std::string> seen;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    seen.insert(name);
    const GateResult r =
        testing::run_gate("id = \"t\"\nkind = \"tests\"\nreports = [\"" + name + "\"]\n", change,
                          repo, k_now)
            .result;
    const auto pinned = k_pinned.find(name);
    INFO(name << ": " << to_string(r.status) << ": " << r.summary);
    if (pinned == k_pinned.end()) {
      FAIL_CHECK("a new corpus-wild file needs its status here");
      continue;
    }
    INFO("pinned because: " << pinned->second.why);
    CHECK(r.status == pinned->second.status);
    // Green only on a file read to its end.
    if (r.status == Status::pass) CHECK(r.details["unreadable"].empty());
  }
  CHECK(seen.size() >= 158);
  for (const auto& [name, pinned] : k_pinned) {
    INFO("pinned file missing from the corpus: " << name);
    CHECK(seen.count(name) == 1);
  }
}
