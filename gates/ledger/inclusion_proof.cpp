#include "gates/ledger/inclusion_proof.h"

#include <nlohmann/json.hpp>

#include "gates/error.h"
#include "gates/util/strings.h"
#include "gates/util/suggest.h"

namespace changegate {

namespace {

using nlohmann::json;

const char* const k_keys[] = {"format",    "origin", "entry", "entry_hash",
                              "tree_size", "root",   "path"};

}  // namespace

InclusionProof make_inclusion_proof(const std::string& origin, const MerkleNodes& tree,
                                    std::uint64_t entry, const Digest& entry_hash) {
  if (entry == 0 || entry > tree.size())
    throw Error("entry " + std::to_string(entry) + ": the ledger has " +
                plural(static_cast<std::int64_t>(tree.size()), "entry", "entries"));
  if (tree.node(0, entry - 1) != leaf_hash(entry_hash))
    throw Error("entry " + std::to_string(entry) + ": hash " + to_hex(entry_hash) +
                " is not the hash the Merkle tree holds for it");
  InclusionProof proof;
  proof.origin = origin;
  proof.entry = entry;
  proof.entry_hash = entry_hash;
  proof.tree_size = tree.size();
  proof.root = merkle_root(tree, tree.size());
  proof.path = merkle_inclusion_proof(tree, entry - 1, tree.size());
  return proof;
}

std::string inclusion_proof_json(const InclusionProof& proof) {
  json path = json::array();
  for (const Digest& d : proof.path) path.push_back(to_base64(d));
  // An ordered_json keeps the documented key order for people reading it.
  nlohmann::ordered_json doc;
  doc["format"] = k_proof_format;
  doc["origin"] = proof.origin;
  doc["entry"] = proof.entry;
  doc["entry_hash"] = to_hex(proof.entry_hash);
  doc["tree_size"] = proof.tree_size;
  doc["root"] = to_base64(proof.root);
  doc["path"] = path;
  return doc.dump(2) + "\n";
}

std::optional<InclusionProof> parse_inclusion_proof(std::string_view text, const std::string& file,
                                                    std::string* err) {
  auto fail = [&](const std::string& reason) {
    *err = file + ": " + reason;
    return std::nullopt;
  };
  const json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return fail("not valid JSON");
  if (!doc.is_object()) return fail("expected a JSON object");
  for (const auto& item : doc.items())
    if (std::find(std::begin(k_keys), std::end(k_keys), item.key()) == std::end(k_keys))
      return fail(
          "unknown key " + quoted(item.key()) +
          did_you_mean(item.key(), std::vector<std::string>(std::begin(k_keys), std::end(k_keys))));
  for (const char* key : k_keys)
    if (!doc.contains(key)) return fail("missing key \"" + std::string(key) + "\"");

  const json& format = doc["format"];
  if (!format.is_string() || format.get<std::string>() != k_proof_format)
    return fail("key \"format\": expected \"" + std::string(k_proof_format) + "\", got " +
                format.dump());
  InclusionProof proof;
  if (!doc["origin"].is_string()) return fail("key \"origin\": expected a string");
  proof.origin = doc["origin"].get<std::string>();
  for (const char* key : {"entry", "tree_size"})
    if (!doc[key].is_number_unsigned())
      return fail("key \"" + std::string(key) + "\": expected a non-negative integer, got " +
                  doc[key].dump());
  proof.entry = doc["entry"].get<std::uint64_t>();
  proof.tree_size = doc["tree_size"].get<std::uint64_t>();
  if (proof.entry == 0 || proof.entry > proof.tree_size)
    return fail("key \"entry\": " + std::to_string(proof.entry) + " is not in 1.." +
                std::to_string(proof.tree_size));

  const json& entry_hash = doc["entry_hash"];
  const std::optional<Digest> hash =
      entry_hash.is_string() ? digest_from_hex(entry_hash.get<std::string>()) : std::nullopt;
  if (!hash) return fail("key \"entry_hash\": not a SHA-256 hash in hex");
  proof.entry_hash = *hash;
  const json& root = doc["root"];
  const std::optional<Digest> root_hash =
      root.is_string() ? digest_from_base64(root.get<std::string>()) : std::nullopt;
  if (!root_hash) return fail("key \"root\": not base64 of 32 bytes");
  proof.root = *root_hash;
  if (!doc["path"].is_array()) return fail("key \"path\": expected an array");
  for (std::size_t i = 0; i < doc["path"].size(); ++i) {
    const json& item = doc["path"][i];
    const std::optional<Digest> d =
        item.is_string() ? digest_from_base64(item.get<std::string>()) : std::nullopt;
    if (!d) return fail("key \"path\"[" + std::to_string(i) + "]: not base64 of 32 bytes");
    proof.path.push_back(*d);
  }
  return proof;
}

bool verify_inclusion_proof(const InclusionProof& proof, const Checkpoint& checkpoint,
                            const std::vector<PublicKey>& keys, std::string* err) {
  std::string keyid;
  if (!verify_checkpoint_signatures(checkpoint, keys, &keyid, err)) return false;
  if (proof.origin != checkpoint.origin) {
    *err = "the proof is for " + quoted(proof.origin) + " but the checkpoint for " +
           quoted(checkpoint.origin);
    return false;
  }
  if (proof.tree_size != checkpoint.tree_size) {
    *err = "the proof is for a tree of " + std::to_string(proof.tree_size) +
           " entries but the checkpoint covers " + std::to_string(checkpoint.tree_size) +
           ": make the proof from the ledger state the checkpoint was taken from";
    return false;
  }
  if (proof.root != checkpoint.root) {
    *err = "the proof's root differs from the checkpoint's: the ledger was rewritten";
    return false;
  }
  if (!verify_inclusion(leaf_hash(proof.entry_hash), proof.entry - 1, proof.tree_size, proof.path,
                        checkpoint.root)) {
    *err = "entry " + std::to_string(proof.entry) + " with hash " + to_hex(proof.entry_hash) +
           " is not in the checkpoint's tree: the audit path does not lead to its root";
    return false;
  }
  if (proof.entry == checkpoint.tree_size && to_hex(proof.entry_hash) != checkpoint.chain_head) {
    *err = "entry " + std::to_string(proof.entry) + " is the checkpoint's last, but its hash " +
           "differs from chain-head";
    return false;
  }
  return true;
}

}  // namespace changegate
