// Where the review gate's approvals come from (SPEC §4.2): the change
// record, git trailers, the GitHub or GitLab API. Each source turns its
// evidence into the same ReviewFacts; the gate then decides on them alone.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/review/review_people.h"
#include "gates/check.h"

namespace changegate {

class HttpClient;

enum class Vote { approved, changes_requested };

// One reviewer's standing verdict (the latest that counts, per source rules).
struct ReviewVote {
  Identity who;
  Vote vote = Vote::approved;
  std::string commit;          // the commit it was given on; "" when the source does not say
  std::string where;           // "change record line 22", "trailer on 3f2c9e1", "GitHub review 80"
  bool on_own_commit = false;  // a trailer on a commit its reviewer authored
};

// An approval rule the server enforces (GitLab approval rules).
struct ServerRule {
  std::string name;
  std::int64_t required = 0;
  std::vector<Identity> eligible;  // empty: any approver counts
};

struct ReviewFacts {
  std::vector<ReviewVote> votes;
  std::vector<Identity> authors;    // whoever wrote the change: never their own approver
  std::string head;                 // the commit a fresh approval must be on; "" = unknown
  bool votes_carry_commits = true;  // false: staleness is the server's business (GitLab)
  std::vector<ServerRule> rules;
  std::vector<Evidence> evidence;
  nlohmann::json details = nlohmann::json::object();  // source-specific facts
  std::string error;                                  // non-empty: the evidence could not be read
};

struct ReviewOptions {
  std::string source = "change";  // change | git | github | gitlab
  std::int64_t min_approvals = 1;
  bool allow_self_approval = false;
  bool dismiss_stale = true;
  bool require_owners = false;
  std::string token_env;  // "" = the source's default
  bool token_env_given = false;
  std::string api_url;     // "" = from the CI environment, else the public service
  std::string repository;  // GitHub "owner/repo"
  std::optional<std::int64_t> pull_request;
  std::string project;  // GitLab id or "group/project"
  std::optional<std::int64_t> merge_request;
  std::int64_t timeout_ms = 10000;
  int retries = 2;
};

// Approvals in the change record's [[approval]] tables.
ReviewFacts change_record_facts(const CheckContext& ctx);
// Review trailers on every commit base..head. Sets `error` outside git.
ReviewFacts git_trailer_facts(const CheckContext& ctx);
// Pull-request reviews from the GitHub REST API; `token` may be "".
ReviewFacts github_facts(const CheckContext& ctx, const ReviewOptions& options,
                         const std::string& token, HttpClient& http);
// Merge-request approvals, approval rules and reviewers from the GitLab API.
ReviewFacts gitlab_facts(const CheckContext& ctx, const ReviewOptions& options,
                         const std::string& token, HttpClient& http);

}  // namespace changegate
