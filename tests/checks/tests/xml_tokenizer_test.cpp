// One fixture per rule of the fast XML tokenizer, each read both ways: as
// changegate reads it and through expat alone, which must agree on the verdict
// and on every case (tests/fuzz/junit_differential_fuzz.cpp does the same at
// random).
#include "checks/tests/xml_tokenizer.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "checks/tests/junit_reader.h"

namespace changegate::junit {
namespace {

struct CollectingSink : Sink {
  std::vector<TestCase> cases;
  void on_test_case(const TestCase& test_case) override { cases.push_back(test_case); }
};

struct Read {
  bool ok = false;
  std::string err;
  std::vector<TestCase> cases;
};

Read read_with(const std::string& xml, XmlEngine engine) {
  CollectingSink sink;
  Read result;
  result.ok = read_report_bytes(xml, "r.xml", sink, nullptr, &result.err, engine);
  result.cases = std::move(sink.cases);
  return result;
}

// Reads `xml` both ways; checks expat agrees, and returns the tokenizer's result.
Read read_both(const std::string& xml) {
  Read fast = read_with(xml, XmlEngine::automatic);
  Read expat = read_with(xml, XmlEngine::expat);
  INFO("tokenizer: " << (fast.ok ? "accepted" : fast.err));
  INFO("expat: " << (expat.ok ? "accepted" : expat.err));
  CHECK(fast.ok == expat.ok);
  if (fast.ok && expat.ok) {
    REQUIRE(fast.cases.size() == expat.cases.size());
    for (std::size_t i = 0; i < fast.cases.size(); ++i) {
      CHECK(fast.cases[i].name == expat.cases[i].name);
      CHECK(fast.cases[i].classname == expat.cases[i].classname);
      CHECK(fast.cases[i].suite == expat.cases[i].suite);
      CHECK(fast.cases[i].outcome == expat.cases[i].outcome);
      CHECK(fast.cases[i].message == expat.cases[i].message);
      CHECK(fast.cases[i].report_line == expat.cases[i].report_line);
    }
  }
  return fast;
}

std::string error_of(const std::string& xml) {
  Read result = read_both(xml);
  CHECK_FALSE(result.ok);
  return result.err;
}

std::vector<std::string> names_of(const std::string& xml) {
  Read result = read_both(xml);
  INFO(result.err);
  REQUIRE(result.ok);
  std::vector<std::string> names;
  for (const TestCase& c : result.cases) names.push_back(c.name);
  return names;
}

const std::string k_bad = "not well-formed XML: not well-formed (invalid token)";

// --- elements ------------------------------------------------------------------

TEST_CASE("xml tokenizer: end tags may have blanks before '>'", "[xml]") {
  // Expected: 1 case.
  CHECK(names_of("<testsuite><testcase name=\"a\"></testcase \n></testsuite\t>") ==
        std::vector<std::string>{"a"});
}

TEST_CASE("xml tokenizer: an end tag that does not match is a mismatched tag", "[xml]") {
  // Expected: "mismatched tag" on line 2.
  CHECK(error_of("<testsuite>\n<testcase name=\"a\"></testsuite></testcase>") ==
        "r.xml:2: not well-formed XML: mismatched tag");
}

TEST_CASE("xml tokenizer: a name must not start with a digit", "[xml]") {
  // Expected: invalid token.
  CHECK(error_of("<testsuite><1case/></testsuite>") == "r.xml:1: " + k_bad);
}

TEST_CASE("xml tokenizer: non-ASCII names are accepted when XML allows the characters", "[xml]") {
  // Expected: <données> and <ñ-1> are names; U+00D7 (multiplication sign) is not.
  CHECK(names_of("<testsuite><donn\xC3\xA9"
                 "es/><\xC3\xB1-1 \xC3\xA9t\xC3\xA9=\"x\"/>"
                 "<testcase name=\"a\"/></testsuite>") == std::vector<std::string>{"a"});
  CHECK(error_of("<testsuite><a\xC3\x97/></testsuite>") == "r.xml:1: " + k_bad);
}

// --- attributes ------------------------------------------------------------------

TEST_CASE("xml tokenizer: attributes take either quote and hold the other one", "[xml]") {
  // Expected: names it's and say "hi".
  CHECK(names_of("<testsuite><testcase name=\"it's\"/><testcase name='say \"hi\"'/></testsuite>") ==
        std::vector<std::string>{"it's", "say \"hi\""});
}

TEST_CASE("xml tokenizer: a repeated attribute is a duplicate attribute", "[xml]") {
  // Expected: "duplicate attribute".
  CHECK(error_of("<testsuite><testcase name=\"a\" name=\"b\"/></testsuite>") ==
        "r.xml:1: not well-formed XML: duplicate attribute");
}

TEST_CASE("xml tokenizer: attributes must be separated by blanks", "[xml]") {
  // Expected: invalid token.
  CHECK(error_of("<testsuite><testcase name=\"a\"time=\"1\"/></testsuite>") == "r.xml:1: " + k_bad);
}

TEST_CASE("xml tokenizer: an attribute without a quoted value is rejected", "[xml]") {
  // Expected: invalid token for a bare value and for a missing '='.
  CHECK(error_of("<testsuite><testcase name=a/></testsuite>") == "r.xml:1: " + k_bad);
  CHECK(error_of("<testsuite><testcase name/></testsuite>") == "r.xml:1: " + k_bad);
}

TEST_CASE("xml tokenizer: literal tabs and line ends in attribute values read as spaces", "[xml]") {
  // Expected: "a b c d" ("\r\n" is one space); &#10; and &#9; stay as written.
  CHECK(names_of("<testsuite><testcase name=\"a\tb\nc\r\nd\"/><testcase name=\"x&#10;y&#9;z\"/>"
                 "</testsuite>") == std::vector<std::string>{"a b c d", "x\ny\tz"});
}

TEST_CASE("xml tokenizer: '>' and the CDATA end marker are allowed inside attribute values",
          "[xml]") {
  // Expected: the name as written.
  CHECK(names_of("<testsuite><testcase name=\"a > b ]]>\"/></testsuite>") ==
        std::vector<std::string>{"a > b ]]>"});
}

// --- references --------------------------------------------------------------------

TEST_CASE("xml tokenizer: character references decode to UTF-8", "[xml]") {
  // Expected: CR, LF, é, € and U+1F600 from decimal and hex references.
  CHECK(names_of("<testsuite><testcase name=\"&#13;&#xA;&#233;&#x20AC;&#x1F600;\"/></testsuite>") ==
        std::vector<std::string>{"\r\n\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"});
}

TEST_CASE("xml tokenizer: references to characters XML forbids are rejected", "[xml]") {
  // Expected: NUL, a surrogate, U+FFFE and past U+10FFFF are invalid character numbers.
  for (const std::string ref : {"&#0;", "&#xD800;", "&#xFFFE;", "&#x110000;", "&#99999999999;"}) {
    INFO(ref);
    CHECK(error_of("<testsuite name=\"" + ref + "\"/>") ==
          "r.xml:1: not well-formed XML: reference to invalid character number");
  }
}

TEST_CASE("xml tokenizer: malformed references are invalid tokens", "[xml]") {
  // Expected: "&#X41;" (capital X), "&#;", "&#x;", "&#12a;" and a bare '&' are rejected.
  for (const std::string ref : {"&#X41;", "&#;", "&#x;", "&#12a;", "a & b", "&;"}) {
    INFO(ref);
    CHECK(error_of("<testsuite name=\"" + ref + "\"/>") == "r.xml:1: " + k_bad);
    CHECK(error_of("<testsuite>" + ref + "</testsuite>") == "r.xml:1: " + k_bad);
  }
}

TEST_CASE("xml tokenizer: only the five predefined entities exist", "[xml]") {
  // Expected: "undefined entity" in text and in attribute values.
  CHECK(error_of("<testsuite>&nbsp;</testsuite>") ==
        "r.xml:1: not well-formed XML: undefined entity");
  CHECK(error_of("<testsuite name=\"&copy;\"/>") ==
        "r.xml:1: not well-formed XML: undefined entity");
}

// --- text, CDATA, comments, processing instructions ------------------------------

TEST_CASE("xml tokenizer: the CDATA end marker in text is rejected", "[xml]") {
  // Expected: invalid token.
  CHECK(error_of("<testsuite>a ]]> b</testsuite>") == "r.xml:1: " + k_bad);
}

TEST_CASE("xml tokenizer: CDATA bodies keep markup characters and normalise line ends", "[xml]") {
  // Expected: the message is the first line, "<a> & ]] b".
  Read result = read_both(
      "<testsuite><testcase name=\"t\"><failure><![CDATA[<a> & ]] b\r\nsecond]]></failure>"
      "</testcase></testsuite>");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 1);
  CHECK(result.cases[0].message == "<a> & ]] b");
}

TEST_CASE("xml tokenizer: a CDATA section outside the root element is rejected", "[xml]") {
  // Expected: an error before and after the root.
  CHECK_FALSE(read_both("<![CDATA[x]]><testsuite/>").ok);
  CHECK_FALSE(read_both("<testsuite/><![CDATA[x]]>").ok);
}

TEST_CASE("xml tokenizer: comments may stand anywhere but must not hold '--'", "[xml]") {
  // Expected: the first document reads (comments before, inside and after the root);
  // "--" inside a comment is an invalid token.
  CHECK(names_of("<!-- a --><testsuite><!-- <testcase name=\"hidden\"/> -->"
                 "<testcase name=\"t\"/><!----></testsuite><!-- end -->\n") ==
        std::vector<std::string>{"t"});
  CHECK(error_of("<testsuite><!-- a -- b --></testsuite>") == "r.xml:1: " + k_bad);
  CHECK(error_of("<testsuite><!-- a ---></testsuite>") == "r.xml:1: " + k_bad);
}

TEST_CASE("xml tokenizer: processing instructions may stand anywhere", "[xml]") {
  // Expected: one case; PIs before, inside and after the root are skipped.
  CHECK(names_of("<?xml-stylesheet href=\"a.xsl\"?><testsuite><?pi x?><testcase name=\"t\"/>"
                 "<?empty?></testsuite><?after ?>") == std::vector<std::string>{"t"});
}

TEST_CASE("xml tokenizer: an XML declaration anywhere but at the start is rejected", "[xml]") {
  // Expected: expat's wording for a declaration after a blank line, and a case-variant
  // target is an invalid token.
  CHECK(error_of("\n<?xml version=\"1.0\"?><testsuite/>") ==
        "r.xml:2: not well-formed XML: XML or text declaration not at start of entity");
  CHECK(error_of("<testsuite><?XML x?></testsuite>") == "r.xml:1: " + k_bad);
}

TEST_CASE("xml tokenizer: XML declarations in either quote style with standalone read", "[xml]") {
  // Expected: each document reads; an unknown version or encoding goes to expat, which decides.
  for (const std::string decl :
       {"<?xml version='1.0'?>", "<?xml version=\"1.0\" encoding='utf-8' standalone=\"yes\" ?>",
        "<?xml version = \"1.0\"\n encoding = \"UTF-8\"?>",
        "<?xml version=\"1.0\" standalone='no'?>"}) {
    INFO(decl);
    CHECK(names_of(decl + "<testsuite><testcase name=\"t\"/></testsuite>") ==
          std::vector<std::string>{"t"});
  }
  CHECK_FALSE(read_both("<?xml encoding=\"UTF-8\"?><testsuite/>").ok);  // version is required
}

TEST_CASE("xml tokenizer: a UTF-16 report is read by expat", "[xml]") {
  // Expected: one case named "t" from a UTF-16LE document with a byte order mark.
  const std::string ascii = "<testsuite><testcase name=\"t\"/></testsuite>";
  std::string utf16 = "\xFF\xFE";
  for (char c : ascii) utf16 += std::string{c, '\0'};
  CHECK(names_of(utf16) == std::vector<std::string>{"t"});
}

// --- characters ------------------------------------------------------------------

TEST_CASE("xml tokenizer: control characters are rejected in text and attributes", "[xml]") {
  // Expected: invalid token for U+0001 in text, in a value and in a comment.
  CHECK(error_of("<testsuite>a\x01</testsuite>") == "r.xml:1: " + k_bad);
  CHECK(error_of("<testsuite name=\"\x01\"/>") == "r.xml:1: " + k_bad);
  CHECK(error_of("<testsuite><!-- \x01 --></testsuite>") == "r.xml:1: " + k_bad);
}

TEST_CASE("xml tokenizer: bytes that are not UTF-8 are rejected", "[xml]") {
  // Expected: invalid token for a stray continuation byte, an overlong form, a surrogate
  // and U+FFFF.
  for (const std::string bytes :
       {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xEF\xBF\xBF", "\xF5\x80\x80\x80"}) {
    CHECK(error_of("<testsuite name=\"" + bytes + "\"/>") == "r.xml:1: " + k_bad);
    CHECK(error_of("<testsuite>" + bytes + "</testsuite>") == "r.xml:1: " + k_bad);
  }
}

// --- document structure ---------------------------------------------------------

TEST_CASE("xml tokenizer: a second root element is junk after the document element", "[xml]") {
  // Expected: the error on line 2, and for text after the root too.
  CHECK(error_of("<testsuite/>\n<testsuite/>") ==
        "r.xml:2: not well-formed XML: junk after document element");
  CHECK(error_of("<testsuite/>\ntrailing") ==
        "r.xml:2: not well-formed XML: junk after document element");
}

TEST_CASE("xml tokenizer: blanks, comments and PIs after the root are fine", "[xml]") {
  // Expected: 1 case.
  CHECK(names_of("<testsuite><testcase name=\"t\"/></testsuite>\r\n<!-- c --> <?p?>\n\n") ==
        std::vector<std::string>{"t"});
}

TEST_CASE("xml tokenizer: a DOCTYPE after a comment is still refused", "[xml]") {
  // Expected: the DOCTYPE error on line 2.
  CHECK(error_of("<!-- c -->\n<!DOCTYPE testsuite><testsuite/>") ==
        "r.xml:2: DOCTYPE declarations are not allowed in JUnit reports (external entities)");
}

TEST_CASE("xml tokenizer: input cut inside a tag is an unclosed token at its end", "[xml]") {
  // Expected: "unclosed token" for a cut tag, comment and PI; "no element found" in text.
  CHECK(error_of("<testsuite>\n<testcase name=\"t") ==
        "r.xml:2: not well-formed XML: unclosed token");
  CHECK(error_of("<testsuite>\n<!-- never closed") ==
        "r.xml:2: not well-formed XML: unclosed token");
  CHECK(error_of("<testsuite>\n<?pi never closed") ==
        "r.xml:2: not well-formed XML: unclosed token");
  CHECK(error_of("<testsuite>\ntext") == "r.xml:2: not well-formed XML: no element found");
}

TEST_CASE("xml tokenizer: input cut inside a UTF-8 character is a partial character", "[xml]") {
  // Expected: "partial character".
  CHECK(error_of("<testsuite>\xC3") == "r.xml:1: not well-formed XML: partial character");
}

TEST_CASE("xml tokenizer: lines end at LF, CR and CRLF alike", "[xml]") {
  // Expected: report lines 2, 3, 4 and 5.
  Read result = read_both(
      "<testsuite>\r\n<testcase name=\"a\"/>\r<testcase name=\"b\"/>\n<testcase name=\"c\"/>\r\n\r"
      "<testcase name=\"d\"/></testsuite>");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 4);
  CHECK(result.cases[0].report_line == 2);
  CHECK(result.cases[1].report_line == 3);
  CHECK(result.cases[2].report_line == 4);
  CHECK(result.cases[3].report_line == 6);
}

TEST_CASE("xml tokenizer: tokens of several megabytes read across chunk boundaries", "[xml]") {
  // Expected: an 8 MiB comment is skipped and an 8 MiB name arrives whole (1 MiB chunks).
  const std::string big(8 << 20, 'n');
  Read result = read_both("<testsuite><!--" + std::string(8 << 20, 'c') + "--><testcase name=\"" +
                          big + "\"/></testsuite>");
  REQUIRE(result.ok);
  REQUIRE(result.cases.size() == 1);
  CHECK(result.cases[0].name == big);
}

// --- streaming ---------------------------------------------------------------------

// Records every event as text, to compare readings of the same document.
class EventLog : public xml::Handler {
 public:
  std::string log;
  bool start_element(std::string_view name, const xml::Attribute* atts, std::size_t count,
                     int line) override {
    log += "<" + std::string(name) + "@" + std::to_string(line);
    for (std::size_t i = 0; i < count; ++i)
      log += " " + std::string(atts[i].name) + "=" + std::string(atts[i].value);
    log += ">";
    wants_text = true;
    return true;
  }
  bool end_element() override {
    log += "</>";
    return true;
  }
  void text(std::string_view data) override { log += data; }
  bool doctype(int) override { return false; }
};

std::string events(const std::string& doc, std::size_t piece) {
  EventLog log;
  xml::Tokenizer tokenizer(log, xml::sniff(doc).skip);
  bool ok = true;
  for (std::size_t at = 0; ok && at < doc.size(); at += piece) {
    const std::size_t n = std::min(piece, doc.size() - at);
    ok = tokenizer.feed(doc.data() + at, n, at + n == doc.size());
  }
  return ok ? log.log
            : "error: " + tokenizer.error() + " at " + std::to_string(tokenizer.error_line());
}

TEST_CASE("xml tokenizer: any split of the input gives the same events", "[xml]") {
  // Expected: pieces of 1, 2, 3, 5, 7 and 64 bytes read exactly like the whole document.
  const std::string doc =
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- c -->"
      "<testsuites a='1&amp;2'>\r\n <t x=\"&#x20AC;\tv\r\nw\">caf\xC3\xA9 &lt;&#13;\r\n"
      "<![CDATA[]]]]><![CDATA[>\r]]>]]</t><?p q?><e/>\n</testsuites>\r\n<!--x-->";
  const std::string whole = events(doc, doc.size());
  CHECK(whole.rfind("error", 0) != 0);
  for (const std::size_t piece : {1, 2, 3, 5, 7, 64}) {
    INFO("piece " << piece);
    CHECK(events(doc, piece) == whole);
  }
}

TEST_CASE("xml tokenizer: a cut document fails the same way in any split", "[xml]") {
  // Expected: byte-by-byte feeding reports the same error and line as one piece.
  const std::string doc = "<testsuites>\n<testsuite name=\"s\">\n<testcase name=\"t\" time=\"1";
  CHECK(events(doc, 1) == events(doc, doc.size()));
  CHECK(events(doc, 1) == "error: unclosed token at 3");
}

}  // namespace
}  // namespace changegate::junit
