// GitRepo against real repositories that the git CLI builds in temp dirs.
#include "gates/git/git_repo.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gates/error.h"
#include "gates/git/repo_context.h"

namespace fs = std::filesystem;
using Catch::Matchers::StartsWith;
using changegate::GitRepo;

namespace {

// A scratch directory, removed when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "changegate-git-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    // Canonical, so it compares equal to the paths libgit2 reports.
    path_ = fs::canonical(pattern);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A repository on branch main, built with the git CLI, untouched by the
// user's git config. Commit dates are fixed, so shas are the same every run.
class ScratchRepo {
 public:
  explicit ScratchRepo(const std::string& init_args = "") { git("init -q -b main " + init_args); }

  std::string dir() const { return tmp_.path().string(); }

  // Runs `git <args>` in the repository; fails the test unless git succeeds.
  // Returns stdout without its final newline.
  std::string git(const std::string& args) {
    std::string command = "cd '" + dir() + "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null";
    // The author date is a day before the committer date, so tests can tell them apart.
    command += " GIT_AUTHOR_DATE='@" + std::to_string(time_ - 86400) + " +0000'";
    command += " GIT_COMMITTER_DATE='@" + std::to_string(time_) + " +0000'";
    command += " git -c user.name='Ada Lovelace' -c user.email=ada@example.com";
    command += " -c commit.gpgsign=false " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    const int status = pclose(pipe);
    INFO(command << "\n" << output);
    REQUIRE(status == 0);
    if (!output.empty() && output.back() == '\n') output.pop_back();
    return output;
  }

  void write(const std::string& path, const std::string& content) {
    const fs::path file = tmp_.path() / path;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
  }

  // Commits everything in the work tree; returns the new commit's full sha.
  std::string commit(const std::string& message) {
    git("add -A");
    git("commit -q --allow-empty -m '" + message + "'");
    time_ += 60;
    return git("rev-parse HEAD");
  }

  // The committer time the next commit() gets.
  long next_time() const { return time_; }

  std::unique_ptr<GitRepo> open() const {
    auto repo = GitRepo::open(dir());
    REQUIRE(repo != nullptr);
    return repo;
  }

 private:
  TempDir tmp_;
  long time_ = 1700000000;
};

std::string error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const changegate::Error& error) {
    CHECK(error.exit_code() == changegate::k_exit_invalid);
    return error.what();
  }
  FAIL("no changegate::Error thrown");
  return "";
}

}  // namespace

namespace {

// The base open_repo_context chooses for `head` when no --base is given and
// no CI names one.
std::string base_of(const ScratchRepo& scratch, const std::string& head) {
  unsetenv("GITHUB_BASE_REF");
  unsetenv("CI_MERGE_REQUEST_DIFF_BASE_SHA");
  return changegate::open_repo_context(scratch.dir(), changegate::RepoOptions{"", head, false})
      .base;
}

}  // namespace

TEST_CASE("resolve: a short sha and HEAD give the full sha", "[git]") {
  ScratchRepo scratch;
  scratch.write("README", "hello\n");
  const std::string sha = scratch.commit("first");
  auto repo = scratch.open();

  CHECK(repo->resolve("HEAD") == sha);
  CHECK(repo->resolve(sha.substr(0, 7)) == sha);
  CHECK(repo->resolve("main") == sha);
}

TEST_CASE("resolve: an unknown revision is an Error naming it and the repository", "[git]") {
  ScratchRepo scratch;
  scratch.write("README", "hello\n");
  const std::string sha = scratch.commit("first");
  auto repo = scratch.open();

  const std::string prefix =
      "git: cannot resolve revision \"no-such-branch\" in " + scratch.dir() + ": ";
  CHECK_THAT(error_of([&] { repo->resolve("no-such-branch"); }), StartsWith(prefix));
  CHECK_THAT(error_of([&] { repo->diff("no-such-branch", sha); }), StartsWith(prefix));
}

TEST_CASE("base chain: a feature branch gets its merge-base with main", "[git]") {
  // main: root - fork - main-only;  feature: fork - work
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n");
  scratch.commit("root");
  scratch.write("a.txt", "2\n");
  const std::string fork = scratch.commit("fork");
  scratch.git("switch -q -c feature");
  scratch.write("b.txt", "feature work\n");
  const std::string head = scratch.commit("work");
  scratch.git("switch -q main");
  scratch.write("a.txt", "3\n");
  scratch.commit("main-only");
  CHECK(base_of(scratch, head) == fork);
}

TEST_CASE("base chain: origin/main wins over main", "[git]") {
  // origin/main: root;  main: root - local;  feature: local - work
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n");
  const std::string root = scratch.commit("root");
  scratch.git("update-ref refs/remotes/origin/main " + root);
  scratch.write("a.txt", "2\n");
  scratch.commit("local");
  scratch.git("switch -q -c feature");
  scratch.write("b.txt", "feature work\n");
  const std::string head = scratch.commit("work");
  CHECK(base_of(scratch, head) == root);
}

TEST_CASE("base chain: on main itself, falls to the first parent", "[git]") {
  // main == origin/main == head: their merge-base is head, an empty diff.
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n");
  scratch.commit("root");
  scratch.write("a.txt", "2\n");
  const std::string parent = scratch.commit("parent");
  scratch.write("a.txt", "3\n");
  const std::string head = scratch.commit("head");
  scratch.git("update-ref refs/remotes/origin/main " + head);
  CHECK(base_of(scratch, head) == parent);
}

TEST_CASE("base chain: a head already merged into main falls to its first parent", "[git]") {
  // main: root - parent - head - later; checking out head gives merge-base head.
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n");
  scratch.commit("root");
  scratch.write("a.txt", "2\n");
  const std::string parent = scratch.commit("parent");
  scratch.write("a.txt", "3\n");
  const std::string head = scratch.commit("head");
  scratch.write("a.txt", "4\n");
  scratch.commit("later");
  scratch.git("checkout -q --detach " + head);
  CHECK(base_of(scratch, head) == parent);
}

TEST_CASE("base chain: a root commit has none", "[git]") {
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n");
  const std::string root = scratch.commit("root");
  CHECK(base_of(scratch, root) == "");
}

TEST_CASE("diff: counts insertions and deletions per file and in total", "[git]") {
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n2\n3\n");
  scratch.write("b.txt", "x\ny\n");
  scratch.write("same.txt", "unchanged\n");
  const std::string base = scratch.commit("base");
  scratch.write("a.txt", "1\nTWO\n3\n4\n5\n");  // +3 -1
  scratch.write("b.txt", "x\n");                // +0 -1
  scratch.write("new.txt", "n1\nn2\n");         // +2 -0
  const std::string head = scratch.commit("head");
  auto repo = scratch.open();

  const changegate::DiffStats stats = repo->diff(base, head);
  REQUIRE(stats.files.size() == 3);
  CHECK(stats.files[0].path == "a.txt");
  CHECK(stats.files[0].status == 'M');
  CHECK(stats.files[0].insertions == 3);
  CHECK(stats.files[0].deletions == 1);
  CHECK(stats.files[1].path == "b.txt");
  CHECK(stats.files[1].insertions == 0);
  CHECK(stats.files[1].deletions == 1);
  CHECK(stats.files[2].path == "new.txt");
  CHECK(stats.files[2].old_path == "new.txt");
  CHECK(stats.files[2].status == 'A');
  CHECK(stats.files[2].insertions == 2);
  CHECK(stats.files[2].deletions == 0);
  CHECK(stats.insertions == 5);
  CHECK(stats.deletions == 2);
}

TEST_CASE("diff: a renamed and edited file counts once, status R with old_path", "[git]") {
  ScratchRepo scratch;
  scratch.write("old/name.txt", "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n");
  const std::string base = scratch.commit("base");
  scratch.git("mv old/name.txt new-place.txt");
  scratch.write("new-place.txt", "l1\nl2\nl3\nl4\nFIVE\nl6\nl7\nl8\nl9\nl10\n");
  const std::string head = scratch.commit("move and edit");
  auto repo = scratch.open();

  const changegate::DiffStats stats = repo->diff(base, head);
  REQUIRE(stats.files.size() == 1);
  CHECK(stats.files[0].status == 'R');
  CHECK(stats.files[0].path == "new-place.txt");
  CHECK(stats.files[0].old_path == "old/name.txt");
  CHECK(stats.files[0].insertions == 1);
  CHECK(stats.files[0].deletions == 1);
  CHECK(stats.insertions == 1);
  CHECK(stats.deletions == 1);
}

TEST_CASE("diff: files are sorted by new path, renames included", "[git]") {
  // Sorted by where files are now: the rename "z-old.txt" -> "a-new.txt" comes first.
  ScratchRepo scratch;
  scratch.write("m.txt", "m\n");
  scratch.write("z-old.txt", "1\n2\n3\n4\n5\n");
  const std::string base = scratch.commit("base");
  scratch.git("mv z-old.txt a-new.txt");
  scratch.write("m.txt", "M\n");
  const std::string head = scratch.commit("head");
  auto repo = scratch.open();

  const changegate::DiffStats stats = repo->diff(base, head);
  REQUIRE(stats.files.size() == 2);
  CHECK(stats.files[0].path == "a-new.txt");
  CHECK(stats.files[0].old_path == "z-old.txt");
  CHECK(stats.files[1].path == "m.txt");
}

TEST_CASE("diff: a binary file is flagged with 0 lines", "[git]") {
  ScratchRepo scratch;
  scratch.write("logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\n\n", 18));
  const std::string base = scratch.commit("base");
  scratch.write("logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\n\n\n\0\n", 21));
  scratch.write("notes.txt", "one\ntwo\n");
  const std::string head = scratch.commit("head");
  auto repo = scratch.open();

  const changegate::DiffStats stats = repo->diff(base, head);
  REQUIRE(stats.files.size() == 2);
  CHECK(stats.files[0].path == "logo.png");
  CHECK(stats.files[0].binary);
  CHECK(stats.files[0].status == 'M');
  CHECK(stats.files[0].insertions == 0);
  CHECK(stats.files[0].deletions == 0);
  CHECK_FALSE(stats.files[1].binary);
  CHECK(stats.insertions == 2);
  CHECK(stats.deletions == 0);
}

TEST_CASE("diff: a deleted file counts its lines as deletions, status D", "[git]") {
  ScratchRepo scratch;
  scratch.write("keep.txt", "keep\n");
  scratch.write("gone/old.txt", "a\nb\nc\nd\n");
  const std::string base = scratch.commit("base");
  fs::remove(fs::path(scratch.dir()) / "gone/old.txt");
  const std::string head = scratch.commit("delete");
  auto repo = scratch.open();

  const changegate::DiffStats stats = repo->diff(base, head);
  REQUIRE(stats.files.size() == 1);
  CHECK(stats.files[0].status == 'D');
  CHECK(stats.files[0].path == "gone/old.txt");
  CHECK(stats.files[0].insertions == 0);
  CHECK(stats.files[0].deletions == 4);
  CHECK(stats.deletions == 4);
}

TEST_CASE("diff: an empty base diffs a root commit against nothing", "[git]") {
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n2\n");
  const std::string root = scratch.commit("root");
  auto repo = scratch.open();

  const changegate::DiffStats stats = repo->diff("", root);
  REQUIRE(stats.files.size() == 1);
  CHECK(stats.files[0].status == 'A');
  CHECK(stats.insertions == 2);
}

TEST_CASE("commits_between: head's commits not in base, oldest first", "[git]") {
  // base - one - two - merge(three on a side branch); the side commit
  // is older than "two" but must still come before the merge.
  ScratchRepo scratch;
  scratch.write("a.txt", "0\n");
  const std::string base = scratch.commit("base");
  scratch.git("switch -q -c side");
  scratch.write("side.txt", "s\n");
  scratch.commit("side");
  scratch.git("switch -q main");
  scratch.write("a.txt", "1\n");
  scratch.commit("one");
  scratch.write("a.txt", "2\n");
  scratch.commit("two");
  scratch.git("merge -q --no-ff -m merge side");
  const std::string head = scratch.git("rev-parse HEAD");
  auto repo = scratch.open();

  const std::vector<changegate::Commit> commits = repo->commits_between(base, head);
  REQUIRE(commits.size() == 4);
  CHECK(commits.back().sha == head);
  CHECK(commits.back().message == "merge\n");
  std::vector<std::string> before_merge;
  for (size_t i = 0; i + 1 < commits.size(); ++i) before_merge.push_back(commits[i].message);
  // Topological: "one" before "two"; "side" anywhere before the merge.
  const auto at = [&](const std::string& m) {
    return std::find(before_merge.begin(), before_merge.end(), m) - before_merge.begin();
  };
  CHECK(at("one\n") < at("two\n"));
  CHECK(at("side\n") < 3);
  CHECK(repo->commits_between(head, head).empty());
}

TEST_CASE("commit: author, committer time and the full message", "[git]") {
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n");
  const long committed_at = scratch.next_time();
  scratch.git("add -A");
  scratch.git("commit -q -m 'Add a' -m 'Why: because.'");
  const std::string sha = scratch.git("rev-parse HEAD");
  auto repo = scratch.open();

  const changegate::Commit commit = repo->commit(sha.substr(0, 10));
  CHECK(commit.sha == sha);
  CHECK(commit.author_name == "Ada Lovelace");
  CHECK(commit.author_email == "ada@example.com");
  CHECK(commit.time == committed_at);  // the author date is a day earlier
  CHECK(commit.message == "Add a\n\nWhy: because.\n");
}

TEST_CASE("branch_name: the current branch's short name", "[git]") {
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n");
  scratch.commit("root");
  scratch.git("switch -q -c feature/login");
  auto repo = scratch.open();

  CHECK(repo->branch_name() == "feature/login");
}

TEST_CASE("branch_name: empty when HEAD is detached", "[git]") {
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n");
  const std::string sha = scratch.commit("root");
  scratch.git("checkout -q --detach " + sha);
  auto repo = scratch.open();

  CHECK(repo->branch_name() == "");
}

TEST_CASE("branch_name: empty on a branch with no commit yet", "[git]") {
  ScratchRepo scratch;
  auto repo = scratch.open();

  CHECK(repo->branch_name() == "");
}

TEST_CASE("open: a directory in no repository gives nullptr", "[git]") {
  TempDir dir;
  if (GitRepo::open(fs::temp_directory_path().string()) != nullptr) {
    WARN("*** " << fs::temp_directory_path() << " is inside a git repository: "
                << "this test did NOT run. Point TMPDIR elsewhere. ***");
    return;
  }
  CHECK(GitRepo::open(dir.path().string()) == nullptr);
}

TEST_CASE("open: a subdirectory finds the enclosing repository", "[git]") {
  ScratchRepo scratch;
  scratch.write("src/deep/file.txt", "1\n");
  const std::string sha = scratch.commit("root");

  auto repo = GitRepo::open(scratch.dir() + "/src/deep");
  REQUIRE(repo != nullptr);
  CHECK(repo->workdir() == scratch.dir());
  CHECK(repo->resolve("HEAD") == sha);
}

TEST_CASE("open: a repository owned by another user opens", "[git]") {
  // CI checks out as one user and runs changegate as another.
  ScratchRepo scratch;
  scratch.write("a.txt", "1\n");
  const std::string sha = scratch.commit("root");
  if (geteuid() != 0 || std::system(("chown -R 65534 '" + scratch.dir() + "'").c_str()) != 0) {
    WARN("*** cannot give the repository to another user (needs root): "
         << "this test did NOT run. ***");
    return;
  }

  auto repo = GitRepo::open(scratch.dir());
  REQUIRE(repo != nullptr);
  CHECK(repo->resolve("HEAD") == sha);
}

TEST_CASE("open: a bare repository is an Error", "[git]") {
  ScratchRepo scratch("--bare");

  CHECK(error_of([&] { GitRepo::open(scratch.dir()); }) ==
        "git: " + scratch.dir() + " is a bare repository; run changegate in a checkout");
}
