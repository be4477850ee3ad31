#include <catch2/catch.hpp>

#include "tests/support/temp_repo.h"

using namespace changegate::testing;

namespace {

const char* k_gates = R"([project]
name = "orders"

[[gate]]
id        = "orders-golden"
kind      = "golden"
candidate = "out/orders.csv"
expected  = "golden/orders.json"
group_by  = ["currency"]
aggregates = [
  { fn = "count" },
  { fn = "duplicates", column = "order_id" },
  { fn = "sum", column = "amount", tolerance = { abs = 0.005 } },
]
)";

const char* k_orders = "order_id,currency,amount\n1,EUR,10.00\n2,USD,2.50\n3,EUR,1.25\n";

}  // namespace

TEST_CASE("cli golden snapshot: writes the expected file, then check passes against it") {
  TempRepo repo;
  repo.write("changegate.toml", k_gates);
  repo.write("out/orders.csv", k_orders);
  repo.commit("v1");
  const RunResult snap = run_changegate("golden snapshot orders-golden", repo.path());
  INFO(snap.err);
  CHECK(snap.exit_code == 0);
  CHECK(snap.out == "wrote golden/orders.json (2 groups): review and commit it\n");
  const std::string text = read_text(repo.path() + "/golden/orders.json");
  CHECK(text.find("\"gate\": \"orders-golden\"") != std::string::npos);
  const RunResult check = run_changegate("check --no-ledger", repo.path());
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);

  const RunResult again = run_changegate("golden snapshot orders-golden", repo.path());
  CHECK(again.out == "golden/orders.json: unchanged (2 groups)\n");
}

TEST_CASE("cli golden snapshot: refuses to overwrite different values without --force") {
  TempRepo repo;
  repo.write("changegate.toml", k_gates);
  repo.write("out/orders.csv", k_orders);
  repo.commit("v1");
  REQUIRE(run_changegate("golden snapshot orders-golden", repo.path()).exit_code == 0);
  repo.write("out/orders.csv", std::string(k_orders) + "1,EUR,10.00\n");
  const RunResult check = run_changegate("check --no-ledger", repo.path());
  CHECK(check.exit_code == 1);
  const RunResult refused = run_changegate("golden snapshot orders-golden", repo.path());
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("golden/orders.json exists with different values; re-run with --force") !=
        std::string::npos);
  const RunResult forced = run_changegate("golden snapshot orders-golden --force", repo.path());
  CHECK(forced.exit_code == 0);
  CHECK(forced.out == "overwrote golden/orders.json (2 groups): review and commit it\n");
}

TEST_CASE("cli golden snapshot: an unknown gate id is exit 2 with a suggestion") {
  TempRepo repo;
  repo.write("changegate.toml", k_gates);
  repo.commit("v1");
  const RunResult r = run_changegate("golden snapshot orders-goldn", repo.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "changegate: error: changegate.toml: no gate \"orders-goldn\" (did you mean "
        "\"orders-golden\"?)\n");
}

TEST_CASE("cli golden snapshot: an unreadable candidate writes nothing and exits 1") {
  TempRepo repo;
  repo.write("changegate.toml", k_gates);
  repo.commit("v1");
  const RunResult r = run_changegate("golden snapshot orders-golden", repo.path());
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("candidate out/orders.csv: cannot open") != std::string::npos);
}
