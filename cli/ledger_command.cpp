// `changegate ledger verify|export|import|sync`: finds the config and the
// ledger exactly as `check` does (--config, --repo, --ledger,
// $CHANGEGATE_LEDGER, [project] ledger) and runs one ledger operation.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <map>

#include "checks/registry.h"
#include "cli/commands.h"
#include "gates/config.h"
#include "gates/error.h"
#include "gates/inputs.h"
#include "gates/ledger/export.h"
#include "gates/ledger/ledger_context.h"
#include "gates/ledger/recorder.h"
#include "gates/ledger/spool.h"
#include "gates/ledger/verify.h"
#include "gates/util/file.h"

namespace changegate::cli {

namespace {

// Entries grouped by project, each group in its stored order.
std::map<std::string, std::vector<LedgerEntry>> by_project(std::vector<LedgerEntry> entries) {
  std::map<std::string, std::vector<LedgerEntry>> groups;
  for (auto& e : entries) groups[e.project].push_back(std::move(e));
  return groups;
}

std::vector<LedgerEntry> read_export_file(const std::string& path) {
  std::string text, err;
  if (!read_file(path, &text, &err)) throw Error(err);
  std::vector<LedgerEntry> entries;
  if (!read_export(text, &entries, &err)) throw Error(display_path(path) + ": " + err);
  return entries;
}

// Prints one line per project; returns the exit code (1 at the first chain
// that does not verify).
int report_chains(const std::map<std::string, std::vector<LedgerEntry>>& chains,
                  const std::string& where) {
  int code = k_exit_pass;
  for (const auto& [project, entries] : chains) {
    const ChainCheck check = verify_chain(entries);
    if (check.ok) {
      std::cout << "ledger verified: " << where << ", project \"" << project
                << "\": " << check.entries << (check.entries == 1 ? " entry" : " entries")
                << (check.entries ? ", head " + check.head_hash : "") << "\n";
    } else {
      std::cout << "ledger MISMATCH: " << where << ", project \"" << project << "\": entry "
                << check.first_bad << ": " << check.problem << "\n";
      code = k_exit_blocked;
    }
  }
  return code;
}

int run_verify(const LedgerOptions& o) {
  if (!o.checkpoint.empty()) return run_ledger_verify_tree(o);
  if (!o.proof.empty())
    throw Error("ledger verify --proof needs --checkpoint FILE (and --key PUB.pem)");
  if (!o.from.empty()) {
    auto chains = by_project(read_export_file(o.from));
    if (!o.project.empty()) {
      auto it = chains.find(o.project);
      std::map<std::string, std::vector<LedgerEntry>> one;
      one[o.project] = it == chains.end() ? std::vector<LedgerEntry>{} : it->second;
      chains = one;
    }
    return report_chains(chains, display_path(o.from));
  }
  const LedgerContext c =
      find_ledger_context(o.repo, o.config, o.ledger, o.project, checks::registry());
  auto ledger = open_context_ledger(c, false);
  std::map<std::string, std::vector<LedgerEntry>> chains;
  if (o.all_projects)
    for (const auto& p : ledger->projects()) chains[p] = ledger->entries(p);
  else
    chains[c.target.project] = ledger->entries(c.target.project);
  return report_chains(chains, ledger->display());
}

int run_export(const LedgerOptions& o) {
  const LedgerContext c =
      find_ledger_context(o.repo, o.config, o.ledger, o.project, checks::registry());
  auto ledger = open_context_ledger(c, false);
  std::vector<LedgerEntry> entries;
  const std::vector<std::string> projects =
      o.all_projects ? ledger->projects() : std::vector<std::string>{c.target.project};
  for (const auto& p : projects)
    for (auto& e : ledger->entries(p)) entries.push_back(std::move(e));
  const std::string text = o.format == "json" ? export_json(entries) : export_jsonl(entries);
  if (o.output.empty() || o.output == "-") {
    std::cout << text << std::flush;
  } else {
    std::ofstream out(o.output, std::ios::binary);
    out << text;
    if (!out.flush()) throw Error("-o " + o.output + ": cannot write the export");
    std::cerr << "changegate: exported " << entries.size() << " entries to " << o.output << "\n";
  }
  return k_exit_pass;
}

int run_import(const LedgerOptions& o) {
  const auto chains = by_project(read_export_file(o.file));
  for (const auto& [project, entries] : chains) {
    const ChainCheck check = verify_chain(entries);
    if (!check.ok) {
      std::cerr << "changegate: error: " << display_path(o.file) << ": project \"" << project
                << "\": entry " << check.first_bad << ": " << check.problem
                << "; nothing was imported\n";
      return k_exit_blocked;
    }
  }
  const LedgerContext c =
      find_ledger_context(o.repo, o.config, o.ledger, o.project, checks::registry());
  auto ledger = open_context_ledger(c, true);
  std::size_t imported = 0, present = 0;
  for (const auto& [project, entries] : chains) {
    const auto existing = ledger->entries(project);
    for (std::size_t i = 0; i < existing.size(); ++i) {
      if (i >= entries.size() || existing[i].hash != entries[i].hash)
        throw Error("ledger " + ledger->display() + ": project \"" + project +
                    "\" already holds a different chain (entry " + std::to_string(i + 1) +
                    " differs from " + display_path(o.file) + "); nothing was imported");
    }
    present += existing.size();
    std::vector<LedgerEntry> rest(entries.begin() + static_cast<std::ptrdiff_t>(existing.size()),
                                  entries.end());
    ledger->insert_sealed(rest);
    imported += rest.size();
  }
  std::cout << "ledger import: " << imported << " entries imported, " << present
            << " already present, into " << ledger->display() << "\n";
  return k_exit_pass;
}

int run_sync(const LedgerOptions& o) {
  const LedgerContext c =
      find_ledger_context(o.repo, o.config, o.ledger, o.project, checks::registry());
  auto ledger = open_context_ledger(c, true);
  const SyncResult r = sync_spool(*ledger, c.target.spool_dir);
  std::cout << "ledger sync: " << r.appended << " spooled entries appended, " << r.already_present
            << " already present, into " << ledger->display() << "\n";
  for (const auto& p : r.problems) std::cerr << "changegate: error: " << p << "\n";
  return r.problems.empty() ? k_exit_pass : k_exit_invalid;
}

}  // namespace

CLI::App* add_ledger_command(CLI::App& app, LedgerOptions& o) {
  CLI::App* ledger = app.add_subcommand("ledger", "verify, export, import or sync the ledger");
  ledger->require_subcommand(1);
  auto common = [&](CLI::App* sub) {
    sub->add_option("--config", o.config, "gate file (default: REPO/changegate.toml)");
    sub->add_option("--repo", o.repo, "repository (default: current directory)");
    sub->add_option("--ledger", o.ledger, "ledger URL (sqlite:PATH or postgresql://...)");
    sub->callback([&o, sub] { o.action = sub->get_name(); });
  };
  CLI::App* verify = ledger->add_subcommand(
      "verify", "recompute the chain; exit 0 verified, 1 names the first bad entry, 2 unreadable");
  common(verify);
  verify->add_option("--from", o.from, "verify an export file offline, without the database");
  verify->add_option("--project", o.project, "the chain to verify (default: this repository's)");
  verify->add_flag("--all-projects", o.all_projects, "verify every project's chain");
  auto* cp = verify->add_option("--checkpoint", o.checkpoint,
                                "check that the ledger still extends this checkpoint");
  verify->add_option("--proof", o.proof,
                     "with --checkpoint: check an inclusion proof offline, no database");
  verify->add_option("--key", o.keys, "public key (PEM) the checkpoint must be signed by")
      ->needs(cp);

  CLI::App* exp = ledger->add_subcommand("export", "write the entries for offline verification");
  common(exp);
  exp->add_option("--format", o.format, "jsonl (default: one entry per line) or json")
      ->check(CLI::IsMember({"jsonl", "json"}));
  exp->add_option("-o", o.output, "write to this file instead of stdout");
  exp->add_option("--project", o.project, "the chain to export (default: this repository's)");
  exp->add_flag("--all-projects", o.all_projects, "export every project's chain");

  CLI::App* imp = ledger->add_subcommand(
      "import",
      "verify an export, then load it into the configured ledger (e.g. SQLite -> "
      "PostgreSQL)");
  common(imp);
  imp->add_option("FILE", o.file, "an export written by `ledger export`")->required();

  CLI::App* checkpoint = ledger->add_subcommand(
      "checkpoint", "write a checkpoint of the Merkle tree (signed with CHANGEGATE_SIGNING_KEY)");
  common(checkpoint);
  checkpoint->add_option("-o", o.output, "write to this file instead of stdout");

  CLI::App* proof = ledger->add_subcommand("proof", "write the inclusion proof of one entry");
  common(proof);
  proof->add_option("ENTRY", o.entry, "the entry number (1-based)")->required();
  proof->add_option("-o", o.output, "write to this file instead of stdout");

  CLI::App* sync = ledger->add_subcommand(
      "sync", "append the entries spooled during an outage, each exactly once");
  common(sync);
  return ledger;
}

int run_ledger(const LedgerOptions& o) {
  if (o.action == "verify") return run_verify(o);
  if (o.action == "export") return run_export(o);
  if (o.action == "import") return run_import(o);
  if (o.action == "sync") return run_sync(o);
  if (o.action == "checkpoint") return run_ledger_checkpoint(o);
  if (o.action == "proof") return run_ledger_proof(o);
  throw Error("ledger: unknown subcommand \"" + o.action + "\"");
}

}  // namespace changegate::cli
