// `changegate check`: load the inputs, evaluate, render, exit 0/1/2.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "gates/config.h"
#include "gates/engine.h"
#include "gates/error.h"
#include "gates/inputs.h"
#include "gates/ledger/recorder.h"
#include "gates/report/json_report.h"
#include "gates/report/junit_report.h"
#include "gates/report/template_report.h"
#include "gates/report/text_report.h"
#include "gates/util/random_id.h"

namespace changegate::cli {

namespace {

std::string format_for_path(const std::string& path) {
  auto ends = [&](const std::string& suffix) {
    return path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends(".json")) return "json";
  if (ends(".xml")) return "junit";
  if (ends(".md")) return "markdown";
  if (ends(".html") || ends(".htm")) return "html";
  throw Error("-o " + path +
              ": cannot tell the format from the extension (use .json, .md, .html or .xml)");
}

std::string render(const Evaluation& evaluation, const std::string& format, bool color,
                   const std::string& template_dir) {
  if (format == "json") return evaluation_to_json(evaluation).dump(2) + "\n";
  if (format == "junit") return render_junit(evaluation);
  if (format == "markdown")
    return render_template_report(evaluation_to_json(evaluation), TemplateFormat::markdown,
                                  template_dir);
  if (format == "html")
    return render_template_report(evaluation_to_json(evaluation), TemplateFormat::html,
                                  template_dir);
  return render_text(evaluation, TextOptions{color});
}

Timestamp resolve_now(const std::string& now) {
  if (now.empty())
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  auto t = parse_timestamp(now);
  if (!t) throw Error("--now \"" + now + "\" is not an RFC 3339 date-time (2026-11-22T12:00:00Z)");
  return *t;
}

// GitHub renders these as annotations on the run.
void print_github_annotations(const Evaluation& e) {
  for (const auto& g : e.gates) {
    if (g.status == Status::pass || g.status == Status::skip) continue;
    std::string summary = g.summary;
    for (auto& c : summary)
      if (c == '\n' || c == '\r') c = ' ';
    std::cout << (g.blocks() ? "::error" : "::warning") << " title=changegate " << g.id << " ("
              << to_string(g.status) << ")::" << summary << "\n";
  }
}

}  // namespace

int run_check(const CheckOptions& options) {
  std::vector<std::pair<std::string, std::string>> outputs;  // path, format
  for (const auto& path : options.outputs) outputs.emplace_back(path, format_for_path(path));
  const Timestamp now = resolve_now(options.now);

  const RepoContext repo = open_repo_context(options.repo, options.base, options.head);
  Config config = load_config(config_path_for(options.config, repo.root));
  // A bad ledger URL is an invalid invocation: found before anything runs.
  const LedgerTarget ledger = options.no_ledger
                                  ? LedgerTarget{}
                                  : resolve_ledger_target(options.ledger, &config, repo.root);
  ChangeRecord change = load_change_for(options.change, repo.root, repo.branch);
  // Loading errors named the files as the user sees them; the evaluation
  // records them relative to the repository so it reads the same everywhere.
  config.path = repo_relative(config.path, repo.root);
  if (change.present) change.path = repo_relative(change.path, repo.root);

  RunOptions run;
  run.only = options.only;
  run.now = now;
  run.tool_version = CHANGEGATE_VERSION;
  Evaluation evaluation = evaluate(config, change, repo, run);
  evaluation.evaluation_id = random_hex_128();
  if (ledger.configured) {
    const RecordResult recorded = record_evaluation(evaluation_to_json(evaluation), ledger);
    evaluation.ledger = recorded.stamp;
    evaluation.blocked = evaluation.blocked || recorded.blocks;
    if (!recorded.warning.empty())
      std::cerr << "changegate: " << (recorded.blocks ? "error: " : "warning: ") << recorded.warning
                << "\n";
  } else if (!options.no_ledger) {
    std::cerr << "changegate: note: " << k_no_ledger_note << "\n";
  }

  const char* no_color = std::getenv("NO_COLOR");
  const bool color = isatty(STDOUT_FILENO) && !(no_color && *no_color);
  const char* gha = std::getenv("GITHUB_ACTIONS");
  if (gha && std::string(gha) == "true") print_github_annotations(evaluation);
  std::cout << render(evaluation, options.format, color, options.template_dir) << std::flush;
  for (const auto& [path, format] : outputs) {
    std::ofstream out(path, std::ios::binary);
    out << render(evaluation, format, false, options.template_dir);
    if (!out.flush()) throw Error("-o " + path + ": cannot write the report");
  }
  if (gha && std::string(gha) == "true") {
    // The job summary page shows the Markdown report under the run.
    if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary) {
      std::ofstream out(summary, std::ios::binary | std::ios::app);
      out << render(evaluation, "markdown", false, options.template_dir) << "\n";
    }
  }
  return evaluation.blocked ? k_exit_blocked : k_exit_pass;
}

}  // namespace changegate::cli
