#include "gates/ledger/signing.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "gates/error.h"
#include "gates/util/encoding.h"
#include "gates/util/sha256.h"
#include "tests/support/temp_repo.h"
#include "tests/support/test_keys.h"

using namespace changegate;
using changegate::testing::generate_test_key;
using changegate::testing::run_command;
using changegate::testing::TempDir;
using changegate::testing::TestKey;

namespace {

SigningKey parse_private(const TestKey& key, std::optional<std::string> passphrase = {}) {
  std::string err;
  std::optional<SigningKey> k = SigningKey::from_pem(key.private_pem, "key.pem", passphrase, &err);
  INFO(err);
  REQUIRE(k);
  return *k;
}

PublicKey parse_public(const std::string& pem) {
  std::string err;
  std::optional<PublicKey> k = PublicKey::from_pem(pem, "key.pub.pem", &err);
  INFO(err);
  REQUIRE(k);
  return *k;
}

// The message load_signing_key throws for `spec`.
std::string load_error(const std::string& spec, std::optional<std::string> passphrase = {}) {
  try {
    load_signing_key(spec, passphrase);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

bool ssh_keygen_available() {
  return std::system("command -v ssh-keygen >/dev/null 2>&1") == 0;
}

// Every base64 body line of a PEM text: what no error message may contain.
std::vector<std::string> pem_body_lines(const std::string& pem) {
  std::vector<std::string> lines;
  std::istringstream in(pem);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line.rfind("-----", 0) != 0) lines.push_back(line);
  return lines;
}

const std::string k_generate =
    "generate one with `openssl genpkey -algorithm ed25519 -out key.pem` and give verifiers its "
    "public half (`openssl pkey -in key.pem -pubout -out key.pub.pem`)";

}  // namespace

TEST_CASE("signing: an Ed25519 signature is 64 bytes and verifies only for its message and key") {
  const SigningKey key = parse_private(generate_test_key());
  const std::string signature = key.sign("evaluation 42");
  CHECK(signature.size() == 64);
  CHECK(key.sign("evaluation 42") == signature);  // RFC 8032 signatures are deterministic
  CHECK(verify_signature(key.public_key(), "evaluation 42", signature));
  CHECK_FALSE(verify_signature(key.public_key(), "evaluation 43", signature));
  std::string bent = signature;
  bent[10] = static_cast<char>(bent[10] ^ 1);
  CHECK_FALSE(verify_signature(key.public_key(), "evaluation 42", bent));
  CHECK_FALSE(verify_signature(key.public_key(), "evaluation 42", signature.substr(0, 63)));
  const SigningKey other = parse_private(generate_test_key());
  CHECK_FALSE(verify_signature(other.public_key(), "evaluation 42", signature));
}

TEST_CASE("signing: the public key reads back from PEM, raw bytes and DER with the same keyid") {
  const TestKey generated = generate_test_key();
  const SigningKey key = parse_private(generated);
  const PublicKey pub = parse_public(generated.public_pem);
  CHECK(pub.raw() == key.public_key().raw());
  CHECK(pub.raw().size() == 32);
  CHECK(pub.pem() == generated.public_pem);
  // SubjectPublicKeyInfo for Ed25519: SEQUENCE { AlgorithmIdentifier 1.3.101.112, BIT STRING key }.
  CHECK(hex_encode(pub.der()) == "302a300506032b6570032100" + hex_encode(pub.raw()));
  CHECK(pub.keyid() == sha256_hex(pub.der()));
  CHECK(key.keyid() == pub.keyid());
  std::string err;
  const std::optional<PublicKey> from_raw = PublicKey::from_raw(pub.raw(), &err);
  REQUIRE(from_raw);
  CHECK(from_raw->keyid() == pub.keyid());
  CHECK_FALSE(PublicKey::from_raw(pub.raw().substr(1), &err));
  CHECK(err == "an Ed25519 public key is 32 bytes, not 31");
}

TEST_CASE("signing: keyid is SHA-256 of the DER public key as openssl writes it") {
  TempDir dir;
  const TestKey generated = generate_test_key();
  dir.write("key.pub.pem", generated.public_pem);
  const auto r = run_command(
      "(openssl pkey -pubin -in key.pub.pem -outform DER | sha256sum | cut -c1-64)", dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == parse_public(generated.public_pem).keyid() + "\n");
}

TEST_CASE("signing: signatures cross-check with `openssl pkeyutl -rawin` in both directions") {
  TempDir dir;
  const TestKey generated = generate_test_key();
  const SigningKey key = parse_private(generated);
  dir.write("key.pem", generated.private_pem);
  dir.write("key.pub.pem", generated.public_pem);
  dir.write("message", "checkpoint body\n");
  dir.write("ours.sig", key.sign("checkpoint body\n"));
  const auto verified = run_command(
      "openssl pkeyutl -verify -pubin -inkey key.pub.pem -rawin -in message -sigfile ours.sig",
      dir.path());
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
  CHECK(verified.out.find("Signature Verified Successfully") != std::string::npos);
  dir.write("message", "checkpoint body, altered\n");
  CHECK(run_command("openssl pkeyutl -verify -pubin -inkey key.pub.pem -rawin -in message "
                    "-sigfile ours.sig",
                    dir.path())
            .exit_code != 0);

  const auto signed_by_openssl = run_command(
      "openssl pkeyutl -sign -inkey key.pem -rawin -in message -out theirs.sig", dir.path());
  REQUIRE(signed_by_openssl.exit_code == 0);
  const std::string theirs = changegate::testing::read_text(dir.path() + "/theirs.sig");
  CHECK(key.public_key().verify("checkpoint body, altered\n", theirs));
  CHECK(theirs == key.sign("checkpoint body, altered\n"));
}

TEST_CASE("signing: CHANGEGATE_SIGNING_KEY takes a PEM path or env://VAR with the PEM text") {
  TempDir dir;
  const TestKey generated = generate_test_key();
  dir.write("key.pem", generated.private_pem);
  const std::string expected = parse_private(generated).keyid();
  CHECK(load_signing_key(dir.path() + "/key.pem", std::nullopt).keyid() == expected);

  ::setenv("CHANGEGATE_TEST_PEM", generated.private_pem.c_str(), 1);
  CHECK(load_signing_key("env://CHANGEGATE_TEST_PEM", std::nullopt).keyid() == expected);

  ::setenv("CHANGEGATE_SIGNING_KEY", "env://CHANGEGATE_TEST_PEM", 1);
  ::setenv("CHANGEGATE_SIGNING_KEY_PASSWORD", "", 1);
  const std::optional<SigningKey> from_env = signing_key_from_environment();
  REQUIRE(from_env);
  CHECK(from_env->keyid() == expected);
  ::unsetenv("CHANGEGATE_SIGNING_KEY");
  CHECK_FALSE(signing_key_from_environment());
  ::setenv("CHANGEGATE_SIGNING_KEY", "", 1);
  CHECK_FALSE(signing_key_from_environment());
  ::unsetenv("CHANGEGATE_SIGNING_KEY");
  ::unsetenv("CHANGEGATE_SIGNING_KEY_PASSWORD");
  ::unsetenv("CHANGEGATE_TEST_PEM");
}

TEST_CASE("signing: an encrypted PKCS#8 key opens with its passphrase and says why otherwise") {
  TempDir dir;
  const TestKey generated = generate_test_key("ED25519", "correct horse");
  REQUIRE(generated.private_pem.find("BEGIN ENCRYPTED PRIVATE KEY") != std::string::npos);
  const std::string path = dir.path() + "/key.pem";
  dir.write("key.pem", generated.private_pem);
  CHECK(load_signing_key(path, "correct horse").keyid() ==
        parse_public(generated.public_pem).keyid());
  CHECK(load_error(path) == "CHANGEGATE_SIGNING_KEY: " + path +
                                ": the key is encrypted; set CHANGEGATE_SIGNING_KEY_PASSWORD to "
                                "its passphrase");
  CHECK(load_error(path, "battery staple") ==
        "CHANGEGATE_SIGNING_KEY: " + path +
            ": cannot decrypt the key: wrong passphrase in CHANGEGATE_SIGNING_KEY_PASSWORD");

  ::setenv("CHANGEGATE_SIGNING_KEY", path.c_str(), 1);
  ::setenv("CHANGEGATE_SIGNING_KEY_PASSWORD", "correct horse", 1);
  CHECK(signing_key_from_environment());
  ::setenv("CHANGEGATE_SIGNING_KEY_PASSWORD", "", 1);  // an unset CI secret
  CHECK_THROWS_WITH(signing_key_from_environment(),
                    Catch::Contains("the key is encrypted; set CHANGEGATE_SIGNING_KEY_PASSWORD"));
  ::unsetenv("CHANGEGATE_SIGNING_KEY");
  ::unsetenv("CHANGEGATE_SIGNING_KEY_PASSWORD");
}

TEST_CASE("signing: RSA and EC keys are refused with how to make an Ed25519 key") {
  TempDir dir;
  dir.write("rsa.pem", generate_test_key("RSA").private_pem);
  dir.write("ec.pem", generate_test_key("EC").private_pem);
  CHECK(load_error(dir.path() + "/rsa.pem") == "CHANGEGATE_SIGNING_KEY: " + dir.path() +
                                                   "/rsa.pem: an RSA key; changegate signs with "
                                                   "Ed25519 only: " +
                                                   k_generate);
  CHECK(load_error(dir.path() + "/ec.pem") == "CHANGEGATE_SIGNING_KEY: " + dir.path() +
                                                  "/ec.pem: an EC key; changegate signs with "
                                                  "Ed25519 only: " +
                                                  k_generate);
  std::string err;
  CHECK_FALSE(PublicKey::from_pem(generate_test_key("RSA").public_pem, "rsa.pub.pem", &err));
  CHECK(err == "rsa.pub.pem: an RSA key; changegate verifies Ed25519 signatures only");
}

TEST_CASE("signing: an OpenSSH-format key is refused with what works instead") {
  if (!ssh_keygen_available()) {
    std::cerr << "\n*** SKIPPED 'an OpenSSH-format key is refused': ssh-keygen is not installed "
                 "(Debian package openssh-client) ***\n\n";
    return;
  }
  TempDir dir;
  REQUIRE(
      run_command("ssh-keygen -q -t ed25519 -N '' -C test -f id_ed25519", dir.path()).exit_code ==
      0);
  const std::string path = dir.path() + "/id_ed25519";
  CHECK(load_error(path) ==
        "CHANGEGATE_SIGNING_KEY: " + path +
            ": an OpenSSH-format private key; changegate reads PKCS#8 PEM keys, and ssh-keygen "
            "cannot convert an Ed25519 key to PKCS#8 (`ssh-keygen -p -m PKCS8` silently keeps "
            "the OpenSSH format): " +
            k_generate);
  // The claim in that message, checked: the "conversion" leaves the format unchanged.
  REQUIRE(
      run_command("ssh-keygen -q -p -m PKCS8 -P '' -N '' -f id_ed25519", dir.path()).exit_code ==
      0);
  CHECK(changegate::testing::read_text(path).rfind("-----BEGIN OPENSSH PRIVATE KEY-----", 0) == 0);
}

TEST_CASE("signing: public and private keys given in each other's place are refused") {
  const TestKey generated = generate_test_key();
  std::string err;
  CHECK_FALSE(SigningKey::from_pem(generated.public_pem, "k.pem", std::nullopt, &err));
  CHECK(err == "k.pem: a public key; signing needs the private key (" + k_generate + ")");
  CHECK_FALSE(PublicKey::from_pem(generated.private_pem, "k.pub.pem", &err));
  CHECK(err ==
        "k.pub.pem: a private key; give the public half (`openssl pkey -in key.pem -pubout -out "
        "key.pub.pem`) and keep the private key secret");
}

TEST_CASE("signing: a missing file, an unset variable and garbage are named in the error") {
  TempDir dir;
  CHECK(load_error(dir.path() + "/nope.pem") ==
        "CHANGEGATE_SIGNING_KEY: " + dir.path() + "/nope.pem: No such file or directory");
  ::unsetenv("CHANGEGATE_TEST_UNSET");
  CHECK(load_error("env://CHANGEGATE_TEST_UNSET") ==
        "CHANGEGATE_SIGNING_KEY: env://CHANGEGATE_TEST_UNSET: variable CHANGEGATE_TEST_UNSET is "
        "not set or empty");
  CHECK(load_error("env://") == "CHANGEGATE_SIGNING_KEY: env://: names no variable (env://VAR)");
  dir.write("garbage.pem", "hello\n");
  CHECK(load_error(dir.path() + "/garbage.pem") ==
        "CHANGEGATE_SIGNING_KEY: " + dir.path() +
            "/garbage.pem: not a PEM private key (expected a PKCS#8 'BEGIN PRIVATE KEY' block; " +
            k_generate + ")");
  CHECK_THROWS_WITH(load_public_key(dir.path() + "/garbage.pem"),
                    Catch::Contains("garbage.pem: not a PEM public key"));
}

TEST_CASE("signing: no error message contains key material") {
  TempDir dir;
  const TestKey plain = generate_test_key();
  const TestKey encrypted = generate_test_key("ED25519", "pw");
  const TestKey rsa = generate_test_key("RSA");
  // A damaged key: one body line cut short, so OpenSSL fails mid-parse.
  std::string damaged = plain.private_pem;
  damaged.erase(damaged.find('\n') + 5, 3);
  std::vector<std::string> keys = {plain.public_pem, encrypted.private_pem, rsa.private_pem,
                                   damaged};
  std::vector<std::string> messages;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string name = "k" + std::to_string(i) + ".pem";
    dir.write(name, keys[i]);
    messages.push_back(load_error(dir.path() + "/" + name, i == 1 ? "wrong" : std::string()));
    messages.push_back(load_error(dir.path() + "/" + name));
    ::setenv("CHANGEGATE_TEST_PEM", keys[i].c_str(), 1);
    messages.push_back(load_error("env://CHANGEGATE_TEST_PEM", std::string("wrong")));
    std::string err;
    PublicKey::from_pem(keys[i] + rsa.public_pem, name, &err);
    messages.push_back(err);
  }
  ::unsetenv("CHANGEGATE_TEST_PEM");
  for (const std::string& message : messages) {
    INFO(message);
    CHECK(message.find("-----") == std::string::npos);
    for (const std::string& key : keys)
      for (const std::string& line : pem_body_lines(key))
        CHECK(message.find(line.substr(0, 12)) == std::string::npos);
  }
}
