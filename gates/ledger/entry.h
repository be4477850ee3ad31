// One ledger entry: what a `check` decided, sealed into its project's hash
// chain. The canonical text (RFC 8785) is what is hashed and stored, byte for
// byte; the other fields are copies of it for queries, which verify checks.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "gates/evaluation.h"

namespace changegate {

constexpr const char* k_entry_schema = "changegate.ledger-entry/1";
// The first entry's prev_hash.
constexpr const char* k_zero_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";
// Caps that keep one entry bounded whatever the evidence held (docs/ledger.md).
constexpr std::size_t k_entry_max_list = 100;
constexpr std::size_t k_entry_max_string = 4096;

// An evaluation ready to be chained: everything but its place in the chain.
// Spool files hold exactly this.
struct EntryDraft {
  std::string project;
  std::string evaluation_id;
  std::string change_id;
  std::string head;
  std::string base;
  std::string verdict;  // "pass" | "blocked"
  std::string evaluated_at;
  std::string ci_run_url;
  nlohmann::json evaluation;  // the evaluation JSON without its ledger block, capped
};

// A sealed entry as stored and exported.
struct LedgerEntry {
  std::int64_t seq = 0;  // 1-based, per project
  std::string project;
  std::string evaluation_id;
  std::string change_id;
  std::string head;
  std::string base;
  std::string verdict;
  std::string evaluated_at;
  std::string ci_run_url;
  std::string prev_hash;
  std::string hash;
  std::string canonical;  // the exact bytes hashed
};

// The draft for one evaluation: `evaluation_json` loses its "ledger" member,
// passes through its JSON text form (NaN becomes null, invalid UTF-8 U+FFFD,
// as every JSON output shows them) and gets lists in gate details capped at
// k_entry_max_list items and strings at k_entry_max_string bytes, each cut
// recorded in the gate's "ledger_truncated" list.
EntryDraft make_entry_draft(const nlohmann::json& evaluation_json, const std::string& project,
                            const std::string& ci_run_url);

// The CI run's URL from the environment: GitHub Actions'
// $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID, GitLab's
// $CI_JOB_URL; "" elsewhere.
std::string ci_run_url_from_env();

// The draft as the JSON object spool files and canonical entries use.
nlohmann::json draft_to_json(const EntryDraft& draft);
// Reads draft_to_json's output back; false with `*err` for a missing field.
bool draft_from_json(const nlohmann::json& j, EntryDraft* draft, std::string* err);

// Seals `draft` as entry `seq` after `prev_hash`: canonical = JCS of the whole
// entry (schema, every draft field, seq, prev_hash), hash =
// SHA-256(prev_hash hex text || canonical), lower-case hex. Throws
// changegate::Error when the draft cannot be canonicalised.
LedgerEntry seal_entry(const EntryDraft& draft, std::int64_t seq, const std::string& prev_hash);

// SHA-256 of prev_hash's hex text followed by the canonical bytes.
std::string chain_hash(const std::string& prev_hash, const std::string& canonical);

}  // namespace changegate
