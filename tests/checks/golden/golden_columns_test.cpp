// Every column a golden gate reads must exist in its source, checked before
// aggregating and worded alike for CSV, SQLite (tests here) and PostgreSQL
// (golden_postgres_test.cpp): a misspelt column is an error, never a pass.
#include <catch2/catch.hpp>
#include <filesystem>

#include "checks/golden/golden_check.h"
#include "gates/error.h"
#include "tests/checks/golden/golden_fixture.h"

using namespace changegate;
using changegate::testing::golden::Fixture;
using changegate::testing::golden::make_sqlite;

namespace {

// customer 10 has two orders; order 2 has no customer.
const std::string k_orders_sql =
    "CREATE TABLE orders (order_id INTEGER, customer_id INTEGER, amount NUMERIC);"
    "INSERT INTO orders VALUES (1, 10, 5.00), (2, NULL, 7.50), (3, 10, 1.25);";

}  // namespace

TEST_CASE(
    "golden gate: a misspelt SQLite column is an error naming it, not a literal that passes") {
  // Expected: error. SQLite's double-quoted string literal fallback used to
  // read "customer_idd" as the string 'customer_idd': no NULLs, a pass.
  Fixture f;
  make_sqlite(f.dir.path() + "/out.db", k_orders_sql);
  const GateResult r = f.run(
      "candidate = { sqlite = \"out.db\", query = \"SELECT * FROM orders\" }\n"
      "aggregates = [{ fn = \"null_count\", column = \"customer_idd\", max = 0 }]\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "column \"customer_idd\" is not in the candidate sqlite:out.db (columns: order_id, "
        "customer_id, amount; did you mean \"customer_id\"?)");
  CHECK(r.details["missing_column"]["where"] == "changegate.toml:5");
  CHECK(r.details["missing_column"]["used_by"] == "aggregate \"null_count_customer_idd\"");
  CHECK(r.details["missing_column"]["source"] == "candidate sqlite:out.db");
  CHECK(r.comparisons.empty());  // nothing was judged
}

TEST_CASE("golden gate: a misspelt SQLite group_by column is an error pointing at group_by") {
  // Expected: error. `GROUP BY "custmer_id"` would otherwise be one constant group.
  Fixture f;
  make_sqlite(f.dir.path() + "/out.db", k_orders_sql);
  const GateResult r = f.run(
      "candidate = { sqlite = \"out.db\", query = \"SELECT * FROM orders\" }\n"
      "group_by = [\"custmer_id\"]\n"
      "aggregates = [{ fn = \"count\", min = 1 }]\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "column \"custmer_id\" is not in the candidate sqlite:out.db (columns: order_id, "
        "customer_id, amount; did you mean \"customer_id\"?)");
  CHECK(r.details["missing_column"]["used_by"] == "group_by");
  CHECK(r.details["missing_column"]["where"] == "changegate.toml:5");
}

TEST_CASE("golden gate: a double-quoted unknown name in a SQLite query fails, never becomes text") {
  // Expected: error. The user's own query gets no string-literal fallback either.
  Fixture f;
  make_sqlite(f.dir.path() + "/out.db", k_orders_sql);
  const GateResult r = f.run(
      "candidate = { sqlite = \"out.db\", query = 'SELECT \"customer_idd\" AS c FROM orders' }\n"
      "aggregates = [{ fn = \"null_count\", column = \"c\", max = 0 }]\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: candidate sqlite:out.db: query failed: no such column: "
        "customer_idd");
}

TEST_CASE("golden gate: a misspelt CSV column is an error worded as for SQL sources") {
  // Expected: error.
  Fixture f;
  f.dir.write("out.csv", "order_id,customer_id,amount\n1,10,5.00\n2,,7.50\n");
  const GateResult r = f.run(
      "candidate = \"out.csv\"\n"
      "aggregates = [{ fn = \"null_count\", column = \"customer_idd\", max = 0 }]\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "column \"customer_idd\" is not in the candidate out.csv (columns: order_id, "
        "customer_id, amount; did you mean \"customer_id\"?)");
  CHECK(r.details["missing_column"]["where"] == "changegate.toml:5");
}

TEST_CASE("golden gate: a CSV header with the column in another case is an error suggesting it") {
  // Expected: error. Columns match exactly, as quoted SQL identifiers do.
  Fixture f;
  f.dir.write("out.csv", "ORDER_ID,Amount\n1,5.00\n");
  const GateResult r = f.run(
      "candidate = \"out.csv\"\n"
      "aggregates = [{ fn = \"sum\", column = \"amount\", min = 0 }]\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "column \"amount\" is not in the candidate out.csv (columns: ORDER_ID, Amount; did you "
        "mean \"Amount\"?)");
}

TEST_CASE("golden gate: a column missing from the baseline is an error naming the baseline") {
  // Expected: error. The candidate has the column, the baseline does not.
  Fixture f;
  f.dir.write("candidate.csv", "id,revenue\n1,1\n");
  f.dir.write("baseline.csv", "id,income\n1,1\n");
  const GateResult r = f.run(
      "candidate = \"candidate.csv\"\nbaseline = \"baseline.csv\"\n"
      "aggregates = [{ fn = \"sum\", column = \"revenue\" }]\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "column \"revenue\" is not in the baseline baseline.csv (columns: id, income)");
  CHECK(r.details["missing_column"]["where"] == "changegate.toml:6");
}

TEST_CASE(
    "golden gate: a bound broken by the candidate wins over a column missing from the baseline") {
  // Expected: fail.
  Fixture f;
  f.dir.write("candidate.csv", "k,v\na,1\na,1\n");
  f.dir.write("baseline.csv", "k,value\na,1\n");
  const GateResult r = f.run(
      "candidate = \"candidate.csv\"\nbaseline = \"baseline.csv\"\n"
      "aggregates = [{ fn = \"duplicates\", column = \"v\", max = 0 }]\n");
  CHECK(r.status == Status::fail);
}

TEST_CASE("golden gate: snapshot of a candidate missing a column writes nothing and names it") {
  Fixture f;
  f.dir.write("out.csv", "id,amount\n1,1\n");
  const Config config = parse_config(
      "[[gate]]\nid = \"g\"\nkind = \"golden\"\ncandidate = \"out.csv\"\n"
      "expected = \"expected.json\"\naggregates = [{ fn = \"sum\", column = \"amout\" }]\n",
      "c.toml", checks::registry());
  CHECK_THROWS_WITH(write_golden_snapshot(config.gates.at(0), f.dir.path(), false),
                    "gate \"g\": column \"amout\" is not in the candidate out.csv (columns: id, "
                    "amount; did you mean \"amount\"?); nothing written");
  CHECK_FALSE(std::filesystem::exists(f.dir.path() + "/expected.json"));
}
