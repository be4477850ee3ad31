// Streaming reader for JUnit XML in all the dialects real tools write
// (Surefire, pytest, Jest, gotestsum, CTest, GoogleTest, PHPUnit, Bazel, ...).
// The file is read in chunks (on a second thread that also digests it) and
// parsed as it arrives, so memory does not grow with the report: each
// <testcase> is handed to a sink as soon as it closes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace changegate::junit {

enum class Outcome { passed, failed, errored, skipped };

// One <testcase>, with the dialect differences already resolved:
// - <failure>/<error> (or status="fail"/"failed"/"error"/"errored") -> failed/errored,
//   even when status="disabled" or a <skipped> is also present (never a false green);
// - <skipped>, status="notrun"/"disabled"/"skipped", GoogleTest result="suppressed"/"skipped"
//   -> skipped;
// - Surefire <flakyFailure>/<flakyError> on a passing case -> passed with flaky_reruns > 0;
// - Surefire <rerunFailure>/<rerunError> -> still failed (it failed every rerun);
// - <failure>/<error> directly under a <testsuite> (a setup that broke before any case
//   ran) -> a failed/errored case named "(suite setup)" whose classname is the suite name.
struct TestCase {
  std::string suite;      // innermost enclosing <testsuite name>
  std::string classname;  // may be empty
  std::string name;
  double seconds = 0;  // "time" attribute; 0 when absent or empty; may be negative
  // False when "time" could not be read as a number ("0,288", "<<computed>>"): the
  // duration is unknown (seconds is 0) and the report carries a warning.
  bool seconds_known = true;
  Outcome outcome = Outcome::passed;
  int flaky_reruns = 0;  // Surefire flakyFailure/flakyError children
  // Of the child that decided the outcome (the first failure/error, else the first
  // skipped): its message attribute, else the first non-blank line of its text,
  // trimmed. Capped where it is captured: past k_max_evidence_bytes it is cut on a
  // UTF-8 boundary and ends in " (truncated, N bytes)", N the full length.
  std::string message;
  std::string type;  // that child's type attribute, capped the same way
  // From the testcase's file/line attributes when it has either, else from the
  // deciding child's; line 0: none.
  std::string file;
  int line = 0;
  int report_line = 0;  // line of the <testcase> (for "(suite setup)": of the <failure>/<error>)
};

// The most of one captured evidence string (message, type) a test case keeps.
constexpr std::size_t k_max_evidence_bytes = 4096;

// A <testsuite> (or <testsuites>) whose declared counts stand with no <testcase>
// beneath it to show them: "tests=\"5\" failures=\"2\"" and nothing else.
struct DeclaredOnly {
  std::string suite;  // its name attribute, "" when it has none
  int line = 0;
  std::int64_t tests = 0, failures = 0, errors = 0;  // as declared; 0 when absent
};

// Receives every test case in document order.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void on_test_case(const TestCase& test_case) = 0;
};

// What the reader learnt about a whole file besides its cases.
struct ReportSummary {
  std::string root;                      // "testsuites" or "testsuite"
  std::vector<std::string> suite_names;  // every non-empty <testsuite name>, nested ones too,
                                         // in first-seen order, unique
  // The latest testsuites/testsuite/testcase "timestamp" as written ("" if none), compared
  // as instants by parse_timestamp() (gates/util/timestamp.h); values it cannot parse are ignored.
  std::string latest_timestamp;
  std::int64_t test_cases = 0;  // cases handed to the sink, "(suite setup)" ones too
  // Suites declaring tests, failures or errors with no test case beneath them (the
  // innermost such suite only), in document order.
  std::vector<DeclaredOnly> declared_only;
  // What was read but is doubtful, each "PATH:LINE: ...": a time that is not a
  // number, declared totals that disagree with the cases counted. At most
  // k_max_warnings are kept; warnings_not_listed counts the rest.
  std::vector<std::string> warnings;
  std::int64_t warnings_not_listed = 0;
  std::string sha256;  // hex digest of the file's bytes
  std::uint64_t bytes = 0;
};

constexpr std::size_t k_max_warnings = 20;

// Reads one JUnit XML file. Returns true on success and fills *summary. On failure
// returns false and sets *err to "PATH:LINE: what is wrong" (not well-formed XML, not
// JUnit, a DOCTYPE/entity declaration, a testcase without a name attribute, a testcase
// or testsuite inside a testcase) or "PATH: cannot
// open/read: ..."; cases already handed to the sink must then be discarded, and
// *summary is left unspecified. A time that is not a number ("2,503.1", "0,288",
// "<<computed>>") is not an error: the duration is unknown and the summary warns
// (negative times are read as written: they decide nothing). Never throws for bad input; an
// exception thrown by the sink propagates. summary and err may be null.
bool read_report(const std::string& path, Sink& sink, ReportSummary* summary, std::string* err);

// Which XML parser reads a report: `automatic` reads UTF-8 reports (no or a UTF-8
// encoding declared, plain XML declaration) with the fast tokenizer in
// checks/tests/xml_tokenizer.h and leaves every other one to expat; `expat` forces expat
// (the reference the differential fuzzer compares the tokenizer with).
enum class XmlEngine { automatic, expat };

// The same over bytes already in memory (used by the fuzzers and the tests); `display_name`
// stands for the path in errors.
bool read_report_bytes(const std::string& bytes, const std::string& display_name, Sink& sink,
                       ReportSummary* summary, std::string* err,
                       XmlEngine engine = XmlEngine::automatic);

}  // namespace changegate::junit
