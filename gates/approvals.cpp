#include "gates/approvals.h"

#include <algorithm>
#include <cctype>

#include "gates/git/git_repo.h"
#include "gates/git/trailers.h"
#include "gates/util/sha256.h"
#include "gates/util/strings.h"

namespace changegate {

namespace {

void add_key(Identity& id, const std::string& key) {
  if (key.empty() || key == "email:") return;
  if (std::find(id.keys.begin(), id.keys.end(), key) == id.keys.end()) id.keys.push_back(key);
}

bool hex_prefix_of(const std::string& prefix, const std::string& sha) {
  if (prefix.size() < 4 || prefix.size() > sha.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(prefix[i])) != sha[i]) return false;
  return true;
}

}  // namespace

Identity parse_identity(const std::string& text) {
  Identity id;
  id.display = text;
  const std::size_t lt = text.find('<');
  const std::size_t gt = text.find('>', lt == std::string::npos ? 0 : lt);
  if (lt != std::string::npos && gt != std::string::npos) {
    add_key(id, lower(trim(text.substr(0, lt))));
    add_key(id, "email:" + lower(trim(text.substr(lt + 1, gt - lt - 1))));
    return id;
  }
  std::string t = lower(trim(text));
  if (!t.empty() && t[0] == '@') t.erase(0, 1);
  if (t.find('@') != std::string::npos && t.find(' ') == std::string::npos)
    add_key(id, "email:" + t);
  else
    add_key(id, t);
  return id;
}

Identity account_identity(const std::string& login, const std::string& name,
                          const std::string& email) {
  Identity id;
  id.display = login.empty() ? name : login;
  add_key(id, lower(trim(login)));
  add_key(id, lower(trim(name)));
  if (!email.empty()) add_key(id, "email:" + lower(trim(email)));
  return id;
}

bool same_person(const Identity& a, const Identity& b) {
  for (const auto& k : a.keys)
    if (std::find(b.keys.begin(), b.keys.end(), k) != b.keys.end()) return true;
  return false;
}

bool any_same_person(const Identity& who, const std::vector<Identity>& people) {
  return std::any_of(people.begin(), people.end(),
                     [&](const Identity& p) { return same_person(who, p); });
}

void add_commit_authors(const CheckContext& ctx, std::vector<Identity>& authors) {
  if (!ctx.repo.is_git || !ctx.repo.git || ctx.repo.head.empty()) return;
  for (const auto& c : ctx.repo.git->commits_between(ctx.repo.base, ctx.repo.head)) {
    const Identity author = account_identity("", c.author_name, c.author_email);
    if (!any_same_person(author, authors)) authors.push_back(author);
  }
}

ReviewFacts change_record_facts(const CheckContext& ctx) {
  ReviewFacts f;
  f.head = ctx.repo.head;
  const ChangeRecord& change = ctx.change;
  if (change.present) f.evidence.push_back({change.path, change.sha256, 0});
  if (!change.author.empty()) f.authors.push_back(parse_identity(change.author));
  // The record's `author` is one claim; whoever wrote the commits under
  // review cannot approve them either, and a record without `author` still
  // has them.
  add_commit_authors(ctx, f.authors);
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

ApprovalTally tally_approvals(const ReviewFacts& f, const ApprovalPolicy& policy) {
  ApprovalTally t;
  const bool check_stale = policy.dismiss_stale && f.votes_carry_commits;
  // Without a head there is no telling fresh from stale: count every
  // approval, so a shortfall is still a known failure, but never pass.
  if (check_stale && f.head.empty())
    t.unjudged =
        "cannot tell whether approvals are on the gated commit: head is unknown "
        "(not a git work tree)";
  const bool judge_stale = check_stale && !f.head.empty();
  for (const auto& v : f.votes) {
    const bool self = any_same_person(v.who, f.authors);
    std::string why;
    if (v.on_own_commit)
      why = "a trailer on the reviewer's own commit";
    else if (self && !policy.allow_self_approval)
      why = "the author cannot review their own change";
    else if (v.vote == Vote::approved && judge_stale && v.commit != f.head)
      why = v.commit.empty()
                ? "stale: it names no commit (head is " + f.head.substr(0, 7) + ")"
                : "stale: given on " + v.commit.substr(0, 7) + ", head is " + f.head.substr(0, 7);
    if (!why.empty()) {
      t.ignored.push_back({{"who", v.who.display}, {"where", v.where}, {"why", why}});
      continue;
    }
    auto& list = v.vote == Vote::approved ? t.approvers : t.requesting;
    if (!any_same_person(v.who, list)) list.push_back(v.who);
  }
  return t;
}

}  // namespace changegate
