// Where the shared evidence corpora live for the regression tests. The
// product never reads them. Tests that need one are tagged [corpus] (and
// [corpus-wild] for ../shared/corpus-wild); the test main
// (tests/support/test_main.cpp) skips them, loudly, when the corpus is absent,
// and the tests themselves REQUIRE it: a corpus test never passes by not running.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

namespace changegate::testing {

// $`env_name`, else ../shared/`name` beside the source tree; nullopt (after a
// loud notice) when neither is a directory.
inline std::optional<std::filesystem::path> shared_dir(const char* env_name, const char* name) {
  std::filesystem::path dir;
  if (const char* env = std::getenv(env_name))
    dir = env;
  else
    dir = std::filesystem::path(CHANGEGATE_SOURCE_DIR) / ".." / "shared" / name;
  if (!std::filesystem::is_directory(dir)) {
    std::cerr << "\n*** CORPUS NOT FOUND at " << dir.string()
              << ": the tests that need it did NOT run. Set " << env_name << ". ***\n\n";
    return std::nullopt;
  }
  return std::filesystem::canonical(dir);
}

// $CHANGEGATE_CORPUS, else ../shared/corpus (expected values per file).
inline std::optional<std::filesystem::path> corpus_dir() {
  return shared_dir("CHANGEGATE_CORPUS", "corpus");
}

// $CHANGEGATE_CORPUS_WILD, else ../shared/corpus-wild (files found in public
// repositories, no expected values: the tests pin each file's status).
inline std::optional<std::filesystem::path> corpus_wild_dir() {
  return shared_dir("CHANGEGATE_CORPUS_WILD", "corpus-wild");
}

}  // namespace changegate::testing
