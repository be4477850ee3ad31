#include "checks/security/sarif_run.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string_view>

namespace changegate::sarif {

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::critical: return "critical";
    case Severity::high: return "high";
    case Severity::medium: return "medium";
    case Severity::low: return "low";
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
    case Severity::none: return "none";
  }
  return "none";
}

int rank(Severity severity) {
  switch (severity) {
    case Severity::critical: return 4;
    case Severity::high:
    case Severity::error: return 3;
    case Severity::medium:
    case Severity::warning: return 2;
    case Severity::low:
    case Severity::note: return 1;
    case Severity::none: return 0;
  }
  return 0;
}

const std::vector<Severity>& all_severities() {
  static const std::vector<Severity> k_all = {
      Severity::critical, Severity::high,    Severity::medium, Severity::low,
      Severity::error,    Severity::warning, Severity::note,   Severity::none};
  return k_all;
}

std::optional<Severity> parse_severity(const std::string& text) {
  for (Severity s : all_severities())
    if (text == to_string(s)) return s;
  return std::nullopt;
}

void Baseline::add(const Identity& identity) {
  ++results_;
  for (auto f : identity.fingerprints) fingerprints_.insert(f);
  ++fallback_[identity.fallback];
}

bool Baseline::consume(const Identity& identity) {
  for (auto f : identity.fingerprints)
    if (fingerprints_.count(f)) return true;
  auto it = fallback_.find(identity.fallback);
  if (it == fallback_.end() || it->second == 0) return false;
  --it->second;
  return true;
}

namespace detail {

std::optional<Level> parse_level(const std::string& text) {
  if (text == "none") return Level::none;
  if (text == "note") return Level::note;
  if (text == "warning") return Level::warning;
  if (text == "error") return Level::error;
  return std::nullopt;
}

namespace {

std::uint64_t hash_of(std::string_view text) {
  return std::hash<std::string_view>{}(text);
}

// Lower-case, digit runs to '#', whitespace runs to one space: the message
// minus what moves between scans (line numbers, counts, ids).
std::string normalise(const std::string& message) {
  std::string out;
  out.reserve(message.size());
  bool digit = false, space = false;
  for (unsigned char c : message) {
    if (c >= '0' && c <= '9') {
      if (!digit) out += '#';
      digit = true;
      space = false;
      continue;
    }
    digit = false;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!space && !out.empty()) out += ' ';
      space = true;
      continue;
    }
    space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Severity from_level(Level level) {
  switch (level) {
    case Level::error: return Severity::error;
    case Level::warning: return Severity::warning;
    case Level::note: return Severity::note;
    case Level::none: return Severity::none;
  }
  return Severity::warning;
}

// GitHub code scanning's bands for security-severity.
std::optional<Severity> from_security_severity(double score) {
  if (score >= 9.0) return Severity::critical;
  if (score >= 7.0) return Severity::high;
  if (score >= 4.0) return Severity::medium;
  if (score > 0.0) return Severity::low;
  return std::nullopt;
}

}  // namespace

Baseline::Identity identity_of(const PendingResult& r) {
  Baseline::Identity id;
  for (const auto& [k, v] : r.fingerprints) id.fingerprints.push_back(hash_of(k + '\0' + v));
  std::string rule =
      r.rule_id.empty() && r.rule_index >= 0 ? "#" + std::to_string(r.rule_index) : r.rule_id;
  id.fallback = hash_of(rule + '\0' + r.uri + '\0' + normalise(r.message));
  return id;
}

Rule& RunBuilder::new_rule(std::int64_t component) {
  if (component < 0) return driver_rules_.emplace_back();
  if (extension_rules_.size() <= static_cast<std::size_t>(component))
    extension_rules_.resize(static_cast<std::size_t>(component) + 1);
  return extension_rules_[static_cast<std::size_t>(component)].emplace_back();
}

PendingResult& RunBuilder::start_result() {
  PendingResult& r = pending_;
  r.rule_id.clear();
  r.rule_index = -1;
  r.component = -1;
  r.component_guid.clear();
  r.level.reset();
  r.kind.clear();
  r.suppressions = 0;
  r.all_accepted = true;
  r.baseline_state.clear();
  r.uri.clear();
  r.line = 0;
  r.message.clear();
  r.fingerprints.clear();
  return r;
}

int RunBuilder::intern(const PendingResult& r) {
  std::string key = r.rule_id;
  key.append(reinterpret_cast<const char*>(&r.rule_index), sizeof r.rule_index);
  key.append(reinterpret_cast<const char*>(&r.component), sizeof r.component);
  key += r.component_guid;
  auto [it, added] = ref_ids_.emplace(std::move(key), static_cast<int>(refs_.size()));
  if (added) refs_.push_back({r.rule_id, r.rule_index, r.component, r.component_guid});
  return it->second;
}

void RunBuilder::end_result() {
  PendingResult& r = pending_;
  if (r.baseline_state == "absent") {
    ++run_.absent;  // in the baseline, gone now: not a present finding
    return;
  }
  ++run_.results;
  const bool suppressed = r.suppressions > 0 && r.all_accepted;
  BaselineClass baseline = BaselineClass::unknown;
  if (options_.collect_into) options_.collect_into->add(identity_of(r));
  if (options_.match_against) {
    baseline = options_.match_against->consume(identity_of(r)) ? BaselineClass::existing
                                                               : BaselineClass::new_;
  } else if (r.baseline_state == "new") {
    baseline = BaselineClass::new_;
  } else if (r.baseline_state == "unchanged" || r.baseline_state == "updated") {
    baseline = BaselineClass::existing;
  }
  int kind = 0;
  if (!r.kind.empty() && r.kind != "fail") {
    kind = static_cast<int>(std::find(kinds_.begin(), kinds_.end(), r.kind) - kinds_.begin());
    // At most the six SARIF kinds: the reader rejects any other value.
    if (kind == static_cast<int>(kinds_.size())) kinds_.push_back(r.kind);
  }
  const GroupKey key{intern(r), r.level ? static_cast<int>(*r.level) : -1, kind, suppressed,
                     baseline};
  auto& slot = groups_[key.packed()];
  slot.first = key;
  Group& g = slot.second;
  ++g.count;
  if (g.samples.size() < options_.samples_per_group) {
    std::string message = r.message;
    if (message.size() > 300) {
      std::size_t cut = 300;
      while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
      message = message.substr(0, cut) + "...";
    }
    g.samples.push_back({r.uri, r.line, std::move(message)});
  }
}

const std::vector<Rule>* RunBuilder::rules_of(std::int64_t component) const {
  if (component < 0) return &driver_rules_;
  if (static_cast<std::size_t>(component) < extension_rules_.size())
    return &extension_rules_[static_cast<std::size_t>(component)];
  return nullptr;
}

RunBuilder::Found RunBuilder::find_by_id(const std::string& id, std::int64_t component) {
  auto search = [&](std::int64_t c) -> Found {
    const auto* rules = rules_of(c);
    if (!rules) return {};
    for (std::size_t i = 0; i < rules->size(); ++i)
      if ((*rules)[i].id == id) return {&(*rules)[i], static_cast<std::int64_t>(i), c};
    return {};
  };
  Found f = search(component);
  // A ruleId without toolComponent may name a rule of an extension (CodeQL packs).
  for (std::size_t c = 0; !f.rule && component < 0 && c < extension_rules_.size(); ++c)
    f = search(static_cast<std::int64_t>(c));
  return f;
}

RunBuilder::Found RunBuilder::find_rule(RuleRef ref) {
  // The component may be named by guid; the tool object can come after the results.
  for (const auto& [c, guid] : guids_)
    if (ref.component < 0 && !ref.guid.empty() && guid == ref.guid) ref.component = c;
  if (ref.index >= 0) {
    const auto* rules = rules_of(ref.component);
    if (rules && static_cast<std::size_t>(ref.index) < rules->size())
      return {&(*rules)[static_cast<std::size_t>(ref.index)], ref.index, ref.component};
    run_.warnings.push_back("ruleIndex " + std::to_string(ref.index) + " is out of range (" +
                            std::to_string(rules ? rules->size() : 0) + " rules in " +
                            (ref.component < 0 ? std::string("the driver")
                                               : "extension " + std::to_string(ref.component)) +
                            ")" + (ref.id.empty() ? "" : "; resolved by ruleId " + ref.id));
  }
  if (ref.id.empty()) return {};
  Found f = find_by_id(ref.id, ref.component);
  // Hierarchical ids: "CA1001/sub" is a sub-case of rule "CA1001" (SARIF §3.27.5).
  for (auto slash = ref.id.rfind('/'); !f.rule && slash != std::string::npos && slash > 0;
       slash = ref.id.rfind('/', slash - 1)) {
    f = find_by_id(ref.id.substr(0, slash), ref.component);
  }
  return f;
}

void RunBuilder::finish() {
  std::map<std::tuple<std::string, Severity, bool, BaselineClass, std::string>, Group> merged;
  // In key order, so warnings and merged groups come out the same every run.
  std::vector<std::pair<std::uint64_t, std::pair<GroupKey, Group>*>> ordered;
  ordered.reserve(groups_.size());
  for (auto& [packed, entry] : groups_) ordered.emplace_back(packed, &entry);
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [packed, entry] : ordered) {
    const GroupKey& key = entry->first;
    Group& group = entry->second;
    const std::string& kind = kinds_[static_cast<std::size_t>(key.kind)];
    const RuleRef& ref = refs_[static_cast<std::size_t>(key.rule_ref)];
    const Found found = find_rule(ref);
    std::string rule_id = !ref.id.empty() ? ref.id : found.rule ? found.rule->id : "";
    std::optional<Level> level;
    std::string source;
    if (!kind.empty()) {
      level = Level::none;
      source = "kind " + kind;
    } else if (key.level >= 0) {
      level = static_cast<Level>(key.level);
      source = "result level";
    }
    if (!level) {
      for (const auto& o : overrides_) {
        const bool by_id = !o.id.empty() && ((found.rule && o.id == found.rule->id) ||
                                             (!found.rule && o.id == ref.id));
        const bool by_index =
            found.rule && o.index >= 0 && o.index == found.index && o.component == found.component;
        if (o.level && (by_id || by_index)) {
          level = o.level;
          source = "ruleConfigurationOverrides";
        }
      }
    }
    if (!level && found.rule && found.rule->default_level) {
      level = found.rule->default_level;
      source = "rule default level";
    }
    if (!level) {
      level = Level::warning;
      source = "default warning";
    }
    Severity severity = from_level(*level);
    if (*level != Level::none && found.rule && found.rule->security_severity) {
      if (auto band = from_security_severity(*found.rule->security_severity)) {
        severity = *band;
        source = "security-severity " + found.rule->security_severity_text;
      }
    }
    Group& g = merged[{rule_id, severity, key.suppressed, key.baseline, source}];
    g.rule_id = rule_id;
    g.severity = severity;
    g.severity_source = source;
    g.suppressed = key.suppressed;
    g.baseline = key.baseline;
    g.count += group.count;
    for (auto& s : group.samples)
      if (g.samples.size() < options_.samples_per_group) g.samples.push_back(std::move(s));
  }
  for (auto& [key, group] : merged) run_.groups.push_back(std::move(group));
}

}  // namespace detail
}  // namespace changegate::sarif
