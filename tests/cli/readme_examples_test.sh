#!/usr/bin/env bash
# The README's "Using it" examples run as written against the orders_v2
# example. Usage: readme_examples_test.sh PATH/TO/changegate [README.md]
#  - every line of the ```sh block right after "## Using it" is a
#    `changegate ...` command; each runs (through the shell, so its trailing
#    comment is a comment) in the orders_v2 scenario repository that
#    examples/orders_v2/run.sh builds, and must exit 0 or 1 — never 2, which
#    would mean the README shows an invocation the tool refuses;
#  - the gate-file and change-record snippets ("### The gate file",
#    "### The change record") validate (exit 0), and `check` with both
#    together evaluates the orders_v2 change (exit 0 or 1).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:?usage: readme_examples_test.sh PATH/TO/changegate [README.md]}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
readme=${2:-"$root/README.md"}

work=$(mktemp -d "${TMPDIR:-/tmp}/readme_examples.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# The fenced block of type $2 that follows the heading line $1 (the first
# fence after the heading, as long as no other heading comes first).
block_after() {
  awk -v heading="$1" -v fence="$2" '
    $0 == heading { found = 1; next }
    found && !inside && /^#/ { exit }
    found && !inside && $0 == "```" fence { inside = 1; next }
    inside && /^```/ { exit }
    inside { print }
  ' "$readme"
}

# The scenario repository, kept: main at orders_v1, HEAD on orders-v2.
repo="$work/orders_v2"
if ! KEEP_REPO="$repo" "$root/examples/orders_v2/run.sh" "$bin" >"$work/run.out" 2>&1; then
  cat "$work/run.out"
  echo "FAIL: examples/orders_v2/run.sh did not pass; the README examples need its repository"
  exit 1
fi

# `changegate` on PATH is the binary under test.
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/changegate"
export PATH="$work/bin:$PATH"
unset GITHUB_ACTIONS GITHUB_BASE_REF CI_MERGE_REQUEST_DIFF_BASE_SHA NO_COLOR

usage=$(block_after "## Using it" sh)
commands=0
while IFS= read -r line; do
  case "$line" in
    "" | "#"*) continue ;;
    "changegate "* | changegate) ;;
    *)
      fail "README \"Using it\" block: not a changegate command, so not checked here: $line"
      continue
      ;;
  esac
  commands=$((commands + 1))
  echo "\$ $line"
  (cd "$repo" && eval "$line") >"$work/out" 2>&1
  code=$?
  sed 's/^/    /' "$work/out" | head -n 40
  echo "    => exit $code"
  if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
    fail "exit $code (expected 0 or 1): $line"
  fi
done <<<"$usage"
# A heading renamed or a fence changed must not pass by finding nothing.
if [ "$commands" -lt 4 ]; then
  fail "found $commands changegate commands in the \"## Using it\" sh block of $readme (expected at least 4)"
fi

# The snippets, in the same repository.
block_after "### The gate file" toml >"$work/gates.toml"
block_after "### The change record" toml >"$work/change.toml"
for snippet in gates.toml change.toml; do
  [ -s "$work/$snippet" ] || fail "no toml snippet found for $snippet in $readme"
done
if ! (cd "$repo" && changegate validate --config "$work/gates.toml" --change "$work/change.toml"); then
  fail "the README's gate-file or change-record snippet does not validate"
fi
(cd "$repo" && changegate check --config "$work/gates.toml" --change "$work/change.toml" \
  --now 2026-11-23T10:00:00Z --no-ledger) >"$work/out" 2>&1
code=$?
tail -n 12 "$work/out" | sed 's/^/    /'
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
  fail "check with the README's snippets exited $code (expected 0 or 1)"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "ok: $commands README commands and the gate-file and change-record snippets"
