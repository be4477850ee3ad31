#include "gates/change_record.h"

#include <catch2/catch.hpp>

#include "gates/error.h"

using namespace changegate;

TEST_CASE("change record: a full TOML record loads") {
  const ChangeRecord r = parse_change_record(R"(
id      = "CHG-2026-0142"
title   = "orders_v2"
type    = "feature"
author  = "alice"
tickets = ["MKT-88"]
fixes   = ["DEF-17"]
summary = "..."

[rollback]
plan        = "Point the orders view back at orders_v1"
steps       = ["ALTER VIEW orders ...", "redeploy etl@v1.8.3"]
tested      = true
tested_at   = 2026-11-20
runbook     = "docs/runbooks/orders_v2_rollback.md"
max_minutes = 15

[[approval]]
by     = "bob"
at     = 2026-11-21T10:00:00Z
commit = "3f2c9e1"
)",
                                             "change.toml", false);
  CHECK(r.present);
  CHECK(r.id == "CHG-2026-0142");
  CHECK(r.fixes == std::vector<std::string>{"DEF-17"});
  REQUIRE(r.rollback);
  CHECK(r.rollback->steps.size() == 2);
  CHECK(r.rollback->tested == true);
  CHECK(r.rollback->max_minutes == 15);
  REQUIRE(r.approvals.size() == 1);
  CHECK(r.approvals[0].at == 1795255200);
  CHECK(r.approvals[0].commit == "3f2c9e1");
}

TEST_CASE("change record: the same record in JSON loads identically") {
  const ChangeRecord r = parse_change_record(R"({
  "id": "CHG-1", "type": "fix",
  "rollback": {"plan": "p", "steps": ["s"], "tested_at": "2026-11-20", "max_minutes": 5},
  "approval": [{"by": "bob", "at": "2026-11-21T10:00:00Z"}]
})",
                                             "change.json", true);
  CHECK(r.type == "fix");
  CHECK(r.rollback->tested_at == 1795132800);
  CHECK(r.approvals[0].at == 1795255200);
}

TEST_CASE("change record: an unknown JSON key names its line and suggests the right one") {
  CHECK_THROWS_WITH(
      parse_change_record("{\n  \"id\": \"C\",\n  \"titel\": \"x\"\n}", "change.json", true),
      "change.json:3: unknown key \"titel\" (did you mean \"title\"?)");
}

TEST_CASE("change record: a bad type lists the change types") {
  CHECK_THROWS_WITH(
      parse_change_record("id = \"C\"\ntype = \"hotfix\"\n", "change.toml", false),
      "change.toml:2: key \"type\": \"hotfix\" is not one of feature, fix, refactor, config, "
      "migration, emergency, docs");
}

TEST_CASE("change record: rollback keys are checked in their own table") {
  CHECK_THROWS_WITH(
      parse_change_record("id = \"C\"\n[rollback]\nplan = \"p\"\nmax_minute = 5\n", "change.toml",
                          false),
      "change.toml:4: rollback: unknown key \"max_minute\" (did you mean \"max_minutes\"?)");
  CHECK_THROWS_WITH(
      parse_change_record("id = \"C\"\n[rollback]\ntested = \"yes\"\n", "change.toml", false),
      "change.toml:3: rollback: key \"tested\" must be a boolean, not a string");
}

TEST_CASE("change record: the id is required when a record exists") {
  CHECK_THROWS_WITH(parse_change_record("title = \"x\"\n", "change.toml", false),
                    "change.toml:1: missing required key \"id\"");
}
