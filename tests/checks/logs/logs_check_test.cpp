#include "checks/logs/logs_check.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/checks/check_harness.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::run_gate;

namespace {

constexpr Timestamp k_now = 1795255200;  // 2026-11-21T10:00:00Z

struct Fixture {
  testing::TempDir dir;
  RepoContext repo;
  ChangeRecord change;
  Fixture() { repo.root = dir.path(); }
  GateResult run(const std::string& body, const std::string& files = "logs/*.jsonl") {
    return run_gate("id = \"log\"\nkind = \"logs\"\nfiles = [\"" + files + "\"]\n" + body, change,
                    repo, k_now)
        .result;
  }
};

const std::string k_rows =
    "assert = [{ field = \"output_rows\", op = \"<=\", field_ref = \"input_rows\" }]\n";

// A FIFO at dir/relative: opening it to read would wait for a writer forever.
void make_fifo(const testing::TempDir& dir, const std::string& relative) {
  const std::filesystem::path path = std::filesystem::path(dir.path()) / relative;
  std::filesystem::create_directories(path.parent_path());
  REQUIRE(mkfifo(path.c_str(), 0600) == 0);
}

}  // namespace

TEST_CASE("logs gate: assertions that hold on every line pass with counts and evidence") {
  Fixture f;
  f.dir.write("logs/run.jsonl",
              "{\"event\": \"run_finished\", \"input_rows\": 100, \"output_rows\": 98}\n"
              "{\"event\": \"run_finished\", \"input_rows\": 50, \"output_rows\": 50}\n");
  const GateResult r = f.run(k_rows);
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "2 of 2 lines checked against 1 assertion, all hold");
  CHECK(r.evidence.size() == 1);
  CHECK(r.details["assertions"][0]["held"] == 2);
}

TEST_CASE("logs gate: a violated constant bound fails with file:line, actual and expected") {
  Fixture f;
  f.dir.write("logs/run.jsonl", "{\"null_rate_price\": 0.001}\n{\"null_rate_price\": 0.2}\n");
  const GateResult r =
      f.run("assert = [{ field = \"null_rate_price\", op = \"<=\", value = 0.01 }]\n");
  CHECK(r.status == Status::fail);
  CHECK(r.summary ==
        "2 of 2 lines checked against 1 assertion: null_rate_price <= 0.01 violated on 1 line");
  CHECK(r.problems.front() ==
        "logs/run.jsonl:2: null_rate_price <= 0.01 violated: actual 0.2, expected 0.01");
  CHECK(r.details["violations"][0]["actual"] == 0.2);
  CHECK(r.comparisons[0].name == "lines where null_rate_price <= 0.01 is violated");
  CHECK(r.comparisons[0].actual == 1);
}

TEST_CASE("logs gate: field_ref compares two fields of the same line") {
  Fixture f;  // expected: fail, more rows out than in
  f.dir.write("logs/run.jsonl", "{\"input_rows\": 100, \"output_rows\": 130}\n");
  const GateResult r = f.run(k_rows);
  CHECK(r.status == Status::fail);
  CHECK(r.problems.front() ==
        "logs/run.jsonl:1: output_rows <= input_rows violated: actual 130, expected 100");
}

TEST_CASE("logs gate: nested fields are found by dotted path") {
  Fixture f;  // expected: pass
  f.dir.write("logs/run.jsonl", "{\"stats\": {\"join\": {\"mismatch_count\": 0}}}\n");
  CHECK(f.run("assert = [{ field = \"stats.join.mismatch_count\", op = \"==\", value = 0 }]\n")
            .status == Status::pass);
}

TEST_CASE("logs gate: a missing field fails with its line number") {
  Fixture f;
  f.dir.write("logs/run.jsonl", "{\"input_rows\": 1, \"output_rows\": 1}\n{\"input_rows\": 5}\n");
  const GateResult r = f.run(k_rows);
  CHECK(r.status == Status::fail);
  CHECK(r.problems.front() == "logs/run.jsonl:2: missing field \"output_rows\"");
}

TEST_CASE("logs gate: a line that is not JSON fails with its line number") {
  Fixture f;
  f.dir.write("logs/run.jsonl", "{\"input_rows\": 1, \"output_rows\": 1}\nWARN disk almost full\n");
  const GateResult r = f.run(k_rows);
  CHECK(r.status == Status::fail);
  CHECK(r.problems.front().rfind("logs/run.jsonl:2: not valid JSON: ", 0) == 0);
}

TEST_CASE("logs gate: the event filter checks only lines of that event") {
  Fixture f;  // expected: pass, the started line has no row counts and is not checked
  f.dir.write("logs/run.jsonl",
              "{\"event\": \"run_started\"}\n"
              "{\"event\": \"run_finished\", \"input_rows\": 3, \"output_rows\": 3}\n");
  const GateResult r = f.run("event = \"run_finished\"\n" + k_rows);
  CHECK(r.status == Status::pass);
  CHECK(r.details["checked_lines"] == 1);
}

TEST_CASE("logs gate: no line of the filtered event fails, never a vacuous pass") {
  Fixture f;
  f.dir.write("logs/run.jsonl", "{\"event\": \"run_started\"}\n");
  const GateResult r = f.run("event = \"run_finished\"\n" + k_rows);
  CHECK(r.status == Status::fail);
  CHECK(r.summary ==
        "0 of 1 lines checked against 1 assertion: no line with event \"run_finished\"");
}

TEST_CASE("logs gate: quantifier any passes when one line holds") {
  Fixture f;
  f.dir.write("logs/run.jsonl", "{\"duration_ms\": 9000}\n{\"duration_ms\": 100}\n");
  const std::string a = "assert = [{ field = \"duration_ms\", op = \"<\", value = 1000 }]\n";
  CHECK(f.run("quantifier = \"any\"\n" + a).status == Status::pass);
  CHECK(f.run(a).status == Status::fail);
}

TEST_CASE("logs gate: quantifier any fails when no line holds") {
  Fixture f;
  f.dir.write("logs/run.jsonl", "{\"duration_ms\": 9000}\n");
  const GateResult r = f.run(
      "quantifier = \"any\"\nassert = [{ field = \"duration_ms\", op = \"<\", value = 1000 }]\n");
  CHECK(r.status == Status::fail);
  CHECK(r.summary ==
        "1 of 1 lines checked against 1 assertion: duration_ms < 1000 holds on no line");
}

TEST_CASE("logs gate: comparing a string with a number fails and says why") {
  Fixture f;
  f.dir.write("logs/run.jsonl", "{\"output_rows\": \"12\"}\n");
  const GateResult r = f.run("assert = [{ field = \"output_rows\", op = \">\", value = 0 }]\n");
  CHECK(r.status == Status::fail);
  CHECK(r.problems.front() ==
        "logs/run.jsonl:1: cannot compare a string with a number using > (output_rows > 0)");
}

TEST_CASE("logs gate: string equality and != work") {
  Fixture f;
  f.dir.write("logs/run.jsonl", "{\"version\": \"2.0.1\"}\n");
  CHECK(f.run("assert = [{ field = \"version\", op = \"==\", value = \"2.0.1\" }]\n").status ==
        Status::pass);
  CHECK(f.run("assert = [{ field = \"version\", op = \"!=\", value = \"2.0.1\" }]\n").status ==
        Status::fail);
}

TEST_CASE("logs gate: a glob that matches no log file is an error") {
  Fixture f;
  const GateResult r = f.run(k_rows);
  CHECK(r.status == Status::error);
  CHECK(r.summary == "could not read all evidence: files glob \"logs/*.jsonl\" matches no file");
}

TEST_CASE("logs gate: a FIFO given as a log file is an error, never a hang") {
  Fixture f;  // expected: error at once, the FIFO is never opened
  make_fifo(f.dir, "logs/run.jsonl");
  const GateResult r = f.run(k_rows, "logs/run.jsonl");
  CHECK(r.status == Status::error);
  CHECK(r.summary == "could not read all evidence: logs/run.jsonl: is a FIFO, not a regular file");
}

TEST_CASE("logs gate: a directory given as a log file is an error naming it") {
  Fixture f;  // expected: error, not "matches no file"
  f.dir.write("logs/run.jsonl/part-0.jsonl", "{\"input_rows\": 1, \"output_rows\": 1}\n");
  const GateResult r = f.run(k_rows, "logs/run.jsonl");
  CHECK(r.status == Status::error);
  CHECK(r.summary == "could not read all evidence: logs/run.jsonl: is a directory, not a file");
}

TEST_CASE("logs gate: a BOM and CRLF line endings do not break the reader") {
  Fixture f;
  f.dir.write("logs/run.jsonl", "\xEF\xBB\xBF{\"input_rows\": 2, \"output_rows\": 1}\r\n\r\n");
  CHECK(f.run(k_rows).status == Status::pass);
}

TEST_CASE("logs gate: bad assertions are config errors with file:line") {
  ChangeRecord change;
  RepoContext repo;
  auto load = [&](const std::string& body) {
    run_gate("id = \"log\"\nkind = \"logs\"\nfiles = [\"a.jsonl\"]\n" + body, change, repo, k_now);
  };
  CHECK_THROWS_WITH(load("assert = [{ field = \"x\", op = \"=<\", value = 1 }]\n"),
                    Catch::Contains("is not one of"));
  CHECK_THROWS_WITH(
      load("assert = [{ field = \"x\", op = \"<\", value = 1, field_ref = \"y\" }]\n"),
      Catch::Contains("exactly one of \"value\" or \"field_ref\""));
  CHECK_THROWS_WITH(load("assert = [{ field = \"x\", opp = \"<\", value = 1 }]\n"),
                    Catch::Contains("did you mean \"op\""));
  CHECK_THROWS_WITH(load(""), Catch::Contains("missing required key \"assert\""));
}

TEST_CASE("logs gate: integers past 2^53 compare exactly") {
  Fixture f;  // expected: fail, 9007199254740993 > 9007199254740992 though equal as doubles
  f.dir.write("logs/run.jsonl",
              "{\"input_rows\": 9007199254740992, \"output_rows\": 9007199254740993}\n");
  CHECK(f.run(k_rows).status == Status::fail);
}

TEST_CASE("logs gate: negative and non-negative integers compare") {
  Fixture f;
  f.dir.write("logs/run.jsonl", "{\"delta\": -5}\n");
  CHECK(f.run("assert = [{ field = \"delta\", op = \"<\", value = 0 }]\n").status == Status::pass);
  CHECK(f.run("assert = [{ field = \"delta\", op = \">=\", value = -5 }]\n").status ==
        Status::pass);
}

TEST_CASE("logs gate: a count in the log equals the same integer in the gate file") {
  Fixture f;  // expected: pass; JSON 0 and TOML 0 arrive as different integer kinds
  f.dir.write("logs/run.jsonl", "{\"join_mismatch_count\": 0, \"rows\": 18446744073709551615}\n");
  CHECK(f.run("assert = [{ field = \"join_mismatch_count\", op = \"==\", value = 0 },\n"
              "          { field = \"rows\", op = \">\", value = 9223372036854775807 }]\n")
            .status == Status::pass);
}

TEST_CASE("logs gate: a violated pipeline assertion blocks the change end to end with exit 1") {
  testing::TempDir dir;
  dir.write("changegate.toml",
            "[project]\nname = \"x\"\n\n[[gate]]\nid = \"pipeline\"\nkind = \"logs\"\n"
            "files = [\"run.jsonl\"]\nevent = \"run_finished\"\n" +
                k_rows);
  dir.write("run.jsonl",
            "{\"event\": \"run_finished\", \"input_rows\": 10, \"output_rows\": 12}\n");
  const auto run = testing::run_changegate("check --repo . --no-ledger", dir.path());
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("run.jsonl:1: output_rows <= input_rows violated: actual 12, expected 10") !=
        std::string::npos);
}
