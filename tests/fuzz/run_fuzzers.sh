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
cmake --build "$build" -j2 --target junit_reader_fuzz junit_differential_fuzz config_fuzz \
  change_record_fuzz

corpus=${CHANGEGATE_CORPUS:-$root/../shared/corpus}
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/junit" "$seeds/config" "$seeds/change"
if [ -d "$corpus/junit" ]; then
  cp "$corpus"/junit/*.xml "$seeds/junit/"
else
  echo "*** shared corpus not found at $corpus: fuzzing JUnit from the examples only ***"
fi
find "$root/examples" -name '*.xml' -exec cp {} "$seeds/junit/" \;
find "$root/examples" -name 'changegate.toml' | while read -r f; do cp "$f" "$seeds/config/$(echo "$f" | md5sum | cut -c1-8).toml"; done
find "$root/examples" -path '*/.changegate/change.toml' | while read -r f; do
  { printf '\0'; cat "$f"; } > "$seeds/change/$(echo "$f" | md5sum | cut -c1-8)"; done

# The targets are built in tests/fuzz/ of the build tree (add_subdirectory).
bin=$(cd "$build/tests/fuzz" && pwd)
dict="$root/tests/fuzz/xml.dict"
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
echo "fuzzing: no crashes"
