#!/usr/bin/env bash
# The evaluation JSON of a passing and of a blocked run both conform to the
# published schema (schema/evaluation.schema.json), checked by a real
# JSON Schema validator (Debian's python3-jsonschema).
set -euo pipefail
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$root/examples/orders_v2/run.sh" "$bin" --format json -o "$out/pass.json" >/dev/null
# During the weekend freeze the same change is high risk and needs two approvals: blocked.
set +e
"$root/examples/orders_v2/run.sh" "$bin" --now 2026-11-28T12:00:00Z -o "$out/blocked.json" >/dev/null
code=$?
set -e
[ "$code" -eq 1 ] || { echo "expected exit 1 in the freeze, got $code"; exit 1; }
grep -q '"verdict": "blocked"' "$out/blocked.json"
/usr/bin/python3 "$root/tests/cli/validate_schema.py" "$root/schema/evaluation.schema.json" \
  "$out/pass.json" "$out/blocked.json"
