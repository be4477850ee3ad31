// `changegate report`: render a saved evaluation in any report format.
#include <iostream>

#include "cli/commands.h"
#include "gates/error.h"
#include "gates/report/json_report.h"
#include "gates/report/render.h"

namespace changegate::cli {

int run_report(const ReportOptions& options) {
  if (!options.release.empty())
    throw Error("--release " + options.release +
                ": release reports read the ledger, which this version does not write yet");
  if (options.from.empty()) throw Error("report: give --from EVALUATION.json");
  const std::optional<Format> format = parse_format(options.format);
  if (!format)
    throw Error("--format " + options.format + ": not one of text, json, markdown, html, junit");
  std::vector<std::pair<std::string, Format>> outputs;
  for (const auto& path : options.outputs) outputs.emplace_back(path, format_for_extension(path));
  std::vector<Format> formats;
  if (outputs.empty()) formats.push_back(*format);
  for (const auto& output : outputs) formats.push_back(output.second);
  check_template_dir(options.template_dir, formats);
  const Evaluation evaluation = read_evaluation_file(options.from);

  RenderOptions render_options;
  render_options.template_dir = options.template_dir;
  if (outputs.empty()) render(evaluation, *format, std::cout, render_options);
  for (const auto& [path, file_format] : outputs)
    render_to_file(evaluation, file_format, path, render_options);
  return k_exit_pass;
}

}  // namespace changegate::cli
