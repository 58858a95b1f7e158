#!/usr/bin/env bash
# Training steps on idle and on shared cores, for several ways of waiting in libtorch's OpenMP threads.
# For each round, preset and setting: `train-step` (toolkit only) idle, then beside N busy-loop processes.
# Prints one line per measurement: load, preset, setting, mean and fastest ms per step.
#
# Usage: bench/shared-cores.sh [--rounds N] [--presets "best seed-gru"] [--settings "toolkit libgomp passive"]
#                              [--hogs N] [--steps N] [--data PATH]
#   settings: toolkit (nothing set: the toolkit's short spin), libgomp (GOMP_SPINCOUNT=300000, libgomp's own default),
#             passive (OMP_WAIT_POLICY=PASSIVE), or any number (GOMP_SPINCOUNT=N)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=2
presets="best seed-gru"
settings="toolkit libgomp passive"
hogs=2
steps=6
data=${IMDB_SENTIMENT_DATA:-$root/../shared/data/aclImdb_v1_labeled.tar.gz}
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --presets) presets=$2; shift 2 ;;
        --settings) settings=$2; shift 2 ;;
        --hogs) hogs=$2; shift 2 ;;
        --steps) steps=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        *) echo "shared-cores: unknown option $1" >&2; exit 2 ;;
    esac
done

dotnet build -c Release "$root/bench/ImdbSentiment.Bench" -v q --nologo > /dev/null
bench="$root/bench/ImdbSentiment.Bench/bin/Release/net10.0/ImdbSentiment.Bench.dll"
hog_pids=()
trap '[ ${#hog_pids[@]} -gt 0 ] && kill "${hog_pids[@]}" 2> /dev/null' EXIT

step() { # load preset setting
    local load=$1 preset=$2 setting=$3 variable=()
    case $setting in
        toolkit) ;;
        libgomp) variable=(GOMP_SPINCOUNT=300000) ;;
        passive) variable=(OMP_WAIT_POLICY=PASSIVE) ;;
        *) variable=("GOMP_SPINCOUNT=$setting") ;;
    esac
    if [ "$load" = shared ]; then
        for _ in $(seq "$hogs"); do sh -c 'while :; do :; done' & hog_pids+=($!); done
    fi
    env ${variable[@]+"${variable[@]}"} dotnet "$bench" train-step --json --data "$data" --preset "$preset" --threads 2 \
        --steps "$steps" --warmup 1 --packed-steps 0 --bare 0 2> /dev/null | tail -1 |
        python3 -c 'import json, sys; d = json.load(sys.stdin); print(sys.argv[1], sys.argv[2], sys.argv[3], d["toolkit_ms_per_step"], d["toolkit_ms_per_step_min"], sep="\t")' \
            "$load" "$preset" "$setting"
    if [ ${#hog_pids[@]} -gt 0 ]; then kill "${hog_pids[@]}"; wait "${hog_pids[@]}" 2> /dev/null || true; hog_pids=(); fi
}

printf 'load\tpreset\tsetting\tmean_ms\tfastest_ms\n'
for _ in $(seq "$rounds"); do
    for preset in $presets; do
        for setting in $settings; do
            step idle "$preset" "$setting"
            step shared "$preset" "$setting"
        done
    done
done
