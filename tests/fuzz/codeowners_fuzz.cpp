// Any bytes as a CODEOWNERS file parse without crashing, and every rule can
// be matched against fixed paths and a fuzzed one (the input's first line)
// without hanging: patterns and paths both come from people we do not control.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/review/codeowners.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  const std::string path = input.substr(0, nl);
  const std::string text = nl == std::string::npos ? input : input.substr(nl + 1);
  const changegate::Codeowners co = changegate::parse_codeowners(text, "CODEOWNERS");
  for (const std::string& p : {path, std::string("a"), std::string("docs/a.md"),
                               std::string("a/b/c/d/e/f/g/h/logs/x.log"), std::string("a//b")})
    changegate::find_owner_rule(co, p);
  return 0;
}
