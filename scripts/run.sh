#!/usr/bin/env bash
# The main job, the cluster demo: three silos sharing one data folder; the ATM race on one account through the
# cluster; then a storm of transfers across many accounts (the built-in audit) while one silo is SIGKILLed, ending
# with every operation answered and every cent accounted for; the dead silo rejoins; the cluster stops cleanly.
# Ports: silo 11111-11113, gateway 30000-30002, HTTP 8080-8082; move the first of each with SILO_PORT, GATEWAY_PORT
# and HTTP_PORT (the others follow). Everything it writes goes to a temporary folder, removed when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

silo_port="${SILO_PORT:-11111}"
gateway_port="${GATEWAY_PORT:-30000}"
http_port="${HTTP_PORT:-8080}"
work="$(mktemp -d)"
export DATA="$work/data" SILO_PORT="$silo_port" GATEWAY_PORT="$gateway_port" HTTP_PORT="$http_port"
started=false

# Whatever ends the script (an error, Ctrl+C, the end), the silos it started stop and its temporary folder goes.
cleanup() {
  if [ "$started" = true ]; then scripts/cluster.sh stop > /dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A port that answers on loopback belongs to another process (often a silo already running): the client would drive
# that one instead, so stop before building anything.
port_in_use() { timeout 2 bash -c "exec 3<> /dev/tcp/127.0.0.1/$1" 2> /dev/null; }
for named in "silo:SILO_PORT:$silo_port" "gateway:GATEWAY_PORT:$gateway_port" "HTTP:HTTP_PORT:$http_port"; do
  IFS=: read -r what variable base <<< "$named"
  for port in "$base" $((base + 1)) $((base + 2)); do
    if port_in_use "$port"; then
      echo "error: the $what port $port is already in use (a silo already running?): stop that process, or pick other ports with $variable=PORT (the first of three)." >&2
      exit 1
    fi
  done
done

mkdir -p "$DATA"
dotnet build OrleansBank.sln -c Release -v quiet -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

started=true
scripts/cluster.sh start 3
scripts/cluster.sh status

client() {
  dotnet src/Client/bin/Release/net10.0/orleansbank.dll \
    --gateway "localhost:$gateway_port" --gateway "localhost:$((gateway_port + 1))" --gateway "localhost:$((gateway_port + 2))" "$@"
}
account="ada-$(date +%s)"

echo
echo "== the ATM race on one account, through the cluster: 2,000 concurrent withdrawals of \$0.25 from \$1,000"
client open "$account" --owner "Ada" --initial 1000
client storm "$account" --count 2000 --amount 0.25

echo
echo "== a storm of transfers across 50 accounts for 20 s, from several connections; silo 1 is SIGKILLed 6 s in"
client audit --accounts 50 --duration 20 --concurrency 16 > "$work/audit.out" 2>&1 &
audit=$!
sleep 6
killed_at=$SECONDS
scripts/cluster.sh kill 1
dead=""
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$http_port/cluster" | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if any(s['status']=='dead' and (s.get('gateway') or '').endswith(':$((gateway_port + 1))') for s in d['silos']) else 1)" 2> /dev/null; then
    dead=yes
    break
  fi
  sleep 0.25
done
[ -n "$dead" ] || { echo "error: the cluster did not declare silo 1 dead within 30 s (its log: $DATA/cluster/silo-1.log)." >&2; exit 1; }
echo "   the other silos declared silo 1 dead within $((SECONDS - killed_at + 1)) s; its accounts carry on elsewhere"
code=0
wait "$audit" || code=$?
cat "$work/audit.out"
if [ "$code" -ne 0 ]; then
  echo "error: the audit found the books did not balance, or could not finish (exit $code)." >&2
  exit 1
fi

echo
echo "== the cluster after the kill"
scripts/cluster.sh status

echo
echo "== silo 1 restarts as a new generation and rejoins"
scripts/cluster.sh restart 1
client balance "$account"

echo
echo "== the race, three ways: raw threads, a lock, grains"
dotnet src/Client/bin/Release/net10.0/orleansbank.dll race

echo
echo "== stopping the cluster (SIGTERM to each silo)"
scripts/cluster.sh stop
started=false
for i in 0 1 2; do
  if grep -q "exits with code\|Unhandled exception" "$DATA/cluster/silo-$i.log"; then
    echo "error: silo $i did not stop cleanly (its log: $DATA/cluster/silo-$i.log)." >&2
    exit 1
  fi
done
echo "every silo stopped cleanly"
