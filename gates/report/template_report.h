// Markdown and HTML reports from the mustache templates in templates/,
// compiled into the binary and overridable with --template-dir.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace changegate {

enum class TemplateFormat { markdown, html };

// Renders an evaluation (its JSON) through report.md.mustache or
// report.html.mustache: from `template_dir` when it holds that file, else the
// built-in one. Throws changegate::Error when a template cannot be read or
// has a syntax error.
std::string render_template_report(const nlohmann::json& evaluation, TemplateFormat format,
                                   const std::string& template_dir = "");

// The built-in template text (generated from templates/ at build time).
const std::string& builtin_template(TemplateFormat format);

}  // namespace changegate
