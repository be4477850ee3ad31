// Path globs as gate files use them: "etl/orders/**", "sql/orders/*.sql",
// "reports/**/TEST-*.xml". `*` and `?` stay within one path segment, `**`
// spans any number of segments (zero included), `[abc]`/`[a-z]`/`[!x]` are
// character classes. Paths are "/"-separated and relative.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace changegate {

// nullopt when the pattern is valid; otherwise what is wrong with it
// ("unclosed '[' at offset 4"), for the config loader's file:line message.
std::optional<std::string> glob_problem(const std::string& pattern);

// Whether `path` matches the whole `pattern`. The pattern must be valid.
bool glob_match(const std::string& pattern, const std::string& path);

// The regular files under `root` whose relative path matches `pattern`,
// sorted. An absolute pattern is matched against absolute paths under its
// literal leading directories. Returns relative paths for relative patterns.
// Hidden directories (".git") are searched only when the pattern names them.
std::vector<std::string> glob_files(const std::string& root, const std::string& pattern);

}  // namespace changegate
