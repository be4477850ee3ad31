#!/usr/bin/env bash
# Benchmark of the tests gate (issue: foundation). Generates a JUnit file with
# 1,000,000 test cases (~150 MB), then times, in the same run on the same file:
#   A) changegate check with one tests gate on it (wall time, peak RSS)
#   B) Python's junitparser counting failures (/usr/bin/python3, python3-junitparser)
# and a typical change: `check` over 10 small reports.
# Needs hyperfine and python3-junitparser (apt). Usage: junit_bench.sh BUILD_DIR [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "${1:-build}" && pwd)/changegate
cases=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/big/reports" "$work/typical/reports"
"$root/tests/bench/gen_junit.sh" "$work/big/reports/huge.xml" "$cases"
size=$(stat -c %s "$work/big/reports/huge.xml")
echo "file: $cases test cases, $((size / 1024 / 1024)) MiB"
cat > "$work/big/changegate.toml" <<'TOML'
[[gate]]
id = "tests"
kind = "tests"
reports = ["reports/*.xml"]
max_failures = 100000
TOML
cp "$work/big/changegate.toml" "$work/typical/changegate.toml"
for i in $(seq 1 10); do "$root/tests/bench/gen_junit.sh" "$work/typical/reports/r$i.xml" 200; done

cg="$bin check --no-ledger --repo $work/big --format json"
py="/usr/bin/python3 $root/tests/bench/junitparser_count.py $work/big/reports/huge.xml"

# Median wall time, median CPU time (user + sys, all threads) and the largest
# peak RSS over RUNS runs, against FILE_SIZE bytes of input: on a shared
# machine CPU time is the steadier figure.
medians() {
  local label=$1 runs=$2 file_size=$3
  shift 3
  : >"$work/times.txt"
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null || true
    cat "$work/time.txt" >>"$work/times.txt"
  done
  local mid=$(((runs + 1) / 2)) wall cpu rss
  wall=$(awk '{ print $1 }' "$work/times.txt" | sort -n | sed -n "${mid}p")
  cpu=$(awk '{ printf "%.2f\n", $2 + $3 }' "$work/times.txt" | sort -n | sed -n "${mid}p")
  rss=$(awk '{ print $4 }' "$work/times.txt" | sort -n | tail -n 1)
  awk -v l="$label" -v w="$wall" -v c="$cpu" -v r="$rss" -v s="$file_size" 'BEGIN {
    printf "%s: median %.2f s wall, median %.2f s CPU (user+sys), peak RSS %d MiB (%.2fx the input)\n",
      l, w, c, r / 1024, r * 1024 / s }'
}
echo "== CPU time and peak memory (changegate: 5 runs, junitparser: 3)"
medians changegate 5 "$size" $cg
medians junitparser 3 "$size" $py
echo "== wall time, same file"
hyperfine --warmup 1 --runs 5 -i -N --export-markdown "$work/big.md" "$cg" "$py"
cat "$work/big.md"
echo "== typical change: 10 small reports"
hyperfine --warmup 3 --runs 30 -i -N "$bin check --no-ledger --repo $work/typical --format json"
typical_size=$(cat "$work"/typical/reports/*.xml | wc -c)
medians "typical change (10 reports)" 9 "$typical_size" $bin check --no-ledger --repo "$work/typical" --format json
