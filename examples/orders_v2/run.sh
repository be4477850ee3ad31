#!/usr/bin/env bash
# Builds the orders_v2 scenario as a real git repository in a temporary
# directory — main at orders_v1, branch orders-v2 with Alice's change, the
# four test layers' JUnit reports where CI would leave them — and runs
# `changegate check` on it. Usage: run.sh [PATH/TO/changegate] [check options...]
# KEEP_REPO=DIR builds the repository in DIR (absent or empty) and
# keeps it, to run other commands on it afterwards (tests/cli/readme_examples_test.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${1:-"$here/../../build/changegate"}
shift || true
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

if [ -n "${KEEP_REPO:-}" ]; then
  if [ -n "$(ls -A "$KEEP_REPO" 2>/dev/null)" ]; then
    echo "run.sh: KEEP_REPO=$KEEP_REPO is not empty" >&2
    exit 2
  fi
  mkdir -p "$KEEP_REPO"
  repo=$(cd "$KEEP_REPO" && pwd)
else
  repo=$(mktemp -d "${TMPDIR:-/tmp}/orders_v2.XXXXXX")
  trap 'rm -rf "$repo"' EXIT
fi
git_in() { git -C "$repo" -c user.name="$1" -c user.email="$1@example.com" -c commit.gpgsign=false "${@:2}"; }

cp -R "$here/before/." "$repo/"
git -C "$repo" init -q -b main
git_in bob add -A
GIT_AUTHOR_DATE=2026-11-02T09:00:00Z GIT_COMMITTER_DATE=2026-11-02T09:00:00Z \
  git_in bob commit -q -m "orders_v1 pipeline"
git_in alice checkout -q -b orders-v2
# after/ holds only what the change adds or modifies (this change deletes nothing).
cp -R "$here/after/." "$repo/"
git_in alice add -A
GIT_AUTHOR_DATE=2026-11-21T09:30:00Z GIT_COMMITTER_DATE=2026-11-21T09:30:00Z \
  git_in alice commit -q -m "orders_v2: normalised currency and attribution field" \
  -m "Reviewed-by: bob <bob@example.com>"
# CI leaves the test reports in the work tree, untracked.
mkdir -p "$repo/build/test-results"
cp -R "$here/evidence/." "$repo/build/test-results/"
# ORDERS_V2_OUTPUT swaps in another pipeline output on the golden input
# (run-double-count.sh: the attribution joined on customer_id).
if [ -n "${ORDERS_V2_OUTPUT:-}" ]; then
  cp "$ORDERS_V2_OUTPUT" "$repo/build/test-results/golden/orders_v2_output.csv"
fi

# --now fixes the clock so the example gives the same answer on any day
# (unless the caller sets its own).
now=(--now 2026-11-23T10:00:00Z)
case " $* " in *" --now "*) now=() ;; esac
status=0
"$bin" check --repo "$repo" "${now[@]}" "$@" || status=$?
exit "$status"
