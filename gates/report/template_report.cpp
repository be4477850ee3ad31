#include "gates/report/template_report.h"

#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

#include "gates/error.h"
#include "gates/report/report_view.h"

namespace changegate {

namespace {

namespace mustache = kainjow::mustache;

// nlohmann JSON -> mustache data; null and false both close a section.
mustache::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (const auto& [key, value] : j.items()) d.set(key, to_data(value));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& item : j) d.push_back(to_data(item));
      return d;
    }
    case nlohmann::json::value_t::string: return mustache::data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean:
      return j.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                           : mustache::data{mustache::data::type::bool_false};
    case nlohmann::json::value_t::null: return mustache::data{mustache::data::type::bool_false};
    default: return mustache::data{j.dump()};
  }
}

const char* file_name(TemplateFormat format) {
  return format == TemplateFormat::markdown ? "report.md.mustache" : "report.html.mustache";
}

}  // namespace

void require_template(const std::string& template_dir, TemplateFormat format) {
  std::error_code ec;
  if (!std::filesystem::is_directory(template_dir, ec))
    throw Error("--template-dir " + template_dir + ": no such directory");
  if (!std::filesystem::is_regular_file(std::filesystem::path(template_dir) / file_name(format),
                                        ec))
    throw Error("--template-dir " + template_dir + ": " + file_name(format) +
                " not found (needed for the " +
                (format == TemplateFormat::markdown ? "markdown" : "html") + " report)");
}

std::string render_template_report(const nlohmann::json& evaluation, TemplateFormat format,
                                   const std::string& template_dir) {
  std::string text = builtin_template(format);
  std::string source = std::string("built-in ") + file_name(format);
  if (!template_dir.empty()) {
    require_template(template_dir, format);
    const std::filesystem::path path = std::filesystem::path(template_dir) / file_name(format);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    if (!in && !in.eof()) throw Error(path.string() + ": cannot read the template");
    text = s.str();
    source = path.string();
  }
  mustache::mustache tmpl{text};
  if (!tmpl.is_valid()) throw Error(source + ": template error: " + tmpl.error_message());
  const nlohmann::json view = build_report_view(
      evaluation, format == TemplateFormat::markdown ? ViewFlavour::markdown : ViewFlavour::html);
  std::string out = tmpl.render(to_data(view));
  if (format == TemplateFormat::markdown) {
    // Sections that render nothing leave blank lines; Markdown needs at most one.
    std::string squeezed;
    int newlines = 0;
    for (char c : out) {
      newlines = c == '\n' ? newlines + 1 : 0;
      if (newlines <= 2) squeezed += c;
    }
    out.swap(squeezed);
  }
  return out;
}

}  // namespace changegate
