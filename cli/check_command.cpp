// `changegate check`: load the inputs, evaluate, render, exit 0/1/2.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "checks/registry.h"
#include "cli/commands.h"
#include "gates/config.h"
#include "gates/engine.h"
#include "gates/error.h"
#include "gates/inputs.h"
#include "gates/ledger/recorder.h"
#include "gates/report/github.h"
#include "gates/report/json_report.h"
#include "gates/report/render.h"
#include "gates/util/file.h"
#include "gates/util/random_id.h"
#include "gates/util/strings.h"

namespace changegate::cli {

namespace {

Timestamp resolve_now(const std::string& now) {
  if (now.empty())
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  auto t = parse_timestamp(now);
  if (!t) throw Error("--now \"" + now + "\" is not an RFC 3339 date-time (2026-11-22T12:00:00Z)");
  return *t;
}

}  // namespace

int run_check(const CheckOptions& options) {
  // Unknown formats and extensions fail before anything is evaluated.
  const std::optional<Format> format = parse_format(options.format);
  if (!format)
    throw Error("--format " + options.format + ": not one of text, json, markdown, html, junit");
  std::vector<std::pair<std::string, Format>> outputs;
  for (const auto& path : options.outputs) {
    outputs.emplace_back(path, format_for_extension(path));
    // Checked before anything is evaluated: a blocked run must not turn
    // into exit 2 after the fact because its report cannot be written.
    if (std::string err; !prepare_output_file(path, &err)) throw Error("-o " + err);
  }
  const GithubActions gha = github_actions_from_environment();
  std::vector<Format> formats = {*format};
  for (const auto& output : outputs) formats.push_back(output.second);
  if (gha.active && !gha.step_summary.empty()) formats.push_back(Format::markdown);
  check_template_dir(options.template_dir, formats);
  const Timestamp now = resolve_now(options.now);

  const RepoContext repo =
      open_repo_context(options.repo, RepoOptions{options.base, options.head, options.worktree});
  if (repo.dirty_files > 0 && !repo.worktree)
    std::cerr << "changegate: note: uncommitted changes to " << plural(repo.dirty_files, "file")
              << " in the index or work tree are not evaluated (commit them, or use --worktree "
                 "to include them)\n";
  if (repo.nothing_to_compare)
    std::cerr << "changegate: note: the base is head itself: nothing to compare\n";
  Config config = load_config(config_path_for(options.config, repo.root), checks::registry());
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
  RenderOptions render_options;
  render_options.template_dir = options.template_dir;
  RenderOptions stdout_options = render_options;
  stdout_options.color = isatty(STDOUT_FILENO) && !(no_color && *no_color);
  if (gha.active) {
    // Annotations are the commands we mean; the report is evidence, so the
    // runner is told to execute none of it.
    write_github_annotations(evaluation, std::cout);
    std::ostringstream report;
    render(evaluation, *format, report, stdout_options);
    write_without_workflow_commands(report.str(), std::cout, new_stop_commands_token());
  } else {
    render(evaluation, *format, std::cout, stdout_options);
  }
  std::cout << std::flush;
  for (const auto& [path, file_format] : outputs)
    render_to_file(evaluation, file_format, path, render_options);
  if (gha.active) append_step_summary(evaluation, gha.step_summary, render_options);
  return evaluation.blocked ? k_exit_blocked : k_exit_pass;
}

}  // namespace changegate::cli
