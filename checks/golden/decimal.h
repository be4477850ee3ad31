// Exact decimal numbers for the golden gate's sums: "12.34" is read as the
// integer 1234 at scale 2 and summed as a 128-bit integer, so a sum over ten
// million cents values is exact, not a float that drifts in the last digits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace changegate {

__extension__ typedef __int128 Int128;

// A number as read from text: units * 10^-scale when exact; otherwise
// (exponent notation, more than 18 decimals or 36 digits) only `value`.
struct Decimal {
  Int128 units = 0;
  int scale = 0;
  bool exact = true;
  long double value = 0;  // set only when !exact: use decimal_value()
};

// The number as a long double (computed on demand: most sums never need it).
long double decimal_value(const Decimal& d);

// Parses "[+-]digits[.digits]" exactly, or any other finite strtod number
// inexactly (leading/trailing blanks allowed). Returns false for text that
// is not a finite number ("abc", "", "nan", "1,5").
bool parse_decimal(std::string_view text, Decimal* out);

// A running sum: exact 128-bit fixed point at the largest scale seen, and
// falling back to compensated (Kahan) long double summation only for an
// inexact input or a 128-bit overflow; `exact()` says which.
class DecimalSum {
 public:
  void add(const Decimal& d);
  void merge(const DecimalSum& other);
  bool exact() const { return exact_; }
  // The sum as a double (rounded once, from the exact value when exact).
  double to_double() const;
  // The exact decimal text ("1234.50") when exact, else "%.17Lg".
  std::string to_string() const;

 private:
  void to_inexact();
  void add_inexact(long double v);

  Int128 units_ = 0;
  int scale_ = 0;
  bool exact_ = true;
  long double sum_ = 0, compensation_ = 0;
};

// The decimal text of units * 10^-scale.
std::string decimal_text(Int128 units, int scale);

}  // namespace changegate
