// The two Prometheus HTTP API calls the slo gate makes, over HttpClient:
// each call comes back as a record of exactly what was asked, what came back
// (digest included, for the evidence) and why it failed, if it did.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "checks/slo/prometheus_reader.h"
#include "gates/net/http_client.h"
#include "gates/net/scrub.h"
#include "gates/util/timestamp.h"

namespace changegate {

struct PrometheusCall {
  std::string endpoint;  // "/api/v1/query" or "/api/v1/query_range"
  std::string promql;    // exactly as sent
  std::vector<std::pair<std::string, std::string>> params;  // time, or start/end/step
  std::string url;  // the endpoint's URL; the request is a form POST
  bool ok = false;
  std::string error;  // why it failed, naming the server's cause
  prometheus::QueryResult result;
  long http_status = 0;
  int attempts = 0;
  std::string sha256;  // of the response body
  std::uint64_t bytes = 0;

  // "POST URL?query=...&time=...": what to paste into curl to see the same answer.
  std::string evidence_path() const;
};

class PrometheusApi {
 public:
  // `base_url` has no trailing '/'; `headers` go on every request (tenant
  // headers, Authorization) and never into a PrometheusCall. Unless
  // `allow_partial`, a response with warnings (a partial answer from Thanos,
  // Mimir or Prometheus) is a failed call. Every body is scrubbed of
  // `secrets` (when given) before it is read: an error quotes the start of a
  // body, and a secret cut off there would escape the run's scrubber.
  PrometheusApi(std::string base_url, std::vector<std::pair<std::string, std::string>> headers,
                HttpClient& client, bool allow_partial = false, const Secrets* secrets = nullptr);

  // An instant query evaluated at `time`. After a transport failure (nothing
  // listening, a timeout) later calls fail at once with the same cause, so a
  // dead server costs one request's retries, not one per query.
  PrometheusCall query(const std::string& promql, Timestamp time);
  // A range query over [start, end] every `step` seconds.
  PrometheusCall query_range(const std::string& promql, Timestamp start, Timestamp end,
                             std::int64_t step);
  // Why the server cannot be asked at all (nothing listening, a timeout, a
  // 404 for the API path), or "": one cause for the whole gate.
  const std::string& unreachable() const { return unreachable_; }

 private:
  PrometheusCall call(PrometheusCall c);
  std::string base_url_;
  std::string unreachable_;  // the first transport failure: later calls are not sent
  std::vector<std::pair<std::string, std::string>> headers_;
  HttpClient& client_;
  bool allow_partial_ = false;
  const Secrets* secrets_ = nullptr;
};

}  // namespace changegate
