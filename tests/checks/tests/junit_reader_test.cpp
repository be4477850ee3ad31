#include "checks/tests/junit_reader.h"

#include <catch2/catch.hpp>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "gates/util/sha256.h"
#include "tests/support/corpus.h"

namespace changegate::junit {
namespace {

struct CollectingSink : Sink {
  std::vector<TestCase> cases;
  void on_test_case(const TestCase& test_case) override { cases.push_back(test_case); }
};

struct ReadResult {
  bool ok = false;
  std::string err;
  ReportSummary summary;
  std::vector<TestCase> cases;
};

ReadResult read_xml(const std::string& xml) {
  CollectingSink sink;
  ReadResult result;
  result.ok = read_report_bytes(xml, "report.xml", sink, &result.summary, &result.err);
  result.cases = std::move(sink.cases);
  return result;
}

// The one case of a fixture that must read; fails the test otherwise.
TestCase read_one_case(const std::string& xml) {
  ReadResult result = read_xml(xml);
  INFO(result.err);
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 1);
  return result.cases[0];
}

std::string read_error(const std::string& xml) {
  ReadResult result = read_xml(xml);
  REQUIRE_FALSE(result.ok);
  return result.err;
}

// --- roots and well-formedness ----------------------------------------------

TEST_CASE("junit reader: a <testsuites> report yields each case with its suite, class and time",
          "[junit]") {
  // Expected: 2 cases, both passed, in document order, with line numbers.
  ReadResult result = read_xml(R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="math">
    <testcase classname="math.Add" name="adds" time="0.25"/>
    <testcase classname="math.Add" name="carries" time="1.5"></testcase>
  </testsuite>
</testsuites>)");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 2);
  CHECK(result.cases[0].suite == "math");
  CHECK(result.cases[0].classname == "math.Add");
  CHECK(result.cases[0].name == "adds");
  CHECK(result.cases[0].seconds == 0.25);
  CHECK(result.cases[0].outcome == Outcome::passed);
  CHECK(result.cases[0].report_line == 4);
  CHECK(result.cases[1].name == "carries");
  CHECK(result.cases[1].seconds == 1.5);
  CHECK(result.cases[1].report_line == 5);
  CHECK(result.summary.root == "testsuites");
  CHECK(result.summary.test_cases == 2);
}

TEST_CASE("junit reader: a bare <testsuite> root is a report of one suite", "[junit]") {
  // Expected: root "testsuite", 1 passed case in suite "solo".
  ReadResult result = read_xml(R"(<testsuite name="solo"><testcase name="t"/></testsuite>)");
  REQUIRE(result.ok);
  CHECK(result.summary.root == "testsuite");
  REQUIRE(result.cases.size() == 1);
  CHECK(result.cases[0].suite == "solo");
  CHECK(result.cases[0].classname.empty());
}

TEST_CASE("junit reader: a self-closing <testsuites/> is a report with no cases", "[junit]") {
  // Expected: success, 0 cases.
  ReadResult result = read_xml("<testsuites/>");
  REQUIRE(result.ok);
  CHECK(result.summary.test_cases == 0);
  CHECK(result.cases.empty());
}

TEST_CASE("junit reader: well-formed XML with another root is not a JUnit report", "[junit]") {
  // Expected: error naming the root element and its line.
  CHECK(read_error(R"(<?xml version="1.0"?>
<suites><suite name="x"><case name="y"/></suite></suites>)") ==
        "report.xml:2: not a JUnit report: root element <suites>");
}

TEST_CASE("junit reader: an empty file is not well-formed XML", "[junit]") {
  // Expected: expat's "no element found" on line 1.
  CHECK(read_error("") == "report.xml:1: not well-formed XML: no element found");
}

TEST_CASE("junit reader: plain text is not well-formed XML", "[junit]") {
  // Expected: expat's "syntax error" on line 1.
  CHECK(read_error("this is not an xml file\n") ==
        "report.xml:1: not well-formed XML: syntax error");
}

TEST_CASE("junit reader: a truncated report fails at the line where it stops", "[junit]") {
  // Expected: "no element found" on line 3, the last line written.
  CHECK(read_error("<testsuites>\n  <testsuite name=\"s\">\n    <testcase name=\"t\">") ==
        "report.xml:3: not well-formed XML: no element found");
}

TEST_CASE("junit reader: a report truncated inside CDATA fails as an unclosed CDATA section",
          "[junit]") {
  // Expected: "unclosed CDATA section" on line 3, where the input ends.
  CHECK(read_error("<testsuite name=\"s\"><testcase name=\"t\"><failure>\n<![CDATA[boom\nat x") ==
        "report.xml:3: not well-formed XML: unclosed CDATA section");
}

TEST_CASE("junit reader: a '<' inside an attribute value is not well-formed", "[junit]") {
  // Expected: "invalid token" on line 2 (an unescaped template placeholder).
  CHECK(read_error(
            "<testsuite name=\"s\">\n<testcase name=\"t\" time=\"<<computed>>\"/></testsuite>") ==
        "report.xml:2: not well-formed XML: not well-formed (invalid token)");
}

// --- entities ------------------------------------------------------------------

TEST_CASE("junit reader: an external entity in a DOCTYPE is rejected before it is resolved",
          "[junit]") {
  // Expected: the DOCTYPE error on line 2 and no case reaches the sink.
  ReadResult result = read_xml(R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE testsuite [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<testsuite name="s"><testcase name="&secret;"/></testsuite>)");
  CHECK_FALSE(result.ok);
  CHECK(result.err ==
        "report.xml:2: DOCTYPE declarations are not allowed in JUnit reports (external entities)");
  CHECK(result.cases.empty());
}

TEST_CASE("junit reader: an entity-expansion bomb is rejected at its DOCTYPE", "[junit]") {
  // Expected: the DOCTYPE error on line 1, without expanding anything.
  CHECK(read_error(R"(<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>
<testsuite name="&lol3;"/>)") ==
        "report.xml:1: DOCTYPE declarations are not allowed in JUnit reports (external entities)");
}

TEST_CASE("junit reader: even a DOCTYPE without declarations is rejected", "[junit]") {
  // Expected: the DOCTYPE error on line 2.
  CHECK(read_error("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuites>\n<testsuites/>") ==
        "report.xml:2: DOCTYPE declarations are not allowed in JUnit reports (external entities)");
}

TEST_CASE("junit reader: the five predefined entities and character references are decoded",
          "[junit]") {
  // Expected: name and message with the decoded characters.
  TestCase test_case = read_one_case(R"(<testsuite name="s">
<testcase name="a &lt; b &amp;&amp; &quot;c&quot; &gt; &apos;d&apos;">
<failure message="line1&#10;line2&#x21;"/></testcase></testsuite>)");
  CHECK(test_case.name == "a < b && \"c\" > 'd'");
  CHECK(test_case.message == "line1\nline2!");
}

// --- structure -----------------------------------------------------------------

TEST_CASE("junit reader: nested testsuites at any depth give each case its innermost suite",
          "[junit]") {
  // Expected: 3 cases in suites inner, middle, outer; names unique in first-seen order.
  ReadResult result = read_xml(R"(<testsuites>
  <testsuite name="outer">
    <testsuite name="middle">
      <testsuite name="inner"><testcase name="deep"/></testsuite>
      <testcase name="mid"/>
    </testsuite>
    <testcase name="top"/>
    <testsuite name="middle"/>
  </testsuite>
</testsuites>)");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 3);
  CHECK(result.cases[0].suite == "inner");
  CHECK(result.cases[1].suite == "middle");
  CHECK(result.cases[2].suite == "outer");
  CHECK(result.summary.suite_names == std::vector<std::string>{"outer", "middle", "inner"});
}

TEST_CASE("junit reader: a testcase directly under <testsuites> has an empty suite", "[junit]") {
  // Expected: 1 passed case with suite "".
  TestCase test_case = read_one_case(R"(<testsuites><testcase name="loose"/></testsuites>)");
  CHECK(test_case.suite.empty());
  CHECK(test_case.outcome == Outcome::passed);
}

TEST_CASE("junit reader: unnamed suites are left out of the suite names", "[junit]") {
  // Expected: suite_names holds only "named".
  ReadResult result = read_xml(
      R"(<testsuites><testsuite><testcase name="a"/></testsuite><testsuite name="named"/></testsuites>)");
  REQUIRE(result.ok);
  CHECK(result.summary.suite_names == std::vector<std::string>{"named"});
}

TEST_CASE(
    "junit reader: a <failure> directly under a testsuite becomes a failed (suite setup) case",
    "[junit]") {
  // Expected: one failed case "(suite setup)" classed as the suite, at the failure's line.
  TestCase test_case = read_one_case(R"(<testsuite name="db.Tests" tests="0">
  <properties/>
  <failure message="could not connect" type="SetupError">stack</failure>
</testsuite>)");
  CHECK(test_case.name == "(suite setup)");
  CHECK(test_case.classname == "db.Tests");
  CHECK(test_case.suite == "db.Tests");
  CHECK(test_case.outcome == Outcome::failed);
  CHECK(test_case.message == "could not connect");
  CHECK(test_case.type == "SetupError");
  CHECK(test_case.report_line == 3);
}

TEST_CASE("junit reader: an <error> directly under a nested testsuite becomes an errored case",
          "[junit]") {
  // Expected: 2 cases: the errored "(suite setup)" of "inner" (message from its text), then "ok".
  ReadResult result = read_xml(R"(<testsuites><testsuite name="outer">
  <testsuite name="inner">
    <error>
      java.lang.NoClassDefFoundError: Foo
      at Bar
    </error>
  </testsuite>
  <testcase name="ok"/>
</testsuite></testsuites>)");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 2);
  CHECK(result.cases[0].name == "(suite setup)");
  CHECK(result.cases[0].classname == "inner");
  CHECK(result.cases[0].outcome == Outcome::errored);
  CHECK(result.cases[0].message == "java.lang.NoClassDefFoundError: Foo");
  CHECK(result.cases[1].name == "ok");
  CHECK(result.summary.test_cases == 2);
}

TEST_CASE("junit reader: a testcase nested inside a testcase is rejected", "[junit]") {
  // Expected: error at the inner testcase's line naming the outer one.
  CHECK(read_error(R"(<testsuite name="s"><testcase name="outer">
<testcase name="inner"><failure/></testcase></testcase></testsuite>)") ==
        "report.xml:2: <testcase> inside testcase \"outer\"");
}

// --- outcomes ------------------------------------------------------------------

TEST_CASE("junit reader: <failure>, <error> and <skipped> children decide the outcome", "[junit]") {
  // Expected: failed, errored, skipped with their messages and types.
  ReadResult result = read_xml(R"(<testsuite name="s">
<testcase name="f"><failure message="expected 1" type="AssertionError">trace</failure></testcase>
<testcase name="e"><error message="boom" type="RuntimeError"/></testcase>
<testcase name="k"><skipped message="not on linux"/></testcase>
</testsuite>)");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 3);
  CHECK(result.cases[0].outcome == Outcome::failed);
  CHECK(result.cases[0].message == "expected 1");
  CHECK(result.cases[0].type == "AssertionError");
  CHECK(result.cases[1].outcome == Outcome::errored);
  CHECK(result.cases[1].message == "boom");
  CHECK(result.cases[1].type == "RuntimeError");
  CHECK(result.cases[2].outcome == Outcome::skipped);
  CHECK(result.cases[2].message == "not on linux");
}

TEST_CASE("junit reader: a case with both <skipped> and <failure> is failed", "[junit]") {
  // Expected: failed, with the failure's message, not the skip's.
  TestCase test_case = read_one_case(R"(<testsuite name="s"><testcase name="t">
<skipped message="skip reason"/><failure message="real failure"/>
</testcase></testsuite>)");
  CHECK(test_case.outcome == Outcome::failed);
  CHECK(test_case.message == "real failure");
}

TEST_CASE("junit reader: the first of <failure> and <error> decides when a case has both",
          "[junit]") {
  // Expected: failed (the <failure> comes first).
  TestCase test_case = read_one_case(R"(<testsuite name="s"><testcase name="t">
<failure message="assert"/><error message="teardown"/></testcase></testsuite>)");
  CHECK(test_case.outcome == Outcome::failed);
  CHECK(test_case.message == "assert");
}

TEST_CASE("junit reader: status=disabled with a <failure> child is still failed", "[junit]") {
  // Expected: failed (never a false green).
  TestCase test_case = read_one_case(
      R"(<testsuite name="s"><testcase name="t" status="disabled"><failure/></testcase></testsuite>)");
  CHECK(test_case.outcome == Outcome::failed);
}

TEST_CASE("junit reader: a failing status without a child still counts", "[junit]") {
  // Expected: fail/failed -> failed, error/errored -> errored, whatever the letter case.
  const std::vector<std::pair<std::string, Outcome>> statuses = {{"fail", Outcome::failed},
                                                                 {"failed", Outcome::failed},
                                                                 {"FAILED", Outcome::failed},
                                                                 {"error", Outcome::errored},
                                                                 {"errored", Outcome::errored}};
  for (const auto& [status, outcome] : statuses) {
    INFO("status=" << status);
    TestCase test_case = read_one_case(R"(<testsuite name="s"><testcase name="t" status=")" +
                                       status + R"("/></testsuite>)");
    CHECK(test_case.outcome == outcome);
  }
}

TEST_CASE("junit reader: a failing status beats a <skipped> child", "[junit]") {
  // Expected: failed.
  TestCase test_case = read_one_case(
      R"(<testsuite name="s"><testcase name="t" status="failed"><skipped/></testcase></testsuite>)");
  CHECK(test_case.outcome == Outcome::failed);
}

TEST_CASE("junit reader: not-run statuses and GoogleTest results mean skipped", "[junit]") {
  // Expected: every attribute below -> skipped.
  for (const std::string attributes :
       {R"(status="notrun")", R"(status="disabled")", R"(status="skipped")",
        R"(status="run" result="suppressed")", R"(status="run" result="skipped")"}) {
    INFO(attributes);
    TestCase test_case = read_one_case(R"(<testsuite name="s"><testcase name="t" )" + attributes +
                                       R"(/></testsuite>)");
    CHECK(test_case.outcome == Outcome::skipped);
  }
}

TEST_CASE("junit reader: status=run with result=completed is passed", "[junit]") {
  // Expected: passed.
  TestCase test_case = read_one_case(
      R"(<testsuite name="s"><testcase name="t" status="run" result="completed"/></testsuite>)");
  CHECK(test_case.outcome == Outcome::passed);
}

TEST_CASE("junit reader: Surefire flaky reruns of a passing case leave it passed but counted",
          "[junit]") {
  // Expected: passed, flaky_reruns 2 (one flakyFailure, one flakyError), no message.
  TestCase test_case = read_one_case(R"(<testsuite name="s"><testcase name="t">
<flakyFailure message="first try" type="AssertionError"><stackTrace>at X</stackTrace></flakyFailure>
<flakyError message="second try"/>
</testcase></testsuite>)");
  CHECK(test_case.outcome == Outcome::passed);
  CHECK(test_case.flaky_reruns == 2);
  CHECK(test_case.message.empty());
}

TEST_CASE("junit reader: Surefire rerun failures keep a case failed", "[junit]") {
  // Expected: failed with the first <failure>'s message; reruns are not flaky passes.
  TestCase test_case = read_one_case(R"(<testsuite name="s"><testcase name="t">
<failure message="run 1"/><rerunFailure message="run 2"/><rerunFailure message="run 3"/>
</testcase></testsuite>)");
  CHECK(test_case.outcome == Outcome::failed);
  CHECK(test_case.message == "run 1");
  CHECK(test_case.flaky_reruns == 0);
}

TEST_CASE("junit reader: a lone rerunFailure or rerunError still fails the case", "[junit]") {
  // Expected: failed, then errored.
  ReadResult result = read_xml(R"(<testsuite name="s">
<testcase name="a"><rerunFailure message="again"/></testcase>
<testcase name="b"><rerunError message="again"/></testcase></testsuite>)");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 2);
  CHECK(result.cases[0].outcome == Outcome::failed);
  CHECK(result.cases[0].message == "again");
  CHECK(result.cases[1].outcome == Outcome::errored);
}

TEST_CASE("junit reader: a flaky rerun next to a real failure is still failed", "[junit]") {
  // Expected: failed, flaky_reruns 1.
  TestCase test_case = read_one_case(R"(<testsuite name="s"><testcase name="t">
<flakyFailure/><failure message="for real"/></testcase></testsuite>)");
  CHECK(test_case.outcome == Outcome::failed);
  CHECK(test_case.flaky_reruns == 1);
}

// --- time ------------------------------------------------------------------------

TEST_CASE("junit reader: time accepts exponent form and huge values as written", "[junit]") {
  // Expected: 1E-07, 4.5e-05 and a nanosecond count read as seconds, unchanged.
  ReadResult result = read_xml(R"(<testsuite name="s" time="2.5E+1">
<testcase name="a" time="1E-07"/><testcase name="b" time="4.5e-05"/>
<testcase name="c" time="1967986371"/><testcase name="d" time=" 3 "/></testsuite>)");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 4);
  CHECK(result.cases[0].seconds == 1e-07);
  CHECK(result.cases[1].seconds == 4.5e-05);
  CHECK(result.cases[2].seconds == 1967986371.0);
  CHECK(result.cases[3].seconds == 3.0);
}

TEST_CASE("junit reader: an absent or empty time reads as zero", "[junit]") {
  // Expected: both cases 0 seconds.
  ReadResult result = read_xml(
      R"(<testsuite name="s" time=""><testcase name="a"/><testcase name="b" time=""/></testsuite>)");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 2);
  CHECK(result.cases[0].seconds == 0.0);
  CHECK(result.cases[1].seconds == 0.0);
}

TEST_CASE("junit reader: negative times are read as written", "[junit]") {
  // Expected: -345345 s and -0.001 s (clock steps; they decide nothing), "-0" as 0.
  ReadResult result = read_xml(R"(<testsuites><testsuite name="s" time="-2.5">
<testcase classname="C" name="x" time="-345345"/><testcase name="y" time="-1e-3"/>
<testcase name="z" time="-0"/></testsuite></testsuites>)");
  INFO(result.err);
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 3);
  CHECK(result.cases[0].seconds == -345345.0);
  CHECK(result.cases[1].seconds == -0.001);
  CHECK(result.cases[2].seconds == 0.0);
  CHECK_FALSE(std::signbit(result.cases[2].seconds));
}

TEST_CASE("junit reader: a testsuite time with a thousands separator is unknown, with a warning",
          "[junit]") {
  // Expected: read, its case kept, one warning at the testsuite's line quoting the value.
  const ReadResult result = read_xml(R"(<testsuites>
<testsuite name="fs" time="2,503.1"><testcase name="t"/></testsuite></testsuites>)");
  REQUIRE(result.ok);
  CHECK(result.cases.size() == 1);
  CHECK(result.summary.warnings ==
        std::vector<std::string>{"report.xml:2: testsuite \"fs\": time \"2,503.1\" is not a "
                                 "number; its duration is unknown"});
}

TEST_CASE("junit reader: a decimal comma in a testcase time leaves its duration unknown",
          "[junit]") {
  // Expected: the passing case reads as passed with an unknown duration, and a warning;
  // the report is not an error (publish-unit-test-result-action's testcase3 writes "0,288").
  const ReadResult result =
      read_xml(R"(<testsuite name="s"><testcase name="x" time="0,288"/></testsuite>)");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 1);
  CHECK(result.cases[0].outcome == Outcome::passed);
  CHECK_FALSE(result.cases[0].seconds_known);
  CHECK(result.cases[0].seconds == 0);
  CHECK(result.summary.warnings ==
        std::vector<std::string>{"report.xml:1: testcase \"x\": time \"0,288\" is not a number; "
                                 "its duration is unknown"});
}

TEST_CASE("junit reader: an escaped template placeholder as time is unknown, with a warning",
          "[junit]") {
  // Expected: read; the warning quotes the decoded placeholder.
  const ReadResult result = read_xml(R"(<testsuite name="s">
<testcase name="x" time="&lt;&lt;computed&gt;&gt;"/></testsuite>)");
  REQUIRE(result.ok);
  CHECK(result.summary.warnings ==
        std::vector<std::string>{"report.xml:2: testcase \"x\": time \"<<computed>>\" is not a "
                                 "number; its duration is unknown"});
}

TEST_CASE("junit reader: time refuses what strtod alone would take", "[junit]") {
  // Expected: every value below leaves the duration unknown, with a warning.
  for (const std::string time :
       {"inf", "nan", "0x10", "1e", "1.5s", ".", "-", "-inf", "1e999", "-1e999"}) {
    INFO("time=" << time);
    const ReadResult result =
        read_xml(R"(<testsuite name="s"><testcase name="x" time=")" + time + R"("/></testsuite>)");
    REQUIRE(result.ok);
    REQUIRE(result.cases.size() == 1);
    CHECK_FALSE(result.cases[0].seconds_known);
    CHECK(result.summary.warnings ==
          std::vector<std::string>{"report.xml:1: testcase \"x\": time \"" + time +
                                   "\" is not a number; its duration is unknown"});
  }
}

TEST_CASE("junit reader: warnings stop at twenty per report and count the rest", "[junit]") {
  // Expected: 25 unreadable times give 20 warnings and warnings_not_listed 5.
  std::string xml = "<testsuite name=\"s\">";
  for (int i = 0; i < 25; ++i) xml += "<testcase name=\"t\" time=\"1,5\"/>";
  const ReadResult result = read_xml(xml + "</testsuite>");
  REQUIRE(result.ok);
  CHECK(result.summary.warnings.size() == 20);
  CHECK(result.summary.warnings_not_listed == 5);
}

TEST_CASE("junit reader: time gives exactly what strtod gives for plain decimals", "[junit]") {
  // Expected: no mismatch over 20,000 decimals of 1 to 17 digits (both sides of the
  // 15-digit fast path), e.g. "2.4729", "0.000000001", "1234567.89012345".
  std::string xml = "<testsuite name=\"s\">";
  std::vector<std::string> times;
  std::uint64_t state = 88172645463325252u;  // xorshift64: a fixed, portable sequence
  for (int n = 0; n < 20000; ++n) {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    std::string digits = std::to_string(state).substr(0, 1 + state % 17);
    const std::size_t point = (state >> 8) % (digits.size() + 1);
    times.push_back(point == digits.size() ? digits
                                           : digits.substr(0, point) + "." + digits.substr(point));
    xml += "<testcase name=\"t\" time=\"" + times.back() + "\"/>";
  }
  ReadResult result = read_xml(xml + "</testsuite>");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == times.size());
  std::vector<std::string> mismatches;
  for (std::size_t n = 0; n < times.size(); ++n)
    if (result.cases[n].seconds != std::strtod(times[n].c_str(), nullptr))
      mismatches.push_back(times[n]);
  CHECK(mismatches.empty());
}

TEST_CASE("junit reader: time is read on the C locale whatever the process locale", "[junit]") {
  // Expected: "1.5" is 1.5 and "1,5" unknown even under a decimal-comma locale.
  const char* locale = nullptr;
  for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"})
    if ((locale = std::setlocale(LC_NUMERIC, name))) break;
  if (!locale) {
    WARN("no decimal-comma locale installed; only the C locale is checked");
  }
  CHECK(
      read_one_case(R"(<testsuite name="s"><testcase name="x" time="1.5"/></testsuite>)").seconds ==
      1.5);
  CHECK_FALSE(read_one_case(R"(<testsuite name="s"><testcase name="x" time="1,5"/></testsuite>)")
                  .seconds_known);
  std::setlocale(LC_NUMERIC, "C");
}

// --- names -----------------------------------------------------------------------

TEST_CASE("junit reader: a testcase without a name attribute is an error", "[junit]") {
  // Expected: error at that testcase's line.
  CHECK(read_error(R"(<testsuites><testsuite>
<testcase classname="C" name="fine"/>
<testcase classname="C"/></testsuite></testsuites>)") ==
        "report.xml:3: testcase without a name attribute");
}

TEST_CASE("junit reader: an empty testcase name is allowed", "[junit]") {
  // Expected: a failed case with name "" (a JUnit 5 @BeforeAll failure).
  TestCase test_case = read_one_case(
      R"(<testsuite name="s"><testcase name="" classname="C"><failure/></testcase></testsuite>)");
  CHECK(test_case.name.empty());
  CHECK(test_case.outcome == Outcome::failed);
}

// --- messages and locations ------------------------------------------------------

TEST_CASE("junit reader: without a message attribute the first non-blank body line is the message",
          "[junit]") {
  // Expected: "AssertionError: boom", trimmed, later lines dropped.
  TestCase test_case = read_one_case(R"(<testsuite name="s"><testcase name="t"><failure>

     AssertionError: boom   
  at Foo.bar(Foo.java:1)
</failure></testcase></testsuite>)");
  CHECK(test_case.message == "AssertionError: boom");
}

TEST_CASE("junit reader: an empty message attribute falls back to the body", "[junit]") {
  // Expected: message from the CDATA body.
  TestCase test_case = read_one_case(
      R"(<testsuite name="s"><testcase name="t"><skipped message=""><![CDATA[
skipped: needs GPU
more]]></skipped></testcase></testsuite>)");
  CHECK(test_case.outcome == Outcome::skipped);
  CHECK(test_case.message == "skipped: needs GPU");
}

TEST_CASE("junit reader: a message attribute is kept as written", "[junit]") {
  // Expected: the attribute, line breaks included; the body is ignored.
  TestCase test_case = read_one_case(R"(<testsuite name="s"><testcase name="t">
<failure message="file.cpp:6&#x0A;Expected equality">body line</failure></testcase></testsuite>)");
  CHECK(test_case.message == "file.cpp:6\nExpected equality");
}

TEST_CASE("junit reader: a body-line message is cut to 4096 bytes on a UTF-8 boundary", "[junit]") {
  // Expected: 4095 'a' + no half of the 2-byte "é" that would straddle byte 4096, then
  // the note with the line's full length (4095 + 2 + 5000 bytes).
  const std::string line = std::string(4095, 'a') + "\xC3\xA9" + std::string(5000, 'b');
  TestCase test_case = read_one_case("<testsuite name=\"s\"><testcase name=\"t\"><failure>" + line +
                                     "\nsecond</failure></testcase></testsuite>");
  CHECK(test_case.message == std::string(4095, 'a') + " (truncated, 9097 bytes)");
}

TEST_CASE("junit reader: a body line of exactly 4096 bytes is kept whole", "[junit]") {
  // Expected: the line as written, no note.
  const std::string line(4096, 'c');
  CHECK(read_one_case("<testsuite name=\"s\"><testcase name=\"t\"><failure>" + line +
                      "</failure></testcase></testsuite>")
            .message == line);
}

TEST_CASE("junit reader: a huge single-line body costs one 4 KiB message", "[junit]") {
  // Expected: a 4 MiB body spread over many chunks gives 4096 bytes and the note.
  const std::string body(4 << 20, 'x');
  TestCase test_case =
      read_one_case("<testsuite name=\"s\"><testcase name=\"t\"><error>" + body +
                    "</error><system-out>" + body + "</system-out></testcase></testsuite>");
  CHECK(test_case.outcome == Outcome::errored);
  CHECK(test_case.message == std::string(4096, 'x') + " (truncated, 4194304 bytes)");
}

TEST_CASE("junit reader: a huge message attribute is capped where it is read", "[junit]") {
  // Expected: a 1 MiB message and a 10 KiB type each keep 4096 bytes and say how long
  // they were; a short message next to them stays as written.
  const std::string message(1 << 20, 'm');
  const ReadResult result =
      read_xml("<testsuite name=\"s\"><testcase name=\"t\"><failure message=\"" + message +
               "\" type=\"" + std::string(10240, 'T') +
               "\"/></testcase><testcase name=\"u\"><failure "
               "message=\"short\"/></testcase></testsuite>");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 2);
  CHECK(result.cases[0].message == std::string(4096, 'm') + " (truncated, 1048576 bytes)");
  CHECK(result.cases[0].type == std::string(4096, 'T') + " (truncated, 10240 bytes)");
  CHECK(result.cases[1].message == "short");
}

TEST_CASE("junit reader: text of nested elements and system-out never becomes the message",
          "[junit]") {
  // Expected: empty message (the only text is inside <stackTrace> and <system-out>).
  TestCase test_case = read_one_case(R"(<testsuite name="s"><testcase name="t">
<system-out>printed</system-out><failure><stackTrace>at X</stackTrace></failure>
</testcase></testsuite>)");
  CHECK(test_case.outcome == Outcome::failed);
  CHECK(test_case.message.empty());
}

TEST_CASE("junit reader: file and line come from the testcase, else from the failure", "[junit]") {
  // Expected: case a from its own attributes, case b from its failure's (Catch2 style).
  ReadResult result = read_xml(R"xml(<testsuite name="s">
<testcase name="a" file="test_a.py" line="12"><failure file="other.py" line="99"/></testcase>
<testcase name="b"><failure file="b.cpp" line="19" message="REQUIRE(v == 1)"/></testcase>
<testcase name="c" line="not-a-number"/>
</testsuite>)xml");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 3);
  CHECK(result.cases[0].file == "test_a.py");
  CHECK(result.cases[0].line == 12);
  CHECK(result.cases[1].file == "b.cpp");
  CHECK(result.cases[1].line == 19);
  CHECK(result.cases[2].line == 0);
}

// --- encodings -------------------------------------------------------------------

TEST_CASE("junit reader: a UTF-8 byte order mark is accepted", "[junit]") {
  // Expected: 1 case, name in UTF-8.
  TestCase test_case = read_one_case(
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites><testsuite name=\"s\"><testcase "
      "name=\"\xC3\xA9t\xC3\xA9\"/></testsuite></testsuites>");
  CHECK(test_case.name == "\xC3\xA9t\xC3\xA9");
}

TEST_CASE("junit reader: an ISO-8859-1 report is converted to UTF-8", "[junit]") {
  // Expected: the Latin-1 byte 0xE9 arrives as UTF-8 "é".
  TestCase test_case = read_one_case(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
      "<testsuite name=\"s\"><testcase name=\"caf\xE9\"/></testsuite>");
  CHECK(test_case.name == "caf\xC3\xA9");
}

// --- summary ---------------------------------------------------------------------

TEST_CASE(
    "junit reader: the summary counts cases, digests the bytes and keeps the latest timestamp",
    "[junit]") {
  // Expected: 3 cases, suites a and b once each; the latest instant is 12:27:11-01:00
  // (13:27:11 UTC), kept as written though a later string sorts after it.
  const std::string xml = R"(<testsuites timestamp="2024-01-03T11:23:00.00">
<testsuite name="a" timestamp="2024-01-03T 12:40:13"><testcase name="t1" timestamp="not a date"/></testsuite>
<testsuite name="b" timestamp="2024-01-03T12:27:11.21-01:00"><testcase name="t2"/></testsuite>
<testsuite name="a" timestamp="2024-01-03 12:27:54Z"><testcase name="t3" timestamp="2024-01-03"/></testsuite>
</testsuites>)";
  ReadResult result = read_xml(xml);
  REQUIRE(result.ok);
  CHECK(result.summary.test_cases == 3);
  CHECK(result.summary.suite_names == std::vector<std::string>{"a", "b"});
  CHECK(result.summary.latest_timestamp == "2024-01-03T12:27:11.21-01:00");
  CHECK(result.summary.bytes == xml.size());
  CHECK(result.summary.sha256 == sha256_hex(xml));
}

TEST_CASE("junit reader: within one second the later fraction is the latest timestamp", "[junit]") {
  // Expected: the .514 stamp, though it comes between the other two.
  ReadResult result = read_xml(R"(<testsuites>
<testsuite name="a" timestamp="2024-12-02T20:06:10.512+00:00"/>
<testsuite name="b" timestamp="2024-12-02T20:06:10.514+00:00"/>
<testsuite name="c" timestamp="2024-12-02T20:06:10.513+00:00"/></testsuites>)");
  REQUIRE(result.ok);
  CHECK(result.summary.latest_timestamp == "2024-12-02T20:06:10.514+00:00");
}

TEST_CASE("junit reader: unparseable timestamps leave the latest timestamp empty", "[junit]") {
  // Expected: "".
  ReadResult result = read_xml(R"(<testsuite name="s" timestamp="yesterday"/>)");
  REQUIRE(result.ok);
  CHECK(result.summary.latest_timestamp.empty());
}

TEST_CASE("junit reader: summary and err may be null", "[junit]") {
  // Expected: no crash either way; the return value still tells.
  CollectingSink sink;
  CHECK(read_report_bytes("<testsuite name=\"s\"/>", "r.xml", sink, nullptr, nullptr));
  CHECK_FALSE(read_report_bytes("<nope/>", "r.xml", sink, nullptr, nullptr));
}

TEST_CASE("junit reader: an exception thrown by the sink propagates", "[junit]") {
  // Expected: the sink's std::runtime_error reaches the caller.
  struct ThrowingSink : Sink {
    void on_test_case(const TestCase&) override { throw std::runtime_error("sink is full"); }
  } sink;
  CHECK_THROWS_WITH(read_report_bytes(R"(<testsuite name="s"><testcase name="t"/></testsuite>)",
                                      "r.xml", sink, nullptr, nullptr),
                    "sink is full");
}

// --- files ---------------------------------------------------------------------

TEST_CASE("junit reader: a file read in chunks gives what the same bytes in memory give",
          "[junit]") {
  // Expected: a ~3 MiB file (crossing 1 MiB chunk boundaries) matches read_report_bytes.
  std::string xml = "<testsuites>\n<testsuite name=\"big\">\n";
  for (int i = 0; i < 30000; ++i) {
    xml +=
        "<testcase classname=\"pkg.Class\" name=\"case_" + std::to_string(i) + "\" time=\"0.001\">";
    if (i % 1000 == 7)
      xml += "<failure>\nline one of " + std::to_string(i) + "\nline two</failure>";
    xml += "<system-out>some output that pads the file out</system-out></testcase>\n";
  }
  xml += "</testsuite>\n</testsuites>\n";
  REQUIRE(xml.size() > (3u << 20) - (1u << 19));
  const auto path = std::filesystem::temp_directory_path() / "changegate_junit_reader_test.xml";
  std::ofstream(path, std::ios::binary) << xml;

  CollectingSink from_file;
  ReportSummary file_summary;
  std::string err;
  const bool ok = read_report(path.string(), from_file, &file_summary, &err);
  std::filesystem::remove(path);
  INFO(err);
  REQUIRE(ok);
  ReadResult from_memory = read_xml(xml);
  REQUIRE(from_memory.ok);
  CHECK(file_summary.test_cases == 30000);
  CHECK(file_summary.bytes == xml.size());
  CHECK(file_summary.sha256 == from_memory.summary.sha256);
  auto verdicts = [](const std::vector<TestCase>& cases) {
    std::vector<std::string> out;
    for (const TestCase& c : cases)
      out.push_back(c.name + (c.outcome == Outcome::failed ? " failed: " : " ") + c.message);
    return out;
  };
  const std::vector<std::string> file_verdicts = verdicts(from_file.cases);
  CHECK(file_verdicts == verdicts(from_memory.cases));
  REQUIRE(file_verdicts.size() == 30000);
  CHECK(file_verdicts[7] == "case_7 failed: line one of 7");
  CHECK(file_verdicts[29007] == "case_29007 failed: line one of 29007");
}

TEST_CASE("junit reader: a missing file says it cannot be opened", "[junit]") {
  // Expected: "PATH: cannot open: No such file or directory".
  CollectingSink sink;
  std::string err;
  CHECK_FALSE(read_report("/nonexistent/report.xml", sink, nullptr, &err));
  CHECK(err == "/nonexistent/report.xml: cannot open: No such file or directory");
}

TEST_CASE("junit reader: a directory says it cannot be read", "[junit]") {
  // Expected: "PATH: cannot read: Is a directory".
  const std::string dir = std::filesystem::temp_directory_path().string();
  CollectingSink sink;
  std::string err;
  CHECK_FALSE(read_report(dir, sink, nullptr, &err));
  CHECK(err == dir + ": cannot read: Is a directory");
}

// --- declared counts ---------------------------------------------------------------

TEST_CASE("junit reader: a suite declaring failures with no testcase is reported as declared only",
          "[junit]") {
  // Expected: no cases, one DeclaredOnly {suite "s", line 2, tests 5, failures 2, errors 0}.
  const ReadResult result = read_xml(R"(<testsuites>
<testsuite name="s" tests="5" failures="2"/></testsuites>)");
  REQUIRE(result.ok);
  CHECK(result.cases.empty());
  REQUIRE(result.summary.declared_only.size() == 1);
  const DeclaredOnly& d = result.summary.declared_only[0];
  CHECK(d.suite == "s");
  CHECK(d.line == 2);
  CHECK(d.tests == 5);
  CHECK(d.failures == 2);
  CHECK(d.errors == 0);
}

TEST_CASE("junit reader: only the innermost empty suite with declared counts is reported",
          "[junit]") {
  // Expected: the <testsuites> totals repeat the inner suite's: reported once, as "inner".
  const ReadResult result = read_xml(
      R"(<testsuites tests="3" errors="1"><testsuite name="inner" tests="3" errors="1"></testsuite></testsuites>)");
  REQUIRE(result.ok);
  REQUIRE(result.summary.declared_only.size() == 1);
  CHECK(result.summary.declared_only[0].suite == "inner");
  CHECK(result.summary.declared_only[0].errors == 1);
}

TEST_CASE("junit reader: an empty suite declaring zero tests is not declared only", "[junit]") {
  // Expected: tests="0" failures="0" declares nothing to judge.
  const ReadResult result = read_xml(R"(<testsuite name="s" tests="0" failures="0"/>)");
  REQUIRE(result.ok);
  CHECK(result.summary.declared_only.empty());
  CHECK(result.summary.warnings.empty());
}

TEST_CASE("junit reader: declared totals that disagree with the cases are a warning only",
          "[junit]") {
  // Expected: both cases read as written; one warning at the suite's line.
  const ReadResult result = read_xml(R"(<testsuites>
<testsuite name="s" tests="3"><testcase name="a"/><testcase name="b"/></testsuite></testsuites>)");
  REQUIRE(result.ok);
  CHECK(result.cases.size() == 2);
  CHECK(result.summary.declared_only.empty());
  CHECK(result.summary.warnings ==
        std::vector<std::string>{
            "report.xml:2: testsuite \"s\" declares tests=\"3\" but holds 2 test cases; the "
            "cases decide"});
}

TEST_CASE("junit reader: declared failures beyond the failed cases are a warning only", "[junit]") {
  // Expected: the one passing case stays passed; the warning names the difference.
  const ReadResult result =
      read_xml(R"(<testsuite name="s" tests="1" failures="1"><testcase name="a"/></testsuite>)");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 1);
  CHECK(result.cases[0].outcome == Outcome::passed);
  CHECK(result.summary.warnings ==
        std::vector<std::string>{"report.xml:1: testsuite \"s\" declares 1 failure but holds 0 "
                                 "failed test cases; the cases decide"});
}

TEST_CASE("junit reader: matching declared totals give no warning", "[junit]") {
  // Expected: tests="2" failures="1" over two cases, one failed: nothing to say.
  const ReadResult result = read_xml(
      R"(<testsuites tests="2" failures="1"><testsuite name="s" tests="2" failures="1"><testcase name="a"/><testcase name="b"><failure/></testcase></testsuite></testsuites>)");
  REQUIRE(result.ok);
  CHECK(result.summary.warnings.empty());
}

// --- corpus ----------------------------------------------------------------------

struct CorpusCounts {
  std::int64_t cases;
  int failed;
  int errored;
};

TEST_CASE("junit reader: every corpus file reads, or fails with its name and line",
          "[junit][corpus]") {
  const auto corpus = testing::corpus_dir();
  REQUIRE(corpus);  // the test main skips [corpus] tests when the corpus is absent
  const std::filesystem::path dir = *corpus / "junit";

  // Counted by hand from the files (<testcase> elements, plus "(suite setup)" cases).
  const std::map<std::string, CorpusCounts> k_counts = {
      {"action-junit-report__nested-junit.xml", {5, 3, 0}},
      {"test-reporter__jest-test-results.xml", {4239, 2, 0}},
      {"publish-unit-test-result-action__tst-disabled.xml", {31, 19, 1}},
      {"local-ctest-3.25.1__ctest-junit.xml", {9, 3, 0}},
      {"junit-plugin__junit-report-1472.xml", {2653, 1, 0}},
      // test.3rdlevel has an <error> and no testcase: it becomes a third case.
      {"junit-plugin__junit-report-nested-testsuites.xml", {3, 0, 1}},
      // A hand-made Jenkins fixture full of negative durations: they are read as written.
      {"junit-plugin__junit-report-huge.xml", {7580, 19, 0}},
  };
  // Files that must not read, with the exact error after "PATH:".
  const std::map<std::string, std::string> k_rejected = {
      {"bad__action-junit-report__TEST-test.CorruptTest.xml",
       "18: not well-formed XML: unclosed CDATA section"},
      {"bad__action-junit-report__web-test-runner-expectedRetries.xml",
       "9: not well-formed XML: not well-formed (invalid token)"},
      {"bad__junit-plugin__testXxe-xxe.xml",
       "2: DOCTYPE declarations are not allowed in JUnit reports (external entities)"},
      {"bad__publish-unit-test-result-action__empty.xml",
       "1: not well-formed XML: no element found"},
      {"bad__publish-unit-test-result-action__no-attributes.xml",
       "4: testcase without a name attribute"},
      {"bad__publish-unit-test-result-action__non-junit.xml",
       "2: not a JUnit report: root element <suites>"},
      {"bad__publish-unit-test-result-action__non-xml.xml", "1: not well-formed XML: syntax error"},
      {"bad__publish-unit-test-result-action__pytest-corrupt-xml.xml",
       "11: not well-formed XML: no element found"},
  };
  // bad__ edge cases that read, with their counts.
  const std::map<std::string, CorpusCounts> k_bad_but_readable = {
      {"bad__junit-plugin__junit-report-6700.xml", {1, 0, 1}},
      // A negative duration (-345345) on a passing case: tolerated, it decides nothing.
      {"bad__junit-plugin__junit-report-bad-duration.xml", {2, 0, 0}},
      {"bad__publish-unit-test-result-action__minimal-attributes.xml", {4, 1, 1}},
      // A thousands separator in a testsuite time ("2,503.1"): the duration is unknown,
      // with a warning; the cases are read.
      {"bad__junit-plugin__junit-report-testsuite-time-attrs.xml", {8, 0, 0}},
  };

  std::set<std::string> seen;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    ++files;
    seen.insert(name);
    INFO(name);
    CollectingSink sink;
    ReportSummary summary;
    std::string err;
    const bool ok = read_report(entry.path().string(), sink, &summary, &err);

    if (const auto rejected = k_rejected.find(name); rejected != k_rejected.end()) {
      CHECK_FALSE(ok);
      CHECK(err == entry.path().string() + ":" + rejected->second);
      continue;
    }
    const bool bad = name.rfind("bad__", 0) == 0;
    if (bad) CHECK(k_bad_but_readable.count(name) == 1);  // every bad__ file is classified
    INFO(err);
    REQUIRE(ok);
    CHECK(summary.test_cases == static_cast<std::int64_t>(sink.cases.size()));
    CHECK(summary.bytes == std::filesystem::file_size(entry.path()));
    CHECK(summary.sha256.size() == 64);
    int failed = 0, errored = 0;
    for (const TestCase& test_case : sink.cases) {
      failed += test_case.outcome == Outcome::failed;
      errored += test_case.outcome == Outcome::errored;
    }
    const auto& counts = bad ? k_bad_but_readable : k_counts;
    if (const auto expected = counts.find(name); expected != counts.end()) {
      CHECK(summary.test_cases == expected->second.cases);
      CHECK(failed == expected->second.failed);
      CHECK(errored == expected->second.errored);
    }
  }
  CHECK(files >= 80);
  for (const auto& table : {k_counts, k_bad_but_readable})
    for (const auto& [name, counts] : table) CHECK(seen.count(name) == 1);
  for (const auto& [name, error] : k_rejected) CHECK(seen.count(name) == 1);
}

TEST_CASE("junit reader: the corpus's failed-but-disabled and flaky files keep their verdicts",
          "[junit][corpus]") {
  const auto corpus = testing::corpus_dir();
  REQUIRE(corpus);
  struct Expected {
    const char* file;
    Outcome outcome;
    int flaky_reruns;
  };
  // One case each; read from the files: a disabled test with a <failure>, Surefire flaky
  // passes, and a case that failed every rerun.
  for (const Expected& expected :
       {Expected{"action-junit-report__testFailedDisabled.xml", Outcome::failed, 0},
        Expected{"junit-plugin__TEST-io.olamy.FlakyTest.xml", Outcome::passed, 2},
        Expected{"action-junit-report__maven_surefire_flaky-surefire-report.xml", Outcome::passed,
                 1},
        Expected{"junit-plugin__TEST-io.olamy.AlwaysFailTest.xml", Outcome::failed, 0}}) {
    INFO(expected.file);
    CollectingSink sink;
    std::string err;
    REQUIRE(read_report((*corpus / "junit" / expected.file).string(), sink, nullptr, &err));
    REQUIRE(sink.cases.size() == 1);
    CHECK(sink.cases[0].outcome == expected.outcome);
    CHECK(sink.cases[0].flaky_reruns == expected.flaky_reruns);
  }
}

}  // namespace
}  // namespace changegate::junit
