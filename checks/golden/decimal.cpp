#include "checks/golden/decimal.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace changegate {

namespace {

constexpr int k_max_scale = 18;
constexpr int k_max_digits = 36;  // 10^36 < 2^127: no overflow while reading

Int128 pow10(int n) {
  Int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

long double to_long_double(Int128 units, int scale) {
  return static_cast<long double>(units) / static_cast<long double>(pow10(scale));
}

}  // namespace

bool parse_decimal(std::string_view text, Decimal* out) {
  text = trim(text);
  if (text.empty()) return false;
  std::size_t i = 0;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    i = 1;
  }
  Int128 units = 0;
  int digits = 0, scale = 0;
  bool seen_digit = false, seen_point = false, simple = true;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (seen_point) ++scale;
      if (units != 0 || c != '0') ++digits;
      units = units * 10 + (c - '0');
      if (digits > k_max_digits || scale > k_max_scale) {
        simple = false;
        break;
      }
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      simple = false;
      break;
    }
  }
  if (simple) {
    if (!seen_digit) return false;
    out->units = negative ? -units : units;
    out->scale = scale;
    out->exact = true;
    return true;
  }
  // Exponents, hex or very long numbers: strtold, which must use every byte.
  const std::string copy(text);
  char* end = nullptr;
  const long double v = std::strtold(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(v)) return false;
  // strtold accepts "inf", "nan", "0x1p3": only plain decimal notation here.
  for (char c : copy)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
      return false;
  out->units = 0;
  out->scale = 0;
  out->exact = false;
  out->value = v;
  return true;
}

long double decimal_value(const Decimal& d) {
  return d.exact ? to_long_double(d.units, d.scale) : d.value;
}

void DecimalSum::add(const Decimal& d) {
  if (!exact_ || !d.exact) {
    if (exact_) to_inexact();
    add_inexact(decimal_value(d));
    return;
  }
  Int128 units = d.units;
  if (d.scale > scale_) {
    Int128 rescaled;
    if (__builtin_mul_overflow(units_, pow10(d.scale - scale_), &rescaled)) {
      to_inexact();
      add_inexact(decimal_value(d));
      return;
    }
    units_ = rescaled;
    scale_ = d.scale;
  } else if (d.scale < scale_ && __builtin_mul_overflow(units, pow10(scale_ - d.scale), &units)) {
    to_inexact();
    add_inexact(decimal_value(d));
    return;
  }
  Int128 total;
  if (__builtin_add_overflow(units_, units, &total)) {
    to_inexact();
    add_inexact(decimal_value(d));
    return;
  }
  units_ = total;
}

void DecimalSum::merge(const DecimalSum& other) {
  if (other.exact_) {
    Decimal d;
    d.units = other.units_;
    d.scale = other.scale_;
    add(d);
    return;
  }
  if (exact_) to_inexact();
  add_inexact(other.sum_);
  add_inexact(-other.compensation_);
}

void DecimalSum::to_inexact() {
  exact_ = false;
  sum_ = to_long_double(units_, scale_);
  compensation_ = 0;
}

void DecimalSum::add_inexact(long double v) {
  // Kahan summation: keeps the low-order bits a plain += would drop.
  const long double y = v - compensation_;
  const long double t = sum_ + y;
  compensation_ = (t - sum_) - y;
  sum_ = t;
}

double DecimalSum::to_double() const {
  if (!exact_) return static_cast<double>(sum_);
  return std::strtod(decimal_text(units_, scale_).c_str(), nullptr);
}

std::string DecimalSum::to_string() const {
  if (exact_) return decimal_text(units_, scale_);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17Lg", sum_);
  return buf;
}

std::string decimal_text(Int128 units, int scale) {
  const bool negative = units < 0;
  // Work on the magnitude as unsigned so INT128_MIN does not overflow.
  __extension__ unsigned __int128 magnitude = negative
                                                  ? static_cast<unsigned __int128>(-(units + 1)) + 1
                                                  : static_cast<unsigned __int128>(units);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale)
      digits.insert(0, static_cast<std::size_t>(scale + 1) - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(scale), ".");
  }
  return negative ? "-" + digits : digits;
}

}  // namespace changegate
