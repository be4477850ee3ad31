#include "gates/risk_config.h"

#include <catch2/catch.hpp>

#include "checks/registry.h"
#include "gates/config.h"
#include "gates/error.h"

using namespace changegate;

TEST_CASE("risk config: weights, levels, migration paths and obligations load") {
  const Config c = parse_config(R"(
[risk]
migration_paths = ["db/**"]
[risk.levels]
medium = 20
high = 50
critical = 80
[risk.weights]
change_size = 30
data = { pii = 40 }
change_type = { emergency = 30 }
[[risk.require]]
at_least = "high"
min_approvals = 2
)",
                                "changegate.toml", checks::registry());
  CHECK(c.risk.levels.high == 50);
  CHECK(c.risk.level_for(49) == RiskLevel::medium);
  CHECK(c.risk.level_for(50) == RiskLevel::high);
  CHECK(c.risk.weights.change_size == 30);
  CHECK(c.risk.weights.data.at("pii") == 40);
  CHECK(c.risk.weights.data.at("financial") == 10);  // defaults kept
  CHECK(c.risk.weights.change_type.at("emergency") == 30);
  REQUIRE(c.gates.size() == 1);
  CHECK(c.gates[0].id == "risk-high");
  CHECK(c.gates[0].kind == "risk");
}

TEST_CASE("risk config: mistakes are errors with the line") {
  CHECK_THROWS_WITH(parse_config("[risk.weights]\nchange_sise = 3\n", "c.toml", checks::registry()),
                    "c.toml:2: risk.weights: unknown key \"change_sise\" (did you mean "
                    "\"change_size\"?)");
  CHECK_THROWS_WITH(parse_config("[risk.weights]\nchange_type = { emergncy = 3 }\n", "c.toml",
                                 checks::registry()),
                    "c.toml:2: risk.weights.change_type: unknown key \"emergncy\" (did you mean "
                    "\"emergency\"?)");
  CHECK_THROWS_WITH(
      parse_config("[[risk.require]]\nat_least = \"high\"\n", "c.toml", checks::registry()),
      "c.toml:1: risk.require: a requirement needs min_approvals or rollback_tested");
  CHECK_THROWS_WITH(
      parse_config(
          "[[freeze]]\nname = \"w\"\nweekly_from = \"Fry 15:00\"\nweekly_to = \"Mon 08:00\"\n",
          "c.toml", checks::registry()),
      "c.toml:3: freeze: \"Fry 15:00\" is not a weekday and time such as \"Fri 15:00\"");
}

TEST_CASE("freeze: a weekly window wraps over the end of the week") {
  const Config c = parse_config(
      "[[freeze]]\nname = \"weekend\"\nweekly_from = \"Fri 15:00\"\nweekly_to = \"Mon 08:00\"\n",
      "c.toml", checks::registry());
  const FreezeWindow& w = c.risk.freezes.at(0);
  CHECK(w.contains(*parse_timestamp("2026-11-20T15:00:00Z")));  // Friday 15:00
  CHECK(w.contains(*parse_timestamp("2026-11-22T12:00:00Z")));  // Sunday
  CHECK(w.contains(*parse_timestamp("2026-11-23T07:59:00Z")));  // Monday early
  CHECK_FALSE(w.contains(*parse_timestamp("2026-11-23T08:00:00Z")));
  CHECK_FALSE(w.contains(*parse_timestamp("2026-11-20T14:59:00Z")));
  CHECK_FALSE(w.contains(*parse_timestamp("2026-11-18T12:00:00Z")));  // Wednesday
}

TEST_CASE("freeze: a dated window is half-open") {
  const Config c = parse_config(
      "[[freeze]]\nname = \"year-end\"\nfrom = 2026-12-20T00:00:00Z\nto = 2027-01-04T00:00:00Z\n",
      "c.toml", checks::registry());
  const FreezeWindow& w = c.risk.freezes.at(0);
  CHECK(w.contains(*parse_timestamp("2026-12-20")));
  CHECK_FALSE(w.contains(*parse_timestamp("2027-01-04")));
}

TEST_CASE("weekly time: weekday names and times") {
  CHECK(parse_weekly_time("Mon 00:00") == 0);
  CHECK(parse_weekly_time("Friday 15:30") == 4 * 1440 + 15 * 60 + 30);
  CHECK(parse_weekly_time("sun 23:59") == 6 * 1440 + 23 * 60 + 59);
  CHECK(parse_weekly_time("Fri 25:00") == -1);
  CHECK(parse_weekly_time("Friday") == -1);
}
