#include "checks/slo/prometheus_reader.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <map>

#include "tests/support/corpus.h"
#include "tests/support/temp_repo.h"

using namespace changegate::prometheus;

namespace {

struct Read {
  bool ok = false;
  QueryResult result;
  std::string err;
};

Read read(const std::string& body, long status = 200) {
  Read r;
  r.ok = read_query_response(status, body, &r.result, &r.err);
  return r;
}

}  // namespace

TEST_CASE("prometheus reader: a vector keeps labels, times and values") {
  const Read r = read(R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{"job":"api"},"value":[1795368398.578,"0.049999999999999996"]}]}})");
  REQUIRE(r.ok);
  CHECK(r.result.result_type == "vector");
  REQUIRE(r.result.vector.size() == 1);
  CHECK(r.result.vector[0].labels.at("job") == "api");
  CHECK(r.result.vector[0].time == Approx(1795368398.578));
  CHECK(r.result.vector[0].value == Approx(0.05));
}

TEST_CASE("prometheus reader: NaN, +Inf and -Inf are values, not errors and not 0") {
  const Read r = read(R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{},"value":[1,"NaN"]},{"metric":{},"value":[1,"+Inf"]},{"metric":{},"value":[1,"-Inf"]}]}})");
  REQUIRE(r.ok);
  CHECK(std::isnan(r.result.vector[0].value));
  CHECK(std::isinf(r.result.vector[1].value));
  CHECK(r.result.vector[1].value > 0);
  CHECK(r.result.vector[2].value < 0);
}

TEST_CASE("prometheus reader: a scalar becomes one unlabelled sample") {
  const Read r =
      read(R"({"status":"success","data":{"resultType":"scalar","result":[1795368398.596,"1"]}})");
  REQUIRE(r.ok);
  REQUIRE(r.result.vector.size() == 1);
  CHECK(r.result.vector[0].labels.empty());
  CHECK(r.result.vector[0].value == 1);
}

TEST_CASE("prometheus reader: an error body gives errorType, error and the HTTP status") {
  const Read r = read(R"({"status":"error","errorType":"bad_data","error":"parse error"})", 400);
  CHECK_FALSE(r.ok);
  CHECK(r.err == "Prometheus error bad_data (HTTP 400): parse error");
  CHECK(read(R"({"status":"error","errorType":"execution","error":"many-to-many"})", 422).err ==
        "Prometheus error execution (HTTP 422): many-to-many");
  CHECK(read(R"({"status":"error","errorType":"timeout","error":"query timed out"})", 503).err ==
        "Prometheus error timeout (HTTP 503): query timed out");
}

TEST_CASE("prometheus reader: warnings are kept, on success and on error") {
  const Read r = read(R"({"status":"success","warnings":["partial response: store s1 down"],
    "data":{"resultType":"vector","result":[]}})");
  REQUIRE(r.ok);
  CHECK(r.result.warnings == std::vector<std::string>{"partial response: store s1 down"});
  const Read e = read(R"({"status":"error","errorType":"x","error":"y","warnings":["w"]})", 422);
  CHECK(e.result.warnings == std::vector<std::string>{"w"});
}

TEST_CASE("prometheus reader: a body that is not JSON is named with its first bytes") {
  CHECK(read("404 page not found\n", 404).err ==
        "the server answered HTTP 404 with a body that is not JSON: \"404 page not found\"");
  CHECK(read("<html><body>Bad Gateway</body></html>", 502).err ==
        "the server answered HTTP 502 with a body that is not JSON: \"<html><body>Bad "
        "Gateway</body></html>\"");
  CHECK(read(R"({"status":"success","data":{"resultType":"vector","result":[)")
            .err.rfind("the server answered HTTP 200 with a body that is not JSON", 0) == 0);
  CHECK(read("").err == "the server answered HTTP 200 with a body that is not JSON: \"\"");
}

TEST_CASE("prometheus reader: success with a non-2xx status is not trusted") {
  CHECK(read(R"({"status":"success","data":{"resultType":"vector","result":[]}})", 503).err ==
        "the server answered HTTP 503 although the body says \"success\"");
}

TEST_CASE("prometheus reader: malformed samples are rejected with the reason") {
  CHECK(
      read(
          R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,0.5]}]}})")
          .err == "a sample is not [time, \"value\"]: [1,0.5]");
  CHECK(
      read(
          R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}})")
          .err == "a sample value is not a number: \"abc\"");
  CHECK(
      read(
          R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1," 1"]}]}})")
          .err == "a sample value is not a number: \" 1\"");
  CHECK(
      read(
          R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":1},"value":[1,"1"]}]}})")
          .err == "label \"a\" is not a string");
  CHECK(
      read(
          R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"histogram":[1,{}]}]}})")
          .err == "native histogram samples are not supported; query a float series");
  CHECK(read(R"({"status":"success","data":{"resultType":"exotic","result":[]}})").err ==
        "unknown resultType \"exotic\"");
}

TEST_CASE("prometheus reader: sample values parse like Go writes them") {
  double v = 0;
  CHECK(parse_sample_value("1e-3", &v));
  CHECK(v == Approx(0.001));
  CHECK(parse_sample_value("-0", &v));
  CHECK_FALSE(parse_sample_value("0x10", &v));
  CHECK_FALSE(parse_sample_value("", &v));
  CHECK_FALSE(parse_sample_value("1 ", &v));
  CHECK_FALSE(parse_sample_value("nan", &v));
}

// Every real response in the shared corpus, with what the reader must make of it.
TEST_CASE("prometheus reader: every corpus file is read or rejected with the right message",
          "[corpus]") {
  struct Expect {
    long http_status;
    bool ok;
    std::string type_or_error;  // resultType when ok, else the exact message
    std::size_t samples;        // vector samples or matrix series when ok
  };
  const std::string no_result_type =
      "not a query response: \"data\" has no \"resultType\" (is the URL a /api/v1/query "
      "endpoint?)";
  const std::map<std::string, Expect> k_expected = {
      {"bad__local-prometheus-2.42.0__not-found-404.json",
       {404, false,
        "the server answered HTTP 404 with a body that is not JSON: \"404 page not found\"", 0}},
      {"local-prometheus-2.42.0__query-error-bad_data-invalid-timeout-param.json",
       {400, false,
        "Prometheus error bad_data (HTTP 400): invalid parameter \"timeout\": cannot parse \"1ns\" "
        "to a valid duration",
        0}},
      {"local-prometheus-2.42.0__query-error-bad_data-parse.json",
       {400, false,
        "Prometheus error bad_data (HTTP 400): invalid parameter \"query\": 1:4: parse error: "
        "unexpected end of input inside braces",
        0}},
      {"local-prometheus-2.42.0__query-error-execution-many-to-many.json",
       {422, false,
        "Prometheus error execution (HTTP 422): multiple matches for labels: many-to-one matching "
        "must be explicit (group_left/group_right)",
        0}},
      {"local-prometheus-2.42.0__query-error-timeout.json",
       {503, false, "Prometheus error timeout (HTTP 503): query timed out in query execution", 0}},
      {"local-prometheus-2.42.0__query-matrix-range-selector.json", {200, true, "matrix", 2}},
      {"local-prometheus-2.42.0__query-scalar.json", {200, true, "scalar", 1}},
      {"local-prometheus-2.42.0__query-string.json", {200, true, "string", 0}},
      {"local-prometheus-2.42.0__query-vector-build_info.json", {200, true, "vector", 1}},
      {"local-prometheus-2.42.0__query-vector-empty.json", {200, true, "vector", 0}},
      {"local-prometheus-2.42.0__query-vector-histogram_quantile.json", {200, true, "vector", 3}},
      {"local-prometheus-2.42.0__query-vector-inf-nan.json", {200, true, "vector", 3}},
      {"local-prometheus-2.42.0__query-vector-stats-all.json", {200, true, "vector", 2}},
      {"local-prometheus-2.42.0__query-vector-up.json", {200, true, "vector", 2}},
      {"local-prometheus-2.42.0__query_range-error-missing-step.json",
       {400, false,
        "Prometheus error bad_data (HTTP 400): invalid parameter \"step\": cannot parse \"\" to a "
        "valid duration",
        0}},
      {"local-prometheus-2.42.0__query_range-error-too-many-points.json",
       {400, false,
        "Prometheus error bad_data (HTTP 400): exceeded maximum resolution of 11,000 points per "
        "timeseries. Try decreasing the query resolution (?step=XX)",
        0}},
      {"local-prometheus-2.42.0__query_range-matrix-up.json", {200, true, "matrix", 2}},
      {"local-prometheus-2.42.0__query_range-matrix.json", {200, true, "matrix", 1}},
      {"prometheus__codemirror-alertmanager_alerts_series.json", {200, false, no_result_type, 0}},
      {"prometheus__codemirror-label_env_values.json", {200, false, no_result_type, 0}},
      {"prometheus__codemirror-labels.json", {200, false, no_result_type, 0}},
      {"prometheus__codemirror-metadata.json", {200, false, no_result_type, 0}},
  };
  const auto corpus = changegate::testing::corpus_dir();
  REQUIRE(corpus);  // the test main skips [corpus] tests when the corpus is absent
  std::size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*corpus / "prometheus")) {
    const std::string name = entry.path().filename().string();
    INFO("corpus file " << name);
    const auto it = k_expected.find(name);
    REQUIRE(it != k_expected.end());  // a new corpus file needs its expectation here
    const Expect& e = it->second;
    const Read r = read(changegate::testing::read_text(entry.path().string()), e.http_status);
    CHECK(r.ok == e.ok);
    if (e.ok) {
      CHECK(r.result.result_type == e.type_or_error);
      CHECK((r.result.result_type == "matrix" ? r.result.matrix.size() : r.result.vector.size()) ==
            e.samples);
    } else {
      CHECK(r.err == e.type_or_error);
    }
    ++seen;
  }
  CHECK(seen == k_expected.size());
}

TEST_CASE("prometheus reader: the corpus NaN and Inf values come through as such", "[corpus]") {
  const auto corpus = changegate::testing::corpus_dir();
  REQUIRE(corpus);  // the test main skips [corpus] tests when the corpus is absent
  const Read r = read(changegate::testing::read_text(
      (*corpus / "prometheus" / "local-prometheus-2.42.0__query-vector-inf-nan.json").string()));
  REQUIRE(r.ok);
  std::map<std::string, double> by_kind;
  for (const auto& s : r.result.vector) by_kind[s.labels.at("kind")] = s.value;
  CHECK(std::isinf(by_kind.at("pos_inf")));
  CHECK(by_kind.at("pos_inf") > 0);
  CHECK(by_kind.at("neg_inf") < 0);
  CHECK(std::isnan(by_kind.at("nan")));
}
