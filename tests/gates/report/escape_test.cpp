#include "gates/report/escape.h"

#include <catch2/catch.hpp>

using namespace changegate;

TEST_CASE("escape: terminal text cannot carry ESC, CR or C1 controls, and LF shows as ⏎") {
  CHECK(escape_terminal("a\x1b[2Jb") == "a\\x1B[2Jb");
  CHECK(escape_terminal("ok\rFAKE") == "ok\\x0DFAKE");
  CHECK(escape_terminal("line1\nline2") == "line1\xE2\x8F\x8Eline2");
  CHECK(escape_terminal("csi\xC2\x9B"
                        "31m") == "csi\\x9B31m");
  CHECK(escape_terminal("Zürich\tok") == "Zürich ok");
}

TEST_CASE("escape: workflow command data cannot end the command or start a new one") {
  CHECK(escape_workflow_data("100% done\n::error::forged") == "100%25 done%0A::error::forged");
  CHECK(escape_workflow_data("a\r\nb") == "a%0D%0Ab");
  CHECK(escape_workflow_property("t: a,b\n") == "t%3A a%2Cb%0A");
}

TEST_CASE("escape: markdown links, images, html and autolinks from evidence stay text") {
  CHECK(escape_markdown("[click](https://evil.example)") ==
        "\\[click\\]\\(https\\://evil.example\\)");
  CHECK(escape_markdown("![img](x)") == "\\!\\[img\\]\\(x\\)");
  CHECK(escape_markdown("<script>") == "\\<script\\>");
  CHECK(escape_markdown("a|b `c`") == "a\\|b \\`c\\`");
  CHECK(escape_markdown("see www.evil.example") == "see www\\.evil.example");
  CHECK(escape_markdown("mail x@evil.example") == "mail x\\@evil.example");
  CHECK(escape_markdown("two\r\nlines") == "two lines");
}
