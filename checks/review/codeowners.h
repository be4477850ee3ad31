// CODEOWNERS as GitHub documents it: `pattern owner...` lines, gitignore-style
// patterns, the last matching line wins, a line with no owners makes the
// matched files unowned. Lines GitHub would skip (negation, character
// ranges, bad owners) are skipped here too and reported.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace changegate {

struct CodeownersRule {
  std::string pattern;              // as written
  std::vector<std::string> owners;  // "@user", "@org/team" or an e-mail; may be empty
  int line = 0;
};

struct Codeowners {
  std::string path;  // relative to the repo root (".github/CODEOWNERS", ...)
  std::vector<CodeownersRule> rules;
  std::vector<std::string> problems;  // "CODEOWNERS:4: ... (line skipped)"
};

// Parses CODEOWNERS text; `path` only labels problems. Never throws.
Codeowners parse_codeowners(const std::string& text, const std::string& path);

// Whether a CODEOWNERS pattern matches a "/"-separated repo-relative file path.
bool codeowners_match(const std::string& pattern, const std::string& file);

// The last rule matching `file`, or nullptr when none does.
const CodeownersRule* find_owner_rule(const Codeowners& codeowners, const std::string& file);

// Where GitHub looks, in order: .github/, the root, docs/. Returns the first
// existing entry's repo-relative path, or nullopt. A directory or FIFO there
// is returned too, so that the evidence pipeline refuses it rather than the
// search quietly skipping to the next place.
std::optional<std::string> locate_codeowners(const std::string& repo_root);

}  // namespace changegate
