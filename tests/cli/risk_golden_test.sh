#!/usr/bin/env bash
# The orders_v2 example's `risk` and `blast_radius` match the reviewed golden
# file, and two runs on the same input give byte-identical evaluations apart
# from the temp directory and the timings.
# Usage: risk_golden_test.sh CHANGEGATE_BINARY [--update]
set -euo pipefail
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
golden="$root/tests/cli/golden/orders_v2_risk.json"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$root/examples/orders_v2/run.sh" "$bin" --format json >"$out/run1.json"
"$root/examples/orders_v2/run.sh" "$bin" --format json >"$out/run2.json"
/usr/bin/python3 - "$out" "$golden" "${2:-}" <<'PY'
import json, sys
out, golden, update = sys.argv[1], sys.argv[2], sys.argv[3] == "--update"
def normalised(path):
    e = json.load(open(path))
    e["repo"].pop("root", None)          # a fresh temp dir each run
    e.pop("evaluation_id", None)         # random per run
    e.pop("ledger", None)                # its hash covers the evaluation_id
    for g in e["gates"]:
        g.pop("duration_ms", None)       # wall time
    return e
a, b = normalised(f"{out}/run1.json"), normalised(f"{out}/run2.json")
if json.dumps(a, sort_keys=True) != json.dumps(b, sort_keys=True):
    sys.exit("two runs on the same input differ")
part = {"risk": a["risk"], "blast_radius": a["blast_radius"]}
text = json.dumps(part, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
if update:
    open(golden, "w").write(text)
    print(f"wrote {golden}")
elif open(golden).read() != text:
    import difflib
    sys.stdout.writelines(difflib.unified_diff(open(golden).read().splitlines(True),
                                               text.splitlines(True), "golden", "actual"))
    sys.exit("risk/blast_radius differ from the golden file (review, then rerun with --update)")
print("risk and blast radius match the golden file; two runs are identical")
PY
