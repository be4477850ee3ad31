// GitHub Actions output: annotations for gates that did not pass, and the
// Markdown report appended to the step summary.
#include "gates/report/github.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "tests/gates/report/sample_evaluation.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using namespace changegate::testing;

TEST_CASE("github: one annotation per gate that did not pass, error when it blocks") {
  Evaluation e = full_evaluation();
  e.gates[3].summary = "prometheus\nunreachable\r";
  std::ostringstream out;
  write_github_annotations(e, out);
  // unit passed and golden skipped: no line; the waived security gate warns.
  CHECK(out.str() ==
        "::warning title=changegate security (waived)::1 high finding, waived\n"
        "::warning title=changegate docs (fail)::2 warnings\n"
        "::warning title=changegate slo (error)::prometheus unreachable \n");
  std::ostringstream blocked;
  write_github_annotations(small_evaluation(), blocked);
  CHECK(blocked.str() ==
        "::error title=changegate rollback (fail)::rollback.plan \"TBD\" is a placeholder\n");
}

TEST_CASE("github: the step summary gets the Markdown report appended, run after run") {
  TempDir dir;
  const std::string path = dir.path() + "/summary.md";
  dir.write("summary.md", "earlier step\n");
  append_step_summary(small_evaluation(), path, RenderOptions{});
  append_step_summary(small_evaluation(), path, RenderOptions{});
  std::ostringstream markdown;
  render(small_evaluation(), Format::markdown, markdown, RenderOptions{});
  CHECK(read_text(path) == "earlier step\n" + markdown.str() + "\n" + markdown.str() + "\n");
}

TEST_CASE("github: no step summary path writes nothing and does not fail") {
  CHECK_NOTHROW(append_step_summary(small_evaluation(), "", RenderOptions{}));
}
