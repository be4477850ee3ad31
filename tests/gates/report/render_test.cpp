// The one rendering entry: format names, extensions, and that each format
// is exactly its renderer's output.
#include "gates/report/render.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "gates/change_record.h"
#include "gates/error.h"
#include "gates/report/json_report.h"
#include "gates/report/junit_report.h"
#include "gates/report/template_report.h"
#include "gates/report/text_report.h"
#include "gates/util/utf8.h"
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
}

TEST_CASE("render: a template directory that lacks a template or does not exist is an error") {
  // Expected: no silent fallback to the built-in template; the error names
  // the directory and what is missing, before anything is rendered.
  TempDir dir;
  dir.write("report.md.mustache", "custom {{verdict}}\n");
  RenderOptions options;
  options.template_dir = dir.path();
  const std::string lacks_html = "--template-dir " + dir.path() +
                                 ": report.html.mustache not found (needed for the html report)";
  CHECK_THROWS_MATCHES(rendered(small_evaluation(), Format::html, options), Error,
                       Catch::Message(lacks_html));
  CHECK_THROWS_MATCHES(
      check_template_dir(dir.path(), {Format::text, Format::markdown, Format::html}), Error,
      Catch::Message(lacks_html));
  CHECK_NOTHROW(check_template_dir(dir.path(), {Format::text, Format::json, Format::markdown}));
  const std::string missing = dir.path() + "/no-such-dir";
  CHECK_THROWS_MATCHES(check_template_dir(missing, {Format::markdown}), Error,
                       Catch::Message("--template-dir " + missing + ": no such directory"));
  CHECK_NOTHROW(check_template_dir("", {Format::html}));
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

TEST_CASE("render: text that is not UTF-8 outside the gate results is repaired for every format") {
  // Expected: a branch-named change id, a git file name and a risk reason
  // quoting it, all with byte 0xFF, render in every format; the JSON is valid
  // and says what was repaired.
  Evaluation e = full_evaluation();
  e.change.id = "feature-\xFF";
  e.change.id_source = "branch";
  e.blast_radius->components[1].files = {"READ\xFFME.md"};
  e.risk->factors[0].reason = "touches src/\xFF.py";
  for (const Format f : {Format::text, Format::json, Format::markdown, Format::html, Format::junit})
    CHECK(is_valid_utf8(rendered(e, f)));
  const nlohmann::json j = nlohmann::json::parse(rendered(e, Format::json));
  CHECK(j["change"]["id"] == "feature-\xEF\xBF\xBD");
  CHECK(j["text_repaired"] ==
        "3 invalid UTF-8 sequence(s) in file names, the change or the repository were replaced "
        "by U+FFFD");
  CHECK_FALSE(evaluation_to_json(full_evaluation()).contains("text_repaired"));
  CHECK_FALSE(
      nlohmann::json::parse(rendered(full_evaluation(), Format::json)).contains("text_repaired"));
}

TEST_CASE("render: change record files with invalid UTF-8 are refused before any report") {
  // The record's own fields need no repair: both parsers reject such bytes
  // (and accept the same record in valid UTF-8).
  CHECK_NOTHROW(parse_change_record("id = \"CHG-1\"\ntitle = \"caf\xC3\xA9\"\n", "c.toml", false));
  CHECK_NOTHROW(parse_change_record(R"({"id": "CHG-1", "title": "caf\u00e9"})", "c.json", true));
  CHECK_THROWS_AS(parse_change_record("id = \"CHG-1\"\ntitle = \"caf\xFF\"\n", "c.toml", false),
                  Error);
  CHECK_THROWS_AS(parse_change_record(R"({"id": "CHG-1", "title": "caf)"
                                      "\xFF"
                                      R"("})",
                                      "c.json", true),
                  Error);
}
