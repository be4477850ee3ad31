#include "checks/golden/golden_check.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "checks/golden/golden_compare.h"
#include "checks/golden/golden_expected.h"
#include "checks/golden/golden_source.h"
#include "gates/error.h"
#include "gates/evidence.h"
#include "gates/net/dsn_secrets.h"
#include "gates/util/file.h"
#include "gates/util/strings.h"
#include "gates/util/suggest.h"

namespace changegate {

const std::vector<GateKey> k_golden_keys = {
    {"candidate", "source",
     "the output under test: a CSV path, { csv, delimiter, null_values }, "
     "{ sqlite, query } or { postgres_env, query }"},
    {"expected", "path", "known-good aggregates (JSON) written by `changegate golden snapshot`"},
    {"baseline", "source", "a known-good output computed the same way (instead of expected)"},
    {"group_by", "strings", "columns to group by (default: none, one group of all rows)"},
    {"aggregates", "array of tables",
     "{ name, fn, column, tolerance = { abs, rel }, min, max }; fn: count, count_distinct, "
     "duplicates, sum, mean, min, max, null_count, null_rate"},
    {"delimiter", "string", "CSV field delimiter for path sources (default \",\")"},
    {"null_values", "strings", "CSV values read as NULL (default [\"\", \"NULL\"])"},
    {"allow_empty", "boolean",
     "an empty candidate (no rows) is correct: judge it instead of failing (default false)"},
};

namespace {

using golden::AggregateSpec;
using golden::AggregateTable;
using golden::Fn;
using golden::Source;

struct GoldenOptions {
  std::string id;
  Source candidate;
  std::optional<Source> baseline;
  std::optional<std::string> expected;
  bool allow_empty = false;
  golden::Request request;
};

// What evaluate() read: the candidate's aggregates and the reference's,
// each with whether it could be read.
struct Gathered {
  AggregateTable actual, reference;
  bool have_actual = false, have_reference = false;
  std::vector<std::string> unreadable;
  bool missing_column = false;      // a source lacks a column the gate reads
  std::string missing_column_text;  // `column "x" is not in the candidate ...`
};

class GoldenCheck : public Check {
 public:
  explicit GoldenCheck(GoldenOptions options) : options_(std::move(options)) {}

  const GoldenOptions& options() const { return options_; }

  void evaluate(const CheckContext& ctx, GateResult& r) const override {
    register_secrets(ctx);
    r.details["candidate"] = options_.candidate.describe();
    r.details["group_by"] = options_.request.group_by;
    const Gathered g = gather(ctx.repo.root, r);
    r.details["unreadable"] = g.unreadable;
    golden::Outcome outcome;
    const bool empty = g.have_actual && !judge_rows(g.actual, r);
    if (g.have_actual) outcome = tally(g, r);
    std::string fail = fail_summary(outcome);
    if (empty) fail = r.problems.front() + (outcome.failed_rows > 0 ? "; " + fail : "");
    // A failure found on the candidate stands even when the reference could
    // not be read: on_error = "warn" must not hide it.
    r.conclude({g.have_actual && (empty || outcome.failed_rows > 0), g.unreadable, fail,
                // A missing column is found in the data, not the config: the
                // gate errors (naming it), the run goes on.
                g.missing_column       ? g.missing_column_text
                : g.unreadable.empty() ? ""
                                       : "could not read all evidence: " + g.unreadable.front(),
                pass_summary(outcome, g.actual)});
  }

 private:
  // A PostgreSQL source's connection string and its password are secrets of
  // the run: the engine cuts them from every result.
  void register_secrets(const CheckContext& ctx) const {
    if (!ctx.secrets) return;
    for (const golden::Source* s :
         {&options_.candidate, options_.baseline ? &*options_.baseline : nullptr}) {
      if (!s || s->type != golden::Source::Type::postgres) continue;
      if (const char* dsn = std::getenv(s->env.c_str()))
        for (const auto& secret : dsn_secrets(dsn)) ctx.secrets->add(secret);
    }
  }

  // Reads the candidate and the reference (expected file or baseline), each
  // through the evidence pipeline; what cannot be read goes to `unreadable`.
  Gathered gather(const std::string& root, GateResult& r) const {
    Gathered g;
    Evidence evidence;
    std::string err;
    g.have_actual =
        golden::compute(options_.candidate, root, options_.request, &g.actual, &evidence, &err);
    if (g.have_actual)
      r.evidence.push_back(evidence);
    else
      unreadable(g, "candidate", options_.candidate, g.actual, err, r);

    if (options_.expected) {
      r.details["reference"] = *options_.expected;
      g.have_reference = read_expected(root, &g.reference, &evidence, &err);
      if (!g.have_reference) g.unreadable.push_back("expected " + err);
    } else if (options_.baseline) {
      r.details["reference"] = "baseline " + options_.baseline->describe();
      g.have_reference = golden::compute(*options_.baseline, root, options_.request, &g.reference,
                                         &evidence, &err);
      if (!g.have_reference) unreadable(g, "baseline", *options_.baseline, g.reference, err, r);
    } else {
      r.details["reference"] = nullptr;  // bounds only
    }
    if (g.have_reference) r.evidence.push_back(evidence);
    return g;
  }

  // Records why `role` could not be read; a missing column is worded the
  // same for every source and placed in details with the gate's file:line.
  static void unreadable(Gathered& g, const std::string& role, const Source& source,
                         const AggregateTable& table, const std::string& err, GateResult& r) {
    if (!table.missing_column) {
      g.unreadable.push_back(role + " " + err);
      return;
    }
    const golden::MissingColumn& m = *table.missing_column;
    const std::string text = golden::describe_missing(m, "the " + role + " " + source.describe());
    g.unreadable.push_back(text);
    if (g.missing_column) return;
    g.missing_column = true;
    g.missing_column_text = text;
    r.details["missing_column"] = {{"column", m.column},
                                   {"source", role + " " + source.describe()},
                                   {"used_by", m.used_by},
                                   {"where", m.where},
                                   {"columns", m.columns}};
  }

  // An empty candidate fails unless the gate allows it: a pipeline that
  // wrote nothing must not pass bounds that no group could break. Returns
  // false when the rows fail the gate.
  bool judge_rows(const AggregateTable& actual, GateResult& r) const {
    r.details["candidate_rows"] = actual.rows;
    if (options_.allow_empty) return true;
    const bool ok = r.compare("candidate rows", actual.rows, ">", 0, actual.rows > 0);
    if (!ok)
      r.problems.push_back("the candidate " + options_.candidate.describe() +
                           " has no rows (set allow_empty = true if an empty output is correct)");
    return ok;
  }

  // The expected file, read whole and digested by the pipeline.
  bool read_expected(const std::string& root, AggregateTable* table, Evidence* evidence,
                     std::string* err) const {
    std::string problem, text;
    const auto file = evidence_path(root, *options_.expected, &problem);
    if (!file || !read_evidence(*file, &text, evidence, &problem)) {
      *err = *options_.expected +
             ": cannot open the expected file: " + problem.substr(options_.expected->size() + 2) +
             " (write it with `changegate golden snapshot`)";
      return false;
    }
    return golden::parse_expected(text, file->shown, options_.request.group_by,
                                  options_.request.aggregates, table, err);
  }

  // Compares every aggregate of every group; records rows and group counts.
  golden::Outcome tally(const Gathered& g, GateResult& r) const {
    const golden::Outcome outcome = golden::compare_tables(
        g.have_reference ? &g.reference : nullptr, g.actual, options_.request.aggregates, r);
    r.details["groups"] = {{"candidate", g.actual.groups.size()},
                           {"missing", outcome.missing},
                           {"extra", outcome.extra}};
    if (g.have_reference) r.details["groups"]["expected"] = g.reference.groups.size();
    return outcome;
  }

  // "3 of 40 aggregate checks failed, 1 group(s) missing: ..."
  static std::string fail_summary(const golden::Outcome& outcome) {
    std::string summary = std::to_string(outcome.failed_rows) + " of " +
                          std::to_string(outcome.rows) + " aggregate checks failed";
    if (!outcome.missing.empty())
      summary += ", " + std::to_string(outcome.missing.size()) + " group(s) missing";
    if (!outcome.extra.empty())
      summary += ", " + std::to_string(outcome.extra.size()) + " extra group(s)";
    return summary + ": " + outcome.first_failure;
  }

  // "40 aggregate values in 2 groups match the baseline"
  std::string pass_summary(const golden::Outcome& outcome, const AggregateTable& actual) const {
    return std::to_string(outcome.rows) + " aggregate values in " +
           plural(static_cast<std::int64_t>(actual.groups.size()), "group") + " match " +
           (options_.expected   ? "the expected file"
            : options_.baseline ? "the baseline"
                                : "their bounds");
  }

  GoldenOptions options_;
};

// "changegate.toml:14": where `key` is set (or its table, when it is not).
std::string where(const TableReader& table, const std::string& key) {
  return table.document().path + ":" + std::to_string(table.line_of(key));
}

golden::Tolerance load_tolerance(const TableReader& agg) {
  golden::Tolerance t;
  auto table = agg.table("tolerance", agg.context() + " tolerance");
  if (!table) return t;
  table->allow_only({"abs", "rel"});
  t.abs = table->number("abs", 0.0, 1e300);
  t.rel = table->number("rel", 0.0, 1e300);
  if (!t.abs && !t.rel) table->fail(table->node(), "tolerance needs \"abs\", \"rel\" or both");
  return t;
}

AggregateSpec load_aggregate(const TableReader& agg) {
  agg.allow_only({"name", "fn", "column", "tolerance", "min", "max"});
  AggregateSpec spec;
  const std::string fn = agg.required_string("fn");
  auto parsed = golden::parse_fn(fn);
  if (!parsed)
    agg.fail("fn", "unknown fn \"" + fn + "\"" + did_you_mean(fn, golden::fn_names()) +
                       "; one of: count, " +
                       "count_distinct, duplicates, sum, mean, min, max, null_count, null_rate");
  spec.fn = *parsed;
  spec.column = agg.string("column").value_or("");
  if (spec.fn == Fn::count && !spec.column.empty())
    agg.fail("column",
             "count counts rows and takes no column (use null_count for a column's NULLs)");
  if (spec.fn != Fn::count && spec.column.empty())
    agg.fail(agg.node(),
             std::string("fn \"") + golden::to_string(spec.fn) + "\" needs a \"column\"");
  spec.name = agg.string("name").value_or(spec.column.empty() ? fn : fn + "_" + spec.column);
  spec.where = where(agg, "column");
  spec.tolerance = load_tolerance(agg);
  spec.min = agg.number("min", -1e300, 1e300);
  spec.max = agg.number("max", -1e300, 1e300);
  if (spec.min && spec.max && *spec.min > *spec.max) agg.fail("max", "max is below min");
  return spec;
}

// The group_by column holding a value that is not valid UTF-8, quoted.
std::string invalid_utf8_column(const AggregateTable& table) {
  for (const auto& [key, values] : table.groups)
    for (std::size_t i = 0; i < key.size() && i < table.group_by.size(); ++i) {
      if (!key[i]) continue;
      try {
        (void)nlohmann::json(*key[i]).dump();
      } catch (const nlohmann::json::exception&) {
        return "group_by column \"" + table.group_by[i] + "\"";
      }
    }
  return "a column";
}

}  // namespace

std::unique_ptr<Check> load_golden_check(const TableReader& gate) {
  GoldenOptions o;
  o.id = gate.string("id").value_or("");
  golden::CsvDefaults defaults;
  if (auto d = golden::load_delimiter(gate, "delimiter")) defaults.delimiter = *d;
  if (gate.has("null_values")) defaults.null_values = gate.string_list("null_values");
  auto candidate = golden::load_source(gate, "candidate", defaults);
  if (!candidate)
    gate.fail(gate.node(), "missing required key \"candidate\" (the output under test)");
  o.candidate = *candidate;
  o.baseline = golden::load_source(gate, "baseline", defaults);
  o.expected = gate.string("expected");
  if (o.baseline && o.expected)
    gate.fail("baseline", "give \"expected\" or \"baseline\", not both");
  if (const Node* g = gate.find("group_by"); g && g->type == Node::Type::string)
    o.request.group_by = {g->text};
  else
    o.request.group_by = gate.string_list("group_by");
  o.request.group_by_where = where(gate, "group_by");
  o.allow_empty = gate.boolean("allow_empty").value_or(false);
  std::set<std::string> seen_columns;
  for (const auto& column : o.request.group_by)
    if (!seen_columns.insert(column).second)
      gate.fail("group_by", "column \"" + column + "\" appears twice in group_by");
  const auto aggregates = gate.table_list("aggregates", gate.context() + " aggregate");
  if (aggregates.empty())
    gate.fail(gate.node(), "missing required key \"aggregates\" (what to compare)");
  std::set<std::string> names;
  for (const auto& agg : aggregates) {
    AggregateSpec spec = load_aggregate(agg);
    if (!names.insert(spec.name).second)
      agg.fail(agg.node(), "aggregate name \"" + spec.name + "\" is used twice (set \"name\")");
    if (!o.expected && !o.baseline && !spec.min && !spec.max)
      agg.fail(agg.node(), "aggregate \"" + spec.name +
                               "\" has nothing to compare with: give the gate \"expected\" or "
                               "\"baseline\", or the aggregate \"min\"/\"max\" bounds");
    o.request.aggregates.push_back(std::move(spec));
  }
  return std::make_unique<GoldenCheck>(std::move(o));
}

GoldenSnapshot write_golden_snapshot(const GateConfig& gate, const std::string& repo_root,
                                     bool force) {
  const auto* check = dynamic_cast<const GoldenCheck*>(gate.check.get());
  if (!check)
    throw Error("gate \"" + gate.id + "\" is a " + gate.kind +
                " gate; `golden snapshot` needs a golden gate");
  const GoldenOptions& o = check->options();
  if (!o.expected)
    throw Error("gate \"" + gate.id + "\" has no \"expected\" file to write (it compares with " +
                (o.baseline ? "a baseline" : "bounds only") + ")");
  AggregateTable table;
  Evidence evidence;
  std::string err;
  if (!golden::compute(o.candidate, repo_root, o.request, &table, &evidence, &err)) {
    if (table.missing_column)
      err = golden::describe_missing(*table.missing_column,
                                     "the candidate " + o.candidate.describe());
    else
      err = "candidate " + err;
    throw Error("gate \"" + gate.id + "\": " + err + "; nothing written", k_exit_blocked);
  }
  std::string text;
  try {
    text = golden::expected_text(gate.id, table, o.request.aggregates);
  } catch (const nlohmann::json::exception&) {
    // JSON holds only UTF-8; writing a repaired value would make the gate
    // report the group missing and extra on every run.
    throw Error("gate \"" + gate.id + "\": a value of " + invalid_utf8_column(table) +
                    " in the candidate is not valid UTF-8, which an expected file (JSON) cannot "
                    "hold; nothing written",
                k_exit_blocked);
  }
  GoldenSnapshot result;
  result.path = *o.expected;
  result.groups = table.groups.size();
  const std::string path = join_path(repo_root, *o.expected);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    result.existed = true;
    std::string old;
    if (!read_file(path, &old, &err)) throw Error(*o.expected + ": " + err.substr(path.size() + 2));
    if (old == text) return result;
    if (!force)
      throw Error(*o.expected + " exists with different values; re-run with --force to " +
                  "overwrite it (review the diff: the old values were known-good)");
  }
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw Error(*o.expected + ": cannot write the expected file");
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) throw Error(*o.expected + ": cannot write the expected file: " + ec.message());
  result.changed = true;
  return result;
}

}  // namespace changegate
