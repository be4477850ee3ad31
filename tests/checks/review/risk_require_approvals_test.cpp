// [[risk.require]] min_approvals counted through the review gate's own code
// (gates/approvals.h): identities, self-approval, stale dismissal and the
// configured review source. Here, not in tests/gates/, because the scenarios
// need the review gate kind from the registry.
#include <catch2/catch.hpp>

#include "checks/registry.h"
#include "gates/config.h"
#include "gates/risk_require.h"
#include "tests/support/api_replay.h"
#include "tests/support/temp_repo.h"

using namespace changegate;

namespace {

constexpr Timestamp k_now = 1795255200;
const std::string k_require = "[[risk.require]]\nat_least = \"high\"\nmin_approvals = 2\n";

struct RiskFixture {
  testing::TempRepo repo;
  std::string base;
  RiskFixture() {
    repo.write("README.md", "orders\n");
    base = repo.commit("initial", "bob");
    repo.git("checkout -q -b feature");
  }
  // Evaluates the [[risk.require]] gate of `gate_file` at risk high.
  GateResult run(const std::string& gate_file, const ChangeRecord& change) const {
    const RepoContext ctx = open_repo_context(repo.path(), base, "HEAD");
    const Config config = parse_config(gate_file, "changegate.toml", checks::registry());
    Secrets secrets;
    const CheckContext check_ctx{change, ctx, config, k_now, RiskLevel::high, &secrets};
    GateResult r;
    for (const auto& gate : config.gates)
      if (gate.kind == k_risk_require_kind) gate.check->evaluate(check_ctx, r);
    return r;
  }
  static ChangeRecord record(const std::string& author) {
    ChangeRecord c;
    c.present = true;
    c.path = ".changegate/change.toml";
    c.author = author;
    return c;
  }
};

}  // namespace

TEST_CASE("risk obligation: one approver written two ways is one approval") {
  // Expected: fail, 1 of 2 — "bob" and "Bob <bob@example.com>" are one person.
  RiskFixture f;
  f.repo.write("a.txt", "x\n");
  const std::string head = f.repo.commit("Add a", "alice");
  ChangeRecord change = RiskFixture::record("alice");
  change.approvals.push_back({"bob", std::nullopt, head, 20});
  change.approvals.push_back({"Bob <bob@example.com>", std::nullopt, head, 24});
  const GateResult r = f.run(k_require, change);
  CHECK(r.status == Status::fail);
  CHECK(r.summary == "at risk high or above the change needs 2 approvals, has 1 (bob)");
  CHECK(r.details["approval_source"] == "change");
}

TEST_CASE("risk obligation: a commit author's approval and a stale one do not count") {
  // Expected: fail, 1 of 2 — carol committed the change, dave approved an older commit.
  RiskFixture f;
  f.repo.write("a.txt", "x\n");
  const std::string first = f.repo.commit("Add a", "carol");
  f.repo.write("b.txt", "y\n");
  const std::string head = f.repo.commit("Add b", "alice");
  ChangeRecord change = RiskFixture::record("alice");
  change.approvals.push_back({"carol", std::nullopt, head, 20});
  change.approvals.push_back({"dave", std::nullopt, first, 24});
  change.approvals.push_back({"erin", std::nullopt, head, 28});
  const GateResult r = f.run(k_require, change);
  CHECK(r.status == Status::fail);
  CHECK(r.comparisons.at(0).actual == 1);
  REQUIRE(r.details["not_counted"].size() == 2);
  CHECK(r.details["not_counted"][0]["why"] == "the author cannot review their own change");
}

TEST_CASE("risk obligation: with a git-trailer review gate, trailers are the approvals") {
  // Expected: pass — Reviewed-by bob and Approved-by carol on head; the record has none.
  RiskFixture f;
  f.repo.write("a.txt", "x\n");
  f.repo.commit("Add a\n\nReviewed-by: bob\nApproved-by: Carol <carol@example.com>", "alice");
  const GateResult r =
      f.run("[[gate]]\nid = \"review\"\nkind = \"review\"\nsource = \"git\"\n" + k_require,
            RiskFixture::record("alice"));
  CHECK(r.status == Status::pass);
  CHECK(r.details["approval_source"] == "git");
  CHECK(r.details["approvers"] == nlohmann::json{"bob", "Carol <carol@example.com>"});
}

TEST_CASE("risk obligation: the review gate's allow_self_approval and dismiss_stale apply") {
  // Expected: pass — the review gate lets the stale trailer count (dismiss_stale = false).
  RiskFixture f;
  f.repo.write("a.txt", "x\n");
  f.repo.commit("Add a\n\nReviewed-by: bob\nReviewed-by: carol", "alice");
  f.repo.write("b.txt", "y\n");
  f.repo.commit("Add b", "alice");
  const std::string review = "[[gate]]\nid = \"review\"\nkind = \"review\"\nsource = \"git\"\n";
  CHECK(f.run(review + k_require, RiskFixture::record("alice")).status == Status::fail);
  CHECK(
      f.run(review + "dismiss_stale = false\n" + k_require, RiskFixture::record("alice")).status ==
      Status::pass);
}

TEST_CASE("risk obligation: with a GitHub review gate, the API's reviews are counted") {
  // Expected: fail, 1 of 2 — only bob approves the pull request's head (github/approved.json).
  testing::ApiReplay server("github/approved.json");
  setenv("CG_TEST_RISK_TOKEN", "ghp_riskTOKEN0123456789", 1);
  RiskFixture f;
  f.repo.write("a.txt", "x\n");
  f.repo.commit("Add a", "alice");
  const GateResult r = f.run(
      "[[gate]]\nid = \"review\"\nkind = \"review\"\nsource = \"github\"\n"
      "token_env = \"CG_TEST_RISK_TOKEN\"\nrepository = \"acme/orders\"\npull_request = 7\n"
      "api_url = \"" +
          server.url() + "\"\n" + k_require,
      RiskFixture::record("alice"));
  CHECK(r.status == Status::fail);
  CHECK(r.details["approval_source"] == "github");
  CHECK(r.summary == "at risk high or above the change needs 2 approvals, has 1 (bob)");
}

TEST_CASE("risk obligation: a review source that cannot be read is an error, not a count of 0") {
  // Expected: error — the git source outside a git work tree.
  testing::TempDir dir;
  RepoContext repo;
  repo.root = dir.path();
  const Config config =
      parse_config("[[gate]]\nid = \"review\"\nkind = \"review\"\nsource = \"git\"\n" + k_require,
                   "changegate.toml", checks::registry());
  const ChangeRecord change = RiskFixture::record("alice");
  const CheckContext ctx{change, repo, config, k_now, RiskLevel::high};
  GateResult r;
  config.gates.at(1).check->evaluate(ctx, r);
  CHECK(r.status == Status::error);
  CHECK(r.summary == "cannot count approvals: cannot read review trailers: " + dir.path() +
                         " is not a git work tree");
}
