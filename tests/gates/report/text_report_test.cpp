// The text report (`check`'s default output): what a person reads in a
// terminal or a CI log.
#include "gates/report/text_report.h"

#include <catch2/catch.hpp>

#include "tests/gates/report/sample_evaluation.h"

using namespace changegate;
using namespace changegate::testing;

TEST_CASE(
    "text report: hostile evidence cannot clear the screen, return the carriage or start a line") {
  // Expected: every control character shown as \xNN, line feeds as ⏎, so the
  // forged "::error::" stays inside the line it came in.
  Evaluation e = small_evaluation();
  e.change.title = "title\x1b[2J";
  e.change.author = "mallory\rroot";
  e.gates[1].summary = "boom\n::error::forged";
  e.gates[1].problems = {"problem\x1b[2J\r\n::error::forged %0A"};
  e.gates[1].comparisons[0].name = "name\n::warning::x";
  GateResult waived;
  waived.id = "scan";
  waived.kind = "security";
  waived.status = Status::waived;
  waived.summary = "1 finding";
  waived.waiver = WaiverUse{"reason\n::error::forged\x1b[2J", "bob\r", 1796083200, 3, Status::fail};
  e.gates.push_back(waived);

  const std::string text = render_text(e, TextOptions{false});
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
  CHECK(text.find("\n::") == std::string::npos);
  CHECK_THAT(text, Catch::Contains("title\\x1B[2J"));
  CHECK_THAT(text, Catch::Contains("by mallory\\x0Droot"));
  CHECK_THAT(text, Catch::Contains("boom⏎::error::forged"));
  CHECK_THAT(text, Catch::Contains("  - problem\\x1B[2J\\x0D⏎::error::forged %0A\n"));
  CHECK_THAT(text, Catch::Contains("  x name⏎::warning::x: 45"));
  CHECK_THAT(text, Catch::Contains("by bob\\x0D: reason⏎::error::forged\\x1B[2J\n"));
}

TEST_CASE("text report: the verdict counts every status, never all gates as run") {
  // Expected: one gate ran and passed, six were skipped by --only.
  Evaluation e = small_evaluation();
  e.blocked = false;
  e.gates.resize(1);
  for (int i = 0; i < 6; ++i) {
    GateResult skipped;
    skipped.id = "g" + std::to_string(i);
    skipped.kind = "tests";
    skipped.status = Status::skip;
    skipped.summary = "skipped: --only unit";
    e.gates.push_back(skipped);
  }
  e.repo.files_changed = 1;
  const std::string text = render_text(e, TextOptions{false});
  CHECK_THAT(text, Catch::EndsWith("\nverdict: PASS — 1 passed, 6 skipped\n"));
  CHECK_THAT(text, Catch::Contains("  1 file, +0 -0\n"));
  CHECK(text.find("gates)") == std::string::npos);
}

TEST_CASE("text report: a blocked verdict names the blocking gates and counts every status") {
  // Expected: blocked by rollback; unit passed; plural forms by count.
  CHECK_THAT(render_text(small_evaluation(), TextOptions{false}),
             Catch::EndsWith("\nverdict: BLOCKED by 1 gate: rollback — 1 passed, 1 failed\n"));
  Evaluation e = small_evaluation();
  e.gates[0].status = Status::error;
  e.repo.files_changed = 2;
  const std::string text = render_text(e, TextOptions{false});
  CHECK_THAT(text, Catch::EndsWith(
                       "\nverdict: BLOCKED by 2 gates: unit rollback — 1 failed, 1 errored\n"));
  CHECK_THAT(text, Catch::Contains("  2 files, +0 -0\n"));
}

TEST_CASE("text report: each downstream component sits under the component it was reached from") {
  // Expected: api reaches web and db; web reaches exec, so exec is printed
  // under web (not under db, the last line before it in breadth-first order);
  // unowned files are listed; gate inputs are shown apart from product files.
  Evaluation e = small_evaluation();
  BlastRadius br;
  br.components.push_back(TouchedComponent{"api", 1, {}, {"src/a.py", "src/b.py"}, 9, 1});
  br.components.push_back(TouchedComponent{k_unowned, std::nullopt, {}, {"README.md"}, 1, 0});
  br.downstream.push_back(ReachedComponent{"web", 2, {}, {"api", "web"}});
  br.downstream.push_back(ReachedComponent{"db", std::nullopt, {}, {"api", "db"}});
  br.downstream.push_back(ReachedComponent{"exec", 1, {}, {"api", "web", "exec"}});
  br.gate_inputs = {".changegate/change.toml", "changegate.toml"};
  e.blast_radius = br;
  CHECK_THAT(render_text(e, TextOptions{false}),
             Catch::Contains("\n  blast radius\n"
                             "    api (tier 1)  2 files\n"
                             "    └─ web (tier 2)\n"
                             "       └─ exec (tier 1)\n"
                             "    └─ db\n"
                             "    (unowned)  1 file\n"
                             "      README.md\n"
                             "    gate inputs (not product files): .changegate/change.toml, "
                             "changegate.toml\n"));
}

TEST_CASE("text report: without a change record it says so and where the id came from") {
  // Expected: the id from the branch name, then from $CHANGEGATE_CHANGE_ID, then none.
  Evaluation e = small_evaluation();
  e.change = ChangeRecord{};
  e.change.id = "feature/x";
  e.change.id_source = "branch";
  CHECK_THAT(render_text(e, TextOptions{false}),
             Catch::Contains("\n  no change record found: change id \"feature/x\" from the branch "
                             "name\n"));
  e.change.id = "CHG-9";
  e.change.id_source = "CHANGEGATE_CHANGE_ID";
  CHECK_THAT(render_text(e, TextOptions{false}),
             Catch::Contains("\n  no change record found: change id \"CHG-9\" from "
                             "$CHANGEGATE_CHANGE_ID\n"));
  e.change.id.clear();
  e.change.id_source = "none";
  CHECK_THAT(render_text(e, TextOptions{false}),
             Catch::Contains("\n  no change record found, and no change id from "
                             "$CHANGEGATE_CHANGE_ID or a branch\n"));
  CHECK(render_text(small_evaluation(), TextOptions{false}).find("no change record") ==
        std::string::npos);
}
