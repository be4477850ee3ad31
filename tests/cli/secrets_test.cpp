// End to end: `changegate check` with a unique secret seeded into every
// secret-bearing key of every gate kind that has one (review token_env for
// GitHub and GitLab; slo bearer_token_env, basic_auth_env and a header
// value), driven down each failure path against servers on 127.0.0.1 — a 401
// and a 500 echoing the credentials back, a redirect to another port, a next
// page on another port. No part of any secret may reach stdout, stderr or any
// report format (.json .md .html .xml), and no other origin may be asked.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "gates/net/http_client.h"
#include "tests/support/api_replay.h"
#include "tests/support/fault_server.h"
#include "tests/support/temp_repo.h"

using namespace changegate::testing;

namespace {

const char* const k_now = "2026-11-21T12:00:00Z";

struct Outputs {
  int exit_code = -1;
  std::string all;  // stdout and stderr of text and JSON runs, and every report file
};

// Runs `check` on `gate` with `env` ("NAME=value ...") and gathers every output.
Outputs run_gate_file(const std::string& gate, const std::string& env) {
  TempRepo repo;
  repo.write("changegate.toml", "[project]\nname = \"svc\"\n" + gate);
  repo.write(".changegate/change.toml",
             "id = \"CHG-1\"\ntitle = \"t\"\ntype = \"feature\"\nauthor = \"alice\"\n");
  repo.commit("initial", "alice");
  const std::string check =
      env + " NO_COLOR=1 '" + CHANGEGATE_BINARY + "' check --no-ledger --repo . --now " + k_now;
  const RunResult reports =
      run_command(check + " -o r.json -o r.md -o r.html -o r.xml", repo.path());
  const RunResult json = run_command(check + " --format json", repo.path());
  Outputs o;
  o.exit_code = reports.exit_code;
  o.all = reports.out + reports.err + json.out + json.err;
  for (const char* file : {"r.json", "r.md", "r.html", "r.xml"})
    o.all += read_text(repo.path() + "/" + file);
  return o;
}

// Neither the secret nor any 10-byte piece of it (a cut-off echo) appears.
void check_absent(const std::string& all, const std::string& secret) {
  INFO(all.substr(0, 3000));
  CHECK(all.find(secret) == std::string::npos);
  for (std::size_t at = 0; at + 10 <= secret.size(); at += 5)
    CHECK(all.find(secret.substr(at, 10)) == std::string::npos);
}

std::string review_gate(const std::string& source, const std::string& url,
                        const std::string& target) {
  return "[[gate]]\nid = \"review\"\nkind = \"review\"\nsource = \"" + source +
         "\"\ntoken_env = \"CG_E2E_TOKEN\"\nretries = 0\napi_url = \"" + url + "\"\n" + target;
}

const std::string k_github_target = "repository = \"acme/orders\"\npull_request = 7\n";
const std::string k_gitlab_target = "project = \"acme/orders\"\nmerge_request = 5\n";

std::string slo_gate(const std::string& url, const std::string& auth) {
  return "[[gate]]\nid = \"slo\"\nkind = \"slo\"\nprometheus = \"" + url + "\"\n" + auth +
         "timeout = \"2s\"\nretries = 0\n"
         "[[gate.slo]]\nname = \"availability\"\nobjective = 0.999\n"
         "error_ratio = \"sum(rate(e[{{window}}])) / sum(rate(t[{{window}}]))\"\n";
}

}  // namespace

TEST_CASE("secrets e2e: a review API token leaks nowhere on any GitHub failure path") {
  const std::string token = "ghp_E2Egithub7c1d0e9f8a2b3c4d5e6f";
  // scenario -> what the error names (each fixture states its expected status)
  const std::vector<std::pair<std::string, std::string>> scenarios = {
      {"github/unauthorized_echo.json", "HTTP 401"},
      {"github/server_error_echo.json", "HTTP 500"},
      {"github/redirect_foreign.json", "HTTP 302 (a redirect to"},
      {"github/next_link_foreign.json", "the next page is on another origin"},
  };
  for (const auto& [scenario, expected] : scenarios) {
    INFO(scenario);
    ApiReplay server(scenario);
    const Outputs o = run_gate_file(review_gate("github", server.url(), k_github_target),
                                    "CG_E2E_TOKEN=" + token);
    CHECK(o.exit_code == 1);
    CHECK(o.all.find(expected) != std::string::npos);
    CHECK(server.request_log().find("\"origin\": \"foreign\"") == std::string::npos);
    check_absent(o.all, token);
  }
}

TEST_CASE("secrets e2e: a GitLab token echoed by a 401 leaks nowhere") {
  const std::string token = "glpat-E2Egitlab3f9a8b7c6d5e4f";
  ApiReplay server("gitlab/unauthorized_echo.json");
  const Outputs o = run_gate_file(review_gate("gitlab", server.url() + "/api/v4", k_gitlab_target),
                                  "CG_E2E_TOKEN=" + token);
  CHECK(o.exit_code == 1);
  CHECK(o.all.find("HTTP 401") != std::string::npos);
  CHECK(server.request_log().find("PRIVATE-TOKEN") != std::string::npos);
  check_absent(o.all, token);
}

TEST_CASE("secrets e2e: slo bearer token, basic auth and header values leak nowhere") {
  const std::string bearer = "promtok-E2Ebearer5a4b3c2d1e0f";
  const std::string password = "pw-E2Ebasic9e8d7c6b5a4f";
  const std::string tenant = "tenant-E2Eheader1a2b3c4d5e";
  const std::string header = "headers = { \"X-Scope-OrgID\" = \"" + tenant + "\" }\n";
  FaultServer server;
  FaultServer foreign;
  // path -> what the error names
  const std::vector<std::pair<std::string, std::string>> paths = {
      {"/echoauth/401", "HTTP 401 with a body that is not JSON"},
      {"/echoauth/500", "HTTP 500 with a body that is not JSON"},
      {"/redirect/" + changegate::url_encode(foreign.url() + "/echo"), "HTTP 302 (a redirect to"},
  };
  for (const auto& [path, expected] : paths) {
    INFO(path);
    const Outputs with_bearer =
        run_gate_file(slo_gate(server.url() + path, header + "bearer_token_env = \"CG_E2E_B\"\n"),
                      "CG_E2E_B=" + bearer);
    CHECK(with_bearer.exit_code == 1);
    CHECK(with_bearer.all.find(expected) != std::string::npos);
    // The echo did reach the gate, and the scrubber cut it.
    if (path.rfind("/echoauth", 0) == 0)
      CHECK(with_bearer.all.find("X-Scope-OrgID: [redacted]") != std::string::npos);
    check_absent(with_bearer.all, bearer);
    check_absent(with_bearer.all, tenant);
    const Outputs with_basic =
        run_gate_file(slo_gate(server.url() + path, header + "basic_auth_env = \"CG_E2E_U\"\n"),
                      "CG_E2E_U=grafana:" + password);
    CHECK(with_basic.exit_code == 1);
    CHECK(with_basic.all.find(expected) != std::string::npos);
    check_absent(with_basic.all, password);
    check_absent(with_basic.all, changegate::basic_auth_value("grafana:" + password).substr(6));
    check_absent(with_basic.all, tenant);
  }
  CHECK(foreign.log().find("/echo") == std::string::npos);
}

TEST_CASE(
    "secrets e2e: a golden gate's PostgreSQL DSN and password leak nowhere when the "
    "server cannot be reached (expected: error)") {
  const std::string password = "pgSECRETpw-6f1d2c9e";
  // Port 1 on loopback: nothing listens, libpq fails at once.
  const std::string dsn =
      "postgresql://orders:" + password + "@127.0.0.1:1/orders?connect_timeout=2";
  const std::string gate =
      "[[gate]]\nid = \"golden\"\nkind = \"golden\"\n"
      "candidate = { postgres_env = \"CG_E2E_DSN\", query = \"SELECT 1 AS n\" }\n"
      "aggregates = [{ fn = \"count\", min = 1 }]\n";
  const Outputs o = run_gate_file(gate, "CG_E2E_DSN='" + dsn + "'");
  CHECK(o.exit_code == 1);
  CHECK(o.all.find("golden") != std::string::npos);
  check_absent(o.all, password);
  check_absent(o.all, dsn);
}
