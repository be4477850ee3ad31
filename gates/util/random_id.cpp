#include "gates/util/random_id.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace changegate {

std::string random_hex_128() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1)
    throw std::runtime_error("OpenSSL: no random bytes for an evaluation id");
  static const char k_hex[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char b : bytes) {
    out.push_back(k_hex[b >> 4]);
    out.push_back(k_hex[b & 0xF]);
  }
  return out;
}

}  // namespace changegate
