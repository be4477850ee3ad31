#include "tests/support/ledger_stores.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "gates/util/random_id.h"

namespace changegate::testing {

namespace {

std::string pg_script() {
  return std::string(CHANGEGATE_SOURCE_DIR) + "/tests/support/pg_server.sh";
}

void pg_exec(const std::string& dsn, const std::string& sql) {
  PGconn* conn = PQconnectdb(dsn.c_str());
  INFO(PQerrorMessage(conn));
  REQUIRE(PQstatus(conn) == CONNECTION_OK);
  PGresult* res = PQexec(conn, sql.c_str());
  const auto status = PQresultStatus(res);
  INFO(sql << ": " << PQresultErrorMessage(res));
  PQclear(res);
  PQfinish(conn);
  REQUIRE((status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK));
}

}  // namespace

std::string suite_postgres_dsn() {
  const std::string dsn = read_text(std::string(CHANGEGATE_LEDGER_PG_DIR) + "/dsn");
  INFO("no DSN from the ledger_postgres fixture: run through ctest (it starts PostgreSQL)");
  REQUIRE(dsn.rfind("postgresql://", 0) == 0);
  return dsn.substr(0, dsn.find('\n'));
}

std::string fresh_postgres_database() {
  const std::string dsn = suite_postgres_dsn();
  const std::string name = "ledger_" + random_hex_128().substr(0, 12);
  pg_exec(dsn, "CREATE DATABASE " + name);
  return dsn.substr(0, dsn.rfind('/') + 1) + name;
}

std::string unique_project(const std::string& prefix) {
  return prefix + "-" + random_hex_128().substr(0, 8);
}

void StoreUnderTest::exec(const std::string& sql) const {
  if (kind == "postgresql") return pg_exec(url, sql);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(url.substr(7).c_str(), &db) == SQLITE_OK);
  char* msg = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg);
  INFO(sql << ": " << (msg ? msg : ""));
  sqlite3_free(msg);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

StoreUnderTest make_store(const std::string& kind, const TempDir& dir) {
  if (kind == "postgresql") return {kind, suite_postgres_dsn()};
  return {kind, "sqlite:" + dir.path() + "/ledger.db"};
}

OwnPostgres::OwnPostgres() {
  ::chmod(dir_.path().c_str(), 0755);  // the postgres user must reach its data dir
  port_ = std::to_string(30000 + ::getpid() % 15000);
  const auto r = run_command(pg_script() + " start " + dir_.path() + "/pg " + port_, dir_.path());
  INFO("pg_server.sh failed: " << r.err);
  REQUIRE(r.exit_code == 0);  // no PostgreSQL, no pass
  dsn_ = r.out.substr(0, r.out.find('\n'));
}

OwnPostgres::~OwnPostgres() {
  stop();
}

void OwnPostgres::stop() const {
  run_command(pg_script() + " stop " + dir_.path() + "/pg", dir_.path());
}

void OwnPostgres::start_again() const {
  const auto r = run_command(pg_script() + " restart " + dir_.path() + "/pg " + port_, dir_.path());
  INFO("pg_server.sh restart failed: " << r.err);
  REQUIRE(r.exit_code == 0);
}

}  // namespace changegate::testing
