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

namespace {

// Five sales over two regions, every value written here so every aggregate
// has a number worked out by hand: north has ids 1, 2, 2 (one double
// count), amounts 10.50 + 20.25 + 4.00 = 34.75 and one NULL note of 3;
// south has ids 3, 4, amounts 7.75 and NULL, one NULL note of 2.
const char* const k_sales_sql =
    "CREATE TABLE sales (id int, region text, amount numeric(10,2), note text);"
    "INSERT INTO sales VALUES (1, 'north', 10.50, 'a'), (2, 'north', 20.25, NULL),"
    " (2, 'north', 4.00, 'b'), (3, 'south', 7.75, NULL), (4, 'south', NULL, 'c');";

const std::string k_sales_gate =
    "id = \"golden\"\nkind = \"golden\"\n"
    "candidate = { postgres_env = \"CHANGEGATE_TEST_PG_DSN\", query = \"SELECT * FROM sales\" }\n"
    "expected = \"expected.json\"\n"
    "group_by = [\"region\"]\n"
    "aggregates = [\n"
    "  { fn = \"count\" },\n"
    "  { fn = \"count_distinct\", column = \"id\" },\n"
    "  { fn = \"duplicates\", column = \"id\" },\n"
    "  { fn = \"sum\", column = \"amount\" },\n"
    "  { fn = \"mean\", column = \"amount\", tolerance = { abs = 1e-12 } },\n"
    "  { fn = \"min\", column = \"amount\" },\n"
    "  { fn = \"max\", column = \"amount\" },\n"
    "  { fn = \"null_count\", column = \"note\" },\n"
    "  { fn = \"null_rate\", column = \"note\", tolerance = { abs = 1e-12 } },\n"
    "]\n";

std::string sales_expected(const std::string& north_sum) {
  return "{\"format\": \"changegate-golden/1\", \"group_by\": [\"region\"], \"groups\": [\n"
         " {\"group\": {\"region\": \"north\"}, \"values\": {\"count\": 3, "
         "\"count_distinct_id\": 2, \"duplicates_id\": 1, \"sum_amount\": " +
         north_sum +
         ", \"mean_amount\": 11.583333333333334, \"min_amount\": 4, \"max_amount\": 20.25, "
         "\"null_count_note\": 1, \"null_rate_note\": 0.3333333333333333}},\n"
         " {\"group\": {\"region\": \"south\"}, \"values\": {\"count\": 2, "
         "\"count_distinct_id\": 2, \"duplicates_id\": 0, \"sum_amount\": 7.75, "
         "\"mean_amount\": 7.75, \"min_amount\": 7.75, \"max_amount\": 7.75, "
         "\"null_count_note\": 1, \"null_rate_note\": 0.5}}]}\n";
}

const nlohmann::json& row(const GateResult& r, const std::string& aggregate,
                          const std::string& group) {
  for (const auto& row : r.details["rows"])
    if (row.value("aggregate", "") == aggregate && row["group"] == group) return row;
  FAIL("no row " << aggregate << " [" << group << "]");
  throw;  // unreachable: FAIL throws
}

struct PgRun {
  testing::TempDir dir;
  RepoContext repo;
  ChangeRecord change;
  explicit PgRun(const Postgres& pg) {
    repo.root = dir.path();
    ::setenv("CHANGEGATE_TEST_PG_DSN", pg.dsn().c_str(), 1);
  }
  GateResult run(const std::string& gate) { return run_gate(gate, change, repo, k_now).result; }
};

}  // namespace

TEST_CASE(
    "golden gate on PostgreSQL: every aggregate function gives the value worked out by hand") {
  // Expected: pass with the hand-worked values; fail when one sum is a cent off.
  Postgres pg;
  pg.exec(k_sales_sql);
  PgRun t(pg);
  t.dir.write("expected.json", sales_expected("34.75"));
  const GateResult r = t.run(k_sales_gate);
  INFO(r.summary);
  CHECK(r.status == Status::pass);
  CHECK(r.details["rows_total"] == 18);
  CHECK(row(r, "count", "region=north")["actual"] == 3);
  CHECK(row(r, "count_distinct_id", "region=north")["actual"] == 2);
  CHECK(row(r, "duplicates_id", "region=north")["actual"] == 1);
  CHECK(row(r, "sum_amount", "region=north")["actual_exact"] == "34.75");
  CHECK(row(r, "mean_amount", "region=north")["actual"] == 34.75 / 3);
  CHECK(row(r, "min_amount", "region=north")["actual"] == 4);
  CHECK(row(r, "max_amount", "region=north")["actual"] == 20.25);
  CHECK(row(r, "null_count_note", "region=north")["actual"] == 1);
  CHECK(row(r, "null_rate_note", "region=north")["actual"] == 1.0 / 3);
  CHECK(row(r, "count", "region=south")["actual"] == 2);
  CHECK(row(r, "count_distinct_id", "region=south")["actual"] == 2);
  CHECK(row(r, "duplicates_id", "region=south")["actual"] == 0);
  CHECK(row(r, "sum_amount", "region=south")["actual_exact"] == "7.75");
  CHECK(row(r, "mean_amount", "region=south")["actual"] == 7.75);  // the NULL amount is skipped
  CHECK(row(r, "min_amount", "region=south")["actual"] == 7.75);
  CHECK(row(r, "max_amount", "region=south")["actual"] == 7.75);
  CHECK(row(r, "null_count_note", "region=south")["actual"] == 1);
  CHECK(row(r, "null_rate_note", "region=south")["actual"] == 0.5);

  t.dir.write("expected.json", sales_expected("34.76"));
  const GateResult off = t.run(k_sales_gate);
  CHECK(off.status == Status::fail);
  // (The diff is shown as the doubles subtract: -0.00999999999999801.)
  CHECK_THAT(off.summary,
             Catch::StartsWith("1 of 18 aggregate checks failed: sum_amount (sum of amount) in "
                               "group region=north: expected 34.76, got 34.75 (diff -0.0099"));
}

TEST_CASE("golden gate on PostgreSQL: a misspelt column is an error worded as for CSV and SQLite") {
  // Expected: error, from the prepared query's columns, before aggregating.
  Postgres pg;
  pg.exec(
      "CREATE TABLE orders (order_id int, customer_id int, amount numeric);"
      "INSERT INTO orders VALUES (1, 10, 5), (2, NULL, 7);");
  PgRun t(pg);
  const GateResult r = t.run(
      "id = \"golden\"\nkind = \"golden\"\n"
      "candidate = { postgres_env = \"CHANGEGATE_TEST_PG_DSN\", query = \"SELECT * FROM orders\" "
      "}\n"
      "aggregates = [{ fn = \"null_count\", column = \"customer_idd\", max = 0 }]\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "column \"customer_idd\" is not in the candidate postgres:$CHANGEGATE_TEST_PG_DSN "
        "(columns: order_id, customer_id, amount; did you mean \"customer_id\"?)");
  CHECK(r.details["missing_column"]["where"] == "changegate.toml:5");
  CHECK(r.details.dump().find(pg.dsn()) == std::string::npos);
}

TEST_CASE("golden gate on PostgreSQL: a query returning no rows fails unless allow_empty") {
  // Expected: fail without allow_empty, pass with it.
  Postgres pg;
  pg.exec(k_sales_sql);
  PgRun t(pg);
  const std::string body =
      "candidate = { postgres_env = \"CHANGEGATE_TEST_PG_DSN\", query = "
      "\"SELECT * FROM sales WHERE false\" }\n"
      "group_by = [\"region\"]\n"
      "aggregates = [{ fn = \"duplicates\", column = \"id\", max = 0 }]\n";
  const GateResult r = t.run("id = \"golden\"\nkind = \"golden\"\n" + body);
  CHECK(r.status == Status::fail);
  CHECK(r.summary ==
        "the candidate postgres:$CHANGEGATE_TEST_PG_DSN has no rows (set allow_empty = true if "
        "an empty output is correct)");
  CHECK(t.run("id = \"golden\"\nkind = \"golden\"\nallow_empty = true\n" + body).status ==
        Status::pass);
}

TEST_CASE("golden gate on PostgreSQL: NaN, Infinity and 1e400 summed are errors, never judged") {
  // Expected: error for each numeric value a double cannot judge.
  Postgres pg;
  pg.exec(
      "CREATE TABLE t (v text, amount numeric);"
      "INSERT INTO t VALUES ('NaN', 1), ('NaN', 'NaN'), ('Infinity', 1), "
      "('Infinity', 'Infinity'), ('1e400', 1), ('1e400', 1e400);");
  PgRun t(pg);
  struct Case {
    std::string value, summary;
  };
  const std::string source =
      "could not read all evidence: candidate postgres:$CHANGEGATE_TEST_PG_DSN: ";
  const Case cases[] = {
      {"NaN", source + "column \"amount\" in group (all rows): sum is not a number: \"NaN\""},
      {"Infinity",
       source + "column \"amount\" in group (all rows): sum is not a number: \"Infinity\""},
      {"1e400", source + "aggregate \"sum_amount\" in group (all rows) is not a finite number: its "
                         "values are too large for a double"},
  };
  for (const auto& c : cases) {
    INFO(c.value);
    const GateResult r = t.run(
        "id = \"golden\"\nkind = \"golden\"\n"
        "candidate = { postgres_env = \"CHANGEGATE_TEST_PG_DSN\", query = \"SELECT amount FROM t "
        "WHERE v = '" +
        c.value +
        "'\" }\n"
        "aggregates = [{ fn = \"sum\", column = \"amount\", min = 0 }]\n");
    CHECK(r.status == Status::error);
    CHECK(r.summary == c.summary);
  }
}
