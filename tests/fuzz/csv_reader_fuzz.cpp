// libFuzzer target for the golden gate's CSV reader and number parser: any
// bytes give a clean true or false, every row has the header's width, and no
// crash or sanitizer report. The first byte picks the delimiter.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "checks/golden/csv_reader.h"
#include "checks/golden/decimal.h"

namespace {

class CheckingSink : public changegate::csv::Sink {
 public:
  bool on_header(const std::vector<std::string>& names, std::string*) override {
    columns_ = names.size();
    return true;
  }
  bool on_row(const std::vector<std::string_view>& fields, std::int64_t line,
              std::string*) override {
    if (fields.size() != columns_ || line < 2) std::abort();
    for (const auto& f : fields) {
      changegate::Decimal d;
      if (changegate::parse_decimal(f, &d)) sum_.add(d);
    }
    return true;
  }

 private:
  std::size_t columns_ = 0;
  changegate::DecimalSum sum_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char delimiters[] = {',', ';', '\t', '|'};
  const char delimiter = delimiters[data[0] % 4];
  CheckingSink sink;
  changegate::csv::Summary summary;
  std::string err;
  const bool ok = changegate::csv::read_text(
      std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), "fuzz.csv", delimiter,
      sink, &summary, &err);
  if (!ok && err.compare(0, 9, "fuzz.csv:") != 0) std::abort();
  return 0;
}
