#include "gates/config.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "checks/registry.h"
#include "gates/error.h"
#include "tests/support/temp_repo.h"

using namespace changegate;

namespace {

// Expects parse_config to fail with exactly `message`.
void require_error(const std::string& toml, const std::string& message) {
  try {
    parse_config(toml, "changegate.toml", checks::registry());
    FAIL("loaded without error; expected: " << message);
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == message);
    CHECK(e.exit_code() == 2);
  }
}

const char* k_tests_gate = "[[gate]]\nid = \"unit\"\nkind = \"tests\"\nreports = [\"r/*.xml\"]\n";

}  // namespace

TEST_CASE("config: a complete gate file loads with every section") {
  const Config c = parse_config(R"(
[project]
name = "orders-pipeline"
ledger = "sqlite:.changegate/ledger.db"

[components.orders_etl]
paths = ["etl/orders/**", "sql/orders/*.sql"]
owners = ["@data-platform"]
tier = 1
data = ["financial"]
downstream = ["bi_revenue"]

[components.bi_revenue]
tier = 1

[teams]
data-platform = ["bob", "carol"]

[[gate]]
id = "unit-tests"
kind = "tests"
severity = "warn"
on_error = "warn"
when = { risk_at_least = "medium", paths = ["etl/**"], change_types = ["feature"] }
reports = ["build/**/*.xml"]

[[gate]]
id = "rollback"
kind = "rollback"
rto_minutes = 30

[[waiver]]
gate = "unit-tests"
change = "CHG-1"
reason = "known"
approved_by = "carol"
expires = 2026-12-01
)",
                                "changegate.toml", checks::registry());
  CHECK(c.project_name == "orders-pipeline");
  REQUIRE(c.components.size() == 2);
  CHECK(c.components[0].id == "orders_etl");
  CHECK(c.components[0].tier == 1);
  CHECK(c.teams.at("data-platform").size() == 2);
  REQUIRE(c.gates.size() == 2);
  CHECK(c.gates[0].severity == Severity::warn);
  CHECK_FALSE(c.gates[0].on_error_blocks);
  REQUIRE(c.gates[0].when);
  CHECK(c.gates[0].when->risk_at_least == RiskLevel::medium);
  CHECK(c.gates[1].severity == Severity::block);
  CHECK(c.gates[1].on_error_blocks);
  REQUIRE(c.waivers.size() == 1);
  CHECK(c.waivers[0].expires == 1796083200);
  CHECK(c.sha256.size() == 64);
}

TEST_CASE("config: components keep file order so the first match wins") {
  const Config c = parse_config(
      "[components.zz_specific]\npaths = [\"etl/orders/**\"]\n[components.aa_general]\npaths = "
      "[\"etl/**\"]\n",
      "changegate.toml", checks::registry());
  REQUIRE(c.component_of("etl/orders/x.py"));
  CHECK(c.component_of("etl/orders/x.py")->id == "zz_specific");
  CHECK(c.component_of("etl/other/y.py")->id == "aa_general");
  CHECK(c.component_of("docs/readme.md") == nullptr);
}

TEST_CASE("config: a misspelt gate key is an error with a suggestion") {
  require_error(std::string(k_tests_gate) + "max_failure = 0\n",
                "changegate.toml:5: gate \"unit\": unknown key \"max_failure\" (did you mean "
                "\"max_failures\"?)");
}

TEST_CASE("config: a misspelt top-level section is an error with a suggestion") {
  require_error("[projct]\nname = \"x\"\n",
                "changegate.toml:1: unknown key \"projct\" (did you mean \"project\"?)");
}

TEST_CASE("config: a wrong type names the key and both types") {
  require_error(std::string(k_tests_gate) + "max_failures = \"0\"\n",
                "changegate.toml:5: gate \"unit\": key \"max_failures\" must be an integer, not a "
                "string");
}

TEST_CASE("config: duplicate gate ids are rejected") {
  require_error(std::string(k_tests_gate) + k_tests_gate,
                "changegate.toml:6: gate \"unit\": duplicate gate id \"unit\"");
}

TEST_CASE("config: an unknown gate kind suggests the closest kind") {
  require_error("[[gate]]\nid = \"t\"\nkind = \"test\"\n",
                "changegate.toml:3: gate \"t\": unknown gate kind \"test\" (did you mean "
                "\"tests\"?)");
}

TEST_CASE("config: a gate without an id or kind is rejected") {
  require_error("[[gate]]\nkind = \"tests\"\n",
                "changegate.toml:1: gate #1: missing required key \"id\"");
}

TEST_CASE("config: a bad severity lists the allowed values") {
  require_error(std::string(k_tests_gate) + "severity = \"blocker\"\n",
                "changegate.toml:5: gate \"unit\": key \"severity\": \"blocker\" is not one of "
                "block, warn (did you mean \"block\"?)");
}

TEST_CASE("config: an unknown downstream component is rejected") {
  require_error("[components.a]\ndownstream = [\"bi_revenu\"]\n[components.bi_revenue]\n",
                "changegate.toml:2: component \"a\": unknown component \"bi_revenu\" in "
                "\"downstream\" (did you mean \"bi_revenue\"?)");
}

TEST_CASE("config: a bad glob names the pattern") {
  require_error("[components.a]\npaths = [\"etl/[orders\"]\n",
                "changegate.toml:2: component \"a\": bad glob \"etl/[orders\" in \"paths\": "
                "unclosed '[' at offset 4");
  require_error(std::string(k_tests_gate) + "when = { paths = [\"a/***\"] }\n",
                "changegate.toml:5: gate \"unit\": when: bad glob \"a/***\" in \"paths\": '***' "
                "at offset 2 (use '**' for any depth)");
}

TEST_CASE("config: an unknown change type in when is rejected") {
  require_error(std::string(k_tests_gate) + "when = { change_types = [\"feat\"] }\n",
                "changegate.toml:5: gate \"unit\": when: unknown change type \"feat\" (did you "
                "mean \"feature\"?)");
}

TEST_CASE("config: waivers must name a real gate, a reason, an approver and an expiry") {
  const std::string base = std::string(k_tests_gate) + "[[waiver]]\n";
  require_error(base +
                    "gate = \"unti\"\nchange = \"C\"\nreason = \"r\"\napproved_by = \"a\"\nexpires "
                    "= 2026-12-01\n",
                "changegate.toml:6: waiver: unknown gate \"unti\" (did you mean \"unit\"?)");
  require_error(base + "gate = \"unit\"\nchange = \"C\"\nreason = \"r\"\napproved_by = \"a\"\n",
                "changegate.toml:5: waiver: missing required key \"expires\" (a waiver without an "
                "end date is a permanent bypass)");
  require_error(base +
                    "gate = \"unit\"\nchange = \"*\"\nreason = \"r\"\napproved_by = \"a\"\nexpires "
                    "= 2026-12-01\n",
                "changegate.toml:7: waiver: change = \"*\" needs \"paths\" or \"components\" to "
                "say which changes it covers");
  require_error(base +
                    "gate = \"unit\"\nchange = \"C\"\nreason = \"r\"\napproved_by = \"a\"\nexpires "
                    "= \"soon\"\n",
                "changegate.toml:10: waiver: key \"expires\": \"soon\" is not a date (2026-12-01) "
                "or RFC 3339 date-time (2026-11-21T10:00:00Z)");
}

TEST_CASE("config: risk levels must rise") {
  require_error("[risk.levels]\nmedium = 70\nhigh = 60\n",
                "changegate.toml:1: risk.levels: levels must rise: medium <= high <= critical");
}

namespace {

// load_config's error message for the gate file at `path` (in the temp dir).
std::string load_error(const testing::TempDir&, const std::string& path) {
  try {
    load_config(path, checks::registry());
  } catch (const Error& e) {
    CHECK(e.exit_code() == 2);
    return e.what();
  }
  return "(loaded)";
}

}  // namespace

TEST_CASE("config: an empty gate file declares nothing to evaluate and is refused (exit 2)") {
  testing::TempDir dir;
  dir.write("changegate.toml", "");
  const std::string path = dir.path() + "/changegate.toml";
  CHECK(load_error(dir, path) ==
        path +
            ": declares no [[gate]], no [[risk.require]] and no [components]: nothing to "
            "evaluate (`changegate --help` lists the gate kinds)");
  dir.write("changegate.toml", "[project]\nname = \"x\"\n[teams]\na = [\"b\"]\n");
  CHECK_THAT(load_error(dir, path), Catch::Contains("nothing to evaluate"));
}

TEST_CASE("config: a gate file with only [[risk.require]] or only components is accepted") {
  testing::TempDir dir;
  dir.write("a.toml", "[[risk.require]]\nat_least = \"high\"\nmin_approvals = 2\n");
  CHECK(load_config(dir.path() + "/a.toml", checks::registry()).gates.size() == 1);
  dir.write("b.toml", "[components.api]\npaths = [\"src/**\"]\n");
  const Config b = load_config(dir.path() + "/b.toml", checks::registry());
  CHECK(b.gates.empty());
  CHECK(b.components.size() == 1);
}

TEST_CASE("config: a directory or a FIFO given as the gate file is refused by name (exit 2)") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() + "/conf.d");
  CHECK(load_error(dir, dir.path() + "/conf.d") ==
        dir.path() + "/conf.d: is a directory, not a file (the gate file)");
  REQUIRE(mkfifo((dir.path() + "/fifo.toml").c_str(), 0600) == 0);
  CHECK(load_error(dir, dir.path() + "/fifo.toml") ==
        dir.path() + "/fifo.toml: is a FIFO, not a regular file (the gate file)");
}
