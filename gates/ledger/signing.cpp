#include "gates/ledger/signing.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "gates/error.h"
#include "gates/util/file.h"
#include "gates/util/sha256.h"

namespace changegate {

namespace {

constexpr const char* k_generate_hint =
    "generate one with `openssl genpkey -algorithm ed25519 -out key.pem` and give verifiers "
    "its public half (`openssl pkey -in key.pem -pubout -out key.pub.pem`)";

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

Bio read_bio(std::string_view text) {
  return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

bool contains(std::string_view text, std::string_view marker) {
  return text.find(marker) != std::string_view::npos;
}

// A key's type as people name it ("an RSA key", "an EC key", "an ED448 key").
std::string describe_type(EVP_PKEY* key) {
  const char* name = EVP_PKEY_get0_type_name(key);
  const std::string type = name ? name : "unknown";
  const bool vowel_sound = std::string("AEFHILMNORSX").find(type[0]) != std::string::npos;
  return std::string(vowel_sound ? "an " : "a ") + type + " key";
}

// Never prompts: OpenSSL's default callback would read a passphrase from the
// terminal, and a CI job has none.
int passphrase_callback(char* buf, int size, int /*rwflag*/, void* user) {
  const auto* passphrase = static_cast<const std::optional<std::string>*>(user);
  if (!passphrase || !*passphrase) return -1;
  const int length = static_cast<int>(std::min<std::size_t>((*passphrase)->size(), size));
  std::memcpy(buf, (*passphrase)->data(), static_cast<std::size_t>(length));
  return length;
}

void cleanse(std::string* secret) {
  if (!secret->empty()) OPENSSL_cleanse(secret->data(), secret->size());
}

}  // namespace

PublicKey::PublicKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {
  unsigned char raw[k_ed25519_public_key_size];
  std::size_t length = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(key_.get(), raw, &length) != 1 || length != sizeof raw)
    throw Error("OpenSSL: cannot read an Ed25519 public key");
  raw_.assign(reinterpret_cast<const char*>(raw), length);
  keyid_ = sha256_hex(der());
}

std::optional<PublicKey> PublicKey::from_pem(std::string_view pem, const std::string& source,
                                             std::string* err) {
  if (contains(pem, "PRIVATE KEY")) {
    *err = source +
           ": a private key; give the public half (`openssl pkey -in key.pem -pubout -out "
           "key.pub.pem`) and keep the private key secret";
    return std::nullopt;
  }
  Bio bio = read_bio(pem);
  EVP_PKEY* key = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  ERR_clear_error();
  if (!key) {
    *err = source + ": not a PEM public key (expected a SubjectPublicKeyInfo 'BEGIN PUBLIC " +
           "KEY' block, as `openssl pkey -pubout` writes)";
    return std::nullopt;
  }
  std::shared_ptr<EVP_PKEY> owned = own(key);
  if (!EVP_PKEY_is_a(key, "ED25519")) {
    *err = source + ": " + describe_type(key) + "; changegate verifies Ed25519 signatures only";
    return std::nullopt;
  }
  return PublicKey(std::move(owned));
}

std::optional<PublicKey> PublicKey::from_raw(std::string_view raw, std::string* err) {
  if (raw.size() != k_ed25519_public_key_size) {
    *err = "an Ed25519 public key is 32 bytes, not " + std::to_string(raw.size());
    return std::nullopt;
  }
  EVP_PKEY* key = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  ERR_clear_error();
  if (!key) {
    *err = "not an Ed25519 public key";
    return std::nullopt;
  }
  return PublicKey(own(key));
}

std::string PublicKey::der() const {
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(key_.get(), &der);
  if (length <= 0) throw Error("OpenSSL: cannot encode a public key");
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

std::string PublicKey::pem() const {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1)
    throw Error("OpenSSL: cannot write a public key");
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

bool PublicKey::verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != k_ed25519_signature_size) return false;
  MdCtx ctx(EVP_MD_CTX_new());
  const bool ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) == 1;
  ERR_clear_error();
  return ok;
}

bool verify_signature(const PublicKey& key, std::string_view message, std::string_view signature) {
  return key.verify(message, signature);
}

PublicKey load_public_key(const std::string& path) {
  std::string text, err;
  if (!read_file(path, &text, &err)) throw Error(err);
  std::optional<PublicKey> key = PublicKey::from_pem(text, path, &err);
  if (!key) throw Error(err);
  return *key;
}

SigningKey::SigningKey(std::shared_ptr<EVP_PKEY> key, PublicKey public_key)
    : key_(std::move(key)), public_key_(std::move(public_key)) {}

std::optional<SigningKey> SigningKey::from_pem(std::string_view pem, const std::string& source,
                                               const std::optional<std::string>& passphrase,
                                               std::string* err) {
  // Recognise the formats OpenSSL cannot read (or should not be asked to)
  // before parsing, so the message can say what the file is and what to do.
  if (contains(pem, "BEGIN OPENSSH PRIVATE KEY")) {
    *err = source +
           ": an OpenSSH-format private key; changegate reads PKCS#8 PEM keys, and ssh-keygen "
           "cannot convert an Ed25519 key to PKCS#8 (`ssh-keygen -p -m PKCS8` silently keeps "
           "the OpenSSH format): " +
           k_generate_hint;
    return std::nullopt;
  }
  if (contains(pem, "BEGIN PUBLIC KEY")) {
    *err = source + ": a public key; signing needs the private key (" + k_generate_hint + ")";
    return std::nullopt;
  }
  const bool encrypted = contains(pem, "BEGIN ENCRYPTED PRIVATE KEY");
  if (encrypted && !passphrase) {
    *err = source + ": the key is encrypted; set " + k_signing_key_password_variable +
           " to its passphrase";
    return std::nullopt;
  }
  Bio bio = read_bio(pem);
  EVP_PKEY* key =
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, passphrase_callback,
                                    const_cast<std::optional<std::string>*>(&passphrase))
          : nullptr;
  ERR_clear_error();
  if (!key) {
    *err = source + (encrypted ? ": cannot decrypt the key: wrong passphrase in " +
                                     std::string(k_signing_key_password_variable)
                               : ": not a PEM private key (expected a PKCS#8 'BEGIN PRIVATE "
                                 "KEY' block; " +
                                     std::string(k_generate_hint) + ")");
    return std::nullopt;
  }
  std::shared_ptr<EVP_PKEY> owned = own(key);
  if (!EVP_PKEY_is_a(key, "ED25519")) {
    *err = source + ": " + describe_type(key) +
           "; changegate signs with Ed25519 only: " + k_generate_hint;
    return std::nullopt;
  }
  PublicKey public_key(owned);
  return SigningKey(std::move(owned), std::move(public_key));
}

std::string SigningKey::sign(std::string_view message) const {
  unsigned char signature[k_ed25519_signature_size];
  std::size_t length = sizeof signature;
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), signature, &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      length != sizeof signature) {
    ERR_clear_error();
    throw Error("OpenSSL: Ed25519 signing failed");
  }
  return std::string(reinterpret_cast<const char*>(signature), length);
}

SigningKey load_signing_key(const std::string& spec, const std::optional<std::string>& passphrase) {
  const std::string prefix = std::string(k_signing_key_variable) + ": ";
  std::string text, err;
  constexpr std::string_view k_env = "env://";
  if (spec.compare(0, k_env.size(), k_env) == 0) {
    const std::string variable = spec.substr(k_env.size());
    const char* value = variable.empty() ? nullptr : std::getenv(variable.c_str());
    if (!value || !*value)
      throw Error(prefix + spec + ": " +
                  (variable.empty() ? "names no variable (env://VAR)"
                                    : "variable " + variable + " is not set or empty"));
    text = value;
  } else if (!read_file(spec, &text, &err)) {
    throw Error(prefix + err);
  }
  std::optional<SigningKey> key = SigningKey::from_pem(text, spec, passphrase, &err);
  cleanse(&text);
  if (!key) throw Error(prefix + err);
  return *key;
}

std::optional<SigningKey> signing_key_from_environment() {
  const char* spec = std::getenv(k_signing_key_variable);
  if (!spec || !*spec) return std::nullopt;
  // An unset CI secret arrives as an empty variable: treat it as no
  // passphrase, so the message says to set it rather than "wrong passphrase".
  const char* password = std::getenv(k_signing_key_password_variable);
  std::optional<std::string> passphrase;
  if (password && *password) passphrase = password;
  SigningKey key = load_signing_key(spec, passphrase);
  if (passphrase) cleanse(&*passphrase);
  return key;
}

}  // namespace changegate
