// `changegate report`: render a saved evaluation (Markdown, HTML, JSON).
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "gates/error.h"
#include "gates/report/json_report.h"
#include "gates/report/template_report.h"

namespace changegate::cli {

namespace {

std::string format_for(const std::string& path) {
  auto ends = [&](const std::string& s) {
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".json")) return "json";
  if (ends(".md")) return "markdown";
  if (ends(".html") || ends(".htm")) return "html";
  throw Error("-o " + path +
              ": cannot tell the format from the extension (use .json, .md or .html)");
}

std::string render(const nlohmann::json& evaluation, const std::string& format,
                   const std::string& template_dir) {
  if (format == "json") return evaluation.dump(2) + "\n";
  return render_template_report(
      evaluation, format == "html" ? TemplateFormat::html : TemplateFormat::markdown, template_dir);
}

}  // namespace

int run_report(const ReportOptions& options) {
  if (!options.release.empty())
    throw Error("--release " + options.release +
                ": release reports read the ledger, which this version does not write yet");
  if (options.from.empty()) throw Error("report: give --from EVALUATION.json");
  std::ifstream in(options.from, std::ios::binary);
  if (!in) throw Error(options.from + ": cannot read the evaluation");
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json evaluation;
  try {
    evaluation = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(options.from + ": not JSON: " + e.what());
  }
  if (!evaluation.is_object() || evaluation.value("schema", "") != k_evaluation_schema ||
      !evaluation.contains("gates") || !evaluation["gates"].is_array())
    throw Error(options.from + ": not a changegate evaluation (schema \"" +
                std::string(k_evaluation_schema) + "\")");
  std::vector<std::pair<std::string, std::string>> outputs;
  for (const auto& path : options.outputs) outputs.emplace_back(path, format_for(path));
  if (outputs.empty()) std::cout << render(evaluation, options.format, options.template_dir);
  for (const auto& [path, format] : outputs) {
    std::ofstream out(path, std::ios::binary);
    out << render(evaluation, format, options.template_dir);
    if (!out.flush()) throw Error("-o " + path + ": cannot write the report");
  }
  return k_exit_pass;
}

}  // namespace changegate::cli
