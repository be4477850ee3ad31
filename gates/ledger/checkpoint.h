// Ledger checkpoints: a C2SP tlog-checkpoint body in a C2SP signed note.
//
//   github.com/acme/shop                      origin: the project name
//   1041                                      tree size (entries), decimal
//   7Vb1x0Y6n4n8...Wg=                        base64 Merkle root (merkle.h)
//   chain-head 3f9a...c2                      extension: hex hash of entry 1041
//                                             blank line
//   — github.com/acme/shop 1xk2pA...==        zero or more signature lines
//
// The body is the first four lines, each ending in "\n"; the signatures cover
// exactly those bytes. `chain-head` is changegate's extension line: the chain
// hash of the last entry the checkpoint covers (64 zeros for an empty ledger,
// the prev_hash of the first entry), so a checkpoint also pins the hash chain.
// A signature line is "— " (U+2014, space), the key name, a space and
// base64(key hash || 64-byte Ed25519 signature); the key name is the origin
// and the key hash the first 4 bytes of SHA-256(name || 0x0A || 0x01 || raw
// public key). Other tools' extension lines are kept, after chain-head.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gates/ledger/merkle.h"
#include "gates/ledger/signing.h"

namespace changegate {

struct NoteSignature {
  std::string name;
  std::string key_hash;   // 4 bytes
  std::string signature;  // the bytes after the key hash (64 for Ed25519)
};

struct Checkpoint {
  std::string origin;
  std::uint64_t tree_size = 0;
  Digest root{};
  std::string chain_head;               // 64 lowercase hex digits
  std::vector<std::string> extensions;  // further extension lines, verbatim
  std::vector<NoteSignature> signatures;
};

// The unsigned checkpoint of `tree` (a MerkleTree or a store) at its current size. `chain_head` is
// the hex chain hash of the last entry (64 zeros when the tree is empty). Throws Error when
// `origin` cannot be a note key name (empty, whitespace, control characters or '+') or `chain_head`
// is not 64 lowercase hex digits.
Checkpoint make_checkpoint(const std::string& origin, const MerkleNodes& tree,
                           const std::string& chain_head);

// The signed text: "<origin>\n<size>\n<base64 root>\nchain-head <hex>\n" and
// the extension lines.
std::string checkpoint_body(const Checkpoint& checkpoint);
// The whole note: body, blank line, one line per signature.
std::string serialize_checkpoint(const Checkpoint& checkpoint);

// The 4-byte signed-note key hash of an Ed25519 key under `name`.
std::string note_key_hash(const std::string& name, const PublicKey& key);
// Appends `key`'s signature of the body, under the origin as key name.
void sign_checkpoint(Checkpoint* checkpoint, const SigningKey& key);

// Parses a note that serialize_checkpoint wrote (the blank line may be
// omitted when there are no signatures). Returns nullopt with `*err` =
// "FILE:LINE: reason" (line 1 is the origin) for anything else, e.g. CRLF
// line endings, a size with leading zeros, a root that is not base64 of 32
// bytes, a missing or malformed chain-head line, or a signature line
// without the em dash.
std::optional<Checkpoint> parse_checkpoint(std::string_view text, const std::string& file,
                                           std::string* err);

// Whether the checkpoint is signed by one of `keys` (keys rotate: any one is
// enough). Signature lines under another name or key hash are ignored, but a
// line that claims to be by one of `keys` and does not verify rejects the
// note. On success `*keyid` is the verifying key's id; on failure `*err`
// says why ("not signed", "no signature by the given key(s)", "the signature
// by key <id> does not verify: the checkpoint was altered"). With no keys it
// returns true and leaves *keyid empty: the caller decides whether an
// unchecked checkpoint is acceptable. The CLI should then warn (stderr):
// "warning: FILE: signature not checked (no --key given); the checkpoint is
// only as trustworthy as the place it was kept", and with --key refuse an
// unsigned note: "FILE: the checkpoint is not signed, but --key was given".
bool verify_checkpoint_signatures(const Checkpoint& checkpoint, const std::vector<PublicKey>& keys,
                                  std::string* keyid, std::string* err);

// Whether the ledger whose tree is `tree` still extends `checkpoint`: it has
// at least tree_size entries, a consistency proof from the checkpoint's size
// to tree.size() verifies against both roots, and `entry_hash_at_size` (the
// hex chain hash of entry number checkpoint.tree_size, or 64 zeros for 0)
// equals chain-head. Otherwise `*err` says what changed: the ledger was
// truncated (it has fewer entries), its first N entries were rewritten, or
// the chain head differs. Does not check signatures.
bool ledger_extends_checkpoint(const Checkpoint& checkpoint, const MerkleNodes& tree,
                               const std::string& entry_hash_at_size, std::string* err);

}  // namespace changegate
