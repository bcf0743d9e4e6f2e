#!/usr/bin/env bash
# The first call after a silo restart (docs/BENCHMARKS.md): a new client process asks for the balance of an account
# of EVENTS events (default 200000; it has a snapshot), less the same call from a second new client right after,
# with the silo's warm-up at start on and off (Accounts:WarmUpAtStart), ROUNDS restarts each (default 5), the order
# alternating each round. One silo on SQLite, in a new temporary data folder, on ports moved by PORT_OFFSET
# (default 700).
set -euo pipefail
cd "$(dirname "$0")/.."
events="${EVENTS:-200000}" rounds="${ROUNDS:-5}"
[[ "$events" =~ ^[0-9]+$ && "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "error: EVENTS must be a whole number and ROUNDS one of 1 or more." >&2; exit 2; }
export PORT_OFFSET="${PORT_OFFSET:-700}"
client=src/Client/bin/Release/net10.0/orleansbank.dll
DATA="$(mktemp -d /tmp/orleansbank-first-call-XXXXXX)"
export DATA
trap 'scripts/cluster.sh stop > /dev/null || true; rm -rf "$DATA"' EXIT
# Always: a silo built before the warm-up existed would ignore WarmUpAtStart, and both halves would measure the same.
dotnet build OrleansBank.sln -c Release -v quiet -nologo > "$DATA/build.log" 2>&1 || { cat "$DATA/build.log" >&2; exit 1; }
gateway="localhost:$((30000 + PORT_OFFSET))"
ready="http://127.0.0.1:$((8080 + PORT_OFFSET))/health/ready"
bank() { dotnet "$client" --gateway "$gateway" "$@" > /dev/null; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

scripts/cluster.sh start 1 > /dev/null
bank open first-call --owner bench --initial 100000
bank storm first-call --count "$events" --amount 0.01 --concurrency 256

# restart MODE: a new silo generation with the warm-up on (true) or off (false), once it says it is ready.
restart() {
  ORLEANSBANK_Accounts__WarmUpAtStart=$1 scripts/cluster.sh restart 0 > /dev/null
  for _ in $(seq 1 600); do curl -sf "$ready" > /dev/null && return 0; sleep 0.1; done
  echo "the silo did not become ready at $ready within 60 s" >&2
  exit 1
}

echo "| Round | Warm-up | First call (ms) | Second call (ms) | First less second (ms) |"
echo "|---:|---|---:|---:|---:|"
results=()
for round in $(seq 1 "$rounds"); do
  modes=(true false)
  [ $((round % 2)) = 0 ] && modes=(false true)
  for mode in "${modes[@]}"; do
    restart "$mode"
    start=$(now_ms); bank balance first-call; first=$(($(now_ms) - start))
    start=$(now_ms); bank balance first-call; second=$(($(now_ms) - start))
    echo "| $round | $([ "$mode" = true ] && echo on || echo off) | $first | $second | $((first - second)) |"
    results+=("$mode $((first - second))")
  done
done
printf '%s\n' "${results[@]}" | python3 -c "
import statistics, sys
by = {}
for line in sys.stdin:
    mode, diff = line.split(); by.setdefault(mode, []).append(int(diff))
print()
print(f\"median first less second, $events events: warm-up on {statistics.median(by['true']):.0f} ms, off {statistics.median(by['false']):.0f} ms\")
"
