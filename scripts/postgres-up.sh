#!/usr/bin/env bash
# Makes a local PostgreSQL ready for OrleansBank: installs it from Debian's packages if absent (needs root),
# starts the cluster, creates the orleansbank role and database, and prints the connection string.
# Safe to run again: each step is skipped when already done.
set -euo pipefail

connection="Host=127.0.0.1;Port=5432;Username=orleansbank;Password=orleansbank;Database=orleansbank"

if ! command -v pg_lsclusters > /dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is not installed and installing it needs root: run 'apt-get install postgresql' as root, or this script with sudo." >&2
    exit 1
  fi
  echo "installing PostgreSQL from Debian's packages..." >&2
  apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql > /dev/null
fi

version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main > /dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi

for _ in $(seq 1 100); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 0.1
done
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not become ready on 127.0.0.1:5432" >&2; exit 1; }

as_postgres() { (cd / && su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""); }
[ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = 'orleansbank'")" = 1 ] \
  || as_postgres "CREATE ROLE orleansbank LOGIN PASSWORD 'orleansbank'"
[ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = 'orleansbank'")" = 1 ] \
  || as_postgres "CREATE DATABASE orleansbank OWNER orleansbank"

echo "$connection"
