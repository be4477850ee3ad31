// Markdown and HTML reports from the mustache templates in templates/,
// compiled into the binary and overridable with --template-dir.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace changegate {

enum class TemplateFormat { markdown, html };

// Renders an evaluation (its JSON) through report.md.mustache or
// report.html.mustache: from `template_dir` when one is given, else the
// built-in one. Throws changegate::Error when `template_dir` is not a
// directory or lacks the file (never a silent fallback: see
// require_template), when a template cannot be read or has a syntax error.
std::string render_template_report(const nlohmann::json& evaluation, TemplateFormat format,
                                   const std::string& template_dir = "");

// Checks that `template_dir` (non-empty) is a directory holding the template
// for `format`; throws changegate::Error "--template-dir DIR: no such
// directory" or "--template-dir DIR: report.html.mustache not found (needed
// for the html report)".
void require_template(const std::string& template_dir, TemplateFormat format);

// The built-in template text (generated from templates/ at build time).
const std::string& builtin_template(TemplateFormat format);

}  // namespace changegate
