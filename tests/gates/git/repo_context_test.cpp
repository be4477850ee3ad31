// Which commits a run compares, on real repositories: a root commit is
// diffed against the empty tree, and a shallow clone is never mistaken for a
// history that starts at its boundary.
#include <algorithm>
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
  CHECK(j["repo"]["base"].is_null());
  CHECK(j["repo"]["base_rule"] == "root commit: diffed against the empty tree");
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

namespace {

// main: one commit; feature: two commits on top; origin/main where main is.
struct Branches {
  TempRepo repo;
  std::string main_sha, feature_sha;
  Branches() {
    repo.write("changegate.toml", k_path_gated);
    repo.write("src/app.py", "v1\n");
    main_sha = repo.commit("v1");
    repo.git("update-ref refs/remotes/origin/main " + main_sha);
    repo.git("checkout -q -b feature");
    repo.write("src/app.py", "v2\n");
    repo.commit("v2");
    repo.write("src/other.py", "x\n");
    feature_sha = repo.commit("v3");
    repo.write("build/unit.xml",
               R"(<testsuite name="s"><testcase classname="a" name="b"/></testsuite>)");
  }
  RunResult check(const std::string& env, const std::string& args = "") const {
    return run_command(
        env + " '" + std::string(CHANGEGATE_BINARY) + "' check --no-ledger --format json " + args,
        repo.path());
  }
};

}  // namespace

TEST_CASE("repo context: GITHUB_BASE_REF chooses the merge-base with origin/<ref> and says so") {
  Branches b;
  b.repo.git("checkout -q -b release " + b.main_sha);
  b.repo.write("rel.txt", "r\n");
  const std::string release = b.repo.commit("release work");
  b.repo.git("update-ref refs/remotes/origin/release " + release);
  b.repo.git("checkout -q feature");
  // The report was committed on the release branch and left with it.
  b.repo.write("build/unit.xml",
               R"(<testsuite name="s"><testcase classname="a" name="b"/></testsuite>)");
  const RunResult r = b.check("GITHUB_BASE_REF=release");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["repo"]["base"] == b.main_sha);
  CHECK(j["repo"]["base_rule"] == "merge-base with origin/release (GITHUB_BASE_REF)");
}

TEST_CASE(
    "repo context: a GITHUB_BASE_REF that was not fetched is exit 2 with the fix, never a "
    "silent fallback to origin/main") {
  Branches b;
  const RunResult r = b.check("GITHUB_BASE_REF=develop");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("GITHUB_BASE_REF names origin/develop"));
  CHECK_THAT(r.err, Catch::Contains("git fetch origin"));
}

TEST_CASE("repo context: GitLab's CI_MERGE_REQUEST_DIFF_BASE_SHA is the base when set") {
  Branches b;
  const std::string v2 = b.repo.git("rev-parse HEAD~1").substr(0, 40);
  const RunResult r = b.check("CI_MERGE_REQUEST_DIFF_BASE_SHA=" + v2);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["repo"]["base"] == v2);
  CHECK(j["repo"]["base_rule"] == "CI_MERGE_REQUEST_DIFF_BASE_SHA");
  CHECK(j["repo"]["files_changed"] == 1);
}

TEST_CASE("repo context: without CI variables the base is the merge-base with origin/main") {
  Branches b;
  const RunResult r = b.check("GITHUB_BASE_REF= CI_MERGE_REQUEST_DIFF_BASE_SHA=");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["repo"]["base"] == b.main_sha);
  CHECK(j["repo"]["base_rule"] == "merge-base with origin/main");
}

TEST_CASE("repo context: --base equal to head says there is nothing to compare") {
  Branches b;
  const RunResult r = run_command(
      "'" + std::string(CHANGEGATE_BINARY) + "' check --no-ledger --base HEAD", b.repo.path());
  INFO(r.out << r.err);
  CHECK_THAT(r.err, Catch::Contains("nothing to compare"));
  CHECK_THAT(r.out, Catch::Contains("nothing to compare: the base is head itself"));
}

TEST_CASE("repo context: uncommitted changes are noted on stderr, never ignored silently") {
  Branches b;
  b.repo.write("src/app.py", "v3 uncommitted\n");
  b.repo.write("src/new.py", "untracked\n");
  const RunResult r = b.check("");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  // Untracked files (src/new.py, the report build/unit.xml) are not counted:
  // CI leaves its evidence untracked.
  CHECK_THAT(r.err, Catch::Contains("uncommitted changes to 1 file in the index or work tree"));
  CHECK_THAT(r.err, Catch::Contains("--worktree"));
  CHECK(nlohmann::json::parse(r.out)["repo"]["files_changed"] == 2);  // the committed diff only
}

TEST_CASE("repo context: --worktree evaluates base..work tree, staged, unstaged and untracked") {
  Branches b;
  b.repo.write("src/app.py", "v3 uncommitted\nmore\n");
  b.repo.write("src/staged.py", "staged\n");
  b.repo.git("add src/staged.py");
  b.repo.write("src/new.py", "untracked\n");
  const RunResult r = b.check("", "--worktree");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["repo"]["worktree"] == true);
  std::vector<std::string> files;
  for (const auto& c : j["blast_radius"]["components"])
    for (const auto& f : c["files"]) files.push_back(f.get<std::string>());
  for (const char* f : {"src/app.py", "src/staged.py", "src/new.py", "src/other.py"})
    CHECK(std::find(files.begin(), files.end(), f) != files.end());
  CHECK_THAT(r.err, !Catch::Contains("uncommitted changes"));
}
