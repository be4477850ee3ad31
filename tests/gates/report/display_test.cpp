// Numbers and evidence references as people read them in text, Markdown and
// HTML; the JSON keeps full precision.
#include "gates/report/display.h"

#include <catch2/catch.hpp>

#include "gates/report/json_report.h"
#include "gates/report/template_report.h"
#include "gates/report/text_report.h"
#include "tests/gates/report/sample_evaluation.h"

using namespace changegate;
using namespace changegate::testing;

TEST_CASE("display: numbers keep four significant digits after the point, integers whole") {
  CHECK(display_number(0.13050847457626835) == "0.1305");
  CHECK(display_number(2.0) == "2");
  CHECK(display_number(49.87654) == "49.88");
  CHECK(display_number(123456.789) == "123457");
  CHECK(display_number(0.000123456) == "0.0001235");
  CHECK(display_number(-0.5) == "-0.5");
  CHECK(display_number(0) == "0");
}

TEST_CASE("display: ratios as percentages, burn rates with ×, integers as they are") {
  CHECK(display_value("skipped ratio", "<=", 0.13050847457626835) == "13.05%");
  CHECK(display_value("checkout: error budget remaining", ">=", 0.25) == "25%");
  CHECK(display_value("checkout: share of 30d with samples", ">=", 0.9995) == "99.95%");
  CHECK(display_value("checkout: burn 1h/5m", "not both >",
                      nlohmann::json{{"1h", 49.87}, {"5m", 12.34}}) == "1h 49.9×, 5m 12.3×");
  CHECK(display_value("checkout: burn 1h/5m", "not both >", 14.4) == "14.4×");
  CHECK(display_value("failed tests", "<=", 3) == "3");
  CHECK(display_value("p99 latency", "<=", 0.3333333333) == "0.3333");
  CHECK(display_value("name", "==", "v2") == "v2");
  CHECK(display_value("burn", "<=", nullptr) == "—");
}

TEST_CASE("display: tolerances as ±absolute and ±percent") {
  CHECK(display_tolerance(0.005) == "±0.005");
  CHECK(display_tolerance({{"abs", 0.005}, {"allowed", 0.005}}) == "±0.005");
  CHECK(display_tolerance({{"rel", 0.02}, {"allowed", 4.1}}) == "±2%");
  CHECK(display_tolerance({{"abs", 0.5}, {"rel", 0.02}, {"allowed", 0.5}}) == "±0.5 or ±2%");
  CHECK(display_tolerance(nullptr).empty());
}

TEST_CASE("display: a form-encoded PromQL call shows the query text") {
  CHECK(display_evidence_path("POST http://prom:9090/api/v1/query?query=sum%28rate%28http_"
                              "errors%5B5m%5D%29%29+%2F+2&time=1795255200") ==
        "POST http://prom:9090/api/v1/query query=sum(rate(http_errors[5m])) / 2 "
        "time=1795255200");
  CHECK(display_evidence_path("build/unit.xml") == "build/unit.xml");
  CHECK(display_evidence_path("build/a?b.xml") == "build/a?b.xml");
  CHECK(display_evidence_path("POST http://p/q?query=%FF") == "POST http://p/q query=\xEF\xBF\xBD");
}

TEST_CASE("text and markdown reports show ratios and tolerances for people; JSON keeps precision") {
  // Expected: a skipped ratio of 0.1305... against 0.1 with a 2% tolerance.
  Evaluation e = small_evaluation();
  e.gates[1].comparisons.clear();
  e.gates[1].compare("skipped ratio", 0.13050847457626835, "<=", 0.1, false,
                     nlohmann::json{{"rel", 0.02}, {"allowed", 0.002}});
  CHECK_THAT(render_text(e, TextOptions{false}),
             Catch::Contains("  x skipped ratio: 13.05%, expected <= 10% (tolerance ±2%)\n"));
  const nlohmann::json j = evaluation_to_json(e);
  CHECK(j["gates"][1]["details"]["comparisons"][0]["actual"] == 0.13050847457626835);
  const std::string md = render_template_report(j, TemplateFormat::markdown);
  CHECK_THAT(md, Catch::Contains("| ✗ | skipped ratio | 13.05% | \\<= | 10% | ±2% |"));
  CHECK(md.find("0.1305084") == std::string::npos);
}
