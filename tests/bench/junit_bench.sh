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
echo "== peak memory"
/usr/bin/time -f "changegate: %e s wall, %M KiB peak RSS" $cg >/dev/null || true
/usr/bin/time -f "junitparser: %e s wall, %M KiB peak RSS" $py
echo "== wall time, same file"
hyperfine --warmup 1 --runs 5 -i -N --export-markdown "$work/big.md" "$cg" "$py"
cat "$work/big.md"
echo "== typical change: 10 small reports"
hyperfine --warmup 3 --runs 30 -i -N "$bin check --no-ledger --repo $work/typical --format json"
