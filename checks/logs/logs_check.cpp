#include "checks/logs/logs_check.h"

#include <algorithm>
#include <cmath>

#include "checks/logs/jsonl_reader.h"
#include "gates/evidence.h"
#include "gates/util/strings.h"

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

// What the log lines said, over every file, and what could not be read.
struct LogsTally {
  explicit LogsTally(std::size_t count) : assertions(count) {}
  std::vector<AssertionTally> assertions;               // one per configured assertion
  nlohmann::json violations = nlohmann::json::array();  // the first k_max_violations
  std::int64_t violation_count = 0, lines = 0, checked = 0, bad_lines = 0, missing = 0;
  std::vector<std::string> files;       // found, read or not
  std::vector<std::string> unreadable;  // evidence that could not be read

  void violate(nlohmann::json v) {
    ++violation_count;
    if (violations.size() < k_max_violations) violations.push_back(std::move(v));
  }
};

class LogsCheck : public Check {
 public:
  explicit LogsCheck(LogsOptions options) : options_(std::move(options)) {}

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    LogsTally t(options_.assertions.size());
    gather(ctx, t, r);
    std::string first_reason;
    const bool failed = decide(t, r, &first_reason);
    describe(t, r);
    const std::string counts =
        std::to_string(t.checked) + " of " + std::to_string(t.lines) + " lines checked against " +
        plural(static_cast<std::int64_t>(options_.assertions.size()), "assertion");
    r.conclude({failed, t.unreadable, counts + ": " + first_reason,
                t.unreadable.empty() ? "" : "could not read all evidence: " + t.unreadable.front(),
                counts + ", all hold"});
  }

 private:
  // Finds every log file and streams its lines through check_line.
  void gather(const CheckContext& ctx, LogsTally& t, GateResult& r) const {
    FoundEvidence found = find_evidence(ctx.repo.root, "files", options_.files);
    t.unreadable = std::move(found.problems);
    for (const auto& file : found.files) {
      t.files.push_back(file.shown);
      auto on_line = [&](std::int64_t n, const nlohmann::json* line, const std::string& error) {
        ++t.lines;
        const std::string where = file.shown + ":" + std::to_string(n);
        if (!line || !line->is_object()) {
          ++t.bad_lines;
          t.violate({{"at", where}, {"problem", line ? "not a JSON object" : error}});
          return;
        }
        if (options_.event) {
          const nlohmann::json* ev = line->contains("event") ? &(*line)["event"] : nullptr;
          if (!ev || !ev->is_string() || ev->get_ref<const std::string&>() != *options_.event)
            return;
        }
        ++t.checked;
        for (std::size_t i = 0; i < options_.assertions.size(); ++i)
          check_line(options_.assertions[i], *line, where, t.assertions[i], t);
      };
      jsonl::FileSummary summary;
      std::string err;
      if (!jsonl::read_file(file.full, on_line, &summary, &err)) {
        t.unreadable.push_back(shown_message(err, file));
        continue;
      }
      r.evidence.push_back({file.shown, summary.sha256, summary.bytes});
    }
  }

  // Checks one assertion on one line, counting it as held or violated.
  void check_line(const Assertion& a, const nlohmann::json& line, const std::string& where,
                  AssertionTally& at, LogsTally& t) const {
    const nlohmann::json* actual = lookup(line, a.field);
    const nlohmann::json* expected = &a.value;
    if (!a.field_ref.empty()) expected = lookup(line, a.field_ref);
    const std::string& absent = !actual ? a.field : a.field_ref;
    if (!actual || !expected) {
      ++t.missing;
      ++at.violated;
      t.violate({{"at", where},
                 {"assertion", a.text()},
                 {"problem", "missing field \"" + absent + "\""}});
      return;
    }
    std::string problem;
    const bool ok = holds(*actual, a.op, *expected, &problem);
    if (ok) {
      ++at.held;
      return;
    }
    ++at.violated;
    nlohmann::json v = {
        {"at", where}, {"assertion", a.text()}, {"actual", *actual}, {"expected", *expected}};
    if (!problem.empty()) v["problem"] = problem + " (" + a.text() + ")";
    t.violate(std::move(v));
  }

  // The decisions: each assertion under the quantifier, then the lines that
  // could not be judged; true when a known failure was found, with
  // `*first_reason` saying the first.
  bool decide(const LogsTally& t, GateResult& r, std::string* first_reason) const {
    bool known_failure = false;
    // `known`: whether this is a known failure or could also come from
    // evidence that was not read.
    auto fail = [&](const std::string& reason, bool known = true) {
      known_failure = known_failure || known;
      if (first_reason->empty()) *first_reason = reason;
    };
    for (std::size_t i = 0; i < options_.assertions.size(); ++i) {
      const Assertion& a = options_.assertions[i];
      const AssertionTally& at = t.assertions[i];
      if (options_.any) {
        if (!r.compare("lines where " + a.text() + " holds", at.held, ">=", 1, at.held >= 1))
          fail(a.text() + " holds on no line");
      } else if (!r.compare("lines where " + a.text() + " is violated", at.violated, "<=", 0,
                            at.violated == 0)) {
        fail(a.text() + " violated on " + plural(at.violated, "line"));
      }
    }
    if (!r.compare("lines that are not JSON objects", t.bad_lines, "<=", 0, t.bad_lines == 0))
      fail(std::to_string(t.bad_lines) + " line(s) not JSON");
    if (!r.compare("lines missing an asserted field", t.missing, "<=", 0, t.missing == 0))
      fail(std::to_string(t.missing) + " missing field(s)");
    // An assertion over no lines proves nothing: never green.
    if (!r.compare("lines checked", t.checked, ">=", 1, t.checked >= 1))
      fail(options_.event ? "no line with event \"" + *options_.event + "\"" : "no log lines",
           t.unreadable.empty());
    return known_failure;
  }

  // Lists every violation as a problem and records the counts in details.
  void describe(const LogsTally& t, GateResult& r) const {
    for (const auto& v : t.violations) {
      std::string line = v["at"].get<std::string>() + ": ";
      if (v.contains("problem"))
        line += v["problem"].get<std::string>();
      else
        line += v["assertion"].get<std::string>() + " violated: actual " + v["actual"].dump() +
                ", expected " + v["expected"].dump();
      r.problems.push_back(line);
    }
    nlohmann::json assertions = nlohmann::json::array();
    for (std::size_t i = 0; i < options_.assertions.size(); ++i) {
      const Assertion& a = options_.assertions[i];
      nlohmann::json j = {{"field", a.field},
                          {"op", a.op},
                          {"held", t.assertions[i].held},
                          {"violated", t.assertions[i].violated}};
      if (a.field_ref.empty())
        j["value"] = a.value;
      else
        j["field_ref"] = a.field_ref;
      assertions.push_back(j);
    }
    r.details["files"] = t.files;
    r.details["lines"] = t.lines;
    r.details["checked_lines"] = t.checked;
    if (options_.event) r.details["event"] = *options_.event;
    r.details["quantifier"] = options_.any ? "any" : "all";
    r.details["assertions"] = assertions;
    r.details["violations"] = t.violations;
    const auto listed = static_cast<std::int64_t>(t.violations.size());
    if (t.violation_count > listed) r.details["violations_not_listed"] = t.violation_count - listed;
    r.details["unreadable"] = t.unreadable;
  }

  LogsOptions options_;
};

}  // namespace

std::unique_ptr<Check> load_logs_check(const TableReader& gate) {
  LogsOptions o;
  o.files = evidence_globs(gate, "files", "JSON-lines globs");
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
