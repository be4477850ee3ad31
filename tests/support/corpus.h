// Where the shared evidence corpus lives for the regression tests. The
// product never reads it; the tests say so loudly when it is absent.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

namespace changegate::testing {

// $CHANGEGATE_CORPUS, else ../shared/corpus beside the source tree. Prints a
// loud notice and returns nullopt when neither exists.
inline std::optional<std::filesystem::path> corpus_dir() {
  std::filesystem::path dir;
  if (const char* env = std::getenv("CHANGEGATE_CORPUS"))
    dir = env;
  else
    dir = std::filesystem::path(CHANGEGATE_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!std::filesystem::is_directory(dir)) {
    std::cerr << "\n*** CORPUS NOT FOUND at " << dir.string()
              << ": the corpus regression tests did NOT run. Set CHANGEGATE_CORPUS. ***\n\n";
    return std::nullopt;
  }
  return std::filesystem::canonical(dir);
}

}  // namespace changegate::testing
