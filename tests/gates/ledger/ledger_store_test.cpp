// The same scenarios against both stores: SQLite in a temp dir and a real
// PostgreSQL (each Catch2 section runs once per store).
#include <catch2/catch.hpp>

#include "gates/error.h"
#include "gates/ledger/ledger.h"
#include "gates/ledger/verify.h"
#include "gates/util/random_id.h"
#include "tests/support/ledger_stores.h"

using namespace changegate;
using changegate::testing::StoreUnderTest;

namespace {

std::unique_ptr<Ledger> open_url(const std::string& text) {
  LedgerUrl url;
  std::string err;
  REQUIRE(parse_ledger_url(text, "/", &url, &err));
  return open_ledger(url);
}

EntryDraft draft(const std::string& project, int n) {
  EntryDraft d;
  d.project = project;
  d.evaluation_id = random_hex_128();
  d.change_id = "CHG-" + std::to_string(n);
  d.head = std::string(40, 'c');
  d.base = std::string(40, 'b');
  d.verdict = n % 2 ? "pass" : "blocked";
  d.evaluated_at = "2026-11-23T10:00:0" + std::to_string(n % 10) + "Z";
  d.evaluation = {{"evaluation_id", d.evaluation_id}, {"verdict", d.verdict}, {"n", n}};
  return d;
}

// A chain of `n` entries for a project of its own.
std::string fill(Ledger& ledger, int n) {
  const std::string project = testing::unique_project("chain");
  bool appended = false;
  for (int i = 1; i <= n; ++i) ledger.append(draft(project, i), &appended);
  return project;
}

ChainCheck verify(const std::string& url, const std::string& project) {
  return verify_chain(open_url(url)->entries(project));
}

}  // namespace

TEST_CASE(
    "ledger store: appended entries chain and verify and a retried evaluation is stored once") {
  const std::string kind = GENERATE("sqlite", "postgresql");
  INFO(kind);
  testing::TempDir dir;
  const StoreUnderTest store = testing::make_store(kind, dir);
  auto ledger = open_url(store.url);
  const std::string project = testing::unique_project("append");
  bool appended = false;
  const EntryDraft first = draft(project, 1);
  const LedgerEntry e1 = ledger->append(first, &appended);
  CHECK(appended);
  CHECK(e1.seq == 1);
  CHECK(e1.prev_hash == k_zero_hash);
  const LedgerEntry e2 = ledger->append(draft(project, 2), &appended);
  CHECK(e2.seq == 2);
  CHECK(e2.prev_hash == e1.hash);
  const LedgerEntry again = ledger->append(first, &appended);
  CHECK_FALSE(appended);
  CHECK(again.seq == 1);
  CHECK(again.hash == e1.hash);
  const auto entries = ledger->entries(project);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].canonical == e1.canonical);
  const ChainCheck c = verify_chain(entries);
  CHECK(c.ok);
  CHECK(c.head_hash == e2.hash);
}

TEST_CASE("ledger store: editing any stored field of any entry names that entry") {
  const std::string kind = GENERATE("sqlite", "postgresql");
  testing::TempDir dir;
  const StoreUnderTest store = testing::make_store(kind, dir);
  auto ledger = open_url(store.url);
  struct Tamper {
    const char* what;
    std::string set;
  };
  const Tamper tampers[] = {
      {"evaluation", "canonical = REPLACE(canonical, '\"n\":', '\"n\":1')"},
      {"verdict", "verdict = CASE verdict WHEN 'pass' THEN 'blocked' ELSE 'pass' END"},
      {"hash", "hash = '" + std::string(64, 'f') + "'"},
      {"prev_hash", "prev_hash = '" + std::string(64, 'e') + "'"},
      {"change_id", "change_id = 'CHG-other'"},
      {"seq", "seq = seq + 100"},
  };
  for (const auto& t : tampers) {
    for (const int entry : {1, 3}) {
      INFO(kind << ": " << t.what << " of entry " << entry);
      const std::string project = fill(*ledger, 4);
      REQUIRE(verify(store.url, project).ok);
      store.exec("UPDATE ledger_entries SET " + t.set + " WHERE project = '" + project +
                 "' AND seq = " + std::to_string(entry));
      const ChainCheck c = verify(store.url, project);
      CHECK_FALSE(c.ok);
      CHECK(c.first_bad == entry);
    }
  }
}

TEST_CASE("ledger store: a deleted entry and two swapped entries are named") {
  const std::string kind = GENERATE("sqlite", "postgresql");
  testing::TempDir dir;
  const StoreUnderTest store = testing::make_store(kind, dir);
  auto ledger = open_url(store.url);
  const std::string deleted = fill(*ledger, 5);
  store.exec("DELETE FROM ledger_entries WHERE project = '" + deleted + "' AND seq = 3");
  ChainCheck c = verify(store.url, deleted);
  CHECK(c.first_bad == 3);
  CHECK(c.problem == "entry 3 is missing (the next stored entry is 4)");

  const std::string swapped = fill(*ledger, 5);
  const std::string where = " WHERE project = '" + swapped + "' AND seq = ";
  store.exec("UPDATE ledger_entries SET seq = 1000" + where + "2");
  store.exec("UPDATE ledger_entries SET seq = 2" + where + "4");
  store.exec("UPDATE ledger_entries SET seq = 4" + where + "1000");
  c = verify(store.url, swapped);
  CHECK(c.first_bad == 2);
  CHECK(c.problem == "column seq is 2 but the hashed text says 4");
}

TEST_CASE("ledger store: two projects in one database keep two independent chains") {
  const std::string kind = GENERATE("sqlite", "postgresql");
  testing::TempDir dir;
  const StoreUnderTest store = testing::make_store(kind, dir);
  auto ledger = open_url(store.url);
  const std::string a = testing::unique_project("a"), b = testing::unique_project("b");
  bool appended = false;
  for (int i = 1; i <= 3; ++i) {
    CHECK(ledger->append(draft(a, i), &appended).seq == i);
    CHECK(ledger->append(draft(b, i), &appended).seq == i);
  }
  CHECK(ledger->entries(a).front().prev_hash == k_zero_hash);
  CHECK(ledger->entries(b).front().prev_hash == k_zero_hash);
  CHECK(verify_chain(ledger->entries(a)).ok);
  CHECK(verify_chain(ledger->entries(b)).ok);
}

TEST_CASE("ledger store: a database written by a newer changegate is refused, not touched") {
  const std::string kind = GENERATE("sqlite", "postgresql");
  testing::TempDir dir;
  const StoreUnderTest store = kind == "sqlite"
                                   ? testing::make_store(kind, dir)
                                   : StoreUnderTest{kind, testing::fresh_postgres_database()};
  open_url(store.url);  // creates schema version 1
  store.exec("INSERT INTO schema_version (version, applied_at) VALUES (7, 'future')");
  LedgerUrl url;
  std::string err;
  REQUIRE(parse_ledger_url(store.url, "/", &url, &err));
  try {
    open_ledger(url);
    FAIL("a newer schema was opened");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "ledger " + url.display +
              ": its schema is version 7, newer than this changegate understands (up to 1): "
              "upgrade changegate; it will not read or write a newer ledger");
  }
}

TEST_CASE("ledger store: a reader does not create a missing SQLite ledger") {
  testing::TempDir dir;
  LedgerUrl url;
  std::string err;
  REQUIRE(parse_ledger_url("sqlite:.changegate/ledger.db", dir.path(), &url, &err));
  LedgerOpenOptions options;
  options.create = false;
  CHECK_THROWS_WITH(open_ledger(url, options),
                    Catch::Contains("ledger sqlite:.changegate/ledger.db does not exist yet"));
}

TEST_CASE("ledger URL: anything but sqlite: and postgresql:// is refused, its password hidden") {
  LedgerUrl url;
  std::string err;
  CHECK_FALSE(parse_ledger_url("mysql://u:hunter2@db/x", "/", &url, &err));
  CHECK(err ==
        "unsupported ledger URL \"mysql://u:***@db/x\" (use sqlite:PATH or "
        "postgresql://USER@HOST/DB)");
  REQUIRE(parse_ledger_url("postgresql://u:hunter2@db/x", "/", &url, &err));
  CHECK(url.display == "postgresql://u:***@db/x");
}
