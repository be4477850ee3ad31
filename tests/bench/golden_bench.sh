#!/usr/bin/env bash
# The golden gate's headline benchmark: one golden gate (count, count_distinct
# of the key, sum, null_rate grouped by one column of 1,000 groups) over a
# 10-million-row CSV, against DuckDB and pandas on the same file in the same run.
#
# Usage: tests/bench/golden_bench.sh PATH/TO/changegate [ROWS] [WORK_DIR]
# Needs: hyperfine, /usr/bin/python3 with python3-pandas (apt), node + npm.
# DuckDB is installed with npm into WORK_DIR (outside the repo).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rows=${2:-10000000}
work=${3:-/tmp/changegate-golden-bench}
mkdir -p "$work/repo"
csv="$work/orders_$rows.csv"
[ -f "$csv" ] || /usr/bin/python3 "$here/gen_golden_csv.py" "$rows" "$csv"
ls -l "$csv"
if [ ! -d "$work/node_modules/@duckdb/node-api" ]; then
  (cd "$work" && npm install --silent @duckdb/node-api >/dev/null)
fi
cp "$here/golden_duckdb.mjs" "$work/"
ln -sf "$csv" "$work/repo/orders.csv"
cat > "$work/repo/changegate.toml" <<'TOML'
[project]
name = "golden-bench"

[[gate]]
id        = "golden-bench"
kind      = "golden"
candidate = "orders.csv"
group_by  = ["region"]
aggregates = [
  { fn = "count", min = 0 },
  { fn = "count_distinct", column = "order_id", min = 0 },
  { fn = "sum", column = "amount", min = 0 },
  { fn = "null_rate", column = "channel", max = 1 },
]
TOML

cg="$bin check --repo $work/repo --no-ledger"
duck="node $work/golden_duckdb.mjs $csv"
pandas="/usr/bin/python3 $here/golden_pandas.py $csv"
echo "== peak memory (/usr/bin/time -v)"
for cmd in "$cg" "$duck" "$pandas"; do
  /usr/bin/time -f "%e s  %M KB  $cmd" $cmd >/dev/null 2>"$work/time.txt" || true
  tail -n1 "$work/time.txt"
done
echo "== hyperfine"
hyperfine --warmup "${WARMUP:-0}" --runs "${RUNS:-3}" -N --export-markdown "$work/hyperfine.md" \
  -n changegate "$cg" -n duckdb "$duck" -n pandas "$pandas"
cat "$work/hyperfine.md"
