#!/usr/bin/env bash
# The stall a client sees when its own gateway is killed: a local 3-silo cluster, 8 workers sending steady deposits
# through silo 1's gateway (all three gateways known), SIGKILL of silo 1 after 15 s; the longest gap between answered
# deposits, retries and failures (docs/BENCHMARKS.md). RUNS=n repeats it on a fresh cluster (default 2). Each run uses
# a new temporary data folder on PORT_OFFSET (default 700).
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT_OFFSET="${PORT_OFFSET:-700}"
cleanup() { [ -n "${DATA:-}" ] && { scripts/cluster.sh stop > /dev/null || true; rm -rf "$DATA"; }; }
trap cleanup EXIT
dotnet build bench/OrleansBank.Benchmarks -c Release -v quiet -nologo > /dev/null
gw() { echo "localhost:$((30000 + PORT_OFFSET + $1))"; }
for run in $(seq 1 "${RUNS:-2}"); do
  DATA="$(mktemp -d /tmp/orleansbank-stall-XXXXXX)"
  export DATA
  scripts/cluster.sh start 3 > /dev/null
  echo "== run $run"
  dotnet bench/OrleansBank.Benchmarks/bin/Release/net10.0/OrleansBank.Benchmarks.dll --gateway-stall "$(cat "$DATA/cluster/silo-1.pid")" "$(gw 1)" "$(gw 0)" "$(gw 2)"
  scripts/cluster.sh stop > /dev/null
  rm -rf "$DATA"
  DATA=""
done
