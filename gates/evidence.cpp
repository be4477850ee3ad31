#include "gates/evidence.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "gates/util/file.h"
#include "gates/util/glob.h"
#include "gates/util/sha256.h"
#include "gates/util/strings.h"

namespace changegate {
namespace {

// glob_files lists regular files only, so a pattern that names one path (no
// wildcard) which is a FIFO or a directory is said to be that, not "matches
// no file": it is refused the way evidence_path refuses it.
std::string nothing_matched(const std::string& root, const std::string& key,
                            const std::string& pattern) {
  const std::string full = join_path(root, pattern);
  std::error_code ec;
  if (pattern.find_first_of("*?[") == std::string::npos && std::filesystem::exists(full, ec))
    if (auto why = not_regular_file(full)) return pattern + ": " + *why;
  return key + " glob " + quoted(pattern) + " matches no file";
}

}  // namespace

FoundEvidence find_evidence(const std::string& root, const std::string& key,
                            const std::vector<std::string>& globs) {
  FoundEvidence found;
  std::vector<std::string> seen;
  for (const auto& pattern : globs) {
    const auto matched = glob_files(root, pattern);
    if (matched.empty()) found.problems.push_back(nothing_matched(root, key, pattern));
    for (const auto& path : matched) {
      if (std::find(seen.begin(), seen.end(), path) != seen.end()) continue;
      seen.push_back(path);
      EvidencePath file{path, join_path(root, path)};
      if (auto why = not_regular_file(file.full)) {
        found.problems.push_back(path + ": " + *why);
        continue;
      }
      found.files.push_back(std::move(file));
    }
  }
  return found;
}

std::optional<EvidencePath> evidence_path(const std::string& root, const std::string& path,
                                          std::string* problem) {
  EvidencePath file{path, join_path(root, path)};
  if (auto why = not_regular_file(file.full)) {
    *problem = path + ": " + *why;
    return std::nullopt;
  }
  return file;
}

bool read_evidence(const EvidencePath& file, std::string* bytes, Evidence* evidence,
                   std::string* err) {
  if (!read_file(file.full, bytes, err)) {
    *err = shown_message(*err, file);
    return false;
  }
  *evidence = Evidence{file.shown, sha256_hex(*bytes), bytes->size()};
  return true;
}

std::string shown_message(std::string message, const EvidencePath& file) {
  if (file.full != file.shown && starts_with(message, file.full))
    message = file.shown + message.substr(file.full.size());
  return message;
}

std::vector<std::string> evidence_globs(const TableReader& gate, const std::string& key,
                                        const std::string& what) {
  std::vector<std::string> globs = gate.string_list(key);
  if (globs.empty())
    gate.fail(gate.node(), "missing required key " + quoted(key) + " (" + what + ")");
  const Node* list = gate.find(key);
  for (std::size_t i = 0; i < globs.size(); ++i) {
    const std::string& glob = globs[i];  // const: a plain string& would pick std::quoted by ADL
    if (auto problem = glob_problem(glob))
      gate.fail((*list->array)[i],
                "bad glob " + quoted(glob) + " in " + quoted(key) + ": " + *problem);
  }
  return globs;
}

}  // namespace changegate
