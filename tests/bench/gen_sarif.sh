#!/usr/bin/env bash
# Writes a synthetic SARIF 2.1.0 log for timing the reader on scanner-sized
# input: N results (default 500,000, about 200 MB) over R rules (default
# 2,000) in one run. The rules come AFTER the results, the hard case for a
# streaming reader. Every 4th rule carries a security-severity (cycling
# 9.5/7.5/5.0/2.0), the others a default level (error/warning/note); every
# 3rd result sets its own level, every 50th is suppressed (accepted), and
# each carries a location, partialFingerprints and a ~80-byte message.
# Deterministic, so runs compare.
#
# Usage: tests/bench/gen_sarif.sh OUTPUT.sarif [N] [R]
set -euo pipefail
if [[ $# -lt 1 || $# -gt 3 ]]; then
  echo "usage: $0 OUTPUT.sarif [N] [R]" >&2
  exit 2
fi
out=$1
results=${2:-500000}
rules=${3:-2000}
for n in "$results" "$rules"; do
  if ! [[ $n =~ ^[0-9]+$ ]] || [[ $n -eq 0 && $n == "$rules" ]]; then
    echo "$0: N and R must be positive integers" >&2
    exit 2
  fi
done

awk -v results="$results" -v rules="$rules" 'BEGIN {
  split("error warning note", levels, " ")
  split("9.5 7.5 5.0 2.0", sev, " ")
  printf "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
  printf "      \"results\": [\n"
  for (i = 0; i < results; i++) {
    r = (i * 7919) % rules
    printf "        {\"ruleId\": \"bench/rule-%04d\", \"ruleIndex\": %d, ", r, r
    if (i % 3 == 0) printf "\"level\": \"%s\", ", levels[(i % 9) / 3 + 1]
    printf "\"message\": {\"text\": \"User-controlled value %d reaches sink_%d without sanitisation; validate it first.\"}, ", i, r
    printf "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"src/module%03d/file%04d.c\"}, \"region\": {\"startLine\": %d, \"startColumn\": %d, \"endLine\": %d}}}], ", (i / 1000) % 1000, i % 5000, (i * 31) % 4000 + 1, i % 80 + 1, (i * 31) % 4000 + 2
    printf "\"partialFingerprints\": {\"primaryLocationLineHash\": \"%08x%08x:%d\"}", (i * 2654435761) % 4294967296, (i * 40503) % 4294967296, i % 7 + 1
    if (i % 50 == 49) printf ", \"suppressions\": [{\"kind\": \"inSource\", \"status\": \"accepted\"}]"
    printf "}%s\n", (i + 1 < results ? "," : "")
  }
  printf "      ],\n      \"tool\": {\n        \"driver\": {\n          \"name\": \"BenchScanner\",\n          \"version\": \"1.0.0\",\n          \"rules\": [\n"
  for (r = 0; r < rules; r++) {
    printf "            { \"id\": \"bench/rule-%04d\", \"name\": \"Rule%04d\", \"shortDescription\": { \"text\": \"Synthetic rule %d\" }", r, r, r
    if (r % 4 == 0) printf ", \"properties\": { \"security-severity\": \"%s\", \"tags\": [\"security\"] }", sev[(r / 4) % 4 + 1]
    else printf ", \"defaultConfiguration\": { \"level\": \"%s\" }", levels[r % 3 + 1]
    printf " }%s\n", (r + 1 < rules ? "," : "")
  }
  printf "          ]\n        }\n      },\n      \"invocations\": [ { \"executionSuccessful\": true } ]\n    }\n  ]\n}\n"
}' > "$out"
