#include "tests/support/test_keys.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>

namespace changegate::testing {

namespace {

std::string take(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(length));
  BIO_free(bio);
  return out;
}

}  // namespace

TestKey generate_test_key(const std::string& type, const std::string& passphrase) {
  EVP_PKEY* raw = type == "RSA"  ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048})
                  : type == "EC" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                 : EVP_PKEY_Q_keygen(nullptr, nullptr, type.c_str());
  if (!raw) throw std::runtime_error("OpenSSL cannot generate a " + type + " key");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw, EVP_PKEY_free);
  BIO* private_bio = BIO_new(BIO_s_mem());
  BIO* public_bio = BIO_new(BIO_s_mem());
  const bool ok =
      (passphrase.empty() ? PEM_write_bio_PKCS8PrivateKey(private_bio, key.get(), nullptr, nullptr,
                                                          0, nullptr, nullptr)
                          : PEM_write_bio_PKCS8PrivateKey(
                                private_bio, key.get(), EVP_aes_256_cbc(), passphrase.data(),
                                static_cast<int>(passphrase.size()), nullptr, nullptr)) == 1 &&
      PEM_write_bio_PUBKEY(public_bio, key.get()) == 1;
  TestKey out{take(private_bio), take(public_bio)};
  if (!ok) throw std::runtime_error("OpenSSL cannot write a " + type + " key");
  return out;
}

}  // namespace changegate::testing
