#include "gates/util/glob.h"

#include <catch2/catch.hpp>

#include "tests/support/temp_repo.h"

using namespace changegate;

TEST_CASE("glob: * stays within a segment, ** crosses them") {
  CHECK(glob_match("sql/orders/*.sql", "sql/orders/v2.sql"));
  CHECK_FALSE(glob_match("sql/orders/*.sql", "sql/orders/old/v1.sql"));
  CHECK(glob_match("etl/orders/**", "etl/orders/migrations/0042.sql"));
  CHECK(glob_match("etl/**/0042.sql", "etl/0042.sql"));
  CHECK(glob_match("**/TEST-*.xml", "a/b/TEST-x.xml"));
  CHECK(glob_match("**/TEST-*.xml", "TEST-x.xml"));
  CHECK_FALSE(glob_match("etl/orders/**", "etl/ordersX/a.py"));
}

TEST_CASE("glob: ? and character classes") {
  CHECK(glob_match("v?.sql", "v2.sql"));
  CHECK_FALSE(glob_match("v?.sql", "v22.sql"));
  CHECK(glob_match("v[0-9].sql", "v7.sql"));
  CHECK_FALSE(glob_match("v[!0-9].sql", "v7.sql"));
}

TEST_CASE("glob: malformed patterns are reported, not guessed") {
  CHECK(glob_problem("a/[bc") == std::string("unclosed '[' at offset 2"));
  CHECK(glob_problem("a/***/b"));
  CHECK(glob_problem(""));
  CHECK_FALSE(glob_problem("a/**/b/*.xml"));
}

TEST_CASE("glob: files under a root, sorted, hidden directories skipped") {
  testing::TempDir dir;
  dir.write("reports/unit/a.xml", "x");
  dir.write("reports/system/b.xml", "x");
  dir.write("reports/system/notes.txt", "x");
  dir.write(".hidden/c.xml", "x");
  const auto files = glob_files(dir.path(), "**/*.xml");
  REQUIRE(files.size() == 2);
  CHECK(files[0] == "reports/system/b.xml");
  CHECK(files[1] == "reports/unit/a.xml");
  CHECK(glob_files(dir.path(), "reports/unit/a.xml").size() == 1);
  CHECK(glob_files(dir.path(), "nothing/*.xml").empty());
}
