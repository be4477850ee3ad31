#include "gates/ledger/project_name.h"

#include <catch2/catch.hpp>

#include "tests/support/temp_repo.h"

using namespace changegate;

TEST_CASE("project name: remote URLs lose scheme, user, password, port and .git") {
  CHECK(normalise_remote_url("https://github.com/acme/orders.git") == "github.com/acme/orders");
  CHECK(normalise_remote_url("https://x-access-token:ghs_secret@github.com/acme/orders") ==
        "github.com/acme/orders");
  CHECK(normalise_remote_url("git@github.com:acme/orders.git") == "github.com/acme/orders");
  CHECK(normalise_remote_url("ssh://git@GitLab.example.com:2222/team/sub/orders.git/") ==
        "gitlab.example.com/team/sub/orders");
}

TEST_CASE("project name: a local path is never a project name") {
  CHECK(normalise_remote_url("/srv/git/orders.git") == "");
  CHECK(normalise_remote_url("file:///srv/git/orders.git") == "");
  CHECK(normalise_remote_url("../orders") == "");
}

TEST_CASE("project name: [project] name wins, then origin, then the folder name") {
  testing::TempRepo repo;
  repo.write("a.txt", "a\n");
  repo.commit("first");
  CHECK(project_name_for("orders-pipeline", repo.path()) == "orders-pipeline");
  const std::string folder = repo.path().substr(repo.path().rfind('/') + 1);
  CHECK(project_name_for("", repo.path()) == folder);
  repo.git("remote add origin git@github.com:acme/orders.git");
  CHECK(project_name_for("", repo.path()) == "github.com/acme/orders");
}
