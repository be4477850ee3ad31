#include "gates/git/trailers.h"

#include <cctype>
#include <sstream>

#include "gates/util/strings.h"

namespace changegate {

namespace {

bool blank(const std::string& line) {
  return trim(line).empty();
}

// "Key: value" with git's token rules: letters, digits and '-', optional
// spaces before the ':' separator.
bool split_trailer(const std::string& line, Trailer* out) {
  std::size_t i = 0;
  while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '-'))
    ++i;
  if (i == 0) return false;
  std::size_t j = i;
  while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
  if (j >= line.size() || line[j] != ':') return false;
  out->key = line.substr(0, i);
  out->value = trim(line.substr(j + 1));
  return true;
}

}  // namespace

std::vector<Trailer> parse_trailers(const std::string& message) {
  std::vector<std::string> lines;
  std::istringstream in(message);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // A patch after "---" (format-patch mails) is not part of the message.
    if (line.rfind("---", 0) == 0 && (line.size() == 3 || line[3] == ' ')) break;
    if (!line.empty() && line[0] == '#') continue;  // comment lines, as git ignores them
    lines.push_back(line);
  }
  while (!lines.empty() && blank(lines.back())) lines.pop_back();
  std::size_t start = lines.size();
  while (start > 0 && !blank(lines[start - 1])) --start;
  // The subject paragraph is never a trailer block.
  std::size_t first_paragraph_end = 0;
  while (first_paragraph_end < lines.size() && blank(lines[first_paragraph_end]))
    ++first_paragraph_end;
  while (first_paragraph_end < lines.size() && !blank(lines[first_paragraph_end]))
    ++first_paragraph_end;
  if (start < first_paragraph_end || start == lines.size()) return {};

  std::vector<Trailer> trailers;
  std::size_t non_trailers = 0;
  bool git_generated = false;
  for (std::size_t i = start; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const bool continuation = line[0] == ' ' || line[0] == '\t';
    Trailer t;
    if (continuation && !trailers.empty()) {
      trailers.back().value += " " + trim(line);
    } else if (!continuation && split_trailer(line, &t)) {
      if (lower(t.key) == "signed-off-by") git_generated = true;
      trailers.push_back(t);
    } else {
      ++non_trailers;
    }
  }
  // git: all lines trailers, or at least 25% with one git-generated trailer.
  const std::size_t total = trailers.size() + non_trailers;
  if (trailers.empty()) return {};
  if (non_trailers > 0 && !(git_generated && trailers.size() * 4 >= total)) return {};
  return trailers;
}

bool is_review_trailer(const std::string& key) {
  const std::string k = lower(key);
  return k == "reviewed-by" || k == "approved-by" || k == "acked-by";
}

}  // namespace changegate
