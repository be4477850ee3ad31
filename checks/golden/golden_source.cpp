#include "checks/golden/golden_source.h"

#include <algorithm>
#include <cmath>

#include "gates/util/strings.h"
#include "gates/util/suggest.h"

namespace changegate::golden {

namespace {

// Column names listed in a message; a wide table lists the rest as a count.
constexpr std::size_t k_max_columns_listed = 20;

// A name equal but for case first (a header "Amount" for "amount"), else the
// closest by edit distance.
std::string suggestion(const std::string& column, const std::vector<std::string>& columns) {
  for (const auto& c : columns)
    if (lower(c) == lower(column)) return c;
  return closest_match(column, columns);
}

// A non-finite aggregate cannot be judged: inf compares as out of bounds or
// as NaN, and JSON has no way to show it.
bool check_finite(const Source& source, AggregateTable* out, std::string* err) {
  for (const auto& [key, values] : out->groups)
    for (std::size_t a = 0; a < values.size(); ++a)
      if (!values[a].null && !std::isfinite(values[a].number)) {
        *err = source.describe() + ": aggregate \"" + out->names[a] + "\" in group " +
               group_label(out->group_by, key) +
               " is not a finite number: its values are too large for a double";
        return false;
      }
  return true;
}

}  // namespace

std::optional<MissingColumn> find_missing_column(const Request& request,
                                                 const std::vector<std::string>& columns) {
  auto absent = [&](const std::string& c) {
    return std::find(columns.begin(), columns.end(), c) == columns.end();
  };
  for (const auto& g : request.group_by)
    if (absent(g)) return MissingColumn{g, "group_by", request.group_by_where, columns};
  for (const auto& a : request.aggregates)
    if (a.fn != Fn::count && absent(a.column))
      return MissingColumn{a.column, "aggregate \"" + a.name + "\"", a.where, columns};
  return std::nullopt;
}

std::string describe_missing(const MissingColumn& missing, const std::string& in) {
  std::string list;
  for (std::size_t i = 0; i < missing.columns.size() && i < k_max_columns_listed; ++i)
    list += (i ? ", " : "") + missing.columns[i];
  if (missing.columns.size() > k_max_columns_listed)
    list += ", ... (" + std::to_string(missing.columns.size() - k_max_columns_listed) + " more)";
  if (missing.columns.empty()) list = "none";
  const std::string near = suggestion(missing.column, missing.columns);
  return "column \"" + missing.column + "\" is not in " + in + " (columns: " + list +
         (near.empty() ? "" : "; did you mean \"" + near + "\"?") + ")";
}

std::string Source::describe() const {
  switch (type) {
    case Type::csv: return path;
    case Type::sqlite: return "sqlite:" + path;
    case Type::postgres: return "postgres:$" + env;
  }
  return path;
}

std::optional<char> load_delimiter(const TableReader& table, const std::string& key) {
  auto text = table.string(key);
  if (!text) return std::nullopt;
  if (*text == "\\t") return '\t';
  if (text->size() != 1 || *text == "\"" || *text == "\n" || *text == "\r")
    table.fail(key, "\"" + key + "\" must be one character other than a quote or newline, got \"" +
                        *text + "\"");
  return (*text)[0];
}

std::optional<Source> load_source(const TableReader& gate, const std::string& key,
                                  const CsvDefaults& defaults) {
  const Node* node = gate.find(key);
  if (!node) return std::nullopt;
  Source s;
  s.delimiter = defaults.delimiter;
  s.null_values = defaults.null_values;
  if (node->type == Node::Type::string) {
    s.path = node->text;
    if (s.path.empty()) gate.fail(key, "\"" + key + "\" is an empty path");
    return s;
  }
  auto table = gate.table(key, gate.context() + " " + key);
  if (!table) gate.fail(key, "\"" + key + "\" must be a CSV path or a table");
  const bool csv = table->has("csv"), sqlite = table->has("sqlite"),
             postgres = table->has("postgres_env");
  if (csv + sqlite + postgres != 1)
    table->fail(table->node(), "give exactly one of \"csv\", \"sqlite\" or \"postgres_env\"");
  if (csv) {
    table->allow_only({"csv", "delimiter", "null_values"});
    s.path = table->required_string("csv");
    if (auto d = load_delimiter(*table, "delimiter")) s.delimiter = *d;
    if (table->has("null_values")) s.null_values = table->string_list("null_values");
    return s;
  }
  table->allow_only({"sqlite", "postgres_env", "query"});
  s.query = table->required_string("query");
  if (s.query.find_first_not_of(" \t\r\n") == std::string::npos)
    table->fail("query", "\"query\" is empty");
  if (sqlite) {
    s.type = Source::Type::sqlite;
    s.path = table->required_string("sqlite");
  } else {
    s.type = Source::Type::postgres;
    s.env = table->required_string("postgres_env");
    if (s.env.empty()) table->fail("postgres_env", "\"postgres_env\" names no variable");
  }
  return s;
}

bool compute(const Source& source, const std::string& root, const Request& request,
             AggregateTable* out, Evidence* evidence, std::string* err) {
  out->group_by = request.group_by;
  out->names.clear();
  for (const auto& a : request.aggregates) out->names.push_back(a.name);
  out->groups.clear();
  out->rows = 0;
  out->missing_column.reset();
  // One wording for a missing column, whichever half found it.
  auto missing = [&] {
    if (out->missing_column) *err = describe_missing(*out->missing_column, source.describe());
    return false;
  };
  if (source.type == Source::Type::postgres)
    return compute_sql(source, nullptr, request, out, evidence, err)
               ? check_finite(source, out, err)
               : missing();
  std::string problem;
  const auto file = evidence_path(root, source.path, &problem);
  if (!file) {
    // Worded as the readers word a failed open: "data/x.csv: cannot open: is a FIFO, ...".
    *err = source.describe() + ": cannot open: " + problem.substr(source.path.size() + 2);
    return false;
  }
  if (source.type == Source::Type::sqlite)
    return compute_sql(source, &*file, request, out, evidence, err) ? check_finite(source, out, err)
                                                                    : missing();
  const bool ok = compute_csv(source, file->full, request, out, evidence, err);
  evidence->path = file->shown;
  if (!ok) {
    *err = shown_message(*err, *file);
    return missing();
  }
  return check_finite(source, out, err);
}

}  // namespace changegate::golden
