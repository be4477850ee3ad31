#include "checks/golden/golden_expected.h"

namespace changegate::golden {

namespace {

constexpr const char* k_format = "changegate-golden/1";

bool integral(Fn fn) {
  return fn == Fn::count || fn == Fn::count_distinct || fn == Fn::duplicates ||
         fn == Fn::null_count;
}

}  // namespace

nlohmann::json expected_to_json(const std::string& gate_id, const AggregateTable& table,
                                const std::vector<AggregateSpec>& specs) {
  nlohmann::json aggregates = nlohmann::json::array();
  for (const auto& s : specs) {
    nlohmann::json a = {{"name", s.name}, {"fn", to_string(s.fn)}};
    if (!s.column.empty()) a["column"] = s.column;
    aggregates.push_back(a);
  }
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& [key, values] : table.groups) {
    nlohmann::json group = nlohmann::json::object();
    for (std::size_t i = 0; i < table.group_by.size(); ++i)
      group[table.group_by[i]] = key[i] ? nlohmann::json(*key[i]) : nlohmann::json(nullptr);
    nlohmann::json vals = nlohmann::json::object();
    for (std::size_t a = 0; a < specs.size(); ++a) {
      const Value& v = values[a];
      if (v.null)
        vals[specs[a].name] = nullptr;
      else if (integral(specs[a].fn))
        vals[specs[a].name] = static_cast<std::int64_t>(v.number);
      else
        vals[specs[a].name] = v.number;
    }
    groups.push_back({{"group", group}, {"values", vals}});
  }
  return {{"format", k_format},
          {"gate", gate_id},
          {"group_by", table.group_by},
          {"aggregates", aggregates},
          {"groups", groups}};
}

std::string expected_text(const std::string& gate_id, const AggregateTable& table,
                          const std::vector<AggregateSpec>& specs) {
  return expected_to_json(gate_id, table, specs).dump(2) + "\n";
}

bool parse_expected(const std::string& text, const std::string& display,
                    const std::vector<std::string>& group_by,
                    const std::vector<AggregateSpec>& specs, AggregateTable* out,
                    std::string* err) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  auto fail = [&](const std::string& message) {
    *err = display + ": " + message;
    return false;
  };
  if (j.is_discarded()) return fail("not valid JSON");
  if (!j.is_object() || j.value("format", "") != k_format)
    return fail(std::string("not a golden snapshot (\"format\" is not \"") + k_format + "\")");
  if (!j.contains("group_by") || j["group_by"] != nlohmann::json(group_by))
    return fail("its group_by " + (j.contains("group_by") ? j["group_by"].dump() : "(none)") +
                " differs from the gate's " + nlohmann::json(group_by).dump() +
                ": re-run `changegate golden snapshot`");
  if (!j.contains("groups") || !j["groups"].is_array()) return fail("\"groups\" is not an array");
  out->group_by = group_by;
  out->names.clear();
  for (const auto& s : specs) out->names.push_back(s.name);
  for (const auto& g : j["groups"]) {
    if (!g.is_object() || !g.contains("group") || !g["group"].is_object() ||
        !g.contains("values") || !g["values"].is_object())
      return fail("every entry of \"groups\" needs a \"group\" and a \"values\" object");
    GroupKey key;
    for (const auto& column : group_by) {
      if (!g["group"].contains(column)) return fail("a group has no value for \"" + column + "\"");
      const auto& v = g["group"][column];
      if (v.is_null())
        key.emplace_back();
      else if (v.is_string())
        key.emplace_back(v.get<std::string>());
      else
        return fail("group value " + v.dump() + " of \"" + column + "\" is not a string or null");
    }
    std::vector<Value> values;
    for (const auto& s : specs) {
      if (!g["values"].contains(s.name))
        return fail("no expected value of aggregate \"" + s.name + "\" in group " +
                    group_label(group_by, key) + ": re-run `changegate golden snapshot`");
      const auto& v = g["values"][s.name];
      if (v.is_null())
        values.push_back(Value{});
      else if (v.is_number())
        values.push_back(Value{false, v.get<double>(), ""});
      else
        return fail("expected value of \"" + s.name + "\" is " + v.dump() + ", not a number");
    }
    const std::string label = group_label(group_by, key);
    if (!out->groups.emplace(std::move(key), std::move(values)).second)
      return fail("group " + label + " appears twice");
  }
  return true;
}

}  // namespace changegate::golden
