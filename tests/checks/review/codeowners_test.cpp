// The matcher against the examples in GitHub's CODEOWNERS documentation.
#include "checks/review/codeowners.h"

#include <catch2/catch.hpp>

#include "tests/support/temp_repo.h"

using namespace changegate;

namespace {

// GitHub's documented example file, abridged, in its order.
const char* const k_github_example = R"(# This is a comment.
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
)";

std::vector<std::string> owners_of(const Codeowners& co, const std::string& file) {
  const CodeownersRule* r = find_owner_rule(co, file);
  return r ? r->owners : std::vector<std::string>{"(no rule)"};
}

}  // namespace

TEST_CASE("codeowners: GitHub's documented example resolves as documented") {
  const Codeowners co = parse_codeowners(k_github_example, ".github/CODEOWNERS");
  CHECK(co.problems.empty());
  using V = std::vector<std::string>;
  CHECK(owners_of(co, "README.md") == V{"@global-owner1", "@global-owner2"});
  CHECK(owners_of(co, "src/app.js") == V{"@js-owner"});
  CHECK(owners_of(co, "main.go") == V{"docs@example.com"});
  CHECK(owners_of(co, "notes/a.txt") == V{"@octo-org/octocats"});
  CHECK(owners_of(co, "build/logs/x.log") == V{"@octocat"});  // **/logs comes later and wins
  CHECK(owners_of(co, "docs/getting-started.md") == V{"@doctocat"});  // /docs/ is later
  CHECK(owners_of(co, "scripts/deploy.sh") == V{"@doctocat", "@octocat"});
  CHECK(owners_of(co, "deeply/nested/logs/y.log") == V{"@octocat"});
  CHECK(owners_of(co, "apps/web/index.html") == V{"@octocat"});
  CHECK(owners_of(co, "apps/github/main.rb").empty());  // no owners: unowned
}

TEST_CASE("codeowners: a file pattern without a slash matches at any depth") {
  CHECK(codeowners_match("*.js", "app.js"));
  CHECK(codeowners_match("*.js", "src/deep/app.js"));
  CHECK_FALSE(codeowners_match("*.js", "src/app.jsx"));
  CHECK(codeowners_match("*", "anything/at/all.txt"));
}

TEST_CASE("codeowners: docs/* owns docs' own files, not nested ones") {
  CHECK(codeowners_match("docs/*", "docs/getting-started.md"));
  CHECK_FALSE(codeowners_match("docs/*", "docs/build-app/troubleshooting.md"));
  CHECK_FALSE(codeowners_match("docs/*", "sub/docs/getting-started.md"));  // anchored
}

TEST_CASE("codeowners: apps/ owns any apps directory, /docs/ only the root one") {
  CHECK(codeowners_match("apps/", "apps/a.txt"));
  CHECK(codeowners_match("apps/", "src/apps/deep/a.txt"));
  CHECK_FALSE(codeowners_match("apps/", "apps"));  // a file named apps is not a directory
  CHECK(codeowners_match("/docs/", "docs/a/b.md"));
  CHECK_FALSE(codeowners_match("/docs/", "src/docs/b.md"));
}

TEST_CASE("codeowners: **/logs and /build/logs/ match logs directories") {
  CHECK(codeowners_match("**/logs", "logs/a.log"));
  CHECK(codeowners_match("**/logs", "a/b/logs/c/d.log"));
  CHECK(codeowners_match("/build/logs/", "build/logs/x/y.log"));
  CHECK_FALSE(codeowners_match("/build/logs/", "src/build/logs/y.log"));
  CHECK(codeowners_match("docs/**/*.md", "docs/a/b/c.md"));
  CHECK(codeowners_match("docs/**/*.md", "docs/c.md"));
}

TEST_CASE("codeowners: the last matching line wins") {
  const Codeowners co = parse_codeowners("/etl/ @a\n*.sql @b\n", "CODEOWNERS");
  CHECK(owners_of(co, "etl/x.sql") == std::vector<std::string>{"@b"});
  CHECK(owners_of(co, "etl/x.py") == std::vector<std::string>{"@a"});
  CHECK(owners_of(co, "README") == std::vector<std::string>{"(no rule)"});
}

TEST_CASE("codeowners: lines GitHub skips are skipped and reported with their line") {
  const Codeowners co =
      parse_codeowners("!secret @a\n*.[ch] @b\nok/ @c\n*.py not-an-owner\n\\#x @d\n", "CODEOWNERS");
  REQUIRE(co.rules.size() == 1);
  CHECK(co.rules[0].pattern == "ok/");
  REQUIRE(co.problems.size() == 4);
  CHECK(
      co.problems[0] ==
      "CODEOWNERS:1: negation pattern \"!secret\" is not supported (line skipped, as GitHub does)");
  CHECK(co.problems[3].rfind("CODEOWNERS:5:", 0) == 0);
}

TEST_CASE("codeowners: looked for in .github/, then the root, then docs/") {
  testing::TempDir dir;
  CHECK_FALSE(locate_codeowners(dir.path()));
  dir.write("docs/CODEOWNERS", "* @d\n");
  CHECK(*locate_codeowners(dir.path()) == "docs/CODEOWNERS");
  dir.write("CODEOWNERS", "* @r\n");
  CHECK(*locate_codeowners(dir.path()) == "CODEOWNERS");
  dir.write(".github/CODEOWNERS", "* @g\n");
  CHECK(*locate_codeowners(dir.path()) == ".github/CODEOWNERS");
}
