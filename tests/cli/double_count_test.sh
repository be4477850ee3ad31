#!/usr/bin/env bash
# The orders_v2 example with a bad join (run-double-count.sh) is blocked by
# the golden gate: exit 1, and the duplicates row shows the double count.
set -euo pipefail
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
set +e
"$root/examples/orders_v2/run-double-count.sh" "$bin" --no-ledger -o "$out/eval.json" >"$out/stdout" 2>&1
code=$?
set -e
[ "$code" -eq 1 ] || { cat "$out/stdout"; echo "expected exit 1 (blocked), got $code"; exit 1; }
python3 - "$out/eval.json" <<'PY'
import json, sys
evaluation = json.load(open(sys.argv[1]))
gate = next(g for g in evaluation["gates"] if g["id"] == "golden-orders")
assert gate["status"] == "fail", gate["status"]
rows = [r for r in gate["details"]["rows"]
        if r.get("aggregate") == "multi_line_orders" and r["group"] == "currency=EUR"]
assert rows, "no duplicates row for currency=EUR"
row = rows[0]
assert row["fn"] == "duplicates" and row["status"] == "fail", row
assert (row["expected"], row["actual"]) == (70, 98), row
print("golden-orders blocks the double count:", row["reason"])
PY
