// Many writer processes on one ledger, and writers killed mid-write, on both
// stores (tests/gates/ledger/ledger_writer.cpp is the writer).
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <random>

#include "gates/ledger/ledger.h"
#include "gates/ledger/verify.h"
#include "tests/support/ledger_stores.h"

using namespace changegate;

namespace {

std::unique_ptr<Ledger> open_url(const std::string& text) {
  LedgerUrl url;
  std::string err;
  REQUIRE(parse_ledger_url(text, "/", &url, &err));
  return open_ledger(url);
}

// Starts one writer of `count` entries per project named, all at once, and
// waits for them; any writer failing fails the test.
void run_writers(const std::string& url, const std::vector<std::string>& projects, int count) {
  testing::TempDir dir;
  std::string script = "true; ";  // run_command prefixes "cd DIR &&": keep it out of the jobs
  for (const auto& p : projects)
    script += std::string("('") + CHANGEGATE_LEDGER_WRITER + "' '" + url + "' '" + p + "' " +
              std::to_string(count) + " || echo " + p + " >> failed) & ";
  script += "wait";
  const auto r = testing::run_command(script, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(testing::run_command("test -e failed", dir.path()).exit_code != 0);
}

std::string store_url(const std::string& kind, const testing::TempDir& dir) {
  return kind == "sqlite" ? "sqlite:" + dir.path() + "/ledger.db" : testing::suite_postgres_dsn();
}

}  // namespace

TEST_CASE("ledger concurrency: 2 writers x 50 and 8 writers x 10 lose nothing") {
  const std::string kind = GENERATE("sqlite", "postgresql");
  INFO(kind);
  testing::TempDir dir;
  const std::string url = store_url(kind, dir);
  for (const auto& [processes, count] : {std::pair{2, 50}, std::pair{8, 10}}) {
    const std::string project = testing::unique_project("many");
    run_writers(url, std::vector<std::string>(static_cast<std::size_t>(processes), project), count);
    const auto entries = open_url(url)->entries(project);
    CHECK(entries.size() == static_cast<std::size_t>(processes * count));
    const ChainCheck c = verify_chain(entries);
    INFO(c.problem);
    CHECK(c.ok);
  }
}

TEST_CASE("ledger concurrency: writers of two projects interleave into two chains") {
  const std::string kind = GENERATE("sqlite", "postgresql");
  testing::TempDir dir;
  const std::string url = store_url(kind, dir);
  const std::string a = testing::unique_project("left"), b = testing::unique_project("right");
  run_writers(url, {a, b, a, b}, 10);
  auto ledger = open_url(url);
  for (const auto& p : {a, b}) {
    const auto entries = ledger->entries(p);
    CHECK(entries.size() == 20);
    CHECK(verify_chain(entries).ok);
  }
}

TEST_CASE("ledger concurrency: a writer killed at random points leaves a whole, valid ledger") {
  const std::string kind = GENERATE("sqlite", "postgresql");
  INFO(kind);
  testing::TempDir dir;
  const std::string url = store_url(kind, dir);
  const std::string project = testing::unique_project("killed");
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(30, 250);
  std::size_t before = 0;
  for (int run = 0; run < 10; ++run) {
    const int ms = delay_ms(rng);
    INFO("run " << run << ", killed after " << ms << " ms");
    const auto r = testing::run_command(std::string("true; '") + CHANGEGATE_LEDGER_WRITER + "' '" +
                                            url + "' '" + project + "' 100000 & pid=$!; sleep " +
                                            std::to_string(ms / 1000.0) +
                                            "; kill -KILL $pid; wait $pid; exit 0",
                                        "/");
    REQUIRE(r.exit_code == 0);
    if (kind == "sqlite") {
      sqlite3* db = nullptr;
      REQUIRE(sqlite3_open((dir.path() + "/ledger.db").c_str(), &db) == SQLITE_OK);
      sqlite3_stmt* st = nullptr;
      REQUIRE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
      REQUIRE(sqlite3_step(st) == SQLITE_ROW);
      CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok");
      sqlite3_finalize(st);
      sqlite3_close(db);
    }
    // Every stored entry is whole (its columns match its hashed text) and chained.
    const auto entries = open_url(url)->entries(project);
    CHECK(entries.size() >= before);
    before = entries.size();
    const ChainCheck c = verify_chain(entries);
    INFO(c.problem);
    CHECK(c.ok);
  }
}
