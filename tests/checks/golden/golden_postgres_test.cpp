// Integration tests against a real PostgreSQL started here on 127.0.0.1
// (tests/support/pg_server.sh). They fail, never skip, when it cannot start.
#include <libpq-fe.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "checks/golden/golden_check.h"
#include "tests/checks/check_harness.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::run_gate;

namespace {

constexpr Timestamp k_now = 1795255200;

class Postgres {
 public:
  Postgres() {
    ::chmod(dir_.path().c_str(), 0755);  // the postgres user must reach its data dir
    port_ = std::to_string(23000 + ::getpid() % 20000);
    const auto r =
        testing::run_command(script() + " start " + dir_.path() + "/pg " + port_, dir_.path());
    INFO("pg_server.sh failed: " << r.err);
    REQUIRE(r.exit_code == 0);  // no PostgreSQL, no pass: this test must run in CI
    dsn_ = r.out.substr(0, r.out.find('\n'));
  }
  ~Postgres() { testing::run_command(script() + " stop " + dir_.path() + "/pg", dir_.path()); }
  const std::string& dsn() const { return dsn_; }
  const std::string& port() const { return port_; }
  void exec(const std::string& sql) const {
    PGconn* conn = PQconnectdb(dsn_.c_str());
    REQUIRE(PQstatus(conn) == CONNECTION_OK);
    PGresult* res = PQexec(conn, sql.c_str());
    const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    INFO(PQresultErrorMessage(res));
    PQclear(res);
    PQfinish(conn);
    REQUIRE(ok);
  }

 private:
  static std::string script() {
    return std::string(CHANGEGATE_SOURCE_DIR) + "/tests/support/pg_server.sh";
  }
  testing::TempDir dir_;
  std::string port_;
  std::string dsn_;
};

const std::string k_aggregates =
    "group_by = [\"currency\", \"channel\"]\n"
    "aggregates = [\n"
    "  { fn = \"count\" },\n"
    "  { fn = \"count_distinct\", column = \"order_id\" },\n"
    "  { fn = \"duplicates\", column = \"order_id\" },\n"
    "  { fn = \"sum\", column = \"amount\" },\n"
    "  { fn = \"mean\", column = \"amount\" },\n"
    "  { fn = \"min\", column = \"amount\" },\n"
    "  { fn = \"max\", column = \"amount\" },\n"
    "  { fn = \"null_count\", column = \"note\" },\n"
    "  { fn = \"null_rate\", column = \"note\" },\n"
    "]\n";

}  // namespace

TEST_CASE("golden gate: a CSV and the same rows in PostgreSQL give identical aggregates") {
  Postgres pg;
  testing::TempDir dir;
  // 3,000 cents values over currencies, channels (one NULL channel) and notes
  // with delimiters and quotes; order 2990 appears twice in both.
  std::string csv = "order_id,currency,channel,amount,note\n";
  std::string sql =
      "CREATE TABLE orders (order_id int, currency text, channel text, "
      "amount numeric(12,2), note text);\nINSERT INTO orders VALUES ";
  const char* currencies[] = {"EUR", "USD", "GBP"};
  const char* channels[] = {"ads", "mail", ""};
  for (int i = 0; i < 3000; ++i) {
    const int id = i == 2999 ? 2990 : i;  // same group as row 2990
    const std::string currency = currencies[i % 3];
    const std::string channel = channels[(i / 3) % 3];
    const std::string amount = std::to_string(i * 37 % 10007) + "." + std::to_string(10 + i % 90);
    const bool has_note = i % 4 != 0;
    csv += std::to_string(id) + "," + currency + "," + channel + "," + amount + "," +
           (has_note ? "\"a, \"\"quoted\"\" note\"" : "") + "\n";
    sql += std::string(i ? "," : "") + "(" + std::to_string(id) + ",'" + currency + "'," +
           (channel.empty() ? "NULL" : "'" + channel + "'") + "," + amount + "," +
           (has_note ? "'a, \"quoted\" note'" : "NULL") + ")";
  }
  pg.exec(sql);
  dir.write("orders.csv", csv);
  ::setenv("CHANGEGATE_TEST_PG_DSN", pg.dsn().c_str(), 1);

  RepoContext repo;
  repo.root = dir.path();
  ChangeRecord change;
  const GateResult r = run_gate(
                           "id = \"golden\"\nkind = \"golden\"\n"
                           "candidate = { postgres_env = \"CHANGEGATE_TEST_PG_DSN\", query = "
                           "\"SELECT * FROM orders\" }\n"
                           "baseline = \"orders.csv\"\n" +
                               k_aggregates,
                           change, repo, k_now)
                           .result;
  INFO(r.summary);
  CHECK(r.status == Status::pass);
  CHECK(r.details["rows_total"] == 9 * 9);
  CHECK(r.details["rows_failed"] == 0);
  CHECK(r.evidence.at(0).path == "postgres:$CHANGEGATE_TEST_PG_DSN");
  bool saw_duplicate = false;
  for (const auto& row : r.details["rows"])
    if (row["aggregate"] == "duplicates_order_id" && row["actual"] == 1) saw_duplicate = true;
  CHECK(saw_duplicate);
  // The DSN is a secret: it appears nowhere in the result.
  CHECK(r.details.dump().find(pg.dsn()) == std::string::npos);
}

TEST_CASE("golden gate: a PostgreSQL error never prints the DSN or its password") {
  Postgres pg;
  testing::TempDir dir;
  RepoContext repo;
  repo.root = dir.path();
  ChangeRecord change;
  const std::string gate =
      "id = \"golden\"\nkind = \"golden\"\n"
      "candidate = { postgres_env = \"CHANGEGATE_TEST_PG_BAD\", query = \"SELECT 1 AS x\" }\n"
      "aggregates = [{ fn = \"count\", min = 1 }]\n";
  SECTION("wrong database") {
    const std::string dsn = "postgresql://postgres:s3cretpw@127.0.0.1:" + pg.port() + "/no_such_db";
    ::setenv("CHANGEGATE_TEST_PG_BAD", dsn.c_str(), 1);
    const GateResult r = run_gate(gate, change, repo, k_now).result;
    CHECK(r.status == Status::error);
    CHECK(r.summary.find("candidate postgres:$CHANGEGATE_TEST_PG_BAD: cannot connect:") !=
          std::string::npos);
    CHECK(r.summary.find("s3cretpw") == std::string::npos);
    CHECK(r.summary.find(dsn) == std::string::npos);
  }
  SECTION("unset variable") {
    ::unsetenv("CHANGEGATE_TEST_PG_BAD");
    const GateResult r = run_gate(gate, change, repo, k_now).result;
    CHECK(r.status == Status::error);
    CHECK(r.summary ==
          "could not read all evidence: candidate postgres:$CHANGEGATE_TEST_PG_BAD: the "
          "environment variable CHANGEGATE_TEST_PG_BAD (the PostgreSQL connection string) is "
          "not set");
  }
  SECTION("a failing query") {
    ::setenv("CHANGEGATE_TEST_PG_BAD", pg.dsn().c_str(), 1);
    const GateResult r = run_gate(
                             "id = \"golden\"\nkind = \"golden\"\n"
                             "candidate = { postgres_env = \"CHANGEGATE_TEST_PG_BAD\", query = "
                             "\"SELECT * FROM nope\" }\n"
                             "aggregates = [{ fn = \"count\", min = 1 }]\n",
                             change, repo, k_now)
                             .result;
    CHECK(r.status == Status::error);
    CHECK(r.summary.find("query failed: ERROR:  relation \"nope\" does not exist") !=
          std::string::npos);
  }
}
