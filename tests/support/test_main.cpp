// The test main: Catch2's, plus honesty about the corpus tests. A test tagged
// [corpus] needs ../shared/corpus, one tagged [corpus-wild] needs
// ../shared/corpus-wild (tests/support/corpus.h). When the run selects only
// such tests and their corpus is absent, it exits 77, which ctest reports as
// skipped (SKIP_RETURN_CODE, tests/CMakeLists.txt), never as passed; with
// CHANGEGATE_REQUIRE_CORPUS=1 (CI, when the corpus is there) it is a failure.
// A run of everything without the corpus leaves the corpus tests out and says so.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <string>

#include "tests/support/corpus.h"

namespace {

constexpr int k_skipped = 77;

bool has_tag(const Catch::TestCase& test, const std::string& tag) {
  for (const auto& t : test.getTestCaseInfo().lcaseTags)
    if (t == tag) return true;
  return false;
}

}  // namespace

int main(int argc, char* argv[]) {
  Catch::Session session;
  if (const int rc = session.applyCommandLine(argc, argv)) return rc;
  const Catch::ConfigData& data = session.configData();
  if (data.showHelp || data.listTests || data.listTestNamesOnly || data.listTags ||
      data.listReporters || data.libIdentify)
    return session.run();

  Catch::Config& config = session.config();
  const std::vector<Catch::TestCase> selected =
      Catch::filterTests(Catch::getAllTestCasesSorted(config), config.testSpec(), config);
  std::size_t corpus = 0, wild = 0;
  for (const auto& test : selected) {
    if (has_tag(test, "corpus-wild"))
      ++wild;
    else if (has_tag(test, "corpus"))
      ++corpus;
  }
  const bool corpus_missing = corpus > 0 && !changegate::testing::corpus_dir();
  const bool wild_missing = wild > 0 && !changegate::testing::corpus_wild_dir();
  const std::size_t missing = (corpus_missing ? corpus : 0) + (wild_missing ? wild : 0);
  if (missing == 0) return session.run();

  const char* required = std::getenv("CHANGEGATE_REQUIRE_CORPUS");
  if (required && std::string(required) == "1") {
    std::cerr << "*** CHANGEGATE_REQUIRE_CORPUS=1: " << missing
              << " selected corpus test(s) cannot run without their corpus: FAILED ***\n";
    return 1;
  }
  if (missing == selected.size()) {
    std::cerr << "*** SKIPPED: " << missing
              << " corpus test(s) need a corpus that is absent (exit 77) ***\n";
    return k_skipped;
  }
  if (!data.testsOrTags.empty()) return session.run();  // named ones fail on REQUIRE(corpus)
  Catch::ConfigData without = data;
  without.testsOrTags = {std::string(corpus_missing ? "~[corpus]" : "") +
                         (wild_missing ? "~[corpus-wild]" : "")};
  std::cerr << "*** " << missing << " corpus test(s) left out: their corpus is absent ***\n";
  session.useConfigData(without);
  return session.run();
}
