// Keys generated at test time with OpenSSL, so no private key is ever
// committed. Every call makes a fresh key.
#pragma once

#include <string>

namespace changegate::testing {

struct TestKey {
  std::string private_pem;  // PKCS#8 ("BEGIN PRIVATE KEY" or "BEGIN ENCRYPTED PRIVATE KEY")
  std::string public_pem;   // SubjectPublicKeyInfo ("BEGIN PUBLIC KEY")
};

// A key of OpenSSL type `type` ("ED25519", "RSA", "EC"); with a non-empty
// `passphrase` the private PEM is AES-256-CBC encrypted PKCS#8. Throws
// std::runtime_error when OpenSSL fails.
TestKey generate_test_key(const std::string& type = "ED25519", const std::string& passphrase = "");

}  // namespace changegate::testing
