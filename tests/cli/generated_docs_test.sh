#!/usr/bin/env bash
# The man page and shell completions are generated from the binary's --help
# (cmake/packaging.cmake). Expected: bash completes subcommands and each
# subcommand's flags, nested subcommands too, and the man page has a section
# for every subcommand and every gate kind.
# Usage: generated_docs_test.sh BINARY GENERATED_DIR
set -euo pipefail
bin=$1 gen=$2
root=$(cd "$(dirname "$0")/../.." && pwd)

complete_words() {  # the completions bash offers for the words given
  bash -c '
    complete() { :; }
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _changegate
    printf "%s\n" "${COMPREPLY[@]}"' _ "$gen/changegate.bash" "$@"
}
expect() {  # expect WORD among the completions of the rest
  local want=$1
  shift
  # Captured first: with pipefail, grep -q leaving early would fail the pipe.
  local offered
  offered=$(complete_words "$@")
  printf '%s\n' "$offered" | grep -x -- "$want" >/dev/null || {
    echo "FAIL: completing '$*' does not offer '$want'"
    complete_words "$@"
    exit 1
  }
}
fail=0
for sub in $("$root/cmake/help_outline.sh" "$bin" | head -1 | cut -d'|' -f3); do
  expect "$sub" changegate ""
done
expect check changegate ch
expect --config changegate check --con
expect --no-ledger changegate check --no
expect snapshot changegate golden ""
expect --force changegate golden snapshot --f
# Every flag of every command path is offered.
while IFS='|' read -r path flags subs; do
  for f in $flags; do
    # shellcheck disable=SC2086
    expect "$f" changegate $path "$f"
  done
done < <("$root/cmake/help_outline.sh" "$bin")

grep -q '^#compdef changegate' "$gen/_changegate" || { echo "FAIL: zsh completion header"; exit 1; }
if [ -f "$gen/changegate.1" ]; then
  while IFS='|' read -r path flags subs; do
    [ -n "$path" ] || continue
    grep -q "^\.SS changegate $path\$" "$gen/changegate.1" ||
      { echo "FAIL: man page has no section for '$path'"; exit 1; }
  done < <("$root/cmake/help_outline.sh" "$bin")
  grep -q '^\.SS tests: ' "$gen/changegate.1" || { echo "FAIL: man page lacks the gate kinds"; exit 1; }
  grep -q 'SYNOPSIS' "$gen/changegate.1" && ! grep -q "$bin" "$gen/changegate.1" ||
    { echo "FAIL: man page names the build path"; exit 1; }
else
  echo "FAIL: no man page generated (help2man missing?)"
  exit 1
fi
echo "PASS: completions and man page cover every command and flag"
