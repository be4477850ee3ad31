#include "gates/risk.h"

#include <catch2/catch.hpp>

#include "checks/registry.h"
#include "gates/blast_radius.h"
#include "gates/git/repo_context.h"
#include "tests/support/temp_repo.h"

using namespace changegate;

namespace {

const char* k_components = R"(
[components.orders_etl]
paths = ["etl/orders/**"]
tier = 1
data = ["financial"]
downstream = ["bi_revenue", "finance_export"]
[components.bi_revenue]
tier = 1
[components.finance_export]
tier = 2
data = ["financial"]
[components.docs]
paths = ["docs/**"]
tier = 3
[risk]
migration_paths = ["etl/orders/migrations/*.sql"]
)";

struct Assessed {
  BlastRadius radius;
  RiskAssessment risk;
};

Assessed assess(const Config& config, const ChangeRecord& change, const DiffStats& diff,
                Timestamp now = 1795428000 /* Mon 2026-11-23 10:00Z */) {
  Assessed a;
  a.radius = compute_blast_radius(config, diff);
  a.risk = assess_risk(RiskInputs{config, change, diff, a.radius, now, nullptr});
  return a;
}

const RiskFactor& factor(const RiskAssessment& r, const std::string& name) {
  for (const auto& f : r.factors)
    if (f.name == name) return f;
  throw std::runtime_error("no factor " + name);
}

// A real repository: main with a base tree, then the change on a branch.
struct GitScenario {
  testing::TempRepo repo;
  GitScenario() {
    repo.write("etl/orders/orders_v1.py", "v1\n");
    repo.write("docs/guide.md", "guide\n");
    repo.write("etl/orders/old_name.py", std::string(40, 'x') + "\n");
    repo.commit("base");
    repo.git("checkout -q -b change");
  }
  Assessed run(const std::string& gates, const std::string& type = "feature") {
    repo.commit("change");
    const RepoContext ctx = open_repo_context(repo.path(), "", "");
    static Config config;
    config = parse_config(gates, "changegate.toml", checks::registry());
    ChangeRecord change;
    change.type = type;
    change.id = "CHG-1";
    return assess(config, change, ctx.diff);
  }
};

}  // namespace

TEST_CASE("risk: every factor is listed, in a fixed order, with its reason") {
  const Config c = parse_config(k_components, "changegate.toml", checks::registry());
  const Assessed a = assess(c, ChangeRecord{}, DiffStats{});
  REQUIRE(a.risk.factors.size() == risk_factor_names().size());
  for (std::size_t i = 0; i < a.risk.factors.size(); ++i) {
    CHECK(a.risk.factors[i].name == risk_factor_names()[i]);
    CHECK_FALSE(a.risk.factors[i].reason.empty());
  }
  CHECK(a.risk.score == 0);
  CHECK(a.risk.level == RiskLevel::low);
}

TEST_CASE("risk: change size and files touched are pro rata with a cap") {
  const Config c = parse_config(k_components, "changegate.toml", checks::registry());
  DiffStats d;
  d.insertions = 300;
  d.deletions = 40;
  for (int i = 0; i < 7; ++i) d.files.push_back({"f" + std::to_string(i), "", 'M', false, 0, 0});
  const Assessed a = assess(c, ChangeRecord{}, d);
  CHECK(factor(a.risk, "change_size").points == 7);  // 20 x 340/1000 = 6.8
  CHECK(factor(a.risk, "change_size").reason ==
        "340 lines changed (+300 -40): 20 x 340/1000, at most 20");
  CHECK(factor(a.risk, "files_touched").points == 1);  // 10 x 7/50 = 1.4
  d.insertions = 5000;
  CHECK(factor(assess(c, ChangeRecord{}, d).risk, "change_size").points == 20);
}

TEST_CASE("risk: tier, downstream and data classes of a tier-1 financial change") {
  const Config c = parse_config(k_components, "changegate.toml", checks::registry());
  DiffStats d;
  d.files = {{"etl/orders/v2.py", "", 'A', false, 10, 0}};
  const Assessed a = assess(c, ChangeRecord{}, d);
  CHECK(factor(a.risk, "tier").points == 20);
  CHECK(factor(a.risk, "tier").reason == "touches tier-1 component orders_etl (1 file)");
  CHECK(factor(a.risk, "downstream").points == 9);
  CHECK(factor(a.risk, "downstream").reason ==
        "reaches 2 downstream components: bi_revenue (tier 1: 6), finance_export (tier 2: 3)");
  CHECK(factor(a.risk, "data_classes").points == 10);
}

TEST_CASE("risk: change type moves the score: emergency up, docs down, never below 0") {
  const Config c = parse_config(k_components, "changegate.toml", checks::registry());
  DiffStats d;
  d.files = {{"docs/guide.md", "", 'M', false, 1, 1}};
  ChangeRecord docs;
  docs.type = "docs";
  const Assessed a = assess(c, docs, d);
  CHECK(factor(a.risk, "change_type").points == -10);
  CHECK(a.risk.score == 0);  // 5 (tier 3) + 0 - 10, clamped
  ChangeRecord emergency;
  emergency.type = "emergency";
  CHECK(factor(assess(c, emergency, d).risk, "change_type").points == 15);
}

TEST_CASE("risk: a freeze window adds its weight only inside the window") {
  Config c = parse_config(std::string(k_components) +
                              "[[freeze]]\nname = \"weekend\"\nweekly_from = \"Fri 15:00\"\n"
                              "weekly_to = \"Mon 08:00\"\n",
                          "changegate.toml", checks::registry());
  const RiskFactor inside =
      factor(assess(c, ChangeRecord{}, DiffStats{}, 1795867200 /* Sat 11-28 */).risk, "freeze");
  CHECK(inside.points == 25);
  CHECK(inside.reason ==
        "evaluated at 2026-11-28T12:00:00Z, inside freeze window \"weekend\" (Fri 15:00 to Mon "
        "08:00 UTC, weekly)");
  CHECK(factor(assess(c, ChangeRecord{}, DiffStats{}).risk, "freeze").points == 0);
}

TEST_CASE("risk: waivers naming the change add points") {
  Config c = parse_config(std::string(k_components) +
                              "[[gate]]\nid = \"rb\"\nkind = \"rollback\"\n[[waiver]]\ngate = "
                              "\"rb\"\nchange = \"CHG-9\"\nreason = \"r\"\napproved_by = \"c\"\n"
                              "expires = 2027-01-01\n",
                          "changegate.toml", checks::registry());
  ChangeRecord change;
  change.id = "CHG-9";
  CHECK(factor(assess(c, change, DiffStats{}).risk, "waivers").points == 5);
  change.id = "CHG-10";
  CHECK(factor(assess(c, change, DiffStats{}).risk, "waivers").points == 0);
}

TEST_CASE("risk: the ledger's defect history feeds its factor through the interface") {
  class TwoDefects : public DefectHistory {
    int defects_for(const std::string& c) const override { return c == "orders_etl" ? 2 : 0; }
  };
  const Config c = parse_config(k_components, "changegate.toml", checks::registry());
  DiffStats d;
  d.files = {{"etl/orders/v2.py", "", 'A', false, 1, 0}};
  const BlastRadius radius = compute_blast_radius(c, d);
  TwoDefects history;
  const RiskAssessment r = assess_risk(RiskInputs{c, ChangeRecord{}, d, radius, 0, &history});
  CHECK(factor(r, "defect_history").points == 10);
  CHECK(factor(r, "defect_history").reason ==
        "2 defects traced to touched components: orders_etl (2)");
}

TEST_CASE("risk: the score is deterministic") {
  const Config c = parse_config(k_components, "changegate.toml", checks::registry());
  DiffStats d;
  d.files = {{"etl/orders/v2.py", "", 'A', false, 10, 0}};
  const RiskAssessment a = assess(c, ChangeRecord{}, d).risk;
  const RiskAssessment b = assess(c, ChangeRecord{}, d).risk;
  CHECK(a.score == b.score);
  for (std::size_t i = 0; i < a.factors.size(); ++i)
    CHECK(a.factors[i].reason == b.factors[i].reason);
}

TEST_CASE("risk on a real repo: a docs-only change scores low") {
  GitScenario s;
  s.repo.write("docs/guide.md", "guide\nmore words\n");
  const Assessed a = s.run(k_components, "docs");
  CHECK(a.risk.level == RiskLevel::low);
  REQUIRE(a.radius.components.size() == 1);
  CHECK(a.radius.components[0].id == "docs");
}

TEST_CASE("risk on a real repo: a tier-1 financial change with a migration scores high") {
  GitScenario s;
  s.repo.write("etl/orders/orders_v2.py", std::string(300, 'y') + "\n");
  s.repo.write("etl/orders/migrations/0042_v2.sql", "CREATE TABLE orders_v2 ();\n");
  const Assessed a = s.run(k_components, "migration");
  // 20 tier + 9 downstream + 10 financial + 15 migration + 10 type + size/files
  CHECK(a.risk.score >= 60);
  CHECK(a.risk.level == RiskLevel::high);
  CHECK(factor(a.risk, "migrations").reason ==
        "changes a schema migration: etl/orders/migrations/0042_v2.sql");
}

TEST_CASE("risk on a real repo: renames, deletions and binary files are counted once each") {
  GitScenario s;
  s.repo.git("mv etl/orders/old_name.py etl/orders/new_name.py");
  s.repo.write("etl/orders/logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11));
  std::remove((s.repo.path() + "/docs/guide.md").c_str());
  const Assessed a = s.run(k_components);
  REQUIRE(a.radius.components.size() == 2);
  CHECK(a.radius.components[0].id == "orders_etl");
  CHECK(a.radius.components[0].files ==
        std::vector<std::string>{"etl/orders/logo.png", "etl/orders/new_name.py"});
  CHECK(a.radius.components[1].id == "docs");
  CHECK(factor(a.risk, "files_touched").reason.rfind("3 files touched", 0) == 0);
}

TEST_CASE("risk on a real repo: a change touching no component is unowned, with no tier points") {
  GitScenario s;
  s.repo.write("tools/lint.sh", "#!/bin/sh\n");
  const Assessed a = s.run(k_components);
  REQUIRE(a.radius.components.size() == 1);
  CHECK(a.radius.components[0].id == "(unowned)");
  CHECK(factor(a.risk, "tier").points == 0);
  CHECK(a.radius.downstream.empty());
}
