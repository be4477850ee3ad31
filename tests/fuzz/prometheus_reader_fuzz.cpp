// libFuzzer target for the Prometheus API response reader: any body, with any
// HTTP status, must give a clean true or false, never a crash or a sanitizer
// report. The first byte picks the status so both paths get explored.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/slo/prometheus_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const long k_statuses[] = {200, 400, 422, 503, 404, 204, 0, 599};
  const long status = size ? k_statuses[data[0] % 8] : 200;
  const std::string body(reinterpret_cast<const char*>(data) + (size ? 1 : 0), size ? size - 1 : 0);
  changegate::prometheus::QueryResult result;
  std::string err;
  changegate::prometheus::read_query_response(status, body, &result, &err);
  return 0;
}
