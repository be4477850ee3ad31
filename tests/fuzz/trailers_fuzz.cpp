// Any bytes as a commit message yield a (possibly empty) trailer list; the
// parser never crashes or hangs, and every trailer has a non-empty key.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "gates/git/trailers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string message(reinterpret_cast<const char*>(data), size);
  for (const auto& t : changegate::parse_trailers(message)) {
    if (t.key.empty()) std::abort();
    changegate::is_review_trailer(t.key);
  }
  return 0;
}
