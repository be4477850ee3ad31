// Approvals as the review gate and [[risk.require]] count them (SPEC §4.2):
// people known by login, name and e-mail; the votes a source found; and the
// one tally that decides who counts (never an author, never a stale approval).
// The platform sources (GitHub, GitLab) live with the review gate in
// checks/review/; a gate that can gather approvals offers them through
// ApprovalSource, so risk obligations count through the same code.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gates/check.h"
#include "gates/evaluation.h"

namespace changegate {

struct Identity {
  std::string display;            // as written, for reports
  std::vector<std::string> keys;  // lower-cased "login-or-name" and "email:..." keys
};

// "Bob <bob@example.com>", "@bob", "bob@example.com" or "bob". Never throws.
Identity parse_identity(const std::string& text);
// A platform account or a commit author: login plus whatever name/e-mail is
// known ("" when not).
Identity account_identity(const std::string& login, const std::string& name = "",
                          const std::string& email = "");
// Two identities are one person when any login, name or e-mail agrees
// (case-insensitive), so "bob", "@bob" and "Bob <bob@example.com>" match.
bool same_person(const Identity& a, const Identity& b);
bool any_same_person(const Identity& who, const std::vector<Identity>& people);

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

// Approvals in the change record's [[approval]] tables. The authors are the
// record's `author` and every commit author base..head (in a git work tree).
ReviewFacts change_record_facts(const CheckContext& ctx);
// Review trailers on every commit base..head. Sets `error` outside git.
ReviewFacts git_trailer_facts(const CheckContext& ctx);
// Adds the author of every commit base..head to `authors`, as the git
// source knows them (name and e-mail). Nothing outside a git work tree.
void add_commit_authors(const CheckContext& ctx, std::vector<Identity>& authors);

struct ApprovalPolicy {
  bool allow_self_approval = false;
  bool dismiss_stale = true;
};

// Who counts: each voter once, with why a vote was not counted.
struct ApprovalTally {
  std::vector<Identity> approvers, requesting;
  nlohmann::json ignored = nlohmann::json::array();  // {who, where, why}
  // Non-empty when approvals were counted but cannot be trusted (head unknown).
  std::string unjudged;
};

// Sorts the votes into approvers, requesters and not counted (own commit,
// self-approval, stale). Never throws.
ApprovalTally tally_approvals(const ReviewFacts& facts, const ApprovalPolicy& policy);

// A gate that can gather approvals (the review gate) offers them to other
// obligations through this interface.
class ApprovalSource {
 public:
  virtual ~ApprovalSource() = default;
  // The facts from the gate's configured source; registers any secret it
  // reads with ctx.secrets. Problems come back in ReviewFacts::error.
  virtual ReviewFacts approval_facts(const CheckContext& ctx) const = 0;
  virtual ApprovalPolicy approval_policy() const = 0;
  // "change", "git", "github" or "gitlab", for reports.
  virtual std::string approval_source_name() const = 0;
};

}  // namespace changegate
