#!/usr/bin/env bash
# The GitHub Action's shell steps (action.yml runs examples/ci/github-*.sh),
# run here as Actions would: GITHUB_ACTIONS=true, a step summary file, a PR
# base ref, a GITHUB_OUTPUT file. Expected: the install step finds the binary
# on PATH, the check step writes the three reports, appends the Markdown
# report to the step summary, records exit-code=0 for the passing orders_v2
# change and exit-code=1 for the blocked double-count variant, and itself
# always succeeds (the action's last step fails the job).
set -euo pipefail
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/changegate"
export PATH="$work/bin:$PATH"

run_action() {
  local repo=$1 name=$2
  (
    cd "$repo"
    export GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=$work/$name.summary GITHUB_OUTPUT=$work/$name.out
    export CHANGEGATE_ACTION_DIR=$root CHANGEGATE_REPORT_DIR=reports
    export CHANGEGATE_ARGS="--no-ledger --now 2026-11-23T10:00:00Z"
    bash "$root/examples/ci/github-install.sh" >/dev/null
    bash "$root/examples/ci/github-check.sh" >"$work/$name.stdout" 2>&1
  )
}

# A repository where the check passes and one where it is blocked.
make_repo() {
  local repo=$1 report=$2
  mkdir -p "$repo/build"
  git -C "$repo" init -q -b main
  printf '[[gate]]\nid = "unit"\nkind = "tests"\nreports = ["build/*.xml"]\n' >"$repo/changegate.toml"
  git -C "$repo" add -A
  git -C "$repo" -c user.name=a -c user.email=a@x commit -q -m init
  # As actions/checkout with fetch-depth: 0 leaves it: the PR's base fetched.
  git -C "$repo" update-ref refs/remotes/origin/main main
  git -C "$repo" checkout -q -b feature
  echo change >"$repo/file.txt"
  git -C "$repo" add -A
  git -C "$repo" -c user.name=a -c user.email=a@x commit -q -m change
  printf '%s' "$report" >"$repo/build/unit.xml"
}
make_repo "$work/green" '<testsuite name="s"><testcase classname="a" name="b"/></testsuite>'
make_repo "$work/red" '<testsuite name="s"><testcase classname="a" name="b"><failure message="x"/></testcase></testsuite>'

export GITHUB_BASE_REF=main
run_action "$work/green" green || { echo "FAIL: the check step itself failed"; exit 1; }
run_action "$work/red" red || { echo "FAIL: the check step itself failed on a blocked run"; exit 1; }

grep -qx 'exit-code=0' "$work/green.out" || { cat "$work/green.out" "$work/green.stdout"; echo "FAIL: green exit-code"; exit 1; }
grep -qx 'exit-code=1' "$work/red.out" || { cat "$work/red.out" "$work/red.stdout"; echo "FAIL: red exit-code"; exit 1; }
for f in changegate.xml changegate.md evaluation.json; do
  [ -s "$work/green/reports/$f" ] || { echo "FAIL: reports/$f not written"; exit 1; }
done
grep -q '<testsuite' "$work/red/reports/changegate.xml" || { echo "FAIL: JUnit report"; exit 1; }
grep -q 'BLOCKED\|blocked' "$work/red.summary" || { echo "FAIL: no step summary"; exit 1; }
grep -q '^::error' "$work/red.stdout" || { echo "FAIL: no annotation for the blocked gate"; exit 1; }
echo "PASS: the action's steps report pass (0) and blocked (1) and write every report"
