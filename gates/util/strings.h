// Small string helpers every part of changegate uses; nothing here knows
// about gates. Each exists once (STYLE.md: helpers in one place).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace changegate {

// ASCII lower case; other bytes (UTF-8 included) are left as they are.
std::string lower(std::string text);

// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text);
std::string trim(const std::string& text);

// `text` in double quotes, as messages quote values: "fail_onn".
std::string quoted(const std::string& text);

// "1 file", "2 files": the count and the word, with an "s" unless n is 1.
// `plural_word` is for words whose plural is not word + "s" ("entry", "entries").
std::string plural(std::int64_t n, const std::string& word);
std::string plural(std::int64_t n, const std::string& word, const std::string& plural_word);

// The items joined by `separator`.
std::string join(const std::vector<std::string>& items, const std::string& separator);

bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);

}  // namespace changegate
