#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) of two changegate builds on
# the same inputs: a refactoring's before/after that does not depend on how
# busy the machine is (wall-clock benchmarks on a shared 2-core machine vary
# by 2x; instruction counts repeat to within 0.1%). Smaller inputs than the
# wall-clock benchmarks, since callgrind runs ~50x slower.
#
# Usage: tests/bench/instructions_before_after.sh BEFORE_BINARY AFTER_BINARY
# Needs: valgrind, git, /usr/bin/python3 (the golden CSV generator).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
before=$(realpath "$1")
after=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

instructions() {  # instructions BINARY ARGS... -> total instructions of the run
  local out=$work/cg.out
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>"$work/vg.log" || true
  awk '/^summary:/ {print $2}' "$out"
}

row() {  # row LABEL DIR ARGS... : one workload, both binaries
  local label=$1 dir=$2
  shift 2
  local b a
  b=$(cd "$dir" && instructions "$before" "$@")
  a=$(cd "$dir" && instructions "$after" "$@")
  awk -v l="$label" -v b="$b" -v a="$a" \
    'BEGIN {printf "| %s | %.1f M | %.1f M | %.3f |\n", l, b / 1e6, a / 1e6, a / b}'
}

# JUnit: 20,000 cases.
mkdir -p "$work/junit/r"
cat >"$work/junit/changegate.toml" <<'TOML'
[[gate]]
id = "t"
kind = "tests"
reports = ["r/*.xml"]
max_failures = 100000
TOML
"$here/gen_junit.sh" "$work/junit/r/big.xml" 20000 >/dev/null

# SARIF: 20,000 results over 200 rules.
mkdir -p "$work/sarif/s"
cat >"$work/sarif/changegate.toml" <<'TOML'
[[gate]]
id = "s"
kind = "security"
sarif = ["s/*.sarif"]
fail_on = "critical"
max_findings = { critical = 100000 }
TOML
"$here/gen_sarif.sh" "$work/sarif/s/big.sarif" 20000 200 >/dev/null

# Golden: 200,000 CSV rows, 1,000 groups (the golden benchmark's gate).
mkdir -p "$work/golden"
cat >"$work/golden/changegate.toml" <<'TOML'
[[gate]]
id = "g"
kind = "golden"
candidate = "orders.csv"
group_by = ["region"]
aggregates = [
  { fn = "count", min = 0 },
  { fn = "count_distinct", column = "order_id", min = 0 },
  { fn = "sum", column = "amount", min = 0 },
  { fn = "null_rate", column = "channel", max = 1 },
]
TOML
/usr/bin/python3 "$here/gen_golden_csv.py" 200000 "$work/golden/orders.csv" >/dev/null

# Logs: 100,000 JSON lines, three assertions each.
mkdir -p "$work/logs/l"
cat >"$work/logs/changegate.toml" <<'TOML'
[[gate]]
id = "l"
kind = "logs"
files = ["l/*.jsonl"]
assert = [
  { field = "level", op = "!=", value = "FATAL" },
  { field = "rows_out", op = ">=", value = 0 },
  { field = "ms", op = "<", value = 100000 },
]
TOML
awk 'BEGIN {for (i = 0; i < 100000; i++)
  printf "{\"event\":\"batch\",\"level\":\"INFO\",\"rows_out\":%d,\"ms\":%d,\"msg\":\"batch %d\"}\n",
         i % 977, i % 313, i}' >"$work/logs/l/run.jsonl"

# Blast radius: a 1,000-file diff over 50 components.
repo=$work/blast
mkdir -p "$repo" && git -C "$repo" init -q -b main
{
  printf '[[gate]]\nid = "t"\nkind = "tests"\nreports = ["none/*.xml"]\n'
  for c in $(seq -w 0 49); do
    printf '[components.c%s]\npaths = ["svc%s/**"]\ndownstream = ["c%02d"]\n' "$c" "$c" \
      $(((10#$c + 1) % 50))
  done
} >"$repo/changegate.toml"
for c in $(seq -w 0 49); do
  mkdir -p "$repo/svc$c"
  for f in $(seq -w 0 19); do seq 1 40 >"$repo/svc$c/file$f.txt"; done
done
git -C "$repo" add -A && git -C "$repo" -c user.name=b -c user.email=b@x commit -q -m base
for c in $(seq -w 0 49); do
  for f in $(seq -w 0 19); do sed -i '5s/.*/changed/;20a added' "$repo/svc$c/file$f.txt"; done
done
git -C "$repo" add -A && git -C "$repo" -c user.name=b -c user.email=b@x commit -q -m change

echo "| workload | before | after | after/before |"
echo "|---|---|---|---|"
row "tests gate, 20,000 JUnit cases" "$work/junit" check --no-ledger --format json
row "security gate, 20,000 SARIF results" "$work/sarif" check --no-ledger --format json
row "golden gate, 200,000 CSV rows" "$work/golden" check --no-ledger --format json
row "logs gate, 100,000 JSON lines" "$work/logs" check --no-ledger --format json
row "blast radius, 1,000-file diff" "$repo" check --no-ledger --base HEAD~1 --format json
row "--version (start-up)" "$work" --version
