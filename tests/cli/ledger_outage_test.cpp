// When the ledger cannot be written: spooling, `ledger sync`, ledger_required,
// and no secret in anything printed or stored — against a real PostgreSQL
// that this test stops and starts again.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "gates/ledger/ledger.h"
#include "tests/support/ledger_stores.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::run_changegate;

namespace {

constexpr const char* k_password = "s3cret-Pa55word";

// A repository whose gate file passes, and a second gate file whose one gate
// errors (its reports match nothing): blocked.
struct OutageRepo : testing::TempRepo {
  explicit OutageRepo(const std::string& extra = "") {
    write("changegate.toml",
          "[project]\nname = \"orders\"\n" + extra + "[components.app]\npaths = [\"**\"]\n");
    write("blocked.toml", "[project]\nname = \"orders\"\n" + extra +
                              "[[gate]]\nid = \"unit\"\nkind = \"tests\"\n"
                              "reports = [\"no-such-dir/*.xml\"]\n");
    write("a.txt", "a\n");
    commit("first");
  }
  testing::RunResult run(const std::string& args) const { return run_changegate(args, path()); }
};

// The DSN with a password: the suite server trusts every local connection,
// so the password is accepted and must still never be shown.
std::string with_password(const std::string& dsn) {
  return "postgresql://postgres:" + std::string(k_password) + "@" +
         dsn.substr(std::string("postgresql://postgres@").size());
}

void no_secret_in(const testing::RunResult& r) {
  CHECK(r.out.find(k_password) == std::string::npos);
  CHECK(r.err.find(k_password) == std::string::npos);
}

std::size_t spooled_files(const std::string& dir) {
  if (!std::filesystem::exists(dir)) return 0;
  std::size_t n = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir)) n += f.is_regular_file();
  return n;
}

}  // namespace

TEST_CASE("ledger outage: PostgreSQL stopped mid-run, checks spool and sync appends each once") {
  testing::OwnPostgres pg;
  OutageRepo repo;
  const std::string url = with_password(pg.dsn());
  const std::string ledger = " --ledger '" + url + "' --format json";
  std::vector<testing::RunResult> outputs;
  for (int i = 0; i < 2; ++i) {
    outputs.push_back(repo.run("check --repo ." + ledger));
    CHECK(outputs.back().exit_code == 0);
  }
  outputs.push_back(repo.run("check --repo . --config blocked.toml" + ledger));
  CHECK(outputs.back().exit_code == 1);

  pg.stop();
  const auto pass = repo.run("check --repo ." + ledger);
  CHECK(pass.exit_code == 0);  // the verdict decides the exit code, not the outage
  const auto blocked = repo.run("check --repo . --config blocked.toml" + ledger);
  CHECK(blocked.exit_code == 1);
  for (const auto& r : {pass, blocked}) {
    INFO(r.err);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["ledger"]["spooled"].get<std::string>().find("/.changegate/spool/") !=
          std::string::npos);
    CHECK(r.err.find("changegate: warning: ledger postgresql://postgres:***@127.0.0.1:" +
                     pg.port() + "/test: cannot connect: ") == 0);
    CHECK(r.err.find("; the entry was spooled to .changegate/spool/") != std::string::npos);
    outputs.push_back(r);
  }
  CHECK(spooled_files(repo.path() + "/.changegate/spool") == 2);
  const auto sync_down = repo.run("ledger sync --ledger '" + url + "'");
  CHECK(sync_down.exit_code == 2);
  outputs.push_back(sync_down);

  pg.start_again();
  const auto sync = repo.run("ledger sync --ledger '" + url + "'");
  INFO(sync.err);
  CHECK(sync.exit_code == 0);
  CHECK(sync.out ==
        "ledger sync: 2 spooled entries appended, 0 already present, into "
        "postgresql://postgres:***@127.0.0.1:" +
            pg.port() + "/test\n");
  CHECK(spooled_files(repo.path() + "/.changegate/spool") == 0);
  const auto again = repo.run("ledger sync --ledger '" + url + "'");
  CHECK(again.out.rfind("ledger sync: 0 spooled entries appended", 0) == 0);
  const auto verify = repo.run("ledger verify --ledger '" + url + "'");
  CHECK(verify.exit_code == 0);
  CHECK(verify.out.find("project \"orders\": 5 entries") != std::string::npos);
  outputs.insert(outputs.end(), {sync, again, verify});

  const auto exported = repo.run("ledger export --ledger '" + url + "'");
  outputs.push_back(exported);
  for (const auto& r : outputs) no_secret_in(r);
}

TEST_CASE("ledger outage: a spooled entry already in the ledger is not appended twice") {
  OutageRepo repo("ledger = \"sqlite:ledger.db\"\n");
  // An unwritable ledger (its folder is a file) spools the entry.
  repo.write("not-a-dir", "x");
  const auto down = repo.run("check --repo . --format json --ledger sqlite:not-a-dir/ledger.db");
  CHECK(down.exit_code == 0);
  INFO(down.err);
  const std::string spooled = nlohmann::json::parse(down.out)["ledger"]["spooled"];
  // Keep a copy: a sync that was killed after appending but before removing
  // the file leaves it behind.
  std::filesystem::copy_file(spooled, repo.path() + "/copy.json");
  CHECK(repo.run("ledger sync").out.rfind("ledger sync: 1 spooled entries appended", 0) == 0);
  std::filesystem::copy_file(repo.path() + "/copy.json", spooled);
  CHECK(repo.run("ledger sync")
            .out.rfind("ledger sync: 0 spooled entries appended, 1 already present", 0) == 0);
  CHECK(repo.run("ledger verify").out.find(": 1 entry, head ") != std::string::npos);
}

TEST_CASE("ledger outage: CHANGEGATE_SPOOL_DIR moves the spool") {
  OutageRepo repo;
  testing::TempDir spool;
  repo.write("not-a-dir", "x");
  const auto r = testing::run_command("CHANGEGATE_SPOOL_DIR='" + spool.path() + "' '" +
                                          std::string(CHANGEGATE_BINARY) +
                                          "' check --repo . --ledger sqlite:not-a-dir/x.db",
                                      repo.path());
  CHECK(r.exit_code == 0);
  CHECK(spooled_files(spool.path()) == 1);
}

TEST_CASE("ledger outage: with ledger_required an unwritable ledger blocks the run") {
  OutageRepo repo("ledger_required = true\n");
  repo.write("not-a-dir", "x");
  const auto r = repo.run("check --repo . --format json --ledger sqlite:not-a-dir/ledger.db");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("changegate: error: the ledger is required ([project] ledger_required = "
                   "true) and could not be written: ledger sqlite:not-a-dir/ledger.db: ") == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["verdict"] == "blocked");
  CHECK(j["ledger"].contains("error"));
  CHECK_FALSE(std::filesystem::exists(repo.path() + "/.changegate/spool"));
}
