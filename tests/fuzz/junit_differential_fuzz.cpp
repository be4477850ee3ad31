// Differential libFuzzer target: every input is read twice, once as changegate
// reads it (the fast tokenizer for UTF-8 reports, expat for other encodings)
// and once through expat alone. It aborts when one accepts what the other
// rejects, or when both accept but yield different cases or summaries. It also
// feeds the tokenizer the same input whole and in small pieces (1 to 13 bytes,
// so every token is cut somewhere) and aborts unless both give the same events,
// or the same error at the same line.
//
// Exceptions: none. Reports in encodings other than UTF-8 (and XML
// declarations of unusual form) are read by expat on both sides, by design
// (xml::sniff), so they agree trivially; error messages and their lines are
// not compared, only the verdict and what was read.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "checks/tests/junit_reader.h"
#include "checks/tests/xml_tokenizer.h"

namespace {

using changegate::junit::ReportSummary;
using changegate::junit::TestCase;

class Recorder : public changegate::junit::Sink {
 public:
  std::vector<TestCase> cases;
  void on_test_case(const TestCase& test_case) override { cases.push_back(test_case); }
};

bool same(const TestCase& a, const TestCase& b) {
  return a.suite == b.suite && a.classname == b.classname && a.name == b.name &&
         a.seconds == b.seconds && a.outcome == b.outcome && a.flaky_reruns == b.flaky_reruns &&
         a.message == b.message && a.type == b.type && a.file == b.file && a.line == b.line &&
         a.report_line == b.report_line;
}

[[noreturn]] void differ(const char* what, const std::string& fast, const std::string& expat,
                         const char* fast_label = "tokenizer", const char* expat_label = "expat") {
  std::fprintf(stderr, "readings differ: %s\n  %s: %s\n  %s: %s\n", what, fast_label, fast.c_str(),
               expat_label, expat.c_str());
  std::abort();
}

std::string describe(const TestCase& c) {
  return "suite=" + c.suite + " classname=" + c.classname + " name=" + c.name +
         " outcome=" + std::to_string(static_cast<int>(c.outcome)) + " message=" + c.message +
         " type=" + c.type + " file=" + c.file + " line=" + std::to_string(c.line) +
         " report_line=" + std::to_string(c.report_line) + " seconds=" + std::to_string(c.seconds) +
         " flaky=" + std::to_string(c.flaky_reruns);
}

// Every event as text.
class EventLog : public changegate::xml::Handler {
 public:
  std::string log;
  bool start_element(std::string_view name, const changegate::xml::Attribute* atts,
                     std::size_t count, int line) override {
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
  bool doctype(int line) override {
    log += "<!DOCTYPE@" + std::to_string(line);
    return false;
  }
};

std::string tokenize(const std::string& bytes, std::size_t piece) {
  EventLog events;
  changegate::xml::Tokenizer tokenizer(events, changegate::xml::sniff(bytes).skip);
  bool ok = true;
  std::size_t at = 0;
  do {
    const std::size_t n = std::min(piece, bytes.size() - at);
    ok = tokenizer.feed(bytes.data() + at, n, at + n == bytes.size());
    at += n;
  } while (ok && at < bytes.size());
  // Text before an error may have been delivered or not, depending on where the
  // input was cut; the events matter only for a document that reads.
  return ok ? events.log
            : "error: " + tokenizer.error() + " at " + std::to_string(tokenizer.error_line());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using changegate::junit::XmlEngine;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  if (size > 0 && changegate::xml::sniff(bytes).fast) {
    const std::string whole = tokenize(bytes, size);
    const std::string pieces = tokenize(bytes, 1 + data[size - 1] % 13);
    if (whole != pieces)
      differ("tokenizer fed whole and in pieces", whole, pieces, "whole", "pieces");
  }
  Recorder fast, expat;
  ReportSummary fast_summary, expat_summary;
  std::string fast_err, expat_err;
  const bool fast_ok = changegate::junit::read_report_bytes(bytes, "fuzz.xml", fast, &fast_summary,
                                                            &fast_err, XmlEngine::automatic);
  const bool expat_ok = changegate::junit::read_report_bytes(
      bytes, "fuzz.xml", expat, &expat_summary, &expat_err, XmlEngine::expat);
  if (fast_ok != expat_ok)
    differ("verdict", fast_ok ? "accepted" : fast_err, expat_ok ? "accepted" : expat_err);
  if (!fast_ok) return 0;
  if (fast.cases.size() != expat.cases.size())
    differ("case count", std::to_string(fast.cases.size()), std::to_string(expat.cases.size()));
  for (std::size_t i = 0; i < fast.cases.size(); ++i)
    if (!same(fast.cases[i], expat.cases[i]))
      differ("case", describe(fast.cases[i]), describe(expat.cases[i]));
  if (fast_summary.root != expat_summary.root)
    differ("root", fast_summary.root, expat_summary.root);
  if (fast_summary.suite_names != expat_summary.suite_names)
    differ("suite names", std::to_string(fast_summary.suite_names.size()),
           std::to_string(expat_summary.suite_names.size()));
  if (fast_summary.latest_timestamp != expat_summary.latest_timestamp)
    differ("latest timestamp", fast_summary.latest_timestamp, expat_summary.latest_timestamp);
  if (fast_summary.test_cases != expat_summary.test_cases)
    differ("summary count", std::to_string(fast_summary.test_cases),
           std::to_string(expat_summary.test_cases));
  return 0;
}
