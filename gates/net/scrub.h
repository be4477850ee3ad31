// One scrubber for every secret a run knows (API tokens, header values, DSN
// passwords): every server-provided string passes through it before it can
// reach a summary, a detail, a report or a log. Gates register the secrets
// they read; the engine scrubs every gate result with all of them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace changegate {

struct GateResult;

class Secrets {
 public:
  // Remembers `value` (ignored when empty). A bearer token, a password and a
  // whole header value are registered separately; `add_basic_auth` also
  // registers the Base64 form a server may echo back.
  void add(const std::string& value);
  void add_basic_auth(const std::string& user_colon_password);
  bool empty() const { return values_.empty(); }

  // `text` with every occurrence of every secret replaced by "[redacted]",
  // longest secret first, so a secret containing another is cut whole.
  std::string scrub(std::string text) const;
  // The same over every string (keys included) in a JSON value.
  void scrub(nlohmann::json& value) const;
  // The same over every string a gate result carries.
  void scrub(GateResult& result) const;

 private:
  std::vector<std::string> values_;  // longest first
};

constexpr const char* k_redacted = "[redacted]";

}  // namespace changegate
