// The one Ed25519 key module (OpenSSL EVP): ledger checkpoints and DSSE
// attestations sign and verify through it. Errors name the path or the
// environment variable and say how to fix the key; no message ever contains
// key material.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct evp_pkey_st;

namespace changegate {

// "PATH" of a PKCS#8 PEM private key, or "env://VAR" where VAR holds the PEM
// text itself (CI secrets never touch disk).
constexpr const char* k_signing_key_variable = "CHANGEGATE_SIGNING_KEY";
// The passphrase of an encrypted PKCS#8 PEM ("BEGIN ENCRYPTED PRIVATE KEY").
constexpr const char* k_signing_key_password_variable = "CHANGEGATE_SIGNING_KEY_PASSWORD";

constexpr std::size_t k_ed25519_public_key_size = 32;
constexpr std::size_t k_ed25519_signature_size = 64;

// An Ed25519 public key. Cheap to copy (the OpenSSL key is shared).
class PublicKey {
 public:
  // Parses a PEM SubjectPublicKeyInfo ("BEGIN PUBLIC KEY", as written by
  // `openssl pkey -pubout`). Returns nullopt with `*err` = "SOURCE: reason"
  // for text that is not such a key, a private key, or a non-Ed25519 key.
  static std::optional<PublicKey> from_pem(std::string_view pem, const std::string& source,
                                           std::string* err);
  // The key whose RFC 8032 encoding is `raw`; nullopt with `*err` set unless
  // `raw` is 32 bytes.
  static std::optional<PublicKey> from_raw(std::string_view raw, std::string* err);

  // The raw 32-byte public key (RFC 8032 encoding).
  const std::string& raw() const { return raw_; }
  // The DER SubjectPublicKeyInfo (44 bytes).
  std::string der() const;
  // The PEM SubjectPublicKeyInfo, byte for byte what `openssl pkey -pubout` writes.
  std::string pem() const;
  // Lowercase hex SHA-256 of der(): the key id named in attestations and messages.
  const std::string& keyid() const { return keyid_; }
  // Whether `signature` is this key's Ed25519 signature of `message`; false for
  // a signature that is not 64 bytes.
  bool verify(std::string_view message, std::string_view signature) const;

 private:
  explicit PublicKey(std::shared_ptr<evp_pkey_st> key);
  std::shared_ptr<evp_pkey_st> key_;
  std::string raw_;
  std::string keyid_;
  friend class SigningKey;
};

// key.verify(message, signature).
bool verify_signature(const PublicKey& key, std::string_view message, std::string_view signature);

// The public key in the PEM file at `path`. Throws Error "PATH: reason" when
// the file cannot be read or holds no Ed25519 public key.
PublicKey load_public_key(const std::string& path);

// An Ed25519 private key.
class SigningKey {
 public:
  // Parses a PKCS#8 PEM private key ("BEGIN PRIVATE KEY", or "BEGIN ENCRYPTED
  // PRIVATE KEY" decrypted with `passphrase`). Returns nullopt with `*err` =
  // "SOURCE: reason" and the fix for: an OpenSSH-format key, an RSA/EC/other
  // non-Ed25519 key, a public key, an encrypted key without a passphrase, a
  // wrong passphrase, or text that is no PEM key at all.
  static std::optional<SigningKey> from_pem(std::string_view pem, const std::string& source,
                                            const std::optional<std::string>& passphrase,
                                            std::string* err);

  // The 64-byte Ed25519 signature of `message` (deterministic, RFC 8032).
  // Throws Error only if OpenSSL fails, which a loaded key does not.
  std::string sign(std::string_view message) const;
  const PublicKey& public_key() const { return public_key_; }
  // public_key().keyid().
  const std::string& keyid() const { return public_key_.keyid(); }

 private:
  SigningKey(std::shared_ptr<evp_pkey_st> key, PublicKey public_key);
  std::shared_ptr<evp_pkey_st> key_;
  PublicKey public_key_;
};

// The key named by `spec` ("PATH" or "env://VAR", as CHANGEGATE_SIGNING_KEY
// takes it), decrypted with `passphrase` when encrypted. Throws Error
// "CHANGEGATE_SIGNING_KEY: SPEC: reason" (an unset VAR, an unreadable file,
// and every from_pem refusal).
SigningKey load_signing_key(const std::string& spec, const std::optional<std::string>& passphrase);

// The key CHANGEGATE_SIGNING_KEY names (passphrase from
// CHANGEGATE_SIGNING_KEY_PASSWORD), or nullopt when that variable is unset or
// empty. Throws Error as load_signing_key does.
std::optional<SigningKey> signing_key_from_environment();

}  // namespace changegate
