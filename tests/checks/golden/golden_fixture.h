// Shared set-up for the golden gate's scenario tests: a temp repo to write
// sources into, a gate run from a TOML snippet, and a row lookup.
#pragma once

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <string>

#include "tests/checks/check_harness.h"
#include "tests/support/temp_repo.h"

namespace changegate::testing::golden {

constexpr Timestamp k_now = 1795255200;  // 2026-11-21T10:00:00Z

// The gate body starts on line 4 of changegate.toml: "[[gate]]", id, kind.
struct Fixture {
  TempDir dir;
  RepoContext repo;
  ChangeRecord change;
  Fixture() { repo.root = dir.path(); }
  GateResult run(const std::string& body) {
    return run_gate("id = \"golden\"\nkind = \"golden\"\n" + body, change, repo, k_now).result;
  }
};

inline const nlohmann::json* row_of(const GateResult& r, const std::string& aggregate,
                                    const std::string& group) {
  for (const auto& row : r.details["rows"])
    if (row.value("aggregate", "") == aggregate && row["group"] == group) return &row;
  return nullptr;
}

// Runs `sql` on a new SQLite database at `path`.
inline void make_sqlite(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace changegate::testing::golden
