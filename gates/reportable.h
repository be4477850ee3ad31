// The boundary where evidence becomes report text. Whatever a check copied
// out of its evidence (test names, failure messages, SARIF messages, log
// fields, server errors) is untrusted: before any renderer sees a gate
// result, every string in it is scrubbed of the run's secrets, repaired to
// valid UTF-8 and capped in length.
#pragma once

#include <cstddef>

#include "gates/evaluation.h"
#include "gates/net/scrub.h"

namespace changegate {

// The most bytes one string of a gate result keeps (a message, a detail).
constexpr std::size_t k_max_report_text = 4096;

// Scrubs, repairs and caps every string in `result` (summary, problems,
// details with their keys, comparisons, evidence paths). When invalid UTF-8
// was replaced, details["text_repaired"] says how many sequences.
void make_reportable(GateResult& result, const Secrets& secrets);

}  // namespace changegate
