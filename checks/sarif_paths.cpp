#include "checks/sarif_paths.h"

namespace changegate::sarif::detail {

// The containers the reader descends into, by parent role and key; anything
// else is skipped whole.
Child child_of(Role parent, const std::string& key) {
  auto obj = [](Role r) { return Child{true, r, Want::object}; };
  auto arr = [](Role r) { return Child{true, r, Want::array}; };
  switch (parent) {
    case Role::root:
      if (key == "runs") return arr(Role::runs);
      break;
    case Role::run:
      if (key == "tool") return obj(Role::tool);
      if (key == "results") return arr(Role::results);
      if (key == "invocations") return arr(Role::invocations);
      break;
    case Role::tool:
      if (key == "driver") return obj(Role::component);
      if (key == "extensions") return arr(Role::extensions);
      break;
    case Role::component:
      if (key == "rules") return arr(Role::rules);
      break;
    case Role::rule:
      if (key == "defaultConfiguration") return obj(Role::rule_config);
      if (key == "properties") return obj(Role::rule_props);
      break;
    case Role::result:
      if (key == "rule") return obj(Role::result_rule);
      if (key == "message") return obj(Role::message);
      if (key == "locations") return arr(Role::locations);
      if (key == "suppressions") return arr(Role::suppressions);
      if (key == "partialFingerprints" || key == "fingerprints") return obj(Role::fingerprints);
      break;
    case Role::result_rule:
      if (key == "toolComponent") return obj(Role::result_rule_component);
      break;
    case Role::location:
      if (key == "physicalLocation") return obj(Role::physical);
      break;
    case Role::physical:
      if (key == "artifactLocation") return obj(Role::artifact);
      if (key == "region") return obj(Role::region);
      break;
    case Role::invocation:
      if (key == "toolExecutionNotifications" || key == "toolConfigurationNotifications")
        return arr(Role::notifications);
      if (key == "ruleConfigurationOverrides") return arr(Role::overrides);
      break;
    case Role::notification:
      if (key == "message") return obj(Role::notification_message);
      break;
    case Role::override:
      if (key == "descriptor") return obj(Role::override_descriptor);
      if (key == "configuration") return obj(Role::override_config);
      break;
    case Role::override_descriptor:
      if (key == "toolComponent") return obj(Role::override_component);
      break;
    default: break;
  }
  return {false, Role::root, Want::object};
}

// Arrays whose items the reader reads, and what each item is.
Child item_of(Role array) {
  switch (array) {
    case Role::runs: return {true, Role::run, Want::object};
    case Role::extensions: return {true, Role::component, Want::object};
    case Role::rules: return {true, Role::rule, Want::object};
    case Role::results: return {true, Role::result, Want::object};
    case Role::locations: return {true, Role::location, Want::object};
    case Role::suppressions: return {true, Role::suppression, Want::object};
    case Role::invocations: return {true, Role::invocation, Want::object};
    case Role::notifications: return {true, Role::notification, Want::object};
    case Role::overrides: return {true, Role::override, Want::object};
    default: return {false, Role::root, Want::object};
  }
}

}  // namespace changegate::sarif::detail
