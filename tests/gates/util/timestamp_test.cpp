#include "gates/util/timestamp.h"

#include <catch2/catch.hpp>

using namespace changegate;

TEST_CASE("timestamp: RFC 3339 with Z, offsets, fractions and bare dates") {
  CHECK(parse_timestamp("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_timestamp("2026-11-21T10:00:00Z") == 1795255200);
  CHECK(parse_timestamp("2026-11-21T12:00:00+02:00") == 1795255200);
  CHECK(parse_timestamp("2026-11-21T10:00:00.118204+00:00") == 1795255200);
  CHECK(parse_timestamp("2026-11-21 10:00:00") == 1795255200);
  CHECK(parse_timestamp("2026-12-01") == 1796083200);
}

TEST_CASE("timestamp: malformed and impossible dates are rejected") {
  CHECK_FALSE(parse_timestamp("2026-02-30"));
  CHECK_FALSE(parse_timestamp("2026-13-01"));
  CHECK_FALSE(parse_timestamp("yesterday"));
  CHECK_FALSE(parse_timestamp("2026-11-21T25:00:00Z"));
  CHECK_FALSE(parse_timestamp("2021-03-07T10:36:56 UTC"));
  CHECK(parse_timestamp("2024-02-29"));
}

TEST_CASE("timestamp: formatting round-trips") {
  CHECK(format_timestamp(1795255200) == "2026-11-21T10:00:00Z");
  CHECK(format_date(1796083200) == "2026-12-01");
  CHECK(format_timestamp(-86400) == "1969-12-31T00:00:00Z");
}

TEST_CASE("duration: units and sums parse, garbage is rejected") {
  CHECK(parse_duration_seconds("10s") == 10);
  CHECK(parse_duration_seconds("30d") == 30 * 86400);
  CHECK(parse_duration_seconds("1h30m") == 5400);
  CHECK(parse_duration_seconds("2w") == 14 * 86400);
  CHECK_FALSE(parse_duration_seconds("10"));
  CHECK_FALSE(parse_duration_seconds("ten days"));
  CHECK_FALSE(parse_duration_seconds(""));
  CHECK(format_duration(30 * 86400) == "30d");
  CHECK(format_duration(5400) == "90m");
}
