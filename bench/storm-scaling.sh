#!/usr/bin/env bash
# Storm throughput on 1 vs 3 local silos (real processes, SQLite store): three storm clients at once, each on its own
# account. With 3 silos it runs twice: each client through its own gateway (silo c), wherever its account was placed,
# and each client through the gateway of the silo that holds its account (in turn first), each cluster after an
# unmeasured warm-up storm. Alternates 1, 3, 1, 3 (ROUNDS=n pairs, default 2); COUNT withdrawals per client (default
# 10000), CONCURRENCY in flight each (default 64). Each round runs in a new temporary data folder on PORT_OFFSET
# (default 600). See docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-2}" count="${COUNT:-10000}" concurrency="${CONCURRENCY:-64}"
export PORT_OFFSET="${PORT_OFFSET:-600}"
client=src/Client/bin/Release/net10.0/orleansbank.dll
[ -f "$client" ] || dotnet build OrleansBank.sln -c Release -v quiet -nologo > /dev/null
cleanup() { [ -n "${DATA:-}" ] && { scripts/cluster.sh stop > /dev/null || true; rm -rf "$DATA"; }; }
trap cleanup EXIT
gw() { echo "localhost:$((30000 + PORT_OFFSET + $1))"; }
# Account activations per silo index, e.g. "0 2 1", from silo 0's GET /cluster.
placement() {
  curl -sf "http://127.0.0.1:$((8080 + PORT_OFFSET))/cluster" | python3 -c "
import json,sys
silos={s['gateway'].rsplit(':',1)[1]: (s.get('activations') or {}).get('account',0) for s in json.load(sys.stdin)['silos'] if s['status']=='active'}
print(' '.join(str(silos[p]) for p in sorted(silos)))"
}

# storm SILOS ROUND ROUTE GATEWAY... : three storms at once (client c through the c-th gateway), one table row.
storm() {
  local silos=$1 round=$2 route=$3 c start end
  shift 3
  start=$(date +%s.%N)
  for c in 0 1 2; do
    dotnet "$client" --gateway "$(gw "${@:$((c + 1)):1}")" --json storm "$run-$c" --count "$count" --amount 1 --concurrency "$concurrency" > "$DATA/storm-$c.json" &
  done
  wait
  end=$(date +%s.%N)
  python3 - "$DATA" "$silos" "$round" "$count" "$start" "$end" "$route" "$(placement)" << 'PY'
import json, sys
data, silos, rnd, count, start, end, route, placement = sys.argv[1:]
reports = [json.load(open(f"{data}/storm-{c}.json")) for c in range(3)]
for r in reports:
    if not (r["conserved"] and r["failed"] == 0 and r["approved"] == int(count)):
        sys.exit(f"a storm did not finish cleanly: {r}")
wall = float(end) - float(start)
rate = sum(r["callsPerSecond"] for r in reports)
p50 = max(r["latencyP50Ms"] for r in reports); p99 = max(r["latencyP99Ms"] for r in reports)
each = " / ".join(f"{r['callsPerSecond']:,.0f}" for r in reports)
print(f"| {silos} | {rnd} | {route} | {wall:.2f} | {rate:,.0f} | {each} | {p50:.1f} / {p99:.1f} | {placement.replace(' ', ' / ')} |", flush=True)
PY
}

echo "3 clients x $count withdrawals, $concurrency in flight each"
echo "| Silos | Round | Client c's gateway | Wall (s) | Withdrawals/s (sum of the 3 storms) | Each storm's /s | Worst client p50 / p99 (ms) | Accounts per silo |"
echo "|---:|---:|---|---:|---:|---|---:|---|"
for round in $(seq 1 "$rounds"); do
  for silos in 1 3; do
    DATA="$(mktemp -d /tmp/orleansbank-storm-XXXXXX)"
    export DATA
    scripts/cluster.sh start "$silos" > /dev/null
    run="s$round-$silos-$RANDOM"
    host=()
    for c in 0 1 2; do
      before=($(placement))
      dotnet "$client" --gateway "$(gw $((c % silos)))" open "$run-$c" --owner "storm $c" --initial "$((3 * count))" > /dev/null
      after=($(placement))
      for s in $(seq 0 $((silos - 1))); do [ "${after[$s]}" -gt "${before[$s]}" ] && host[$c]=$s; done
    done
    # Warm-up, not measured: the first storm on fresh processes pays for JIT and the accounts' first activations.
    for c in 0 1 2; do
      dotnet "$client" --gateway "$(gw $((c % silos)))" storm "$run-$c" --count "$((count / 5))" --amount 1 --concurrency "$concurrency" > /dev/null &
    done
    wait
    if [ "$silos" = 1 ]; then
      storm 1 "$round" "silo 0 (holds all)" 0 0 0
    elif [ $((round % 2)) = 1 ]; then
      storm 3 "$round" "silo c" 0 1 2
      storm 3 "$round" "the silo holding its account" "${host[0]}" "${host[1]}" "${host[2]}"
    else
      storm 3 "$round" "the silo holding its account" "${host[0]}" "${host[1]}" "${host[2]}"
      storm 3 "$round" "silo c" 0 1 2
    fi
    scripts/cluster.sh stop > /dev/null
    rm -rf "$DATA"
    DATA=""
  done
done
