#include "gates/report/render.h"

#include <fstream>

#include "gates/error.h"
#include "gates/report/json_report.h"
#include "gates/report/junit_report.h"
#include "gates/report/template_report.h"
#include "gates/report/text_report.h"
#include "gates/util/strings.h"

namespace changegate {

std::optional<Format> parse_format(const std::string& name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "markdown") return Format::markdown;
  if (name == "html") return Format::html;
  if (name == "junit") return Format::junit;
  return std::nullopt;
}

Format format_for_extension(const std::string& path) {
  if (ends_with(path, ".json")) return Format::json;
  if (ends_with(path, ".xml")) return Format::junit;
  if (ends_with(path, ".md")) return Format::markdown;
  if (ends_with(path, ".html") || ends_with(path, ".htm")) return Format::html;
  throw Error("-o " + path +
              ": cannot tell the format from the extension (use .json, .md, .html or .xml)");
}

void render(const Evaluation& evaluation, Format format, std::ostream& out,
            const RenderOptions& options) {
  switch (format) {
    case Format::text: out << render_text(evaluation, TextOptions{options.color}); return;
    case Format::json: out << evaluation_to_json(evaluation).dump(2) << "\n"; return;
    case Format::junit: out << render_junit(evaluation); return;
    case Format::markdown:
      out << render_template_report(evaluation_to_json(evaluation), TemplateFormat::markdown,
                                    options.template_dir);
      return;
    case Format::html:
      out << render_template_report(evaluation_to_json(evaluation), TemplateFormat::html,
                                    options.template_dir);
      return;
  }
}

void render_to_file(const Evaluation& evaluation, Format format, const std::string& path,
                    const RenderOptions& options) {
  std::ofstream out(path, std::ios::binary);
  render(evaluation, format, out, options);
  if (!out.flush()) throw Error("-o " + path + ": cannot write the report");
}

}  // namespace changegate
