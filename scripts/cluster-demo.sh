#!/usr/bin/env bash
# The cluster demo: three silos sharing ./data, a storm of deposits over many accounts through all three gateways,
# one silo SIGKILLed mid-storm, then every operation answered and the money conserved.
# Uses scripts/cluster.sh (ports: silo 11111+i, gateway 30000+i, HTTP 8080+i). ACCOUNTS=N (default 30), ROUNDS=N (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."

accounts="${ACCOUNTS:-30}"
rounds="${ROUNDS:-10}"
client_dll=src/Client/bin/Release/net10.0/orleansbank.dll
failures="$(mktemp)"
cleanup() { scripts/cluster.sh stop > /dev/null 2>&1 || true; rm -f "$failures"; }
trap cleanup EXIT
trap 'exit 130' INT

scripts/cluster.sh start 3
# Every command names all three gateways: a client whose gateway dies moves on to another.
client() { dotnet "$client_dll" --gateway localhost:30000 --gateway localhost:30001 --gateway localhost:30002 "$@"; }
prefix="demo-$(date +%s)"

echo "== opening $accounts accounts with \$100 each"
for a in $(seq 1 "$accounts"); do client open "$prefix-$a" --initial 100 > /dev/null; done

echo "== storm: $rounds rounds of a \$1 deposit to every account, each with an operation id; silo 2 is killed mid-storm"
for r in $(seq 1 "$rounds"); do
  [ "$r" -eq $((rounds / 2 + 1)) ] && scripts/cluster.sh kill 2
  for a in $(seq 1 "$accounts"); do
    # A call cut by the kill is repeated with the same operation id: applied once, whatever happened the first time.
    client deposit "$prefix-$a" 1 --op-id "$prefix-$r-$a" > /dev/null 2>&1 \
      || client deposit "$prefix-$a" 1 --op-id "$prefix-$r-$a" > /dev/null 2>&1 \
      || echo "deposit $r to $prefix-$a was not answered" >> "$failures"
  done &
done
wait
if [ -s "$failures" ]; then
  cat "$failures" >&2
  echo "error: $(wc -l < "$failures") operations were not answered" >&2
  exit 1
fi
echo "   every one of $((accounts * rounds)) deposits was answered"

echo "== the cluster after the kill"
scripts/cluster.sh status

total=0
for a in $(seq 1 "$accounts"); do
  balance=$(client balance "$prefix-$a" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["balance"])')
  total=$(python3 -c "from decimal import Decimal; print(Decimal('$total') + Decimal('$balance'))")
done
expected=$((accounts * (100 + rounds)))
echo "== money: $total in $accounts accounts; expected $expected (\$100 each plus $rounds deposits of \$1)"
python3 -c "from decimal import Decimal; import sys; sys.exit(0 if Decimal('$total') == Decimal('$expected') else 1)" \
  || { echo "error: the money is not conserved" >&2; exit 1; }
echo "every operation answered, and every cent is there"
