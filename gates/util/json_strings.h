// Rewriting every string a JSON value holds, object keys included: the one
// walk behind secret scrubbing and report-text repair.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace changegate {

// Replaces every string in `value` (keys too) by `rewrite(string)`.
template <typename Rewrite>
void rewrite_json_strings(nlohmann::json& value, Rewrite&& rewrite) {
  if (value.is_string()) {
    value = rewrite(value.get_ref<const std::string&>());
  } else if (value.is_array()) {
    for (auto& item : value) rewrite_json_strings(item, rewrite);
  } else if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto& [key, item] : value.items()) {
      rewrite_json_strings(item, rewrite);
      out[rewrite(key)] = std::move(item);
    }
    value = std::move(out);
  }
}

}  // namespace changegate
