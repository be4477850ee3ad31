// The SQL half of the golden gate: the aggregates are pushed down as one
// generated SELECT ... GROUP BY over the user's query, so only one row per
// group crosses the wire. Values come back as text and are read with the
// same exact-decimal rules as a CSV, so both give identical results.
#include <libpq-fe.h>
#include <sqlite3.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "checks/golden/golden_source.h"
#include "gates/util/sha256.h"

namespace changegate::golden {

namespace {

enum class Stat { non_null, distinct, sum, min, max, non_numeric };

struct Column {
  std::size_t aggregate;
  Stat stat;
};

// "name" with embedded quotes doubled: valid in SQLite and PostgreSQL.
std::string quote_identifier(const std::string& name) {
  std::string q = "\"";
  for (char c : name) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string strip_query(std::string q) {
  while (!q.empty() && (q.back() == ';' || std::isspace(static_cast<unsigned char>(q.back()))))
    q.pop_back();
  return q;
}

// The generated statement and the meaning of each result column after the
// group columns and COUNT(*).
std::string build_query(const Source& source, const Request& request, std::vector<Column>* cols) {
  std::string select, group;
  for (std::size_t i = 0; i < request.group_by.size(); ++i) {
    const std::string g = quote_identifier(request.group_by[i]);
    select += (i ? ", " : "") + g;
    group += (i ? ", " : "") + g;
  }
  select += std::string(select.empty() ? "" : ", ") + "COUNT(*)";
  for (std::size_t a = 0; a < request.aggregates.size(); ++a) {
    const AggregateSpec& spec = request.aggregates[a];
    if (spec.fn == Fn::count) continue;
    const std::string c = quote_identifier(spec.column);
    auto add = [&](Stat stat, const std::string& expr) {
      select += ", " + expr;
      cols->push_back({a, stat});
    };
    add(Stat::non_null, "COUNT(" + c + ")");
    if (spec.fn == Fn::count_distinct || spec.fn == Fn::duplicates)
      add(Stat::distinct, "COUNT(DISTINCT " + c + ")");
    const bool numeric =
        spec.fn == Fn::sum || spec.fn == Fn::mean || spec.fn == Fn::min || spec.fn == Fn::max;
    if (spec.fn == Fn::sum || spec.fn == Fn::mean) add(Stat::sum, "SUM(" + c + ")");
    if (spec.fn == Fn::min) add(Stat::min, "MIN(" + c + ")");
    if (spec.fn == Fn::max) add(Stat::max, "MAX(" + c + ")");
    // SQLite's SUM reads 'abc' as 0; a CSV source reports it. So must this.
    if (numeric && source.type == Source::Type::sqlite)
      add(Stat::non_numeric,
          "SUM(CASE WHEN typeof(" + c + ") IN ('integer', 'real', 'null') THEN 0 ELSE 1 END)");
  }
  std::string sql = "SELECT " + select + " FROM (" + strip_query(source.query) +
                    "\n) AS changegate_golden_source";
  if (!group.empty()) sql += " GROUP BY " + group;
  return sql;
}

using Cell = std::optional<std::string>;

// Turns one result row into a group's statistics.
bool read_row(const std::vector<Cell>& cells, const Source& source, const Request& request,
              const std::vector<Column>& cols, AggregateTable* out, std::string* err) {
  const std::size_t ng = request.group_by.size();
  GroupKey key(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(ng));
  std::vector<RawStats> stats(request.aggregates.size());
  const std::int64_t rows = cells[ng] ? std::strtoll(cells[ng]->c_str(), nullptr, 10) : 0;
  for (auto& s : stats) s.rows = rows;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const Cell& cell = cells[ng + 1 + i];
    RawStats& s = stats[cols[i].aggregate];
    const AggregateSpec& spec = request.aggregates[cols[i].aggregate];
    if (!cell) continue;
    auto bad = [&](const std::string& what) {
      *err = source.describe() + ": column \"" + spec.column + "\" in group " +
             group_label(request.group_by, key) + ": " + what;
      return false;
    };
    switch (cols[i].stat) {
      case Stat::non_null: s.non_null = std::strtoll(cell->c_str(), nullptr, 10); break;
      case Stat::distinct: s.distinct = std::strtoll(cell->c_str(), nullptr, 10); break;
      case Stat::non_numeric:
        if (std::strtoll(cell->c_str(), nullptr, 10) > 0)
          return bad(*cell + " values are not numbers (" + to_string(spec.fn) + " needs numbers)");
        break;
      case Stat::sum:
      case Stat::min:
      case Stat::max: {
        Decimal d;
        if (!parse_decimal(*cell, &d))
          return bad(std::string(to_string(spec.fn)) + " is not a number: \"" + *cell + "\"");
        if (cols[i].stat == Stat::sum) s.sum.add(d);
        if (cols[i].stat == Stat::min) s.min = decimal_value(d);
        if (cols[i].stat == Stat::max) s.max = decimal_value(d);
        break;
      }
    }
  }
  std::vector<Value> values;
  for (std::size_t a = 0; a < stats.size(); ++a)
    values.push_back(finalize(request.aggregates[a].fn, stats[a]));
  out->rows += rows;
  out->groups.emplace(std::move(key), std::move(values));
  return true;
}

void hash_row(Sha256& hash, const std::vector<Cell>& cells) {
  for (const auto& c : cells) {
    hash.update(c ? "v" + *c : std::string("n"));
    hash.update("\x1f", 1);
  }
  hash.update("\n", 1);
}

// The user's query's result columns, read from the prepared (never run)
// statement, must hold every column the gate reads.
bool check_sqlite_columns(sqlite3* db, const Source& source, const Request& request,
                          AggregateTable* out, std::string* err) {
  sqlite3_stmt* stmt = nullptr;
  const std::string query = strip_query(source.query);
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    *err = source.describe() + ": query failed: " + sqlite3_errmsg(db);
    return false;
  }
  if (!stmt) {  // only comments
    *err = source.describe() + ": query failed: the query has no statement";
    return false;
  }
  std::vector<std::string> columns;
  for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
    const char* name = sqlite3_column_name(stmt, i);
    columns.emplace_back(name ? name : "");
  }
  sqlite3_finalize(stmt);
  out->missing_column = find_missing_column(request, columns);
  return !out->missing_column;
}

bool run_sqlite(const Source& source, const EvidencePath& file, const std::string& sql,
                const Request& request, const std::vector<Column>& cols, AggregateTable* out,
                Evidence* evidence, std::string* err) {
  // The digest pins the database file as it was when the query ran.
  std::string bytes, read_err;
  if (!read_evidence(file, &bytes, evidence, &read_err)) {
    *err = source.describe() +
           ": cannot open the database file: " + read_err.substr(file.shown.size() + 2);
    return false;
  }
  evidence->path = source.describe();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.full.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    *err = source.describe() + ": cannot open: " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return false;
  }
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> guard(db, sqlite3_close);
  // Without this SQLite reads an unknown "column" as the string 'column'
  // (its double-quoted string literal fallback): a misspelt column would
  // aggregate a constant and pass.
  sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
  if (!check_sqlite_columns(db, source, request, out, err)) return false;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    *err = source.describe() + ": query failed: " + sqlite3_errmsg(db);
    return false;
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt_guard(stmt, sqlite3_finalize);
  const int n = sqlite3_column_count(stmt);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    std::vector<Cell> cells;
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_NULL: cells.emplace_back(); break;
        case SQLITE_INTEGER:
          cells.emplace_back(std::to_string(sqlite3_column_int64(stmt, i)));
          break;
        case SQLITE_FLOAT: {
          char text[40];
          std::snprintf(text, sizeof text, "%.17g", sqlite3_column_double(stmt, i));
          cells.emplace_back(text);
          break;
        }
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
          cells.emplace_back(std::string(text ? text : "", sqlite3_column_bytes(stmt, i)));
        }
      }
    }
    if (!read_row(cells, source, request, cols, out, err)) return false;
  }
  if (rc != SQLITE_DONE) {
    *err = source.describe() + ": query failed: " + sqlite3_errmsg(db);
    return false;
  }
  return true;
}

// libpq messages rarely carry the DSN, but a DSN is a secret: cut it and its
// password out of anything we print.
std::string scrub(std::string message, const std::string& dsn) {
  std::vector<std::string> secrets = {dsn};
  if (PQconninfoOption* opts = PQconninfoParse(dsn.c_str(), nullptr)) {
    for (PQconninfoOption* o = opts; o->keyword; ++o)
      if (std::string(o->keyword) == "password" && o->val && *o->val) secrets.push_back(o->val);
    PQconninfoFree(opts);
  }
  for (const auto& s : secrets) {
    if (s.empty()) continue;
    for (std::size_t at; (at = message.find(s)) != std::string::npos;)
      message.replace(at, s.size(), "***");
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

bool run_postgres(const Source& source, const std::string& sql, const Request& request,
                  const std::vector<Column>& cols, AggregateTable* out, Evidence* evidence,
                  std::string* err) {
  const char* dsn_env = std::getenv(source.env.c_str());
  if (!dsn_env || !*dsn_env) {
    *err = source.describe() + ": the environment variable " + source.env +
           " (the PostgreSQL connection string) is not set";
    return false;
  }
  const std::string dsn = dsn_env;
  const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
  const char* values[] = {dsn.c_str(), "10", "changegate", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  std::unique_ptr<PGconn, void (*)(PGconn*)> guard(conn, PQfinish);
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    *err = source.describe() +
           ": cannot connect: " + scrub(conn ? PQerrorMessage(conn) : "out of memory", dsn);
    return false;
  }
  // The user's query's result columns, from preparing it (not running it).
  {
    PGresult* prepared = PQprepare(conn, "", strip_query(source.query).c_str(), 0, nullptr);
    std::unique_ptr<PGresult, void (*)(PGresult*)> prepared_guard(prepared, PQclear);
    if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
      *err = source.describe() + ": query failed: " + scrub(PQresultErrorMessage(prepared), dsn);
      return false;
    }
    PGresult* described = PQdescribePrepared(conn, "");
    std::unique_ptr<PGresult, void (*)(PGresult*)> described_guard(described, PQclear);
    if (PQresultStatus(described) != PGRES_COMMAND_OK) {
      *err = source.describe() + ": query failed: " + scrub(PQresultErrorMessage(described), dsn);
      return false;
    }
    std::vector<std::string> columns;
    for (int i = 0; i < PQnfields(described); ++i) columns.emplace_back(PQfname(described, i));
    out->missing_column = find_missing_column(request, columns);
    if (out->missing_column) return false;
  }
  PGresult* res = PQexec(conn, sql.c_str());
  std::unique_ptr<PGresult, void (*)(PGresult*)> res_guard(res, PQclear);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    *err = source.describe() + ": query failed: " + scrub(PQresultErrorMessage(res), dsn);
    return false;
  }
  Sha256 hash;
  const int n = PQnfields(res);
  for (int r = 0; r < PQntuples(res); ++r) {
    std::vector<Cell> cells;
    for (int i = 0; i < n; ++i) {
      if (PQgetisnull(res, r, i))
        cells.emplace_back();
      else
        cells.emplace_back(std::string(PQgetvalue(res, r, i), PQgetlength(res, r, i)));
    }
    hash_row(hash, cells);
    if (!read_row(cells, source, request, cols, out, err)) return false;
  }
  // No file to digest: the evidence is the aggregate rows the server returned.
  evidence->path = source.describe();
  evidence->sha256 = hash.hex_digest();
  evidence->bytes = 0;
  return true;
}

}  // namespace

bool compute_sql(const Source& source, const EvidencePath* file, const Request& request,
                 AggregateTable* out, Evidence* evidence, std::string* err) {
  std::vector<Column> cols;
  const std::string sql = build_query(source, request, &cols);
  if (file) return run_sqlite(source, *file, sql, request, cols, out, evidence, err);
  return run_postgres(source, sql, request, cols, out, evidence, err);
}

}  // namespace changegate::golden
