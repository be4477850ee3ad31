// Arguments and dispatch only: every subcommand lives in its own file.
#include <CLI/CLI.hpp>
#include <iostream>

#include "checks/registry.h"
#include "cli/arg_typos.h"
#include "cli/commands.h"
#include "gates/error.h"
#include "gates/util/suggest.h"

int main(int argc, char** argv) {
  using namespace changegate;
  // Named, so usage lines say "changegate" whatever path the binary runs from.
  CLI::App app{
      "changegate: a change-management quality gate for CI.\n"
      "Exit codes: 0 pass, 1 blocked, 2 invalid invocation, config or change record.",
      "changegate"};
  app.set_version_flag("--version", std::string("changegate ") + CHANGEGATE_VERSION);
  app.require_subcommand(1);

  cli::CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "evaluate the change against the gates");
  check_cmd->add_option("--config", check.config, "gate file (default: REPO/changegate.toml)");
  check_cmd->add_option("--change", check.change,
                        "change record (default: REPO/.changegate/change.toml or .json)");
  check_cmd->add_option("--repo", check.repo, "repository (default: current directory)");
  check_cmd->add_option(
      "--base", check.base,
      "base revision (default: merge-base with origin/main, else main, else the first parent)");
  check_cmd->add_option("--head", check.head, "head revision (default: HEAD)");
  check_cmd->add_option("--format", check.format, "what goes to stdout")
      ->check(CLI::IsMember({"text", "json", "markdown", "html", "junit"}));
  check_cmd->add_option("-o", check.outputs,
                        "also write a report; format from the extension (.json .md .html .xml)");
  check_cmd->add_option("--template-dir", check.template_dir,
                        "use report.md.mustache / report.html.mustache from this directory");
  check_cmd->add_flag("--worktree", check.worktree,
                      "evaluate base..work tree: staged, unstaged and untracked changes");
  auto* ledger = check_cmd->add_option("--ledger", check.ledger,
                                       "ledger URL (sqlite:PATH or postgresql://...)");
  auto* no_ledger =
      check_cmd->add_flag("--no-ledger", check.no_ledger, "do not write the ledger (dry run)");
  ledger->excludes(no_ledger);
  check_cmd->add_option("--only", check.only, "evaluate only this gate (repeatable)");
  check_cmd->add_option("--now", check.now, "fix the clock (RFC 3339) for reproducible runs");

  cli::ValidateOptions validate;
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "lint the gate file and change record; evaluate nothing");
  validate_cmd->add_option("--config", validate.config, "gate file (default: ./changegate.toml)");
  validate_cmd->add_option("--change", validate.change,
                           "change record (default: ./.changegate/change.toml)");
  validate_cmd->add_flag("--explain-risk", validate.explain_risk,
                         "print the effective risk configuration: weights, levels, freezes");

  cli::ReportOptions report;
  CLI::App* report_cmd = app.add_subcommand("report", "render a saved evaluation for sign-off");
  auto* from =
      report_cmd->add_option("--from", report.from, "an evaluation JSON written by check -o");
  auto* release = report_cmd->add_option("--release", report.release, "BASE..HEAD from the ledger");
  from->excludes(release);
  report_cmd->add_option("--format", report.format, "what goes to stdout (default markdown)")
      ->check(CLI::IsMember({"text", "json", "markdown", "html", "junit"}));
  report_cmd->add_option("-o", report.outputs, "write a report; format from the extension");
  report_cmd->add_option("--template-dir", report.template_dir, "override the built-in templates");

  cli::GoldenSnapshotOptions snapshot;
  CLI::App* golden_cmd = app.add_subcommand("golden", "golden-dataset gates");
  golden_cmd->require_subcommand(1);
  CLI::App* snapshot_cmd = golden_cmd->add_subcommand(
      "snapshot", "write a golden gate's expected aggregates from the current candidate");
  snapshot_cmd->add_option("GATE_ID", snapshot.gate_id, "the golden gate")->required();
  snapshot_cmd->add_option("--config", snapshot.config,
                           "gate file (default: REPO/changegate.toml)");
  snapshot_cmd->add_option("--repo", snapshot.repo, "repository (default: current directory)");
  snapshot_cmd->add_flag("--force", snapshot.force,
                         "overwrite an expected file that holds different values");

  cli::LedgerOptions ledger_options;
  CLI::App* ledger_cmd = cli::add_ledger_command(app, ledger_options);

  CLI::App* help_cmd = app.add_subcommand("help",
                                          "help on a topic: `changegate help gates` lists "
                                          "every gate kind with its keys");
  std::string help_topic;
  help_cmd->add_option("TOPIC", help_topic, "gates");

  // Only the top-level help lists the gate kinds and their keys; set after
  // the subcommands so they do not inherit it.
  app.footer(cli::gate_kinds_help(checks::registry()));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string typo = cli::explain_unknown_argument(app, argc, argv);
    std::cerr << "changegate: error: " << (typo.empty() ? std::string(e.what()) : typo) << "\n"
              << "Run `changegate --help` for usage.\n";
    return k_exit_invalid;
  }

  if (*help_cmd) {
    if (help_topic.empty()) {
      std::cout << app.help();
      return k_exit_pass;
    }
    if (help_topic == "gates") {
      std::cout << cli::gate_kinds_help(checks::registry()) << "\n";
      return k_exit_pass;
    }
    std::cerr << "changegate: error: no help topic \"" << help_topic << "\""
              << did_you_mean(help_topic, {"gates"}) << "\n";
    return k_exit_invalid;
  }

  try {
    if (*check_cmd) return cli::run_check(check);
    if (*validate_cmd) return cli::run_validate(validate);
    if (*report_cmd) return cli::run_report(report);
    if (*snapshot_cmd) return cli::run_golden_snapshot(snapshot);
    if (*ledger_cmd) return cli::run_ledger(ledger_options);
  } catch (const Error& e) {
    std::cerr << "changegate: error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    // Anything else is a bug; still never a silent pass.
    std::cerr << "changegate: internal error: " << e.what() << "\n";
    return k_exit_invalid;
  }
  return k_exit_invalid;
}
