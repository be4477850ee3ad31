#include "checks/golden/golden_compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace changegate::golden {

namespace {

// Rounds away float noise ("1303.5900000000001") for display: 15
// significant digits is below the precision of any double sum.
double tidy(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return std::strtod(buf, nullptr);
}

std::string tidy_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

nlohmann::json to_json(const Value& v) {
  if (v.null) return nullptr;
  if (std::isfinite(v.number) && v.number == std::floor(v.number) && std::fabs(v.number) < 9e15)
    return static_cast<std::int64_t>(v.number);
  return v.number;
}

nlohmann::json tolerance_json(const Tolerance& t, double allowed) {
  if (!t.abs && !t.rel) return nullptr;
  nlohmann::json j = nlohmann::json::object();
  if (t.abs) j["abs"] = *t.abs;
  if (t.rel) j["rel"] = *t.rel;
  j["allowed"] = allowed;
  return j;
}

struct Row {
  nlohmann::json json;
  bool ok = true;
  Comparison comparison;
  std::string problem;
};

std::string number_text(const Value& v) {
  return to_json(v).dump();
}

// One (group, aggregate) judgement: against the reference value when there
// is one, and against the aggregate's own bounds.
Row judge(const std::vector<std::string>& group_by, const GroupKey& key, const AggregateSpec& spec,
          const Value* expected, const Value& actual) {
  const std::string label = group_label(group_by, key);
  Row row;
  row.json = {{"group", label},
              {"aggregate", spec.name},
              {"fn", to_string(spec.fn)},
              {"actual", to_json(actual)}};
  if (!spec.column.empty()) row.json["column"] = spec.column;
  if (!actual.exact.empty()) row.json["actual_exact"] = actual.exact;
  std::vector<std::string> reasons;
  Comparison& c = row.comparison;
  c.name = spec.name + " [" + label + "]";
  c.actual = to_json(actual);
  if (expected) {
    row.json["expected"] = to_json(*expected);
    double allowed = 0;
    if (spec.tolerance.abs) allowed = std::max(allowed, *spec.tolerance.abs);
    if (spec.tolerance.rel && !expected->null)
      allowed = std::max(allowed, *spec.tolerance.rel * std::fabs(expected->number));
    row.json["tolerance"] = tolerance_json(spec.tolerance, allowed);
    c.expected = to_json(*expected);
    c.tolerance = row.json["tolerance"];
    c.op = spec.tolerance.abs || spec.tolerance.rel ? "within" : "==";
    if (expected->null || actual.null) {
      row.json["diff"] = nullptr;
      if (expected->null != actual.null) {
        reasons.push_back(expected->null
                              ? "expected NULL (no values), got " + number_text(actual)
                              : "expected " + number_text(*expected) + ", got NULL (no values)");
      }
    } else {
      const double diff = actual.number - expected->number;
      row.json["diff"] = tidy(diff);
      if (!(std::fabs(diff) <= allowed))
        reasons.push_back("expected " + number_text(*expected) + ", got " + number_text(actual) +
                          " (diff " + tidy_text(diff) + ", allowed " + tidy_text(allowed) + ")");
    }
  }
  if (spec.min || spec.max) {
    nlohmann::json bounds = nlohmann::json::object();
    if (spec.min) bounds["min"] = *spec.min;
    if (spec.max) bounds["max"] = *spec.max;
    row.json["bounds"] = bounds;
    if (!expected) {
      c.op = "in";
      c.expected = bounds;
    }
    if (actual.null)
      reasons.push_back("NULL (no values) cannot be checked against the bounds " + bounds.dump());
    else if ((spec.min && actual.number < *spec.min) || (spec.max && actual.number > *spec.max))
      reasons.push_back(number_text(actual) + " outside the bounds " + bounds.dump());
  }
  row.ok = reasons.empty();
  c.ok = row.ok;
  row.json["status"] = row.ok ? "pass" : "fail";
  if (!row.ok) {
    std::string why;
    for (const auto& r : reasons) why += (why.empty() ? "" : "; ") + r;
    row.json["reason"] = why;
    row.problem = spec.name + " (" + to_string(spec.fn) +
                  (spec.column.empty() ? "" : " of " + spec.column) + ") in group " + label + ": " +
                  why;
  }
  return row;
}

Row group_row(const std::vector<std::string>& group_by, const GroupKey& key, bool missing) {
  const std::string label = group_label(group_by, key);
  Row row;
  row.ok = false;
  row.json = {{"group", label}, {"status", missing ? "missing" : "extra"}};
  row.json["reason"] = missing ? "group in the expected values, absent from the candidate"
                               : "group in the candidate, absent from the expected values";
  row.comparison = {"group [" + label + "]",
                    missing ? "absent" : "present",
                    "==",
                    missing ? "present" : "absent",
                    nullptr,
                    false};
  row.problem = "group " + label + " is " +
                (missing ? "missing from the candidate" : "extra: not in the expected values");
  return row;
}

}  // namespace

Outcome compare_tables(const AggregateTable* reference, const AggregateTable& actual,
                       const std::vector<AggregateSpec>& specs, GateResult& r) {
  Outcome out;
  std::vector<Row> failed, passed;
  auto keep = [&](Row row) {
    ++out.rows;
    if (row.ok) {
      if (passed.size() < k_max_rows_listed) passed.push_back(std::move(row));
      return;
    }
    ++out.failed_rows;
    if (out.first_failure.empty()) out.first_failure = row.problem;
    // Every failure is a problem line only while the list stays readable.
    if (failed.size() < k_max_rows_listed) failed.push_back(std::move(row));
  };
  for (const auto& [key, values] : actual.groups) {
    const std::vector<Value>* expected = nullptr;
    if (reference) {
      auto it = reference->groups.find(key);
      if (it == reference->groups.end()) {
        out.extra.push_back(group_label(actual.group_by, key));
        keep(group_row(actual.group_by, key, false));
        continue;
      }
      expected = &it->second;
    }
    for (std::size_t a = 0; a < specs.size(); ++a)
      keep(judge(actual.group_by, key, specs[a], expected ? &(*expected)[a] : nullptr, values[a]));
  }
  if (reference)
    for (const auto& [key, values] : reference->groups)
      if (!actual.groups.count(key)) {
        out.missing.push_back(group_label(actual.group_by, key));
        keep(group_row(actual.group_by, key, true));
      }

  // Failures first, then passes, up to the cap; every listed row is a
  // recorded comparison.
  nlohmann::json rows = nlohmann::json::array();
  for (auto* list : {&failed, &passed})
    for (auto& row : *list) {
      if (rows.size() >= k_max_rows_listed) break;
      rows.push_back(row.json);
      r.comparisons.push_back(row.comparison);
      if (!row.ok) r.problems.push_back(row.problem);
    }
  r.details["rows"] = rows;
  r.details["rows_total"] = out.rows;
  r.details["rows_failed"] = out.failed_rows;
  r.details["rows_not_listed"] = out.rows - static_cast<std::int64_t>(rows.size());
  if (out.failed_rows > static_cast<std::int64_t>(failed.size()))
    r.problems.push_back(
        std::to_string(out.failed_rows - static_cast<std::int64_t>(failed.size())) +
        " more failing rows not listed");
  r.compare("aggregate rows out of tolerance or bounds, missing or extra groups", out.failed_rows,
            "==", 0, out.failed_rows == 0);
  return out;
}

}  // namespace changegate::golden
