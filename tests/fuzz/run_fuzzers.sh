#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time,
# seeded from the examples and, when present, the shared corpus.
# Usage: run_fuzzers.sh BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build-fuzz}
seconds=${2:-30}
CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCHANGEGATE_FUZZ=ON -DCHANGEGATE_TESTS=OFF >/dev/null
cmake --build "$build" --target junit_reader_fuzz config_fuzz change_record_fuzz \
  sarif_reader_fuzz jsonl_reader_fuzz

corpus=${CHANGEGATE_CORPUS:-$root/../shared/corpus}
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/junit" "$seeds/config" "$seeds/change" "$seeds/sarif" "$seeds/jsonl"
if [ -d "$corpus/junit" ]; then
  cp "$corpus"/junit/*.xml "$seeds/junit/"
else
  echo "*** shared corpus not found at $corpus: fuzzing JUnit from the examples only ***"
fi
find "$root/examples" -name '*.xml' -exec cp {} "$seeds/junit/" \;
if [ -d "$corpus/sarif" ]; then
  # Files over -max_len would only be cut; the large ones add nothing a small one lacks.
  find "$corpus/sarif" -name '*.sarif' -size -64k -exec cp {} "$seeds/sarif/" \;
else
  echo "*** shared corpus not found at $corpus: fuzzing SARIF from a minimal seed only ***"
fi
printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t", "rules": [{"id": "r", "defaultConfiguration": {"level": "error"}, "properties": {"security-severity": "9.1"}}]}}, "results": [{"ruleId": "r", "ruleIndex": 0, "message": {"text": "m 1"}, "partialFingerprints": {"h": "x"}, "suppressions": [{"status": "underReview"}], "baselineState": "new"}]}]}' > "$seeds/sarif/minimal.sarif"
find "$root/examples" -name '*.jsonl' -exec cp {} "$seeds/jsonl/" \;
printf '{"event": "run_finished", "a": {"b": 1}}\nnot json\n\r\n[1, 2]\n' > "$seeds/jsonl/mixed.jsonl"
find "$root/examples" -name 'changegate.toml' | while read -r f; do cp "$f" "$seeds/config/$(echo "$f" | md5sum | cut -c1-8).toml"; done
find "$root/examples" -path '*/.changegate/change.toml' | while read -r f; do
  { printf '\0'; cat "$f"; } > "$seeds/change/$(echo "$f" | md5sum | cut -c1-8)"; done

# Undefined behaviour is a finding, not a log line: stop on the first report.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
run() {
  local target=$1 dir=$2
  echo "== fuzzing $target for ${seconds}s"
  (cd "$build/tests/fuzz" && "./$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
     -rss_limit_mb=2048 -print_final_stats=1 "$dir" 2>&1 | tail -n 12)
}
run junit_reader_fuzz "$seeds/junit"
run config_fuzz "$seeds/config"
run change_record_fuzz "$seeds/change"
run sarif_reader_fuzz "$seeds/sarif"
run jsonl_reader_fuzz "$seeds/jsonl"
echo "fuzzing: no crashes"
