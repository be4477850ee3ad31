// The registry's key tables against its loaders (ccache's key-table
// consistency test): every key a kind lists is read by its loader, and every
// key its loader reads is listed, so --help and validate never describe a key
// that does nothing, and no key the loader reads is rejected as unknown.
//
// Scope: the gate's own top-level keys. The common keys (id, kind, severity,
// on_error, when, description) are read by the config loader and are in no
// kind's table; a loader may read them too (golden reads "id"), so they are
// left out of the comparison. Nested tables (quarantine items, [[gate.slo]],
// aggregates, source tables) have their own readers and are not compared.
#include "checks/registry.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "gates/config.h"
#include "gates/document.h"
#include "gates/table_reader.h"

using namespace changegate;

namespace {

// Loads each fixture (the body of one [[gate]] after its id and kind; each
// must be a valid gate) with the kind's loader and returns where the keys the
// loader asked for, over all fixtures, differ from the kind's key table. A
// getter asked for an absent key counts as read: the loader would use it.
std::vector<std::string> key_table_disagreements(const GateKinds& kinds, const std::string& kind,
                                                 const std::vector<std::string>& fixtures) {
  const GateKind* row = kinds.find(kind);
  if (!row) return {"no kind \"" + kind + "\" in the registry"};
  std::set<std::string> asked;
  for (const auto& body : fixtures) {
    const std::string text = "[[gate]]\nid = \"g\"\nkind = \"" + kind + "\"\n" + body;
    parse_config(text, "changegate.toml", kinds);  // throws if the fixture is not a valid gate
    const Document doc = parse_toml(text, "changegate.toml");
    const TableReader gate(doc, doc.root.find("gate")->array->at(0), "gate \"g\"");
    row->load(gate);
    asked.insert(gate.keys_asked().begin(), gate.keys_asked().end());
  }
  for (const auto& common : k_common_gate_keys) asked.erase(common);

  std::vector<std::string> out;
  std::set<std::string> listed;
  for (const auto& key : row->keys)
    if (!listed.insert(key.name).second)
      out.push_back("\"" + key.name + "\" is in the key table twice");
  for (const auto& key : listed)
    if (!asked.count(key)) out.push_back("\"" + key + "\" is in the key table but never read");
  for (const auto& key : asked)
    if (!listed.count(key)) out.push_back("\"" + key + "\" is read but not in the key table");
  return out;
}

using Disagreements = std::vector<std::string>;

}  // namespace

TEST_CASE("registry: a key listed but never read, or read but not listed, is reported") {
  const GateKinds kinds({{"fake",
                          "a kind whose table and loader disagree",
                          {{"listed_and_read", "integer", ""}, {"listed_only", "integer", ""}},
                          [](const TableReader& gate) -> std::unique_ptr<Check> {
                            gate.integer("listed_and_read");
                            gate.has("read_only");
                            return nullptr;
                          }}});
  CHECK(key_table_disagreements(kinds, "fake", {"listed_and_read = 1\n"}) ==
        Disagreements{"\"listed_only\" is in the key table but never read",
                      "\"read_only\" is read but not in the key table"});
}

TEST_CASE("registry: every kind has a unique name, a description and a loader") {
  std::set<std::string> names;
  for (const auto& kind : checks::registry()) {
    CHECK(names.insert(kind.name).second);
    CHECK_FALSE(kind.description.empty());
    CHECK(kind.load != nullptr);
    for (const auto& key : kind.keys) {
      CHECK_FALSE(key.type.empty());
      CHECK_FALSE(key.help.empty());
    }
  }
  CHECK(checks::registry().names() == std::vector<std::string>{"tests", "review", "rollback", "slo",
                                                               "golden", "security", "logs"});
}

TEST_CASE("tests gate: its key table and its loader agree") {
  CHECK(
      key_table_disagreements(checks::registry(), "tests", {"reports = [\"r/*.xml\"]\n"}).empty());
}

TEST_CASE("review gate: its key table and its loader agree") {
  // One fixture per source: each source reads or rejects its own keys.
  const Disagreements found = key_table_disagreements(
      checks::registry(), "review",
      {"source = \"change\"\n", "source = \"git\"\n",
       "source = \"github\"\nrepository = \"acme/shop\"\npull_request = 7\n",
       "source = \"gitlab\"\nproject = \"acme/shop\"\nmerge_request = 7\n"});
  CHECK(found == Disagreements{});
}

TEST_CASE("rollback gate: its key table and its loader agree") {
  CHECK(key_table_disagreements(checks::registry(), "rollback", {""}) == Disagreements{});
}

TEST_CASE("slo gate: its key table and its loader agree") {
  const std::string slo =
      "[[gate.slo]]\nname = \"availability\"\nobjective = 0.999\n"
      "error_ratio = \"sum(rate(e[{{window}}])) / sum(rate(t[{{window}}]))\"\n";
  // Gate-level defaults the SLO takes, then every default overridden per SLO.
  const Disagreements found = key_table_disagreements(
      checks::registry(), "slo",
      {"prometheus = \"http://127.0.0.1:9090\"\nmin_budget_remaining = 0.1\n"
       "on_no_data = \"pass\"\nburn_rate_alerts = [{ long = \"1h\", factor = 14.4 }]\n" +
           slo,
       "prometheus = \"http://127.0.0.1:9090\"\n" + slo +
           "min_budget_remaining = 0.2\nmin_coverage = 0.5\non_no_data = \"error\"\n"
           "burn_rate_alerts = [{ long = \"1h\", short = \"5m\", factor = 14.4 }]\n"});
  CHECK(found == Disagreements{});
}

TEST_CASE("golden gate: its key table and its loader agree") {
  const std::string aggregates = "aggregates = [{ fn = \"count\" }]\n";
  // One fixture per source form (CSV path, CSV, SQLite and PostgreSQL tables)
  // and per comparison (expected file, baseline).
  const Disagreements found = key_table_disagreements(
      checks::registry(), "golden",
      {"candidate = \"out.csv\"\nexpected = \"golden/expected.json\"\n" + aggregates,
       "candidate = { csv = \"out.csv\", delimiter = \";\" }\nbaseline = \"base.csv\"\n"
       "group_by = \"currency\"\n" +
           aggregates,
       "candidate = { sqlite = \"out.db\", query = \"select * from orders\" }\n"
       "expected = \"golden/expected.json\"\n" +
           aggregates,
       "candidate = { postgres_env = \"ORDERS_DSN\", query = \"select * from orders\" }\n"
       "expected = \"golden/expected.json\"\n" +
           aggregates});
  CHECK(found == Disagreements{});
}

TEST_CASE("security gate: its key table and its loader agree") {
  CHECK(key_table_disagreements(checks::registry(), "security", {"sarif = [\"scan/*.sarif\"]\n"}) ==
        Disagreements{});
}

TEST_CASE("logs gate: its key table and its loader agree") {
  CHECK(key_table_disagreements(
            checks::registry(), "logs",
            {"files = [\"logs/*.jsonl\"]\n"
             "assert = [{ field = \"level\", op = \"!=\", value = \"error\" }]\n"}) ==
        Disagreements{});
}
