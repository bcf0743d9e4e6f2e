#!/usr/bin/env bash
# The main job: start a local silo, then drive it with the client, then stop the silo cleanly.
# Ports can be moved with SILO_PORT, GATEWAY_PORT and HTTP_PORT if the defaults are taken.
set -euo pipefail
cd "$(dirname "$0")/.."

silo_port="${SILO_PORT:-11111}"
gateway_port="${GATEWAY_PORT:-30000}"
http_port="${HTTP_PORT:-8080}"
work="$(mktemp -d)"

dotnet build OrleansBank.sln -c Release -v quiet -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

echo "== starting a silo (gateway $gateway_port, HTTP $http_port, accounts in ./data/orleansbank.db); its log: $work/silo.log"
dotnet src/Silo/bin/Release/net10.0/OrleansBank.Silo.dll \
  --silo-port "$silo_port" --gateway-port "$gateway_port" --http-port "$http_port" > "$work/silo.log" 2>&1 &
silo=$!
stop_silo() { kill -TERM "$silo" 2>/dev/null || true; }
trap stop_silo EXIT

for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$http_port/health" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$silo" 2>/dev/null; then cat "$work/silo.log"; echo "the silo exited before it was ready" >&2; exit 1; fi
  sleep 0.1
done
curl -sf "http://127.0.0.1:$http_port/health" > /dev/null || { cat "$work/silo.log"; echo "the silo did not become healthy" >&2; exit 1; }

client() { dotnet src/Client/bin/Release/net10.0/orleansbank.dll --gateway "localhost:$gateway_port" "$@"; }
account="demo-$(date +%s)"

echo "== open, deposit, withdraw"
client open "$account" --owner "Ada" --initial 1000
client deposit "$account" 250.50
client withdraw "$account" 600
client withdraw "$account" 5000 || true

echo "== storm: 2,000 concurrent withdrawals of \$0.25"
client storm "$account" --count 2000 --amount 0.25

echo "== download statements concurrently over HTTP"
for i in 1 2 3; do client open "$account-$i" --initial "$i" > /dev/null; done
client download "$account" "$account-1" "$account-2" "$account-3" --out "$work/statements" --http "http://localhost:$http_port"

echo "== the race, three ways"
client race

echo "== stopping the silo"
trap - EXIT
kill -TERM "$silo"
wait "$silo"
echo "silo exited cleanly (exit code $?)"
