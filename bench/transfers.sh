#!/usr/bin/env bash
# Durable transfers per second, and reminder lateness, on SQLite and PostgreSQL (docs/BENCHMARKS.md, "Money moves").
# Starts a local PostgreSQL with scripts/postgres-up.sh unless ORLEANSBANK_POSTGRES names one.
# Usage: bench/transfers.sh [--store=memory|sqlite|postgres]   (default: every store, then reminder lateness)
set -euo pipefail
cd "$(dirname "$0")/.."
postgres="${ORLEANSBANK_POSTGRES:-$(scripts/postgres-up.sh)}"
dotnet build -c Release -v q -nologo bench/OrleansBank.Benchmarks >/dev/null
bench=bench/OrleansBank.Benchmarks/bin/Release/net10.0/OrleansBank.Benchmarks.dll
dotnet "$bench" --transfers "$postgres" "$@"
if [ $# -eq 0 ]; then
  dotnet "$bench" --reminders "$postgres"
fi
