// The golden gate's `expected` file: known-good aggregates as JSON with a
// stable key and group order, so a snapshot diffs line by line in review.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "checks/golden/golden_aggregate.h"

namespace changegate::golden {

// The file's JSON for `table` computed by gate `gate_id` with `specs`.
nlohmann::json expected_to_json(const std::string& gate_id, const AggregateTable& table,
                                const std::vector<AggregateSpec>& specs);
// The text written to disk: expected_to_json(...).dump(2) and a newline.
std::string expected_text(const std::string& gate_id, const AggregateTable& table,
                          const std::vector<AggregateSpec>& specs);

// Parses an expected file's `text` (read by the evidence pipeline) for
// `group_by` and the aggregates `specs`. Returns false with *err ("PATH: ...",
// `display` for PATH) when it is not a snapshot, or its group_by or
// aggregates do not match the gate's.
bool parse_expected(const std::string& text, const std::string& display,
                    const std::vector<std::string>& group_by,
                    const std::vector<AggregateSpec>& specs, AggregateTable* out, std::string* err);

}  // namespace changegate::golden
