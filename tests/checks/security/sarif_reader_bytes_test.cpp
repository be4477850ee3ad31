// The SARIF reader judges every byte it digests: nothing may hide after the
// document (a NUL byte ends RapidJSON's input), and strings must be UTF-8.
#include <catch2/catch.hpp>
#include <fstream>

#include "checks/security/sarif_reader.h"
#include "tests/support/temp_repo.h"

using namespace changegate;
using namespace changegate::sarif;

namespace {

const std::string k_clean =
    "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, "
    "\"results\": []}]}";

// A finding the gate would count, hidden after the clean document.
const std::string k_hidden =
    "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, "
    "\"results\": [{\"ruleId\": \"r\", \"level\": \"error\", \"message\": {\"text\": \"m\"}}]}]}";

}  // namespace

TEST_CASE(
    "sarif reader: a clean log followed by a NUL byte and more content is an error "
    "(expected: error naming the byte)") {
  LogSummary s;
  std::string err;
  const std::string bytes = k_clean + std::string(1, '\0') + k_hidden;
  CHECK_FALSE(read_log_bytes(bytes, "nul.sarif", {}, &s, &err));
  CHECK(err == "nul.sarif:1: content after the end of the JSON document (byte " +
                   std::to_string(k_clean.size()) + "): the whole file must be one SARIF log");
}

TEST_CASE("sarif reader: a NUL byte after the document in a file on disk is an error too") {
  testing::TempDir dir;
  dir.write("nul.sarif", k_clean + std::string(1, '\0') + k_hidden);
  LogSummary s;
  std::string err;
  CHECK_FALSE(read_log(dir.path() + "/nul.sarif", {}, &s, &err));
  CHECK(err.find("content after the end of the JSON document") != std::string::npos);
}

TEST_CASE("sarif reader: a second document after the first is an error") {
  LogSummary s;
  std::string err;
  CHECK_FALSE(read_log_bytes(k_clean + "\n" + k_hidden, "two.sarif", {}, &s, &err));
  CHECK(err.find("two.sarif:") == 0);
}

TEST_CASE("sarif reader: trailing white space after the document is fine") {
  LogSummary s;
  std::string err;
  CHECK(read_log_bytes(k_clean + "\n\n  \n", "ws.sarif", {}, &s, &err));
}

TEST_CASE("sarif reader: invalid UTF-8 in a string is an error naming the file and line") {
  LogSummary s;
  std::string err;
  const std::string bytes =
      "{\"version\": \"2.1.0\",\n\"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, "
      "\"results\": [{\"ruleId\": \"r\", \"level\": \"error\", \"message\": {\"text\": \"bad "
      "\xFF byte\"}}]}]}";
  CHECK_FALSE(read_log_bytes(bytes, "latin.sarif", {}, &s, &err));
  CHECK(err.find("latin.sarif:2:") == 0);
  CHECK(err.find("Invalid encoding") != std::string::npos);
}
