// Any bytes given as a gate file either load or raise changegate::Error;
// nothing else may escape, crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/registry.h"
#include "gates/config.h"
#include "gates/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    changegate::parse_config(text, "fuzz.toml", changegate::checks::registry());
  } catch (const changegate::Error&) {
  }
  return 0;
}
