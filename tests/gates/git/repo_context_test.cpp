// Which commits a run compares, on real repositories: a root commit is
// diffed against the empty tree, and a shallow clone is never mistaken for a
// history that starts at its boundary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/temp_repo.h"

using namespace changegate::testing;

namespace {

// A gate that runs only when a file under src/ changed, and cannot pass:
// if it is skipped the verdict is pass, if it runs it errors (no report).
const char* k_path_gated = R"([[gate]]
id = "unit-tests"
kind = "tests"
reports = ["build/*.xml"]
when.paths = ["src/**"]
)";

}  // namespace

TEST_CASE(
    "repo context: a root commit is diffed against the empty tree, so when.paths selects "
    "its gates (expected: the gate runs and blocks)") {
  TempRepo repo;
  repo.write("changegate.toml", k_path_gated);
  repo.write("src/app.py", "print('v1')\n");
  repo.commit("initial");
  const RunResult r = run_changegate("check --no-ledger --format json", repo.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["repo"]["base"] == "");
  CHECK(j["repo"]["files_changed"] == 2);
  CHECK(j["gates"][0]["status"] == "error");
  CHECK(j["verdict"] == "blocked");
}

TEST_CASE(
    "repo context: the head of a depth-1 shallow clone is not a root commit (expected: "
    "exit 2 saying so and how to fetch)") {
  TempRepo origin;
  origin.write("changegate.toml", k_path_gated);
  origin.write("src/app.py", "print('v1')\n");
  origin.commit("v1");
  origin.write("src/app.py", "print('v2')\n");
  origin.commit("v2");
  TempDir clones;
  const RunResult clone =
      run_command("git clone -q --depth 1 file://" + origin.path() + " shallow", clones.path());
  REQUIRE(clone.exit_code == 0);
  const RunResult r = run_changegate("check --no-ledger", clones.path() + "/shallow");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("shallow clone"));
  CHECK_THAT(r.err, Catch::Contains("fetch-depth: 0"));
  CHECK_THAT(r.err, Catch::Contains("not a root commit"));
  CHECK_THAT(r.err, !Catch::Contains("revspec"));
}

TEST_CASE(
    "repo context: a --base that a shallow clone did not fetch is exit 2 naming the "
    "shallow clone, never a bare revspec error") {
  TempRepo origin;
  origin.write("changegate.toml", k_path_gated);
  origin.write("src/app.py", "print('v1')\n");
  const std::string v1 = origin.commit("v1");
  origin.write("src/app.py", "print('v2')\n");
  origin.commit("v2");
  TempDir clones;
  REQUIRE(run_command("git clone -q --depth 1 file://" + origin.path() + " shallow", clones.path())
              .exit_code == 0);
  const RunResult r = run_changegate("check --no-ledger --base " + v1, clones.path() + "/shallow");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("cannot find revision \"" + v1 + "\""));
  CHECK_THAT(r.err, Catch::Contains("shallow clone"));
  CHECK_THAT(r.err, Catch::Contains("git fetch --deepen"));
  CHECK_THAT(r.err, !Catch::Contains("revspec"));
}
