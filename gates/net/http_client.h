// HTTP for the gates that ask a server (Prometheus, GitHub, GitLab), over
// libcurl: timeouts, bounded retries with exponential backoff and jitter,
// rate limits honoured, TLS verification always on. Abstract so checks can be
// unit-tested with an in-memory fake; CurlHttpClient is the real one.
//
// Secrets travel only in request headers; nothing here ever puts a header
// value into an error message, and callers must not put tokens in URLs.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace changegate {

struct HttpRequest {
  std::string method = "GET";  // GET or POST
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // name, value
  std::string body;                                          // POST body, sent as is
  std::string content_type;  // e.g. "application/x-www-form-urlencoded"
};

struct HttpResponse {
  long status = 0;  // HTTP status; 0 when no response arrived (see error)
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased; the last value wins
  std::string error;  // transport failure after all retries ("connection refused", "timed out after
                      // 2000 ms")
  int attempts = 0;
  // A message for a gate's summary: "GET http://host/api/v1/query: HTTP 503 after 3 attempts".
  // A redirect, never followed, names the origin it pointed to. Never
  // includes header values.
  std::string describe_failure(const HttpRequest& request) const;
};

struct HttpOptions {
  std::int64_t timeout_ms = 10000;  // whole request, connect included
  int retries = 2;                  // extra attempts after the first
  std::int64_t backoff_ms = 250;    // first retry delay; doubles, with +-25% jitter
  std::int64_t max_backoff_ms = 5000;
  std::int64_t max_retry_after_ms = 60000;  // cap on a server's Retry-After / X-RateLimit-Reset
  std::string ca_file;                      // extra CA bundle; verification itself is never off
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends the request, retrying transport errors, 5xx, 429 and rate-limited
  // 403 within the options' bounds; 4xx otherwise are returned at once.
  // Never throws for network problems: they come back in HttpResponse::error.
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

class CurlHttpClient : public HttpClient {
 public:
  explicit CurlHttpClient(HttpOptions options);
  HttpResponse send(const HttpRequest& request) override;
  // Replaces the sleep between attempts (tests measure backoff without waiting).
  void set_sleeper(std::function<void(std::int64_t ms)> sleeper) { sleeper_ = std::move(sleeper); }

 private:
  HttpResponse attempt(const HttpRequest& request) const;
  HttpOptions options_;
  std::function<void(std::int64_t ms)> sleeper_;
};

// "scheme://host:port" of an absolute http(s) URL, lower-cased, with the
// scheme's default port filled in and any user:password@ dropped; "" when
// `url` is not an absolute http(s) URL. Two URLs may share a token only when
// their origins are equal.
std::string url_origin(const std::string& url);

// Percent-encodes a query or form value (RFC 3986 unreserved characters stay).
std::string url_encode(const std::string& value);
// "Basic dXNlcjpwYXNz" for an Authorization header, from "user:pass".
std::string basic_auth_value(const std::string& user_colon_password);
// "a=1&b=x%20y" from pairs.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// How long a response asks us to wait before retrying, in ms (Retry-After in
// seconds, or X-RateLimit-Reset as epoch seconds against `now`); -1 if it does not say.
std::int64_t retry_after_ms(const HttpResponse& response, std::int64_t now_epoch_seconds);

}  // namespace changegate
