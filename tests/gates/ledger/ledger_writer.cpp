// Test driver: appends COUNT small evaluations to a ledger as one process, so
// tests can run many writers at once and kill one mid-write.
//   ledger_writer URL PROJECT COUNT
#include <cstdlib>
#include <iostream>

#include "gates/error.h"
#include "gates/ledger/ledger.h"
#include "gates/util/random_id.h"

int main(int argc, char** argv) {
  using namespace changegate;
  if (argc != 4) {
    std::cerr << "usage: ledger_writer URL PROJECT COUNT\n";
    return 2;
  }
  try {
    LedgerUrl url;
    std::string err;
    if (!parse_ledger_url(argv[1], ".", &url, &err)) throw Error(err);
    auto ledger = open_ledger(url);
    const long count = std::atol(argv[3]);
    for (long i = 0; i < count; ++i) {
      EntryDraft d;
      d.project = argv[2];
      d.evaluation_id = random_hex_128();
      d.change_id = "CHG-" + std::to_string(i);
      d.head = std::string(40, 'a');
      d.verdict = i % 3 ? "pass" : "blocked";
      d.evaluated_at = "2026-11-23T10:00:00Z";
      // Big enough that a kill often lands inside a write.
      d.evaluation = {{"evaluation_id", d.evaluation_id},
                      {"pad", std::string(8192, static_cast<char>('a' + i % 26))}};
      bool appended = false;
      ledger->append(d, &appended);
    }
  } catch (const Error& e) {
    std::cerr << "ledger_writer: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
