// Numbers and evidence references as a person reads them in the text,
// Markdown and HTML reports: tolerances as "±0.005" / "±2%", ratios as
// percentages, burn rates as "49.9×", form-encoded PromQL decoded. Display
// only: the JSON report keeps every value at full precision.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace changegate {

// A number with at most 4 significant digits after the point (never fewer
// than its integer digits), trailing zeros dropped: 0.13050847 -> "0.1305".
std::string display_number(double value);

// A comparison's actual or expected value: numbers through display_number,
// ratios (names saying "ratio", "share", "coverage" or "budget") as
// percentages, burn rates (op "not both >", or an object of windows) with
// "×", strings as they are, null as "—", anything else as compact JSON.
std::string display_value(const std::string& name, const std::string& op,
                          const nlohmann::json& value);

// A comparison's tolerance: a number as "±0.005", {abs, rel} as "±0.005",
// "±2%" or both joined by " or "; "" for null.
std::string display_tolerance(const nlohmann::json& tolerance);

// An evidence path: "POST URL?query=...&time=..." (an HTTP call with its
// form-encoded parameters) as "POST URL query=<decoded> time=<decoded>";
// any other path unchanged. The result is valid UTF-8.
std::string display_evidence_path(const std::string& path);

}  // namespace changegate
