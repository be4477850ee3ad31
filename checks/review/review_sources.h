// Where the review gate's approvals come from (SPEC §4.2): the change
// record and git trailers (gates/approvals.h, shared with [[risk.require]]),
// the GitHub or GitLab API (here). Each source turns its evidence into the
// same ReviewFacts; the gate then decides on them alone.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "gates/approvals.h"
#include "gates/check.h"

namespace changegate {

class HttpClient;

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

// Pull-request reviews from the GitHub REST API; `token` may be "".
ReviewFacts github_facts(const CheckContext& ctx, const ReviewOptions& options,
                         const std::string& token, HttpClient& http);
// Merge-request approvals, approval rules and reviewers from the GitLab API.
ReviewFacts gitlab_facts(const CheckContext& ctx, const ReviewOptions& options,
                         const std::string& token, HttpClient& http);

}  // namespace changegate
