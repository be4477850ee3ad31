// The parts of a SARIF log the streaming reader descends into: which key of
// which container leads where, and what type it must have. Everything not
// named here is skipped whole without being looked at.
#pragma once

#include <cstdint>
#include <string>

namespace changegate::sarif::detail {

// Where the parser stands; decides what a key or value means.
enum class Role {
  root,
  runs,
  run,
  tool,
  component,
  extensions,
  rules,
  rule,
  rule_config,
  rule_props,
  results,
  result,
  result_rule,
  result_rule_component,
  message,
  locations,
  location,
  physical,
  artifact,
  region,
  suppressions,
  suppression,
  fingerprints,
  invocations,
  invocation,
  notifications,
  notification,
  notification_message,
  overrides,
  override,
  override_descriptor,
  override_component,
  override_config
};

struct Frame {
  Role role;
  bool array;
  const char* key;  // the key this container was entered under ("" in arrays); static
  std::int64_t items = 0;
};

enum class Want { object, array };

struct Child {
  bool known;
  Role role;
  Want want;
  const char* name = "";  // the key, as a static string (for error paths)
};

// The container under `key` of a `parent` object; known = false: skip it.
Child child_of(Role parent, const std::string& key);
// What the items of an array with role `array` are; known = false: skip them.
Child item_of(Role array);

}  // namespace changegate::sarif::detail
