// The ledger's schema as numbered migrations, the same logical schema for
// SQLite and PostgreSQL (docs/ledger.md). A store applies every migration
// above its schema_version on open, each in its own transaction.
#pragma once

#include <string>
#include <vector>

namespace changegate {

struct LedgerMigration {
  int version;
  std::vector<std::string> statements;  // portable SQL: both engines run them as written
};

// Creates the version table; safe to run on every open.
extern const char* const k_schema_version_ddl;

// Every migration in ascending order; the last one's version is
// k_ledger_schema_version.
const std::vector<LedgerMigration>& ledger_migrations();

// "ledger X: its schema is version N, newer than this changegate (knows up to M): ..."
std::string newer_schema_message(const std::string& display, int found);

}  // namespace changegate
