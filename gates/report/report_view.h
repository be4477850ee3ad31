// Turns an evaluation (its JSON, schema changegate.evaluation/1) into the
// view the Markdown and HTML templates render: display strings, icons, the
// blast-radius graph as Mermaid and as laid-out SVG boxes. Working from the
// JSON means `check -o x.html` and `report --from x.json` render identically.
#pragma once

#include <nlohmann/json.hpp>

namespace changegate {

enum class ViewFlavour { markdown, html };

// For Markdown every evidence-derived string is escaped here with
// escape_markdown (templates print them with {{{x}}}); HTML escaping is left
// to the template engine ({{x}} escapes).
nlohmann::json build_report_view(const nlohmann::json& evaluation, ViewFlavour flavour);

}  // namespace changegate
