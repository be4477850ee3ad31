// `changegate check` writing the ledger and `changegate ledger ...`, end to
// end through the real binary on real git repositories.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/ledger_stores.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::run_changegate;

namespace {

// A repository with one commit and a gate file with one component and no
// gates (risk only): every check passes in a few milliseconds. `project` adds [project] lines.
struct LedgerRepo : testing::TempRepo {
  explicit LedgerRepo(const std::string& project_lines) {
    write("changegate.toml", "[project]\nname = \"orders\"\n" + project_lines +
                                 "[components.app]\npaths = [\"**\"]\n");
    write("a.txt", "a\n");
    commit("first");
  }
  testing::RunResult check(const std::string& args = "") const {
    return run_changegate("check --repo . --format json " + args, path());
  }
  testing::RunResult ledger(const std::string& args) const {
    return run_changegate("ledger " + args, path());
  }
};

nlohmann::json json_of(const testing::RunResult& r) {
  INFO(r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("ledger cli: check appends one chained entry per run to the embedded SQLite ledger") {
  LedgerRepo repo("ledger = \"sqlite:.changegate/ledger.db\"\n");
  const auto first = repo.check();
  REQUIRE(first.exit_code == 0);
  const auto j1 = json_of(first);
  CHECK(j1["evaluation_id"].get<std::string>().size() == 32);
  CHECK(j1["ledger"]["entry"] == 1);
  CHECK(j1["ledger"]["prev_hash"] == std::string(64, '0'));
  const auto j2 = json_of(repo.check());
  CHECK(j2["ledger"]["entry"] == 2);
  CHECK(j2["ledger"]["prev_hash"] == j1["ledger"]["hash"]);
  CHECK(j2["evaluation_id"] != j1["evaluation_id"]);
  CHECK(std::filesystem::exists(repo.path() + "/.changegate/ledger.db"));
  const auto verify = repo.ledger("verify");
  CHECK(verify.exit_code == 0);
  CHECK(verify.out ==
        "ledger verified: sqlite:.changegate/ledger.db, project \"orders\": 2 "
        "entries, head " +
            j2["ledger"]["hash"].get<std::string>() + "\n");
}

TEST_CASE("ledger cli: without a configured ledger check says once that nothing was recorded") {
  LedgerRepo repo("");
  const auto r = repo.check();
  CHECK(r.exit_code == 0);
  CHECK(r.err ==
        "changegate: note: no ledger configured; this decision was not recorded (set [project] "
        "ledger, CHANGEGATE_LEDGER or --ledger)\n");
  CHECK_FALSE(json_of(r).contains("ledger"));
  CHECK_FALSE(std::filesystem::exists(repo.path() + "/.changegate/ledger.db"));
}

TEST_CASE("ledger cli: --no-ledger writes nothing and says nothing") {
  LedgerRepo repo("ledger = \"sqlite:.changegate/ledger.db\"\n");
  const auto r = repo.check("--no-ledger");
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
  CHECK_FALSE(std::filesystem::exists(repo.path() + "/.changegate/ledger.db"));
}

TEST_CASE("ledger cli: --ledger beats CHANGEGATE_LEDGER, which beats [project] ledger") {
  LedgerRepo repo("ledger = \"sqlite:from-config.db\"\n");
  CHECK(repo.check().exit_code == 0);
  CHECK(run_changegate("check --repo . --ledger sqlite:from-flag.db", repo.path()).exit_code == 0);
  CHECK(testing::run_command("CHANGEGATE_LEDGER=sqlite:from-env.db '" +
                                 std::string(CHANGEGATE_BINARY) + "' check --repo .",
                             repo.path())
            .exit_code == 0);
  CHECK(testing::run_command("CHANGEGATE_LEDGER=sqlite:from-env.db '" +
                                 std::string(CHANGEGATE_BINARY) +
                                 "' check --repo . --ledger sqlite:from-flag.db",
                             repo.path())
            .exit_code == 0);
  for (const auto& [db, entries] : {std::pair{"from-config.db", 1}, std::pair{"from-flag.db", 2},
                                    std::pair{"from-env.db", 1}}) {
    INFO(db);
    const auto v = repo.ledger(std::string("verify --ledger sqlite:") + db);
    CHECK(v.exit_code == 0);
    CHECK(v.out.find(": " + std::to_string(entries) + (entries == 1 ? " entry" : " entries")) !=
          std::string::npos);
  }
}

TEST_CASE("ledger cli: an unsupported ledger URL is exit 2 naming where it came from") {
  LedgerRepo repo("ledger = \"mysql://db/x\"\n");
  const auto r = repo.check();
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "changegate: error: changegate.toml: [project] ledger: unsupported ledger URL "
        "\"mysql://db/x\" (use sqlite:PATH or postgresql://USER@HOST/DB)\n");
}

TEST_CASE("ledger cli: verify of a ledger that does not exist is exit 2") {
  LedgerRepo repo("ledger = \"sqlite:.changegate/ledger.db\"\n");
  const auto r = repo.ledger("verify");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("ledger sqlite:.changegate/ledger.db does not exist yet") != std::string::npos);
}

TEST_CASE("ledger cli: an export verifies offline, and an edited export names the entry") {
  LedgerRepo repo("ledger = \"sqlite:.changegate/ledger.db\"\n");
  for (int i = 0; i < 3; ++i) REQUIRE(repo.check().exit_code == 0);
  for (const char* format : {"jsonl", "json"}) {
    INFO(format);
    const auto exp = repo.ledger(std::string("export --format ") + format + " -o export." + format);
    REQUIRE(exp.exit_code == 0);
    const auto v = repo.ledger(std::string("verify --from export.") + format);
    CHECK(v.exit_code == 0);
    CHECK(v.out.find("project \"orders\": 3 entries") != std::string::npos);
  }
  // Flip the verdict inside entry 2's hashed text (in the JSON lines export).
  std::string text = testing::read_text(repo.path() + "/export.jsonl");
  const auto line2 = text.find('\n') + 1;
  const auto at = text.find("\\\"verdict\\\":\\\"pass\\\"", line2);
  REQUIRE(at != std::string::npos);
  text.replace(at, 20, "\\\"verdict\\\":\\\"fail\\\"");
  repo.write("tampered.jsonl", text);
  const auto bad = repo.ledger("verify --from tampered.jsonl");
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.rfind("ledger MISMATCH: tampered.jsonl, project \"orders\": entry 2: ", 0) == 0);
}

TEST_CASE("ledger cli: import moves a verified export into another store, once") {
  const std::string target = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  LedgerRepo repo("ledger = \"sqlite:.changegate/ledger.db\"\n");
  for (int i = 0; i < 3; ++i) REQUIRE(repo.check().exit_code == 0);
  REQUIRE(repo.ledger("export -o all.jsonl").exit_code == 0);
  const std::string url =
      target == "sqlite" ? "sqlite:moved.db" : testing::fresh_postgres_database();
  const auto imp = repo.ledger("import all.jsonl --ledger '" + url + "'");
  INFO(imp.err);
  CHECK(imp.exit_code == 0);
  CHECK(imp.out.rfind("ledger import: 3 entries imported, 0 already present", 0) == 0);
  CHECK(repo.ledger("import all.jsonl --ledger '" + url + "'")
            .out.rfind("ledger import: 0 entries imported, 3 already present", 0) == 0);
  CHECK(repo.ledger("verify --ledger '" + url + "'").exit_code == 0);
  // The next check chains onto the imported entries.
  const auto next = json_of(repo.check("--ledger '" + url + "'"));
  CHECK(next["ledger"]["entry"] == 4);
}
