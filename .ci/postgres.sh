#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server (Debian's package) on 127.0.0.1 for the test run and
# prints the connection string. The cluster lives in a temporary folder and is stopped by
# `.ci/postgres.sh stop DIR`.
set -euo pipefail
if [ "${1:-}" = "stop" ]; then
  dir=$2
  runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=${SALESCOACH_PG_PORT:-25432}
dir=$(mktemp -d -t salescoach-pg.XXXXXX)
chown postgres:postgres "$dir"
runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=300 -c fsync=off -c synchronous_commit=off" start >/dev/null
echo "$dir"
