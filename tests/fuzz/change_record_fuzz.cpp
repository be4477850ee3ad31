// Any bytes given as a change record, in either syntax, either load or raise
// changegate::Error; nothing else may escape, crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "gates/change_record.h"
#include "gates/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the syntax so one corpus exercises both readers.
  const bool json = data[0] & 1;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    changegate::parse_change_record(text, json ? "fuzz.json" : "fuzz.toml", json);
  } catch (const changegate::Error&) {
  }
  return 0;
}
