#include "checks/golden/decimal.h"

#include <catch2/catch.hpp>

using namespace changegate;

TEST_CASE("decimal: plain decimals parse exactly with their scale") {
  Decimal d;
  REQUIRE(parse_decimal("12.34", &d));
  CHECK(d.exact);
  CHECK(decimal_text(d.units, d.scale) == "12.34");
  REQUIRE(parse_decimal(" -0.5 ", &d));
  CHECK(decimal_text(d.units, d.scale) == "-0.5");
  REQUIRE(parse_decimal("+3", &d));
  CHECK(decimal_text(d.units, d.scale) == "3");
  REQUIRE(parse_decimal(".25", &d));
  CHECK(decimal_text(d.units, d.scale) == "0.25");
}

TEST_CASE("decimal: exponent notation is accepted, inexactly") {
  Decimal d;
  REQUIRE(parse_decimal("1.5e3", &d));
  CHECK_FALSE(d.exact);
  CHECK(d.value == 1500);
}

TEST_CASE("decimal: text that is not a number is rejected") {
  Decimal d;
  for (const char* bad : {"", "abc", "1,5", "nan", "inf", "0x10", "1.2.3", "-", ".", "12abc"}) {
    INFO(bad);
    CHECK_FALSE(parse_decimal(bad, &d));
  }
}

TEST_CASE("decimal: a sum over a million cents values is exact where a double drifts") {
  DecimalSum sum;
  double naive = 0;
  Decimal cents;
  REQUIRE(parse_decimal("0.10", &cents));
  for (int i = 0; i < 1000000; ++i) {
    sum.add(cents);
    naive += 0.10;
  }
  CHECK(sum.exact());
  CHECK(sum.to_string() == "100000.00");
  CHECK(sum.to_double() == 100000.0);
  CHECK(naive != 100000.0);  // the drift this design avoids
}

TEST_CASE("decimal: sums mix scales and signs exactly") {
  DecimalSum sum;
  Decimal d;
  for (const char* v : {"1.5", "2.25", "-0.125", "10"}) {
    REQUIRE(parse_decimal(v, &d));
    sum.add(d);
  }
  CHECK(sum.to_string() == "13.625");
}

TEST_CASE("decimal: an inexact input switches the sum to compensated long double") {
  DecimalSum sum;
  Decimal d;
  REQUIRE(parse_decimal("1e2", &d));
  sum.add(d);
  REQUIRE(parse_decimal("0.5", &d));
  sum.add(d);
  CHECK_FALSE(sum.exact());
  CHECK(sum.to_double() == 100.5);
}
