#include "checks/golden/golden_aggregate.h"

namespace changegate::golden {

namespace {

struct FnName {
  Fn fn;
  const char* name;
};

const FnName k_fns[] = {
    {Fn::count, "count"},
    {Fn::count_distinct, "count_distinct"},
    {Fn::duplicates, "duplicates"},
    {Fn::sum, "sum"},
    {Fn::mean, "mean"},
    {Fn::min, "min"},
    {Fn::max, "max"},
    {Fn::null_count, "null_count"},
    {Fn::null_rate, "null_rate"},
};

Value number(double v) {
  return Value{false, v, ""};
}

}  // namespace

const char* to_string(Fn fn) {
  for (const auto& f : k_fns)
    if (f.fn == fn) return f.name;
  return "?";
}

std::optional<Fn> parse_fn(const std::string& name) {
  for (const auto& f : k_fns)
    if (name == f.name) return f.fn;
  return std::nullopt;
}

const std::vector<std::string>& fn_names() {
  static const std::vector<std::string> k_names = [] {
    std::vector<std::string> names;
    for (const auto& f : k_fns) names.push_back(f.name);
    return names;
  }();
  return k_names;
}

Value finalize(Fn fn, const RawStats& s) {
  switch (fn) {
    case Fn::count: return number(static_cast<double>(s.rows));
    case Fn::count_distinct: return number(static_cast<double>(s.distinct));
    case Fn::duplicates: return number(static_cast<double>(s.non_null - s.distinct));
    case Fn::null_count: return number(static_cast<double>(s.rows - s.non_null));
    case Fn::null_rate:
      if (s.rows == 0) return Value{};
      return number(static_cast<double>(s.rows - s.non_null) / static_cast<double>(s.rows));
    case Fn::sum: {
      if (s.non_null == 0) return Value{};
      Value v = number(s.sum.to_double());
      if (s.sum.exact()) v.exact = s.sum.to_string();
      return v;
    }
    case Fn::mean:
      if (s.non_null == 0) return Value{};
      return number(s.sum.to_double() / static_cast<double>(s.non_null));
    case Fn::min:
      if (!s.min) return Value{};
      return number(static_cast<double>(*s.min));
    case Fn::max:
      if (!s.max) return Value{};
      return number(static_cast<double>(*s.max));
  }
  return Value{};
}

std::string group_label(const std::vector<std::string>& group_by, const GroupKey& key) {
  if (group_by.empty()) return "(all rows)";
  std::string label;
  for (std::size_t i = 0; i < group_by.size() && i < key.size(); ++i) {
    if (i) label += ", ";
    label += group_by[i] + "=" + (key[i] ? *key[i] : "NULL");
  }
  return label;
}

}  // namespace changegate::golden
