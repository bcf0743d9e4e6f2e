#!/usr/bin/env bash
# How fast a membership change reaches another silo on SQLite (version poll) and PostgreSQL (LISTEN/NOTIFY).
# Starts a local PostgreSQL with scripts/postgres-up.sh unless ORLEANSBANK_POSTGRES names one.
set -euo pipefail
cd "$(dirname "$0")/.."
postgres="${ORLEANSBANK_POSTGRES:-$(scripts/postgres-up.sh)}"
dotnet run -c Release --project bench/OrleansBank.Benchmarks -- --membership "$postgres"
