// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte sequence a JSON
// value hashes to. The ledger chain hashes entries in this form.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace changegate {

// Writes the JCS form of `value` to `*out`: object members sorted by their
// names' UTF-16 code units, no whitespace, strings with only the mandatory
// escapes, numbers as ECMAScript's Number.prototype.toString writes them
// (integers beyond 2^53 go through a double, as I-JSON requires). Returns
// false with `*err` naming the JSON pointer for what JCS cannot express: NaN
// or infinity, invalid UTF-8, binary values.
bool canonicalize_json(const nlohmann::json& value, std::string* out, std::string* err);

// ECMAScript's shortest round-trip text of a finite double ("1e+21", "0.000001",
// "333333333.3333333"); "-0" is "0". The caller checks finiteness.
std::string ecmascript_number(double value);

}  // namespace changegate
