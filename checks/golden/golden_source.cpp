#include "checks/golden/golden_source.h"

namespace changegate::golden {

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
  if (source.type == Source::Type::postgres)
    return compute_sql(source, nullptr, request, out, evidence, err);
  std::string problem;
  const auto file = evidence_path(root, source.path, &problem);
  if (!file) {
    // Worded as the readers word a failed open: "data/x.csv: cannot open: is a FIFO, ...".
    *err = source.describe() + ": cannot open: " + problem.substr(source.path.size() + 2);
    return false;
  }
  if (source.type == Source::Type::sqlite)
    return compute_sql(source, &*file, request, out, evidence, err);
  const bool ok = compute_csv(source, file->full, request, out, evidence, err);
  if (!ok) *err = shown_message(*err, *file);
  evidence->path = file->shown;
  return ok;
}

}  // namespace changegate::golden
