#!/usr/bin/env bash
# The slo gate's cost against a real Prometheus: the examples/service gate
# (6 instant queries + 1 range query, each a new HTTPS-capable connection)
# against promtool asking the same 7 queries (one process each), and the test fixture's
# backfill + startup. Usage: slo_gate.sh BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
fx=$(mktemp -d "${TMPDIR:-/tmp}/slo-bench.XXXXXX")
trap '"$build/tests/prometheus_fixture" stop "$fx/p" >/dev/null; rm -rf "$fx"' EXIT

/usr/bin/time -f "fixture start: %e s wall, %U s user, %M KB max RSS" \
  "$build/tests/prometheus_fixture" start "$fx/p"
url=$(cat "$fx/p/url")
now=$(cat "$fx/p/now")
ratio='sum(rate(slo_request_errors_total{scenario="checkout"}[W])) / sum(rate(slo_requests_total{scenario="checkout"}[W]))'
peer="$fx/promtool_same_queries.sh"
{
  echo "set -e"
  for w in 30d 1h 5m 6h 30m; do
    echo "promtool query instant --time=$now '$url' '${ratio//W/$w}' >/dev/null"
  done
  echo "promtool query range --start=$((now - 29 * 86400)) --end=$now --step=24h '$url' '${ratio//W/1d}' >/dev/null"
} > "$peer"
hyperfine --warmup 2 --runs 20 --export-markdown "$fx/result.md" \
  -n "changegate check (slo gate, examples/service)" \
  "$root/examples/service/run.sh $build/changegate $fx/p >/dev/null" \
  -n "promtool, the same 7 queries" "bash $peer"
cat "$fx/result.md"
