// "did you mean ...?" for misspelt keys, kinds and ids.
#pragma once

#include <string>
#include <vector>

namespace changegate {

// The candidate closest to `word` by edit distance when it is close enough
// to be a likely typo (distance <= max(2, size/3)); "" otherwise.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// " (did you mean \"x\"?)" or "" — ready to append to a message.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace changegate
