#include "gates/waivers.h"

#include <catch2/catch.hpp>

using namespace changegate;

namespace {

Config config_with_wildcard(std::vector<std::string> paths, std::vector<std::string> components) {
  Config c;
  Component docs;
  docs.id = "docs";
  docs.paths = {"docs/**"};
  c.components.push_back(docs);
  WaiverConfig w;
  w.gate = "g";
  w.change = "*";
  w.paths = std::move(paths);
  w.components = std::move(components);
  w.expires = 2000000000;
  c.waivers.push_back(w);
  return c;
}

RepoContext repo_touching(std::vector<std::string> files) {
  RepoContext r;
  r.is_git = true;
  for (auto& f : files) r.diff.files.push_back(FileChange{f, "", 'M', false, 1, 1});
  return r;
}

}  // namespace

TEST_CASE("waivers: a wildcard waiver covers a change confined to its paths") {
  const Config c = config_with_wildcard({"vendor/**"}, {});
  CHECK(find_waiver(c, "g", "CHG-1", repo_touching({"vendor/a.c", "vendor/b/c.c"}), 0).active);
}

TEST_CASE("waivers: a wildcard waiver does not cover a change that also touches other files") {
  const Config c = config_with_wildcard({"vendor/**"}, {});
  CHECK_FALSE(find_waiver(c, "g", "CHG-1", repo_touching({"vendor/a.c", "src/main.c"}), 0).active);
}

TEST_CASE("waivers: a wildcard waiver by component uses the first-match component mapping") {
  const Config c = config_with_wildcard({}, {"docs"});
  CHECK(find_waiver(c, "g", "X", repo_touching({"docs/guide.md"}), 0).active);
  CHECK_FALSE(find_waiver(c, "g", "X", repo_touching({"README.md"}), 0).active);
}

TEST_CASE("waivers: a wildcard waiver covers nothing without a diff") {
  const Config c = config_with_wildcard({"**"}, {});
  RepoContext no_git;
  CHECK_FALSE(find_waiver(c, "g", "X", no_git, 0).active);
  CHECK_FALSE(find_waiver(c, "g", "X", repo_touching({}), 0).active);
}

TEST_CASE("waivers: expiry is exclusive: on the expiry instant the waiver is over") {
  const Config c = config_with_wildcard({"**"}, {});
  const RepoContext r = repo_touching({"a"});
  CHECK(find_waiver(c, "g", "X", r, 1999999999).active);
  const WaiverMatch m = find_waiver(c, "g", "X", r, 2000000000);
  CHECK_FALSE(m.active);
  CHECK(m.expired.size() == 1);
}
