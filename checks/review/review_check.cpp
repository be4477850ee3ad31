#include "checks/review/review_check.h"

#include <cstdlib>

#include "checks/review/codeowners.h"
#include "checks/review/review_people.h"
#include "checks/review/review_sources.h"
#include "gates/config.h"
#include "gates/evidence.h"
#include "gates/net/http_client.h"
#include "gates/util/strings.h"

namespace changegate {

const std::vector<GateKey> k_review_keys = {
    {"source", "change|git|github|gitlab", "where approvals come from (default change)"},
    {"min_approvals", "integer", "approvals needed from people other than the author (default 1)"},
    {"allow_self_approval", "boolean", "let the author approve their own change (default false)"},
    {"dismiss_stale", "boolean",
     "an approval on another commit than head does not count (default true)"},
    {"require_owners", "boolean", "every changed file needs an approval from one of its owners"},
    {"token_env", "string", "env var holding the API token (default GITHUB_TOKEN / GITLAB_TOKEN)"},
    {"api_url", "string", "API root for GitHub Enterprise or self-hosted GitLab"},
    {"repository", "string", "GitHub \"owner/repo\" (default $GITHUB_REPOSITORY)"},
    {"pull_request", "integer", "GitHub pull request number (default from GITHUB_REF)"},
    {"project", "string", "GitLab project id or path (default $CI_PROJECT_ID)"},
    {"merge_request", "integer", "GitLab merge request iid (default $CI_MERGE_REQUEST_IID)"},
    {"timeout", "duration", "per-request timeout for API calls (default \"10s\")"},
    {"retries", "integer", "extra attempts on 5xx, timeouts and rate limits (default 2)"},
};

namespace {

std::vector<std::string> displays(const std::vector<Identity>& people) {
  std::vector<std::string> out;
  for (const auto& p : people) out.push_back(p.display);
  return out;
}

std::string names(const std::vector<Identity>& people) {
  return people.empty() ? "nobody" : join(displays(people), ", ");
}

class ReviewCheck : public Check, public ApprovalSource {
 public:
  explicit ReviewCheck(ReviewOptions options) : o_(std::move(options)) {}

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    ReviewFacts facts = approval_facts(ctx);
    decide(ctx, facts, r);
  }

  // The API token is registered with the run's secrets (gates/net/scrub.h):
  // the engine cuts it from this and every other gate's result.
  ReviewFacts approval_facts(const CheckContext& ctx) const override {
    if (o_.source == "change") return change_record_facts(ctx);
    if (o_.source == "git") return git_trailer_facts(ctx);
    const char* value = std::getenv(o_.token_env.c_str());
    const std::string token = value ? value : "";
    if (ctx.secrets) ctx.secrets->add(token);
    if (token.empty() && o_.token_env_given) {
      ReviewFacts f;
      f.error = "the token variable $" + o_.token_env + " is not set";
      return f;
    }
    HttpOptions http;
    http.timeout_ms = o_.timeout_ms;
    http.retries = o_.retries;
    CurlHttpClient client(http);
    ReviewFacts f = o_.source == "github" ? github_facts(ctx, o_, token, client)
                                          : gitlab_facts(ctx, o_, token, client);
    f.details["authenticated"] = !token.empty();
    return f;
  }

  ApprovalPolicy approval_policy() const override {
    return {o_.allow_self_approval, o_.dismiss_stale};
  }
  std::string approval_source_name() const override { return o_.source; }

 private:
  // Decides on the gathered facts alone: who counts, then each requirement.
  void decide(const CheckContext& ctx, ReviewFacts& f, GateResult& r) const {
    r.evidence = f.evidence;
    r.details = f.details;
    r.details["source"] = o_.source;
    if (!f.error.empty()) {
      r.conclude(f.error, "");
      return;
    }
    if (o_.dismiss_stale && !f.votes_carry_commits)
      r.details["stale_approvals"] =
          "the server reports no commit per approval; its own reset-on-push setting applies";

    const ApprovalTally t = tally_approvals(f, approval_policy());
    r.details["approvers"] = displays(t.approvers);
    r.details["changes_requested_by"] = displays(t.requesting);
    r.details["not_counted"] = t.ignored;
    r.details["authors"] = displays(f.authors);
    std::string unjudged = t.unjudged;
    const auto n = static_cast<std::int64_t>(t.approvers.size());
    if (!r.compare("approvals", n, ">=", o_.min_approvals, n >= o_.min_approvals))
      r.problems.push_back(plural(n, "approval") + " (" + names(t.approvers) + "), " +
                           std::to_string(o_.min_approvals) + " required" +
                           (t.ignored.empty() ? "" : not_counted_note(t.ignored)));
    const auto k = static_cast<std::int64_t>(t.requesting.size());
    if (!r.compare("outstanding changes requested", k, "==", 0, k == 0))
      r.problems.push_back("changes requested by " + names(t.requesting) + " are outstanding");

    for (const auto& rule : f.rules) check_rule(rule, t.approvers, r);
    if (o_.require_owners) {
      const std::string owners_unjudged = check_owners(ctx, t.approvers, r);
      if (!owners_unjudged.empty()) unjudged += (unjudged.empty() ? "" : "; ") + owners_unjudged;
    }

    r.conclude(unjudged, "approved by " + names(t.approvers) + " (" + o_.source + ")" +
                             (o_.require_owners ? ", owners approved" : ""));
  }

  static std::string not_counted_note(const nlohmann::json& ignored) {
    return "; not counted: " + ignored[0]["who"].get<std::string>() + " (" +
           ignored[0]["why"].get<std::string>() + ")" +
           (ignored.size() > 1 ? " and " + std::to_string(ignored.size() - 1) + " more" : "");
  }

  static void check_rule(const ServerRule& rule, const std::vector<Identity>& approvers,
                         GateResult& r) {
    std::int64_t got = 0;
    for (const auto& a : approvers)
      if (rule.eligible.empty() || any_same_person(a, rule.eligible)) ++got;
    if (!r.compare("approval rule \"" + rule.name + "\"", got, ">=", rule.required,
                   got >= rule.required))
      r.problems.push_back("approval rule \"" + rule.name + "\" has " + std::to_string(got) +
                           " of " + std::to_string(rule.required) + " approvals");
  }

  // Returns why owners could not be judged, or "".
  std::string check_owners(const CheckContext& ctx, const std::vector<Identity>& approvers,
                           GateResult& r) const {
    if (!ctx.repo.is_git)
      return "cannot tell which files changed (not a git work tree) to check their owners";
    std::vector<std::string> files;
    for (const auto& fc : ctx.repo.diff.files) {
      files.push_back(fc.path);
      if (!fc.old_path.empty() && fc.old_path != fc.path) files.push_back(fc.old_path);
    }
    std::optional<Codeowners> co;
    const auto path = locate_codeowners(ctx.repo.root);
    r.details["codeowners"] = path ? nlohmann::json(*path) : nullptr;
    if (path) {
      // Through the evidence pipeline: a CODEOWNERS that is a directory or a
      // FIFO leaves the owners unjudged, at once.
      std::string problem, text;
      Evidence evidence;
      const auto file = evidence_path(ctx.repo.root, *path, &problem);
      if (!file || !read_evidence(*file, &text, &evidence, &problem)) return problem;
      co = parse_codeowners(text, *path);
      r.evidence.push_back(evidence);
      r.details["codeowners_skipped_lines"] = co->problems;
    }
    std::vector<std::string> unowned;
    const auto groups = group_by_owners(files, co ? &*co : nullptr, ctx.config, &unowned);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& g : groups) {
      std::vector<Identity> by;
      for (const auto& a : approvers)
        if (any_same_person(a, g.members)) by.push_back(a);
      const bool ok = !by.empty();
      r.compare("owner approval: " + g.rule, displays(by), "includes one of", g.owners, ok);
      out.push_back({{"rule", g.rule},
                     {"owners", g.owners},
                     {"files", g.files},
                     {"approved_by", displays(by)},
                     {"unresolved_teams", g.unresolved}});
      if (!ok)
        r.problems.push_back("no owner approval for " +
                             plural(static_cast<std::int64_t>(g.files.size()), "file") + " (" +
                             g.files.front() + (g.files.size() > 1 ? ", ..." : "") + ") owned by " +
                             join(g.owners, " ") + " [" + g.rule + "]");
    }
    r.details["owner_groups"] = out;
    r.details["unowned_files"] = unowned;
    return "";
  }

  ReviewOptions o_;
};

}  // namespace

std::unique_ptr<Check> load_review_check(const TableReader& gate) {
  ReviewOptions o;
  if (auto s = gate.choice("source", {"change", "git", "github", "gitlab"})) o.source = *s;
  if (auto n = gate.integer("min_approvals", 0, 100)) o.min_approvals = *n;
  if (auto b = gate.boolean("allow_self_approval")) o.allow_self_approval = *b;
  if (auto b = gate.boolean("dismiss_stale")) o.dismiss_stale = *b;
  if (auto b = gate.boolean("require_owners")) o.require_owners = *b;
  const bool api = o.source == "github" || o.source == "gitlab";
  for (const char* key : {"token_env", "api_url", "timeout", "retries"})
    if (!api && gate.has(key))
      gate.fail(key, std::string("\"") + key +
                         "\" applies to source = \"github\" or \"gitlab\", not \"" + o.source +
                         "\"");
  for (const char* key : {"repository", "pull_request"})
    if (o.source != "github" && gate.has(key))
      gate.fail(key, std::string("\"") + key + "\" applies to source = \"github\" only");
  for (const char* key : {"project", "merge_request"})
    if (o.source != "gitlab" && gate.has(key))
      gate.fail(key, std::string("\"") + key + "\" applies to source = \"gitlab\" only");
  if (auto t = gate.string("token_env")) {
    if (t->empty())
      gate.fail("token_env", "\"token_env\" names an environment variable; it is empty");
    o.token_env = *t;
    o.token_env_given = true;
  } else {
    o.token_env = o.source == "gitlab" ? "GITLAB_TOKEN" : "GITHUB_TOKEN";
  }
  if (auto u = gate.string("api_url")) {
    const bool http = u->rfind("https://", 0) == 0 || u->rfind("http://", 0) == 0;
    const std::size_t authority = u->find("//") + 2;
    const std::size_t at = u->find('@', authority);
    if (http && at != std::string::npos && at < u->find_first_of("/?#", authority))
      // Never echo the URL: the part before '@' is a password or a token.
      gate.fail("api_url",
                "\"api_url\" must not carry credentials; put the token in the environment "
                "variable \"token_env\" names");
    if (!http) gate.fail("api_url", "\"api_url\" must be an http(s) URL, got \"" + *u + "\"");
    o.api_url = *u;
  }
  if (auto repo = gate.string("repository")) {
    if (repo->find('/') == std::string::npos || repo->front() == '/' || repo->back() == '/')
      gate.fail("repository", "\"repository\" must be \"owner/repo\", got \"" + *repo + "\"");
    o.repository = *repo;
  }
  o.pull_request = gate.integer("pull_request", 1);
  if (auto p = gate.string("project")) o.project = *p;
  o.merge_request = gate.integer("merge_request", 1);
  if (auto t = gate.duration("timeout")) o.timeout_ms = *t * 1000;
  if (auto n = gate.integer("retries", 0, 10)) o.retries = static_cast<int>(*n);
  return std::make_unique<ReviewCheck>(std::move(o));
}

}  // namespace changegate
