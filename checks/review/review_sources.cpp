#include "checks/review/review_sources.h"

#include <cctype>

#include "gates/git/git_repo.h"
#include "gates/git/trailers.h"
#include "gates/util/sha256.h"

namespace changegate {

namespace {

bool hex_prefix_of(const std::string& prefix, const std::string& sha) {
  if (prefix.size() < 4 || prefix.size() > sha.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(prefix[i])) != sha[i]) return false;
  return true;
}

}  // namespace

ReviewFacts change_record_facts(const CheckContext& ctx) {
  ReviewFacts f;
  f.head = ctx.repo.head;
  const ChangeRecord& change = ctx.change;
  if (change.present) f.evidence.push_back({change.path, change.sha256, 0});
  if (!change.author.empty()) f.authors.push_back(parse_identity(change.author));
  for (const auto& a : change.approvals) {
    ReviewVote v;
    v.who = parse_identity(a.by);
    // "by prefix": an abbreviated sha counts when it is a prefix of head.
    v.commit = !a.commit.empty() && hex_prefix_of(a.commit, f.head) ? f.head : a.commit;
    v.where = "change record line " + std::to_string(a.line);
    f.votes.push_back(v);
  }
  f.details["record"] = change.present ? change.path : "";
  return f;
}

ReviewFacts git_trailer_facts(const CheckContext& ctx) {
  ReviewFacts f;
  f.head = ctx.repo.head;
  if (!ctx.repo.is_git || !ctx.repo.git) {
    f.error = "cannot read review trailers: " + ctx.repo.root + " is not a git work tree";
    return f;
  }
  if (ctx.change.present) f.evidence.push_back({ctx.change.path, ctx.change.sha256, 0});
  if (!ctx.change.author.empty()) f.authors.push_back(parse_identity(ctx.change.author));
  const std::vector<Commit> commits = ctx.repo.git->commits_between(ctx.repo.base, ctx.repo.head);
  nlohmann::json seen = nlohmann::json::array();
  for (const auto& c : commits) {
    const Identity author = account_identity("", c.author_name, c.author_email);
    if (!any_same_person(author, f.authors)) f.authors.push_back(author);
    for (const auto& t : parse_trailers(c.message)) {
      if (!is_review_trailer(t.key)) continue;
      ReviewVote v;
      v.who = parse_identity(t.value);
      v.commit = c.sha;
      v.where = t.key + " trailer on " + c.sha.substr(0, 7);
      v.on_own_commit = same_person(v.who, author);
      f.votes.push_back(v);
      seen.push_back({{"commit", c.sha.substr(0, 12)}, {"trailer", t.key + ": " + t.value}});
    }
  }
  // The messages judged are the evidence: their digest pins what was read.
  std::string judged;
  for (const auto& c : commits) judged += c.sha + "\n" + c.message + "\n";
  f.evidence.push_back({"git " + ctx.repo.base.substr(0, 12) + ".." + ctx.repo.head.substr(0, 12),
                        sha256_hex(judged), judged.size()});
  f.details["head"] = ctx.repo.head;
  f.details["base"] = ctx.repo.base;
  f.details["commits"] = commits.size();
  f.details["trailers"] = seen;
  return f;
}

}  // namespace changegate
