#include "gates/net/scrub.h"

#include <algorithm>

#include "gates/evaluation.h"
#include "gates/net/http_client.h"
#include "gates/util/json_strings.h"

namespace changegate {

void Secrets::add(const std::string& value) {
  if (value.empty()) return;
  if (std::find(values_.begin(), values_.end(), value) != values_.end()) return;
  values_.push_back(value);
  std::stable_sort(values_.begin(), values_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void Secrets::add_basic_auth(const std::string& user_colon_password) {
  add(user_colon_password);
  const auto colon = user_colon_password.find(':');
  if (colon != std::string::npos) add(user_colon_password.substr(colon + 1));
  const std::string header = basic_auth_value(user_colon_password);  // "Basic <base64>"
  add(header.substr(header.find(' ') + 1));
}

std::string Secrets::scrub(std::string text) const {
  for (const auto& secret : values_) {
    for (std::size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + std::char_traits<char>::length(k_redacted)))
      text.replace(at, secret.size(), k_redacted);
  }
  return text;
}

void Secrets::scrub(nlohmann::json& value) const {
  if (values_.empty()) return;
  rewrite_json_strings(value, [this](const std::string& text) { return scrub(text); });
}

void Secrets::scrub(GateResult& r) const {
  if (values_.empty()) return;
  r.summary = scrub(r.summary);
  for (auto& p : r.problems) p = scrub(p);
  scrub(r.details);
  for (auto& c : r.comparisons) {
    c.name = scrub(c.name);
    scrub(c.actual);
    scrub(c.expected);
  }
  for (auto& e : r.evidence) e.path = scrub(e.path);
}

}  // namespace changegate
