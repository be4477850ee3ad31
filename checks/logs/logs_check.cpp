#include "checks/logs/logs_check.h"

#include <algorithm>
#include <cmath>

#include "checks/logs/jsonl_reader.h"
#include "gates/util/glob.h"

namespace changegate {

const std::vector<GateKey> k_logs_keys = {
    {"files", "globs", "JSON-lines log files, relative to the repo root (\"**\" allowed)"},
    {"event", "string", "only lines whose \"event\" field equals this are checked"},
    {"assert", "array of tables",
     "{ field, op, value | field_ref }: op is == != < <= > >=, fields by dotted path"},
    {"quantifier", "string", "all (default): every checked line must hold; any: at least one"},
};

namespace {

constexpr std::size_t k_max_violations = 50;

struct Assertion {
  std::string field;
  std::string op;
  nlohmann::json value;   // when comparing with a constant
  std::string field_ref;  // when comparing with another field of the same line
  std::string text() const {
    return field + " " + op + " " + (field_ref.empty() ? value.dump() : field_ref);
  }
};

struct LogsOptions {
  std::vector<std::string> files;
  std::optional<std::string> event;
  std::vector<Assertion> assertions;
  bool any = false;
};

// A field by dotted path ("stats.rows.out"); a key that itself contains dots
// is found too. nullptr when absent.
const nlohmann::json* lookup(const nlohmann::json& line, const std::string& path) {
  if (!line.is_object()) return nullptr;
  if (auto it = line.find(path); it != line.end()) return &*it;
  const nlohmann::json* at = &line;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string part = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!at->is_object()) return nullptr;
    auto it = at->find(part);
    if (it == at->end()) return nullptr;
    at = &*it;
    if (dot == std::string::npos) return at;
    start = dot + 1;
  }
}

const char* kind_of(const nlohmann::json& v) {
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_null()) return "null";
  if (v.is_array()) return "an array";
  return "an object";
}

// Whether `actual op expected` holds; *problem is set when the two cannot be
// compared (different types, ordering booleans).
bool holds(const nlohmann::json& a, const std::string& op, const nlohmann::json& b,
           std::string* problem) {
  int cmp = 0;
  if (a.is_number_integer() && b.is_number_integer()) {
    // Exact for counts past 2^53, where doubles would round. nlohmann keeps
    // non-negative integers unsigned and negative ones signed.
    if (a.is_number_unsigned() && b.is_number_unsigned()) {
      const auto x = a.get<std::uint64_t>(), y = b.get<std::uint64_t>();
      cmp = x < y ? -1 : x > y ? 1 : 0;
    } else {
      // One is signed (so below 2^63); an unsigned one past INT64_MAX is larger.
      const auto big = [](const nlohmann::json& v) {
        return v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX;
      };
      if (big(a) || big(b)) {
        cmp = big(a) ? 1 : -1;
      } else {
        const auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
        cmp = x < y ? -1 : x > y ? 1 : 0;
      }
    }
  } else if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    if (std::isnan(x) || std::isnan(y)) {
      *problem = "NaN cannot be compared";
      return false;
    }
    cmp = x < y ? -1 : x > y ? 1 : 0;
  } else if (a.is_string() && b.is_string()) {
    const auto& x = a.get_ref<const std::string&>();
    const auto& y = b.get_ref<const std::string&>();
    cmp = x < y ? -1 : x > y ? 1 : 0;
  } else if ((op == "==" || op == "!=") && a.type() == b.type()) {
    cmp = a == b ? 0 : 1;
  } else {
    *problem = std::string("cannot compare ") + kind_of(a) + " with " + kind_of(b) + " using " + op;
    return false;
  }
  if (op == "==") return cmp == 0;
  if (op == "!=") return cmp != 0;
  if (op == "<") return cmp < 0;
  if (op == "<=") return cmp <= 0;
  if (op == ">") return cmp > 0;
  return cmp >= 0;
}

struct AssertionTally {
  std::int64_t held = 0, violated = 0;
};

class LogsCheck : public Check {
 public:
  explicit LogsCheck(LogsOptions options) : options_(std::move(options)) {}

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    std::vector<std::string> unreadable;
    std::vector<std::string> files;
    for (const auto& pattern : options_.files) {
      auto matched = glob_files(ctx.repo.root, pattern);
      if (matched.empty()) unreadable.push_back("files glob \"" + pattern + "\" matches no file");
      for (auto& m : matched)
        if (std::find(files.begin(), files.end(), m) == files.end()) files.push_back(m);
    }

    std::vector<AssertionTally> tally(options_.assertions.size());
    nlohmann::json violations = nlohmann::json::array();
    std::int64_t violation_count = 0, lines = 0, checked = 0, bad_lines = 0, missing = 0;
    auto violate = [&](nlohmann::json v) {
      ++violation_count;
      if (violations.size() < k_max_violations) violations.push_back(std::move(v));
    };
    for (const auto& file : files) {
      const std::string full = !file.empty() && file[0] == '/' ? file : ctx.repo.root + "/" + file;
      auto on_line = [&](std::int64_t n, const nlohmann::json* line, const std::string& error) {
        ++lines;
        const std::string where = file + ":" + std::to_string(n);
        if (!line || !line->is_object()) {
          ++bad_lines;
          violate({{"at", where}, {"problem", line ? "not a JSON object" : error}});
          return;
        }
        if (options_.event) {
          const nlohmann::json* ev = line->contains("event") ? &(*line)["event"] : nullptr;
          if (!ev || !ev->is_string() || ev->get_ref<const std::string&>() != *options_.event)
            return;
        }
        ++checked;
        for (std::size_t i = 0; i < options_.assertions.size(); ++i)
          check_line(options_.assertions[i], *line, where, tally[i], missing, violate, r);
      };
      jsonl::FileSummary summary;
      std::string err;
      if (!jsonl::read_file(full, on_line, &summary, &err)) {
        if (err.compare(0, full.size(), full) == 0) err = file + err.substr(full.size());
        unreadable.push_back(err);
        continue;
      }
      r.evidence.push_back({file, summary.sha256, summary.bytes});
    }

    nlohmann::json assertions = nlohmann::json::array();
    bool known_failure = false;
    std::string first_reason;
    for (std::size_t i = 0; i < options_.assertions.size(); ++i) {
      const Assertion& a = options_.assertions[i];
      nlohmann::json j = {{"field", a.field},
                          {"op", a.op},
                          {"held", tally[i].held},
                          {"violated", tally[i].violated}};
      if (a.field_ref.empty())
        j["value"] = a.value;
      else
        j["field_ref"] = a.field_ref;
      assertions.push_back(j);
      bool ok;
      if (options_.any)
        ok = r.compare("lines where " + a.text() + " holds", tally[i].held, ">=", 1,
                       tally[i].held >= 1);
      else
        ok = r.compare("lines where " + a.text() + " is violated", tally[i].violated, "<=", 0,
                       tally[i].violated == 0);
      if (!ok) {
        known_failure = true;
        if (first_reason.empty())
          first_reason = options_.any
                             ? a.text() + " holds on no line"
                             : a.text() + " violated on " + std::to_string(tally[i].violated) +
                                   " line" + (tally[i].violated == 1 ? "" : "s");
      }
    }
    if (!r.compare("lines that are not JSON objects", bad_lines, "<=", 0, bad_lines == 0)) {
      known_failure = true;
      if (first_reason.empty()) first_reason = std::to_string(bad_lines) + " line(s) not JSON";
    }
    if (!r.compare("lines missing an asserted field", missing, "<=", 0, missing == 0)) {
      known_failure = true;
      if (first_reason.empty()) first_reason = std::to_string(missing) + " missing field(s)";
    }
    // An assertion over no lines proves nothing: never green.
    if (!r.compare("lines checked", checked, ">=", 1, checked >= 1)) {
      known_failure = known_failure || unreadable.empty();
      if (first_reason.empty())
        first_reason =
            options_.event ? "no line with event \"" + *options_.event + "\"" : "no log lines";
    }

    for (const auto& v : violations) {
      std::string line = v["at"].get<std::string>() + ": ";
      if (v.contains("problem"))
        line += v["problem"].get<std::string>();
      else
        line += v["assertion"].get<std::string>() + " violated: actual " + v["actual"].dump() +
                ", expected " + v["expected"].dump();
      r.problems.push_back(line);
    }
    for (const auto& u : unreadable) r.problems.push_back(u);
    r.details["files"] = files;
    r.details["lines"] = lines;
    r.details["checked_lines"] = checked;
    if (options_.event) r.details["event"] = *options_.event;
    r.details["quantifier"] = options_.any ? "any" : "all";
    r.details["assertions"] = assertions;
    r.details["violations"] = violations;
    if (violation_count > static_cast<std::int64_t>(violations.size()))
      r.details["violations_not_listed"] =
          violation_count - static_cast<std::int64_t>(violations.size());
    r.details["unreadable"] = unreadable;

    const std::string counts = std::to_string(checked) + " of " + std::to_string(lines) +
                               " lines checked against " +
                               std::to_string(options_.assertions.size()) + " assertion" +
                               (options_.assertions.size() == 1 ? "" : "s");
    if (known_failure) {
      r.status = Status::fail;
      r.summary = counts + ": " + first_reason;
    } else if (!unreadable.empty()) {
      r.status = Status::error;
      r.summary = "could not read all evidence: " + unreadable.front();
    } else {
      r.status = Status::pass;
      r.summary = counts + ", all hold";
    }
  }

 private:
  template <class Violate>
  void check_line(const Assertion& a, const nlohmann::json& line, const std::string& where,
                  AssertionTally& t, std::int64_t& missing, Violate& violate, GateResult& r) const {
    const nlohmann::json* actual = lookup(line, a.field);
    const nlohmann::json* expected = &a.value;
    if (!a.field_ref.empty()) expected = lookup(line, a.field_ref);
    const std::string& absent = !actual ? a.field : a.field_ref;
    if (!actual || !expected) {
      ++missing;
      ++t.violated;
      violate({{"at", where},
               {"assertion", a.text()},
               {"problem", "missing field \"" + absent + "\""}});
      return;
    }
    std::string problem;
    const bool ok = holds(*actual, a.op, *expected, &problem);
    if (ok) {
      ++t.held;
      return;
    }
    ++t.violated;
    nlohmann::json v = {
        {"at", where}, {"assertion", a.text()}, {"actual", *actual}, {"expected", *expected}};
    if (!problem.empty()) v["problem"] = problem + " (" + a.text() + ")";
    violate(std::move(v));
    (void)r;
  }

  LogsOptions options_;
};

}  // namespace

std::unique_ptr<Check> load_logs_check(const TableReader& gate) {
  LogsOptions o;
  o.files = gate.string_list("files");
  if (o.files.empty()) gate.fail(gate.node(), "missing required key \"files\" (JSON-lines globs)");
  const Node* list = gate.find("files");
  for (std::size_t i = 0; i < o.files.size(); ++i)
    if (auto problem = glob_problem(o.files[i]))
      gate.fail((*list->array)[i], "bad glob \"" + o.files[i] + "\" in \"files\": " + *problem);
  o.event = gate.string("event");
  o.any = gate.choice("quantifier", {"all", "any"}).value_or("all") == "any";
  for (const auto& t : gate.table_list("assert", gate.context() + ": assert")) {
    t.allow_only({"field", "op", "value", "field_ref"});
    Assertion a;
    a.field = t.required_string("field");
    if (!t.has("op")) t.fail(t.node(), "missing required key \"op\" (== != < <= > >=)");
    a.op = *t.choice("op", {"==", "!=", "<", "<=", ">", ">="});
    if (t.has("value") == t.has("field_ref"))
      t.fail(t.node(), "an assertion needs exactly one of \"value\" or \"field_ref\"");
    if (t.has("field_ref")) {
      a.field_ref = t.required_string("field_ref");
    } else {
      const Node& v = *t.find("value");
      switch (v.type) {
        case Node::Type::boolean: a.value = v.boolean; break;
        case Node::Type::integer: a.value = v.integer; break;
        case Node::Type::floating: a.value = v.floating; break;
        case Node::Type::string: a.value = v.text; break;
        default:
          t.fail(v, "\"value\" must be a number, a string or a boolean, not " +
                        std::string(describe(v.type)));
      }
    }
    o.assertions.push_back(std::move(a));
  }
  if (o.assertions.empty())
    gate.fail(gate.node(), "missing required key \"assert\" (at least one assertion)");
  return std::make_unique<LogsCheck>(std::move(o));
}

}  // namespace changegate
