// End to end: what `check` prints and writes when the inputs are unusual —
// bytes that are not UTF-8, gate inputs in the diff, no change record.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "gates/util/utf8.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using namespace changegate::testing;

namespace {

const char* k_tests_gate = R"([components.api]
paths = ["src/**"]
tier = 1

[[gate]]
id = "unit-tests"
kind = "tests"
reports = ["build/*.xml"]
)";

// main with the gate file, branch "feature" changing `changed` (path -> text).
void make_feature(TempRepo& repo, const std::vector<std::pair<std::string, std::string>>& changed,
                  const std::string& gates = k_tests_gate) {
  repo.write("changegate.toml", gates);
  repo.write("src/app.py", "v1\n");
  repo.commit("v1");
  repo.git("checkout -q -b feature");
  for (const auto& [path, text] : changed) repo.write(path, text);
  repo.commit("v2");
}

}  // namespace

TEST_CASE("check: a file name and a CSV group key that are not UTF-8 still give valid JSON") {
  // Expected: blocked (the Latin-1 group "café" is missing from the
  // candidate); JSON written, valid UTF-8, the bytes shown as U+FFFD, and the
  // repairs said in the gate's details and at the top of the evaluation.
  TempRepo repo;
  make_feature(repo, {{"src/caf\xE9\xFF.py", "x\n"}, {"src/app.py", "v2\n"}},
               std::string(k_tests_gate) +
                   "\n[[gate]]\nid = \"golden\"\nkind = \"golden\"\ncandidate = "
                   "\"out/candidate.csv\"\nbaseline = \"out/baseline.csv\"\ngroup_by = "
                   "[\"city\"]\naggregates = [{ fn = \"count\" }]\n");
  repo.write("build/unit.xml",
             "<testsuite name=\"u\"><testcase classname=\"a\" name=\"b\"/></testsuite>");
  repo.write("out/baseline.csv", "id,city\n1,caf\xE9\n2,Paris\n");
  repo.write("out/candidate.csv", "id,city\n2,Paris\n");
  const RunResult r =
      run_changegate("check --now 2026-11-21T12:00:00Z --format json -o eval.json", repo.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("internal error") == std::string::npos);
  const std::string written = read_text(repo.path() + "/eval.json");
  CHECK(is_valid_utf8(written));
  CHECK(is_valid_utf8(r.out));
  const nlohmann::json j = nlohmann::json::parse(written);
  CHECK(j["blast_radius"]["components"][0]["files"][1] == "src/caf\xEF\xBF\xBD\xEF\xBF\xBD.py");
  CHECK_THAT(j.value("text_repaired", ""), Catch::Contains("replaced by U+FFFD"));
  CHECK(j["gates"][1]["status"] == "fail");
  CHECK_THAT(j["gates"][1]["details"].value("text_repaired", ""),
             Catch::Contains("replaced by U+FFFD"));
  CHECK_THAT(j["gates"][1]["details"].dump(), Catch::Contains("caf\xEF\xBF\xBD"));
}
