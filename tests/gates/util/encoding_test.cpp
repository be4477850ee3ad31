#include "gates/util/encoding.h"

#include <catch2/catch.hpp>

using namespace changegate;

TEST_CASE("encoding: base64 matches RFC 4648's test vectors both ways") {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    CHECK(base64_encode(plain) == encoded);
    CHECK(base64_decode(encoded) == std::optional<std::string>(plain));
  }
}

TEST_CASE("encoding: base64 refuses anything but canonical padded standard base64") {
  CHECK_FALSE(base64_decode("Zg"));        // unpadded
  CHECK_FALSE(base64_decode("Zh=="));      // non-zero unused bits
  CHECK_FALSE(base64_decode("Zm9-"));      // URL-safe alphabet
  CHECK_FALSE(base64_decode("Zm 9"));      // whitespace
  CHECK_FALSE(base64_decode("Zg==Zg=="));  // padding in the middle
  CHECK_FALSE(base64_decode("Z==="));
}

TEST_CASE("encoding: hex is lowercase out, either case in, and refuses odd or non-hex text") {
  CHECK(hex_encode(std::string("\x00\xab\xff", 3)) == "00abff");
  CHECK(hex_decode("00ABff") == std::optional<std::string>(std::string("\x00\xab\xff", 3)));
  CHECK_FALSE(hex_decode("abc"));
  CHECK_FALSE(hex_decode("zz"));
}
