#include "gates/util/utf8.h"

#include <catch2/catch.hpp>

using namespace changegate;

TEST_CASE("utf8: valid text passes through unchanged") {
  std::size_t replaced = 99;
  CHECK(to_valid_utf8("plain ascii", &replaced) == "plain ascii");
  CHECK(replaced == 0);
  CHECK(to_valid_utf8("Zürich €5 𝄞") == "Zürich €5 𝄞");
  CHECK(is_valid_utf8("Zürich €5 𝄞"));
}

TEST_CASE("utf8: a Latin-1 byte becomes U+FFFD and is counted") {
  std::size_t replaced = 0;
  CHECK(to_valid_utf8("Z\xFCrich", &replaced) == "Z\xEF\xBF\xBDrich");
  CHECK(replaced == 1);
  CHECK_FALSE(is_valid_utf8("Z\xFCrich"));
}

TEST_CASE("utf8: 0xFF, overlong forms, surrogates and truncated sequences are replaced") {
  CHECK(to_valid_utf8("a\xFF"
                      "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(to_valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  CHECK(to_valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(to_valid_utf8("\xE2\x82") == "\xEF\xBF\xBD");                              // truncated €
  CHECK(to_valid_utf8("\xF4\x90\x80\x80").find("\xF4") == std::string::npos);      // > U+10FFFF
  CHECK(is_valid_utf8(to_valid_utf8(std::string("\x80\x80\xC3", 3))));
}

TEST_CASE("utf8: cap_text keeps short text and cuts long text at a code point, naming the size") {
  CHECK(cap_text("short", 10) == "short");
  const std::string capped = cap_text(std::string(5000, 'x'), 100);
  CHECK(capped.substr(0, 100) == std::string(100, 'x'));
  CHECK(capped.find("(truncated, 5000 bytes)") != std::string::npos);
  // "é" is two bytes: a cut in its middle backs up before it.
  const std::string e = cap_text("aé" + std::string(10, 'b'), 2);
  CHECK(e.substr(0, 1) == "a");
  CHECK(is_valid_utf8(e));
}
