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
                             HttpClient& client, bool allow_partial, const Secrets* secrets)
    : base_url_(std::move(base_url)),
      headers_(std::move(headers)),
      client_(client),
      allow_partial_(allow_partial),
      secrets_(secrets) {}

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
  if (response.status >= 300 && response.status < 400) {
    // Never followed (gates/net/http_client.h): say where it pointed, once.
    c.error = response.describe_failure(request);
    unreachable_ = c.error;
    return c;
  }
  if (response.status == 404) {
    // Prometheus answers every query path; a 404 means the base URL misses
    // the API's prefix, and every other query would get the same answer.
    c.error = response.describe_failure(request) +
              ": no Prometheus API under this base URL (Mimir serves it under /prometheus, "
              "Cortex under /api/prom)";
    unreachable_ = c.error;
    return c;
  }
  std::string err;
  const std::string body = secrets_ ? secrets_->scrub(response.body) : response.body;
  if (!prometheus::read_query_response(response.status, body, &c.result, &err)) {
    c.error = request.method + " " + c.url + ": " + err +
              (response.attempts > 1 ? " (after " + std::to_string(response.attempts) + " attempts)"
                                     : "");
    return c;
  }
  if (!c.result.warnings.empty() && !allow_partial_) {
    // A partial response (a store or ingester missing) can hide the errors
    // that would spend the budget: it is no basis for a pass.
    const auto& w = c.result.warnings;
    c.error = request.method + " " + c.url + ": partial response, the server warns \"" + w.front() +
              "\"" + (w.size() > 1 ? " (+" + std::to_string(w.size() - 1) + " more)" : "") +
              " (allow_partial = true accepts partial data)";
    return c;
  }
  c.ok = true;
  return c;
}

}  // namespace changegate
