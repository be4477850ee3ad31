#!/usr/bin/env bash
# Benchmark of risk and blast radius (issue: risk assessment). Generates a
# repository where one change edits 5,000 files spread over 200 components
# (each with a downstream neighbour), then times, in the same run on the same
# repository, `changegate check` (no gates: diff, blast radius and risk only)
# against `git diff --numstat base head`. Needs hyperfine and git.
# Usage: blast_radius_bench.sh BUILD_DIR
set -euo pipefail
bin=$(cd "${1:-build}" && pwd)/changegate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=$work/repo
mkdir -p "$repo"
git -C "$repo" init -q -b main
{
  echo '[project]'
  echo 'name = "bench"'
  for c in $(seq -w 0 199); do
    next=$(printf '%03d' $(( (10#$c + 1) % 200 )))
    echo "[components.c$c]"
    echo "paths = [\"svc$c/**\"]"
    echo "tier = $(( 10#$c % 3 + 1 ))"
    echo "downstream = [\"c$next\"]"
  done
} >"$repo/changegate.toml"
for c in $(seq -w 0 199); do
  mkdir -p "$repo/svc$c"
  for f in $(seq -w 0 24); do seq 1 40 >"$repo/svc$c/file$f.txt"; done
done
git -C "$repo" add -A
git -C "$repo" -c user.name=b -c user.email=b@x commit -q -m base
for c in $(seq -w 0 199); do
  for f in $(seq -w 0 24); do sed -i '5s/.*/changed/;20a added' "$repo/svc$c/file$f.txt"; done
done
git -C "$repo" add -A
git -C "$repo" -c user.name=b -c user.email=b@x commit -q -m change
echo "files changed: $(git -C "$repo" diff --numstat HEAD~1 HEAD | wc -l)"
cd "$repo"
/usr/bin/time -f "changegate: %e s wall, %U s user, %M KiB peak RSS" \
  "$bin" check --no-ledger --base HEAD~1 --format json >"$work/eval.json" || true
grep -o '"score": [0-9]*' "$work/eval.json" | head -1
hyperfine --warmup 1 --runs 10 -N \
  "$bin check --no-ledger --base HEAD~1 --format json" \
  "git diff --numstat HEAD~1 HEAD"
