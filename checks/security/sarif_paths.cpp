#include "checks/security/sarif_paths.h"

namespace changegate::sarif::detail {

// The containers the reader descends into, by parent role and key; anything
// else is skipped whole.
Child child_of(Role parent, const std::string& key) {
  // Frames keep the key for error paths as the static literal it matched, so
  // no container costs an allocation ("physicalLocation" is past the SSO size).
  auto obj = [](Role r, const char* name) { return Child{true, r, Want::object, name}; };
  auto arr = [](Role r, const char* name) { return Child{true, r, Want::array, name}; };
  switch (parent) {
    case Role::root:
      if (key == "runs") return arr(Role::runs, "runs");
      break;
    case Role::run:
      if (key == "tool") return obj(Role::tool, "tool");
      if (key == "results") return arr(Role::results, "results");
      if (key == "invocations") return arr(Role::invocations, "invocations");
      break;
    case Role::tool:
      if (key == "driver") return obj(Role::component, "driver");
      if (key == "extensions") return arr(Role::extensions, "extensions");
      break;
    case Role::component:
      if (key == "rules") return arr(Role::rules, "rules");
      break;
    case Role::rule:
      if (key == "defaultConfiguration") return obj(Role::rule_config, "defaultConfiguration");
      if (key == "properties") return obj(Role::rule_props, "properties");
      break;
    case Role::result:
      if (key == "rule") return obj(Role::result_rule, "rule");
      if (key == "message") return obj(Role::message, "message");
      if (key == "locations") return arr(Role::locations, "locations");
      if (key == "suppressions") return arr(Role::suppressions, "suppressions");
      if (key == "partialFingerprints" || key == "fingerprints")
        return obj(Role::fingerprints,
                   key == "partialFingerprints" ? "partialFingerprints" : "fingerprints");
      break;
    case Role::result_rule:
      if (key == "toolComponent") return obj(Role::result_rule_component, "toolComponent");
      break;
    case Role::location:
      if (key == "physicalLocation") return obj(Role::physical, "physicalLocation");
      break;
    case Role::physical:
      if (key == "artifactLocation") return obj(Role::artifact, "artifactLocation");
      if (key == "region") return obj(Role::region, "region");
      break;
    case Role::invocation:
      if (key == "toolExecutionNotifications" || key == "toolConfigurationNotifications")
        return arr(Role::notifications, key == "toolExecutionNotifications"
                                            ? "toolExecutionNotifications"
                                            : "toolConfigurationNotifications");
      if (key == "ruleConfigurationOverrides")
        return arr(Role::overrides, "ruleConfigurationOverrides");
      break;
    case Role::notification:
      if (key == "message") return obj(Role::notification_message, "message");
      break;
    case Role::override:
      if (key == "descriptor") return obj(Role::override_descriptor, "descriptor");
      if (key == "configuration") return obj(Role::override_config, "configuration");
      break;
    case Role::override_descriptor:
      if (key == "toolComponent") return obj(Role::override_component, "toolComponent");
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
