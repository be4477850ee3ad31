#include "gates/ledger/jcs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace changegate {

namespace {

constexpr std::int64_t k_max_exact_integer = 9007199254740992;  // 2^53

// Decodes UTF-8 into UTF-16 code units; false on invalid UTF-8.
bool utf16_units(std::string_view text, std::u16string* out) {
  out->clear();
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = 0;
    std::size_t len = 0;
    if (c < 0x80) {
      cp = c, len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, len = 4;
    } else {
      return false;
    }
    if (i + len > text.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static const std::uint32_t k_min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < k_min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out->push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out->push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out->push_back(static_cast<char16_t>(cp));
    }
    i += len;
  }
  return true;
}

void write_string(std::string_view text, std::string* out) {
  static const char k_hex[] = "0123456789abcdef";
  out->push_back('"');
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(k_hex[c >> 4]);
          out->push_back(k_hex[c & 0xF]);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

bool write_value(const nlohmann::json& value, const std::string& pointer, std::string* out,
                 std::string* err) {
  using Type = nlohmann::json::value_t;
  std::u16string scratch;
  switch (value.type()) {
    case Type::null: out->append("null"); return true;
    case Type::boolean: out->append(value.get<bool>() ? "true" : "false"); return true;
    case Type::number_integer: {
      const auto v = value.get<std::int64_t>();
      if (v >= -k_max_exact_integer && v <= k_max_exact_integer)
        out->append(std::to_string(v));
      else
        out->append(ecmascript_number(static_cast<double>(v)));
      return true;
    }
    case Type::number_unsigned: {
      const auto v = value.get<std::uint64_t>();
      if (v <= static_cast<std::uint64_t>(k_max_exact_integer))
        out->append(std::to_string(v));
      else
        out->append(ecmascript_number(static_cast<double>(v)));
      return true;
    }
    case Type::number_float: {
      const double v = value.get<double>();
      if (!std::isfinite(v)) {
        *err = (pointer.empty() ? "/" : pointer) + ": NaN and infinity have no JSON form";
        return false;
      }
      out->append(ecmascript_number(v));
      return true;
    }
    case Type::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (!utf16_units(s, &scratch)) {
        *err = (pointer.empty() ? "/" : pointer) + ": string is not valid UTF-8";
        return false;
      }
      write_string(s, out);
      return true;
    }
    case Type::array: {
      out->push_back('[');
      std::size_t i = 0;
      for (const auto& item : value) {
        if (i) out->push_back(',');
        if (!write_value(item, pointer + "/" + std::to_string(i), out, err)) return false;
        ++i;
      }
      out->push_back(']');
      return true;
    }
    case Type::object: {
      std::vector<std::pair<std::u16string, nlohmann::json::const_iterator>> members;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!utf16_units(it.key(), &scratch)) {
          *err = (pointer.empty() ? "/" : pointer) + ": member name is not valid UTF-8";
          return false;
        }
        members.emplace_back(scratch, it);
      }
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out->push_back('{');
      bool first = true;
      for (const auto& [units, it] : members) {
        if (!first) out->push_back(',');
        first = false;
        write_string(it.key(), out);
        out->push_back(':');
        if (!write_value(it.value(), pointer + "/" + it.key(), out, err)) return false;
      }
      out->push_back('}');
      return true;
    }
    default:
      *err = (pointer.empty() ? "/" : pointer) + ": binary values have no JSON form";
      return false;
  }
}

}  // namespace

std::string ecmascript_number(double value) {
  if (value == 0) return "0";  // also -0
  std::string result;
  if (value < 0) {
    result.push_back('-');
    value = -value;
  }
  // The shortest digits that round-trip, from to_chars' scientific form
  // "d.ddde+XX"; ECMAScript picks the same digits (RFC 8785 §3.2.2.3).
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  const std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));
  const std::size_t e_at = sci.find('e');
  std::string digits;
  for (const char c : sci.substr(0, e_at))
    if (c != '.') digits.push_back(c);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int exponent = std::stoi(std::string(sci.substr(e_at + 1)));
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // the decimal point sits after n digits
  if (k <= n && n <= 21) {
    result += digits + std::string(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    result += digits.substr(0, static_cast<std::size_t>(n)) + "." +
              digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    result += "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  } else {
    const int e = n - 1;
    result += digits.substr(0, 1);
    if (k > 1) result += "." + digits.substr(1);
    result += std::string("e") + (e >= 0 ? "+" : "-") + std::to_string(e >= 0 ? e : -e);
  }
  return result;
}

bool canonicalize_json(const nlohmann::json& value, std::string* out, std::string* err) {
  out->clear();
  return write_value(value, "", out, err);
}

}  // namespace changegate
