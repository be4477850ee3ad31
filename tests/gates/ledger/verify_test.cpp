// The chain check on entries in memory; the same tampering through real
// SQLite and PostgreSQL stores is in ledger_store_test.cpp.
#include "gates/ledger/verify.h"

#include <catch2/catch.hpp>

using namespace changegate;

namespace {

std::vector<LedgerEntry> chain(int n) {
  std::vector<LedgerEntry> entries;
  std::string prev = k_zero_hash;
  for (int i = 1; i <= n; ++i) {
    EntryDraft d;
    d.project = "p";
    d.evaluation_id = "id" + std::to_string(i);
    d.verdict = i % 2 ? "pass" : "blocked";
    d.evaluated_at = "2026-11-23T10:00:00Z";
    d.evaluation = {{"n", i}};
    entries.push_back(seal_entry(d, i, prev));
    prev = entries.back().hash;
  }
  return entries;
}

}  // namespace

TEST_CASE("ledger verify: an untouched chain verifies and reports its head") {
  const auto entries = chain(4);
  const ChainCheck c = verify_chain(entries);
  CHECK(c.ok);
  CHECK(c.entries == 4);
  CHECK(c.head_hash == entries.back().hash);
}

TEST_CASE("ledger verify: an edited verdict column is named by entry and column") {
  auto entries = chain(4);
  entries[2].verdict = "blocked";
  const ChainCheck c = verify_chain(entries);
  CHECK_FALSE(c.ok);
  CHECK(c.first_bad == 3);
  CHECK(c.problem == "column verdict is \"blocked\" but the hashed text says \"pass\"");
}

TEST_CASE("ledger verify: an edited evaluation breaks that entry's hash") {
  auto entries = chain(4);
  const auto at = entries[1].canonical.find("\"n\":2");
  entries[1].canonical.replace(at, 5, "\"n\":9");
  const ChainCheck c = verify_chain(entries);
  CHECK(c.first_bad == 2);
  CHECK(c.problem.rfind("hash ", 0) == 0);
}

TEST_CASE("ledger verify: a deleted entry is named as missing") {
  auto entries = chain(5);
  entries.erase(entries.begin() + 2);
  const ChainCheck c = verify_chain(entries);
  CHECK(c.first_bad == 3);
  CHECK(c.problem == "entry 3 is missing (the next stored entry is 4)");
}

TEST_CASE("ledger verify: two swapped entries are caught at the first of them") {
  auto entries = chain(5);
  std::swap(entries[1].canonical, entries[3].canonical);
  std::swap(entries[1].hash, entries[3].hash);
  const ChainCheck c = verify_chain(entries);
  CHECK(c.first_bad == 2);
}

TEST_CASE("ledger verify: a rewritten prev_hash or hash is caught") {
  auto entries = chain(3);
  entries[0].hash = std::string(64, 'a');
  ChainCheck c = verify_chain(entries);
  CHECK(c.first_bad == 1);
  entries = chain(3);
  entries[2].prev_hash = std::string(64, 'b');
  c = verify_chain(entries);
  CHECK(c.first_bad == 3);
  CHECK(c.problem.find("prev_hash") != std::string::npos);
}
