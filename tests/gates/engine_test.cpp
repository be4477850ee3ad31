#include "gates/engine.h"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "gates/error.h"

using namespace changegate;

namespace {

// A check whose outcome the test decides; counts how often it ran.
class FakeCheck : public Check {
 public:
  explicit FakeCheck(Status status, bool throws = false) : status_(status), throws_(throws) {}
  void evaluate(const CheckContext&, GateResult& r) const override {
    ++runs;
    if (throws_) throw std::runtime_error("evidence server unreachable");
    r.status = status_;
    r.summary = "fake";
  }
  mutable int runs = 0;

 private:
  Status status_;
  bool throws_;
};

GateConfig gate(const std::string& id, std::shared_ptr<const Check> check,
                Severity severity = Severity::block, bool on_error_blocks = true) {
  GateConfig g;
  g.id = id;
  g.kind = "fake";
  g.severity = severity;
  g.on_error_blocks = on_error_blocks;
  g.check = std::move(check);
  return g;
}

struct Fixture {
  Config config;
  ChangeRecord change;
  RepoContext repo;
  RunOptions options;
  Fixture() {
    config.path = "changegate.toml";
    change.id = "CHG-1";
    change.type = "feature";
    repo.is_git = true;
    repo.diff.files.push_back(FileChange{"etl/orders/v2.py", "", 'A', false, 10, 0});
    options.now = 1795255200;  // 2026-11-21T10:00:00Z
  }
  Evaluation run() { return evaluate(config, change, repo, options); }
};

}  // namespace

TEST_CASE("engine: all gates passing is a pass verdict") {
  Fixture f;
  f.config.gates.push_back(gate("a", std::make_shared<FakeCheck>(Status::pass)));
  const Evaluation e = f.run();
  CHECK_FALSE(e.blocked);
  CHECK(e.gates[0].status == Status::pass);
}

TEST_CASE("engine: a failing blocking gate blocks, a failing warn gate does not") {
  Fixture f;
  f.config.gates.push_back(gate("warn", std::make_shared<FakeCheck>(Status::fail), Severity::warn));
  CHECK_FALSE(f.run().blocked);
  f.config.gates.push_back(gate("block", std::make_shared<FakeCheck>(Status::fail)));
  CHECK(f.run().blocked);
}

TEST_CASE("engine: an error blocks unless on_error is warn") {
  Fixture f;
  f.config.gates.push_back(
      gate("e", std::make_shared<FakeCheck>(Status::error), Severity::block, false));
  CHECK_FALSE(f.run().blocked);
  f.config.gates.push_back(gate("e2", std::make_shared<FakeCheck>(Status::error)));
  CHECK(f.run().blocked);
}

TEST_CASE("engine: a check that throws is an error, never a pass") {
  Fixture f;
  f.config.gates.push_back(gate("t", std::make_shared<FakeCheck>(Status::pass, true)));
  const Evaluation e = f.run();
  CHECK(e.gates[0].status == Status::error);
  CHECK(e.gates[0].summary == "could not evaluate: evidence server unreachable");
  CHECK(e.blocked);
}

TEST_CASE("engine: a check that leaves its status alone is an error") {
  class Silent : public Check {
    void evaluate(const CheckContext&, GateResult&) const override {}
  };
  Fixture f;
  f.config.gates.push_back(gate("s", std::make_shared<Silent>()));
  CHECK(f.run().gates[0].status == Status::error);
}

TEST_CASE("engine: --only skips the other gates and says so") {
  Fixture f;
  auto other = std::make_shared<FakeCheck>(Status::fail);
  f.config.gates.push_back(gate("wanted", std::make_shared<FakeCheck>(Status::pass)));
  f.config.gates.push_back(gate("other", other));
  f.options.only = {"wanted"};
  const Evaluation e = f.run();
  CHECK(e.gates[1].status == Status::skip);
  CHECK(e.gates[1].summary == "skipped: not selected by --only");
  CHECK(other->runs == 0);
  CHECK_FALSE(e.blocked);
}

TEST_CASE("engine: --only with an unknown id is an invocation error") {
  Fixture f;
  f.config.gates.push_back(gate("unit-tests", std::make_shared<FakeCheck>(Status::pass)));
  f.options.only = {"unit-test"};
  CHECK_THROWS_WITH(f.run(),
                    "--only unit-test: no gate with that id in changegate.toml (did you "
                    "mean \"unit-tests\"?)");
}

TEST_CASE("engine: when.paths skips a gate no changed file concerns") {
  Fixture f;
  GateConfig g = gate("docs", std::make_shared<FakeCheck>(Status::fail));
  g.when = When{{"docs/**"}, {}, std::nullopt};
  f.config.gates.push_back(g);
  const Evaluation e = f.run();
  CHECK(e.gates[0].status == Status::skip);
  CHECK(e.gates[0].summary == "skipped: no changed file matches when.paths");
}

TEST_CASE("engine: when.paths runs the gate when a file matches, or when there is no diff") {
  Fixture f;
  GateConfig g = gate("etl", std::make_shared<FakeCheck>(Status::pass));
  g.when = When{{"etl/**"}, {}, std::nullopt};
  f.config.gates.push_back(g);
  CHECK(f.run().gates[0].status == Status::pass);
  f.repo.is_git = false;
  f.config.gates[0].when = When{{"docs/**"}, {}, std::nullopt};
  CHECK(f.run().gates[0].status == Status::pass);
}

TEST_CASE("engine: when.change_types selects by the record's type") {
  Fixture f;
  GateConfig g = gate("fixes-only", std::make_shared<FakeCheck>(Status::fail));
  g.when = When{{}, {"fix", "emergency"}, std::nullopt};
  f.config.gates.push_back(g);
  CHECK(f.run().gates[0].summary == "skipped: change type \"feature\" is not in when.change_types");
  f.change.type = "fix";
  CHECK(f.run().gates[0].status == Status::fail);
}

TEST_CASE("engine: a gate with risk_at_least runs while risk is not assessed") {
  Fixture f;
  f.repo.is_git = false;
  GateConfig g = gate("risky", std::make_shared<FakeCheck>(Status::pass));
  g.when = When{{}, {}, RiskLevel::critical};
  f.config.gates.push_back(g);
  const Evaluation e = f.run();
  CHECK(e.gates[0].status == Status::pass);
  CHECK_FALSE(e.risk);
  CHECK(e.risk_not_assessed == "not a git work tree: no diff to assess");
}

TEST_CASE("engine: risk is assessed before the gates and selects them by level") {
  Fixture f;  // one 10-line file in no component: low risk
  GateConfig g = gate("high-only", std::make_shared<FakeCheck>(Status::fail));
  g.when = When{{}, {}, RiskLevel::high};
  f.config.gates.push_back(g);
  Evaluation e = f.run();
  REQUIRE(e.risk);
  CHECK(e.risk->level == RiskLevel::low);
  CHECK(e.gates[0].summary == "skipped: risk level low is below when.risk_at_least high");
  CHECK_FALSE(e.blocked);
  f.config.risk.levels = RiskLevelThresholds{0, 0, 90};  // everything is at least high now
  e = f.run();
  CHECK(e.gates[0].status == Status::fail);
}

TEST_CASE("engine: gate outcomes never feed back into the risk score") {
  Fixture f;
  f.config.gates.push_back(gate("a", std::make_shared<FakeCheck>(Status::pass)));
  const int passing = f.run().risk->score;
  f.config.gates[0] = gate("a", std::make_shared<FakeCheck>(Status::fail));
  CHECK(f.run().risk->score == passing);
}

TEST_CASE("engine: an unexpired waiver turns a failure into waived and unblocks") {
  Fixture f;
  f.config.gates.push_back(gate("security", std::make_shared<FakeCheck>(Status::fail)));
  WaiverConfig w;
  w.gate = "security";
  w.change = "CHG-1";
  w.reason = "CVE not reachable";
  w.approved_by = "carol";
  w.expires = 1796083200;  // 2026-12-01
  w.line = 12;
  f.config.waivers.push_back(w);
  Evaluation e = f.run();
  CHECK(e.gates[0].status == Status::waived);
  REQUIRE(e.gates[0].waiver);
  CHECK(e.gates[0].waiver->covered == Status::fail);
  CHECK_FALSE(e.blocked);

  SECTION("the same waiver after its expiry no longer applies, and says so") {
    f.options.now = 1796083200;
    e = f.run();
    CHECK(e.gates[0].status == Status::fail);
    CHECK(e.blocked);
    CHECK(e.gates[0].problems.back() ==
          "changegate.toml:12: a waiver for this gate expired on 2026-12-01T00:00:00Z (approved "
          "by carol)");
  }
  SECTION("a waiver for another change does not apply") {
    f.change.id = "CHG-2";
    CHECK(f.run().gates[0].status == Status::fail);
  }
}

TEST_CASE("engine: a waiver never touches a passing gate") {
  Fixture f;
  f.config.gates.push_back(gate("g", std::make_shared<FakeCheck>(Status::pass)));
  WaiverConfig w;
  w.gate = "g";
  w.change = "CHG-1";
  w.expires = 1796083200;
  f.config.waivers.push_back(w);
  CHECK(f.run().gates[0].status == Status::pass);
}
