// The golden gate's aggregates (SPEC §4.6) as plain data: what to compute,
// the per-group running statistics every source reduces to, and the final
// values a check compares. CSV, SQLite and PostgreSQL sources all end in an
// AggregateTable, so a CSV and the same rows in a database compare equal.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/golden/decimal.h"

namespace changegate::golden {

enum class Fn { count, count_distinct, duplicates, sum, mean, min, max, null_count, null_rate };

const char* to_string(Fn fn);
std::optional<Fn> parse_fn(const std::string& name);
const std::vector<std::string>& fn_names();

struct Tolerance {
  std::optional<double> abs;
  std::optional<double> rel;  // a fraction of the expected value
};

struct AggregateSpec {
  std::string name;
  Fn fn = Fn::count;
  std::string column;  // "" for count
  Tolerance tolerance;
  std::optional<double> min, max;  // bounds on the actual value of every group
  std::string where;               // "changegate.toml:14": where the gate names `column`
};

// One group's values of its group_by columns; nullopt is a NULL value.
using GroupKey = std::vector<std::optional<std::string>>;

// The statistics of one aggregate's column in one group, from which every
// fn is derived. Sources fill them: CSV by streaming, SQL by push-down.
struct RawStats {
  std::int64_t rows = 0;      // rows in the group, NULL or not
  std::int64_t non_null = 0;  // rows whose column is not NULL
  std::int64_t distinct = 0;  // distinct non-NULL values
  DecimalSum sum;             // of the non-NULL values (sum and mean)
  std::optional<long double> min, max;
};

// A final value: null (the sum of no values, SQL's NULL) or a number.
struct Value {
  bool null = true;
  double number = 0;
  std::string exact;  // exact decimal text of a sum, when known
};

Value finalize(Fn fn, const RawStats& stats);

// A column the gate reads that its source does not have.
struct MissingColumn {
  std::string column;
  std::string used_by;               // "group_by" or "aggregate \"sum_amount\""
  std::string where;                 // "changegate.toml:14"
  std::vector<std::string> columns;  // the source's columns, in order
};

struct AggregateTable {
  std::vector<std::string> group_by;
  std::vector<std::string> names;  // the aggregates, in spec order
  std::map<GroupKey, std::vector<Value>> groups;
  std::int64_t rows = 0;  // rows read, over all groups
  // Set when computing failed because the source lacks a column.
  std::optional<MissingColumn> missing_column;
};

// "currency=EUR, day=NULL"; "(all rows)" without group_by.
std::string group_label(const std::vector<std::string>& group_by, const GroupKey& key);

}  // namespace changegate::golden
