// The embedded ledger store: one SQLite file in WAL mode with a busy timeout;
// every append is one BEGIN IMMEDIATE transaction, which serialises writers.
#pragma once

#include <memory>

#include "gates/ledger/ledger.h"

namespace changegate {

// Opens (creating it and its folder when `options.create`) the SQLite ledger
// at url.target. Throws changegate::Error naming url.display on failure.
std::unique_ptr<Ledger> open_sqlite_ledger(const LedgerUrl& url, const LedgerOpenOptions& options);

}  // namespace changegate
