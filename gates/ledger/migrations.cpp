#include "gates/ledger/migrations.h"

#include "gates/ledger/ledger.h"

namespace changegate {

const char* const k_schema_version_ddl =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";

const std::vector<LedgerMigration>& ledger_migrations() {
  // `canonical` is TEXT on both engines, never jsonb: it must keep the exact
  // bytes that were hashed. UNIQUE(project, seq) (the primary key) is what
  // serialises concurrent writers on PostgreSQL (docs/ledger.md).
  static const std::vector<LedgerMigration> migrations = {
      {1,
       {"CREATE TABLE ledger_entries ("
        "project TEXT NOT NULL, "
        "seq BIGINT NOT NULL CHECK (seq >= 1), "
        "evaluation_id TEXT NOT NULL UNIQUE, "
        "change_id TEXT NOT NULL, "
        "head TEXT NOT NULL, "
        "base TEXT NOT NULL, "
        "verdict TEXT NOT NULL, "
        "evaluated_at TEXT NOT NULL, "
        "ci_run_url TEXT NOT NULL, "
        "prev_hash TEXT NOT NULL, "
        "hash TEXT NOT NULL, "
        "canonical TEXT NOT NULL, "
        "PRIMARY KEY (project, seq))",
        "CREATE INDEX ledger_entries_change ON ledger_entries (project, change_id)"}},
  };
  return migrations;
}

std::string newer_schema_message(const std::string& display, int found) {
  return "ledger " + display + ": its schema is version " + std::to_string(found) +
         ", newer than this changegate understands (up to " +
         std::to_string(k_ledger_schema_version) +
         "): upgrade changegate; it will not read or write a newer ledger";
}

}  // namespace changegate
