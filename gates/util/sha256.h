// Incremental SHA-256 over OpenSSL's EVP interface, for evidence digests and
// the ledger chain. Streaming so a 150 MB report is hashed as it is parsed.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace changegate {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  // Lower-case hex digest; the object must not be updated afterwards.
  std::string hex_digest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Hex SHA-256 of a byte string.
std::string sha256_hex(std::string_view bytes);

}  // namespace changegate
