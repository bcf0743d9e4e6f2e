#!/usr/bin/env bash
# A local cluster: N silos on this machine sharing ./data (one SQLite store, so one cluster).
#   scripts/cluster.sh start N   start silos 0..N-1 (silo port 11111+i, gateway 30000+i, HTTP 8080+i); returns once all are active
#   scripts/cluster.sh stop      SIGTERM every silo it started, and wait for each to exit
#   scripts/cluster.sh kill I    SIGKILL silo I (a crash: the others declare it dead within seconds)
#   scripts/cluster.sh restart I stop silo I if it runs, start it again (a new generation), wait until it is active
#   scripts/cluster.sh status    the cluster as a table (orleansbank cluster)
# PID files and logs: data/cluster/silo-I.pid and data/cluster/silo-I.log. Set DATA=folder to use another data folder,
# START_TIMEOUT=seconds (default 60) to wait longer for a slow machine, SILO_PORT/GATEWAY_PORT/HTTP_PORT to move the
# first silo's ports (the others follow), PORT_OFFSET=n to add n to every port (a second cluster beside the first).
set -euo pipefail
cd "$(dirname "$0")/.."

data="${DATA:-data}"
state="$data/cluster"
timeout_s="${START_TIMEOUT:-60}"
off="${PORT_OFFSET:-0}"
[[ "$off" =~ ^[0-9]+$ ]] || { echo "error: PORT_OFFSET must be a whole number, 0 or more (it is added to every port)." >&2; exit 2; }
silo_base=$(( ${SILO_PORT:-11111} + off ))
gateway_base=$(( ${GATEWAY_PORT:-30000} + off ))
http_base=$(( ${HTTP_PORT:-8080} + off ))
silo_dll=src/Silo/bin/Release/net10.0/OrleansBank.Silo.dll
client_dll=src/Client/bin/Release/net10.0/orleansbank.dll

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "error: $*" >&2; exit 1; }

# Builds once: only when an executable is missing (run `dotnet build -c Release` yourself after changing the code).
build() {
  if [ ! -f "$silo_dll" ] || [ ! -f "$client_dll" ]; then
    echo "== building (Release)"
    mkdir -p "$state"
    dotnet build OrleansBank.sln -c Release -v quiet -nologo > "$state/build.log" 2>&1 || { cat "$state/build.log" >&2; exit 1; }
  fi
}

pid_of() { cat "$state/silo-$1.pid" 2> /dev/null || true; }
running() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2> /dev/null; }
index() { [[ "${1:-}" =~ ^[0-9]+$ ]] || die "give the silo's index, a whole number such as 0 (see scripts/cluster.sh status)."; }

start_one() {
  local i=$1
  running "$i" && die "silo $i already runs (pid $(pid_of "$i")); stop it first, or use restart $i."
  mkdir -p "$state"
  dotnet "$silo_dll" --data "$data" --silo-port $((silo_base + i)) --gateway-port $((gateway_base + i)) --http-port $((http_base + i)) \
    > "$state/silo-$i.log" 2>&1 &
  echo $! > "$state/silo-$i.pid"
  echo "   silo $i: pid $!, gateway localhost:$((gateway_base + i)), HTTP http://127.0.0.1:$((http_base + i)), log $state/silo-$i.log"
}

# Waits until every silo in "$@" is active in silo ${1}'s GET /cluster, or says which were not by the deadline.
wait_active() {
  local deadline=$((SECONDS + timeout_s)) i missing
  while true; do
    missing=""
    for i in "$@"; do
      running "$i" || { tail -5 "$state/silo-$i.log" >&2; die "silo $i exited before it was active (its log: $state/silo-$i.log)."; }
      curl -sf "http://127.0.0.1:$((http_base + $1))/cluster" 2> /dev/null \
        | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if any(s['status']=='active' and s.get('activations') is not None and (s.get('gateway') or '').endswith(':$((gateway_base + i))') for s in d['silos']) else 1)" 2> /dev/null \
        || missing="$missing $i"
    done
    [ -z "$missing" ] && return 0
    [ $SECONDS -ge "$deadline" ] && die "silos$missing were not active in /cluster within ${timeout_s}s (logs: $state/silo-I.log; START_TIMEOUT=seconds waits longer)."
    sleep 0.5
  done
}

stop_one() {
  local i=$1 p
  p=$(pid_of "$i")
  if [ -n "$p" ] && kill -0 "$p" 2> /dev/null; then
    kill -TERM "$p"
    while kill -0 "$p" 2> /dev/null; do sleep 0.2; done
    echo "   silo $i (pid $p) stopped"
  fi
  rm -f "$state/silo-$i.pid"
}

indices() { ls "$state"/silo-*.pid 2> /dev/null | sed 's/.*silo-\([0-9]*\)\.pid/\1/' | sort -n; }

case "${1:-}" in
  start)
    n="${2:-3}"
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "start takes the number of silos, at least 1, e.g. scripts/cluster.sh start 3."
    build
    echo "== starting $n silos sharing $data/"
    for i in $(seq 0 $((n - 1))); do start_one "$i"; done
    wait_active $(seq 0 $((n - 1)))
    echo "== all $n silos are active"
    ;;
  stop)
    for i in $(indices); do stop_one "$i"; done
    ;;
  kill)
    index "${2:-}"
    running "$2" || die "silo $2 is not running."
    kill -KILL "$(pid_of "$2")"
    rm -f "$state/silo-$2.pid"
    echo "   silo $2 killed (SIGKILL)"
    ;;
  restart)
    index "${2:-}"
    build
    stop_one "$2"
    start_one "$2"
    wait_active "$2"
    echo "== silo $2 is active again"
    ;;
  status)
    build
    for i in $(indices); do
      if running "$i"; then
        exec dotnet "$client_dll" --gateway "localhost:$((gateway_base + i))" cluster "${@:2}"
      fi
    done
    die "no silo of this cluster runs; start some with scripts/cluster.sh start 3."
    ;;
  *) usage ;;
esac
