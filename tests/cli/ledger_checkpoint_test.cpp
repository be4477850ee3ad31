// `ledger checkpoint`, `ledger proof` and `ledger verify --checkpoint/--proof`
// end to end through the real binary, with a real Ed25519 key from openssl.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "tests/support/temp_repo.h"

using namespace changegate;

namespace {

struct CheckpointRepo : testing::TempRepo {
  CheckpointRepo() {
    write("changegate.toml",
          "[project]\nname = \"orders\"\nledger = \"sqlite:ledger.db\"\n"
          "[components.app]\npaths = [\"**\"]\n");
    write("a.txt", "a\n");
    commit("first");
    REQUIRE(testing::run_command("openssl genpkey -algorithm ed25519 -out key.pem && "
                                 "openssl pkey -in key.pem -pubout -out pub.pem",
                                 path())
                .exit_code == 0);
  }
  testing::RunResult run(const std::string& args) const {
    return testing::run_command("NO_COLOR=1 CHANGEGATE_SIGNING_KEY=key.pem '" +
                                    std::string(CHANGEGATE_BINARY) + "' " + args,
                                path());
  }
  void checks(int n) const {
    for (int i = 0; i < n; ++i) REQUIRE(run("check --repo .").exit_code == 0);
  }
};

}  // namespace

TEST_CASE("ledger checkpoint: a grown ledger still extends a signed checkpoint") {
  CheckpointRepo repo;
  repo.checks(3);
  REQUIRE(repo.run("ledger checkpoint -o cp3.txt").exit_code == 0);
  CHECK(testing::read_text(repo.path() + "/cp3.txt").rfind("orders\n3\n", 0) == 0);
  repo.checks(2);
  const auto v = repo.run("ledger verify --checkpoint cp3.txt --key pub.pem");
  INFO(v.err);
  CHECK(v.exit_code == 0);
  CHECK(v.out ==
        "ledger verified: sqlite:ledger.db, project \"orders\": 5 entries extend the checkpoint "
        "of 3\n");
}

TEST_CASE("ledger checkpoint: a truncated ledger no longer extends its checkpoint") {
  CheckpointRepo repo;
  repo.checks(3);
  REQUIRE(repo.run("ledger checkpoint -o cp.txt").exit_code == 0);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((repo.path() + "/ledger.db").c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "DELETE FROM ledger_entries WHERE seq = 3", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  sqlite3_close(db);
  CHECK(repo.run("ledger verify").exit_code == 0);  // the chain alone cannot tell
  const auto v = repo.run("ledger verify --checkpoint cp.txt --key pub.pem");
  CHECK(v.exit_code == 1);
  CHECK(v.out.rfind("ledger MISMATCH: sqlite:ledger.db, project \"orders\": ", 0) == 0);
}

TEST_CASE("ledger proof: an inclusion proof verifies offline against the signed checkpoint") {
  CheckpointRepo repo;
  repo.checks(4);
  REQUIRE(repo.run("ledger proof 2 -o proof.json").exit_code == 0);
  REQUIRE(repo.run("ledger checkpoint -o cp.txt").exit_code == 0);
  // Offline: no ledger configured or reachable.
  const auto v = testing::run_command("'" + std::string(CHANGEGATE_BINARY) +
                                          "' ledger verify --proof proof.json --checkpoint cp.txt "
                                          "--key pub.pem --ledger sqlite:/nonexistent/x.db",
                                      repo.path());
  INFO(v.err);
  CHECK(v.exit_code == 0);
  CHECK(v.out ==
        "proof verified: entry 2 of project \"orders\" is in the checkpoint of 4 entries\n");
  const auto other_key = testing::run_command(
      "openssl genpkey -algorithm ed25519 -out k2.pem && openssl pkey -in k2.pem -pubout -out "
      "pub2.pem && '" +
          std::string(CHANGEGATE_BINARY) +
          "' ledger verify --proof proof.json --checkpoint cp.txt --key pub2.pem",
      repo.path());
  CHECK(other_key.exit_code == 1);
}
