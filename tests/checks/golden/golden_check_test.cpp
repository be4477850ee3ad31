#include "checks/golden/golden_check.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "checks/registry.h"
#include "gates/error.h"
#include "gates/util/sha256.h"
#include "tests/checks/check_harness.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::run_gate;

namespace {

constexpr Timestamp k_now = 1795255200;  // 2026-11-21T10:00:00Z

// Known-good orders output: 5 lines over 2 currencies.
const std::string k_orders =
    "order_id,currency,amount,channel\n"
    "1,EUR,10.00,ads\n"
    "2,EUR,20.50,\n"
    "3,USD,5.25,mail\n"
    "4,USD,4.75,ads\n"
    "5,EUR,0.50,ads\n";

const std::string k_aggregates =
    "group_by = [\"currency\"]\n"
    "aggregates = [\n"
    "  { fn = \"count\" },\n"
    "  { fn = \"duplicates\", column = \"order_id\" },\n"
    "  { fn = \"sum\", column = \"amount\", name = \"revenue\" },\n"
    "  { fn = \"null_rate\", column = \"channel\" },\n"
    "]\n";

struct Fixture {
  testing::TempDir dir;
  RepoContext repo;
  ChangeRecord change;
  Fixture() { repo.root = dir.path(); }
  GateResult run(const std::string& body) {
    return run_gate("id = \"golden\"\nkind = \"golden\"\n" + body, change, repo, k_now).result;
  }
};

const nlohmann::json* row_of(const GateResult& r, const std::string& aggregate,
                             const std::string& group) {
  for (const auto& row : r.details["rows"])
    if (row.value("aggregate", "") == aggregate && row["group"] == group) return &row;
  return nullptr;
}

}  // namespace

TEST_CASE("golden gate: a candidate equal to its baseline passes with every row recorded") {
  Fixture f;
  f.dir.write("baseline.csv", k_orders);
  f.dir.write("candidate.csv", k_orders);
  const GateResult r =
      f.run("candidate = \"candidate.csv\"\nbaseline = \"baseline.csv\"\n" + k_aggregates);
  INFO(r.summary);
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "8 aggregate values in 2 groups match the baseline");
  CHECK(r.details["rows"].size() == 8);
  CHECK(r.evidence.size() == 2);
  const auto* revenue = row_of(r, "revenue", "currency=EUR");
  REQUIRE(revenue);
  CHECK((*revenue)["actual"] == 31);
  CHECK((*revenue)["actual_exact"] == "31.00");
  CHECK((*revenue)["status"] == "pass");
  const auto* nulls = row_of(r, "null_rate_channel", "currency=EUR");
  REQUIRE(nulls);
  CHECK((*nulls)["actual"].get<double>() == Approx(1.0 / 3));
}

TEST_CASE("golden gate: a double-counted order fails the duplicates aggregate") {
  Fixture f;
  f.dir.write("baseline.csv", k_orders);
  f.dir.write("candidate.csv", k_orders + "1,EUR,10.00,ads\n");  // a bad join repeats order 1
  const GateResult r =
      f.run("candidate = \"candidate.csv\"\nbaseline = \"baseline.csv\"\n" + k_aggregates);
  CHECK(r.status == Status::fail);
  const auto* dup = row_of(r, "duplicates_order_id", "currency=EUR");
  REQUIRE(dup);
  CHECK((*dup)["expected"] == 0);
  CHECK((*dup)["actual"] == 1);
  CHECK((*dup)["status"] == "fail");
  CHECK(r.details["rows_failed"] == 4);  // count, duplicates, revenue, null_rate
  CHECK(r.summary.find("4 of 8 aggregate checks failed") == 0);
}

TEST_CASE("golden gate: absolute and relative tolerances, relative to the expected value") {
  Fixture f;
  f.dir.write("baseline.csv", "k,v\na,100\nb,0\n");
  f.dir.write("candidate.csv", "k,v\na,101\nb,0.001\n");
  const std::string gate =
      "candidate = \"candidate.csv\"\nbaseline = \"baseline.csv\"\n"
      "group_by = \"k\"\n";
  SECTION("rel 2% of 100 allows 1, but any move away from 0 fails") {
    const GateResult r =
        f.run(gate + "aggregates = [{ fn = \"sum\", column = \"v\", tolerance = { rel = 0.02 } }]");
    CHECK(r.status == Status::fail);
    CHECK((*row_of(r, "sum_v", "k=a"))["status"] == "pass");
    CHECK((*row_of(r, "sum_v", "k=a"))["tolerance"]["allowed"] == 2.0);
    CHECK((*row_of(r, "sum_v", "k=b"))["status"] == "fail");
  }
  SECTION("abs 0.01 allows the small move, not the big one") {
    const GateResult r =
        f.run(gate + "aggregates = [{ fn = \"sum\", column = \"v\", tolerance = { abs = 0.01 } }]");
    CHECK(r.status == Status::fail);
    CHECK((*row_of(r, "sum_v", "k=a"))["status"] == "fail");
    CHECK((*row_of(r, "sum_v", "k=b"))["status"] == "pass");
  }
  SECTION("no tolerance means exact") {
    const GateResult r = f.run(gate + "aggregates = [{ fn = \"count\" }]");
    CHECK(r.status == Status::pass);
  }
}

TEST_CASE("golden gate: missing and extra groups fail by name, never as zeros") {
  Fixture f;
  f.dir.write("baseline.csv", "k,v\na,1\nb,2\n");
  f.dir.write("candidate.csv", "k,v\na,1\nc,2\n");
  const GateResult r = f.run(
      "candidate = \"candidate.csv\"\nbaseline = \"baseline.csv\"\ngroup_by = [\"k\"]\n"
      "aggregates = [{ fn = \"count\" }]");
  CHECK(r.status == Status::fail);
  CHECK(r.details["groups"]["missing"] == nlohmann::json{"k=b"});
  CHECK(r.details["groups"]["extra"] == nlohmann::json{"k=c"});
  CHECK(std::find(r.problems.begin(), r.problems.end(),
                  "group k=b is missing from the candidate") != r.problems.end());
  CHECK(std::find(r.problems.begin(), r.problems.end(),
                  "group k=c is extra: not in the expected values") != r.problems.end());
}

TEST_CASE("golden gate: bounds alone judge the candidate") {
  Fixture f;
  f.dir.write("candidate.csv", k_orders);
  const GateResult ok = f.run(
      "candidate = \"candidate.csv\"\n"
      "aggregates = [{ fn = \"null_rate\", column = \"channel\", max = 0.25 }]");
  CHECK(ok.status == Status::pass);  // 1 of 5 rows
  const GateResult bad = f.run(
      "candidate = \"candidate.csv\"\ngroup_by = [\"currency\"]\n"
      "aggregates = [{ fn = \"null_rate\", column = \"channel\", max = 0.25 }]");
  CHECK(bad.status == Status::fail);  // EUR: 1 of 3
  CHECK((*row_of(bad, "null_rate_channel", "currency=EUR"))["reason"].get<std::string>().find(
            "outside the bounds") != std::string::npos);
}

TEST_CASE("golden gate: an unreadable candidate is an error, never a pass") {
  Fixture f;
  f.dir.write("baseline.csv", k_orders);
  const GateResult r =
      f.run("candidate = \"missing.csv\"\nbaseline = \"baseline.csv\"\n" + k_aggregates);
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: candidate missing.csv: cannot open: "
        "No such file or directory");
}

TEST_CASE("golden gate: a bound failing on the candidate wins over an unreadable baseline") {
  Fixture f;
  f.dir.write("candidate.csv", k_orders + "1,EUR,10.00,ads\n");
  const GateResult r = f.run(
      "candidate = \"candidate.csv\"\nbaseline = \"gone.csv\"\n"
      "aggregates = [{ fn = \"duplicates\", column = \"order_id\", max = 0 }]");
  CHECK(r.status == Status::fail);
}

TEST_CASE("golden gate: a non-numeric value in a summed column names file, line and column") {
  Fixture f;
  f.dir.write("candidate.csv", "id,amount\n1,2.5\n2,n/a\n");
  const GateResult r = f.run(
      "candidate = \"candidate.csv\"\n"
      "aggregates = [{ fn = \"sum\", column = \"amount\", min = 0 }]");
  CHECK(r.status == Status::error);
  CHECK(r.problems.at(0) ==
        "candidate candidate.csv:3:2: column \"amount\": not a number: \"n/a\" (sum needs numbers; "
        "list it in null_values if it means NULL)");
}

TEST_CASE("golden gate: null_values and the delimiter come from the gate or the source") {
  Fixture f;
  f.dir.write("candidate.csv", "id;amount\n1;n/a\n2;3,5\n");
  const GateResult r = f.run(
      "candidate = { csv = \"candidate.csv\", delimiter = \";\", null_values = [\"n/a\"] }\n"
      "aggregates = [{ fn = \"null_count\", column = \"amount\", max = 1 },"
      " { fn = \"count_distinct\", column = \"id\", min = 2 }]");
  CHECK(r.status == Status::pass);
}

TEST_CASE("golden gate: a missing column is an error naming it, the columns and a suggestion") {
  Fixture f;
  f.dir.write("candidate.csv", k_orders);
  const GateResult r = f.run(
      "candidate = \"candidate.csv\"\n"
      "aggregates = [{ fn = \"sum\", column = \"amout\", min = 0 }]");
  CHECK(r.status == Status::error);
  CHECK(r.problems.at(0) ==
        "column \"amout\" is not in the candidate candidate.csv (columns: order_id, currency, "
        "amount, channel; did you mean \"amount\"?)");
}

TEST_CASE("golden gate: thousands of groups are listed up to a cap with the rest counted") {
  Fixture f;
  std::string csv = "k,v\n";
  for (int i = 0; i < 1500; ++i) csv += "g" + std::to_string(i) + ",1\n";
  f.dir.write("candidate.csv", csv);
  const GateResult r = f.run(
      "candidate = \"candidate.csv\"\ngroup_by = [\"k\"]\n"
      "aggregates = [{ fn = \"count\", min = 1 }]");
  CHECK(r.status == Status::pass);
  CHECK(r.details["rows"].size() == 200);
  CHECK(r.details["rows_total"] == 1500);
  CHECK(r.details["rows_not_listed"] == 1300);
}

TEST_CASE("golden gate: min, max, mean and count_distinct over a column") {
  Fixture f;
  f.dir.write("candidate.csv", k_orders);
  const GateResult r = f.run(
      "candidate = \"candidate.csv\"\n"
      "aggregates = [{ fn = \"min\", column = \"amount\", min = 0.5, max = 0.5 },"
      " { fn = \"max\", column = \"amount\", min = 20.5, max = 20.5 },"
      " { fn = \"mean\", column = \"amount\", min = 8.2, max = 8.2 },"
      " { fn = \"count_distinct\", column = \"currency\", min = 2, max = 2 }]");
  INFO(r.details.dump(1));
  CHECK(r.status == Status::pass);
}

TEST_CASE("golden gate: snapshot writes a stable expected file the gate then passes against") {
  Fixture f;
  f.dir.write("out.csv", k_orders);
  const std::string body =
      "candidate = \"out.csv\"\nexpected = \"golden/expected.json\"\n" + k_aggregates;
  const Config config = parse_config("[[gate]]\nid = \"g\"\nkind = \"golden\"\n" + body, "c.toml",
                                     checks::registry());
  const GoldenSnapshot s = write_golden_snapshot(config.gates.at(0), f.dir.path(), false);
  CHECK(s.changed);
  CHECK(s.groups == 2);
  const std::string text = testing::read_text(f.dir.path() + "/golden/expected.json");
  CHECK(text.find("\"format\": \"changegate-golden/1\"") != std::string::npos);
  CHECK(text.find("\"revenue\": 31.0") != std::string::npos);
  CHECK(f.run(body).status == Status::pass);

  // The same values again: left alone. Different values: refused without --force.
  CHECK_FALSE(write_golden_snapshot(config.gates.at(0), f.dir.path(), false).changed);
  f.dir.write("out.csv", k_orders + "6,GBP,1,ads\n");
  const GateResult drift = f.run(body);
  CHECK(drift.status == Status::fail);
  CHECK(drift.details["groups"]["extra"] == nlohmann::json{"currency=GBP"});
  CHECK_THROWS_WITH(write_golden_snapshot(config.gates.at(0), f.dir.path(), false),
                    Catch::Contains("exists with different values; re-run with --force"));
  CHECK(write_golden_snapshot(config.gates.at(0), f.dir.path(), true).changed);
  CHECK(f.run(body).status == Status::pass);
}

TEST_CASE("golden gate: an expected file for other group_by is an error") {
  Fixture f;
  f.dir.write("out.csv", k_orders);
  f.dir.write("expected.json",
              "{\"format\": \"changegate-golden/1\", \"group_by\": [\"channel\"], \"groups\": []}");
  const GateResult r =
      f.run("candidate = \"out.csv\"\nexpected = \"expected.json\"\n" + k_aggregates);
  CHECK(r.status == Status::error);
  CHECK(r.summary.find("group_by [\"channel\"] differs from the gate's [\"currency\"]") !=
        std::string::npos);
}

TEST_CASE("golden gate: bad configuration is rejected with the line and a suggestion") {
  auto error_of = [](const std::string& body) {
    try {
      parse_config("[[gate]]\nid = \"g\"\nkind = \"golden\"\n" + body, "changegate.toml",
                   checks::registry());
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("candidate = \"a.csv\"\nbaseline = \"b.csv\"\naggregates = [{ fn = \"cout\" }]") ==
        "changegate.toml:6: gate \"g\" aggregate: unknown fn \"cout\" (did you mean \"count\"?); "
        "one of: count, count_distinct, duplicates, sum, mean, min, max, null_count, null_rate");
  CHECK(error_of("candidate = \"a.csv\"\naggregates = [{ fn = \"count\" }]")
            .find("has nothing to compare with") != std::string::npos);
  CHECK(error_of("candidate = \"a.csv\"\nbaseline = \"b.csv\"\nexpected = \"e.json\"\n"
                 "aggregates = [{ fn = \"count\" }]")
            .find("give \"expected\" or \"baseline\", not both") != std::string::npos);
  CHECK(error_of("candidate = \"a.csv\"\nbaseline = \"b.csv\"\n"
                 "aggregates = [{ fn = \"sum\" }]")
            .find("fn \"sum\" needs a \"column\"") != std::string::npos);
  CHECK(error_of("baseline = \"b.csv\"\naggregates = [{ fn = \"count\" }]")
            .find("missing required key \"candidate\"") != std::string::npos);
  CHECK(error_of("candidate = { csv = \"a.csv\", sqlite = \"b.db\", query = \"x\" }\n"
                 "baseline = \"b.csv\"\naggregates = [{ fn = \"count\" }]")
            .find("give exactly one of") != std::string::npos);
}

namespace {

void make_sqlite(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const char* sql =
      "CREATE TABLE orders (order_id INTEGER, currency TEXT, amount NUMERIC, channel TEXT);"
      "INSERT INTO orders VALUES (1,'EUR',10.00,'ads'),(2,'EUR',20.50,NULL),(3,'USD',5.25,'mail'),"
      "(4,'USD',4.75,'ads'),(5,'EUR',0.50,'ads');";
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("golden gate: a SQLite query pushed down gives the same values as the CSV") {
  Fixture f;
  f.dir.write("baseline.csv", k_orders);
  make_sqlite(f.dir.path() + "/out.db");
  const GateResult r = f.run(
      "candidate = { sqlite = \"out.db\", query = \"SELECT * FROM orders;\" }\n"
      "baseline = \"baseline.csv\"\n" +
      k_aggregates);
  INFO(r.details.dump(1));
  CHECK(r.status == Status::pass);
  CHECK(r.evidence.at(0).path == "sqlite:out.db");
}

TEST_CASE("golden gate: SQLite text in a summed column is an error, not a silent zero") {
  Fixture f;
  make_sqlite(f.dir.path() + "/out.db");
  const GateResult r = f.run(
      "candidate = { sqlite = \"out.db\", query = \"SELECT currency AS amount FROM orders\" }\n"
      "aggregates = [{ fn = \"sum\", column = \"amount\", min = 0 }]");
  CHECK(r.status == Status::error);
  CHECK(r.summary.find("5 values are not numbers") != std::string::npos);
}

TEST_CASE("golden gate: a bad SQL query is an error naming the source") {
  Fixture f;
  make_sqlite(f.dir.path() + "/out.db");
  const GateResult r = f.run(
      "candidate = { sqlite = \"out.db\", query = \"SELECT * FROM nope\" }\n"
      "aggregates = [{ fn = \"count\", min = 1 }]");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: candidate sqlite:out.db: query failed: "
        "no such table: nope");
}

TEST_CASE("golden gate: identifiers with quotes are quoted safely in the pushed-down query") {
  Fixture f;
  make_sqlite(f.dir.path() + "/out.db");
  const GateResult r = f.run(
      "candidate = { sqlite = \"out.db\", query = 'SELECT amount AS \"we\"\"ird\" FROM orders' }\n"
      "aggregates = [{ fn = \"sum\", column = 'we\"ird', min = 41, max = 41 }]");
  INFO(r.summary);
  CHECK(r.status == Status::pass);
}

namespace {

// A CSV over the 8 MiB parallel threshold: `rows` lines with a quoted note.
std::string big_csv(int rows, const std::string& note_at_middle = "") {
  std::string csv = "id,grp,amount,note\n";
  csv.reserve(static_cast<std::size_t>(rows) * 48);
  for (int i = 0; i < rows; ++i) {
    const std::string note = i == rows / 2 && !note_at_middle.empty()
                                 ? note_at_middle
                                 : "\"n, " + std::to_string(i % 7) + "\"";
    csv += std::to_string(i) + ",g" + std::to_string(i % 13) + "," + std::to_string(i % 1000) +
           "." + std::to_string(10 + i % 90) + "," + note + "\n";
  }
  return csv;
}

const std::string k_big_gate =
    "group_by = [\"grp\"]\n"
    "aggregates = [{ fn = \"count\" }, { fn = \"count_distinct\", column = \"id\" },"
    " { fn = \"sum\", column = \"amount\" }, { fn = \"min\", column = \"amount\" },"
    " { fn = \"max\", column = \"amount\" }, { fn = \"null_rate\", column = \"note\" }]\n";

}  // namespace

TEST_CASE("golden gate: a large CSV parsed by two threads equals the same rows parsed by one") {
  Fixture f;
  const std::string csv = big_csv(420000);  // ~10 MB: over the threshold, two threads
  REQUIRE(csv.size() > (9u << 20));
  f.dir.write("big.csv", csv);
  const GateResult r = f.run("candidate = \"big.csv\"\nbaseline = \"big.csv\"\n" + k_big_gate);
  CHECK(r.status == Status::pass);
  CHECK(r.details["groups"]["candidate"] == 13);
  const auto* count = row_of(r, "count", "grp=g0");
  REQUIRE(count);
  // 420,000 rows over 13 groups: g0 gets ids 0, 13, 26, ...
  CHECK((*count)["actual"] == (420000 + 12) / 13);
  const auto* distinct = row_of(r, "count_distinct_id", "grp=g0");
  CHECK((*distinct)["actual"] == (420000 + 12) / 13);
  // The exact sum, counted here in cents.
  std::int64_t cents = 0;
  for (int i = 0; i < 420000; i += 13) cents += (i % 1000) * 100 + 10 + i % 90;
  const std::string exact = std::to_string(cents / 100) + "." + std::to_string(cents % 100);
  CHECK((*row_of(r, "sum_amount", "grp=g0"))["actual_exact"] == exact);
  CHECK(r.evidence.at(0).bytes == csv.size());
  CHECK(r.evidence.at(0).sha256 == sha256_hex(csv));
}

TEST_CASE(
    "golden gate: a quoted newline at the split point falls back to one thread, same result") {
  Fixture f;
  std::string csv = big_csv(420000);
  // Put a quoted field with many newlines around the middle of the file, so
  // the split lands inside quotes.
  const std::size_t middle = csv.find('\n', csv.size() / 2 - 2000) + 1;
  const std::string multiline = "-1,gq,1.00,\"" + std::string(4000, '\n') + "\"\n";
  csv.insert(middle, multiline);
  f.dir.write("big.csv", csv);
  const GateResult r = f.run(
      "candidate = \"big.csv\"\ngroup_by = [\"grp\"]\n"
      "aggregates = [{ fn = \"count\", min = 1 }, { fn = \"sum\", column = \"amount\", min = 0 }]");
  INFO(r.summary);
  CHECK(r.status == Status::pass);
  CHECK((*row_of(r, "count", "grp=gq"))["actual"] == 1);
  CHECK(r.details["groups"]["candidate"] == 14);
}

TEST_CASE("golden gate: an error in the second half of a large CSV names its true line") {
  Fixture f;
  std::string csv = big_csv(420000);
  // Row 250,000 (line 250,002 with the header) gets a non-number amount.
  std::size_t at = 0;
  for (int line = 1; line < 250002; ++line) at = csv.find('\n', at) + 1;
  const std::size_t comma = csv.find(',', csv.find(',', at) + 1);
  csv.replace(comma + 1, csv.find(',', comma + 1) - comma - 1, "oops");
  f.dir.write("big.csv", csv);
  const GateResult r = f.run(
      "candidate = \"big.csv\"\n"
      "aggregates = [{ fn = \"sum\", column = \"amount\", min = 0 }]");
  CHECK(r.status == Status::error);
  CHECK(r.problems.at(0).find(
            "candidate big.csv:250002:3: column \"amount\": not a number: \"oops\"") == 0);
}

TEST_CASE("golden gate: snapshot needs a golden gate with an expected file") {
  Fixture f;
  f.dir.write("out.csv", k_orders);
  const Config config = parse_config(
      "[[gate]]\nid = \"b\"\nkind = \"golden\"\ncandidate = \"out.csv\"\nbaseline = \"out.csv\"\n" +
          k_aggregates + "[[gate]]\nid = \"rb\"\nkind = \"rollback\"\n",
      "c.toml", checks::registry());
  CHECK_THROWS_WITH(write_golden_snapshot(config.gates.at(0), f.dir.path(), false),
                    "gate \"b\" has no \"expected\" file to write (it compares with a baseline)");
  CHECK_THROWS_WITH(write_golden_snapshot(config.gates.at(1), f.dir.path(), false),
                    "gate \"rb\" is a rollback gate; `golden snapshot` needs a golden gate");
}

TEST_CASE("golden gate: a FIFO given as the candidate or baseline is an error, never a hang") {
  struct Case {
    std::string fifo, other, body, summary;
  };
  const std::string csv_body = "candidate = \"candidate.csv\"\nbaseline = \"baseline.csv\"\n";
  const Case cases[] = {
      {"candidate.csv", "baseline.csv", csv_body + k_aggregates,
       "candidate candidate.csv: cannot open: is a FIFO, not a regular file"},
      {"baseline.csv", "candidate.csv", csv_body + k_aggregates,
       "baseline baseline.csv: cannot open: is a FIFO, not a regular file"},
      {"out.db", "unused.csv",
       "candidate = { sqlite = \"out.db\", query = \"SELECT 1 AS n\" }\n"
       "aggregates = [{ fn = \"count\", min = 1 }]",
       "candidate sqlite:out.db: cannot open: is a FIFO, not a regular file"},
  };
  for (const auto& c : cases) {
    INFO(c.fifo);
    Fixture f;
    f.dir.write(c.other, k_orders);
    REQUIRE(::mkfifo((f.dir.path() + "/" + c.fifo).c_str(), 0600) == 0);
    const GateResult r = f.run(c.body);
    CHECK(r.status == Status::error);
    CHECK(r.summary == "could not read all evidence: " + c.summary);
  }
}

TEST_CASE("golden gate: a directory given as the expected file is an error naming it") {
  Fixture f;
  f.dir.write("out.csv", k_orders);
  f.dir.write("expected.json/inside.txt", "a directory, not a snapshot\n");
  const GateResult r =
      f.run("candidate = \"out.csv\"\nexpected = \"expected.json\"\n" + k_aggregates);
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: expected expected.json: cannot open the expected file: is "
        "a directory, not a file (write it with `changegate golden snapshot`)");
}
