#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL on 127.0.0.1 for integration tests.
#   pg_server.sh start DIR PORT   prints the DSN (postgresql://postgres@127.0.0.1:PORT/test)
#   pg_server.sh stop DIR
#   pg_server.sh restart DIR PORT   starts a stopped server again (outage tests)
# Fails loudly (exit 1, the reason on stderr) when the server cannot start:
# tests that need it must fail, never skip.
set -euo pipefail
bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
cmd=$1 dir=$2
as_pg() {
  # initdb refuses to run as root: run the server as the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    port=$3
    if [ ! -x "$bindir/initdb" ]; then
      echo "pg_server.sh: $bindir/initdb not found: install postgresql (.ci/install-deps.sh)" >&2
      exit 1
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null 2>&1 ||
      { echo "pg_server.sh: the server did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres test >&2
    echo "postgresql://postgres@127.0.0.1:$port/test"
    ;;
  restart)
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-p $3 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null 2>&1 ||
      { echo "pg_server.sh: the server did not restart:" >&2; cat "$dir/server.log" >&2; exit 1; }
    ;;
  stop)
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: pg_server.sh start DIR PORT | restart DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
