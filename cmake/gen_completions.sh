#!/usr/bin/env bash
# Writes bash and zsh completions for changegate from the binary's own --help
# (cmake/help_outline.sh). Usage: gen_completions.sh BINARY BASH_OUT ZSH_OUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$1 bash_out=$2 zsh_out=$3
outline=$("$here/help_outline.sh" "$bin")

{
  echo "# bash completion for changegate (generated from changegate --help; do not edit)"
  echo "_changegate() {"
  echo "  local cur words path=\"\" w i"
  echo "  cur=\${COMP_WORDS[COMP_CWORD]}"
  echo "  # The command path: the subcommand words typed so far."
  echo "  for ((i = 1; i < COMP_CWORD; i++)); do"
  echo "    w=\${COMP_WORDS[i]}"
  echo "    case \"\$path|\$w\" in"
  while IFS='|' read -r path flags subs; do
    for s in $subs; do
      echo "      \"$path|$s\") path=\"${path:+$path }$s\" ;;"
    done
  done <<<"$outline"
  echo "    esac"
  echo "  done"
  echo "  case \"\$path\" in"
  while IFS='|' read -r path flags subs; do
    echo "    \"$path\") words=\"$subs $flags\" ;;"
  done <<<"$outline"
  echo "  esac"
  echo "  case \"\$cur\" in -*) words=\$(printf '%s\\n' \$words | grep -- '^-' | tr '\\n' ' ') ;; esac"
  echo "  COMPREPLY=(\$(compgen -W \"\$words\" -- \"\$cur\"))"
  echo "  [ \${#COMPREPLY[@]} -eq 0 ] && COMPREPLY=(\$(compgen -f -- \"\$cur\"))"
  echo "  return 0"
  echo "}"
  echo "complete -F _changegate changegate"
} >"$bash_out"

{
  echo "#compdef changegate"
  echo "# zsh completion for changegate (generated from changegate --help; do not edit)"
  echo "_changegate() {"
  echo "  local path=\"\" w i"
  echo "  for ((i = 2; i < CURRENT; i++)); do"
  echo "    w=\${words[i]}"
  echo "    case \"\$path|\$w\" in"
  while IFS='|' read -r path flags subs; do
    for s in $subs; do
      echo "      \"$path|$s\") path=\"${path:+$path }$s\" ;;"
    done
  done <<<"$outline"
  echo "    esac"
  echo "  done"
  echo "  local -a choices"
  echo "  case \"\$path\" in"
  while IFS='|' read -r path flags subs; do
    echo "    \"$path\") choices=($subs $flags) ;;"
  done <<<"$outline"
  echo "  esac"
  echo "  compadd -a choices"
  echo "  _files"
  echo "}"
  echo "_changegate \"\$@\""
} >"$zsh_out"
