// Where the golden gate's rows come from (SPEC §4.6): a CSV file, or a query
// against SQLite or PostgreSQL whose aggregates are pushed down to the
// database. Every source computes the same AggregateTable.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks/golden/golden_aggregate.h"
#include "gates/evaluation.h"
#include "gates/evidence.h"
#include "gates/table_reader.h"

namespace changegate::golden {

struct Source {
  enum class Type { csv, sqlite, postgres };
  Type type = Type::csv;
  std::string path;  // csv and sqlite: as written, relative to the repo root
  char delimiter = ',';
  std::vector<std::string> null_values = {"", "NULL"};
  std::string env;    // postgres: the variable holding the DSN (a secret)
  std::string query;  // sqlite and postgres
  // "data/orders.csv", "sqlite:golden.db", "postgres:$GOLDEN_DSN" — never the DSN.
  std::string describe() const;
};

struct CsvDefaults {
  char delimiter = ',';
  std::vector<std::string> null_values = {"", "NULL"};
};

// Reads the source under `key` (a path string or a table); nullopt when the
// key is absent. Throws changegate::Error with file:line for bad values.
std::optional<Source> load_source(const TableReader& gate, const std::string& key,
                                  const CsvDefaults& defaults);

// Reads a one-character delimiter from `key`; throws for anything else.
std::optional<char> load_delimiter(const TableReader& table, const std::string& key);

struct Request {
  std::vector<std::string> group_by;
  std::string group_by_where;  // "changegate.toml:9", where group_by is set
  std::vector<AggregateSpec> aggregates;
};

// The first column `request` reads (group_by first, then the aggregates')
// that is not among `columns` — compared exactly, as SQL compares quoted
// identifiers; nullopt when all are there.
std::optional<MissingColumn> find_missing_column(const Request& request,
                                                 const std::vector<std::string>& columns);

// `column "customer_idd" is not in IN (columns: a, b, c; did you mean
// "customer_id"?)`: one wording for every kind of source.
std::string describe_missing(const MissingColumn& missing, const std::string& in);

// Computes the aggregates of `source` (paths under `root`, found by the
// evidence pipeline: anything but a regular file is refused before it is
// opened). Every column the request reads is checked against the source's
// columns before aggregating. Returns false with *err naming the file, line
// and column (CSV) or the query; also for a missing column (then
// out->missing_column says which) and for an aggregate that is not a finite
// number (a summed "1e400"). *evidence gets what was read and its SHA-256.
bool compute(const Source& source, const std::string& root, const Request& request,
             AggregateTable* out, Evidence* evidence, std::string* err);

// Source-specific halves of compute(): golden_csv.cpp, golden_sql.cpp.
// `path` / `file` is a regular file the pipeline has found; `file` is null
// for PostgreSQL.
bool compute_csv(const Source& source, const std::string& path, const Request& request,
                 AggregateTable* out, Evidence* evidence, std::string* err);
bool compute_sql(const Source& source, const EvidencePath* file, const Request& request,
                 AggregateTable* out, Evidence* evidence, std::string* err);

}  // namespace changegate::golden
