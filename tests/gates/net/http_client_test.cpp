#include "gates/net/http_client.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "tests/support/fault_server.h"

using namespace changegate;
using changegate::testing::FaultServer;

namespace {

// Fast options for a server on the same host; the sleeper records the
// backoff instead of waiting it out.
struct Client {
  HttpOptions options;
  std::vector<std::int64_t> waits;
  explicit Client(int retries = 2, std::int64_t timeout_ms = 2000) {
    options.retries = retries;
    options.timeout_ms = timeout_ms;
    options.backoff_ms = 10;
  }
  HttpResponse get(const std::string& url,
                   std::vector<std::pair<std::string, std::string>> h = {}) {
    CurlHttpClient client(options);
    client.set_sleeper([this](std::int64_t ms) { waits.push_back(ms); });
    HttpRequest request;
    request.url = url;
    request.headers = std::move(h);
    return client.send(request);
  }
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("http client: a 503 then a success is retried and succeeds") {
  FaultServer server;
  Client c;
  const HttpResponse r = c.get(server.url() + "/flaky/a/1/echo");
  CHECK(r.status == 200);
  CHECK(r.attempts == 2);
  CHECK(c.waits.size() == 1);
  CHECK(Client().get(server.url() + "/count/a").body == "2");
}

TEST_CASE("http client: retries are bounded and the failure names the status") {
  FaultServer server;
  Client c(2);
  HttpRequest request;
  request.url = server.url() + "/flaky/b/10/echo";
  const HttpResponse r = c.get(request.url);
  CHECK(r.status == 503);
  CHECK(r.attempts == 3);
  CHECK(r.describe_failure(request) == "GET " + request.url + ": HTTP 503 after 3 attempts");
  REQUIRE(c.waits.size() == 2);
  // Exponential backoff with +-25% jitter: 10 ms, then 20 ms.
  CHECK(c.waits[0] >= 7);
  CHECK(c.waits[0] <= 13);
  CHECK(c.waits[1] >= 15);
  CHECK(c.waits[1] <= 25);
}

TEST_CASE("http client: a 400 is returned at once, never retried") {
  FaultServer server;
  Client c;
  const HttpResponse r = c.get(server.url() + "/status/400");
  CHECK(r.status == 400);
  CHECK(r.attempts == 1);
  CHECK(c.waits.empty());
  CHECK(r.body.find("injected HTTP 400") != std::string::npos);
}

TEST_CASE("http client: a 429 waits as long as Retry-After says, then succeeds") {
  FaultServer server;
  Client c;
  const HttpResponse r = c.get(server.url() + "/ratelimit/c/1/echo");
  CHECK(r.status == 200);
  CHECK(r.attempts == 2);
  REQUIRE(c.waits.size() == 1);
  CHECK(c.waits[0] == 1000);
}

TEST_CASE("http client: a server that accepts and never answers times out within bounds") {
  FaultServer server;
  Client c(1, 300);
  const auto start = std::chrono::steady_clock::now();
  const HttpResponse r = c.get(server.url() + "/hang");
  const double took = seconds_since(start);
  CHECK(r.status == 0);
  CHECK(r.error == "timed out after 300 ms");
  CHECK(r.attempts == 2);
  CHECK(took >= 0.55);
  CHECK(took < 3.0);
}

TEST_CASE("http client: nothing listening fails fast with an error, after bounded retries") {
  Client c(2, 2000);
  const std::string url = "http://127.0.0.1:" + std::to_string(testing::unused_port()) + "/x";
  const auto start = std::chrono::steady_clock::now();
  const HttpResponse r = c.get(url);
  CHECK(r.status == 0);
  CHECK_FALSE(r.error.empty());
  CHECK(r.attempts == 3);
  CHECK(seconds_since(start) < 2.0);
}

TEST_CASE("http client: request headers reach the server") {
  FaultServer server;
  Client c;
  const HttpResponse r =
      c.get(server.url() + "/echo", {{"X-Scope-OrgID", "team-a"}, {"Authorization", "Bearer s3"}});
  REQUIRE(r.status == 200);
  const auto echo = nlohmann::json::parse(r.body);
  CHECK(echo["headers"]["x-scope-orgid"] == "team-a");
  CHECK(echo["headers"]["authorization"] == "Bearer s3");
  CHECK(echo["headers"]["user-agent"].get<std::string>().rfind("changegate/", 0) == 0);
}

TEST_CASE("http client: a POST sends its form body and content type") {
  FaultServer server;
  CurlHttpClient client(HttpOptions{});
  HttpRequest request;
  request.method = "POST";
  request.url = server.url() + "/echo";
  request.content_type = "application/x-www-form-urlencoded";
  request.body = form_encode({{"query", "sum(rate(x{code=~\"5..\"}[5m]))"}, {"time", "1"}});
  const HttpResponse r = client.send(request);
  REQUIRE(r.status == 200);
  const auto echo = nlohmann::json::parse(r.body);
  CHECK(echo["method"] == "POST");
  CHECK(echo["headers"]["content-type"] == "application/x-www-form-urlencoded");
  CHECK(echo["body"] == "query=sum%28rate%28x%7Bcode%3D~%225..%22%7D%5B5m%5D%29%29&time=1");
}

TEST_CASE("http client: a failure message never carries header values") {
  Client c(0, 500);
  HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(testing::unused_port()) + "/x?q=1";
  const HttpResponse r = c.get(request.url, {{"Authorization", "Bearer TOPSECRET"}});
  request.headers = {{"Authorization", "Bearer TOPSECRET"}};
  const std::string message = r.describe_failure(request);
  CHECK(message.find("TOPSECRET") == std::string::npos);
  CHECK(message.find("?q=1") == std::string::npos);
}

TEST_CASE("http client: basic auth values are base64 of user:password") {
  CHECK(basic_auth_value("user:pass") == "Basic dXNlcjpwYXNz");
  CHECK(basic_auth_value("a:") == "Basic YTo=");
  CHECK(basic_auth_value("ab:c") == "Basic YWI6Yw==");
}

TEST_CASE("http client: https with a private CA works only through ca_file") {
  FaultServer server{FaultServer::Tls{}};
  Client trusting(0);
  trusting.options.ca_file = changegate::testing::tls_ca_file();
  const HttpResponse ok = trusting.get(server.url() + "/echo");
  CHECK(ok.status == 200);
  CHECK(ok.error.empty());
  // Without the CA the certificate is unknown: the request fails, it is
  // never sent unverified.
  Client default_trust(0);
  const HttpResponse refused = default_trust.get(server.url() + "/echo");
  CHECK(refused.status == 0);
  CHECK_THAT(refused.error, Catch::Contains("certificate"));
}

TEST_CASE(
    "http client: url_origin: scheme, host and port decide, with default ports and no userinfo") {
  CHECK(url_origin("https://API.github.com/repos?x=1") == "https://api.github.com:443");
  CHECK(url_origin("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080");
  CHECK(url_origin("http://u:secret@host.example/") == "http://host.example:80");
  CHECK(url_origin("http://[::1]:9/x") == "http://[::1]:9");
  CHECK(url_origin("https://h.example:443") == url_origin("https://h.example/"));
  CHECK(url_origin("http://h.example") != url_origin("https://h.example"));
  CHECK(url_origin("ftp://h.example/").empty());
  CHECK(url_origin("/relative/path").empty());
  CHECK(url_origin("http://h.example:8x/").empty());
}

TEST_CASE("http client: a redirect to another origin is not followed, the header goes nowhere") {
  // Expected: the 302 comes back to the caller; the other origin sees no request at all.
  FaultServer server;
  FaultServer foreign;
  Client c(0);
  const HttpResponse r = c.get(server.url() + "/redirect/" + url_encode(foreign.url() + "/echo"),
                               {{"Authorization", "Bearer tok-redirect-77"}});
  CHECK(r.status == 302);
  HttpRequest request;
  request.url = server.url() + "/redirect/x";
  CHECK(r.describe_failure(request) ==
        "GET " + server.url() + "/redirect/x: HTTP 302 (a redirect to " + foreign.url() +
            ", not followed: it could carry the credentials elsewhere)");
  CHECK(foreign.log().find("/echo") == std::string::npos);
  CHECK(r.body.find("tok-redirect-77") == std::string::npos);
}
