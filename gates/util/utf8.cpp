#include "gates/util/utf8.h"

namespace changegate {

namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when the bytes there
// do not start one (Unicode Table 3-7, well-formed byte sequences).
std::size_t valid_sequence(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const std::size_t left = text.size() - i;
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  auto cont = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return k < text.size() && b(k) >= lo && b(k) <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

// How many bytes of an invalid sequence at text[i] form one maximal subpart
// (the bytes that begin a valid sequence but stop short): each gets one U+FFFD.
std::size_t invalid_subpart(std::string_view text, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  std::size_t expected = c >= 0xF0 && c <= 0xF4   ? 4
                         : c >= 0xE0 && c <= 0xEF ? 3
                         : c >= 0xC2 && c <= 0xDF ? 2
                                                  : 1;
  std::size_t n = 1;
  while (n < expected && i + n < text.size()) {
    // A prefix is a subpart only while it could still become valid.
    const unsigned char next = static_cast<unsigned char>(text[i + n]);
    if (next < 0x80 || next > 0xBF) break;
    if (n == 1) {
      if ((c == 0xE0 && next < 0xA0) || (c == 0xED && next > 0x9F) || (c == 0xF0 && next < 0x90) ||
          (c == 0xF4 && next > 0x8F))
        break;
    }
    ++n;
  }
  return n;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = valid_sequence(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string to_valid_utf8(std::string_view text, std::size_t* replaced) {
  std::size_t count = 0;
  std::string out;
  std::size_t i = 0;
  // Fast path: most text is valid; copy it once.
  while (i < text.size()) {
    const std::size_t n = valid_sequence(text, i);
    if (n == 0) break;
    i += n;
  }
  if (i == text.size()) {
    if (replaced) *replaced = 0;
    return std::string(text);
  }
  out.reserve(text.size() + 16);
  out.append(text.substr(0, i));
  while (i < text.size()) {
    const std::size_t n = valid_sequence(text, i);
    if (n > 0) {
      out.append(text.substr(i, n));
      i += n;
      continue;
    }
    out.append("\xEF\xBF\xBD");
    ++count;
    i += invalid_subpart(text, i);
  }
  if (replaced) *replaced = count;
  return out;
}

std::string cap_text(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  const std::size_t original = text.size();
  std::size_t cut = max_bytes;
  // Back up to the start of a code point (never split a UTF-8 sequence).
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  text += " \xE2\x80\xA6 (truncated, " + std::to_string(original) + " bytes)";
  return text;
}

}  // namespace changegate
