// Recomputing a project's hash chain from its stored (or exported) entries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gates/ledger/entry.h"

namespace changegate {

struct ChainCheck {
  bool ok = true;
  std::int64_t entries = 0;    // how many were read
  std::int64_t first_bad = 0;  // the 1-based ENTRY that does not match; 0 when ok
  std::string problem;         // why, one sentence
  std::string head_hash;       // the last entry's hash when ok
};

// Checks `entries` (one project, in stored order) entry by entry: sequence
// numbers 1, 2, 3 without gaps; the canonical text parses and is in RFC 8785
// form; every copied column (project, seq, evaluation_id, change_id, head,
// base, verdict, evaluated_at, ci_run_url, prev_hash) equals the hashed
// text; prev_hash is the previous entry's hash (64 zeros for entry 1); hash =
// SHA-256(prev_hash || canonical). Stops at the first entry that fails.
ChainCheck verify_chain(const std::vector<LedgerEntry>& entries);

}  // namespace changegate
