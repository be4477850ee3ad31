// The steps every gate takes with its evidence files, in one place: expand
// the globs (each file once, "matches no file" when one finds nothing), refuse
// anything that is not a regular file (a FIFO would hang the run), read and
// digest, and word every problem with the path as the gate file names it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gates/evaluation.h"
#include "gates/table_reader.h"

namespace changegate {

struct EvidencePath {
  std::string shown;  // as recorded and reported: relative to the repo root when given so
  std::string full;   // what to open
};

struct FoundEvidence {
  std::vector<EvidencePath> files;    // in glob order, then path order; each once
  std::vector<std::string> problems;  // why some evidence could not be judged
};

// Expands `globs` (the values of the gate key `key`) under `root`. A glob
// that matches no file and a match that is not a regular file are problems;
// such a match is not returned.
FoundEvidence find_evidence(const std::string& root, const std::string& key,
                            const std::vector<std::string>& globs);

// One configured path (not a glob) under `root`. nullopt with `*problem`
// ("runbooks/x.md: is a FIFO, not a regular file") when it is missing or not
// a regular file.
std::optional<EvidencePath> evidence_path(const std::string& root, const std::string& path,
                                          std::string* problem);

// Reads a whole evidence file and fills `*evidence` (shown path, SHA-256 and
// size of exactly these bytes). Returns false with `*err` naming the shown path.
bool read_evidence(const EvidencePath& file, std::string* bytes, Evidence* evidence,
                   std::string* err);

// A reader's message that names `file.full`, reworded to name `file.shown`.
std::string shown_message(std::string message, const EvidencePath& file);

// The gate key `key`: a required list of evidence globs, each checked. Throws
// the config error at the gate when it is absent or empty (`missing required
// key "reports" (JUnit XML globs)` for `what` "JUnit XML globs"), at the
// glob when one is malformed.
std::vector<std::string> evidence_globs(const TableReader& gate, const std::string& key,
                                        const std::string& what);

}  // namespace changegate
