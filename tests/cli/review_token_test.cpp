// End to end: `changegate check` with a GitHub review gate against the
// replay server; the API token must appear in no output at all, whether the
// gate passes or errors.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "tests/support/api_replay.h"
#include "tests/support/temp_repo.h"

using namespace changegate::testing;

namespace {

const std::string k_token = "ghp_CLIsecret9876543210zyxwvuTOKEN";

struct Outputs {
  int exit_code = -1;
  std::string all;  // stdout, stderr and every report file
};

Outputs run_review_gate(const std::string& scenario) {
  ApiReplay server(scenario);
  TempRepo repo;
  repo.write("changegate.toml",
             "[project]\nname = \"svc\"\n[[gate]]\nid = \"review\"\n"
             "kind = \"review\"\nsource = \"github\"\n"
             "token_env = \"CG_CLI_TOKEN\"\nrepository = \"acme/orders\"\n"
             "pull_request = 7\nretries = 1\napi_url = \"" +
                 server.url() + "\"\n");
  repo.write(".changegate/change.toml",
             "id = \"CHG-1\"\ntitle = \"t\"\ntype = \"fix\"\nauthor = \"alice\"\n");
  repo.commit("initial", "alice");
  setenv("CG_CLI_TOKEN", k_token.c_str(), 1);
  const RunResult r = run_changegate(
      "check --no-ledger --format json -o e.json -o r.xml --now 2026-11-21T12:00:00Z", repo.path());
  const RunResult text =
      run_changegate("check --no-ledger --now 2026-11-21T12:00:00Z", repo.path());
  unsetenv("CG_CLI_TOKEN");
  Outputs o;
  o.exit_code = r.exit_code;
  o.all = r.out + r.err + text.out + text.err + read_text(repo.path() + "/e.json") +
          read_text(repo.path() + "/r.xml");
  return o;
}

}  // namespace

TEST_CASE("review gate cli: a passing GitHub review leaks the token into no output") {
  const Outputs o = run_review_gate("github/approved.json");
  CHECK(o.exit_code == 0);
  CHECK(o.all.find("approved by bob (github)") != std::string::npos);
  CHECK(o.all.find(k_token) == std::string::npos);
}

TEST_CASE("review gate cli: an API failure blocks and leaks the token into no output") {
  for (const char* scenario : {"github/bad_credentials.json", "github/bad_gateway_always.json",
                               "github/malformed_json.json"}) {
    INFO(scenario);
    const Outputs o = run_review_gate(scenario);
    CHECK(o.exit_code == 1);
    CHECK(o.all.find("\"status\": \"error\"") != std::string::npos);
    CHECK(o.all.find(k_token) == std::string::npos);
  }
}
