#include "gates/blast_radius.h"

#include <catch2/catch.hpp>

#include "checks/registry.h"

using namespace changegate;

namespace {

Config graph() {
  return parse_config(R"(
[components.orders_etl]
paths = ["etl/orders/**"]
tier = 1
data = ["financial"]
downstream = ["bi_revenue", "finance_export"]
[components.etl]
paths = ["etl/**"]
tier = 2
[components.bi_revenue]
tier = 1
downstream = ["exec_dashboard"]
[components.finance_export]
tier = 2
data = ["financial"]
downstream = ["exec_dashboard"]
[components.exec_dashboard]
tier = 1
)",
                      "changegate.toml", checks::registry());
}

DiffStats diff_of(std::vector<FileChange> files) {
  DiffStats d;
  for (auto& f : files) {
    d.insertions += f.insertions;
    d.deletions += f.deletions;
  }
  d.files = std::move(files);
  return d;
}

}  // namespace

TEST_CASE("blast radius: files map to the first matching component, the rest to (unowned)") {
  const BlastRadius r =
      compute_blast_radius(graph(), diff_of({{"README.md", "", 'M', false, 1, 1},
                                             {"etl/common/io.py", "", 'M', false, 5, 2},
                                             {"etl/orders/v2.py", "", 'A', false, 40, 0}}));
  REQUIRE(r.components.size() == 3);
  CHECK(r.components[0].id == "orders_etl");
  CHECK(r.components[0].files == std::vector<std::string>{"etl/orders/v2.py"});
  CHECK(r.components[0].insertions == 40);
  CHECK(r.components[1].id == "etl");
  CHECK(r.components[2].id == "(unowned)");
  CHECK_FALSE(r.components[2].tier);
}

TEST_CASE("blast radius: the gate file and change record are gate inputs, not unowned files") {
  // Expected: README.md alone is unowned; changegate.toml and .changegate/*
  // are listed as gate inputs; a gate input a component claims stays its file.
  const BlastRadius r =
      compute_blast_radius(graph(), diff_of({{".changegate/change.toml", "", 'A', false, 9, 0},
                                             {"README.md", "", 'M', false, 1, 1},
                                             {"changegate.toml", "", 'M', false, 2, 0},
                                             {"etl/changegate.toml", "", 'M', false, 1, 0}}));
  REQUIRE(r.components.size() == 2);
  CHECK(r.components[0].id == "etl");
  CHECK(r.components[0].files == std::vector<std::string>{"etl/changegate.toml"});
  CHECK(r.components[1].id == "(unowned)");
  CHECK(r.components[1].files == std::vector<std::string>{"README.md"});
  CHECK(r.gate_inputs == std::vector<std::string>{".changegate/change.toml", "changegate.toml"});
}

TEST_CASE("blast radius: downstream is reached breadth-first, once, with the path") {
  const BlastRadius r =
      compute_blast_radius(graph(), diff_of({{"etl/orders/v2.py", "", 'A', false, 1, 0}}));
  REQUIRE(r.downstream.size() == 3);
  CHECK(r.downstream[0].id == "bi_revenue");
  CHECK(r.downstream[0].via == std::vector<std::string>{"orders_etl", "bi_revenue"});
  CHECK(r.downstream[1].id == "finance_export");
  CHECK(r.downstream[2].id == "exec_dashboard");
  CHECK(r.downstream[2].via ==
        std::vector<std::string>{"orders_etl", "bi_revenue", "exec_dashboard"});
}

TEST_CASE("blast radius: a renamed file counts once, under its new path's component") {
  const BlastRadius r = compute_blast_radius(
      graph(), diff_of({{"etl/orders/v2.py", "etl/common/v2.py", 'R', false, 3, 1}}));
  REQUIRE(r.components.size() == 1);
  CHECK(r.components[0].id == "orders_etl");
  CHECK(r.components[0].files.size() == 1);
}

TEST_CASE("blast radius: a file moved out of every component is charged to its old one") {
  const BlastRadius r = compute_blast_radius(
      graph(), diff_of({{"attic/v1.py", "etl/orders/v1.py", 'R', false, 0, 0}}));
  CHECK(r.components[0].id == "orders_etl");
}

TEST_CASE("blast radius: a downstream cycle ends the walk and is reported") {
  const Config c = parse_config(
      "[components.a]\npaths=[\"a/**\"]\ndownstream=[\"b\"]\n[components.b]\ndownstream=[\"c\"]\n"
      "[components.c]\ndownstream=[\"a\"]\n",
      "changegate.toml", checks::registry());
  const BlastRadius r = compute_blast_radius(c, diff_of({{"a/x", "", 'M', false, 1, 1}}));
  REQUIRE(r.downstream.size() == 2);
  CHECK(r.downstream[1].id == "c");
  const auto cycles = downstream_cycles(c);
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0] == "a -> b -> c -> a");
}

TEST_CASE("blast radius: no changed file means no components") {
  CHECK(compute_blast_radius(graph(), DiffStats{}).components.empty());
}
