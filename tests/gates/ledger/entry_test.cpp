#include "gates/ledger/entry.h"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "gates/ledger/jcs.h"

using namespace changegate;

namespace {

nlohmann::json evaluation(const std::string& id) {
  return {{"schema", "changegate.evaluation/1"},
          {"evaluation_id", id},
          {"evaluated_at", "2026-11-23T10:00:00Z"},
          {"verdict", "pass"},
          {"change", {{"id", "CHG-1"}}},
          {"repo", {{"head", "abc"}, {"base", nullptr}}},
          {"gates", nlohmann::json::array()},
          {"ledger", {{"entry", 3}}}};
}

}  // namespace

TEST_CASE("ledger entry: the draft copies the queryable fields and drops the ledger block") {
  const EntryDraft d = make_entry_draft(evaluation("e1"), "acme/orders", "https://ci/run/1");
  CHECK(d.evaluation_id == "e1");
  CHECK(d.change_id == "CHG-1");
  CHECK(d.head == "abc");
  CHECK(d.base == "");
  CHECK(d.verdict == "pass");
  CHECK(d.evaluated_at == "2026-11-23T10:00:00Z");
  CHECK(d.ci_run_url == "https://ci/run/1");
  CHECK_FALSE(d.evaluation.contains("ledger"));
}

TEST_CASE("ledger entry: long details lists and strings are capped, and the cut is recorded") {
  nlohmann::json e = evaluation("e2");
  nlohmann::json failures = nlohmann::json::array();
  for (int i = 0; i < 250; ++i) failures.push_back("t" + std::to_string(i));
  e["gates"].push_back(
      {{"id", "unit"}, {"details", {{"failures", failures}}}, {"summary", std::string(5000, 'x')}});
  const EntryDraft d = make_entry_draft(e, "p", "");
  const auto& gate = d.evaluation["gates"][0];
  CHECK(gate["details"]["failures"].size() == k_entry_max_list);
  CHECK(gate["summary"].get<std::string>().size() == k_entry_max_string);
  CHECK(gate["ledger_truncated"] ==
        nlohmann::json::parse(R"([{"path":"/details/failures","kept":100,"total":250},
                                  {"path":"/summary","kept_bytes":4096,"bytes":5000}])"));
}

TEST_CASE("ledger entry: the hash is SHA-256 of prev_hash's hex and the canonical entry") {
  const EntryDraft d = make_entry_draft(evaluation("e3"), "p", "");
  const LedgerEntry first = seal_entry(d, 1, k_zero_hash);
  CHECK(first.prev_hash == k_zero_hash);
  CHECK(first.hash == chain_hash(k_zero_hash, first.canonical));
  CHECK(first.hash.size() == 64);
  const auto body = nlohmann::json::parse(first.canonical);
  CHECK(body["seq"] == 1);
  CHECK(body["prev_hash"] == k_zero_hash);
  CHECK(body["project"] == "p");
  CHECK(body["schema"] == k_entry_schema);
  std::string again, err;
  REQUIRE(canonicalize_json(body, &again, &err));
  CHECK(again == first.canonical);
}

TEST_CASE("ledger entry: the CI run URL comes from GitHub's or GitLab's variables") {
  ::setenv("GITHUB_SERVER_URL", "https://github.com", 1);
  ::setenv("GITHUB_REPOSITORY", "acme/orders", 1);
  ::setenv("GITHUB_RUN_ID", "42", 1);
  CHECK(ci_run_url_from_env() == "https://github.com/acme/orders/actions/runs/42");
  ::unsetenv("GITHUB_RUN_ID");
  ::setenv("CI_JOB_URL", "https://gitlab.example.com/acme/orders/-/jobs/7", 1);
  CHECK(ci_run_url_from_env() == "https://gitlab.example.com/acme/orders/-/jobs/7");
  ::unsetenv("CI_JOB_URL");
  CHECK(ci_run_url_from_env() == "");
  ::unsetenv("GITHUB_SERVER_URL");
  ::unsetenv("GITHUB_REPOSITORY");
}
