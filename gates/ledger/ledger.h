// The decision ledger (SPEC §7): one hash chain of entries per project, in
// SQLite (embedded) or PostgreSQL (shared). Abstract so the chain, verify,
// export/import and sync are written once; the stores are SqliteLedger
// (gates/ledger/sqlite_ledger.cpp) and PostgresLedger (postgres_ledger.cpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gates/ledger/entry.h"

namespace changegate {

// The schema version this binary writes; a database at a higher version is
// refused (gates/ledger/migrations.h).
constexpr int k_ledger_schema_version = 1;

struct LedgerUrl {
  enum class Kind { sqlite, postgresql };
  Kind kind = Kind::sqlite;
  std::string target;   // sqlite: absolute file path; postgresql: the libpq DSN
  std::string display;  // what messages show: "sqlite:.changegate/ledger.db", password hidden
};

// Parses "sqlite:PATH" (PATH relative to `repo_root` unless absolute) or
// "postgresql://..." / "postgres://...". Returns false with `*err` quoting the
// URL (its password hidden) when it is neither.
bool parse_ledger_url(const std::string& url, const std::string& repo_root, LedgerUrl* out,
                      std::string* err);

struct LedgerOpenOptions {
  bool create = true;        // writers create a missing SQLite file; readers refuse it
  int timeout_seconds = 10;  // libpq connect_timeout; SQLite busy timeout
};

class Ledger {
 public:
  virtual ~Ledger() = default;

  // Appends `draft` as the next entry of draft.project's chain in one
  // transaction, serialised against concurrent writers. When an entry with
  // the same evaluation_id exists already, returns it and sets `*appended`
  // to false (a retried append is idempotent). Throws changegate::Error when
  // the store cannot be written.
  virtual LedgerEntry append(const EntryDraft& draft, bool* appended) = 0;

  // Every stored entry of `project` in sequence order, as stored (verify
  // judges them). Throws changegate::Error when the store cannot be read.
  virtual std::vector<LedgerEntry> entries(const std::string& project) = 0;

  // The projects with at least one entry, sorted.
  virtual std::vector<std::string> projects() = 0;

  // Stores already sealed entries verbatim, in one transaction (ledger
  // import). Throws changegate::Error when one conflicts with a stored entry.
  virtual void insert_sealed(const std::vector<LedgerEntry>& entries) = 0;

  // The ledger as messages name it (password hidden).
  virtual const std::string& display() const = 0;
};

// Opens the store, applying pending migrations. Throws changegate::Error
// (exit 2) naming the ledger when it cannot be opened, does not exist and
// `create` is false, or was written by a newer changegate.
std::unique_ptr<Ledger> open_ledger(const LedgerUrl& url, const LedgerOpenOptions& options = {});

}  // namespace changegate
