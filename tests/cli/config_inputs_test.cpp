// The gate file as the CLI finds it: nothing that proves nothing may pass.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/temp_repo.h"

using namespace changegate::testing;

namespace {

struct Repo {
  TempRepo repo;
  explicit Repo(const std::string& gates) {
    repo.write("changegate.toml", gates);
    repo.write("src/app.py", "v1\n");
    repo.commit("v1");
  }
};

}  // namespace

TEST_CASE("cli check: --config naming a directory is exit 2 naming it, never a pass") {
  Repo r("[[gate]]\nid = \"t\"\nkind = \"tests\"\nreports = [\"*.xml\"]\n");
  std::filesystem::create_directories(r.repo.path() + "/conf");
  const RunResult out = run_changegate("check --no-ledger --config conf", r.repo.path());
  INFO(out.out << out.err);
  CHECK(out.exit_code == 2);
  CHECK_THAT(out.err, Catch::Contains("conf: is a directory, not a file (the gate file)"));
}

TEST_CASE("cli check and validate: an empty changegate.toml is exit 2, never a pass with 0 gates") {
  Repo r("");
  for (const char* command : {"check --no-ledger", "validate"}) {
    const RunResult out = run_changegate(command, r.repo.path());
    INFO(command << ": " << out.out << out.err);
    CHECK(out.exit_code == 2);
    CHECK_THAT(out.err, Catch::Contains("nothing to evaluate"));
  }
}

TEST_CASE("cli check: a gate file with components only still assesses risk and blast radius") {
  Repo r("[components.api]\npaths = [\"src/**\"]\ntier = 1\n");
  r.repo.write("src/app.py", "v2\n");
  r.repo.commit("v2");
  const RunResult out = run_changegate("check --no-ledger --format json", r.repo.path());
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  const auto j = nlohmann::json::parse(out.out);
  CHECK(j["gates"].empty());
  CHECK(j["risk"].is_object());
  CHECK(j["blast_radius"]["components"][0]["id"] == "api");
  const RunResult text = run_changegate("check --no-ledger", r.repo.path());
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("verdict: PASS — no gates declared"));
}
