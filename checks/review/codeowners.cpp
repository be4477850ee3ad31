#include "checks/review/codeowners.h"

#include <filesystem>
#include <sstream>

namespace changegate {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) out.push_back(part);
  return out;
}

// `*` and `?` within one path segment. The classic two-pointer matcher:
// backtracks only to the last `*`, so a hostile pattern cannot blow up.
bool segment_match(const std::string& p, const std::string& s) {
  std::size_t pi = 0, si = 0, star = std::string::npos, mark = 0;
  while (si < s.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
      ++pi;
      ++si;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (star != std::string::npos) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// Pattern segments against path[0, send), "**" spanning zero or more
// segments; a table instead of recursion keeps "**/**/**/x" polynomial.
bool segments_match(const std::vector<std::string>& pat, const std::vector<std::string>& path,
                    std::size_t send) {
  // ok[i][j]: pat[i..] matches path[j..send)
  std::vector<std::vector<char>> ok(pat.size() + 1, std::vector<char>(send + 1, 0));
  ok[pat.size()][send] = 1;
  for (std::size_t i = pat.size(); i-- > 0;)
    for (std::size_t j = send + 1; j-- > 0;) {
      if (pat[i] == "**")
        ok[i][j] = ok[i + 1][j] || (j < send && ok[i][j + 1]);
      else
        ok[i][j] = j < send && ok[i + 1][j + 1] && segment_match(pat[i], path[j]);
    }
  return ok[0][0];
}

bool valid_owner(const std::string& owner) {
  if (owner.size() > 1 && owner[0] == '@') return owner.find('@', 1) == std::string::npos;
  const std::size_t at = owner.find('@');
  return at != std::string::npos && at > 0 && at + 1 < owner.size() &&
         owner.find('@', at + 1) == std::string::npos;
}

}  // namespace

bool codeowners_match(const std::string& raw, const std::string& file) {
  std::string pattern = raw;
  bool dir_only = false;
  if (pattern.size() > 1 && pattern.back() == '/') {
    dir_only = true;
    pattern.pop_back();
  }
  bool anchored = false;
  if (!pattern.empty() && pattern[0] == '/') {
    anchored = true;
    pattern.erase(0, 1);
  }
  if (pattern.empty()) return false;
  if (pattern.find('/') != std::string::npos) anchored = true;  // gitignore's rule
  const std::vector<std::string> path = split(file, '/');
  if (path.empty()) return false;
  const std::size_t n = path.size();
  if (!anchored) {
    // One segment: a file or directory with that name at any depth; a
    // matched directory owns everything below it.
    const std::size_t last = dir_only ? n - 1 : n;
    for (std::size_t i = 0; i < last; ++i)
      if (segment_match(pattern, path[i])) return true;
    return false;
  }
  const std::vector<std::string> pat = split(pattern, '/');
  // GitHub documents "docs/*" as owning docs' own files, not nested ones.
  const bool files_only = pat.back() == "*";
  for (std::size_t k = 1; k <= n; ++k) {
    if (k == n && dir_only) break;
    if (k < n && files_only) continue;
    if (segments_match(pat, path, k)) return true;
  }
  return false;
}

Codeowners parse_codeowners(const std::string& text, const std::string& path) {
  Codeowners out;
  out.path = path;
  std::istringstream in(text);
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // A '#' at the start, or after whitespace, starts a comment.
    for (std::size_t i = 0; i < line.size(); ++i)
      if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        line.resize(i);
        break;
      }
    std::istringstream words(line);
    CodeownersRule rule;
    rule.line = line_no;
    if (!(words >> rule.pattern)) continue;
    for (std::string w; words >> w;) rule.owners.push_back(w);
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    std::string problem;
    if (rule.pattern[0] == '!')
      problem = "negation pattern \"" + rule.pattern + "\" is not supported";
    else if (rule.pattern.find_first_of("[]") != std::string::npos)
      problem = "character range in \"" + rule.pattern + "\" is not supported";
    else if (rule.pattern.find('\\') != std::string::npos)
      problem = "escaped pattern \"" + rule.pattern + "\" is not supported";
    for (const auto& owner : rule.owners)
      if (problem.empty() && !valid_owner(owner))
        problem = "\"" + owner + "\" is not an @user, @org/team or e-mail owner";
    if (!problem.empty()) {
      out.problems.push_back(where + problem + " (line skipped, as GitHub does)");
      continue;
    }
    out.rules.push_back(std::move(rule));
  }
  return out;
}

const CodeownersRule* find_owner_rule(const Codeowners& codeowners, const std::string& file) {
  for (auto it = codeowners.rules.rbegin(); it != codeowners.rules.rend(); ++it)
    if (codeowners_match(it->pattern, file)) return &*it;
  return nullptr;
}

std::optional<std::string> locate_codeowners(const std::string& repo_root) {
  for (const char* candidate : {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}) {
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::path(repo_root) / candidate, ec))
      return std::string(candidate);
  }
  return std::nullopt;
}

}  // namespace changegate
