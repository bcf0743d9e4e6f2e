#!/usr/bin/env bash
# Failure detection: SIGKILL a silo of a local 3-silo cluster, time until every survivor's GET /cluster shows it dead;
# 20 kills (KILLS=n), p50/p99 (docs/BENCHMARKS.md). Runs in a new temporary data folder on PORT_OFFSET (default 500),
# so it does not meet a cluster already running from ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="$(mktemp -d /tmp/orleansbank-failure-XXXXXX)"
export DATA PORT_OFFSET="${PORT_OFFSET:-500}" SILOS="${SILOS:-3}"
trap 'scripts/cluster.sh stop > /dev/null; rm -rf "$DATA"' EXIT
scripts/cluster.sh start "$SILOS" > /dev/null
python3 bench/failure_detection.py
