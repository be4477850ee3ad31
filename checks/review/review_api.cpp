// The GitHub and GitLab halves of checks/review/review_sources.h: REST calls over
// HttpClient, pagination, and the platforms' review semantics.
#include <cctype>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>

#include "checks/review/review_sources.h"
#include "gates/net/http_client.h"
#include "gates/util/file.h"
#include "gates/util/sha256.h"
#include "gates/util/strings.h"

namespace changegate {

namespace {

constexpr int k_max_pages = 100;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string strip_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string json_string(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// One GET whose body must be JSON. On failure fills facts.error and returns
// nullopt; the message names the endpoint and the HTTP status, never a header.
struct Api {
  HttpClient& http;
  std::vector<std::pair<std::string, std::string>> headers;
  ReviewFacts& facts;
  std::string token_env;
  long last_status = 0;
  std::string next_url;  // from the Link header, "" on the last page

  std::optional<nlohmann::json> get(const std::string& url, bool allow_404 = false) {
    HttpRequest req;
    req.url = url;
    req.headers = headers;
    const HttpResponse res = http.send(req);
    last_status = res.status;
    next_url.clear();
    if (allow_404 && res.status == 404) return std::nullopt;
    if (res.status < 200 || res.status >= 300) {
      facts.error = res.describe_failure(req);
      if (res.status == 401)
        facts.error += " (check the token in $" + token_env + ")";
      else if (res.status == 403 || res.status == 429)
        facts.error += " (rate limited or forbidden)";
      return std::nullopt;
    }
    facts.evidence.push_back({url, sha256_hex(res.body), res.body.size()});
    auto link = res.headers.find("link");
    if (link != res.headers.end()) next_url = next_link(link->second);
    try {
      return nlohmann::json::parse(res.body);
    } catch (const nlohmann::json::parse_error& e) {
      // e.what() quotes the body; the byte offset is enough to find it.
      facts.error = "GET " + url.substr(0, url.find('?')) + ": malformed JSON at byte " +
                    std::to_string(e.byte) + " of " + std::to_string(res.body.size());
      return std::nullopt;
    }
  }

  // RFC 8288: <url>; rel="next", <url>; rel="last". Scanned by hand: a
  // server controls this header, and std::regex recursion is not safe on it.
  static std::string next_link(const std::string& header) {
    std::size_t pos = 0;
    while ((pos = header.find('<', pos)) != std::string::npos) {
      const std::size_t close = header.find('>', pos);
      if (close == std::string::npos) return "";
      const std::string url = header.substr(pos + 1, close - pos - 1);
      std::size_t end = header.find('<', close);
      std::string params =
          header.substr(close + 1, end == std::string::npos ? end : end - close - 1);
      params = lower(params);
      // rel may list several space-separated types: rel="next last".
      const std::size_t rel = params.find("rel=");
      if (rel != std::string::npos) {
        std::string value = params.substr(rel + 4);
        value = value.substr(0, value.find_first_of(";,"));
        std::string word;
        for (char c : value + " ") {
          if (c == '"' || c == ' ' || c == '\t') {
            if (word == "next") return url;
            word.clear();
          } else {
            word.push_back(c);
          }
        }
      }
      pos = close;
    }
    return "";
  }

  void fail_shape(const std::string& url, const std::string& what) {
    facts.error = "GET " + url.substr(0, url.find('?')) + ": unexpected response: " + what;
  }
};

// The pull request number from GITHUB_REF ("refs/pull/7/merge") or the event payload.
std::optional<std::int64_t> github_pr_from_env(std::string* from) {
  static const std::regex k_ref(R"(^refs/pull/([0-9]{1,9})/(merge|head)$)");
  std::smatch m;
  const std::string ref = env("GITHUB_REF");
  if (std::regex_match(ref, m, k_ref)) {
    *from = "GITHUB_REF";
    return std::stoll(m[1]);
  }
  const std::string event_path = env("GITHUB_EVENT_PATH");
  // read_file refuses a FIFO or a directory at once instead of blocking on it.
  std::string text, err;
  if (event_path.empty() || !read_file(event_path, &text, &err)) return std::nullopt;
  try {
    const nlohmann::json event = nlohmann::json::parse(text);
    const auto pr = event.find("pull_request");
    if (pr != event.end() && pr->is_object() && pr->contains("number") &&
        (*pr)["number"].is_number_integer()) {
      *from = "GITHUB_EVENT_PATH";
      return (*pr)["number"].get<std::int64_t>();
    }
  } catch (const nlohmann::json::exception&) {
  }
  return std::nullopt;
}

}  // namespace

ReviewFacts github_facts(const CheckContext& ctx, const ReviewOptions& o, const std::string& token,
                         HttpClient& http) {
  ReviewFacts f;
  if (!ctx.change.author.empty()) f.authors.push_back(parse_identity(ctx.change.author));
  const std::string repository = o.repository.empty() ? env("GITHUB_REPOSITORY") : o.repository;
  std::string pr_from = "config";
  std::optional<std::int64_t> pr = o.pull_request;
  if (!pr) pr = github_pr_from_env(&pr_from);
  if (repository.find('/') == std::string::npos) {
    f.error = "cannot tell which repository: set \"repository\" or GITHUB_REPOSITORY";
    return f;
  }
  if (!pr) {
    f.error =
        "cannot tell which pull request: set \"pull_request\" or run on a pull_request "
        "event (GITHUB_REF refs/pull/N/merge)";
    return f;
  }
  const std::string api =
      strip_slash(!o.api_url.empty() ? o.api_url
                                     : (!env("GITHUB_API_URL").empty() ? env("GITHUB_API_URL")
                                                                       : "https://api.github.com"));
  f.details["pull_request"] = *pr;
  f.details["pull_request_from"] = pr_from;
  f.details["repository"] = repository;
  f.details["api_url"] = api;

  Api a{http,
        {{"Accept", "application/vnd.github+json"}, {"X-GitHub-Api-Version", "2022-11-28"}},
        f,
        o.token_env};
  if (!token.empty()) a.headers.push_back({"Authorization", "Bearer " + token});
  const std::string base = api + "/repos/" + repository + "/pulls/" + std::to_string(*pr);

  // The PR's own head: in CI the checkout is often a merge commit, so the
  // local HEAD is not what reviewers saw.
  const auto pull = a.get(base);
  if (!pull) return f;
  if (!pull->is_object() || !pull->contains("head") || !(*pull)["head"].is_object() ||
      json_string((*pull)["head"], "sha").empty()) {
    a.fail_shape(base, "no head.sha in the pull request");
    return f;
  }
  f.head = json_string((*pull)["head"], "sha");
  if (pull->contains("user") && (*pull)["user"].is_object())
    f.authors.push_back(account_identity(json_string((*pull)["user"], "login")));
  f.details["head"] = f.head;

  std::map<std::string, nlohmann::json> latest;  // login -> latest counting review
  std::vector<std::string> order;
  std::set<std::string> visited;
  std::string url = base + "/reviews?per_page=100";
  int pages = 0;
  std::int64_t reviews = 0;
  while (!url.empty()) {
    if (++pages > k_max_pages || !visited.insert(url).second) {
      a.fail_shape(base + "/reviews",
                   "pagination does not end (page " + std::to_string(pages) + ")");
      return f;
    }
    const auto page = a.get(url);
    if (!page) return f;
    if (!page->is_array()) {
      a.fail_shape(url, "reviews are not a JSON array");
      return f;
    }
    const std::string next = a.next_url;
    // The token goes with every page: only to the configured API's origin.
    if (!next.empty() && url_origin(next) != url_origin(api)) {
      const std::string foreign = url_origin(next);
      f.error = "GET " + base + "/reviews: the next page is on another origin (" +
                (foreign.empty() ? std::string("not an http(s) URL") : foreign) + ", api_url is " +
                url_origin(api) + "); not followed, so the token is not sent there";
      return f;
    }
    for (const auto& r : *page) {
      ++reviews;
      if (!r.is_object() || !r.contains("user") || !r["user"].is_object()) continue;  // ghost
      const std::string login = json_string(r["user"], "login");
      const std::string state = json_string(r, "state");
      // COMMENTED and PENDING say nothing about the verdict.
      if (login.empty() ||
          (state != "APPROVED" && state != "CHANGES_REQUESTED" && state != "DISMISSED"))
        continue;
      if (!latest.count(login)) order.push_back(login);
      latest[login] = r;
    }
    url = next;
  }
  f.details["review_pages"] = pages;
  f.details["reviews"] = reviews;
  nlohmann::json states = nlohmann::json::object();
  for (const auto& login : order) {
    const nlohmann::json& r = latest[login];
    const std::string state = json_string(r, "state");
    states[login] = state;
    if (state == "DISMISSED") continue;
    ReviewVote v;
    v.who = account_identity(login);
    v.vote = state == "APPROVED" ? Vote::approved : Vote::changes_requested;
    v.commit = json_string(r, "commit_id");
    v.where = "GitHub review " + (r.contains("id") ? r["id"].dump() : std::string("?"));
    f.votes.push_back(v);
  }
  f.details["latest_state"] = states;
  return f;
}

ReviewFacts gitlab_facts(const CheckContext& ctx, const ReviewOptions& o, const std::string& token,
                         HttpClient& http) {
  ReviewFacts f;
  f.votes_carry_commits = false;
  if (!ctx.change.author.empty()) f.authors.push_back(parse_identity(ctx.change.author));
  const std::string project = o.project.empty() ? env("CI_PROJECT_ID") : o.project;
  std::optional<std::int64_t> mr = o.merge_request;
  const std::string iid_env = env("CI_MERGE_REQUEST_IID");
  if (!mr && !iid_env.empty() && iid_env.find_first_not_of("0123456789") == std::string::npos)
    mr = std::stoll(iid_env);
  if (project.empty()) {
    f.error = "cannot tell which project: set \"project\" or CI_PROJECT_ID";
    return f;
  }
  if (!mr) {
    f.error =
        "cannot tell which merge request: set \"merge_request\" or run in a merge request "
        "pipeline (CI_MERGE_REQUEST_IID)";
    return f;
  }
  const std::string api = strip_slash(
      !o.api_url.empty()
          ? o.api_url
          : (!env("CI_API_V4_URL").empty() ? env("CI_API_V4_URL") : "https://gitlab.com/api/v4"));
  f.details["project"] = project;
  f.details["merge_request"] = *mr;
  f.details["api_url"] = api;

  Api a{http, {}, f, o.token_env};
  if (!token.empty())
    a.headers.push_back({o.token_env == "CI_JOB_TOKEN" ? "JOB-TOKEN" : "PRIVATE-TOKEN", token});
  const std::string base =
      api + "/projects/" + url_encode(project) + "/merge_requests/" + std::to_string(*mr);

  const auto mr_json = a.get(base);
  if (!mr_json) return f;
  if (!mr_json->is_object()) {
    a.fail_shape(base, "the merge request is not a JSON object");
    return f;
  }
  f.head = json_string(*mr_json, "sha");
  f.details["head"] = f.head;
  if (mr_json->contains("author") && (*mr_json)["author"].is_object())
    f.authors.push_back(account_identity(json_string((*mr_json)["author"], "username"),
                                         json_string((*mr_json)["author"], "name")));

  const auto approvals = a.get(base + "/approvals");
  if (!approvals) return f;
  if (!approvals->is_object() || !approvals->contains("approved_by") ||
      !(*approvals)["approved_by"].is_array()) {
    a.fail_shape(base + "/approvals", "no approved_by array");
    return f;
  }
  for (const auto& entry : (*approvals)["approved_by"]) {
    if (!entry.is_object() || !entry.contains("user") || !entry["user"].is_object()) continue;
    ReviewVote v;
    v.who = account_identity(json_string(entry["user"], "username"),
                             json_string(entry["user"], "name"));
    v.where = "GitLab approval";
    f.votes.push_back(v);
  }
  if (approvals->contains("approvals_required") &&
      (*approvals)["approvals_required"].is_number_integer())
    f.details["approvals_required"] = (*approvals)["approvals_required"];

  // Rules and reviewer states are Premium / newer features: a 404 means none.
  const auto rules = a.get(base + "/approval_rules", true);
  if (!f.error.empty()) return f;
  if (rules && rules->is_array()) {
    for (const auto& r : *rules) {
      if (!r.is_object()) continue;
      ServerRule rule;
      rule.name = json_string(r, "name");
      if (r.contains("approvals_required") && r["approvals_required"].is_number_integer())
        rule.required = r["approvals_required"].get<std::int64_t>();
      if (r.contains("eligible_approvers") && r["eligible_approvers"].is_array())
        for (const auto& u : r["eligible_approvers"])
          if (u.is_object())
            rule.eligible.push_back(
                account_identity(json_string(u, "username"), json_string(u, "name")));
      if (rule.required > 0) f.rules.push_back(rule);
    }
  } else if (rules) {
    a.fail_shape(base + "/approval_rules", "not a JSON array");
    return f;
  }
  f.details["approval_rules"] = rules ? "read" : "not available (404)";

  const auto reviewers = a.get(base + "/reviewers", true);
  if (!f.error.empty()) return f;
  if (reviewers && reviewers->is_array()) {
    for (const auto& r : *reviewers) {
      if (!r.is_object() || json_string(r, "state") != "requested_changes" || !r.contains("user") ||
          !r["user"].is_object())
        continue;
      ReviewVote v;
      v.who = account_identity(json_string(r["user"], "username"), json_string(r["user"], "name"));
      v.vote = Vote::changes_requested;
      v.where = "GitLab reviewer state";
      f.votes.push_back(v);
    }
  }
  return f;
}

}  // namespace changegate
