#!/usr/bin/env bash
# Durable withdrawals per second on SQLite and PostgreSQL, with and without group commit (docs/BENCHMARKS.md).
# Starts a local PostgreSQL with scripts/postgres-up.sh unless ORLEANSBANK_POSTGRES names one.
set -euo pipefail
cd "$(dirname "$0")/.."
postgres="${ORLEANSBANK_POSTGRES:-$(scripts/postgres-up.sh)}"
dotnet run -c Release --project bench/OrleansBank.Benchmarks -- --durable "$postgres"
