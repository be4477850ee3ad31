// libFuzzer target for the JUnit reader: any bytes must give a clean true or
// false, never a crash, a sanitizer report or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/tests/junit_reader.h"

namespace {

class NullSink : public changegate::junit::Sink {
 public:
  void on_test_case(const changegate::junit::TestCase&) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  NullSink sink;
  changegate::junit::ReportSummary summary;
  std::string err;
  changegate::junit::read_report_bytes(std::string(reinterpret_cast<const char*>(data), size),
                                       "fuzz.xml", sink, &summary, &err);
  return 0;
}
