#!/usr/bin/env bash
# Runs the whole test suite and ends with one line: "tests: N passed, N failed, N skipped".
# Exits non-zero if any test failed, if no test ran, if a test project produced no results, or if tests were left out.
#
# Some tests need more than the SDK; they carry a trait, and are left out (loudly) when it cannot be met:
#   Needs=postgres  a PostgreSQL server: ORLEANSBANK_POSTGRES, or (as root) the one scripts/postgres-up.sh starts
#   Needs=root      root, to install PostgreSQL and to start and stop a cluster of the test's own
#   Needs=chromium  a chromium for the dashboard's browser tests: ORLEANSBANK_CHROMIUM, or (as root) the one scripts/chromium-up.sh installs
# Without root and without ORLEANSBANK_POSTGRES, every other test still runs, and the script then fails naming the rest.
set -uo pipefail
cd "$(dirname "$0")/.."

is_root=false
[ "$(id -u)" -eq 0 ] && is_root=true
missing=() # the traits whose tests cannot run here

# Clusters this script (or a test it runs) started are stopped at the end; ones already running are left alone.
answers() { command -v pg_isready > /dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p "$1"; }
# The fault tests' own cluster (StoreFaultTests). Its port is below Linux's ephemeral range (32768-60999): a port
# in that range can be taken, at the moment the cluster starts, by the local end of any test's outgoing connection.
faults_port=25432
faults_were_up=false
answers "$faults_port" && faults_were_up=true
started_main=false
stop_started_clusters() {
  [ "$is_root" = true ] || return 0
  if [ "$faults_were_up" = false ] && answers "$faults_port"; then
    scripts/postgres-up.sh --cluster orleansbank_faults --port "$faults_port" --stop || true
  fi
  if [ "$started_main" = true ]; then
    scripts/postgres-up.sh --stop || true
  fi
}
trap stop_started_clusters EXIT

# The PostgreSQL tests run against a real server: install and start one unless a connection is given.
if [ -z "${ORLEANSBANK_POSTGRES:-}" ]; then
  if [ "$is_root" = true ]; then
    answers 5432 || started_main=true
    ORLEANSBANK_POSTGRES="$(scripts/postgres-up.sh)" || { echo "PostgreSQL could not be made ready (see above)." >&2; exit 1; }
    case "$ORLEANSBANK_POSTGRES" in
      Host=*) ;;
      *) echo "scripts/postgres-up.sh printed something other than a connection string: '$ORLEANSBANK_POSTGRES'" >&2; exit 1 ;;
    esac
    export ORLEANSBANK_POSTGRES
  else
    missing+=(postgres)
  fi
fi
[ "$is_root" = true ] || missing+=(root)

# The dashboard's browser tests drive a real chromium through Playwright (never a downloaded one): find or install it.
if [ -z "${ORLEANSBANK_CHROMIUM:-}" ]; then
  if ORLEANSBANK_CHROMIUM="$(scripts/chromium-up.sh)"; then
    export ORLEANSBANK_CHROMIUM
  else
    missing+=(chromium)
  fi
fi

filter=()
if [ ${#missing[@]} -gt 0 ]; then
  condition=""
  for need in "${missing[@]}"; do condition="${condition:+$condition&}Needs!=$need"; done
  filter=(--filter "$condition")
  echo "Not running the tests that need ${missing[*]} (see the end); running every other test." >&2
fi

results="${TEST_RESULTS_DIR:-TestResults}"
rm -rf "$results"

dotnet test OrleansBank.sln --logger trx --results-directory "$results" "${filter[@]}" "$@"
test_exit=$?

projects=$(find tests -name '*.csproj' | wc -l)
trx_files=$(find "$results" -name '*.trx' 2>/dev/null | wc -l)
sum() { # sum one attribute of the <Counters> element over every TRX file
  find "$results" -name '*.trx' -exec grep -ho "<Counters [^>]*" {} + 2>/dev/null \
    | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'
}
passed=$(sum passed)
failed=$(( $(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted) ))
skipped=$(sum notExecuted)

status=0
if [ "$test_exit" -ne 0 ] || [ "$failed" -gt 0 ]; then
  echo "The test run failed (dotnet test exit code $test_exit)." >&2
  status=1
fi
if [ "$trx_files" -lt "$projects" ]; then
  echo "Only $trx_files of $projects test projects reported results: a test host crashed or a project ran nothing." >&2
  status=1
fi
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
# Names the source files of the tests left out, so nobody mistakes a partial run for a full one.
for need in "${missing[@]}"; do
  echo "error: NOT RUN: the tests that need $need, in:" >&2
  grep -rl --include='*.cs' "Trait(\"Needs\", \"$need\")" tests | sort | sed 's/^/  /' >&2
  case "$need" in
    postgres) echo "  To run them, give a PostgreSQL server: export ORLEANSBANK_POSTGRES='Host=127.0.0.1;Port=5432;Username=...;Password=...;Database=...' (a database the user may create tables in), or run scripts/test.sh as root, which installs and starts one with scripts/postgres-up.sh." >&2 ;;
    chromium) echo "  To run them, install chromium (scripts/chromium-up.sh as root does: apt-get install chromium) or set ORLEANSBANK_CHROMIUM to a chromium executable." >&2 ;;
    root) echo "  To run them, run scripts/test.sh as root (sudo scripts/test.sh): they install PostgreSQL and start and stop a cluster of their own on port $faults_port." >&2 ;;
  esac
  status=1
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
