#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster that this script starts and always stops.
#
#   scripts/with-postgres.sh pytest ...
#
# If DATABASE_URL is already set, the command runs against that database instead. The cluster
# lives in a temporary directory, listens on a free loopback port with fsync off (it is thrown
# away), and runs as the `postgres` user when this script runs as root (initdb refuses root).
# The command sees DATABASE_URL, plus PORTAL_TEST_PGDATA / PORTAL_TEST_PGBIN so tests can stop
# and restart the server (outage tests).
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

pg_bin=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
  pg_bin=$(pg_config --bindir)
elif command -v initdb >/dev/null 2>&1; then
  pg_bin=$(dirname "$(readlink -f "$(command -v initdb)")")
else
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries (initdb, pg_ctl) not found." >&2
  echo "Install them, e.g. 'apt-get install postgresql', or set DATABASE_URL." >&2
  exit 2
fi

as_pg=()
if [ "$(id -u)" = "0" ]; then
  as_pg=(runuser -u postgres --)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/familie-portal-pg.XXXXXX")
chmod 755 "$tmp"
data="$tmp/data"
mkdir -p "$data"
[ "$(id -u)" = "0" ] && chown -R postgres: "$tmp"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"${as_pg[@]}" "$pg_bin/initdb" -D "$data" -U portal --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; exit 2; }
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$tmp'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$tmp/server.log" -w -t 30 start >/dev/null \
  || { cat "$tmp/server.log" >&2; exit 2; }
"${as_pg[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U portal portal

export DATABASE_URL="postgres://portal@127.0.0.1:$port/portal"
export PORTAL_TEST_PGDATA="$data"
export PORTAL_TEST_PGBIN="$pg_bin"
export PORTAL_TEST_PGLOG="$tmp/server.log"
echo "with-postgres: throwaway PostgreSQL $("$pg_bin/postgres" --version | awk '{print $NF}') on 127.0.0.1:$port"
"$@"
