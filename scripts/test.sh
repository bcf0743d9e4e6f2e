#!/usr/bin/env bash
# Runs the whole test suite and ends with one line: "tests: N passed, N failed, N skipped".
# Exits non-zero if any test failed, if no test ran, or if a test project produced no results.
set -uo pipefail
cd "$(dirname "$0")/.."

# The PostgreSQL tests run against a real server: install and start one unless a connection is given.
if [ -z "${ORLEANSBANK_POSTGRES:-}" ]; then
  ORLEANSBANK_POSTGRES="$(scripts/postgres-up.sh)" || { echo "PostgreSQL could not be made ready (see above)." >&2; exit 1; }
  case "$ORLEANSBANK_POSTGRES" in
    Host=*) ;;
    *) echo "scripts/postgres-up.sh printed something other than a connection string: '$ORLEANSBANK_POSTGRES'" >&2; exit 1 ;;
  esac
  export ORLEANSBANK_POSTGRES
fi

results="${TEST_RESULTS_DIR:-TestResults}"
rm -rf "$results"

dotnet test OrleansBank.sln --logger trx --results-directory "$results" "$@"
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
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
