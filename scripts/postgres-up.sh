#!/usr/bin/env bash
# Makes a local PostgreSQL ready for OrleansBank: installs it from Debian's packages if absent (needs root),
# starts the cluster, creates the orleansbank role and database, and prints the connection string.
# Safe to run again: each step is skipped when already done.
#
# Usage: scripts/postgres-up.sh [--cluster NAME --port PORT] [--stop]
#   --cluster, --port  another cluster than "main" on 5432; the fault tests stop and start one of their own
#   --stop             stop that cluster at once (as a crash would) instead of starting it
#
# Only the connection string goes to standard output, because callers capture it with "$(...)". Everything
# the tools print (pg_ctlcluster says "Removed stale pid file." after an unclean stop, for one) goes to
# standard error. Not with "exec 3>&1 1>&2": the server pg_ctlcluster starts would inherit descriptor 3
# and hold the caller's "$(...)" open for as long as it runs.
set -euo pipefail

cluster=main
port=5432
stop=false
while [ $# -gt 0 ]; do
  case "$1" in
    --cluster) cluster="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --stop) stop=true; shift ;;
    *) echo "unknown option '$1'; usage: $0 [--cluster NAME --port PORT] [--stop]" >&2; exit 2 ;;
  esac
done

connection="Host=127.0.0.1;Port=$port;Username=orleansbank;Password=orleansbank;Database=orleansbank"

install_if_absent() {
  command -v pg_lsclusters > /dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is not installed and installing it needs root: run 'apt-get install postgresql' as root, or this script with sudo."
    exit 1
  fi
  echo "installing PostgreSQL from Debian's packages..."
  apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql > /dev/null
}

# A server killed without a clean stop (or a machine image taken while one ran) leaves the socket's lock
# file behind, and the next start refuses it. Removed only when the process it names is gone.
remove_stale_socket_lock() {
  local lock="/var/run/postgresql/.s.PGSQL.$port.lock" owner
  [ -f "$lock" ] || return 0
  owner="$(head -n 1 "$lock")"
  # A zombie (killed, not yet reaped) still answers kill -0, so its state is checked too.
  if [ -n "$owner" ] && { ! kill -0 "$owner" 2> /dev/null || [ "$(ps -o stat= -p "$owner" | cut -c1)" = Z ]; }; then
    echo "removing stale socket lock left by PostgreSQL process $owner"
    rm -f "$lock" "/var/run/postgresql/.s.PGSQL.$port"
  fi
}

version() { ls /usr/lib/postgresql | sort -n | tail -n 1; }

column() { pg_lsclusters -h | awk -v v="$(version)" -v c="$cluster" -v n="$1" '$1 == v && $2 == c {print $n}'; }

online() { column 4 | grep -q online; }

log_file() { echo "/var/log/postgresql/postgresql-$(version)-$cluster.log"; }

log_lines() { if [ -f "$(log_file)" ]; then wc -l < "$(log_file)"; else echo 0; fi; }

# True, with the reason printed, when the start that wrote the log past line $1 failed for want of the port.
port_taken_since() {
  [ -f "$(log_file)" ] && tail -n +"$(($1 + 1))" "$(log_file)" | grep -q "Address already in use" || return 1
  echo "Port $port on 127.0.0.1 is held by another process ('ss -tanp sport = :$port' shows which):" \
    "stop it, or give cluster $cluster another port with --port."
}

start_cluster() {
  local version
  version="$(version)"
  if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version $cluster"; then
    pg_createcluster "$version" "$cluster" --port "$port"
  elif [ "$(column 3)" != "$port" ]; then
    # Made earlier on another port (the fault tests' cluster moved from 55432): move it rather than fail.
    echo "moving cluster $cluster from port $(column 3) to $port"
    online && pg_ctlcluster "$version" "$cluster" stop -m fast
    pg_conftool "$version" "$cluster" set port "$port"
  fi
  local logged
  logged="$(log_lines)"
  if ! online; then
    remove_stale_socket_lock
    # After an unclean stop the server replays its WAL first; pg_ctlcluster may give up waiting while the server
    # still comes up, so its verdict is not final: readiness below is.
    pg_ctlcluster "$version" "$cluster" start || echo "pg_ctlcluster reported a failed start; waiting for the server to be ready anyway"
  fi
  for _ in $(seq 1 300); do
    # A server that could not listen is gone for good: no use waiting for it. (Whatever holds the port may
    # answer, or not, so readiness alone could not tell.)
    if ! online && port_taken_since "$logged"; then
      exit 1
    fi
    pg_isready -q -t 1 -h 127.0.0.1 -p "$port" && return 0
    sleep 0.1
  done
  echo "PostgreSQL did not become ready on 127.0.0.1:$port within 30 s; see $(log_file)"
  exit 1
}

stop_cluster() {
  if online; then
    pg_ctlcluster "$(version)" "$cluster" stop -m immediate
  fi
}

as_postgres() { (cd / && su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qtAc \"$1\""); }

create_role_and_database() {
  [ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = 'orleansbank'")" = 1 ] \
    || as_postgres "CREATE ROLE orleansbank LOGIN PASSWORD 'orleansbank'"
  [ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = 'orleansbank'")" = 1 ] \
    || as_postgres "CREATE DATABASE orleansbank OWNER orleansbank"
}

if [ "$stop" = true ]; then
  stop_cluster >&2
  exit 0
fi

{
  install_if_absent
  start_cluster
  create_role_and_database
} >&2

echo "$connection"
