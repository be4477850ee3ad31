// `logs` gate (SPEC §4.7): assertions over structured JSON-lines logs, e.g. a
// pipeline's `output_rows <= input_rows` and `null_rate_price <= 0.01` on
// every `run_finished` event. A line that is not JSON, or lacks an asserted
// field, fails the gate with its file:line.
#pragma once

#include <memory>
#include <vector>

#include "gates/check.h"

namespace changegate {

extern const std::vector<GateKey> k_logs_keys;
std::unique_ptr<Check> load_logs_check(const TableReader& gate);

}  // namespace changegate
