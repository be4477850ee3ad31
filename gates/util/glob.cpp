#include "gates/util/glob.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace changegate {

namespace fs = std::filesystem;

std::optional<std::string> glob_problem(const std::string& pattern) {
  if (pattern.empty()) return "empty pattern";
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '[') {
      std::size_t j = i + 1;
      if (j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^')) ++j;
      if (j < pattern.size() && pattern[j] == ']') ++j;
      while (j < pattern.size() && pattern[j] != ']') ++j;
      if (j >= pattern.size()) return "unclosed '[' at offset " + std::to_string(i);
      i = j;
    } else if (pattern[i] == '*' && i + 2 < pattern.size() && pattern[i + 1] == '*' &&
               pattern[i + 2] == '*') {
      return "'***' at offset " + std::to_string(i) + " (use '**' for any depth)";
    }
  }
  return std::nullopt;
}

namespace {

// Matches one character class starting at pattern[p] == '['; sets *end past ']'.
bool class_match(const std::string& pattern, std::size_t p, char c, std::size_t* end) {
  std::size_t i = p + 1;
  bool negate = false;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
    negate = true;
    ++i;
  }
  bool matched = false;
  bool first = true;
  while (i < pattern.size() && (pattern[i] != ']' || first)) {
    first = false;
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      if (c >= pattern[i] && c <= pattern[i + 2]) matched = true;
      i += 3;
    } else {
      if (c == pattern[i]) matched = true;
      ++i;
    }
  }
  *end = i + 1;
  return matched != negate && c != '/';
}

bool match_from(const std::string& pat, std::size_t p, const std::string& s, std::size_t i) {
  while (p < pat.size()) {
    const char pc = pat[p];
    if (pc == '*') {
      if (p + 1 < pat.size() && pat[p + 1] == '*') {
        // "**": any run of characters including "/". "a/**/b" also matches "a/b".
        std::size_t next = p + 2;
        const bool slash_after = next < pat.size() && pat[next] == '/';
        if (slash_after && match_from(pat, next + 1, s, i)) return true;
        for (std::size_t k = i; k <= s.size(); ++k)
          if (match_from(pat, next, s, k)) return true;
        return false;
      }
      for (std::size_t k = i; k <= s.size(); ++k) {
        if (match_from(pat, p + 1, s, k)) return true;
        if (k < s.size() && s[k] == '/') break;
      }
      return false;
    }
    if (i >= s.size()) return false;
    if (pc == '?') {
      if (s[i] == '/') return false;
      ++p;
      ++i;
    } else if (pc == '[') {
      std::size_t end;
      if (!class_match(pat, p, s[i], &end)) return false;
      p = end;
      ++i;
    } else {
      if (pc != s[i]) return false;
      ++p;
      ++i;
    }
  }
  return i == s.size();
}

bool has_magic(const std::string& segment) {
  return segment.find_first_of("*?[") != std::string::npos;
}

}  // namespace

bool glob_match(const std::string& pattern, const std::string& path) {
  return match_from(pattern, 0, path, 0);
}

std::vector<std::string> glob_files(const std::string& root, const std::string& pattern) {
  std::vector<std::string> out;
  const bool absolute = !pattern.empty() && pattern[0] == '/';
  // Walk only below the pattern's literal prefix ("reports/junit/**" walks reports/junit).
  std::string literal;
  std::size_t pos = 0;
  while (true) {
    const std::size_t slash = pattern.find('/', pos);
    if (slash == std::string::npos) break;
    const std::string segment = pattern.substr(pos, slash - pos);
    if (has_magic(segment)) break;
    literal = pattern.substr(0, slash);
    pos = slash + 1;
  }
  const fs::path base =
      absolute ? fs::path(literal.empty() ? "/" : literal) : fs::path(root) / literal;
  std::error_code ec;
  if (!has_magic(pattern)) {
    const fs::path p = absolute ? fs::path(pattern) : fs::path(root) / pattern;
    if (fs::is_regular_file(p, ec)) out.push_back(pattern);
    return out;
  }
  if (!fs::is_directory(base, ec)) return out;
  const bool wants_hidden = pattern.find("/.") != std::string::npos || pattern.rfind(".", 0) == 0;
  fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (!wants_hidden && !name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    std::string candidate;
    if (absolute) {
      candidate = p.string();
    } else {
      candidate = p.lexically_relative(root).generic_string();
    }
    if (glob_match(pattern, candidate)) out.push_back(candidate);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace changegate
