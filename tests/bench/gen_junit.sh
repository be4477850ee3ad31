#!/usr/bin/env bash
# Writes a synthetic JUnit report for timing the reader against large inputs:
# N test cases (default 1,000,000, about 150 MB) in suites of 10,000, every
# 200th failing (0.5%) with a message and a multi-line stack trace, every
# 100th skipped (1%), the rest passing. The output is deterministic, so runs
# compare: for N = 1,000,000 it holds 100 suites, 5,000 failed and 10,000
# skipped cases.
#
# Usage: tests/bench/gen_junit.sh OUTPUT.xml [N]
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 OUTPUT.xml [N]" >&2
  exit 2
fi
out=$1
cases=${2:-1000000}
if ! [[ $cases =~ ^[0-9]+$ ]]; then
  echo "$0: N must be a non-negative integer, not \"$cases\"" >&2
  exit 2
fi

awk -v cases="$cases" 'BEGIN {
  per_suite = 10000
  printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  printf "<testsuites name=\"bench\" tests=\"%d\">\n", cases
  for (i = 0; i < cases; i++) {
    if (i % per_suite == 0) {
      if (i > 0) printf "  </testsuite>\n"
      suite = int(i / per_suite)
      printf "  <testsuite name=\"com.example.bench.module%03d.IntegrationSuite\" timestamp=\"2026-11-22T10:%02d:%02d\" hostname=\"ci-runner-7\">\n", suite, int(suite / 60) % 60, suite % 60
    }
    class = sprintf("com.example.bench.module%03d.Service%03dTest", int(i / per_suite), int(i / 100) % 1000)
    name = sprintf("test_%07d_handles_request_variant_%02d_with_retries", i, i % 17)
    time = sprintf("%d.%04d", (i * 7919) % 3, (i * 104729) % 10000)
    if (i % 200 == 199) {
      printf "    <testcase classname=\"%s\" name=\"%s\" time=\"%s\">\n", class, name, time
      printf "      <failure message=\"expected &lt;%d&gt; but was &lt;%d&gt;\" type=\"java.lang.AssertionError\">java.lang.AssertionError: expected &lt;%d&gt; but was &lt;%d&gt;\n", i % 97, i % 89, i % 97, i % 89
      printf "\tat org.junit.Assert.fail(Assert.java:89)\n"
      printf "\tat org.junit.Assert.failNotEquals(Assert.java:835)\n"
      printf "\tat %s.%s(Service.java:%d)\n", class, name, 40 + i % 300
      printf "</failure>\n    </testcase>\n"
    } else if (i % 100 == 49) {
      printf "    <testcase classname=\"%s\" name=\"%s\" time=\"0\"><skipped message=\"disabled on this platform\"/></testcase>\n", class, name
    } else {
      printf "    <testcase classname=\"%s\" name=\"%s\" time=\"%s\"/>\n", class, name, time
    }
  }
  if (cases > 0) printf "  </testsuite>\n"
  printf "</testsuites>\n"
}' > "$out"
