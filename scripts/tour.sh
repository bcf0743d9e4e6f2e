#!/usr/bin/env bash
# The single-silo tour: start a local silo, drive it with every client command, then stop the silo cleanly.
# Ports can be moved with SILO_PORT, GATEWAY_PORT and HTTP_PORT if the defaults are taken.
set -euo pipefail
cd "$(dirname "$0")/.."

silo_port="${SILO_PORT:-11111}"
gateway_port="${GATEWAY_PORT:-30000}"
http_port="${HTTP_PORT:-8080}"
silo=""
work="$(mktemp -d)"

# Whatever ends the script (an error, Ctrl+C, the end), the silo it started stops and its temporary folder goes.
cleanup() {
  if [ -n "$silo" ] && kill -0 "$silo" 2> /dev/null; then
    kill -TERM "$silo" 2> /dev/null || true
    wait "$silo" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The silo's log lives in the temporary folder, so it is shown here, not left behind.
show_log() { echo "-- the silo's log:" >&2; cat "$work/silo.log" >&2 || true; }

# A port that answers on loopback belongs to another process (often a silo already running): the client would drive
# that one instead, so stop before building anything.
port_in_use() { timeout 2 bash -c "exec 3<> /dev/tcp/127.0.0.1/$1" 2> /dev/null; }
for named in "silo:SILO_PORT:$silo_port" "gateway:GATEWAY_PORT:$gateway_port" "HTTP:HTTP_PORT:$http_port"; do
  IFS=: read -r what variable port <<< "$named"
  if port_in_use "$port"; then
    echo "error: the $what port $port is already in use (a silo already running?): stop that process, or pick another port with $variable=PORT." >&2
    exit 1
  fi
done

dotnet build OrleansBank.sln -c Release -v quiet -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

echo "== starting a silo (silo port $silo_port, gateway $gateway_port, HTTP $http_port, accounts in ./data/orleansbank.db)"
dotnet src/Silo/bin/Release/net10.0/OrleansBank.Silo.dll \
  --silo-port "$silo_port" --gateway-port "$gateway_port" --http-port "$http_port" > "$work/silo.log" 2>&1 &
silo=$!

ready=false
for _ in $(seq 1 100); do
  if ! kill -0 "$silo" 2> /dev/null; then
    show_log
    echo "error: the silo exited before it was ready (see its log above)." >&2
    exit 1
  fi
  if curl -sf "http://127.0.0.1:$http_port/health" > /dev/null 2>&1; then ready=true; break; fi
  sleep 0.1
done
if [ "$ready" != true ]; then
  show_log
  echo "error: the silo did not become healthy within 10 s (see its log above)." >&2
  exit 1
fi

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
kill -TERM "$silo"
code=0
wait "$silo" || code=$?
silo=""
if [ "$code" -ne 0 ]; then
  show_log
  echo "error: the silo exited with code $code (see its log above)." >&2
  exit 1
fi
echo "silo exited cleanly (exit code 0)"
