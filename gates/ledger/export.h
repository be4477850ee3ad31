// Ledger exports: what `ledger export` writes and `ledger verify --from` and
// `ledger import` read, offline, without the database.
#pragma once

#include <string>
#include <vector>

#include "gates/ledger/entry.h"

namespace changegate {

constexpr const char* k_export_format = "changegate.ledger-export/1";

// One JSON object per line per entry: every column, `canonical` being the
// exact hashed text as a JSON string.
std::string export_jsonl(const std::vector<LedgerEntry>& entries);
// One document {"format": k_export_format, "entries": [ ...the same objects... ]}.
std::string export_json(const std::vector<LedgerEntry>& entries);

// Reads either form (a document with "entries", else JSON lines). Returns
// false with `*err` naming the line (JSON lines) or entry index for anything
// malformed: not JSON, a missing or mistyped field.
bool read_export(const std::string& text, std::vector<LedgerEntry>* out, std::string* err);

}  // namespace changegate
