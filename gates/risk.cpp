#include "gates/risk.h"

#include <algorithm>
#include <set>

#include "gates/util/glob.h"
#include "gates/util/strings.h"

namespace changegate {

const std::vector<std::string>& risk_factor_names() {
  static const std::vector<std::string> k_names = {
      "change_size", "files_touched", "tier",   "downstream", "data_classes",
      "migrations",  "change_type",   "freeze", "waivers",    "defect_history"};
  return k_names;
}

namespace {

// Pro rata points, rounded half up, capped at `max`: max x value / saturation.
int pro_rata(int max, std::int64_t value, int saturation) {
  if (value >= saturation) return max;
  return static_cast<int>((static_cast<std::int64_t>(max) * value * 2 + saturation) /
                          (2 * static_cast<std::int64_t>(saturation)));
}

std::string list(const std::vector<std::string>& items, std::size_t most = 5) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < most; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > most) out += " and " + std::to_string(items.size() - most) + " more";
  return out;
}

int tier_points(const std::vector<int>& table, std::optional<int> tier) {
  if (!tier || *tier < 1 || static_cast<std::size_t>(*tier) > table.size()) return 0;
  return table[*tier - 1];
}

RiskFactor size_factor(const RiskInputs& in) {
  const auto& w = in.config.risk.weights;
  const std::int64_t lines = in.diff.insertions + in.diff.deletions;
  const int points = pro_rata(w.change_size, lines, w.size_saturation);
  return {"change_size", points,
          plural(lines, "line") + " changed (+" + std::to_string(in.diff.insertions) + " -" +
              std::to_string(in.diff.deletions) + "): " + std::to_string(w.change_size) + " x " +
              std::to_string(lines) + "/" + std::to_string(w.size_saturation) + ", at most " +
              std::to_string(w.change_size)};
}

RiskFactor files_factor(const RiskInputs& in) {
  const auto& w = in.config.risk.weights;
  const std::int64_t files = static_cast<std::int64_t>(in.diff.files.size());
  const int points = pro_rata(w.files_touched, files, w.files_saturation);
  return {"files_touched", points,
          plural(files, "file") + " touched: " + std::to_string(w.files_touched) + " x " +
              std::to_string(files) + "/" + std::to_string(w.files_saturation) + ", at most " +
              std::to_string(w.files_touched)};
}

RiskFactor tier_factor(const RiskInputs& in) {
  const TouchedComponent* highest = nullptr;
  for (const auto& t : in.radius.components)
    if (t.tier && (!highest || *t.tier < *highest->tier)) highest = &t;
  if (!highest) return {"tier", 0, "no tiered component touched"};
  return {"tier", tier_points(in.config.risk.weights.tier, highest->tier),
          "touches tier-" + std::to_string(*highest->tier) + " component " + highest->id + " (" +
              plural(static_cast<std::int64_t>(highest->files.size()), "file") + ")"};
}

RiskFactor downstream_factor(const RiskInputs& in) {
  const auto& w = in.config.risk.weights;
  if (in.radius.downstream.empty()) return {"downstream", 0, "reaches no downstream component"};
  int points = 0;
  std::vector<std::string> parts;
  for (const auto& d : in.radius.downstream) {
    const int p = tier_points(w.downstream_tier, d.tier);
    points += p;
    parts.push_back(d.id + " (" + (d.tier ? "tier " + std::to_string(*d.tier) : "no tier") + ": " +
                    std::to_string(p) + ")");
  }
  const int capped = std::min(points, w.downstream_max);
  return {
      "downstream", capped,
      "reaches " +
          plural(static_cast<std::int64_t>(in.radius.downstream.size()), "downstream component") +
          ": " + list(parts, 8) +
          (capped < points ? "; capped at " + std::to_string(w.downstream_max) : "")};
}

RiskFactor data_factor(const RiskInputs& in) {
  const auto& w = in.config.risk.weights;
  std::map<std::string, std::vector<std::string>> classes;  // class -> components
  for (const auto& t : in.radius.components)
    for (const auto& d : t.data) classes[d].push_back(t.id);
  int points = 0;
  std::vector<std::string> parts;
  for (const auto& [cls, components] : classes) {
    auto it = w.data.find(cls);
    const int p = it == w.data.end() ? 0 : it->second;
    points += p;
    parts.push_back(cls + " in " + list(components) + " (" + std::to_string(p) + ")");
  }
  if (parts.empty()) return {"data_classes", 0, "touches no component with data classes"};
  return {"data_classes", points, "touches " + list(parts, 8)};
}

RiskFactor migration_factor(const RiskInputs& in) {
  std::vector<std::string> touched;
  for (const auto& f : in.diff.files)
    for (const auto& pattern : in.config.risk.migration_paths)
      if (glob_match(pattern, f.path)) {
        touched.push_back(f.path);
        break;
      }
  if (in.config.risk.migration_paths.empty())
    return {"migrations", 0, "no [risk] migration_paths configured"};
  if (touched.empty()) return {"migrations", 0, "changes no schema migration"};
  return {"migrations", in.config.risk.weights.migration,
          "changes " +
              std::string(touched.size() == 1 ? "a schema migration" : "schema migrations") + ": " +
              list(touched)};
}

RiskFactor type_factor(const RiskInputs& in) {
  if (in.change.type.empty()) return {"change_type", 0, "change type unknown"};
  const auto& table = in.config.risk.weights.change_type;
  auto it = table.find(in.change.type);
  const int points = it == table.end() ? 0 : it->second;
  return {"change_type", points, "change type " + in.change.type};
}

RiskFactor freeze_factor(const RiskInputs& in) {
  for (const auto& f : in.config.risk.freezes)
    if (f.contains(in.now))
      return {"freeze", in.config.risk.weights.freeze,
              "evaluated at " + format_timestamp(in.now) + ", inside freeze window \"" + f.name +
                  "\" (" + f.describe() + ")" + (f.reason.empty() ? "" : ": " + f.reason)};
  if (in.config.risk.freezes.empty()) return {"freeze", 0, "no freeze windows configured"};
  return {"freeze", 0,
          "evaluated at " + format_timestamp(in.now) + ", outside every freeze window"};
}

RiskFactor waiver_factor(const RiskInputs& in) {
  const auto& w = in.config.risk.weights;
  std::vector<std::string> gates;
  for (const auto& waiver : in.config.waivers)
    if (!in.change.id.empty() && waiver.change == in.change.id) gates.push_back(waiver.gate);
  if (gates.empty()) return {"waivers", 0, "no waiver names this change"};
  const int points = std::min(w.waiver * static_cast<int>(gates.size()), w.waiver_max);
  return {"waivers", points,
          plural(static_cast<std::int64_t>(gates.size()), "waiver") + " name " + in.change.id +
              " (gates " + list(gates) + "): " + std::to_string(w.waiver) + " each, at most " +
              std::to_string(w.waiver_max)};
}

RiskFactor defect_factor(const RiskInputs& in) {
  if (!in.history) return {"defect_history", 0, "no ledger: defect history not considered"};
  const auto& w = in.config.risk.weights;
  int defects = 0;
  std::vector<std::string> parts;
  for (const auto& t : in.radius.components) {
    const int n = in.history->defects_for(t.id);
    if (n > 0) parts.push_back(t.id + " (" + std::to_string(n) + ")");
    defects += n;
  }
  if (defects == 0) return {"defect_history", 0, "no defects traced to the touched components"};
  return {"defect_history", std::min(defects * w.defect, w.defect_max),
          plural(defects, "defect") + " traced to touched components: " + list(parts)};
}

}  // namespace

RiskAssessment assess_risk(const RiskInputs& in) {
  RiskAssessment a;
  a.factors = {size_factor(in),   files_factor(in),     tier_factor(in), downstream_factor(in),
               data_factor(in),   migration_factor(in), type_factor(in), freeze_factor(in),
               waiver_factor(in), defect_factor(in)};
  int sum = 0;
  for (const auto& f : a.factors) sum += f.points;
  a.score = std::clamp(sum, 0, 100);
  a.level = in.config.risk.level_for(a.score);
  return a;
}

}  // namespace changegate
