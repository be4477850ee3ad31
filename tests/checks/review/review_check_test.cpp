// The review gate on the change record and on git trailers, over real git
// repositories built in temp dirs.
#include "checks/review/review_check.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "checks/registry.h"
#include "gates/error.h"
#include "tests/checks/check_harness.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::run_gate;

namespace {

constexpr Timestamp k_now = 1795255200;  // 2026-11-21T10:00:00Z

const std::string k_teams_and_components =
    "[teams]\ndata-platform = [\"bob\", \"carol\"]\n"
    "[components.orders_etl]\npaths = [\"etl/**\"]\nowners = [\"@data-platform\"]\n";

// A repo with main at one commit and a feature branch on top, checked out.
struct GitFixture {
  testing::TempRepo repo;
  std::string base;
  GitFixture() {
    repo.write("README.md", "orders\n");
    base = repo.commit("initial", "bob");
    repo.git("checkout -q -b feature");
  }
  RepoContext context() const { return open_repo_context(repo.path(), base, "HEAD"); }
  GateResult run(const std::string& gate, const ChangeRecord& change = author("alice")) const {
    const RepoContext ctx = context();
    GateRun run{parse_config(k_teams_and_components + "[[gate]]\n" + gate, "changegate.toml",
                             checks::registry()),
                {}};
    const CheckContext check_ctx{change, ctx, run.config, k_now, std::nullopt};
    run.config.gates.at(0).check->evaluate(check_ctx, run.result);
    return run.result;
  }
  static ChangeRecord author(const std::string& who) {
    ChangeRecord c;
    c.present = true;
    c.path = ".changegate/change.toml";
    c.author = who;
    return c;
  }
  using GateRun = testing::GateRun;
};

const std::string k_git_gate = "id = \"review\"\nkind = \"review\"\nsource = \"git\"\n";

// etl/a.py changed with carol's approval and owners required: whatever
// CODEOWNERS the test put in the work tree decides (git add skips a FIFO).
GateResult run_owners_gate(const GitFixture& f) {
  f.repo.write("etl/a.py", "x\n");
  f.repo.commit("Add a\n\nReviewed-by: carol", "alice");
  return f.run(k_git_gate + "require_owners = true\n");
}

}  // namespace

TEST_CASE("review gate: a Reviewed-by trailer on head from someone else passes") {
  GitFixture f;
  f.repo.write("etl/a.py", "x\n");
  f.repo.commit("Add a\n\nReviewed-by: bob <bob@example.com>", "alice");
  const GateResult r = f.run(k_git_gate);
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "approved by bob <bob@example.com> (git)");
  CHECK(r.details["approvers"] == nlohmann::json{"bob <bob@example.com>"});
  REQUIRE(r.evidence.size() == 2);  // the record and the commit messages read
  CHECK(r.evidence[1].path.rfind("git " + f.base.substr(0, 12) + "..", 0) == 0);
  CHECK(r.evidence[1].sha256.size() == 64);
}

TEST_CASE("review gate: no review trailer fails with the count") {
  GitFixture f;
  f.repo.write("etl/a.py", "x\n");
  f.repo.commit("Add a\n\nSigned-off-by: alice <alice@example.com>", "alice");
  const GateResult r = f.run(k_git_gate);
  CHECK(r.status == Status::fail);
  CHECK(r.summary == "0 approvals (nobody), 1 required");
}

TEST_CASE("review gate: the commit author's own trailer never counts") {
  GitFixture f;
  f.repo.write("etl/a.py", "x\n");
  f.repo.commit("Add a\n\nReviewed-by: alice <alice@example.com>", "alice");
  const GateResult r = f.run(k_git_gate + "allow_self_approval = true\n");
  CHECK(r.status == Status::fail);
  CHECK(r.details["not_counted"][0]["why"] == "a trailer on the reviewer's own commit");
}

TEST_CASE("review gate: the change author cannot approve unless allow_self_approval") {
  GitFixture f;
  f.repo.write("etl/a.py", "x\n");
  // dave commits, but the record says alice wrote the change and alice reviews.
  f.repo.commit("Add a\n\nApproved-by: alice", "dave");
  CHECK(f.run(k_git_gate).status == Status::fail);
  CHECK(f.run(k_git_gate + "allow_self_approval = true\n").status == Status::pass);
}

TEST_CASE("review gate: a trailer on an older commit than head is stale") {
  GitFixture f;
  f.repo.write("etl/a.py", "x\n");
  f.repo.commit("Add a\n\nReviewed-by: bob", "alice");
  f.repo.write("etl/b.py", "y\n");
  f.repo.commit("Add b, unreviewed", "alice");
  const GateResult r = f.run(k_git_gate);
  CHECK(r.status == Status::fail);
  CHECK(r.details["not_counted"][0]["why"].get<std::string>().rfind("stale: given on ", 0) == 0);
  CHECK(f.run(k_git_gate + "dismiss_stale = false\n").status == Status::pass);
}

TEST_CASE("review gate: min_approvals counts distinct people across trailer kinds") {
  GitFixture f;
  f.repo.write("etl/a.py", "x\n");
  f.repo.commit("Add a\n\nReviewed-by: bob\nAcked-by: Bob <bob@example.com>\nApproved-by: carol",
                "alice");
  const GateResult r = f.run(k_git_gate + "min_approvals = 2\n");
  CHECK(r.status == Status::pass);
  CHECK(r.comparisons.at(0).actual == 2);
  CHECK(f.run(k_git_gate + "min_approvals = 3\n").status == Status::fail);
}

TEST_CASE("review gate: require_owners passes when a team member approves via component owners") {
  GitFixture f;
  f.repo.write("etl/a.py", "x\n");
  f.repo.write("docs/notes.md", "unowned\n");
  f.repo.commit("Add a\n\nReviewed-by: carol", "alice");
  const GateResult r = f.run(k_git_gate + "require_owners = true\n");
  CHECK(r.status == Status::pass);
  CHECK(r.details["owner_groups"][0]["rule"] == "component orders_etl");
  CHECK(r.details["unowned_files"] == nlohmann::json{"docs/notes.md"});
}

TEST_CASE("review gate: require_owners fails naming each file group without an owner's approval") {
  GitFixture f;
  f.repo.write(".github/CODEOWNERS", "/etl/ @data-platform\n*.sql @dba\n");
  f.repo.commit("codeowners", "bob");
  const std::string base = f.repo.git("rev-parse HEAD").substr(0, 40);
  f.repo.write("etl/a.py", "x\n");
  f.repo.write("etl/q.sql", "select 1;\n");
  f.repo.write("sql/r.sql", "select 2;\n");
  f.repo.commit("Add a\n\nReviewed-by: carol", "alice");
  const RepoContext ctx = open_repo_context(f.repo.path(), base, "HEAD");
  GitFixture::GateRun run{
      parse_config(k_teams_and_components + "[[gate]]\n" + k_git_gate + "require_owners = true\n",
                   "changegate.toml", checks::registry()),
      {}};
  const ChangeRecord change = GitFixture::author("alice");
  run.config.gates.at(0).check->evaluate(CheckContext{change, ctx, run.config, k_now, {}},
                                         run.result);
  const GateResult& r = run.result;
  CHECK(r.status == Status::fail);
  CHECK(
      r.summary ==
      "no owner approval for 2 files (etl/q.sql, ...) owned by @dba [.github/CODEOWNERS:2 *.sql]");
  REQUIRE(r.details["owner_groups"].size() == 2);
  CHECK(r.details["owner_groups"][0]["files"] == nlohmann::json{"etl/a.py"});
  CHECK(r.details["owner_groups"][0]["approved_by"] == nlohmann::json{"carol"});
  CHECK(r.evidence.back().path == ".github/CODEOWNERS");
}

TEST_CASE("review gate: a CODEOWNERS line without owners makes files unowned") {
  GitFixture f;
  f.repo.write("CODEOWNERS", "* @dba\n/etl/generated/\n");
  f.repo.commit("codeowners", "bob");
  const std::string base = f.repo.git("rev-parse HEAD").substr(0, 40);
  f.repo.write("etl/generated/a.py", "x\n");
  f.repo.commit("regenerate\n\nReviewed-by: carol", "alice");
  const RepoContext ctx = open_repo_context(f.repo.path(), base, "HEAD");
  GitFixture::GateRun run{
      parse_config(k_teams_and_components + "[[gate]]\n" + k_git_gate + "require_owners = true\n",
                   "changegate.toml", checks::registry()),
      {}};
  const ChangeRecord change = GitFixture::author("alice");
  run.config.gates.at(0).check->evaluate(CheckContext{change, ctx, run.config, k_now, {}},
                                         run.result);
  CHECK(run.result.status == Status::pass);
  CHECK(run.result.details["unowned_files"] == nlohmann::json{"etl/generated/a.py"});
}

TEST_CASE("review gate: git source outside a git work tree is an error, not a pass") {
  testing::TempDir dir;
  RepoContext repo;
  repo.root = dir.path();
  const GateResult r = run_gate(k_git_gate, ChangeRecord{}, repo, k_now).result;
  CHECK(r.status == Status::error);
  CHECK(r.summary == "cannot read review trailers: " + dir.path() + " is not a git work tree");
}

// --- source = "change"

namespace {

const std::string k_head = "3f2c9e1d00000000000000000000000000000000";

struct RecordFixture {
  RepoContext repo;
  ChangeRecord change;
  RecordFixture() {
    repo.root = "/nonexistent";
    repo.is_git = true;
    repo.head = k_head;
    change.present = true;
    change.path = ".changegate/change.toml";
    change.author = "alice";
  }
  void approve(const std::string& by, const std::string& commit) {
    change.approvals.push_back({by, std::nullopt, commit, 20});
  }
  GateResult run(const std::string& extra = "") const {
    return run_gate("id = \"review\"\nkind = \"review\"\n" + extra, change, repo, k_now).result;
  }
};

}  // namespace

TEST_CASE("review gate: a record approval whose commit is a prefix of head passes") {
  RecordFixture f;
  f.approve("bob", "3f2c9e1");
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "approved by bob (change)");
}

TEST_CASE("review gate: a record approval on another commit or none is stale") {
  RecordFixture f;
  f.approve("bob", "abcdef1");
  f.approve("carol", "");
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.summary ==
        "0 approvals (nobody), 1 required; not counted: bob (stale: given on abcdef1, head is "
        "3f2c9e1) and 1 more");
  CHECK(f.run("dismiss_stale = false\n").status == Status::pass);
}

TEST_CASE("review gate: a too-short commit prefix does not resolve to head") {
  RecordFixture f;
  f.approve("bob", "3f2");
  CHECK(f.run().status == Status::fail);
}

TEST_CASE("review gate: the author approving their own record does not count") {
  RecordFixture f;
  f.approve("Alice <ALICE@example.com>", "3f2c9e1");
  f.change.author = "alice@example.com";
  CHECK(f.run().status == Status::fail);
  CHECK(f.run("allow_self_approval = true\n").status == Status::pass);
}

TEST_CASE("review gate: without a change record there are no approvals") {
  RecordFixture f;
  f.change = ChangeRecord{};
  CHECK(f.run().status == Status::fail);
  CHECK(f.run("min_approvals = 0\n").status == Status::pass);
}

TEST_CASE(
    "review gate: require_owners outside git is an error, unless another rule already fails") {
  RecordFixture f;
  f.repo.is_git = false;
  f.approve("bob", "3f2c9e1");
  CHECK(f.run("require_owners = true\n").status == Status::error);
  f.change.approvals.clear();
  CHECK(f.run("require_owners = true\n").status == Status::fail);
}

TEST_CASE("review gate: bad config is a file:line error with the key") {
  auto load = [](const std::string& body) {
    try {
      parse_config("[[gate]]\nid = \"r\"\nkind = \"review\"\n" + body, "changegate.toml",
                   checks::registry());
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(load("source = \"gitub\"\n").find("changegate.toml:4:") == 0);
  CHECK(load("min_aprovals = 2\n") ==
        "changegate.toml:4: gate \"r\": unknown key \"min_aprovals\" (did you mean "
        "\"min_approvals\"?)");
  CHECK(load("source = \"git\"\ntoken_env = \"X\"\n") ==
        "changegate.toml:5: gate \"r\": \"token_env\" applies to source = \"github\" or "
        "\"gitlab\", not \"git\"");
  CHECK(load("source = \"github\"\nrepository = \"acme\"\n") ==
        "changegate.toml:5: gate \"r\": \"repository\" must be \"owner/repo\", got \"acme\"");
}

TEST_CASE("review gate: with head unknown approvals are counted but never pass") {
  RecordFixture f;
  f.repo.head.clear();
  f.repo.is_git = false;
  f.approve("bob", "3f2c9e1");
  const GateResult r = f.run();
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "cannot tell whether approvals are on the gated commit: head is unknown (not a git work "
        "tree)");
  f.change.approvals.clear();
  CHECK(f.run().status == Status::fail);  // a known shortfall still fails
  CHECK(f.run("dismiss_stale = false\nmin_approvals = 0\n").status == Status::pass);
}

TEST_CASE("review gate: a FIFO given as CODEOWNERS is an error, never a hang") {
  GitFixture f;
  REQUIRE(::mkdir((f.repo.path() + "/.github").c_str(), 0700) == 0);
  REQUIRE(::mkfifo((f.repo.path() + "/.github/CODEOWNERS").c_str(), 0600) == 0);
  const GateResult r = run_owners_gate(f);
  CHECK(r.status == Status::error);
  CHECK(r.summary == ".github/CODEOWNERS: is a FIFO, not a regular file");
}

TEST_CASE("review gate: a directory named CODEOWNERS is an error, not skipped for docs/") {
  GitFixture f;
  f.repo.write("docs/CODEOWNERS", "* @dba\n");
  f.repo.write("CODEOWNERS/README", "a directory\n");
  CHECK(run_owners_gate(f).summary == "CODEOWNERS: is a directory, not a file");
}

TEST_CASE("review gate: credentials in api_url are refused at load, never echoed") {
  // Expected: exit 2 at load; the message names the key, not the value.
  for (const char* source : {"github", "gitlab"}) {
    INFO(source);
    try {
      parse_config(std::string("[[gate]]\nid = \"r\"\nkind = \"review\"\nsource = \"") + source +
                       "\"\napi_url = \"https://user:tok-9f1e@git.example.com/api\"\n",
                   "changegate.toml", checks::registry());
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()) ==
            "changegate.toml:5: gate \"r\": \"api_url\" must not carry credentials; put the "
            "token in the environment variable \"token_env\" names");
    }
  }
}

TEST_CASE("review gate: a record approval by a commit author is self-approval") {
  // Expected: fail — the record says alice wrote it, but carol committed base..head and approves.
  GitFixture f;
  f.repo.write("etl/a.py", "x\n");
  const std::string head = f.repo.commit("Add a", "carol");
  ChangeRecord change = GitFixture::author("alice");
  change.approvals.push_back({"Carol <CAROL@example.com>", std::nullopt, head, 20});
  const GateResult r = f.run("id = \"review\"\nkind = \"review\"\n", change);
  CHECK(r.status == Status::fail);
  CHECK(r.details["not_counted"][0]["why"] == "the author cannot review their own change");
  CHECK(r.details["authors"] == nlohmann::json{"alice", "carol"});
}

TEST_CASE("review gate: a record without author takes the commit authors as authors") {
  // Expected: fail for dave (he wrote the commit), pass for bob.
  GitFixture f;
  f.repo.write("etl/a.py", "x\n");
  const std::string head = f.repo.commit("Add a", "dave");
  ChangeRecord change = GitFixture::author("");
  change.approvals.push_back({"dave@example.com", std::nullopt, head, 20});
  CHECK(f.run("id = \"review\"\nkind = \"review\"\n", change).status == Status::fail);
  change.approvals.push_back({"bob", std::nullopt, head, 21});
  const GateResult r = f.run("id = \"review\"\nkind = \"review\"\n", change);
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "approved by bob (change)");
}
