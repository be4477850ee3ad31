// Any bytes given to `report --from` either are refused with
// changegate::Error or read as an evaluation that renders in every format;
// nothing else may escape, crash or hang.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <streambuf>
#include <string>

#include "gates/error.h"
#include "gates/report/json_report.h"
#include "gates/report/render.h"

namespace {

// Discards everything written to it, so rendering costs no memory.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c == traits_type::eof() ? 0 : c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // As read_evaluation_file does: JSON first, then the evaluation reader.
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return 0;
  changegate::Evaluation evaluation;
  try {
    evaluation = changegate::evaluation_from_json(j, "fuzz.json");
  } catch (const changegate::Error&) {
    return 0;
  }
  NullBuffer buffer;
  std::ostream out(&buffer);
  for (const auto format :
       {changegate::Format::text, changegate::Format::json, changegate::Format::markdown,
        changegate::Format::html, changegate::Format::junit})
    changegate::render(evaluation, format, out, changegate::RenderOptions{});
  return 0;
}
