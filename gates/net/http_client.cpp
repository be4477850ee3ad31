#include "gates/net/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

namespace changegate {

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t write_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    (*headers)[name] = value;
  } else if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();  // a new response (after a redirect or 100-continue) starts afresh
  }
  return size * count;
}

bool retryable_status(long status, const HttpResponse& r) {
  if (status >= 500 && status <= 599) return true;
  if (status == 429) return true;
  if (status == 403) {
    // GitHub signals its rate limit with 403 and these headers.
    auto remaining = r.headers.find("x-ratelimit-remaining");
    return (remaining != r.headers.end() && remaining->second == "0") ||
           r.headers.count("retry-after");
  }
  return false;
}

}  // namespace

std::string HttpResponse::describe_failure(const HttpRequest& request) const {
  // Strip any query string: it may carry PromQL, never secrets, but keeps messages short.
  std::string where = request.method + " " + request.url.substr(0, request.url.find('?'));
  std::string tries = attempts > 1 ? " after " + std::to_string(attempts) + " attempts" : "";
  if (status == 0) return where + ": " + error + tries;
  std::string redirect;
  const auto location = headers.find("location");
  if (status >= 300 && status < 400 && location != headers.end()) {
    const std::string origin = url_origin(location->second);
    redirect = " (a redirect" + (origin.empty() ? "" : " to " + origin) +
               ", not followed: it could carry the credentials elsewhere)";
  }
  return where + ": HTTP " + std::to_string(status) + tries + redirect;
}

std::int64_t retry_after_ms(const HttpResponse& response, std::int64_t now_epoch_seconds) {
  auto it = response.headers.find("retry-after");
  if (it != response.headers.end()) {
    char* end = nullptr;
    const long long seconds = std::strtoll(it->second.c_str(), &end, 10);
    if (end != it->second.c_str() && *end == '\0' && seconds >= 0) return seconds * 1000;
  }
  it = response.headers.find("x-ratelimit-reset");
  if (it != response.headers.end()) {
    char* end = nullptr;
    const long long reset = std::strtoll(it->second.c_str(), &end, 10);
    if (end != it->second.c_str() && *end == '\0')
      return std::max<std::int64_t>(0, (reset - now_epoch_seconds) * 1000);
  }
  return -1;
}

std::string url_origin(const std::string& url) {
  const std::size_t colon = url.find("://");
  if (colon == std::string::npos) return "";
  std::string scheme = url.substr(0, colon);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "http" && scheme != "https") return "";
  std::string authority = url.substr(colon + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  const std::size_t at = authority.rfind('@');
  if (at != std::string::npos) authority.erase(0, at + 1);
  std::transform(authority.begin(), authority.end(), authority.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // The port follows the last ':' outside an IPv6 literal's brackets.
  const std::size_t bracket = authority.rfind(']');
  const std::size_t port_colon = authority.rfind(':');
  std::string host = authority, port;
  if (port_colon != std::string::npos && (bracket == std::string::npos || port_colon > bracket)) {
    host = authority.substr(0, port_colon);
    port = authority.substr(port_colon + 1);
  }
  if (host.empty() || port.find_first_not_of("0123456789") != std::string::npos) return "";
  if (port.empty()) port = scheme == "https" ? "443" : "80";
  return scheme + "://" + host + ":" + std::to_string(std::stol(port.substr(0, 6)));
}

std::string url_encode(const std::string& value) {
  static const char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(k_hex[c >> 4]);
      out.push_back(k_hex[c & 15]);
    }
  }
  return out;
}

std::string basic_auth_value(const std::string& user_colon_password) {
  static const char k_alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "Basic ";
  const std::string& in = user_colon_password;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::uint32_t b0 = static_cast<unsigned char>(in[i]);
    const std::uint32_t b1 = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0;
    const std::uint32_t b2 = i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0;
    const std::uint32_t n = (b0 << 16) | (b1 << 8) | b2;
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? k_alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? k_alphabet[n & 63] : '=';
  }
  return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += url_encode(name) + "=" + url_encode(value);
  }
  return out;
}

CurlHttpClient::CurlHttpClient(HttpOptions options)
    : options_(std::move(options)), sleeper_([](std::int64_t ms) {
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      }) {
  global_init();
}

HttpResponse CurlHttpClient::attempt(const HttpRequest& request) const {
  HttpResponse response;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    response.error = "cannot initialise libcurl";
    return response;
  }
  CURL* h = curl.get();
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.timeout_ms));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  // Redirects are never followed: libcurl would drop a custom Authorization
  // header on another host only since 7.83 (and keeps PRIVATE-TOKEN or a
  // tenant header on any host), so a 3xx comes back to the caller instead.
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_UNRESTRICTED_AUTH, 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_USERAGENT, "changegate/" CHANGEGATE_VERSION);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);
  struct curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers)
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  if (!request.content_type.empty())
    headers = curl_slist_append(headers, ("Content-Type: " + request.content_type).c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_guard(headers,
                                                                           curl_slist_free_all);
  if (headers) curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  if (request.method == "POST") {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  }
  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    response.status = 0;
    response.body.clear();
    response.error = code == CURLE_OPERATION_TIMEDOUT
                         ? "timed out after " + std::to_string(options_.timeout_ms) + " ms"
                         : std::string(error_buffer[0] ? error_buffer : curl_easy_strerror(code));
    return response;
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

HttpResponse CurlHttpClient::send(const HttpRequest& request) {
  std::mt19937_64 random(std::random_device{}());
  std::int64_t delay = options_.backoff_ms;
  HttpResponse response;
  for (int attempt_no = 0;; ++attempt_no) {
    response = attempt(request);
    response.attempts = attempt_no + 1;
    const bool retry = response.status == 0 || retryable_status(response.status, response);
    if (!retry || attempt_no >= options_.retries) return response;
    std::int64_t wait = delay;
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    const std::int64_t asked = response.status ? retry_after_ms(response, now) : -1;
    if (asked >= 0) {
      wait = std::min(asked, options_.max_retry_after_ms);
    } else {
      std::uniform_real_distribution<double> jitter(0.75, 1.25);
      wait = static_cast<std::int64_t>(static_cast<double>(delay) * jitter(random));
    }
    sleeper_(wait);
    delay = std::min(delay * 2, options_.max_backoff_ms);
  }
}

}  // namespace changegate
