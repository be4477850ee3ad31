#include "gates/ledger/checkpoint.h"

#include <catch2/catch.hpp>

#include "gates/error.h"
#include "gates/util/encoding.h"
#include "gates/util/sha256.h"
#include "tests/support/test_keys.h"

using namespace changegate;
using changegate::testing::generate_test_key;

namespace {

const std::string k_origin = "github.com/acme/shop";

// A ledger of `n` entries: its chain hashes and their tree.
struct Ledger {
  std::vector<Digest> hashes;
  MerkleTree tree;
  std::string head_hex() const {
    return hashes.empty() ? std::string(64, '0') : to_hex(hashes.back());
  }
};

Ledger ledger(std::size_t n, const std::string& salt = "") {
  Ledger out;
  std::string prev(64, '0');
  for (std::size_t i = 0; i < n; ++i) {
    prev = sha256_hex(prev + "{\"entry\":" + std::to_string(i + 1) + salt + "}");
    out.hashes.push_back(*digest_from_hex(prev));
    out.tree.append(out.hashes.back());
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

Checkpoint parse(const std::string& text) {
  std::string err;
  std::optional<Checkpoint> checkpoint = parse_checkpoint(text, "cp.txt", &err);
  INFO(err);
  REQUIRE(checkpoint);
  return *checkpoint;
}

std::string parse_error(const std::string& text) {
  std::string err;
  return parse_checkpoint(text, "cp.txt", &err) ? "(parsed)" : err;
}

std::string good_body() {
  const Ledger l = ledger(3);
  return serialize_checkpoint(make_checkpoint(k_origin, l.tree, l.head_hex()));
}

}  // namespace

TEST_CASE("checkpoint: an unsigned checkpoint is origin, size, base64 root, chain-head, blank") {
  const Ledger l = ledger(5);
  const Checkpoint checkpoint = make_checkpoint(k_origin, l.tree, l.head_hex());
  CHECK(serialize_checkpoint(checkpoint) == "github.com/acme/shop\n5\n" + to_base64(l.tree.root()) +
                                                "\nchain-head " + l.head_hex() + "\n\n");
  const Checkpoint back = parse(serialize_checkpoint(checkpoint));
  CHECK(back.origin == k_origin);
  CHECK(back.tree_size == 5);
  CHECK(back.root == l.tree.root());
  CHECK(back.chain_head == l.head_hex());
  CHECK(back.signatures.empty());
  CHECK(parse(checkpoint_body(checkpoint)).root == l.tree.root());  // blank line omitted
}

TEST_CASE("checkpoint: an empty ledger's checkpoint has size 0, the empty root and zero head") {
  const Ledger l = ledger(0);
  const std::string text = serialize_checkpoint(make_checkpoint(k_origin, l.tree, l.head_hex()));
  CHECK(text ==
        "github.com/acme/shop\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nchain-head " +
            std::string(64, '0') + "\n\n");
}

TEST_CASE("checkpoint: a signed checkpoint carries an em-dash line that verifies with its key") {
  const Ledger l = ledger(7);
  const SigningKey key = new_key();
  Checkpoint checkpoint = make_checkpoint(k_origin, l.tree, l.head_hex());
  sign_checkpoint(&checkpoint, key);
  const std::string text = serialize_checkpoint(checkpoint);
  const std::string body = checkpoint_body(checkpoint);
  const std::string signature_line =
      "\xE2\x80\x94 github.com/acme/shop " +
      base64_encode(note_key_hash(k_origin, key.public_key()) + key.sign(body)) + "\n";
  CHECK(text == body + "\n" + signature_line);
  std::string keyid, err;
  CHECK(verify_checkpoint_signatures(parse(text), {key.public_key()}, &keyid, &err));
  CHECK(keyid == key.keyid());
}

TEST_CASE("checkpoint: the key hash and signature format match Go's signed-note test vector") {
  // golang.org/x/mod/sumdb/note: verifier key
  // "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW" and its example note.
  const std::string typed_key = *base64_decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  REQUIRE(typed_key[0] == '\x01');
  std::string err;
  const std::optional<PublicKey> key = PublicKey::from_raw(typed_key.substr(1), &err);
  REQUIRE(key);
  CHECK(hex_encode(note_key_hash("PeterNeumann", *key)) == "c74f20a3");
  const std::string blob = *base64_decode(
      "x08go/ZJkuBS9UG/"
      "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=");
  CHECK(blob.substr(0, 4) == note_key_hash("PeterNeumann", *key));
  CHECK(
      key->verify("If you think cryptography is the answer to your problem,\n"
                  "then you don't know what your problem is.\n",
                  blob.substr(4)));
}

TEST_CASE("checkpoint: any one of several given keys is enough (keys rotate)") {
  const Ledger l = ledger(4);
  const SigningKey old_key = new_key(), new_key_ = new_key(), stranger = new_key();
  Checkpoint checkpoint = make_checkpoint(k_origin, l.tree, l.head_hex());
  sign_checkpoint(&checkpoint, old_key);
  const Checkpoint parsed = parse(serialize_checkpoint(checkpoint));
  std::string keyid, err;
  CHECK(verify_checkpoint_signatures(parsed, {new_key_.public_key(), old_key.public_key()}, &keyid,
                                     &err));
  CHECK(keyid == old_key.keyid());
  CHECK_FALSE(verify_checkpoint_signatures(parsed, {stranger.public_key()}, &keyid, &err));
  CHECK(err == "no signature by the given key (1 signature by other keys)");
  CHECK_FALSE(verify_checkpoint_signatures(parsed, {stranger.public_key(), new_key_.public_key()},
                                           &keyid, &err));
  CHECK(err == "no signature by the given keys (1 signature by other keys)");

  sign_checkpoint(&checkpoint, new_key_);  // during a rotation, both sign
  const Checkpoint both = parse(serialize_checkpoint(checkpoint));
  CHECK(both.signatures.size() == 2);
  CHECK(verify_checkpoint_signatures(both, {new_key_.public_key()}, &keyid, &err));
  CHECK(keyid == new_key_.keyid());
}

TEST_CASE("checkpoint: an edited body fails its signature, naming the key") {
  const Ledger l = ledger(9);
  const SigningKey key = new_key();
  Checkpoint checkpoint = make_checkpoint(k_origin, l.tree, l.head_hex());
  sign_checkpoint(&checkpoint, key);
  std::string text = serialize_checkpoint(checkpoint);
  text.replace(text.find("\n9\n"), 3, "\n8\n");
  std::string keyid, err;
  CHECK_FALSE(verify_checkpoint_signatures(parse(text), {key.public_key()}, &keyid, &err));
  CHECK(err == "the signature by key " + key.keyid().substr(0, 16) +
                   " does not verify: the checkpoint was altered after signing");
  CHECK(keyid.empty());
}

TEST_CASE("checkpoint: an unsigned checkpoint passes only when no key is required") {
  const Ledger l = ledger(2);
  const Checkpoint checkpoint =
      parse(serialize_checkpoint(make_checkpoint(k_origin, l.tree, l.head_hex())));
  std::string keyid, err;
  CHECK(verify_checkpoint_signatures(checkpoint, {}, &keyid, &err));
  CHECK(keyid.empty());
  CHECK_FALSE(verify_checkpoint_signatures(checkpoint, {new_key().public_key()}, &keyid, &err));
  CHECK(err == "the checkpoint is not signed, but a key was given to check it");
}

TEST_CASE("checkpoint: other tools' extension lines and signatures are kept and ignored") {
  const Ledger l = ledger(3);
  const SigningKey key = new_key();
  Checkpoint checkpoint = make_checkpoint(k_origin, l.tree, l.head_hex());
  checkpoint.extensions.push_back("timestamp 1700000000");
  sign_checkpoint(&checkpoint, key);
  checkpoint.signatures.insert(checkpoint.signatures.begin(),
                               {"witness.example", "abcd", std::string(64, 'x')});
  const std::string text = serialize_checkpoint(checkpoint);
  const Checkpoint back = parse(text);
  CHECK(back.extensions == std::vector<std::string>{"timestamp 1700000000"});
  CHECK(serialize_checkpoint(back) == text);
  std::string keyid, err;
  CHECK(verify_checkpoint_signatures(back, {key.public_key()}, &keyid, &err));
}

TEST_CASE("checkpoint: malformed notes are refused with file and line") {
  const std::string good = good_body();
  const std::string root_line = good.substr(good.find("\n", good.find('\n') + 1) + 1);
  CHECK(parse_error("") ==
        "cp.txt:1: truncated checkpoint: expected origin, tree size, root "
        "hash and chain-head lines");
  CHECK(parse_error("github.com/acme/shop\n3\n") ==
        "cp.txt:2: truncated checkpoint: expected origin, tree size, root hash and chain-head "
        "lines");
  CHECK(parse_error("github.com/acme/shop\r\n3\n") ==
        "cp.txt:1: CRLF line ending; checkpoints use \\n line endings");
  CHECK(parse_error("github.com/acme shop\n3\n" + root_line) ==
        "cp.txt:1: origin \"github.com/acme shop\": must be non-empty without spaces, control "
        "characters or '+'");
  CHECK(parse_error("github.com/acme/shop\n03\n" + root_line) ==
        "cp.txt:2: tree size \"03\": not a decimal number");
  CHECK(parse_error("github.com/acme/shop\n-3\n" + root_line) ==
        "cp.txt:2: tree size \"-3\": not a decimal number");
  CHECK(parse_error("github.com/acme/shop\n3\nAAAA\nchain-head " + std::string(64, '0') + "\n\n") ==
        "cp.txt:3: root hash \"AAAA\": not standard base64 of 32 bytes");
  std::string no_head = good;
  no_head.replace(no_head.find("chain-head "), 11, "chainhead ");
  CHECK(parse_error(no_head).rfind("cp.txt:4: expected the extension line \"chain-head <hex "
                                   "hash of the last entry>\", got \"chainhead ",
                                   0) == 0);
  std::string upper_head = good;
  upper_head.replace(upper_head.find("chain-head ") + 11, 1, "A");
  CHECK(parse_error(upper_head).find("cp.txt:4: chain-head \"A") == 0);
  CHECK(parse_error(good + "- github.com/acme/shop AAAAAAAA\n") ==
        "cp.txt:6: expected a signature line \"— <key name> <base64 signature>\"");
  CHECK(parse_error(good + "\xE2\x80\x94 github.com/acme/shop AAAA\n") ==
        "cp.txt:6: signature line: the signature is not base64 of a key hash and a signature");
  CHECK(parse_error(good.substr(0, good.size() - 1) + "x") ==
        "cp.txt:5: the last line does not end with a newline");
}

TEST_CASE("checkpoint: an origin that cannot be a key name is refused when building") {
  const Ledger l = ledger(1);
  CHECK_THROWS_WITH(make_checkpoint("acme shop", l.tree, l.head_hex()),
                    "checkpoint origin \"acme shop\": must be non-empty without spaces, control "
                    "characters or '+' (it is also the signing key's name)");
  CHECK_THROWS_WITH(make_checkpoint(k_origin, l.tree, "ABC"),
                    "checkpoint chain head \"ABC\": not a SHA-256 hash in lowercase hex");
}

TEST_CASE("checkpoint: a ledger that grew still extends its earlier checkpoint") {
  const Ledger l = ledger(20);
  MerkleTree at_six(std::vector<Digest>(l.hashes.begin(), l.hashes.begin() + 6));
  const Checkpoint checkpoint = make_checkpoint(k_origin, at_six, to_hex(l.hashes[5]));
  std::string err;
  CHECK(ledger_extends_checkpoint(checkpoint, l.tree, to_hex(l.hashes[5]), &err));
  CHECK(ledger_extends_checkpoint(checkpoint, at_six, to_hex(l.hashes[5]), &err));
  const Ledger empty = ledger(0);
  const Checkpoint at_zero = make_checkpoint(k_origin, empty.tree, empty.head_hex());
  CHECK(ledger_extends_checkpoint(at_zero, l.tree, std::string(64, '0'), &err));
}

TEST_CASE("checkpoint: a truncated ledger no longer extends its checkpoint") {
  const Ledger l = ledger(10);
  const Checkpoint checkpoint = make_checkpoint(k_origin, l.tree, l.head_hex());
  const Ledger shorter = ledger(7);
  std::string err;
  CHECK_FALSE(ledger_extends_checkpoint(checkpoint, shorter.tree, shorter.head_hex(), &err));
  CHECK(err == "the ledger has 7 entries but the checkpoint covers 10: entries 8..10 were removed");
}

TEST_CASE("checkpoint: a rewritten tail with recomputed hashes is caught") {
  const Ledger l = ledger(10);
  const Checkpoint checkpoint = make_checkpoint(k_origin, l.tree, l.head_hex());
  // Entries 1..10 rewritten from entry 1 on (every later hash recomputed), then grown to 12.
  const Ledger forged = ledger(12, ", \"verdict\":\"pass\"");
  std::string err;
  CHECK_FALSE(ledger_extends_checkpoint(checkpoint, forged.tree, to_hex(forged.hashes[9]), &err));
  CHECK(err ==
        "the ledger does not extend the checkpoint: its first 10 entries no longer hash to "
        "the checkpoint's root (rewritten history)");
}

TEST_CASE("checkpoint: a chain head other than the checkpoint's is reported") {
  const Ledger l = ledger(4);
  const Checkpoint checkpoint = make_checkpoint(k_origin, l.tree, l.head_hex());
  std::string err;
  CHECK_FALSE(ledger_extends_checkpoint(checkpoint, l.tree, std::string(64, 'f'), &err));
  CHECK(err == "entry 4 has hash " + std::string(64, 'f') + " but the checkpoint's chain-head is " +
                   l.head_hex());
}
