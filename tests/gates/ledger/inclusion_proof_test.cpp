#include "gates/ledger/inclusion_proof.h"

#include <catch2/catch.hpp>

#include "gates/error.h"
#include "gates/util/encoding.h"
#include "gates/util/sha256.h"
#include "tests/support/test_keys.h"

using namespace changegate;
using changegate::testing::generate_test_key;

namespace {

const std::string k_origin = "github.com/acme/shop";

std::vector<Digest> chain(std::size_t n) {
  std::vector<Digest> out;
  std::string prev(64, '0');
  for (std::size_t i = 0; i < n; ++i) {
    prev = sha256_hex(prev + "{\"entry\":" + std::to_string(i + 1) + "}");
    out.push_back(*digest_from_hex(prev));
  }
  return out;
}

SigningKey new_key() {
  std::string err;
  std::optional<SigningKey> key =
      SigningKey::from_pem(generate_test_key().private_pem, "test key", std::nullopt, &err);
  REQUIRE(key);
  return *key;
}

struct Signed {
  std::vector<Digest> hashes = chain(13);
  MerkleTree tree{hashes};
  SigningKey key = new_key();
  Checkpoint checkpoint;
  Signed() {
    checkpoint = make_checkpoint(k_origin, tree, to_hex(hashes.back()));
    sign_checkpoint(&checkpoint, key);
  }
};

std::string parse_error(const std::string& text) {
  std::string err;
  return parse_inclusion_proof(text, "proof.json", &err) ? "(parsed)" : err;
}

}  // namespace

TEST_CASE("inclusion proof file: written as documented and read back unchanged") {
  const std::vector<Digest> hashes = chain(5);
  const MerkleTree tree(hashes);
  const InclusionProof proof = make_inclusion_proof(k_origin, tree, 2, hashes[1]);
  const std::string json = inclusion_proof_json(proof);
  const std::vector<Digest> path = tree.inclusion_proof(1, 5);
  CHECK(json ==
        "{\n  \"format\": \"changegate.proof/1\",\n  \"origin\": \"github.com/acme/shop\","
        "\n  \"entry\": 2,\n  \"entry_hash\": \"" +
            to_hex(hashes[1]) + "\",\n  \"tree_size\": 5,\n  \"root\": \"" +
            to_base64(tree.root()) + "\",\n  \"path\": [\n    \"" + to_base64(path[0]) +
            "\",\n    \"" + to_base64(path[1]) + "\",\n    \"" + to_base64(path[2]) +
            "\"\n  ]\n}\n");
  std::string err;
  const std::optional<InclusionProof> back = parse_inclusion_proof(json, "proof.json", &err);
  REQUIRE(back);
  CHECK(back->entry == 2);
  CHECK(back->entry_hash == hashes[1]);
  CHECK(back->tree_size == 5);
  CHECK(back->root == tree.root());
  CHECK(back->path == path);
}

TEST_CASE("inclusion proof file: every entry verifies offline against a signed checkpoint") {
  const Signed s;
  for (std::uint64_t entry = 1; entry <= s.hashes.size(); ++entry) {
    INFO("entry " << entry);
    const InclusionProof proof = make_inclusion_proof(k_origin, s.tree, entry, s.hashes[entry - 1]);
    std::string err;
    const std::optional<InclusionProof> read =
        parse_inclusion_proof(inclusion_proof_json(proof), "proof.json", &err);
    REQUIRE(read);
    CHECK(verify_inclusion_proof(*read, s.checkpoint, {s.key.public_key()}, &err));
  }
}

TEST_CASE("inclusion proof file: a forged entry hash or path fails against the checkpoint") {
  const Signed s;
  InclusionProof proof = make_inclusion_proof(k_origin, s.tree, 6, s.hashes[5]);
  std::string err;
  InclusionProof forged = proof;
  forged.entry_hash = s.hashes[6];
  CHECK_FALSE(verify_inclusion_proof(forged, s.checkpoint, {s.key.public_key()}, &err));
  CHECK(err == "entry 6 with hash " + to_hex(s.hashes[6]) +
                   " is not in the checkpoint's tree: the audit path does not lead to its root");
  forged = proof;
  forged.path[1][0] ^= 1;
  CHECK_FALSE(verify_inclusion_proof(forged, s.checkpoint, {s.key.public_key()}, &err));
  forged = proof;
  forged.entry = 7;
  CHECK_FALSE(verify_inclusion_proof(forged, s.checkpoint, {s.key.public_key()}, &err));
}

TEST_CASE("inclusion proof file: the checkpoint must be signed by a given key and match") {
  const Signed s;
  const InclusionProof proof = make_inclusion_proof(k_origin, s.tree, 3, s.hashes[2]);
  std::string err;
  CHECK_FALSE(verify_inclusion_proof(proof, s.checkpoint, {new_key().public_key()}, &err));
  CHECK(err == "no signature by the given key (1 signature by other keys)");

  Checkpoint altered = s.checkpoint;
  altered.root[0] ^= 1;
  CHECK_FALSE(verify_inclusion_proof(proof, altered, {s.key.public_key()}, &err));
  CHECK(err.find("does not verify: the checkpoint was altered") != std::string::npos);

  const MerkleTree smaller(std::vector<Digest>(s.hashes.begin(), s.hashes.begin() + 12));
  const InclusionProof older = make_inclusion_proof(k_origin, smaller, 3, s.hashes[2]);
  CHECK_FALSE(verify_inclusion_proof(older, s.checkpoint, {s.key.public_key()}, &err));
  CHECK(err ==
        "the proof is for a tree of 12 entries but the checkpoint covers 13: make the "
        "proof from the ledger state the checkpoint was taken from");

  InclusionProof other_origin = proof;
  other_origin.origin = "github.com/acme/other";
  CHECK_FALSE(verify_inclusion_proof(other_origin, s.checkpoint, {s.key.public_key()}, &err));
  CHECK(err ==
        "the proof is for \"github.com/acme/other\" but the checkpoint for "
        "\"github.com/acme/shop\"");
}

TEST_CASE("inclusion proof file: the last entry's hash must equal the checkpoint's chain-head") {
  Signed s;
  const InclusionProof proof = make_inclusion_proof(k_origin, s.tree, 13, s.hashes[12]);
  std::string err;
  CHECK(verify_inclusion_proof(proof, s.checkpoint, {s.key.public_key()}, &err));
  Checkpoint wrong_head = make_checkpoint(k_origin, s.tree, std::string(64, 'a'));
  CHECK_FALSE(verify_inclusion_proof(proof, wrong_head, {}, &err));
  CHECK(err == "entry 13 is the checkpoint's last, but its hash differs from chain-head");
}

TEST_CASE("inclusion proof file: making a proof for a missing or mismatched entry throws") {
  const std::vector<Digest> hashes = chain(3);
  const MerkleTree tree(hashes);
  CHECK_THROWS_WITH(make_inclusion_proof(k_origin, tree, 4, hashes[0]),
                    "entry 4: the ledger has 3 entries");
  CHECK_THROWS_WITH(make_inclusion_proof(k_origin, tree, 0, hashes[0]),
                    "entry 0: the ledger has 3 entries");
  CHECK_THROWS_WITH(
      make_inclusion_proof(k_origin, tree, 2, hashes[0]),
      "entry 2: hash " + to_hex(hashes[0]) + " is not the hash the Merkle tree holds for it");
}

TEST_CASE("inclusion proof file: malformed files are refused naming file and key") {
  const std::vector<Digest> hashes = chain(3);
  const MerkleTree tree(hashes);
  const std::string good = inclusion_proof_json(make_inclusion_proof(k_origin, tree, 1, hashes[0]));
  auto with = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  CHECK(parse_error("{") == "proof.json: not valid JSON");
  CHECK(parse_error("[]") == "proof.json: expected a JSON object");
  CHECK(parse_error(with("\"origin\"", "\"origni\"")) ==
        "proof.json: unknown key \"origni\" (did you mean \"origin\"?)");
  CHECK(parse_error(with("changegate.proof/1", "changegate.proof/2")) ==
        "proof.json: key \"format\": expected \"changegate.proof/1\", got \"changegate.proof/2\"");
  CHECK(parse_error(with("\"entry\": 1", "\"entry\": -1")) ==
        "proof.json: key \"entry\": expected a non-negative integer, got -1");
  CHECK(parse_error(with("\"entry\": 1", "\"entry\": 4")) ==
        "proof.json: key \"entry\": 4 is not in 1..3");
  CHECK(parse_error(with("\"entry_hash\": \"", "\"entry_hash\": \"zz")) ==
        "proof.json: key \"entry_hash\": not a SHA-256 hash in hex");
  CHECK(parse_error(with("\"root\": \"", "\"root\": \"A")) ==
        "proof.json: key \"root\": not base64 of 32 bytes");
  CHECK(parse_error(with("\"path\": [\n    \"", "\"path\": [\n    \"A")) ==
        "proof.json: key \"path\"[0]: not base64 of 32 bytes");
  CHECK(parse_error("{\"format\": \"changegate.proof/1\"}") ==
        "proof.json: missing key \"origin\"");
}
