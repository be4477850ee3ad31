#include "gates/net/dsn_secrets.h"

#include <libpq-fe.h>

#include <cstdlib>

namespace changegate {

namespace {

// The password exactly as a URI spells it ("postgresql://u:p%40ss@h/db" ->
// "p%40ss"), which PQconninfoParse only returns decoded.
std::string uri_password(const std::string& dsn) {
  const auto scheme = dsn.find("://");
  if (scheme == std::string::npos) return "";
  const auto start = scheme + 3;
  const auto end = dsn.find_first_of("/?#", start);
  const std::string authority = dsn.substr(start, end == std::string::npos ? end : end - start);
  const auto at = authority.rfind('@');
  if (at == std::string::npos) return "";
  const auto colon = authority.find(':');
  if (colon == std::string::npos || colon > at) return "";
  return authority.substr(colon + 1, at - colon - 1);
}

void replace_all(std::string& text, const std::string& secret) {
  for (std::size_t at; (at = text.find(secret)) != std::string::npos;)
    text.replace(at, secret.size(), "***");
}

}  // namespace

std::vector<std::string> dsn_secrets(const std::string& dsn) {
  std::vector<std::string> secrets;
  auto add = [&](const std::string& s) {
    if (!s.empty()) secrets.push_back(s);
  };
  add(dsn);
  add(uri_password(dsn));
  if (PQconninfoOption* opts = PQconninfoParse(dsn.c_str(), nullptr)) {
    for (PQconninfoOption* o = opts; o->keyword; ++o)
      if (std::string(o->keyword) == "password" && o->val) add(o->val);
    PQconninfoFree(opts);
  }
  if (const char* env = std::getenv("PGPASSWORD")) add(env);
  return secrets;
}

std::string scrub_dsn(std::string message, const std::string& dsn) {
  for (const auto& s : dsn_secrets(dsn)) replace_all(message, s);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

std::string redact_dsn(const std::string& dsn) {
  std::string shown = dsn;
  auto secrets = dsn_secrets(dsn);
  for (std::size_t i = 1; i < secrets.size(); ++i) replace_all(shown, secrets[i]);
  return shown;
}

}  // namespace changegate
