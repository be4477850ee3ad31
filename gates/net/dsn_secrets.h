// PostgreSQL connection strings are secrets (they may hold a password): the
// one place that hides them in what changegate prints.
#pragma once

#include <string>
#include <vector>

namespace changegate {

// The secrets a libpq connection string carries: the string itself, its
// password as written and as decoded, and $PGPASSWORD; never empty strings.
std::vector<std::string> dsn_secrets(const std::string& dsn);

// `message` with every one of dsn_secrets(dsn) replaced by "***", trailing
// newlines and spaces removed (libpq ends its messages with "\n").
std::string scrub_dsn(std::string message, const std::string& dsn);

// The connection string as it may be shown: its password replaced by "***".
std::string redact_dsn(const std::string& dsn);

}  // namespace changegate
