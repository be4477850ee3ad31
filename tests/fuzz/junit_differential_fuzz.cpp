// Differential libFuzzer target: every input is read twice, once as changegate
// reads it (the fast tokenizer for UTF-8 reports, expat for other encodings)
// and once through expat alone. It aborts when one accepts what the other
// rejects, or when both accept but yield different cases or summaries.
//
// Exceptions: none. Reports in encodings other than UTF-8 (and XML
// declarations of unusual form) are read by expat on both sides, by design
// (xml::sniff), so they agree trivially; error messages and their lines are
// not compared, only the verdict and what was read.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "checks/junit_reader.h"

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

[[noreturn]] void differ(const char* what, const std::string& fast, const std::string& expat) {
  std::fprintf(stderr, "tokenizer and expat differ: %s\n  tokenizer: %s\n  expat:     %s\n", what,
               fast.c_str(), expat.c_str());
  std::abort();
}

std::string describe(const TestCase& c) {
  return "suite=" + c.suite + " classname=" + c.classname + " name=" + c.name +
         " outcome=" + std::to_string(static_cast<int>(c.outcome)) + " message=" + c.message +
         " type=" + c.type + " file=" + c.file + " line=" + std::to_string(c.line) +
         " report_line=" + std::to_string(c.report_line) + " seconds=" + std::to_string(c.seconds) +
         " flaky=" + std::to_string(c.flaky_reruns);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using changegate::junit::XmlEngine;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
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
