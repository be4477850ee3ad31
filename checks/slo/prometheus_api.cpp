#include "checks/slo/prometheus_api.h"

#include "gates/util/sha256.h"

namespace changegate {

std::string PrometheusCall::evidence_path() const {
  std::vector<std::pair<std::string, std::string>> fields{{"query", promql}};
  fields.insert(fields.end(), params.begin(), params.end());
  return "POST " + url + "?" + form_encode(fields);
}

PrometheusApi::PrometheusApi(std::string base_url,
                             std::vector<std::pair<std::string, std::string>> headers,
                             HttpClient& client)
    : base_url_(std::move(base_url)), headers_(std::move(headers)), client_(client) {}

PrometheusCall PrometheusApi::query(const std::string& promql, Timestamp time) {
  PrometheusCall c;
  c.endpoint = "/api/v1/query";
  c.promql = promql;
  c.params = {{"time", std::to_string(time)}};
  return call(std::move(c));
}

PrometheusCall PrometheusApi::query_range(const std::string& promql, Timestamp start, Timestamp end,
                                          std::int64_t step) {
  PrometheusCall c;
  c.endpoint = "/api/v1/query_range";
  c.promql = promql;
  c.params = {{"start", std::to_string(start)},
              {"end", std::to_string(end)},
              {"step", std::to_string(step)}};
  return call(std::move(c));
}

PrometheusCall PrometheusApi::call(PrometheusCall c) {
  c.url = base_url_ + c.endpoint;
  // A form POST: PromQL can be longer than a URL may be, and Prometheus,
  // Thanos, Mimir and VictoriaMetrics all take the same parameters this way.
  HttpRequest request;
  request.method = "POST";
  request.url = c.url;
  request.headers = headers_;
  request.headers.emplace_back("Accept", "application/json");
  request.content_type = "application/x-www-form-urlencoded";
  std::vector<std::pair<std::string, std::string>> fields{{"query", c.promql}};
  fields.insert(fields.end(), c.params.begin(), c.params.end());
  request.body = form_encode(fields);

  if (!unreachable_.empty()) {
    c.error = "not sent: " + unreachable_;
    return c;
  }
  const HttpResponse response = client_.send(request);
  c.http_status = response.status;
  c.attempts = response.attempts;
  if (response.status == 0) {
    c.error = response.describe_failure(request);
    unreachable_ = c.error;
    return c;
  }
  c.sha256 = sha256_hex(response.body);
  c.bytes = response.body.size();
  std::string err;
  if (!prometheus::read_query_response(response.status, response.body, &c.result, &err)) {
    c.error = request.method + " " + c.url + ": " + err +
              (response.attempts > 1 ? " (after " + std::to_string(response.attempts) + " attempts)"
                                     : "");
    return c;
  }
  c.ok = true;
  return c;
}

}  // namespace changegate
