#include "gates/report/display.h"

#include <cmath>
#include <cstdio>

#include "gates/util/strings.h"
#include "gates/util/utf8.h"

namespace changegate {

namespace {

std::string trimmed_fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string s = buffer;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string percent(double ratio) {
  return display_number(ratio * 100) + "%";
}

std::string burn(double rate) {
  return trimmed_fixed(rate, 1) + "×";
}

bool is_ratio(const std::string& name) {
  const std::string n = lower(name);
  for (const char* word : {"ratio", "share", "coverage", "budget"})
    if (n.find(word) != std::string::npos) return true;
  return false;
}

bool is_burn(const std::string& name, const std::string& op) {
  return op == "not both >" || lower(name).find("burn") != std::string::npos;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded: '+' is a space, %XX a byte.
std::string form_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 &&
               hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string display_number(double value) {
  if (!std::isfinite(value)) return std::isnan(value) ? "NaN" : value > 0 ? "∞" : "-∞";
  const double magnitude = std::fabs(value);
  int integer_digits = magnitude < 1 ? 0 : static_cast<int>(std::floor(std::log10(magnitude))) + 1;
  int decimals = 4 - integer_digits;
  // Below 1, four significant digits: 0.0001234 keeps its leading zeros.
  if (magnitude > 0 && magnitude < 1)
    decimals = 3 - static_cast<int>(std::floor(std::log10(magnitude)));
  if (decimals < 0) decimals = 0;
  if (decimals > 17) decimals = 17;
  return trimmed_fixed(value, decimals);
}

std::string display_value(const std::string& name, const std::string& op,
                          const nlohmann::json& value) {
  if (value.is_null()) return "—";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean() || value.is_number_integer()) return value.dump();
  if (value.is_number()) {
    const double v = value.get<double>();
    if (is_burn(name, op)) return burn(v);
    if (is_ratio(name)) return percent(v);
    return display_number(v);
  }
  if (value.is_object() && is_burn(name, op)) {
    std::vector<std::string> parts;
    for (const auto& [window, rate] : value.items())
      parts.push_back(window + " " + (rate.is_number() ? burn(rate.get<double>()) : rate.dump()));
    return join(parts, ", ");
  }
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string display_tolerance(const nlohmann::json& tolerance) {
  if (tolerance.is_number()) return "±" + display_number(tolerance.get<double>());
  if (!tolerance.is_object()) return tolerance.is_null() ? "" : tolerance.dump();
  std::vector<std::string> parts;
  if (const auto abs = tolerance.find("abs"); abs != tolerance.end() && abs->is_number())
    parts.push_back("±" + display_number(abs->get<double>()));
  if (const auto rel = tolerance.find("rel"); rel != tolerance.end() && rel->is_number())
    parts.push_back("±" + percent(rel->get<double>()));
  return parts.empty() ? tolerance.dump() : join(parts, " or ");
}

std::string display_evidence_path(const std::string& path) {
  const std::size_t question = path.find('?');
  if (question == std::string::npos || !(starts_with(path, "POST ") || starts_with(path, "GET ")))
    return path;
  std::string out = path.substr(0, question);
  const std::string query = path.substr(question + 1);
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string field = query.substr(start, end - start);
    const std::size_t eq = field.find('=');
    if (!field.empty())
      out += " " + form_decode(field.substr(0, eq)) +
             (eq == std::string::npos ? "" : "=" + form_decode(field.substr(eq + 1)));
    start = end + 1;
  }
  return to_valid_utf8(out);
}

}  // namespace changegate
