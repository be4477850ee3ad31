#include "checks/review/review_people.h"

#include <catch2/catch.hpp>

#include "checks/registry.h"
#include "gates/config.h"

using namespace changegate;

TEST_CASE("review people: login, name and e-mail forms of one person match") {
  const Identity team_member = parse_identity("bob");
  CHECK(same_person(parse_identity("@bob"), team_member));
  CHECK(same_person(parse_identity("Bob <bob@example.com>"), team_member));
  CHECK(same_person(parse_identity("BOB@example.com"), parse_identity("bob <Bob@Example.com>")));
  CHECK(same_person(account_identity("bob"), team_member));
  CHECK_FALSE(same_person(parse_identity("bobby"), team_member));
  CHECK_FALSE(same_person(parse_identity("alice <bob-not@example.com>"), team_member));
}

TEST_CASE("review people: an empty name or e-mail never matches another empty one") {
  CHECK_FALSE(same_person(parse_identity(""), parse_identity("")));
  CHECK_FALSE(same_person(parse_identity("<>"), parse_identity(" <> ")));
  CHECK_FALSE(same_person(account_identity("", "", ""), account_identity("", "", "")));
}

TEST_CASE("review people: owners group files, expand teams and keep unknown org teams unresolved") {
  const Config config = parse_config(
      "[teams]\ndata-platform = [\"bob\", \"carol\"]\n"
      "[components.etl]\npaths = [\"etl/**\"]\nowners = [\"@data-platform\", "
      "\"dave@example.com\"]\n"
      "[components.web]\npaths = [\"web/**\"]\nowners = [\"@acme/frontend\"]\n",
      "changegate.toml", checks::registry());
  std::vector<std::string> unowned;
  const auto groups =
      group_by_owners({"README.md", "etl/a.py", "etl/b.py", "web/x.js"}, nullptr, config, &unowned);
  CHECK(unowned == std::vector<std::string>{"README.md"});
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].rule == "component etl");
  CHECK(groups[0].files == std::vector<std::string>{"etl/a.py", "etl/b.py"});
  REQUIRE(groups[0].members.size() == 3);
  CHECK(same_person(groups[0].members[2], parse_identity("Dave <dave@example.com>")));
  CHECK(groups[1].members.empty());
  CHECK(groups[1].unresolved == std::vector<std::string>{"@acme/frontend"});
}

TEST_CASE("review people: @org/team falls back to the [teams] entry named after the team") {
  const Config config =
      parse_config("[teams]\nfrontend = [\"erin\"]\n", "changegate.toml", checks::registry());
  const Codeowners co = parse_codeowners("/web/ @acme/frontend\n/etl/\n", "CODEOWNERS");
  std::vector<std::string> unowned;
  const auto groups = group_by_owners({"web/x.js", "etl/a.py"}, &co, config, &unowned);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].rule == "CODEOWNERS:1 /web/");
  CHECK(same_person(groups[0].members.at(0), parse_identity("erin")));
  CHECK(unowned == std::vector<std::string>{"etl/a.py"});
}
