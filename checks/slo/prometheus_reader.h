// Reads the JSON that Prometheus-compatible servers (Prometheus, Thanos,
// Mimir, VictoriaMetrics) answer on /api/v1/query and /api/v1/query_range.
// Values arrive as strings ("0.0499...", "NaN", "+Inf"); they are parsed to
// doubles and kept as such, so callers decide what NaN or an empty result
// means instead of this reader turning them into 0.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace changegate::prometheus {

using Labels = std::map<std::string, std::string>;

struct Sample {
  Labels labels;
  double time = 0;  // seconds since the epoch, with the server's fraction
  double value = 0;
};

struct Series {
  Labels labels;
  std::vector<std::pair<double, double>> points;  // time, value
};

struct QueryResult {
  std::string result_type;            // "vector", "scalar", "matrix" or "string"
  std::vector<Sample> vector;         // vector; a scalar comes back as one sample without labels
  std::vector<Series> matrix;         // matrix
  std::string string_value;           // string
  std::vector<std::string> warnings;  // the server's own warnings, verbatim
};

// Parses one response body given its HTTP status. Returns false with `err`
// naming the cause when the body is not JSON, says status "error" (with its
// errorType and error), is not a query response (labels, series, ...), or
// holds a malformed sample. Never throws.
bool read_query_response(long http_status, const std::string& body, QueryResult* out,
                         std::string* err);

// Parses a Prometheus sample value: a decimal, "NaN", "+Inf", "-Inf".
bool parse_sample_value(const std::string& text, double* out);

}  // namespace changegate::prometheus
