#!/usr/bin/env bash
# Project tasks. Usage: ./build.sh [build|test|bench NAME...]
#   build   build every project in Release
#   test    run all tests (set IMDB_SENTIMENT_DATA=PATH to include the tests on the real IMDb archive)
#   bench   run a macro benchmark: ./build.sh bench tokenize --json
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
task=${1:-build}
[ $# -gt 0 ] && shift
scripts/setup.sh --quiet

case "$task" in
    build)
        dotnet build ImdbSentiment.slnx -c Release --nologo -v quiet -clp:ErrorsOnly
        ;;
    test)
        log=$(mktemp)
        trap 'rm -f "$log"' EXIT
        set +e
        dotnet test ImdbSentiment.slnx -c Release --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" \
            | grep -vE '^\s+Passed |^\s*$'
        status=${PIPESTATUS[0]}
        set -e
        count() { sed -nE "s/^ *$1: *([0-9]+) *$/\\1/p" "$log" | awk '{s+=$1} END {print s+0}'; }
        passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
        echo "Tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
        exit "$status"
        ;;
    bench)
        dotnet run -c Release --project bench/ImdbSentiment.Bench -- "$@"
        ;;
    *)
        echo "build.sh: unknown task '$task' (expected build, test or bench)" >&2
        exit 2
        ;;
esac
