#include "gates/ledger/checkpoint.h"

#include <algorithm>
#include <charconv>

#include "gates/error.h"
#include "gates/util/encoding.h"
#include "gates/util/strings.h"

namespace changegate {

namespace {

constexpr std::string_view k_em_dash = "\xE2\x80\x94";
constexpr std::string_view k_chain_head = "chain-head ";

// A signed-note key name: non-empty, no spaces, no '+' (which separates
// name and key hash in a verifier key), no control characters.
bool valid_key_name(std::string_view name) {
  if (name.empty()) return false;
  return std::none_of(name.begin(), name.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '+';
  });
}

bool lower_hex_hash(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Canonical decimal only: the body is signed text, so "0042" must not parse
// to the same checkpoint as "42".
std::optional<std::uint64_t> parse_size(std::string_view text) {
  if (text.empty() || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string short_keyid(const PublicKey& key) {
  return key.keyid().substr(0, 16);
}

}  // namespace

Checkpoint make_checkpoint(const std::string& origin, const MerkleNodes& tree,
                           const std::string& chain_head) {
  if (!valid_key_name(origin))
    throw Error("checkpoint origin " + quoted(origin) +
                ": must be non-empty without spaces, control characters or '+' (it is also "
                "the signing key's name)");
  if (!lower_hex_hash(chain_head))
    throw Error("checkpoint chain head " + quoted(chain_head) +
                ": not a SHA-256 hash in lowercase hex");
  Checkpoint checkpoint;
  checkpoint.origin = origin;
  checkpoint.tree_size = tree.size();
  checkpoint.root = merkle_root(tree, tree.size());
  checkpoint.chain_head = chain_head;
  return checkpoint;
}

std::string checkpoint_body(const Checkpoint& checkpoint) {
  std::string body = checkpoint.origin + "\n" + std::to_string(checkpoint.tree_size) + "\n" +
                     to_base64(checkpoint.root) + "\n" + std::string(k_chain_head) +
                     checkpoint.chain_head + "\n";
  for (const std::string& line : checkpoint.extensions) body += line + "\n";
  return body;
}

std::string serialize_checkpoint(const Checkpoint& checkpoint) {
  std::string note = checkpoint_body(checkpoint) + "\n";
  for (const NoteSignature& s : checkpoint.signatures)
    note += std::string(k_em_dash) + " " + s.name + " " + base64_encode(s.key_hash + s.signature) +
            "\n";
  return note;
}

std::string note_key_hash(const std::string& name, const PublicKey& key) {
  // C2SP signed-note: SHA-256(name || "\n" || signature type 0x01 || key)[:4].
  const Digest hash = sha256_digest(name + "\n\x01" + key.raw());
  return std::string(reinterpret_cast<const char*>(hash.data()), 4);
}

void sign_checkpoint(Checkpoint* checkpoint, const SigningKey& key) {
  if (!valid_key_name(checkpoint->origin))
    throw Error("checkpoint origin " + quoted(checkpoint->origin) + ": not a valid key name");
  checkpoint->signatures.push_back({checkpoint->origin,
                                    note_key_hash(checkpoint->origin, key.public_key()),
                                    key.sign(checkpoint_body(*checkpoint))});
}

std::optional<Checkpoint> parse_checkpoint(std::string_view text, const std::string& file,
                                           std::string* err) {
  int line_number = 0;
  auto fail = [&](const std::string& reason) {
    *err = file + ":" + std::to_string(line_number) + ": " + reason;
    return std::nullopt;
  };
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    line_number = static_cast<int>(lines.size()) + 1;
    if (end == std::string_view::npos) return fail("the last line does not end with a newline");
    const std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r')
      return fail("CRLF line ending; checkpoints use \\n line endings");
    lines.push_back(line);
    start = end + 1;
  }
  line_number = 1;
  if (lines.size() < 4) {
    line_number = static_cast<int>(lines.size()) + (lines.empty() ? 1 : 0);
    return fail("truncated checkpoint: expected origin, tree size, root hash and chain-head lines");
  }
  Checkpoint checkpoint;
  checkpoint.origin = std::string(lines[0]);
  if (!valid_key_name(checkpoint.origin))
    return fail("origin " + quoted(checkpoint.origin) +
                ": must be non-empty without spaces, control characters or '+'");
  line_number = 2;
  const std::optional<std::uint64_t> size = parse_size(lines[1]);
  if (!size) return fail("tree size " + quoted(std::string(lines[1])) + ": not a decimal number");
  checkpoint.tree_size = *size;
  line_number = 3;
  const std::optional<Digest> root = digest_from_base64(lines[2]);
  if (!root)
    return fail("root hash " + quoted(std::string(lines[2])) + ": not standard base64 of 32 bytes");
  checkpoint.root = *root;
  line_number = 4;
  if (lines[3].substr(0, k_chain_head.size()) != k_chain_head)
    return fail("expected the extension line \"chain-head <hex hash of the last entry>\", got " +
                quoted(std::string(lines[3])));
  checkpoint.chain_head = std::string(lines[3].substr(k_chain_head.size()));
  if (!lower_hex_hash(checkpoint.chain_head))
    return fail("chain-head " + quoted(checkpoint.chain_head) +
                ": not a SHA-256 hash in lowercase hex");
  std::size_t i = 4;
  for (; i < lines.size() && !lines[i].empty(); ++i) checkpoint.extensions.emplace_back(lines[i]);
  // The blank line, then signature lines to the end.
  for (++i; i < lines.size(); ++i) {
    line_number = static_cast<int>(i) + 1;
    std::string_view line = lines[i];
    if (line.substr(0, k_em_dash.size() + 1) != std::string(k_em_dash) + " ")
      return fail("expected a signature line \"— <key name> <base64 signature>\"");
    line.remove_prefix(k_em_dash.size() + 1);
    const std::size_t space = line.find(' ');
    const std::string_view name = line.substr(0, space);
    if (space == std::string_view::npos || !valid_key_name(name))
      return fail("signature line: expected \"— <key name> <base64 signature>\"");
    const std::optional<std::string> blob = base64_decode(line.substr(space + 1));
    if (!blob || blob->size() < 5)
      return fail("signature line: the signature is not base64 of a key hash and a signature");
    checkpoint.signatures.push_back({std::string(name), blob->substr(0, 4), blob->substr(4)});
  }
  return checkpoint;
}

bool verify_checkpoint_signatures(const Checkpoint& checkpoint, const std::vector<PublicKey>& keys,
                                  std::string* keyid, std::string* err) {
  keyid->clear();
  if (keys.empty()) return true;
  if (checkpoint.signatures.empty()) {
    *err = "the checkpoint is not signed, but a key was given to check it";
    return false;
  }
  const std::string body = checkpoint_body(checkpoint);
  std::string verified;
  for (const PublicKey& key : keys) {
    const std::string key_hash = note_key_hash(checkpoint.origin, key);
    for (const NoteSignature& s : checkpoint.signatures) {
      if (s.name != checkpoint.origin || s.key_hash != key_hash) continue;
      if (!key.verify(body, s.signature)) {
        *err = "the signature by key " + short_keyid(key) +
               " does not verify: the checkpoint was altered after signing";
        return false;
      }
      if (verified.empty()) verified = key.keyid();
    }
  }
  if (verified.empty()) {
    *err = "no signature by the given key" + std::string(keys.size() > 1 ? "s" : "") + " (" +
           plural(static_cast<std::int64_t>(checkpoint.signatures.size()), "signature") +
           " by other keys)";
    return false;
  }
  *keyid = verified;
  return true;
}

bool ledger_extends_checkpoint(const Checkpoint& checkpoint, const MerkleNodes& tree,
                               const std::string& entry_hash_at_size, std::string* err) {
  const std::uint64_t old_size = checkpoint.tree_size, new_size = tree.size();
  if (new_size < old_size) {
    *err = "the ledger has " + plural(static_cast<std::int64_t>(new_size), "entry", "entries") +
           " but the checkpoint covers " + std::to_string(old_size) + ": entries " +
           std::to_string(new_size + 1) + ".." + std::to_string(old_size) + " were removed";
    return false;
  }
  const std::vector<Digest> proof = merkle_consistency_proof(tree, old_size, new_size);
  if (!verify_consistency(old_size, new_size, checkpoint.root, merkle_root(tree, new_size),
                          proof)) {
    *err = "the ledger does not extend the checkpoint: its first " +
           plural(static_cast<std::int64_t>(old_size), "entry", "entries") +
           " no longer hash to the checkpoint's root (rewritten history)";
    return false;
  }
  if (entry_hash_at_size != checkpoint.chain_head) {
    *err = "entry " + std::to_string(old_size) + " has hash " + entry_hash_at_size +
           " but the checkpoint's chain-head is " + checkpoint.chain_head;
    return false;
  }
  return true;
}

}  // namespace changegate
