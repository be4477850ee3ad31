// libFuzzer target for the SARIF reader: any bytes must give a clean true or
// false, never a crash, a sanitizer report or unbounded memory. Half the
// inputs are read as a baseline first and then matched, so the fingerprint
// and fallback-identity paths are exercised too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/security/sarif_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace changegate::sarif;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  LogSummary summary;
  std::string err;
  if (size % 2 == 0) {
    read_log_bytes(bytes, "fuzz.sarif", {}, &summary, &err);
    return 0;
  }
  Baseline baseline;
  ReadOptions collect;
  collect.collect_into = &baseline;
  read_log_bytes(bytes, "base.sarif", collect, &summary, &err);
  ReadOptions match;
  match.match_against = &baseline;
  read_log_bytes(bytes, "fuzz.sarif", match, &summary, &err);
  return 0;
}
