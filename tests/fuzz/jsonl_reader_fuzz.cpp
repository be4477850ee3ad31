// libFuzzer target for the JSON-lines reader: any bytes must be split into
// lines and parsed (or reported as not JSON) without a crash, a sanitizer
// report or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/logs/jsonl_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::int64_t lines = 0;
  changegate::jsonl::FileSummary summary;
  changegate::jsonl::read_bytes(
      std::string(reinterpret_cast<const char*>(data), size),
      [&](std::int64_t, const nlohmann::json* value, const std::string&) {
        ++lines;
        if (value && value->is_object()) (void)value->contains("event");
      },
      &summary);
  if (summary.lines != lines) __builtin_trap();  // every non-blank line reaches the callback
  return 0;
}
