// Markdown and HTML reports from the templates, and the JUnit report beside
// them: what evidence can and cannot do to each medium.
#include "gates/report/template_report.h"

#include <catch2/catch.hpp>

#include "gates/report/json_report.h"
#include "gates/report/junit_report.h"
#include "tests/gates/report/sample_evaluation.h"

using namespace changegate;
using namespace changegate::testing;

namespace {

// A blocked evaluation whose evidence-derived strings all carry a link and an
// image with a script: summary, problems, test names, messages, evidence path.
Evaluation evaluation_with_live_markup() {
  const std::string link = "[x](https://evil)";
  const std::string image = "<img src=x onerror=alert(1)>";
  Evaluation e = small_evaluation();
  GateResult& g = e.gates[1];
  g.summary = "failed " + link + " " + image;
  g.problems = {"a.b " + link + " failure: " + image, "![i](https://evil/i.png)"};
  g.comparisons[0].name = "test " + link;
  g.comparisons[0].actual = image;
  g.evidence.push_back(Evidence{"build/" + link + ".xml", std::string(64, 'e'), 10});
  g.details = {{"message", image}};
  return e;
}

}  // namespace

TEST_CASE("markdown report: links and images from evidence are shown as text, never live") {
  const std::string md = render_template_report(evaluation_to_json(evaluation_with_live_markup()),
                                                TemplateFormat::markdown);
  CHECK(md.find("[x](") == std::string::npos);
  CHECK(md.find("![i]") == std::string::npos);
  for (std::size_t at = md.find("<img"); at != std::string::npos; at = md.find("<img", at + 1))
    CHECK(md.compare(at - 1, 1, "\\") == 0);  // only ever as the escaped text \<img
  CHECK(md.find("https://evil") == std::string::npos);
  CHECK_THAT(md, Catch::Contains("failed \\[x\\]\\(https\\://evil\\) \\<img src=x "
                                 "onerror=alert\\(1\\)\\>"));
  CHECK_THAT(md, Catch::Contains("- \\!\\[i\\]\\(https\\://evil/i.png\\)"));
  CHECK_THAT(md, Catch::Contains("| test \\[x\\]\\(https\\://evil\\) |"));
}

TEST_CASE("html report: links and images from evidence are escaped markup") {
  const std::string html = render_template_report(evaluation_to_json(evaluation_with_live_markup()),
                                                  TemplateFormat::html);
  CHECK(html.find("<img") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("failed [x](https://evil) &lt;img src=x onerror=alert(1)&gt;"));
  CHECK_THAT(html, Catch::Contains("<li>![i](https://evil/i.png)</li>"));
}

TEST_CASE("junit report: links and images from evidence are escaped markup") {
  const std::string xml = render_junit(evaluation_with_live_markup());
  CHECK(xml.find("<img") == std::string::npos);
  CHECK_THAT(xml, Catch::Contains("&lt;img src=x onerror=alert(1)&gt;"));
}
