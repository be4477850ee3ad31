// Random identifiers from the operating system's CSPRNG (OpenSSL RAND_bytes).
#pragma once

#include <string>

namespace changegate {

// 128 random bits as 32 lower-case hex digits. Throws std::runtime_error if
// the CSPRNG cannot deliver (it never silently returns a weak id).
std::string random_hex_128();

}  // namespace changegate
