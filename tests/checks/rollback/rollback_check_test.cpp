#include "checks/rollback/rollback_check.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/checks/check_harness.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::run_gate;

namespace {

constexpr Timestamp k_now = 1795255200;  // 2026-11-21T10:00:00Z
const std::string k_gate = "id = \"rb\"\nkind = \"rollback\"\nrto_minutes = 30\n";

// A repo directory holding the runbook, and a record whose rollback is complete.
struct Fixture {
  testing::TempDir dir;
  RepoContext repo;
  ChangeRecord change;
  Fixture() {
    dir.write("docs/runbooks/rb.md", "# rollback\n");
    repo.root = dir.path();
    repo.is_git = true;
    change.present = true;
    change.path = ".changegate/change.toml";
    change.id = "CHG-1";
    Rollback rb;
    rb.plan = "Point the orders view back at orders_v1; v2 is additive.";
    rb.steps = {"ALTER VIEW orders ...", "redeploy etl@v1.8.3"};
    rb.tested = true;
    rb.tested_at = k_now - 86400;
    rb.runbook = "docs/runbooks/rb.md";
    rb.max_minutes = 15;
    change.rollback = rb;
  }
  GateResult run(const std::string& gate = k_gate, std::optional<RiskLevel> risk = std::nullopt) {
    return run_gate(gate, change, repo, k_now, risk).result;
  }
};

}  // namespace

TEST_CASE("rollback gate: a complete, tested plan within the RTO passes") {
  Fixture f;
  const GateResult r = f.run();
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "2 steps, runbook docs/runbooks/rb.md, 15 min, tested 2026-11-20");
  CHECK(r.evidence.size() == 2);  // the record and the runbook
}

TEST_CASE("rollback gate: placeholder plans fail") {
  for (const char* plan : {"TBD", "N/A", "revert", "-", "", "git revert the PR", "  tbd.  "}) {
    Fixture f;
    f.change.rollback->plan = plan;
    const GateResult r = f.run();
    INFO("plan: " << plan);
    CHECK(r.status == Status::fail);
  }
  CHECK_FALSE(is_placeholder("Revert the view to orders_v1 and redeploy etl@v1.8.3"));
}

TEST_CASE("rollback gate: no change record fails naming the missing field") {
  Fixture f;
  f.change = ChangeRecord{};
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.summary == "no change record: rollback.plan is missing");
}

TEST_CASE("rollback gate: a record without [rollback] fails") {
  Fixture f;
  f.change.rollback.reset();
  CHECK(f.run().summary == "the change record has no [rollback] table");
}

TEST_CASE("rollback gate: steps must include at least one real step") {
  Fixture f;
  f.change.rollback->steps = {"TBD"};
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.problems.front() == "rollback.steps has no real step, only placeholders");
}

TEST_CASE("rollback gate: a runbook that is not in the repo fails, a URL is accepted") {
  Fixture f;
  f.change.rollback->runbook = "docs/runbooks/missing.md";
  CHECK(f.run().problems.front() ==
        "rollback.runbook \"docs/runbooks/missing.md\" does not exist in the repo");
  f.change.rollback->runbook = "../../etc/passwd";
  CHECK(f.run().status == Status::fail);
  f.change.rollback->runbook = "https://wiki.example.com/runbooks/orders";
  CHECK(f.run().status == Status::pass);
}

TEST_CASE("rollback gate: max_minutes over the RTO fails with both numbers") {
  Fixture f;
  f.change.rollback->max_minutes = 45;
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.problems.front() == "rollback takes up to 45 minutes, over the RTO of 30");
  bool found = false;
  for (const auto& c : r.comparisons)
    if (c.name == "rollback.max_minutes") {
      found = true;
      CHECK(c.actual == 45);
      CHECK(c.op == "<=");
      CHECK(c.expected == 30);
      CHECK_FALSE(c.ok);
    }
  CHECK(found);
}

TEST_CASE("rollback gate: an untested rollback fails while risk is unknown or high") {
  Fixture f;
  f.change.rollback->tested = false;
  CHECK(f.run().status == Status::fail);
  CHECK(f.run(k_gate, RiskLevel::high).status == Status::fail);
  SECTION("below tested_required_at_risk it is not required") {
    CHECK(f.run(k_gate, RiskLevel::medium).status == Status::pass);
  }
}

TEST_CASE("rollback gate: a rollback tested too long ago fails") {
  Fixture f;
  f.change.rollback->tested_at = k_now - 100 * 86400;
  const GateResult r = f.run(k_gate + "max_test_age = \"90d\"\n");
  CHECK(r.status == Status::fail);
  CHECK(r.problems.front() ==
        "rollback was tested on 2026-08-13, 100 days ago; max_test_age is 90d");
}

TEST_CASE("rollback gate: touching a migration needs a down migration that exists") {
  Fixture f;
  f.repo.diff.files.push_back(FileChange{"db/migrations/0042_v2.sql", "", 'A', false, 3, 0});
  const std::string gate = k_gate + "migration_paths = [\"db/migrations/*.sql\"]\n";
  CHECK(f.run(gate).problems.front() ==
        "the change touches migrations (db/migrations/0042_v2.sql) but rollback.down_migration "
        "is missing");
  f.change.rollback->down_migration = "db/migrations/0042_v2.down.sql";
  CHECK(f.run(gate).status == Status::fail);
  f.dir.write("db/migrations/0042_v2.down.sql", "DROP VIEW ...;\n");
  CHECK(f.run(gate).status == Status::pass);
}

TEST_CASE("rollback gate: migrations cannot be judged outside git: error, not pass") {
  Fixture f;
  f.repo.is_git = false;
  const GateResult r = f.run(k_gate + "migration_paths = [\"db/**\"]\n");
  CHECK(r.status == Status::error);
}

TEST_CASE("rollback gate: a known failure wins over what could not be judged") {
  Fixture f;
  f.repo.is_git = false;
  f.change.rollback->plan = "TBD";
  CHECK(f.run(k_gate + "migration_paths = [\"db/**\"]\n").status == Status::fail);
}

TEST_CASE("rollback gate: a FIFO given as the runbook is an error, never a hang") {
  Fixture f;
  REQUIRE(::mkfifo((f.dir.path() + "/docs/runbooks/pipe.md").c_str(), 0600) == 0);
  f.change.rollback->runbook = "docs/runbooks/pipe.md";
  const GateResult r = f.run();
  CHECK(r.status == Status::error);
  CHECK(r.summary == "rollback.runbook docs/runbooks/pipe.md: is a FIFO, not a regular file");
  // A known failure still wins over the unreadable runbook.
  f.change.rollback->plan = "TBD";
  CHECK(f.run().status == Status::fail);
}

TEST_CASE("rollback gate: a directory given as the runbook is an error") {
  Fixture f;
  f.change.rollback->runbook = "docs/runbooks";
  CHECK(f.run().summary == "rollback.runbook docs/runbooks: is a directory, not a file");
}

TEST_CASE("rollback gate: a tested_at in the future is an error, never fresh evidence") {
  Fixture f;
  f.change.rollback->tested_at = k_now + 30 * 86400;  // 2026-12-21, a month after the run
  const GateResult r = f.run();
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "rollback.tested_at 2026-12-21 is in the future (the run's clock says "
        "2026-11-21T10:00:00Z)");
}

TEST_CASE("rollback gate: a tested_at within five minutes of clock skew is accepted") {
  Fixture f;
  f.change.rollback->tested_at = k_now + 120;
  CHECK(f.run().status == Status::pass);
}

TEST_CASE("rollback gate: a runbook path that leaves the repository is not in the repo (fail)") {
  Fixture f;
  // A sibling folder whose name starts with the repo's: "/tmp/x" vs "/tmp/x-outside".
  const std::string sibling = f.dir.path() + "-outside";
  std::filesystem::create_directories(sibling);
  { std::ofstream(sibling + "/rb.md") << "# elsewhere\n"; }
  const std::vector<std::string> runbooks = {
      "../" + std::filesystem::path(sibling).filename().string() + "/rb.md", "../../etc/hostname",
      "docs/../../rb.md"};
  for (const std::string& runbook : runbooks) {
    f.change.rollback->runbook = runbook;
    const GateResult r = f.run();
    INFO("runbook: " << runbook);
    CHECK(r.status == Status::fail);
    CHECK(r.summary == "rollback.runbook \"" + runbook + "\" does not exist in the repo");
  }
  std::filesystem::remove_all(sibling);
}

TEST_CASE(
    "rollback gate: a runbook that is a symlink out of the repository is not in the repo "
    "(fail)") {
  Fixture f;
  testing::TempDir outside;
  outside.write("rb.md", "# outside\n");
  std::filesystem::create_symlink(outside.path() + "/rb.md", f.dir.path() + "/docs/link.md");
  f.change.rollback->runbook = "docs/link.md";
  const GateResult r = f.run();
  CHECK(r.status == Status::fail);
  CHECK(r.summary == "rollback.runbook \"docs/link.md\" does not exist in the repo");
}

TEST_CASE("rollback gate: a symlink that stays inside the repository is accepted") {
  Fixture f;
  std::filesystem::create_symlink("runbooks/rb.md", f.dir.path() + "/docs/alias.md");
  f.change.rollback->runbook = "docs/alias.md";
  CHECK(f.run().status == Status::pass);
}
