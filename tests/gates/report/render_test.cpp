// The one rendering entry: format names, extensions, and that each format
// is exactly its renderer's output.
#include "gates/report/render.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "gates/error.h"
#include "gates/report/json_report.h"
#include "gates/report/junit_report.h"
#include "gates/report/template_report.h"
#include "gates/report/text_report.h"
#include "tests/gates/report/sample_evaluation.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using namespace changegate::testing;

namespace {

std::string rendered(const Evaluation& e, Format format, const RenderOptions& options = {}) {
  std::ostringstream out;
  render(e, format, out, options);
  return out.str();
}

}  // namespace

TEST_CASE("render: parse_format knows the five format names and nothing else") {
  CHECK(parse_format("text") == Format::text);
  CHECK(parse_format("json") == Format::json);
  CHECK(parse_format("markdown") == Format::markdown);
  CHECK(parse_format("html") == Format::html);
  CHECK(parse_format("junit") == Format::junit);
  CHECK_FALSE(parse_format("md"));
  CHECK_FALSE(parse_format("JSON"));
  CHECK_FALSE(parse_format(""));
}

TEST_CASE("render: format_for_extension picks the format from the report file's extension") {
  CHECK(format_for_extension("out.json") == Format::json);
  CHECK(format_for_extension("reports/gates.xml") == Format::junit);
  CHECK(format_for_extension("report.md") == Format::markdown);
  CHECK(format_for_extension("report.html") == Format::html);
  CHECK(format_for_extension("report.htm") == Format::html);
}

TEST_CASE("render: format_for_extension refuses an extension it cannot tell") {
  for (const std::string path : {"report.pdf", "report", "json", "report.json.bak", "REPORT.JSON"})
    CHECK_THROWS_MATCHES(
        format_for_extension(path), Error,
        Catch::Message("-o " + path +
                       ": cannot tell the format from the extension (use .json, .md, .html or "
                       ".xml)"));
}

TEST_CASE("render: each format is its renderer's output, colour only for text when asked") {
  const Evaluation e = full_evaluation();
  CHECK(rendered(e, Format::json) == evaluation_to_json(e).dump(2) + "\n");
  CHECK(rendered(e, Format::junit) == render_junit(e));
  CHECK(rendered(e, Format::text) == render_text(e, TextOptions{false}));
  RenderOptions color;
  color.color = true;
  CHECK(rendered(e, Format::text, color) == render_text(e, TextOptions{true}));
  CHECK(rendered(e, Format::markdown, color) ==
        render_template_report(evaluation_to_json(e), TemplateFormat::markdown));
  CHECK(rendered(e, Format::html, color) ==
        render_template_report(evaluation_to_json(e), TemplateFormat::html));
}

TEST_CASE("render: the template directory overrides the built-in templates") {
  TempDir dir;
  dir.write("report.md.mustache", "custom {{verdict}}\n");
  RenderOptions options;
  options.template_dir = dir.path();
  CHECK(rendered(small_evaluation(), Format::markdown, options) == "custom blocked\n");
  CHECK_THAT(rendered(small_evaluation(), Format::html, options),
             Catch::StartsWith("<!DOCTYPE html>"));
}

TEST_CASE("render: render_to_file writes the report and names a file it cannot write") {
  TempDir dir;
  const std::string path = dir.path() + "/out.json";
  render_to_file(small_evaluation(), Format::json, path, RenderOptions{});
  CHECK(read_text(path) == rendered(small_evaluation(), Format::json));
  const std::string unwritable = dir.path() + "/no/such/dir/out.json";
  CHECK_THROWS_MATCHES(render_to_file(small_evaluation(), Format::json, unwritable, {}), Error,
                       Catch::Message("-o " + unwritable + ": cannot write the report"));
}

TEST_CASE("render: report --from renders every format byte-identically to check -o") {
  TempRepo repo;
  repo.write("changegate.toml", R"([components.api]
paths = ["src/**"]
tier = 1
[[gate]]
id = "unit-tests"
kind = "tests"
reports = ["build/*.xml"]
)");
  repo.write("src/app.py", "v1\n");
  repo.commit("v1");
  repo.git("checkout -q -b feature");
  repo.write("src/app.py", "v2\n");
  repo.commit("v2");
  repo.write(
      "build/unit.xml",
      R"(<testsuite name="u"><testcase classname="a" name="b"><failure message="boom"/></testcase></testsuite>)");
  const RunResult check = run_changegate(
      "check --now 2026-11-21T12:00:00Z -o eval.json -o direct.md -o direct.html -o direct.xml",
      repo.path());
  INFO(check.out << check.err);
  REQUIRE(check.exit_code == 1);
  const RunResult text = run_changegate("report --from eval.json --format text", repo.path());
  CHECK(text.exit_code == 0);
  CHECK(text.out == check.out);
  for (const std::string ext : {"json", "md", "html", "xml"}) {
    INFO(ext);
    const RunResult r = run_changegate("report --from eval.json -o again." + ext, repo.path());
    CHECK(r.exit_code == 0);
    CHECK(read_text(repo.path() + "/again." + ext) ==
          read_text(repo.path() + "/" + (ext == "json" ? "eval" : "direct") + "." + ext));
  }
}
