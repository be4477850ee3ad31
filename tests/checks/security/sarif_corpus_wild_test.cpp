// The security gate over every SARIF file of ../shared/corpus-wild: files written
// by real tools, found in public repositories, with no expected values given.
// Each file is run through the gate on its own and its status pinned here,
// with the reason where it is not obvious (corpus-wild/README.md: never a
// crash, never a hang, never green on a file that could not be fully read; a
// file that is not SARIF 2.1.0, an empty runs array, a run whose execution
// failed or that carries an error-level tool notification is an error).
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "checks/security/security_check.h"
#include "tests/checks/check_harness.h"
#include "tests/support/corpus.h"

using namespace changegate;

namespace {

constexpr Timestamp k_now = 1796317200;  // 2026-12-03T17:00:00Z, after every file was written

struct Pinned {
  Status status;
  const char* why = "";
};

// Status per file under the default fail_on = "high": "fail" is a file with high or
// critical findings (error-level results rank high); the reasons say why the
// others are what they are.
const std::map<std::string, Pinned> k_pinned = {
    {"bearer__TestJuiceShopSarif.sarif", {Status::pass}},
    {"checkov__runner_results-results.sarif", {Status::fail}},
    {"cli__empty-sarif.json.sarif",
     {Status::pass, "one run with an empty results array: scanned, nothing found"}},
    {"cli__integrated-sarif-output.json.sarif", {Status::pass}},
    {"cli__sample-sarif.json.sarif", {Status::fail}},
    {"cli__sarif-container-result.json.sarif", {Status::pass}},
    {"cli__testdata-sarif.json.sarif", {Status::fail}},
    {"codeql-action__fingerprinting.input.sarif", {Status::pass}},
    {"codeql-action__fingerprinting2.expected.sarif", {Status::pass}},
    {"codeql-action__valid-sarif-diff-filtered.sarif", {Status::pass}},
    {"codeql-demo-Vulnerable-Website__codeql-results.sarif", {Status::fail}},
    {"codeql-java-demo__codeql-results.sarif",
     {Status::error, "the run reports a fatal tool execution error"}},
    {"codeql-java-demo__methods.sarif", {Status::pass}},
    {"detekt__input_1.sarif.json.sarif", {Status::pass}},
    {"detekt__output.sarif.json.sarif", {Status::pass}},
    {"github-security-report-action__java-builtin.sarif", {Status::fail}},
    {"github-security-report-action__java.sarif", {Status::pass}},
    {"github-security-report-action__java_9088c3.sarif", {Status::fail}},
    {"github-security-report-action__javascript-builtin.sarif", {Status::pass}},
    {"github-security-report-action__javascript-builtin_6c40e5.sarif", {Status::pass}},
    {"gitleaks__baseline.sarif", {Status::error, "runs: []: no scanner output to judge"}},
    {"grype__TestSarifPresenter_directory.golden.sarif", {Status::fail}},
    {"megalinter__CLOUDFORMATION_CFN_LINT.sarif", {Status::fail}},
    {"megalinter__JAVA_CHECKSTYLE.sarif", {Status::pass}},
    {"megalinter__JSX_ESLINT.sarif",
     {Status::error, "ESLint reports a configuration (parsing) error"}},
    {"megalinter__KOTLIN_KTLINT.sarif", {Status::fail}},
    {"megalinter__PYTHON_BANDIT.sarif", {Status::fail}},
    {"megalinter__REPOSITORY_GITLEAKS.sarif", {Status::pass}},
    {"megalinter__TERRAFORM_CHECKOV.sarif", {Status::pass}},
    {"pmd__empty.sarif.json.sarif", {Status::pass}},
    {"pmd__expected-configerror.sarif.json.sarif", {Status::error, "executionSuccessful: false"}},
    {"pmd__expected-multiple.sarif.json.sarif", {Status::fail}},
    {"pmd__expected.sarif.json.sarif", {Status::pass}},
    {"pmd__pmd-report.sarif.json.sarif", {Status::pass}},
    {"sarif-sdk__AndroidStudio_issueLog5_raw.xml.sarif", {Status::pass}},
    {"sarif-sdk__ClangAnalyzer_issueLog1_raw.xml.sarif", {Status::pass}},
    {"sarif-sdk__Comprehensive.sarif", {Status::error, "SARIF 2.0.0, not 2.1.0"}},
    {"sarif-sdk__EmptyResults.sarif",
     {Status::pass, "one run with an empty results array: scanned, nothing found"}},
    {"sarif-sdk__FxCopExceptions.xml.sarif", {Status::pass}},
    {"sarif-sdk__MultipleRuns.sarif", {Status::fail}},
    {"sarif-sdk__Native_x64_VS2015_Default.dll.sarif",
     {Status::error, "level \"notApplicable\" is pre-2.1.0 SARIF"}},
    {"sarif-sdk__NoErrors.txt.sarif", {Status::pass}},
    {"sarif-sdk__NonErrorResults.sarif", {Status::fail}},
    {"sarif-sdk__NullResults.sarif",
     {Status::error, "results: null: the tool did not determine its results"}},
    {"sarif-sdk__SimpleExample.sarif", {Status::pass}},
    {"sarif-sdk__SuppressionTestPrevious.sarif", {Status::pass}},
    {"sarif-sdk__TSLint-09.json.sarif", {Status::fail}},
    {"sarif-sdk__TwoResultsWithNodeRefs.fpr.sarif", {Status::pass}},
    {"sarif-sdk__ValidResultsWithLog.sarif", {Status::pass}},
    {"sarif-sdk__WithPolicy.sarif", {Status::pass}},
    {"sarif-sdk__WithPolicy2.sarif", {Status::pass}},
    {"sarif-sdk__WithProperties.sarif", {Status::fail}},
    {"sarif-sdk__bannedAPIs_java.xml.sarif", {Status::pass}},
    {"sarif-sdk__cancelspinlock_bug1.tt.sarif", {Status::fail}},
    {"sarif-sdk__gcc.no_fortification_required.sarif",
     {Status::error, "level \"notApplicable\" is pre-2.1.0 SARIF"}},
    {"sarif-sdk__results.csv.sarif", {Status::fail}},
    {"sarif-tutorials__Baseline.sarif", {Status::pass}},
    {"sarif-tutorials__DefaultRuleConfiguration.sarif", {Status::fail}},
    {"sarif-tutorials__Notifications.sarif", {Status::error, "executionSuccessful: false"}},
    {"sarif-tutorials__Suppressions.sarif", {Status::pass}},
    {"sarif-tutorials__simple-example.sarif", {Status::fail}},
    {"sarif-vscode-extension__.sarif-log.sarif", {Status::pass}},
    {"sarif-vscode-extension__propertyBags.sarif", {Status::pass}},
    {"semgrep__--json-sarif.json.expected.sarif", {Status::fail}},
    {"semgrep__test_sarif_output_rule_board-results.sarif", {Status::fail}},
    {"semgrep__test_sarif_output_with_nosemgrep_and_error-results.sarif",
     {Status::pass, "its one result is suppressed in source (nosemgrep); the run succeeded"}},
    {"semgrep__test_sarif_output_with_source-results.sarif", {Status::fail}},
    {"trivy-action__report.sarif", {Status::fail}},
    {"trivy-sarif-demo__debug-trivy-results.sarif", {Status::fail}},
    {"trivy-sarif-demo__demo-results.sarif",
     {Status::pass,
      "all 429 results carry a suppression without a status: read as accepted suppressions, so "
      "nothing is counted"}},
    {"trivy-sarif-demo__trivy-results.sarif", {Status::fail}},
    {"trivy-test-ghas__trivy-results.sarif", {Status::fail}},
    {"trivy-test-ghas__updated_report.sarif", {Status::fail}},
    {"vscode-codeql__emptyResultsSarif.sarif",
     {Status::pass, "one run with an empty results array: scanned, nothing found"}},
    {"vscode-codeql__invalidSarif.sarif", {Status::error, "no results array"}},
};

}  // namespace

TEST_CASE("security gate: every corpus-wild SARIF file gets its pinned status", "[corpus-wild]") {
  const auto wild = testing::corpus_wild_dir();
  REQUIRE(wild);  // the test main skips [corpus-wild] tests when the corpus is absent
  const std::filesystem::path dir = *wild / "sarif";
  RepoContext repo;
  repo.root = dir.string();
  const ChangeRecord change;
  std::set<std::string> seen;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    seen.insert(name);
    const GateResult r =
        testing::run_gate("id = \"s\"\nkind = \"security\"\nsarif = [\"" + name + "\"]\n", change,
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
  CHECK(seen.size() >= 75);
  for (const auto& [name, pinned] : k_pinned) {
    INFO("pinned file missing from the corpus: " << name);
    CHECK(seen.count(name) == 1);
  }
}
