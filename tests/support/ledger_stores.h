// The ledger's two stores for tests: SQLite in a temp dir and the suite's
// real PostgreSQL (ctest fixture ledger_postgres), plus a private server for
// tests that stop it. Tests on the shared server use their own project names.
#pragma once

#include <string>

#include "tests/support/temp_repo.h"

namespace changegate::testing {

// The suite server's DSN (read from the fixture's folder); REQUIREs it.
std::string suite_postgres_dsn();

// A new, empty database on the suite server; returns its DSN.
std::string fresh_postgres_database();

// A project name no other test uses.
std::string unique_project(const std::string& prefix);

struct StoreUnderTest {
  std::string kind;  // "sqlite" | "postgresql"
  std::string url;
  // Runs SQL straight against the store, bypassing changegate (tampering).
  void exec(const std::string& sql) const;
};

// kind "sqlite": DIR/ledger.db; "postgresql": the suite server's test database.
StoreUnderTest make_store(const std::string& kind, const TempDir& dir);

// A PostgreSQL of its own on 127.0.0.1, for tests that stop and restart it.
class OwnPostgres {
 public:
  OwnPostgres();
  ~OwnPostgres();
  const std::string& dsn() const { return dsn_; }
  const std::string& port() const { return port_; }
  void stop() const;
  void start_again() const;

 private:
  TempDir dir_;
  std::string port_;
  std::string dsn_;
};

}  // namespace changegate::testing
