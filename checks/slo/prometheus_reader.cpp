#include "checks/slo/prometheus_reader.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace changegate::prometheus {

namespace {

using nlohmann::json;

constexpr std::size_t k_snippet = 120;

// The start of a body for a message, on one line: enough to recognise an
// HTML error page or "404 page not found" without dumping megabytes.
std::string snippet(const std::string& body) {
  std::string out;
  for (char c : body.substr(0, k_snippet)) {
    const unsigned char u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return body.size() > k_snippet ? out + "..." : out;
}

std::string http(long status) {
  return "HTTP " + std::to_string(status);
}

bool read_labels(const json& metric, Labels* out, std::string* err) {
  if (metric.is_null()) return true;
  if (!metric.is_object()) {
    *err = "a sample's \"metric\" is not an object";
    return false;
  }
  for (const auto& [name, value] : metric.items()) {
    if (!value.is_string()) {
      *err = "label \"" + name + "\" is not a string";
      return false;
    }
    (*out)[name] = value.get<std::string>();
  }
  return true;
}

// [1732300000.123, "0.5"]: the time is a JSON number, the value a string.
bool read_point(const json& pair, double* time, double* value, std::string* err) {
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() || !pair[1].is_string()) {
    *err = "a sample is not [time, \"value\"]: " + snippet(pair.dump());
    return false;
  }
  *time = pair[0].get<double>();
  const std::string text = pair[1].get<std::string>();
  if (!parse_sample_value(text, value)) {
    *err = "a sample value is not a number: \"" + snippet(text) + "\"";
    return false;
  }
  return true;
}

bool read_vector(const json& result, QueryResult* out, std::string* err) {
  for (const auto& item : result) {
    if (!item.is_object()) {
      *err = "a vector element is not an object";
      return false;
    }
    Sample s;
    if (!read_labels(item.value("metric", json()), &s.labels, err)) return false;
    if (!item.contains("value")) {
      *err = item.contains("histogram")
                 ? "native histogram samples are not supported; query a float series"
                 : "a vector element has no \"value\"";
      return false;
    }
    if (!read_point(item["value"], &s.time, &s.value, err)) return false;
    out->vector.push_back(std::move(s));
  }
  return true;
}

bool read_matrix(const json& result, QueryResult* out, std::string* err) {
  for (const auto& item : result) {
    if (!item.is_object()) {
      *err = "a matrix element is not an object";
      return false;
    }
    Series s;
    if (!read_labels(item.value("metric", json()), &s.labels, err)) return false;
    const json values = item.value("values", json::array());
    if (!values.is_array()) {
      *err = "a series' \"values\" is not an array";
      return false;
    }
    if (item.contains("histograms")) {
      *err = "native histogram samples are not supported; query a float series";
      return false;
    }
    for (const auto& pair : values) {
      double t = 0, v = 0;
      if (!read_point(pair, &t, &v, err)) return false;
      s.points.emplace_back(t, v);
    }
    out->matrix.push_back(std::move(s));
  }
  return true;
}

}  // namespace

bool parse_sample_value(const std::string& text, double* out) {
  // Go writes NaN, +Inf and -Inf; strtod reads those spellings too, but it
  // would also take hex floats and leading blanks, which Prometheus never sends.
  if (text == "NaN") {
    *out = std::nan("");
    return true;
  }
  if (text == "+Inf" || text == "Inf") {
    *out = HUGE_VAL;
    return true;
  }
  if (text == "-Inf") {
    *out = -HUGE_VAL;
    return true;
  }
  if (text.empty() || text.size() > 64) return false;
  for (char c : text)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' ||
          c == 'e' || c == 'E'))
      return false;
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return false;
  *out = value;  // an overflow is ±HUGE_VAL, as Prometheus itself would hold it
  return true;
}

bool read_query_response(long http_status, const std::string& body, QueryResult* out,
                         std::string* err) {
  *out = QueryResult{};
  const json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    *err = "the server answered " + http(http_status) + " with a body that is not JSON: \"" +
           snippet(body) + "\"";
    return false;
  }
  if (!doc.is_object() || !doc.contains("status") || !doc["status"].is_string()) {
    *err = "the server answered " + http(http_status) +
           " with JSON that is not a Prometheus API response (no \"status\")";
    return false;
  }
  if (doc.contains("warnings") && doc["warnings"].is_array())
    for (const auto& w : doc["warnings"])
      if (w.is_string()) out->warnings.push_back(w.get<std::string>());
  const std::string status = doc["status"].get<std::string>();
  if (status == "error") {
    auto text = [&doc](const char* key) {
      const auto it = doc.find(key);
      return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string type = text("errorType");
    const std::string message = text("error");
    *err = "Prometheus error" + (type.empty() ? "" : " " + type) + " (" + http(http_status) +
           "): " + (message.empty() ? "(no message)" : message);
    return false;
  }
  if (status != "success") {
    *err = "the server answered " + http(http_status) + " with status \"" + snippet(status) +
           "\", neither \"success\" nor \"error\"";
    return false;
  }
  if (http_status < 200 || http_status > 299) {
    *err = "the server answered " + http(http_status) + " although the body says \"success\"";
    return false;
  }
  const json* data = doc.contains("data") ? &doc["data"] : nullptr;
  if (!data || !data->is_object() || !data->contains("resultType") ||
      !(*data)["resultType"].is_string()) {
    *err =
        "not a query response: \"data\" has no \"resultType\" (is the URL a /api/v1/query "
        "endpoint?)";
    return false;
  }
  out->result_type = (*data)["resultType"].get<std::string>();
  const json result = data->value("result", json());
  if (out->result_type == "vector" || out->result_type == "matrix") {
    if (!result.is_array()) {
      *err = "a " + out->result_type + " result is not an array";
      return false;
    }
    return out->result_type == "vector" ? read_vector(result, out, err)
                                        : read_matrix(result, out, err);
  }
  if (out->result_type == "scalar") {
    Sample s;
    if (!read_point(result, &s.time, &s.value, err)) return false;
    out->vector.push_back(std::move(s));
    return true;
  }
  if (out->result_type == "string") {
    if (!result.is_array() || result.size() != 2 || !result[1].is_string()) {
      *err = "a string result is not [time, \"text\"]";
      return false;
    }
    out->string_value = result[1].get<std::string>();
    return true;
  }
  *err = "unknown resultType \"" + snippet(out->result_type) + "\"";
  return false;
}

}  // namespace changegate::prometheus
