#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time,
# seeded from the examples and, when present, the shared corpus.
# Usage: run_fuzzers.sh BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build-fuzz}
seconds=${2:-30}
# An existing build directory (CI's sanitizer build) is used as it is configured.
if [ ! -f "$build/CMakeCache.txt" ]; then
  CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCHANGEGATE_FUZZ=ON -DCHANGEGATE_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target junit_reader_fuzz junit_differential_fuzz config_fuzz \
  change_record_fuzz codeowners_fuzz trailers_fuzz prometheus_reader_fuzz csv_reader_fuzz \
  sarif_reader_fuzz jsonl_reader_fuzz report_from_fuzz

corpus=${CHANGEGATE_CORPUS:-$root/../shared/corpus}
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/junit" "$seeds/config" "$seeds/change" "$seeds/codeowners" "$seeds/trailers" \
  "$seeds/prometheus" "$seeds/csv" "$seeds/sarif" "$seeds/jsonl" "$seeds/report"
if [ -d "$corpus/junit" ]; then
  cp "$corpus"/junit/*.xml "$seeds/junit/"
else
  echo "*** shared corpus not found at $corpus: fuzzing JUnit from the examples only ***"
fi
find "$root/examples" -name '*.xml' -exec cp {} "$seeds/junit/" \;
# Prometheus seeds: a status byte (0 = HTTP 200) then the body.
if [ -d "$corpus/prometheus" ]; then
  for f in "$corpus"/prometheus/*.json; do { printf '\0'; cat "$f"; } > "$seeds/prometheus/$(basename "$f")"; done
fi
printf '\0{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}}' \
  > "$seeds/prometheus/nan.json"
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

# CODEOWNERS seeds: a path to match, then GitHub's documented example shapes; trailer seeds: commit messages.
printf 'apps/github/x.rb\n# comment\n*       @global-owner1 @global-owner2\n*.js    @js-owner #inline\n*.go docs@example.com\n/build/logs/ @doctocat\ndocs/*  docs@example.com\napps/ @octocat\n/docs/ @doctocat\n**/logs @octocat\n/apps/github\n' > "$seeds/codeowners/github"
printf 'build/logs/deep/x.log\n!neg @a\n*.[ch] @b\n\\#x @c\n/etl/ @org/team bob@example.com\n' > "$seeds/codeowners/skipped"
printf 'orders_v2\n\nBody text.\n\nReviewed-by: bob <bob@example.com>\nAcked-by: carol\n' > "$seeds/trailers/plain"
printf 'S\n\nnote\nSigned-off-by: A <a@x>\nApproved-by: Bob\n  <bob@x>\n---\n diff\n' > "$seeds/trailers/mixed"
# CSV seeds: the first byte picks the delimiter (0 = ','), the rest is the file.
find "$root/examples" -name '*.csv' | while read -r f; do
  { printf '\0'; head -c 4096 "$f"; } > "$seeds/csv/$(echo "$f" | md5sum | cut -c1-8)"; done
printf '\0id,note\r\n1,"a,""b""\nc"\r\n2,\r\n' > "$seeds/csv/quoted"
printf '\1\xef\xbb\xbfa;b\n1,5;-2.25\n' > "$seeds/csv/bom_semicolon"
# Evaluation seeds for report --from: the committed ones (written by check).
cp "$root"/tests/fuzz/seeds/report/*.json "$seeds/report/"

# The targets are built in tests/fuzz/ of the build tree (add_subdirectory).
bin=$(cd "$build/tests/fuzz" && pwd)
dict="$root/tests/fuzz/xml.dict"
# Undefined behaviour is a finding, not a log line: stop on the first report.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
run() {
  local target=$1 dir=$2 log
  shift 2
  echo "== fuzzing $target for ${seconds}s"
  log=$(mktemp)
  # Crash inputs land in the build's fuzz directory; the exit status is the fuzzer's.
  if ! (cd "$bin" && "./$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
     -rss_limit_mb=2048 -print_final_stats=1 "$@" "$dir" >"$log" 2>&1); then
    tail -n 40 "$log"
    echo "*** $target failed; reproducer in $bin ***"
    rm -f "$log"
    exit 1
  fi
  tail -n 12 "$log"
  rm -f "$log"
}
run junit_reader_fuzz "$seeds/junit" -dict="$dict"
# Same seeds (its own copy: libFuzzer adds what it finds to the directory),
# plus generated documents full of the constructs the two parsers must agree on.
cp -r "$seeds/junit" "$seeds/junit_differential"
python3 "$root/tests/fuzz/gen_junit_soup.py" 1 "$seeds/junit_differential"
mkdir -p "$seeds/soup_clean"
python3 "$root/tests/fuzz/gen_junit_soup.py" 2 "$seeds/soup_clean" clean
for f in "$seeds"/soup_clean/*.xml; do cp "$f" "$seeds/junit_differential/clean_${f##*/}"; done
run junit_differential_fuzz "$seeds/junit_differential" -dict="$dict"
run config_fuzz "$seeds/config"
run change_record_fuzz "$seeds/change"
run codeowners_fuzz "$seeds/codeowners"
run trailers_fuzz "$seeds/trailers"
run prometheus_reader_fuzz "$seeds/prometheus"
run csv_reader_fuzz "$seeds/csv"
run sarif_reader_fuzz "$seeds/sarif"
run jsonl_reader_fuzz "$seeds/jsonl"
run report_from_fuzz "$seeds/report"
echo "fuzzing: no crashes"
