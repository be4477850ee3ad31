// The golden gate on hostile or degenerate input: empty candidates, empty
// files, numbers a double cannot hold, group values that are not UTF-8.
// Each scenario has its own fixture and its expected status; none may pass
// on evidence that could not be judged.
#include <catch2/catch.hpp>

#include "checks/golden/golden_check.h"
#include "gates/error.h"
#include "tests/checks/golden/golden_fixture.h"

using namespace changegate;
using changegate::testing::golden::Fixture;
using changegate::testing::golden::make_sqlite;
using changegate::testing::golden::row_of;

namespace {

const std::string k_no_rows =
    "the candidate out.csv has no rows (set allow_empty = true if an empty output is correct)";

}  // namespace

TEST_CASE("golden gate: bounds with group_by over a header-only CSV fail: the candidate is empty") {
  // Expected: fail. No group means no bound can break: "0 values in 0 groups" is no evidence.
  Fixture f;
  f.dir.write("out.csv", "currency,amount\n");
  const GateResult r = f.run(
      "candidate = \"out.csv\"\ngroup_by = [\"currency\"]\n"
      "aggregates = [{ fn = \"sum\", column = \"amount\", min = 0 }]\n");
  CHECK(r.status == Status::fail);
  CHECK(r.summary == k_no_rows);
  CHECK(r.details["candidate_rows"] == 0);
}

TEST_CASE("golden gate: allow_empty lets a header-only CSV pass its bounds") {
  // Expected: pass. The gate says an empty output is correct.
  Fixture f;
  f.dir.write("out.csv", "currency,amount\n");
  const GateResult r = f.run(
      "candidate = \"out.csv\"\ngroup_by = [\"currency\"]\nallow_empty = true\n"
      "aggregates = [{ fn = \"sum\", column = \"amount\", min = 0 }]\n");
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "0 aggregate values in 0 groups match their bounds");
}

TEST_CASE("golden gate: an empty candidate fails even against an empty baseline") {
  // Expected: fail without allow_empty, pass with it.
  Fixture f;
  f.dir.write("out.csv", "k,v\n");
  f.dir.write("baseline.csv", "k,v\n");
  const std::string body =
      "candidate = \"out.csv\"\nbaseline = \"baseline.csv\"\ngroup_by = [\"k\"]\n"
      "aggregates = [{ fn = \"sum\", column = \"v\" }]\n";
  const GateResult empty = f.run(body);
  CHECK(empty.status == Status::fail);
  CHECK(empty.summary == k_no_rows);
  const GateResult allowed = f.run("allow_empty = true\n" + body);
  CHECK(allowed.status == Status::pass);
  CHECK(allowed.summary == "0 aggregate values in 0 groups match the baseline");
}

TEST_CASE("golden gate: an empty candidate fails even against an expected file with no groups") {
  // Expected: fail without allow_empty, pass with it.
  Fixture f;
  f.dir.write("out.csv", "k,v\n");
  f.dir.write("expected.json",
              "{\"format\": \"changegate-golden/1\", \"group_by\": [\"k\"], \"groups\": []}");
  const std::string body =
      "candidate = \"out.csv\"\nexpected = \"expected.json\"\ngroup_by = [\"k\"]\n"
      "aggregates = [{ fn = \"count\" }]\n";
  CHECK(f.run(body).status == Status::fail);
  CHECK(f.run("allow_empty = true\n" + body).status == Status::pass);
}

TEST_CASE("golden gate: an empty candidate with expected groups fails on both counts") {
  // Expected: fail, naming the empty candidate first and the missing group.
  Fixture f;
  f.dir.write("out.csv", "k,v\n");
  f.dir.write("expected.json",
              "{\"format\": \"changegate-golden/1\", \"group_by\": [\"k\"], \"groups\": "
              "[{\"group\": {\"k\": \"a\"}, \"values\": {\"count\": 1}}]}");
  const GateResult r = f.run(
      "candidate = \"out.csv\"\nexpected = \"expected.json\"\ngroup_by = [\"k\"]\n"
      "aggregates = [{ fn = \"count\" }]\n");
  CHECK(r.status == Status::fail);
  CHECK(r.summary == k_no_rows +
                         "; 1 of 1 aggregate checks failed, 1 group(s) missing: group k=a is "
                         "missing from the candidate");
}

TEST_CASE("golden gate: a SQLite query returning no rows fails unless allow_empty") {
  // Expected: fail without allow_empty (count 0 is within max = 10), pass with it.
  Fixture f;
  make_sqlite(f.dir.path() + "/out.db",
              "CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1);");
  const std::string body =
      "candidate = { sqlite = \"out.db\", query = \"SELECT * FROM orders WHERE id > 1\" }\n"
      "aggregates = [{ fn = \"count\", max = 10 }]\n";
  const GateResult r = f.run(body);
  CHECK(r.status == Status::fail);
  CHECK(r.summary ==
        "the candidate sqlite:out.db has no rows (set allow_empty = true if an empty output is "
        "correct)");
  CHECK(f.run("allow_empty = true\n" + body).status == Status::pass);
}

TEST_CASE("golden gate: a zero-byte CSV is an error: it has no header") {
  // Expected: error, even with allow_empty: there is not even a header to read.
  Fixture f;
  f.dir.write("out.csv", "");
  const GateResult r = f.run(
      "candidate = \"out.csv\"\nallow_empty = true\n"
      "aggregates = [{ fn = \"count\", min = 0 }]\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: candidate out.csv:1:1: no header row (the file is empty)");
}

TEST_CASE("golden gate: allow_empty must be a boolean") {
  Fixture f;
  f.dir.write("out.csv", "k\n");
  CHECK_THROWS_WITH(f.run("candidate = \"out.csv\"\nallow_empty = \"yes\"\n"
                          "aggregates = [{ fn = \"count\", min = 0 }]\n"),
                    Catch::StartsWith("changegate.toml:5: ") && Catch::Contains("allow_empty"));
}

TEST_CASE("golden gate: NaN, inf and 1e400 in a summed CSV column are errors, never judged") {
  // Expected: error for each; the message names file, line and column.
  struct Case {
    std::string value, problem;
  };
  const Case cases[] = {
      {"NaN",
       "candidate out.csv:3:2: column \"amount\": not a number: \"NaN\" (sum needs numbers; list "
       "it in null_values if it means NULL)"},
      {"inf",
       "candidate out.csv:3:2: column \"amount\": not a number: \"inf\" (sum needs numbers; list "
       "it in null_values if it means NULL)"},
      {"-Infinity",
       "candidate out.csv:3:2: column \"amount\": not a number: \"-Infinity\" (sum needs numbers; "
       "list it in null_values if it means NULL)"},
      {"1e400",
       "candidate out.csv:3:2: column \"amount\": number out of range: \"1e400\" (sum needs "
       "numbers a double can hold)"},
  };
  for (const auto& c : cases) {
    INFO(c.value);
    Fixture f;
    f.dir.write("out.csv", "id,amount\n1,2.5\n2," + c.value + "\n");
    const GateResult r = f.run(
        "candidate = \"out.csv\"\n"
        "aggregates = [{ fn = \"sum\", column = \"amount\", min = 0 }]\n");
    CHECK(r.status == Status::error);
    CHECK(r.problems.at(0) == c.problem);
  }
}

TEST_CASE("golden gate: a CSV sum that overflows a double is an error, not an infinite pass") {
  // Expected: error. Each value fits a double; their sum does not.
  Fixture f;
  f.dir.write("out.csv", "id,amount\n1,1e308\n2,1e308\n");
  const GateResult r = f.run(
      "candidate = \"out.csv\"\n"
      "aggregates = [{ fn = \"sum\", column = \"amount\", min = 0 }]\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: candidate out.csv: aggregate \"sum_amount\" in group (all "
        "rows) is not a finite number: its values are too large for a double");
}

TEST_CASE("golden gate: an infinite REAL summed in SQLite is an error") {
  // Expected: error. SQLite stores 1e999 as Inf; its SUM is Inf.
  Fixture f;
  make_sqlite(f.dir.path() + "/out.db",
              "CREATE TABLE t (amount REAL); INSERT INTO t VALUES (1.5), (1e999);");
  const GateResult r = f.run(
      "candidate = { sqlite = \"out.db\", query = \"SELECT amount FROM t\" }\n"
      "aggregates = [{ fn = \"sum\", column = \"amount\", min = 0 }]\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "could not read all evidence: candidate sqlite:out.db: column \"amount\" in group (all "
        "rows): sum is not a number: \"inf\"");
}

TEST_CASE("golden gate: a Latin-1 group value is judged as bytes without throwing") {
  // Expected: pass. "M\xFCnchen" is Latin-1, not UTF-8; the counts are still
  // sound evidence. Repairing text for output is the report's job.
  Fixture f;
  const std::string csv = "city,amount\nM\xFCnchen,1\nM\xFCnchen,2\nBerlin,3\n";
  f.dir.write("out.csv", csv);
  f.dir.write("baseline.csv", csv);
  GateResult r;
  REQUIRE_NOTHROW(r = f.run("candidate = \"out.csv\"\nbaseline = \"baseline.csv\"\n"
                            "group_by = [\"city\"]\n"
                            "aggregates = [{ fn = \"count\", min = 1 }]\n"));
  CHECK(r.status == Status::pass);
  const auto* munich = row_of(r, "count", "city=M\xFCnchen");
  REQUIRE(munich);
  CHECK((*munich)["actual"] == 2);
}

TEST_CASE("golden gate: a Latin-1 group value that breaks a bound fails, naming the group") {
  // Expected: fail.
  Fixture f;
  f.dir.write("out.csv", "city,amount\nM\xFCnchen,1\nM\xFCnchen,2\n");
  GateResult r;
  REQUIRE_NOTHROW(r = f.run("candidate = \"out.csv\"\ngroup_by = [\"city\"]\n"
                            "aggregates = [{ fn = \"count\", max = 1 }]\n"));
  CHECK(r.status == Status::fail);
  CHECK(r.summary.find("in group city=M\xFCnchen: 2 outside the bounds") != std::string::npos);
}

TEST_CASE("golden gate: snapshot of a Latin-1 group value refuses with an error, not a crash") {
  // JSON holds only UTF-8: the expected file cannot record the group.
  Fixture f;
  f.dir.write("out.csv", "city,amount\nM\xFCnchen,1\n");
  const Config config = parse_config(
      "[[gate]]\nid = \"g\"\nkind = \"golden\"\ncandidate = \"out.csv\"\n"
      "expected = \"expected.json\"\ngroup_by = [\"city\"]\naggregates = [{ fn = \"count\" }]\n",
      "c.toml", checks::registry());
  CHECK_THROWS_WITH(write_golden_snapshot(config.gates.at(0), f.dir.path(), false),
                    "gate \"g\": a value of group_by column \"city\" in the candidate is not valid "
                    "UTF-8, which an expected file (JSON) cannot hold; nothing written");
}
