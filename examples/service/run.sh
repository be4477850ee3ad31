#!/usr/bin/env bash
# Runs `changegate check` on the checkout service's gate file against a real
# Prometheus. Usage:
#   run.sh [PATH/TO/changegate] [PROMETHEUS_URL | FIXTURE_DIR] [check options...]
# FIXTURE_DIR is the test suite's Prometheus (its url and now files, holding
# the "checkout" history); a URL is your own server, asked about the present.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${1:-"$here/../../build/changegate"}
target=${2:-http://127.0.0.1:9090}
shift 2 || shift $#
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

now=()
if [ -d "$target" ]; then
  url=$(cat "$target/url")
  # The fixture's history ends at its start; ask about that instant.
  now=(--now "$(date -u -d "@$(cat "$target/now")" +%Y-%m-%dT%H:%M:%SZ)")
else
  url=$target
fi

repo=$(mktemp -d "${TMPDIR:-/tmp}/service.XXXXXX")
trap 'rm -rf "$repo"' EXIT
cp -R "$here/." "$repo/"
rm -f "$repo/run.sh"
sed -i "s|^prometheus  = \".*\"|prometheus  = \"$url\"|" "$repo/changegate.toml"
status=0
"$bin" check --repo "$repo" --no-ledger "${now[@]}" "$@" || status=$?
exit "$status"
