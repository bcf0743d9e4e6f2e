#!/usr/bin/env bash
# Downloads N statements from a local silo twice: with the async download command, and with one blocking
# thread per download (--threads). Prints wall time and peak memory of each, for N = 1,000 and 10,000.
# Usage: bench/download.sh [N ...]   (ports: GATEWAY_PORT, HTTP_PORT; defaults 31000, 8181)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
# shellcheck disable=SC2206
sizes=(${sizes[@]})
gateway_port="${GATEWAY_PORT:-31000}"
http_port="${HTTP_PORT:-8181}"
work="$(mktemp -d)"

dotnet build OrleansBank.sln -c Release -v quiet -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet src/Silo/bin/Release/net10.0/OrleansBank.Silo.dll --silo-port 0 --gateway-port "$gateway_port" --http-port "$http_port" > "$work/silo.log" 2>&1 &
silo=$!
trap 'kill -TERM $silo 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$http_port/health" > /dev/null 2>&1 && break; sleep 0.1; done

max=0; for n in "${sizes[@]}"; do [ "$n" -gt "$max" ] && max=$n; done
echo "seeding $max accounts with 21 ledger entries each..." >&2
dotnet bench/OrleansBank.Benchmarks/bin/Release/net10.0/OrleansBank.Benchmarks.dll --seed "localhost:$gateway_port" "$max" "s-"

field() { grep -o "\"$1\":[0-9.]*" <<< "$2" | cut -d: -f2; }
echo "| Statements | Way | Files | Bytes | Wall time (s) | Peak memory (MiB) |"
echo "|---:|---|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  mapfile -t accounts < <(seq 0 $((n - 1)) | sed 's/^/s-/')
  for way in async threads; do
    flag=(); [ "$way" = threads ] && flag=(--threads)
    out=$(dotnet src/Client/bin/Release/net10.0/orleansbank.dll download "${accounts[@]}" --out "$work/$way-$n" --http "http://127.0.0.1:$http_port" --json "${flag[@]}")
    peak=$(field peakMemoryBytes "$out")
    echo "| $n | $way | $(field files "$out") | $(field bytes "$out") | $(field seconds "$out") | $((peak / 1048576)) |"
  done
done
