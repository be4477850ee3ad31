// Making untrusted bytes safe to carry as text: valid UTF-8 and a bounded size.
// Nothing here knows about gates.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace changegate {

// `text` with every invalid UTF-8 sequence (stray continuation bytes, overlong
// forms, surrogates, code points past U+10FFFF, truncated sequences) replaced
// by U+FFFD, one per maximal invalid subpart as Unicode recommends.
// `*replaced`, when given, receives how many replacements were made.
std::string to_valid_utf8(std::string_view text, std::size_t* replaced = nullptr);

// Whether `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

// `text` cut to at most `max_bytes` bytes at a code-point boundary, followed by
// " … (truncated, N bytes)" naming the original size; unchanged when it fits.
std::string cap_text(std::string text, std::size_t max_bytes);

}  // namespace changegate
