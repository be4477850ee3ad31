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
        "::warning title=changegate slo (error)::prometheus%0Aunreachable%0D\n");
  std::ostringstream blocked;
  write_github_annotations(small_evaluation(), blocked);
  CHECK(blocked.str() ==
        "::error title=changegate rollback (fail)::rollback.plan \"TBD\" is a placeholder\n");
}

TEST_CASE("github: hostile evidence cannot end an annotation or start a workflow command") {
  // Expected: %, CR and LF encoded in the message; also ':' and ',' in the title.
  Evaluation e = small_evaluation();
  e.gates[1].id = "roll:back,x";
  e.gates[1].summary = "boom\n::error::forged %0A\r\x1b[2J";
  std::ostringstream out;
  write_github_annotations(e, out);
  CHECK(out.str() ==
        "::error title=changegate roll%3Aback%2Cx (fail)::boom%0A::error::forged "
        "%250A%0D\x1b[2J\n");
}

TEST_CASE("github: the report is printed with workflow commands stopped by a random token") {
  const std::string token = new_stop_commands_token();
  CHECK(token.size() == 32);
  CHECK(token.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(new_stop_commands_token() != token);
  std::ostringstream out;
  write_without_workflow_commands("line\n::error::forged\n", out, token);
  CHECK(out.str() == "::stop-commands::" + token + "\nline\n::error::forged\n::" + token + "::\n");
  std::ostringstream unterminated;
  write_without_workflow_commands("no newline", unterminated, token);
  CHECK(unterminated.str() == "::stop-commands::" + token + "\nno newline\n::" + token + "::\n");
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
