// `changegate ledger checkpoint | proof ENTRY` and `ledger verify
// --checkpoint | --proof`: the Merkle tree over a project's chain
// (gates/ledger/merkle.h, checkpoint.h, inclusion_proof.h), wired to the CLI.
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "checks/registry.h"
#include "cli/commands.h"
#include "gates/error.h"
#include "gates/inputs.h"
#include "gates/ledger/checkpoint.h"
#include "gates/ledger/inclusion_proof.h"
#include "gates/ledger/ledger_context.h"
#include "gates/ledger/signing.h"
#include "gates/ledger/verify.h"
#include "gates/util/file.h"

namespace changegate::cli {

namespace {

Digest digest_of(const LedgerEntry& e) {
  auto d = digest_from_hex(e.hash);
  if (!d) throw Error("ledger: entry " + std::to_string(e.seq) + ": hash is not 64 hex digits");
  return *d;
}

// The project's entries after the chain verified (a tree over a broken chain
// would certify it). Exit 1 is thrown as an Error with that code.
std::vector<LedgerEntry> verified_entries(Ledger& ledger, const std::string& project) {
  auto entries = ledger.entries(project);
  const ChainCheck check = verify_chain(entries);
  if (!check.ok)
    throw Error("ledger " + ledger.display() + ", project \"" + project + "\": entry " +
                    std::to_string(check.first_bad) + ": " + check.problem,
                k_exit_blocked);
  return entries;
}

MerkleTree tree_of(const std::vector<LedgerEntry>& entries) {
  std::vector<Digest> leaves;
  for (const auto& e : entries) leaves.push_back(digest_of(e));
  return MerkleTree(leaves);
}

void write_output(const std::string& path, const std::string& text, const std::string& what) {
  if (path.empty() || path == "-") {
    std::cout << text << std::flush;
    return;
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw Error("-o " + path + ": cannot write the " + what);
}

std::string read_or_throw(const std::string& path) {
  std::string text, err;
  if (!read_file(path, &text, &err)) throw Error(err);
  return text;
}

std::vector<PublicKey> load_keys(const std::vector<std::string>& paths) {
  std::vector<PublicKey> keys;
  for (const auto& p : paths) keys.push_back(load_public_key(p));
  return keys;
}

Checkpoint read_checkpoint(const std::string& path, const std::vector<PublicKey>& keys) {
  std::string err, keyid;
  auto cp = parse_checkpoint(read_or_throw(path), display_path(path), &err);
  if (!cp) throw Error(err);
  if (keys.empty())
    std::cerr << "changegate: warning: " << display_path(path)
              << ": signature not checked (no --key given); the checkpoint is only as "
                 "trustworthy as the place it was kept\n";
  else if (cp->signatures.empty())
    throw Error(display_path(path) + ": the checkpoint is not signed, but --key was given",
                k_exit_blocked);
  else if (!verify_checkpoint_signatures(*cp, keys, &keyid, &err))
    throw Error(display_path(path) + ": " + err, k_exit_blocked);
  return *cp;
}

}  // namespace

int run_ledger_checkpoint(const LedgerOptions& o) {
  const LedgerContext c =
      find_ledger_context(o.repo, o.config, o.ledger, o.project, checks::registry());
  auto ledger = open_context_ledger(c, false);
  const auto entries = verified_entries(*ledger, c.target.project);
  Checkpoint cp = make_checkpoint(c.target.project, tree_of(entries),
                                  entries.empty() ? k_zero_hash : entries.back().hash);
  if (const char* spec = std::getenv(k_signing_key_variable); spec && *spec) {
    std::optional<std::string> passphrase;
    if (const char* p = std::getenv(k_signing_key_password_variable)) passphrase = p;
    sign_checkpoint(&cp, load_signing_key(spec, passphrase));
  } else {
    std::cerr << "changegate: warning: the checkpoint is not signed (set " << k_signing_key_variable
              << " to an Ed25519 private key)\n";
  }
  write_output(o.output, serialize_checkpoint(cp), "checkpoint");
  return k_exit_pass;
}

int run_ledger_proof(const LedgerOptions& o) {
  const LedgerContext c =
      find_ledger_context(o.repo, o.config, o.ledger, o.project, checks::registry());
  auto ledger = open_context_ledger(c, false);
  const auto entries = verified_entries(*ledger, c.target.project);
  if (o.entry < 1 || o.entry > static_cast<std::int64_t>(entries.size()))
    throw Error("ledger proof: entry " + std::to_string(o.entry) + ": the ledger has " +
                std::to_string(entries.size()) + " entries for project \"" + c.target.project +
                "\"");
  const auto& e = entries[static_cast<std::size_t>(o.entry - 1)];
  const InclusionProof proof = make_inclusion_proof(
      c.target.project, tree_of(entries), static_cast<std::uint64_t>(o.entry), digest_of(e));
  write_output(o.output, inclusion_proof_json(proof), "proof");
  return k_exit_pass;
}

int run_ledger_verify_tree(const LedgerOptions& o) {
  const auto keys = load_keys(o.keys);
  const Checkpoint cp = read_checkpoint(o.checkpoint, keys);
  if (!o.proof.empty()) {
    // Offline: the proof and the checkpoint, no database.
    std::string err;
    auto proof = parse_inclusion_proof(read_or_throw(o.proof), display_path(o.proof), &err);
    if (!proof) throw Error(err);
    if (!verify_inclusion_proof(*proof, cp, keys, &err)) {
      std::cout << "proof MISMATCH: " << display_path(o.proof) << ": entry " << proof->entry << ": "
                << err << "\n";
      return k_exit_blocked;
    }
    std::cout << "proof verified: entry " << proof->entry << " of project \"" << cp.origin
              << "\" is in the checkpoint of " << cp.tree_size << " entries\n";
    return k_exit_pass;
  }
  const LedgerContext c =
      find_ledger_context(o.repo, o.config, o.ledger, o.project, checks::registry());
  auto ledger = open_context_ledger(c, false);
  const auto entries = verified_entries(*ledger, cp.origin);
  const std::string at_size = cp.tree_size == 0                ? k_zero_hash
                              : cp.tree_size <= entries.size() ? entries[cp.tree_size - 1].hash
                                                               : "";
  std::string err;
  if (!ledger_extends_checkpoint(cp, tree_of(entries), at_size, &err)) {
    std::cout << "ledger MISMATCH: " << ledger->display() << ", project \"" << cp.origin
              << "\": " << err << "\n";
    return k_exit_blocked;
  }
  std::cout << "ledger verified: " << ledger->display() << ", project \"" << cp.origin
            << "\": " << entries.size() << " entries extend the checkpoint of " << cp.tree_size
            << "\n";
  return k_exit_pass;
}

}  // namespace changegate::cli
