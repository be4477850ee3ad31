#include "gates/document.h"

#include <catch2/catch.hpp>

#include "gates/error.h"

using namespace changegate;

TEST_CASE("toml document: keys keep file order and their line numbers") {
  const Document doc = parse_toml("zeta = 1\nalpha = \"a\"\n\n[middle]\nkey = true\n", "f.toml");
  REQUIRE(doc.root.table->size() == 3);
  CHECK((*doc.root.table)[0].first == "zeta");
  CHECK((*doc.root.table)[1].first == "alpha");
  CHECK((*doc.root.table)[2].first == "middle");
  CHECK(doc.root.find("alpha")->line == 2);
  CHECK(doc.root.find("middle")->find("key")->line == 5);
}

TEST_CASE("toml document: dates and date-times become RFC 3339 text") {
  const Document doc =
      parse_toml("d = 2026-12-01\nt = 2026-11-21T10:00:00Z\no = 2026-11-21T12:00:00+02:00\n", "f");
  CHECK(doc.root.find("d")->type == Node::Type::date);
  CHECK(doc.root.find("d")->text == "2026-12-01");
  CHECK(doc.root.find("t")->text == "2026-11-21T10:00:00Z");
  CHECK(doc.root.find("o")->text == "2026-11-21T12:00:00+02:00");
}

TEST_CASE("toml document: a syntax error names the file and line") {
  try {
    parse_toml("a = 1\nb = \n", "gates.toml");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).rfind("gates.toml:2: TOML syntax error:", 0) == 0);
  }
}

TEST_CASE("toml document: a duplicate key is a syntax error, not a silent overwrite") {
  CHECK_THROWS_AS(parse_toml("a = 1\na = 2\n", "f.toml"), Error);
}

TEST_CASE("toml document: absurd nesting is refused before parsing") {
  const std::string deep = "a = " + std::string(200, '[') + std::string(200, ']') + "\n";
  CHECK_THROWS_WITH(parse_toml(deep, "f.toml"), Catch::Contains("nested deeper than 64"));
}

TEST_CASE("json document: every value carries its line") {
  const Document doc =
      parse_json("{\n  \"id\": \"CHG-1\",\n  \"n\": 5\n,\"list\": [1,\n 2]\n}", "c.json");
  CHECK(doc.root.find("id")->line == 2);
  CHECK(doc.root.find("n")->line == 3);
  CHECK(doc.root.find("n")->integer == 5);
  CHECK((*doc.root.find("list")->array)[1].line == 5);
}

TEST_CASE("json document: a UTF-8 BOM is accepted") {
  const Document doc = parse_json("\xEF\xBB\xBF{\"a\": true}", "c.json");
  CHECK(doc.root.find("a")->boolean);
}

TEST_CASE("json document: syntax errors, duplicate keys and null name the line") {
  CHECK_THROWS_WITH(parse_json("{\n\"a\": 1,\n\"b\": }", "c.json"),
                    Catch::StartsWith("c.json:3: JSON syntax error:"));
  CHECK_THROWS_WITH(parse_json("{\"a\": 1,\n\"a\": 2}", "c.json"), "c.json:2: duplicate key \"a\"");
  CHECK_THROWS_WITH(parse_json("{\n\"a\": null}", "c.json"), Catch::StartsWith("c.json:2: null"));
  CHECK_THROWS_WITH(parse_json("[1, 2]", "c.json"), Catch::Contains("JSON object"));
}

TEST_CASE("json document: nesting past 64 levels is refused") {
  const std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  CHECK_THROWS_WITH(parse_json(deep, "c.json"), Catch::Contains("nested deeper than 64"));
}

TEST_CASE("toml document: invalid UTF-8 is refused with its line, even inside strings") {
  CHECK_THROWS_WITH(parse_toml("a = 1\nb = '''x\xff'''\n", "f.toml"),
                    "f.toml:2: not valid UTF-8 (byte 15)");
  CHECK_THROWS_WITH(parse_toml("c = \"\xed\xa0\x80\"\n", "f.toml"),
                    Catch::Contains("not valid UTF-8"));
  CHECK_THROWS_WITH(parse_toml("d = \"\xc0\xaf\"\n", "f.toml"), Catch::Contains("not valid UTF-8"));
  CHECK(parse_toml("e = \"caf\xc3\xa9 \xf0\x9f\x9a\x80\"\n", "f.toml").root.find("e")->text ==
        "caf\xc3\xa9 \xf0\x9f\x9a\x80");
}
