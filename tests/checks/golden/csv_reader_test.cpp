#include "checks/golden/csv_reader.h"

#include <catch2/catch.hpp>

using namespace changegate;

namespace {

// Collects every row as strings, with its starting line.
struct Rows : csv::Sink {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> lines;
  bool on_header(const std::vector<std::string>& names, std::string*) override {
    header = names;
    return true;
  }
  bool on_row(const std::vector<std::string_view>& fields, std::int64_t line,
              std::string*) override {
    rows.emplace_back(fields.begin(), fields.end());
    lines.push_back(line);
    return true;
  }
};

struct Read {
  bool ok;
  std::string err;
  Rows rows;
  csv::Summary summary;
};

Read read(const std::string& text, char delimiter = ',') {
  Read r;
  r.ok = csv::read_text(text, "in.csv", delimiter, r.rows, &r.summary, &r.err);
  return r;
}

}  // namespace

TEST_CASE("csv reader: quoted fields keep delimiters, doubled quotes and newlines") {
  const Read r = read("id,note\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,plain\n");
  REQUIRE(r.ok);
  CHECK(r.rows.header == std::vector<std::string>{"id", "note"});
  REQUIRE(r.rows.rows.size() == 4);
  CHECK(r.rows.rows[0][1] == "a,b");
  CHECK(r.rows.rows[1][1] == "say \"hi\"");
  CHECK(r.rows.rows[2][1] == "two\nlines");
  // The row after a quoted newline starts on the right line.
  CHECK(r.rows.lines == std::vector<std::int64_t>{2, 3, 4, 6});
  CHECK(r.summary.rows == 4);
}

TEST_CASE("csv reader: CRLF line ends, a UTF-8 BOM and a missing final newline") {
  const Read r = read("\xEF\xBB\xBFid,amount\r\n1,2.50\r\n2,\"3\"\r\n3,4");
  REQUIRE(r.ok);
  CHECK(r.rows.header[0] == "id");
  REQUIRE(r.rows.rows.size() == 3);
  CHECK(r.rows.rows[0][1] == "2.50");
  CHECK(r.rows.rows[1][1] == "3");
  CHECK(r.rows.rows[2][1] == "4");
}

TEST_CASE("csv reader: a semicolon delimiter splits on semicolons only") {
  const Read r = read("a;b\n1,5;2\n", ';');
  REQUIRE(r.ok);
  CHECK(r.rows.rows[0] == std::vector<std::string>{"1,5", "2"});
}

TEST_CASE("csv reader: empty fields are empty strings, not dropped") {
  const Read r = read("a,b,c\n,,\n\"\",x,\n");
  REQUIRE(r.ok);
  CHECK(r.rows.rows[0] == std::vector<std::string>{"", "", ""});
  CHECK(r.rows.rows[1] == std::vector<std::string>{"", "x", ""});
}

TEST_CASE("csv reader: a ragged row is an error naming file, line and column") {
  const Read r = read("a,b,c\n1,2,3\n4,5\n");
  CHECK_FALSE(r.ok);
  CHECK(r.err == "in.csv:3:3: ragged row: 2 fields, the header has 3");
  const Read more = read("a,b\n1,2,3\n");
  CHECK(more.err == "in.csv:2:3: ragged row: 3 fields, the header has 2");
}

TEST_CASE("csv reader: an unterminated quote is an error at the opening quote") {
  const Read r = read("a,b\n1,2\n3,\"open\n4,5\n");
  CHECK_FALSE(r.ok);
  CHECK(r.err == "in.csv:3:2: unterminated quoted field");
}

TEST_CASE("csv reader: stray quotes are errors, not guesses") {
  CHECK(read("a,b\n1,x\"y\n").err ==
        "in.csv:2:2: quote inside an unquoted field (quote the whole field)");
  CHECK(read("a,b\n1,\"x\"y\n").err == "in.csv:2:2: unexpected character after a closing quote");
}

TEST_CASE("csv reader: an empty file has no header and is an error") {
  CHECK(read("").err == "in.csv:1:1: no header row (the file is empty)");
  const Read header_only = read("a,b\n");
  CHECK(header_only.ok);
  CHECK(header_only.rows.rows.empty());
}

TEST_CASE("csv reader: rows longer than the read buffer and rows across chunks parse whole") {
  const std::string big(3 << 20, 'x');  // 3 MiB: bigger than one 1 MiB chunk
  std::string text = "id,blob\n1,\"" + big + "\"\n2,y\n";
  for (int i = 0; i < 200000; ++i) text += std::to_string(i) + ",\"q\"\"\"\n";
  const Read r = read(text);
  REQUIRE(r.ok);
  REQUIRE(r.rows.rows.size() == 200002);
  CHECK(r.rows.rows[0][1].size() == big.size());
  CHECK(r.rows.rows[1][1] == "y");
  CHECK(r.rows.rows.back()[1] == "q\"");
  CHECK(r.summary.bytes == text.size());
}

TEST_CASE("csv reader: a missing file is an error naming it") {
  Rows rows;
  csv::Summary summary;
  std::string err;
  CHECK_FALSE(csv::read_file("/nonexistent/x.csv", ',', rows, &summary, &err));
  CHECK(err == "/nonexistent/x.csv: cannot open: No such file or directory");
}
