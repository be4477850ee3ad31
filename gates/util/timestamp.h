// Instants and durations as plain integers, parsed from the forms our inputs
// use: RFC 3339 date-times, bare dates, and durations such as "30d" or "1h30m".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace changegate {

// Seconds since the Unix epoch, UTC.
using Timestamp = std::int64_t;

// Parses "2026-11-21T10:00:00Z", "...+02:00", "2026-11-21 10:00:00" (no offset
// means UTC) and a bare date "2026-12-01" (its 00:00:00 UTC). Fractions of a
// second are dropped. nullopt when the text is none of these.
std::optional<Timestamp> parse_timestamp(const std::string& text);

// "2026-11-21T10:00:00Z".
std::string format_timestamp(Timestamp t);
// "2026-11-21".
std::string format_date(Timestamp t);

// Parses "90s", "15m", "6h", "30d", "2w" and sums like "1h30m". nullopt when malformed.
std::optional<std::int64_t> parse_duration_seconds(const std::string& text);
// "30d", "1h", "90m", "45s": the largest unit that divides the value.
std::string format_duration(std::int64_t seconds);

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

}  // namespace changegate
