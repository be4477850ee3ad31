// Any bytes as a CODEOWNERS file parse without crashing, and every rule can
// be matched against a few paths (deep, dotted, empty segments) without hanging.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/codeowners.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const changegate::Codeowners co = changegate::parse_codeowners(text, "CODEOWNERS");
  for (const char* path : {"a", "docs/a.md", "a/b/c/d/e/f/g/h/logs/x.log", ".github/CODEOWNERS",
                           "a//b", "apps/github/x"})
    changegate::find_owner_rule(co, path);
  return 0;
}
