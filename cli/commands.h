// One function per subcommand; main.cpp parses arguments into these option
// structs and dispatches. Each returns the process exit code (SPEC §1) and
// lets changegate::Error escape to main.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace changegate {
class GateKinds;
}  // namespace changegate
namespace CLI {
class App;
}

namespace changegate::cli {

struct CheckOptions {
  std::string config;
  std::string change;
  std::string repo = ".";
  std::string base;
  std::string head;
  bool worktree = false;
  std::string format = "text";
  std::vector<std::string> outputs;
  std::string ledger;
  bool no_ledger = false;
  std::vector<std::string> only;
  std::string now;
  std::string template_dir;
};

struct ReportOptions {
  std::string from;
  std::string release;
  std::string format = "markdown";
  std::vector<std::string> outputs;
  std::string template_dir;
};

struct ValidateOptions {
  std::string config;
  std::string change;
  bool explain_risk = false;
};

struct GoldenSnapshotOptions {
  std::string gate_id;
  std::string config;
  std::string repo = ".";
  bool force = false;
};

// `changegate ledger verify|export|import|sync|...` (cli/ledger_command.cpp).
struct LedgerOptions {
  std::string action;  // the subcommand given
  std::string config;
  std::string repo = ".";
  std::string ledger;
  std::string project;
  bool all_projects = false;
  std::string from;
  std::string format = "jsonl";
  std::string output;
  std::string file;
  std::string checkpoint;
  std::string proof;
  std::vector<std::string> keys;
  std::int64_t entry = 0;
};

int run_check(const CheckOptions& options);
int run_validate(const ValidateOptions& options);
int run_report(const ReportOptions& options);
int run_golden_snapshot(const GoldenSnapshotOptions& options);
int run_ledger(const LedgerOptions& options);
// The Merkle-tree subcommands (cli/ledger_tree_command.cpp).
int run_ledger_checkpoint(const LedgerOptions& options);
int run_ledger_proof(const LedgerOptions& options);
int run_ledger_verify_tree(const LedgerOptions& options);
// Declares `ledger` and its subcommands on `app`, filling `options`.
CLI::App* add_ledger_command(CLI::App& app, LedgerOptions& options);

// The gate kinds and their keys, for --help (the CLI passes checks::registry()).
std::string gate_kinds_help(const GateKinds& kinds);

}  // namespace changegate::cli
