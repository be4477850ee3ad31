// The inclusion-proof file `ledger proof ENTRY` writes and `ledger verify
// --proof FILE --checkpoint FILE --key PUB.pem` checks without the database:
//
//   {"format": "changegate.proof/1",
//    "origin": "github.com/acme/shop",      the checkpoint's origin
//    "entry": 17,                           1-based entry number (leaf 16)
//    "entry_hash": "3f9a...c2",             hex chain hash of that entry
//    "tree_size": 1041,                     the tree the proof is made in
//    "root": "7Vb1...Wg=",                  base64 root of that tree
//    "path": ["base64", ...]}               RFC 9162 audit path, leaf's sibling first
//
// Unknown keys are refused. A proof verifies against a checkpoint of the
// same origin and tree size only, so make it from the ledger state the
// checkpoint was taken from (or check it against a checkpoint of that size).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gates/ledger/checkpoint.h"
#include "gates/ledger/merkle.h"
#include "gates/ledger/signing.h"

namespace changegate {

constexpr const char* k_proof_format = "changegate.proof/1";

struct InclusionProof {
  std::string origin;
  std::uint64_t entry = 0;  // 1-based
  Digest entry_hash{};
  std::uint64_t tree_size = 0;
  Digest root{};
  std::vector<Digest> path;
};

// The proof that entry number `entry` (1-based), whose chain hash is
// `entry_hash`, is in `tree` (a MerkleTree or a store) at its current size. Throws Error "entry N:
// the ledger has M entries" when out of range, and Error when `entry_hash` is not that leaf's data
// (the caller passed the wrong entry).
InclusionProof make_inclusion_proof(const std::string& origin, const MerkleNodes& tree,
                                    std::uint64_t entry, const Digest& entry_hash);

// The proof as a JSON document (2-space indented, ending in a newline).
std::string inclusion_proof_json(const InclusionProof& proof);

// Parses a proof file. Returns nullopt with `*err` = "FILE: reason" naming
// the offending key for invalid JSON, a wrong "format", a missing or unknown
// key, an entry outside 1..tree_size, or a hash that does not decode to 32 bytes.
std::optional<InclusionProof> parse_inclusion_proof(std::string_view text, const std::string& file,
                                                    std::string* err);

// Whether `proof` shows its entry in the tree `checkpoint` commits to: same
// origin, same tree size and root, an audit path that verifies, and for the
// checkpoint's last entry an entry hash equal to chain-head. With `keys`, the
// checkpoint must also be signed by one of them (verify_checkpoint_signatures);
// with none its signature is not checked. On failure `*err` says which.
bool verify_inclusion_proof(const InclusionProof& proof, const Checkpoint& checkpoint,
                            const std::vector<PublicKey>& keys, std::string* err);

}  // namespace changegate
