// Command-line typos and output paths: the same care as config errors.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/temp_repo.h"

using namespace changegate::testing;

namespace {

struct Green {
  TempRepo repo;
  Green() {
    repo.write("changegate.toml",
               "[[gate]]\nid = \"unit\"\nkind = \"tests\"\nreports = [\"*.xml\"]\n");
    repo.write("unit.xml", R"(<testsuite name="s"><testcase classname="a" name="b"/></testsuite>)");
    repo.commit("v1");
  }
};

}  // namespace

TEST_CASE("cli: an unknown subcommand is exit 2 with a did-you-mean") {
  TempDir dir;
  const RunResult r = run_changegate("chek", dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown subcommand \"chek\" (did you mean \"check\"?)"));
}

TEST_CASE("cli: an unknown flag is exit 2 with a did-you-mean naming the subcommand") {
  TempDir dir;
  const RunResult r = run_changegate("check --formt json", dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err,
             Catch::Contains(
                 "unknown flag \"--formt\" for `changegate check` (did you mean \"--format\"?)"));
  const RunResult g = run_changegate("golden snapshot x --forse", dir.path());
  CHECK(g.exit_code == 2);
  CHECK_THAT(g.err, Catch::Contains("(did you mean \"--force\"?)"));
}

TEST_CASE("cli: usage lines name changegate, not the binary's path") {
  TempDir dir;
  const RunResult r = run_changegate("check --help", dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Usage: changegate check"));
  CHECK_THAT(r.out, !Catch::Contains(CHANGEGATE_BINARY));
}

TEST_CASE("cli: only --help and `help gates` list the gate kinds and their keys") {
  TempDir dir;
  for (const char* sub : {"check --help", "report --help", "golden --help", "validate --help"}) {
    const RunResult r = run_changegate(sub, dir.path());
    INFO(sub);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, !Catch::Contains("max_failures"));
  }
  for (const char* all : {"--help", "help gates"}) {
    const RunResult r = run_changegate(all, dir.path());
    INFO(all);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("max_failures (integer)"));
  }
  const RunResult bad = run_changegate("help gatez", dir.path());
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("did you mean \"gates\"?"));
}

TEST_CASE("cli check: -o creates missing parent directories") {
  Green g;
  const RunResult r = run_changegate("check --no-ledger -o out/deep/eval.json", g.repo.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(std::filesystem::is_regular_file(g.repo.path() + "/out/deep/eval.json"));
}

TEST_CASE(
    "cli check: an -o path that cannot be written is exit 2 naming the OS error, before "
    "anything is evaluated") {
  Green g;
  g.repo.write("afile", "x");
  const RunResult r = run_changegate("check --no-ledger -o afile/eval.json", g.repo.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("-o afile/eval.json"));
  CHECK_THAT(r.err, Catch::Contains("Not a directory"));
  CHECK_THAT(r.out, !Catch::Contains("verdict"));  // nothing was evaluated
}
