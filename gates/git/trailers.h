// Commit-message trailers as `git interpret-trailers` finds them: the last
// paragraph of the message (never the subject paragraph), made of
// `Key: value` lines, continuation lines indented. Used by the review gate
// for `Reviewed-by:`/`Approved-by:`/`Acked-by:` and by anything that reads
// `Fixes:`.
#pragma once

#include <string>
#include <vector>

namespace changegate {

struct Trailer {
  std::string key;    // as written ("Reviewed-by")
  std::string value;  // trimmed, continuation lines joined with one space
};

// The trailers of a commit message, in order; empty when its last paragraph
// is not a trailer block. Never throws: any bytes are a message.
std::vector<Trailer> parse_trailers(const std::string& message);

// Whether `key` names a review trailer (Reviewed-by, Approved-by, Acked-by;
// case-insensitive, as git compares trailer keys).
bool is_review_trailer(const std::string& key);

}  // namespace changegate
