#!/usr/bin/env bash
# Runs `changegate check` on the checkout service's gate file: a small git
# repository (main, and a feature branch that changes src/) whose only gate
# is the service's error budget, read from a real Prometheus. Usage:
#   run.sh [PATH/TO/changegate] [PROMETHEUS_URL | FIXTURE_DIR] [check options...]
# With neither URL nor FIXTURE_DIR it starts a Prometheus of its own on a free
# 127.0.0.1 port, backfilled with a month of the "checkout" history (10
# requests/s, 0.03% errors, 31 days), and stops it on exit; it needs
# `prometheus` and `promtool` on PATH (Debian package `prometheus`).
# FIXTURE_DIR is the test suite's Prometheus (its url and now files, holding
# the same "checkout" history); a URL is your own server, asked about the
# present. The exit code is changegate's (0 pass, 1 blocked, 2 invalid), or 3
# when the local Prometheus could not be set up.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${1:-"$here/../../build/changegate"}
shift || true
target=
case "${1:-}" in
  "" | -*) ;;  # no target: the local Prometheus; the rest are check options
  *) target=$1 && shift ;;
esac
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

# The "checkout" history ends here, and the check asks about this instant, so
# the answer is the same on any day.
history_end=2026-11-23T10:00:00Z

work=$(mktemp -d "${TMPDIR:-/tmp}/service.XXXXXX")
prom_pid=
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  if [ -n "$prom_pid" ]; then
    kill "$prom_pid" 2>/dev/null || true
    wait "$prom_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

setup_failed() {
  echo "run.sh: $*" >&2
  exit 3
}

# The "checkout" history as OpenMetrics: two counters, slo_requests_total and
# slo_request_errors_total, 10 requests/s with 0.03% failing, for 31 days up
# to $1 (Unix seconds). Few samples far back: promtool writes one block per
# 2 hours that holds a sample, and blocks, not samples, are what cost time
# (a sample every 15 minutes means 372 blocks: about a minute to backfill and
# load on a small machine). Two a day are enough for the 30-day budget and
# the daily coverage steps; the last 7 hours have one every 5 minutes (the 6h
# and 30m burn-rate windows), the last 70 minutes one a minute (1h and 5m).
checkout_history() {
  awk -v now="$1" -v days=31 -v rps=10 -v error_fraction=0.0003 'BEGIN {
    n = 0
    recent = now - 7 * 3600
    fine = now - 70 * 60
    for (t = now - days * 86400; t < recent; t += 12 * 3600) times[n++] = t
    for (t = recent; t < fine; t += 300) times[n++] = t
    for (t = fine; t <= now; t += 60) times[n++] = t
    split("slo_requests slo_request_errors", families, " ")
    for (f = 1; f <= 2; f++) {
      printf "# TYPE %s counter\n", families[f]
      share = f == 1 ? 1 : error_fraction
      value = 0
      for (i = 0; i < n; i++) {
        if (i > 0) value += rps * (times[i] - times[i - 1]) * share
        printf "%s_total{scenario=\"checkout\"} %.4f %.0f\n", families[f], value, times[i]
      }
    }
    print "# EOF"
  }'
}

# Whether something answers on 127.0.0.1:$1 (bash's /dev/tcp: no curl needed).
port_open() {
  (exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$1")
}

# Whether the Prometheus on 127.0.0.1:$1 says it is ready (HTTP 200).
ready() {
  local status
  status=$(
    exec 2>/dev/null 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET /-/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    IFS= read -r -t 2 line <&3 && printf '%s' "$line"
  ) 2>/dev/null || return 1
  case "$status" in "HTTP/"*" 200"*) return 0 ;; *) return 1 ;; esac
}

start_prometheus() {
  if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
    setup_failed "prometheus and promtool are not on PATH: install the Debian package \`prometheus\`, or pass a URL"
  fi
  local end dir=$work/prometheus
  end=$(date -u -d "$history_end" +%s)
  mkdir -p "$dir/data"
  checkout_history "$end" >"$dir/history.om"
  printf 'global:\n  scrape_interval: 15s\n' >"$dir/prometheus.yml"
  # Into a fresh data dir, before the server starts: blocks added to a
  # running server appear only after a reload.
  promtool tsdb create-blocks-from openmetrics -q "$dir/history.om" "$dir/data" \
    >"$dir/promtool.log" 2>&1 || setup_failed "promtool backfill failed: $(tail -n 3 "$dir/promtool.log")"
  local port
  for _ in 1 2 3 4 5; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_open "$port" && continue
    # The server's output goes to a file: nothing may hold our stdout open.
    # A retention longer than the history: the default 15d would delete half
    # of the month at startup.
    prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
      --storage.tsdb.retention.time=400d --web.listen-address="127.0.0.1:$port" \
      </dev/null >"$dir/prometheus.log" 2>&1 &
    prom_pid=$!
    for _ in $(seq 1 600); do  # 60 s
      if ready "$port"; then
        url=http://127.0.0.1:$port
        echo "run.sh: prometheus ready at $url with 31 days of \"checkout\" history up to $history_end" >&2
        return 0
      fi
      kill -0 "$prom_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$prom_pid" 2>/dev/null; then
      setup_failed "prometheus was not ready within 60 s: $(tail -n 3 "$dir/prometheus.log")"
    fi
    wait "$prom_pid" 2>/dev/null || true
    prom_pid=
    # Lost a race for the port? Then try another; anything else is fatal.
    grep -q 'address already in use' "$dir/prometheus.log" ||
      setup_failed "prometheus exited at startup: $(tail -n 3 "$dir/prometheus.log")"
  done
  setup_failed "found no free port for prometheus in 5 attempts"
}

now=()
if [ -z "$target" ]; then
  start_prometheus
  at=$(date -u -d "$history_end" +%s)
  now=(--now "$history_end")
elif [ -d "$target" ]; then
  url=$(cat "$target/url")
  # The fixture's history ends at its start; ask about that instant.
  at=$(cat "$target/now")
  now=(--now "$(date -u -d "@$at" +%Y-%m-%dT%H:%M:%SZ)")
else
  url=$target
  at=$(date -u +%s)
fi
case " $* " in *" --now "*) now=() ;; esac
# The commits are dated before the instant asked about: main a week, the
# change an hour.
main_date="$((at - 7 * 86400)) +0000"
change_date="$((at - 3600)) +0000"

# The service's repository: main, and branch checkout-retries with a change
# to src/ (the tier-1 checkout_api component), so that risk and blast radius
# are assessed as in a real pull request.
repo=$work/repo
mkdir -p "$repo/src" "$repo/.changegate"
git_in() { git -C "$repo" -c user.name="$1" -c user.email="$1@example.com" -c commit.gpgsign=false "${@:2}"; }
cp "$here/changegate.toml" "$repo/"
sed -i "s|^prometheus  = \".*\"|prometheus  = \"$url\"|" "$repo/changegate.toml"
cat >"$repo/src/payment_client.go" <<'EOF'
package checkout

// Charge sends one payment request to the payment provider.
func (c *Client) Charge(order Order) (Receipt, error) {
	return c.provider.Charge(order.ID, order.Total)
}
EOF
git -C "$repo" init -q -b main
git_in erik add -A
GIT_AUTHOR_DATE=$main_date GIT_COMMITTER_DATE=$main_date \
  git_in erik commit -q -m "checkout: payment client"
git_in dana checkout -q -b checkout-retries
cat >"$repo/src/payment_client.go" <<'EOF'
package checkout

import "time"

// Charge sends one payment request to the payment provider, retrying a
// timed-out request twice with the same idempotency key.
func (c *Client) Charge(order Order) (Receipt, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var receipt Receipt
		receipt, err = c.provider.Charge(order.ID, order.Total, order.IdempotencyKey)
		if err == nil || !isTimeout(err) {
			return receipt, err
		}
		time.Sleep(time.Duration(attempt+1) * 200 * time.Millisecond)
	}
	return Receipt{}, err
}
EOF
cat >"$repo/.changegate/change.toml" <<'EOF'
id     = "CHG-2026-0311"
title  = "checkout: retry timed-out payment requests"
type   = "feature"      # a "fix" or "emergency" would be exempt from the error-budget gate
author = "dana"
EOF
git_in dana add -A
GIT_AUTHOR_DATE=$change_date GIT_COMMITTER_DATE=$change_date \
  git_in dana commit -q -m "checkout: retry timed-out payment requests"

status=0
"$bin" check --repo "$repo" --no-ledger "${now[@]}" "$@" || status=$?
exit "$status"
