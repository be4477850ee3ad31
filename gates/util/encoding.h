// Byte strings as text: lowercase hex and standard base64 (RFC 4648 §4, with
// padding), the encodings of ledger hashes, checkpoints and proofs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace changegate {

// Lowercase hex of `bytes`.
std::string hex_encode(std::string_view bytes);

// The bytes of `text`, or nullopt when it has an odd length or a character
// outside [0-9a-fA-F].
std::optional<std::string> hex_decode(std::string_view text);

// Standard base64 with '=' padding.
std::string base64_encode(std::string_view bytes);

// The bytes of canonical padded standard base64, or nullopt for anything else:
// a length not a multiple of 4, characters outside the alphabet (URL-safe
// '-'/'_', whitespace), misplaced padding, or non-zero unused bits.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace changegate
