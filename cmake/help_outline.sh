#!/usr/bin/env bash
# Prints the command tree of a changegate binary, read from its own --help:
# one line per command path, then its flags and (for the root) subcommands:
#   <path>|<flag> <flag> ...|<subcommand> <subcommand> ...
# e.g. "check|--config --change ... -o|" and "golden|--help|snapshot".
# The man page and the shell completions are generated from this at build
# time, so they cannot drift from what the binary accepts.
set -euo pipefail
bin=$1

outline() {
  local path=$1
  local help
  # shellcheck disable=SC2086
  help=$("$bin" $path --help)
  local flags subs
  flags=$(printf '%s\n' "$help" |
    awk '/^Options:/ {on=1; next} /^[^ ]/ {on=0} on && /^  -/ {print $1}' |
    tr ',' '\n' | grep -E '^-' | sort -u | tr '\n' ' ')
  subs=$(printf '%s\n' "$help" |
    awk '/^Subcommands:/ {on=1; next} /^[^ ]/ {on=0} on && /^  [a-z]/ {print $1}' | tr '\n' ' ')
  echo "${path}|${flags% }|${subs% }"
  local sub
  for sub in $subs; do outline "${path:+$path }$sub"; done
}
outline ""
