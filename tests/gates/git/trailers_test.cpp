#include "gates/git/trailers.h"

#include <catch2/catch.hpp>

using namespace changegate;

TEST_CASE("trailers: the last paragraph of Key: value lines is the trailer block") {
  const auto t = parse_trailers(
      "Fix rounding\n\nLong body text.\n\nReviewed-by: Bob <bob@example.com>\nAcked-by: carol\n");
  REQUIRE(t.size() == 2);
  CHECK(t[0].key == "Reviewed-by");
  CHECK(t[0].value == "Bob <bob@example.com>");
  CHECK(t[1].key == "Acked-by");
  CHECK(t[1].value == "carol");
}

TEST_CASE("trailers: the subject paragraph is never a trailer block") {
  CHECK(parse_trailers("Reviewed-by: bob\n").empty());
  CHECK(parse_trailers("Reviewed-by: bob\nAcked-by: carol\n").empty());
}

TEST_CASE("trailers: a Key: value line inside the body does not count") {
  CHECK(parse_trailers("Subject\n\nReviewed-by: bob\n\nMore prose afterwards.\n").empty());
}

TEST_CASE("trailers: a paragraph mixing prose and trailers is not a block") {
  CHECK(parse_trailers("Subject\n\nThis was discussed\nReviewed-by: bob\n").empty());
}

TEST_CASE("trailers: with a Signed-off-by, 25 percent trailers is enough, as git allows") {
  const auto t = parse_trailers(
      "Subject\n\nsome note\nthat wraps\nover lines\nSigned-off-by: A <a@x>\nReviewed-by: bob\n");
  REQUIRE(t.size() == 2);
  CHECK(t[1].value == "bob");
}

TEST_CASE("trailers: indented continuation lines join the previous value") {
  const auto t = parse_trailers("S\n\nReviewed-by: Bob\n  <bob@example.com>\n");
  REQUIRE(t.size() == 1);
  CHECK(t[0].value == "Bob <bob@example.com>");
}

TEST_CASE("trailers: trailing blank lines, comments and a patch after --- are ignored") {
  const auto t = parse_trailers("S\n\nReviewed-by: bob\n# a comment\n\n\n");
  REQUIRE(t.size() == 1);
  CHECK(parse_trailers("S\n\nReviewed-by: bob\n---\n diff --git a b\n").size() == 1);
  CHECK(parse_trailers("S\r\n\r\nReviewed-by: bob\r\n").at(0).value == "bob");
}

TEST_CASE("trailers: space before the colon is allowed, a space inside the key is not") {
  CHECK(parse_trailers("S\n\nReviewed-by : bob\n").size() == 1);
  CHECK(parse_trailers("S\n\nReviewed by: bob\n").empty());
}

TEST_CASE("trailers: review keys are matched case-insensitively") {
  CHECK(is_review_trailer("Reviewed-by"));
  CHECK(is_review_trailer("approved-BY"));
  CHECK(is_review_trailer("Acked-by"));
  CHECK_FALSE(is_review_trailer("Signed-off-by"));
  CHECK_FALSE(is_review_trailer("Tested-by"));
}
