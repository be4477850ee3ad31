#!/usr/bin/env bash
# Times the security gate's SARIF reader on a scanner-sized log against jq
# counting the same results by level, in the same run on the same file, and
# measures peak RSS. Generates the log with gen_sarif.sh when missing.
#
# Usage: tests/bench/sarif_bench.sh PATH/TO/changegate [SARIF] [RUNS]
#   SARIF defaults to $TMPDIR/changegate-bench.sarif (500,000 results, 2,000
#   rules, ~206 MB); RUNS defaults to 3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
sarif=${2:-${TMPDIR:-/tmp}/changegate-bench.sarif}
runs=${3:-3}
for tool in jq hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$0: needs $tool (apt install jq hyperfine time)" >&2; exit 2; }
done
[ -f "$sarif" ] || "$here/gen_sarif.sh" "$sarif"
sarif=$(cd "$(dirname "$sarif")" && pwd)/$(basename "$sarif")
bytes=$(stat -c %s "$sarif")

repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
# Budgets high enough to pass: the run must read and judge every result.
cat > "$repo/changegate.toml" <<TOML
[project]
name = "bench"

[[gate]]
id           = "security"
kind         = "security"
sarif        = ["$sarif"]
fail_on      = "critical"
max_findings = { critical = 1000000 }
TOML
gate=("$bin" check --repo "$repo" --no-ledger)
peer="jq '[.runs[].results[] | .level // \"absent\"] | group_by(.) | map({key: .[0], value: length}) | from_entries' $sarif"

echo "== input: $sarif ($bytes bytes)"
"${gate[@]}" | grep -E 'security +security'
echo "== jq's count by level (the peer's answer):"
eval "$peer" | tr -d ' \n'; echo

echo "== peak memory and CPU time"
/usr/bin/time -f "changegate: %e s wall, %U s user, %S s sys, max RSS %M KB" "${gate[@]}" >/dev/null
/usr/bin/time -f "jq: %e s wall, %U s user, %S s sys, max RSS %M KB" bash -c "$peer" >/dev/null

echo "== wall time (hyperfine, $runs runs each)"
hyperfine --runs "$runs" --warmup 1 --export-json "$repo/hyperfine.json" \
  -n changegate "${gate[*]}" -n jq "$peer"
awk -v bytes="$bytes" '
  /"command":/ { gsub(/[",]/, "", $2); cmd = $2 }
  /"median":/ { gsub(/,/, "", $2); printf "%s: median %.2f s = %.0f MB/s\n", cmd, $2, bytes / 1e6 / $2 }
' "$repo/hyperfine.json"
