// The shared ledger store: PostgreSQL through libpq. Writers of one project
// serialise on UNIQUE(project, seq) and retry on conflict (docs/ledger.md);
// no advisory locks, so PostgreSQL-compatible engines work too. The DSN and
// its password never appear in a message.
#pragma once

#include <memory>

#include "gates/ledger/ledger.h"

namespace changegate {

// Connects (connect_timeout = options.timeout_seconds unless the DSN sets
// one) and migrates. Throws changegate::Error naming url.display with
// libpq's scrubbed message when the server cannot be reached.
std::unique_ptr<Ledger> open_postgres_ledger(const LedgerUrl& url,
                                             const LedgerOpenOptions& options);

}  // namespace changegate
