#include "checks/security/sarif_reader.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>

#include "checks/security/security_check.h"
#include "tests/checks/check_harness.h"
#include "tests/support/corpus.h"

using namespace changegate;
using namespace changegate::sarif;

namespace {

// A one-line account of what the reader made of a log: per run the tool,
// results read, whether a results array was present, baseline-absent,
// suppressed and not-a-failure (level none) results, the counted findings per
// severity, execution errors and warnings.
std::string describe(const LogSummary& s) {
  std::string out = "OK runs=" + std::to_string(s.runs.size());
  for (const auto& r : s.runs) {
    std::map<std::string, std::int64_t> counted;
    std::int64_t sup = 0, none = 0;
    for (const auto& g : r.groups) {
      if (g.suppressed)
        sup += g.count;
      else if (g.severity == sarif::Severity::none)
        none += g.count;
      else
        counted[to_string(g.severity)] += g.count;
    }
    out += " [" + r.tool + " results=" + std::to_string(r.results) +
           (r.has_results ? "" : " NORESULTS") + " absent=" + std::to_string(r.absent) +
           " sup=" + std::to_string(sup) + " none=" + std::to_string(none);
    for (const auto& [k, v] : counted) out += " " + k + "=" + std::to_string(v);
    for (const auto& e : r.execution_errors) out += " EXEC{" + e + "}";
    for (const auto& w : r.warnings) out += " WARN{" + w + "}";
    out += "]";
  }
  return out;
}

std::string read_described(const std::filesystem::path& dir, const std::string& name) {
  LogSummary s;
  std::string err;
  if (!read_log((dir / name).string(), {}, &s, &err)) {
    const std::string prefix = dir.string() + "/";
    if (err.compare(0, prefix.size(), prefix) == 0) err = err.substr(prefix.size());
    return "ERROR " + err;
  }
  return describe(s);
}

struct CorpusCase {
  const char* file;
  const char* expected;
  const char* why = "";  // for the bad__ files: the decision and its reason
};

// Every file of corpus/sarif with what a person reading it would count. Level
// absent resolves through the rule default (CodeQL), security-severity bands
// rank above the level, kind other than fail and level none are not findings.
const CorpusCase k_corpus[] = {
    {"bad__codeql-action__invalid-sarif.sarif",
     "ERROR bad__codeql-action__invalid-sarif.sarif:14: runs[0].results is an integer, expected an "
     "array",
     "\"results\": 42 is the wrong type: an error naming the JSON path and line"},
    {"bad__codeql-action__tool-names.sarif",
     "OK runs=5 [CodeQL command-line toolchain results=0 NORESULTS absent=0 sup=0 none=0] [CodeQL "
     "command-line toolchain results=0 NORESULTS absent=0 sup=0 none=0] [ESLint results=0 "
     "NORESULTS absent=0 sup=0 none=0] [(unnamed tool) results=0 NORESULTS absent=0 sup=0 none=0] "
     "[(unnamed tool) results=0 NORESULTS absent=0 sup=0 none=0]",
     "valid SARIF whose runs carry no results array: read (names \"\" and null become \"(unnamed "
     "tool)\"); the gate then errors, a run without results determined nothing"},
    {"bad__codeql-action__with-invalid-uri.sarif",
     "OK runs=1 [LGTM.com results=1 absent=0 sup=0 none=0 warning=1]",
     "URIs are only shown, never resolved: an invalid one does not stop the finding from counting"},
    {"bad__sarif-sdk__Invalid.sarif",
     "ERROR bad__sarif-sdk__Invalid.sarif: not a SARIF log: no \"version\" at the top level",
     "JSON that is not SARIF: an error"},
    {"bad__sarif-sdk__JSON1001.SyntaxError.sarif",
     "ERROR bad__sarif-sdk__JSON1001.SyntaxError.sarif:3: JSON syntax error: Missing a name for "
     "object member. (byte 60)",
     "a JSON syntax error: an error with its line"},
    {"bad__sarif-sdk__JSON1002.DeserializationError.sarif",
     "OK runs=1 [CodeScanner results=1 absent=0 sup=0 none=0 warning=1]",
     "the malformed part is `stacks`, which a gate does not judge; the result itself is complete "
     "and counts"},
    {"bad__sarif-sdk__SARIF1009.IndexPropertiesMustBeConsistentWithArrays_Invalid.sarif",
     "OK runs=1 [SARIF Functional Testing results=3 absent=0 sup=0 none=0 warning=3 "
     "EXEC{invocation 0 says executionSuccessful: false} WARN{ruleIndex 3 is out of range (1 rules "
     "in the driver); resolved by ruleId TST0004} WARN{ruleIndex 1 is out of range (0 rules in "
     "extension 0); resolved by ruleId EXTR0002} WARN{ruleIndex 1 is out of range (0 rules in "
     "extension 2); resolved by ruleId EXTR1001}]",
     "out-of-range ruleIndex values fall back to ruleId (with a warning); executionSuccessful "
     "false makes the gate error"},
    {"bad__sarif-sdk__ValidateSarifOneZeroZero.sarif",
     "ERROR bad__sarif-sdk__ValidateSarifOneZeroZero.sarif: SARIF version 1.0.0 is not supported "
     "(changegate reads SARIF 2.1.0)",
     "SARIF 1.0.0 has another shape: an error, never a misread 2.1.0"},
    {"codeql-action__empty-sarif.sarif", "OK runs=1 [LGTM.com results=0 absent=0 sup=0 none=0]"},
    {"codeql-action__fingerprinting2.input.sarif",
     "OK runs=1 [CodeQL command-line toolchain results=1 absent=0 sup=0 none=0 warning=1]"},
    {"codeql-action__valid-sarif.sarif",
     "OK runs=2 [LGTM.com results=1 absent=0 sup=0 none=0 note=1] [CodeQL command-line toolchain "
     "results=2 absent=0 sup=0 none=0 note=2]"},
    {"detekt__vanilla.sarif.json.sarif",
     "OK runs=1 [detekt results=3 absent=0 sup=0 none=0 error=1 note=1 warning=1]"},
    {"gitleaks__sarif_simple.sarif",
     "OK runs=1 [gitleaks results=1 absent=0 sup=0 none=0 warning=1]"},
    {"grype__TestSarifPresenter_image.golden.sarif",
     "OK runs=1 [grype results=2 absent=0 sup=0 none=0 high=2]"},
    {"pmd__expected-error.sarif.json.sarif",
     "OK runs=1 [PMD results=0 absent=0 sup=0 none=0 EXEC{invocation 0 says executionSuccessful: "
     "false}]"},
    {"sarif-sdk__CisCatConverter-ValidResults.sarif",
     "OK runs=1 [CisCat results=1 absent=0 sup=0 none=0 high=1]"},
    {"sarif-sdk__ClangTidyConverter-ValidResults.sarif",
     "OK runs=1 [Clang-Tidy results=6 absent=0 sup=0 none=0 warning=6]"},
    {"sarif-sdk__ContrastSecurity-WebGoat.xml.sarif",
     "OK runs=1 [Contrast Security results=30 absent=0 sup=0 none=0 error=11 note=7 warning=12]"},
    {"sarif-sdk__CppCheck_issueLog1_raw.xml.sarif",
     "OK runs=1 [CppCheck results=188 absent=0 sup=0 none=0 warning=188]"},
    {"sarif-sdk__CweGhasSample.sarif",
     "OK runs=1 [CweSamplerScanner results=7 absent=0 sup=0 none=0 critical=1 high=4 medium=2]"},
    {"sarif-sdk__FileNameOnlyWithoutPath.sarif",
     "OK runs=1 [Trivy results=2 absent=0 sup=0 none=0 error=2]"},
    {"sarif-sdk__FlawFinderConverter-ValidResults.sarif",
     "OK runs=1 [Flawfinder results=3 absent=0 sup=0 none=0 error=2 note=1]"},
    {"sarif-sdk__FortifyFpr-OneResultWithTwoTraces.fpr.sarif",
     "OK runs=1 [Micro Focus Fortify Static Code Analyzer results=1 absent=0 sup=0 none=0 "
     "warning=1]"},
    {"sarif-sdk__HdfConverter-ValidResults.sarif",
     "OK runs=1 [Heimdall Tools results=166 absent=0 sup=0 none=0 high=43 low=91 medium=32]"},
    {"sarif-sdk__InvocationOverridesRuleDefaultConfigurationOfError.sarif",
     "OK runs=1 [FailureLevelRoundtrippingTester results=5 absent=0 sup=0 none=2 error=1 note=1 "
     "warning=1]"},
    {"sarif-sdk__LocationId_BigInteger.sarif",
     "OK runs=1 [mobsfscan results=1 absent=0 sup=0 none=0 note=1]"},
    {"sarif-sdk__MSBuild-SomeErrors.txt.sarif",
     "OK runs=1 [MSBuild results=7 absent=0 sup=0 none=0 error=4 note=1 warning=2]"},
    {"sarif-sdk__NessusConverter-ValidResults.sarif",
     "OK runs=2 [Nessus results=1 absent=0 sup=0 none=0 low=1] [Nessus results=1 absent=0 sup=0 "
     "none=0 critical=1]"},
    {"sarif-sdk__NewAndOldResults.sarif",
     "OK runs=1 [WorkItemFiler testing results=4 absent=1 sup=0 none=0 error=4]"},
    {"sarif-sdk__NoRuleDefaultConfiguration.sarif",
     "OK runs=1 [FailureLevelRoundtrippingTester results=5 absent=0 sup=0 none=2 error=1 note=1 "
     "warning=1]"},
    {"sarif-sdk__Pylint-01.json.sarif",
     "OK runs=1 [Pylint results=72 absent=0 sup=0 none=0 warning=72]"},
    {"sarif-sdk__StaticDriverVerifier-checkadddevice_bug1.tt.sarif",
     "OK runs=1 [StaticDriverVerifier results=1 absent=0 sup=0 none=1]"},
    {"sarif-sdk__SuppressionTestCurrent.sarif",
     "OK runs=1 [CodeScanner results=4 absent=0 sup=3 none=0 warning=1]"},
    {"sarif-sdk__TEST1007.ValidateBaseline.LessResultsThanBaseline.sarif",
     "OK runs=1 [SARIF Functional Testing results=30 absent=1 sup=0 none=0 error=23 note=5 "
     "warning=2]"},
    {"sarif-sdk__elfie-arriba-utf8-bom.sarif",
     "OK runs=1 [Spam results=5 absent=0 sup=0 none=0 warning=5]"},
    {"sarif-sdk__multitool-validate-SARIF2012.ProvideRuleProperties_Invalid.sarif",
     "OK runs=1 [SARIF Functional Testing results=3 absent=0 sup=0 none=0 note=3]"},
    {"sarif-vscode-extension__rulesExtensions.sarif",
     "OK runs=1 [CodeQL results=5 absent=0 sup=0 none=0 warning=5]"},
    {"semgrep__test_sarif_output_include_nosemgrep-results.sarif",
     "OK runs=1 [Semgrep OSS results=2 absent=0 sup=1 none=0 error=1]"},
    {"semgrep__test_sarif_output_when_errors-results.sarif",
     "OK runs=1 [Semgrep OSS results=0 absent=0 sup=0 none=0 EXEC{tool execution error: File not "
     "found: targets/basic/inexistent.py}]"},
    {"semgrep__test_sarif_output_with_autofix-results.sarif",
     "OK runs=1 [Semgrep OSS results=2 absent=0 sup=0 none=0 error=2]"},
    {"semgrep__test_sarif_output_with_dataflow_traces-results.sarif",
     "OK runs=1 [Semgrep OSS results=1 absent=0 sup=0 none=0 warning=1]"},
    {"trivy__alpine-310.sarif.golden.sarif",
     "OK runs=1 [Trivy results=4 absent=0 sup=0 none=0 medium=4]"},
};

}  // namespace

TEST_CASE("sarif reader: every corpus file reads as a person would count it, or fails clearly",
          "[corpus]") {
  const auto corpus = testing::corpus_dir();
  REQUIRE(corpus);  // the test main skips [corpus] tests when the corpus is absent
  const auto dir = *corpus / "sarif";
  std::set<std::string> listed;
  for (const auto& c : k_corpus) {
    listed.insert(c.file);
    INFO(c.file << (c.why[0] ? std::string(" -- ") + c.why : std::string()));
    CHECK(read_described(dir, c.file) == c.expected);
  }
  // A new corpus file must be judged here too.
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    INFO("corpus file without an expectation: " << entry.path().filename().string());
    CHECK(listed.count(entry.path().filename().string()) == 1);
  }
}

TEST_CASE("sarif reader: the security gate errors on a corpus run that determined no results",
          "[corpus]") {
  const auto corpus = testing::corpus_dir();
  REQUIRE(corpus);  // the test main skips [corpus] tests when the corpus is absent
  RepoContext repo;
  repo.root = (*corpus / "sarif").string();
  ChangeRecord change;
  const auto run = changegate::testing::run_gate(
      "id = \"s\"\nkind = \"security\"\nsarif = [\"bad__codeql-action__tool-names.sarif\"]\n",
      change, repo, 0);
  CHECK(run.result.status == Status::error);
  CHECK(run.result.problems.front() ==
        "bad__codeql-action__tool-names.sarif: run 0 (CodeQL command-line toolchain) has no "
        "results array: the tool did not determine its results");
}

TEST_CASE("sarif reader: the gate errors on the corpus runs that did not execute cleanly",
          "[corpus]") {
  const auto corpus = testing::corpus_dir();
  REQUIRE(corpus);  // the test main skips [corpus] tests when the corpus is absent
  RepoContext repo;
  repo.root = (*corpus / "sarif").string();
  ChangeRecord change;
  for (const char* file :
       {"pmd__expected-error.sarif.json.sarif",
        "semgrep__test_sarif_output_when_errors-results.sarif",
        "bad__sarif-sdk__SARIF1009.IndexPropertiesMustBeConsistentWithArrays_Invalid.sarif"}) {
    INFO(file);
    const auto run = changegate::testing::run_gate(
        "id = \"s\"\nkind = \"security\"\nfail_on = \"critical\"\nsarif = [\"" + std::string(file) +
            "\"]\n",
        change, repo, 0);
    CHECK(run.result.status == Status::error);
  }
}

TEST_CASE("sarif reader: integers past 2^63 and a UTF-8 BOM are read") {
  LogSummary s;
  std::string err;
  REQUIRE(read_log_bytes(
      "\xEF\xBB\xBF{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, "
      "\"results\": [{\"ruleId\": \"r\", \"level\": \"error\", \"message\": {\"text\": \"m\"}, "
      "\"locations\": [{\"id\": 9223372036854775808}, {\"id\": "
      "123456789012345678901234567890}]}]}]}",
      "big.sarif", {}, &s, &err));
  CHECK(describe(s) == "OK runs=1 [x results=1 absent=0 sup=0 none=0 error=1]");
}

TEST_CASE("sarif reader: errors name the file, the line and the JSON path") {
  LogSummary s;
  std::string err;
  CHECK_FALSE(read_log_bytes(
      "{\"version\": \"2.1.0\",\n\"runs\": [{\"results\": [{\"level\": \"severe\"}]}]}", "a.sarif",
      {}, &s, &err));
  CHECK(err ==
        "a.sarif:2: runs[0].results[0].level is \"severe\", not a SARIF level (none, note, "
        "warning, error)");
  CHECK_FALSE(read_log_bytes("[1, 2]", "b.sarif", {}, &s, &err));
  CHECK(err == "b.sarif:1: not a SARIF log: the top level is not a JSON object");
  CHECK_FALSE(
      read_log_bytes("{\"version\": \"2.1.0\", \"runs\": [\"x\"]}", "c.sarif", {}, &s, &err));
  CHECK(err == "c.sarif:1: runs[0] is a string, expected an object");
  CHECK_FALSE(read_log_bytes("{\"version\": \"2.1.0\"}", "d.sarif", {}, &s, &err));
  CHECK(err == "d.sarif: not a SARIF log: no \"runs\" at the top level");
  CHECK_FALSE(read_log_bytes("", "e.sarif", {}, &s, &err));
  CHECK(err == "e.sarif:1: JSON syntax error: The document is empty. (byte 0)");
  CHECK_FALSE(read_log("/nonexistent/f.sarif", {}, &s, &err));
  CHECK(err == "/nonexistent/f.sarif: cannot read: No such file or directory");
}

TEST_CASE("sarif reader: deep nesting is refused, not a stack overflow") {
  LogSummary s;
  std::string err;
  const std::string deep =
      "{\"version\": \"2.1.0\", \"x\": " + std::string(5000, '[') + std::string(5000, ']') + "}";
  CHECK_FALSE(read_log_bytes(deep, "deep.sarif", {}, &s, &err));
  CHECK(err == "deep.sarif:1: JSON nested deeper than 1000 levels");
}

TEST_CASE("sarif reader: the evidence digest covers the exact bytes") {
  LogSummary s;
  std::string err;
  const std::string text = "{\"version\": \"2.1.0\", \"runs\": []}";
  REQUIRE(read_log_bytes(text, "a.sarif", {}, &s, &err));
  CHECK(s.bytes == text.size());
  CHECK(s.sha256.size() == 64);
}
