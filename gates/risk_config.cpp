#include "gates/risk_config.h"

#include <cctype>
#include <cstdio>

#include "gates/change_record.h"
#include "gates/document.h"
#include "gates/table_reader.h"
#include "gates/util/glob.h"
#include "gates/util/strings.h"
#include "gates/util/suggest.h"

namespace changegate {

namespace {

const char* const k_days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Minutes since Monday 00:00 UTC for a timestamp. 1970-01-01 was a Thursday.
int week_minute(Timestamp t) {
  std::int64_t minutes = t / 60 % (7 * 24 * 60);
  if (minutes < 0) minutes += 7 * 24 * 60;
  return static_cast<int>((minutes + 3 * 24 * 60) % (7 * 24 * 60));
}

int int_weight(const TableReader& w, const std::string& key, int fallback, int min, int max) {
  return static_cast<int>(w.integer(key, min, max).value_or(fallback));
}

std::vector<int> int_list(const TableReader& w, const std::string& key, std::vector<int> fallback) {
  const Node* n = w.find(key);
  if (!n) return fallback;
  if (n->type != Node::Type::array) w.fail(*n, "key \"" + key + "\" must be an array of integers");
  std::vector<int> out;
  for (const auto& item : *n->array) {
    if (item.type != Node::Type::integer || item.integer < 0 || item.integer > 100)
      w.fail(item, "key \"" + key + "\" must hold integers from 0 to 100");
    out.push_back(static_cast<int>(item.integer));
  }
  return out;
}

std::map<std::string, int> int_map(const TableReader& w, const std::string& key,
                                   std::map<std::string, int> fallback,
                                   const std::vector<std::string>* allowed_keys) {
  auto table = w.table(key, w.context() + "." + key);
  if (!table) return fallback;
  std::map<std::string, int> out = fallback;
  for (const auto& [name, value] : *table->node().table) {
    if (allowed_keys) {
      bool known = false;
      for (const auto& k : *allowed_keys) known = known || k == name;
      if (!known)
        table->fail(value, "unknown key \"" + name + "\"" + did_you_mean(name, *allowed_keys));
    }
    if (value.type != Node::Type::integer || value.integer < -100 || value.integer > 100)
      table->fail(value, "key \"" + name + "\" must be an integer from -100 to 100");
    out[name] = static_cast<int>(value.integer);
  }
  return out;
}

void read_weights(const TableReader& w, RiskWeights& out) {
  w.allow_only({"change_size", "size_saturation", "files_touched", "files_saturation", "tier",
                "downstream_tier", "downstream_max", "data", "migration", "change_type", "freeze",
                "waiver", "waiver_max", "defect", "defect_max"});
  out.change_size = int_weight(w, "change_size", out.change_size, 0, 100);
  out.size_saturation = int_weight(w, "size_saturation", out.size_saturation, 1, 100000000);
  out.files_touched = int_weight(w, "files_touched", out.files_touched, 0, 100);
  out.files_saturation = int_weight(w, "files_saturation", out.files_saturation, 1, 10000000);
  out.tier = int_list(w, "tier", out.tier);
  out.downstream_tier = int_list(w, "downstream_tier", out.downstream_tier);
  out.downstream_max = int_weight(w, "downstream_max", out.downstream_max, 0, 100);
  out.data = int_map(w, "data", out.data, nullptr);
  out.migration = int_weight(w, "migration", out.migration, 0, 100);
  out.change_type = int_map(w, "change_type", out.change_type, &change_types());
  out.freeze = int_weight(w, "freeze", out.freeze, 0, 100);
  out.waiver = int_weight(w, "waiver", out.waiver, 0, 100);
  out.waiver_max = int_weight(w, "waiver_max", out.waiver_max, 0, 100);
  out.defect = int_weight(w, "defect", out.defect, 0, 100);
  out.defect_max = int_weight(w, "defect_max", out.defect_max, 0, 100);
}

}  // namespace

int parse_weekly_time(const std::string& text) {
  if (text.size() < 9) return -1;
  const std::string day = lower(text.substr(0, 3));
  int index = -1;
  for (int i = 0; i < 7; ++i)
    if (day == k_days[i]) index = i;
  std::size_t pos = 3;
  while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos])))
    ++pos;  // "Friday"
  if (index < 0 || pos >= text.size() || text[pos] != ' ') return -1;
  int hour = 0, minute = 0;
  char extra = 0;
  if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d%c", &hour, &minute, &extra) != 2) return -1;
  if (hour > 23 || minute > 59) return -1;
  return index * 24 * 60 + hour * 60 + minute;
}

bool FreezeWindow::contains(Timestamp t) const {
  if (from && to) return t >= *from && t < *to;
  if (weekly_from < 0) return false;
  const int m = week_minute(t);
  // A window may wrap over the week's end (Fri 15:00 to Mon 08:00).
  return weekly_from <= weekly_to ? m >= weekly_from && m < weekly_to
                                  : m >= weekly_from || m < weekly_to;
}

std::string FreezeWindow::describe() const {
  if (from && to) return format_timestamp(*from) + " to " + format_timestamp(*to);
  return weekly_text + " UTC, weekly";
}

RiskLevel RiskConfig::level_for(int score) const {
  if (score >= levels.critical) return RiskLevel::critical;
  if (score >= levels.high) return RiskLevel::high;
  if (score >= levels.medium) return RiskLevel::medium;
  return RiskLevel::low;
}

FreezeWindow read_freeze(const TableReader& f) {
  f.allow_only({"name", "reason", "from", "to", "weekly_from", "weekly_to"});
  FreezeWindow w;
  w.line = f.node().line;
  w.name = f.required_string("name");
  w.reason = f.string("reason").value_or("");
  w.from = f.time("from");
  w.to = f.time("to");
  const auto weekly_from = f.string("weekly_from");
  const auto weekly_to = f.string("weekly_to");
  if (w.from || w.to) {
    if (!w.from || !w.to) f.fail(f.node(), "a dated freeze needs both \"from\" and \"to\"");
    if (*w.to <= *w.from) f.fail("to", "\"to\" must be after \"from\"");
    if (weekly_from || weekly_to)
      f.fail(f.node(), "give either from/to or weekly_from/weekly_to, not both");
    return w;
  }
  if (!weekly_from || !weekly_to)
    f.fail(f.node(), "a freeze needs from/to date-times or weekly_from/weekly_to (\"Fri 15:00\")");
  w.weekly_from = parse_weekly_time(*weekly_from);
  if (w.weekly_from < 0)
    f.fail("weekly_from",
           "\"" + *weekly_from + "\" is not a weekday and time such as \"Fri 15:00\"");
  w.weekly_to = parse_weekly_time(*weekly_to);
  if (w.weekly_to < 0)
    f.fail("weekly_to", "\"" + *weekly_to + "\" is not a weekday and time such as \"Mon 08:00\"");
  if (w.weekly_to == w.weekly_from) f.fail("weekly_to", "the window is empty");
  w.weekly_text = *weekly_from + " to " + *weekly_to;
  return w;
}

void read_risk_config(const TableReader& r, RiskConfig& out) {
  r.allow_only({"levels", "weights", "migration_paths", "require"});
  if (auto levels = r.table("levels", "risk.levels")) {
    levels->allow_only({"low", "medium", "high", "critical"});
    levels->integer("low", 0, 0);  // the lowest level always starts at 0
    auto& t = out.levels;
    t.medium = static_cast<int>(levels->integer("medium", 0, 100).value_or(t.medium));
    t.high = static_cast<int>(levels->integer("high", 0, 100).value_or(t.high));
    t.critical = static_cast<int>(levels->integer("critical", 0, 100).value_or(t.critical));
    if (!(t.medium <= t.high && t.high <= t.critical))
      levels->fail(levels->node(), "levels must rise: medium <= high <= critical");
  }
  if (auto weights = r.table("weights", "risk.weights")) read_weights(*weights, out.weights);
  out.migration_paths = r.string_list("migration_paths");
  const Node* list = r.find("migration_paths");
  for (std::size_t i = 0; i < out.migration_paths.size(); ++i)
    if (auto problem = glob_problem(out.migration_paths[i]))
      r.fail((*list->array)[i],
             "bad glob \"" + out.migration_paths[i] + "\" in \"migration_paths\": " + *problem);
  for (const auto& q : r.table_list("require", "risk.require")) {
    q.allow_only({"id", "at_least", "min_approvals", "rollback_tested"});
    RiskRequirement req;
    req.line = q.node().line;
    const auto level = q.choice("at_least", {"low", "medium", "high", "critical"});
    if (!level) q.fail(q.node(), "missing required key \"at_least\"");
    req.at_least = *parse_risk_level(*level);
    req.id = q.string("id").value_or(std::string("risk-") + *level);
    if (auto n = q.integer("min_approvals", 0, 100)) req.min_approvals = static_cast<int>(*n);
    req.rollback_tested = q.boolean("rollback_tested").value_or(false);
    if (!req.min_approvals && !req.rollback_tested)
      q.fail(q.node(), "a requirement needs min_approvals or rollback_tested");
    out.requirements.push_back(req);
  }
}

}  // namespace changegate
