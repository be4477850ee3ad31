#!/usr/bin/env bash
# Writes changegate.1 with help2man from the binary's own --help, with one
# section per subcommand (its options) and one for the gate kinds and their
# keys, so the man page cannot drift from the binary.
# Usage: gen_manpage.sh BINARY OUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# help2man reads PROGRAM --help / --version: show it the top-level help
# without the gate-kind listing (that gets its own section below), with the
# program named "changegate" whatever the build path.
cat >"$work/changegate" <<SH
#!/bin/sh
"$bin" "\$@" | awk '/^Gate kinds/ {exit} {print}' | sed "s#$bin#changegate#g"
SH
chmod +x "$work/changegate"

{
  echo "[COMMANDS]"
  "$here/help_outline.sh" "$bin" | while IFS='|' read -r path flags subs; do
    [ -n "$path" ] || continue
    echo ".SS changegate $path"
    # shellcheck disable=SC2086
    "$bin" $path --help | sed -n '1p'
    # shellcheck disable=SC2086
    "$bin" $path --help | awk '/^Options:/ {on=1; next} /^[^ ]/ {on=0} on' |
      awk '/^  -/ {sub(/^ +/, ""); n=split($0, a, /  +/); print ".TP"; print "\\fB" a[1] "\\fR";
                   if (n > 1) print a[2]; next}
           /^ +[^ ]/ {sub(/^ +/, ""); print}'
  done
  echo "[GATE KINDS]"
  "$bin" --help | awk '/^Gate kinds/ {on=1; print; next} on' |
    awk 'NR == 1 {print; next}
         /^  [a-z]/ {sub(/^ +/, ""); print ".SS " $0; next}
         /^      / {sub(/^ +/, ""); split($0, a, /: /); print ".TP"; print "\\fB" a[1] "\\fR";
                    print substr($0, length(a[1]) + 3); next}
         {print ".PP"; print}'
} >"$work/include"
help2man --no-info --name="change-management quality gate for CI" \
  --include="$work/include" --output="$out" "$work/changegate"
