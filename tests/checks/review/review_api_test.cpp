// The review gate's GitHub and GitLab sources against recorded API responses
// replayed over HTTP on 127.0.0.1 (tests/support/api_replay_server.py).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "checks/review/review_check.h"
#include "gates/net/http_client.h"
#include "tests/checks/check_harness.h"
#include "tests/support/api_replay.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using changegate::testing::ApiReplay;
using changegate::testing::run_gate;

namespace {

constexpr Timestamp k_now = 1795255200;
const std::string k_token = "ghp_TESTtoken0123456789abcdefSECRET";
const std::string k_pr_head = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

GateResult run_github(const ApiReplay& server, const std::string& extra = "") {
  setenv("CG_TEST_GITHUB_TOKEN", k_token.c_str(), 1);
  RepoContext repo;
  repo.root = "/nonexistent";
  ChangeRecord change;
  change.author = "alice";
  return run_gate(
             "id = \"review\"\nkind = \"review\"\nsource = \"github\"\n"
             "token_env = \"CG_TEST_GITHUB_TOKEN\"\nrepository = \"acme/orders\"\n"
             "pull_request = 7\napi_url = \"" +
                 server.url() + "\"\n" + extra,
             change, repo, k_now)
      .result;
}

GateResult run_gitlab(const ApiReplay& server, const std::string& extra = "") {
  setenv("CG_TEST_GITLAB_TOKEN", k_token.c_str(), 1);
  RepoContext repo;
  repo.root = "/nonexistent";
  ChangeRecord change;
  return run_gate(
             "id = \"review\"\nkind = \"review\"\nsource = \"gitlab\"\n"
             "token_env = \"CG_TEST_GITLAB_TOKEN\"\nproject = \"acme/orders\"\n"
             "merge_request = 5\napi_url = \"" +
                 server.url() + "/api/v4\"\n" + extra,
             change, repo, k_now)
      .result;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t pos = 0; (pos = text.find(what, pos)) != std::string::npos; pos += what.size())
    ++n;
  return n;
}

// Everything a result could leak through.
std::string everything(const GateResult& r) {
  std::string all = r.summary + r.details.dump();
  for (const auto& p : r.problems) all += p;
  for (const auto& e : r.evidence) all += e.path;
  for (const auto& c : r.comparisons) all += c.name + c.actual.dump() + c.expected.dump();
  return all;
}

}  // namespace

TEST_CASE("review gate github: paged reviews, latest state per reviewer, stale and self excluded") {
  ApiReplay server("github/paged_reviews.json");
  const GateResult r = run_github(server);
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "approved by bob (github)");
  CHECK(r.details["review_pages"] == 3);
  CHECK(r.details["reviews"] == 7);
  CHECK(r.details["head"] == k_pr_head);
  CHECK(r.details["latest_state"] == nlohmann::json{{"bob", "APPROVED"},
                                                    {"dave", "APPROVED"},
                                                    {"alice", "APPROVED"},
                                                    {"erin", "DISMISSED"}});
  CHECK(r.details["changes_requested_by"].empty());
  REQUIRE(r.details["not_counted"].size() == 2);
  CHECK(r.evidence.size() == 4);  // the pull request and three pages
  const GateResult two = run_github(server, "min_approvals = 2\n");
  CHECK(two.status == Status::fail);
  CHECK(two.summary.rfind("1 approval (bob), 2 required; not counted: ", 0) == 0);
}

TEST_CASE("review gate github: the token goes in the Authorization header and nowhere else") {
  ApiReplay server("github/approved.json");
  const GateResult r = run_github(server);
  CHECK(r.status == Status::pass);
  CHECK(count(server.request_log(), "Bearer " + k_token) == 2);
  CHECK(everything(r).find(k_token) == std::string::npos);
}

TEST_CASE("review gate github: an outstanding changes request blocks despite an approval") {
  ApiReplay server("github/changes_requested.json");
  const GateResult r = run_github(server);
  CHECK(r.status == Status::fail);
  CHECK(r.summary == "changes requested by carol are outstanding");
}

TEST_CASE("review gate github: a dismissed changes request no longer blocks") {
  ApiReplay server("github/dismissed_review.json");
  CHECK(run_github(server).status == Status::pass);
}

TEST_CASE("review gate github: rate limits are waited out via reset and Retry-After") {
  ApiReplay server("github/rate_limited.json");
  const GateResult r = run_github(server);
  CHECK(r.status == Status::pass);
  CHECK(count(server.request_log(), "/reviews?per_page=100") == 3);
}

TEST_CASE("review gate github: a 502 is retried, then the reviews count") {
  ApiReplay server("github/bad_gateway_once.json");
  CHECK(run_github(server).status == Status::pass);
  CHECK(count(server.request_log(), "/reviews?per_page=100") == 2);
}

TEST_CASE(
    "review gate github: a server that keeps failing is an error naming endpoint and status") {
  ApiReplay server("github/bad_gateway_always.json");
  const GateResult r = run_github(server, "retries = 1\n");
  CHECK(r.status == Status::error);
  CHECK(r.summary ==
        "GET " + server.url() + "/repos/acme/orders/pulls/7/reviews: HTTP 502 after 2 attempts");
}

TEST_CASE("review gate github: malformed JSON is an error, not a pass") {
  ApiReplay server("github/malformed_json.json");
  const GateResult r = run_github(server);
  CHECK(r.status == Status::error);
  CHECK(r.summary.find("/repos/acme/orders/pulls/7/reviews: malformed JSON at byte ") !=
        std::string::npos);
}

TEST_CASE("review gate github: bad credentials name the variable, never the token") {
  ApiReplay server("github/bad_credentials.json");
  const GateResult r = run_github(server);
  CHECK(r.status == Status::error);
  CHECK(r.summary == "GET " + server.url() +
                         "/repos/acme/orders/pulls/7: HTTP 401 (check the token in "
                         "$CG_TEST_GITHUB_TOKEN)");
  CHECK(everything(r).find(k_token) == std::string::npos);
}

TEST_CASE("review gate github: an unset token variable named in config is an error") {
  unsetenv("CG_TEST_UNSET_TOKEN");
  RepoContext repo;
  const GateResult r = run_gate(
                           "id = \"r\"\nkind = \"review\"\nsource = \"github\"\ntoken_env = "
                           "\"CG_TEST_UNSET_TOKEN\"\nrepository = \"a/b\"\npull_request = 1\n",
                           ChangeRecord{}, repo, k_now)
                           .result;
  CHECK(r.status == Status::error);
  CHECK(r.summary == "the token variable $CG_TEST_UNSET_TOKEN is not set");
}

TEST_CASE("review gate github: repository and PR number come from the Actions environment") {
  ApiReplay server("github/approved.json");
  setenv("GITHUB_REPOSITORY", "acme/orders", 1);
  setenv("GITHUB_REF", "refs/pull/7/merge", 1);
  setenv("CG_TEST_GITHUB_TOKEN", k_token.c_str(), 1);
  RepoContext repo;
  ChangeRecord change;
  const GateResult r = run_gate(
                           "id = \"r\"\nkind = \"review\"\nsource = \"github\"\n"
                           "token_env = \"CG_TEST_GITHUB_TOKEN\"\napi_url = \"" +
                               server.url() + "\"\n",
                           change, repo, k_now)
                           .result;
  unsetenv("GITHUB_REPOSITORY");
  unsetenv("GITHUB_REF");
  CHECK(r.status == Status::pass);
  CHECK(r.details["pull_request_from"] == "GITHUB_REF");
}

TEST_CASE("review gate github: outside a pull request it is an error saying what is missing") {
  unsetenv("GITHUB_REF");
  unsetenv("GITHUB_EVENT_PATH");
  RepoContext repo;
  const GateResult r =
      run_gate("id = \"r\"\nkind = \"review\"\nsource = \"github\"\nrepository = \"acme/orders\"\n",
               ChangeRecord{}, repo, k_now)
          .result;
  CHECK(r.status == Status::error);
  CHECK(r.summary.rfind("cannot tell which pull request", 0) == 0);
}

TEST_CASE("review gate gitlab: approvals and approval rules met pass") {
  ApiReplay server("gitlab/approved.json");
  const GateResult r = run_gitlab(server, "min_approvals = 2\n");
  CHECK(r.status == Status::pass);
  CHECK(r.summary == "approved by bob, carol (gitlab)");
  CHECK(count(server.request_log(), "\"PRIVATE-TOKEN\": \"" + k_token + "\"") == 4);
  CHECK(everything(r).find(k_token) == std::string::npos);
}

TEST_CASE("review gate gitlab: an unmet approval rule fails naming it") {
  ApiReplay server("gitlab/rule_unmet.json");
  const GateResult r = run_gitlab(server);
  CHECK(r.status == Status::fail);
  CHECK(r.summary == "approval rule \"dba\" has 0 of 1 approvals");
}

TEST_CASE("review gate gitlab: a reviewer's requested changes block") {
  ApiReplay server("gitlab/changes_requested.json");
  const GateResult r = run_gitlab(server);
  CHECK(r.status == Status::fail);
  CHECK(r.summary == "changes requested by dave are outstanding");
}

TEST_CASE(
    "review gate gitlab: the MR author's approval does not count, missing rules endpoint is fine") {
  ApiReplay server("gitlab/self_approval_no_rules.json");
  const GateResult one = run_gitlab(server);
  CHECK(one.status == Status::pass);
  CHECK(one.details["approvers"] == nlohmann::json{"bob"});
  CHECK(one.details["approval_rules"] == "not available (404)");
  CHECK(run_gitlab(server, "min_approvals = 2\n").status == Status::fail);
}

TEST_CASE("review gate gitlab: CI_JOB_TOKEN is sent as JOB-TOKEN") {
  ApiReplay server("gitlab/approved.json");
  setenv("CI_JOB_TOKEN", k_token.c_str(), 1);
  RepoContext repo;
  const GateResult r = run_gate(
                           "id = \"r\"\nkind = \"review\"\nsource = \"gitlab\"\n"
                           "token_env = \"CI_JOB_TOKEN\"\nproject = \"acme/orders\"\n"
                           "merge_request = 5\napi_url = \"" +
                               server.url() + "/api/v4\"\n",
                           ChangeRecord{}, repo, k_now)
                           .result;
  unsetenv("CI_JOB_TOKEN");
  CHECK(r.status == Status::pass);
  CHECK(count(server.request_log(), "\"JOB-TOKEN\": \"" + k_token + "\"") == 4);
}

TEST_CASE(
    "review gate github: the PR number comes from the event payload when GITHUB_REF has none") {
  ApiReplay server("github/approved.json");
  testing::TempDir dir;
  dir.write("event.json",
            R"({"action": "synchronize", "number": 7, "pull_request": {"number": 7}})");
  unsetenv("GITHUB_REF");
  setenv("GITHUB_EVENT_PATH", (dir.path() + "/event.json").c_str(), 1);
  setenv("CG_TEST_GITHUB_TOKEN", k_token.c_str(), 1);
  RepoContext repo;
  const GateResult r = run_gate(
                           "id = \"r\"\nkind = \"review\"\nsource = \"github\"\n"
                           "token_env = \"CG_TEST_GITHUB_TOKEN\"\nrepository = "
                           "\"acme/orders\"\napi_url = \"" +
                               server.url() + "\"\n",
                           ChangeRecord{}, repo, k_now)
                           .result;
  unsetenv("GITHUB_EVENT_PATH");
  CHECK(r.status == Status::pass);
  CHECK(r.details["pull_request_from"] == "GITHUB_EVENT_PATH");
  CHECK(r.details["pull_request"] == 7);
}

TEST_CASE("review gate github: a FIFO as GITHUB_EVENT_PATH is not read, never a hang") {
  testing::TempDir dir;
  const std::string fifo = dir.path() + "/event.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  unsetenv("GITHUB_REF");
  setenv("GITHUB_EVENT_PATH", fifo.c_str(), 1);
  RepoContext repo;
  const GateResult r =
      run_gate("id = \"r\"\nkind = \"review\"\nsource = \"github\"\nrepository = \"acme/orders\"\n",
               ChangeRecord{}, repo, k_now)
          .result;
  unsetenv("GITHUB_EVENT_PATH");
  CHECK(r.status == Status::error);
  CHECK(r.summary.rfind("cannot tell which pull request", 0) == 0);
}

namespace {

// The request lines the replay server's second listener (another origin) saw.
std::size_t foreign_requests(const ApiReplay& server) {
  return count(server.request_log(), "\"origin\": \"foreign\"");
}

std::string foreign_origin(const std::string& text) {
  const std::size_t at = text.find("http://127.0.0.1:");
  return at == std::string::npos
             ? ""
             : text.substr(at, text.find_first_not_of("0123456789", at + 17) - at);
}

}  // namespace

TEST_CASE("review gate github: a next-page link to another origin is an error, never followed") {
  // Expected: error naming the foreign origin; it receives no request, so never the token.
  ApiReplay server("github/next_link_foreign.json");
  const GateResult r = run_github(server);
  CHECK(r.status == Status::error);
  const std::string foreign = foreign_origin(r.summary.substr(r.summary.find("origin (")));
  REQUIRE_FALSE(foreign.empty());
  CHECK(foreign != server.url());
  CHECK(r.summary == "GET " + server.url() +
                         "/repos/acme/orders/pulls/7/reviews: the next page is on another origin "
                         "(" +
                         foreign + ", api_url is " + server.url() +
                         "); not followed, so the token is not sent there");
  CHECK(foreign_requests(server) == 0);
  CHECK(everything(r).find(k_token) == std::string::npos);
}

TEST_CASE("review gate github: a redirect to another origin is not followed") {
  // Expected: error naming HTTP 302 and where it pointed; that origin receives no request.
  ApiReplay server("github/redirect_foreign.json");
  const GateResult r = run_github(server);
  CHECK(r.status == Status::error);
  const std::string foreign = foreign_origin(r.summary.substr(r.summary.find("HTTP 302")));
  REQUIRE_FALSE(foreign.empty());
  CHECK(r.summary == "GET " + server.url() +
                         "/repos/acme/orders/pulls/7: HTTP 302 (a redirect to " + foreign +
                         ", not followed: it could carry the credentials elsewhere)");
  CHECK(foreign_requests(server) == 0);
}

TEST_CASE("review gate: the API token is registered with the run's secrets") {
  // Expected: the engine's scrubber cuts the token from what a server echoed.
  ApiReplay server("github/unauthorized_echo.json");
  setenv("CG_TEST_GITHUB_TOKEN", k_token.c_str(), 1);
  const Config config = parse_config(
      "[[gate]]\nid = \"review\"\nkind = \"review\"\nsource = \"github\"\n"
      "token_env = \"CG_TEST_GITHUB_TOKEN\"\nrepository = \"acme/orders\"\n"
      "pull_request = 7\napi_url = \"" +
          server.url() + "\"\n",
      "changegate.toml", checks::registry());
  RepoContext repo;
  ChangeRecord change;
  Secrets secrets;
  GateResult r;
  config.gates.at(0).check->evaluate(
      CheckContext{change, repo, config, k_now, std::nullopt, &secrets}, r);
  CHECK(r.status == Status::error);
  CHECK(secrets.scrub("echo: Bearer " + k_token) == "echo: Bearer [redacted]");
}
