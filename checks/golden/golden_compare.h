// Compares a candidate's aggregates with the known-good ones (an expected
// file or a baseline source) and with each aggregate's bounds, recording
// every listed comparison on the GateResult.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checks/golden/golden_aggregate.h"
#include "gates/evaluation.h"

namespace changegate::golden {

// Rows kept in details; the rest are counted in "rows_not_listed".
constexpr std::size_t k_max_rows_listed = 200;

struct Outcome {
  std::int64_t rows = 0;         // (group, aggregate) pairs judged, plus missing/extra groups
  std::int64_t failed_rows = 0;  // out of tolerance or bounds
  std::vector<std::string> missing, extra;  // group labels
  std::string first_failure;                // one line for the summary
};

// `reference` is null in bounds-only mode (and when the reference could not
// be read: then only the bounds are judged). Fills r.details["rows"],
// r.comparisons and r.problems.
Outcome compare_tables(const AggregateTable* reference, const AggregateTable& actual,
                       const std::vector<AggregateSpec>& specs, GateResult& r);

}  // namespace changegate::golden
