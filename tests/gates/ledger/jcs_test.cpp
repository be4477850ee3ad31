// RFC 8785's own examples (§3.2.2, §3.2.3 and Appendix B).
#include "gates/ledger/jcs.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>

using namespace changegate;

namespace {

std::string canonical(const nlohmann::json& j) {
  std::string out, err;
  REQUIRE(canonicalize_json(j, &out, &err));
  return out;
}

double from_bits(std::uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

}  // namespace

TEST_CASE("jcs: the RFC 8785 sample document canonicalises to the RFC's bytes") {
  const auto input = nlohmann::json::parse(R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })");
  CHECK(canonical(input) ==
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
        "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST_CASE("jcs: members are sorted by UTF-16 code units, not by UTF-8 bytes") {
  const auto input = nlohmann::json::parse(R"({
    "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  })");
  CHECK(canonical(input) ==
        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
        "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
        "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\","
        "\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

TEST_CASE("jcs: numbers are written as ECMAScript writes them (RFC 8785 Appendix B)") {
  const std::pair<std::uint64_t, const char*> samples[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
  };
  for (const auto& [bits, text] : samples) {
    INFO(std::hex << bits);
    CHECK(ecmascript_number(from_bits(bits)) == text);
    CHECK(canonical(nlohmann::json(from_bits(bits))) == text);
  }
}

TEST_CASE("jcs: NaN and infinity are refused with the path to the value") {
  std::string out, err;
  nlohmann::json j = {{"a", {1, std::nan("")}}};
  CHECK_FALSE(canonicalize_json(j, &out, &err));
  CHECK(err == "/a/1: NaN and infinity have no JSON form");
  CHECK_FALSE(canonicalize_json(nlohmann::json(from_bits(0x7ff0000000000000)), &out, &err));
}

TEST_CASE("jcs: integers beyond 2^53 are written through a double, as I-JSON requires") {
  CHECK(canonical(nlohmann::json(std::int64_t{42})) == "42");
  CHECK(canonical(nlohmann::json(std::uint64_t{9007199254740993ULL})) == "9007199254740992");
  CHECK(canonical(nlohmann::json(std::int64_t{-7})) == "-7");
}

TEST_CASE("jcs: invalid UTF-8 in a string is refused, never passed through") {
  std::string out, err;
  CHECK_FALSE(canonicalize_json(nlohmann::json{{"k", std::string("a\xFF")}}, &out, &err));
  CHECK(err == "/k: string is not valid UTF-8");
}
