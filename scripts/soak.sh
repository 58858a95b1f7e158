#!/usr/bin/env bash
# Soak test: the README's main job, shortened, run again and again with CPU hogs beside it, plus `evaluate` and
# `serve` under the same load. Reports, per preset, how many runs finished and how many failed, with each failure's
# error line. Not part of CI (it takes hours); docs/reliability.md records its results.
#
# Usage: scripts/soak.sh [--runs N] [--presets "seed-rnn best seed-gru nbsvm"] [--limit N] [--epochs N] [--full] [--hogs N]
#                        [--data PATH] [--out DIR]
#   --runs N       rounds over the presets (default 10)
#   --presets LIST presets to train each round (default: every preset)
#   --limit N      reviews from each of train and test (default 4000)
#   --epochs N     epochs per run (default 2)
#   --full         the unshortened job: every review, the preset's own epochs (the README's main job is
#                  `--full --presets best`); evaluation then reads the whole test set
#   --hogs N       busy-loop processes beside the runs (default 2)
#   --data PATH    the IMDb archive (default: IMDB_SENTIMENT_DATA, else ../shared/data/aclImdb_v1_labeled.tar.gz)
#   --out DIR      where runs and the summary go (default runs/soak-TIMESTAMP); an existing DIR continues: the
#                  runs its soak.tsv already records are kept, and a run that was cut off resumes from its
#                  last checkpoint (`train --resume`), or starts again if it had none
# Exit status: 0 when every run, evaluation and service check finished, 1 otherwise.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

runs=10
presets="seed-rnn best seed-gru nbsvm"
limit=4000
epochs=2
hogs=2
data=${IMDB_SENTIMENT_DATA:-$root/../shared/data/aclImdb_v1_labeled.tar.gz}
out="runs/soak-$(date +%Y%m%d-%H%M%S)"
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --presets) presets=$2; shift 2 ;;
        --limit) limit=$2; shift 2 ;;
        --epochs) epochs=$2; shift 2 ;;
        --full) limit=""; epochs=""; shift ;;
        --hogs) hogs=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "soak: unknown option $1 (see the comment at the top of scripts/soak.sh)" >&2; exit 2 ;;
    esac
done

if [ ! -e "$data" ]; then
    echo "soak: no IMDb archive at $data; pass --data PATH or set IMDB_SENTIMENT_DATA" >&2
    exit 2
fi

mkdir -p "$out"
summary="$out/soak.tsv"
log="$out/soak.log"
[ -s "$summary" ] || printf 'kind\tname\tround\texit\tseconds\tresult\n' > "$summary"
say() { printf '%s soak: %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$log"; }

./sentiment --version > /dev/null || { echo "soak: the CLI does not build" >&2; exit 1; }

hog_pids=()
for _ in $(seq "$hogs"); do
    sh -c 'while :; do :; done' &
    hog_pids+=($!)
done
serve_pid=""
cleanup() {
    [ ${#hog_pids[@]} -gt 0 ] && kill "${hog_pids[@]}" 2> /dev/null
    [ -n "$serve_pid" ] && kill "$serve_pid" 2> /dev/null
}
trap cleanup EXIT
shape=${limit:+--limit $limit --epochs $epochs}
say "$hogs CPU hogs running; $runs rounds of: $presets (${shape:-in full}) → $out"
size=(${limit:+--limit "$limit"})
length=(${epochs:+--epochs "$epochs"})

# Whether soak.tsv already records this run (from an earlier, interrupted soak into the same folder).
recorded() { awk -F'\t' -v k="$1" -v n="$2" -v r="$3" '$1 == k && $2 == n && $3 == r { found = 1 } END { exit !found }' "$summary"; }

# Records one finished command: its exit status, time and last meaningful line.
record() {
    local kind=$1 name=$2 round=$3 status=$4 seconds=$5 stderr_file=$6 stdout_file=$7 result
    if [ "$status" -eq 0 ]; then
        result=$(grep -hE '^test: |accuracy' "$stdout_file" 2> /dev/null | head -1)
        [ -z "$result" ] && result=$(tail -1 "$stdout_file" 2> /dev/null)
    else
        result=$(grep -h 'sentiment: error:' "$stderr_file" 2> /dev/null | tail -1)
        [ -z "$result" ] && result=$(tail -1 "$stderr_file" 2> /dev/null)
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$name" "$round" "$status" "$seconds" "${result//$'\t'/ }" >> "$summary"
    say "$kind $name round $round: exit $status in ${seconds}s: $result"
}

for round in $(seq "$runs"); do
    for preset in $presets; do
        dir="$out/$preset-$round"
        recorded train "$preset" "$round" && continue
        start=$(date +%s)
        if [ -f "$dir/checkpoint.bundle" ]; then
            say "train $preset round $round: resuming the run an earlier soak left in $dir"
            ./sentiment train --resume "$dir" >> "$out/$preset-$round.stdout" 2>> "$out/$preset-$round.stderr"
        else
            rm -rf "$dir"
            ./sentiment train --preset "$preset" "${size[@]}" "${length[@]}" --data "$data" --out "$dir" \
                > "$out/$preset-$round.stdout" 2> "$out/$preset-$round.stderr"
        fi
        status=$?
        record train "$preset" "$round" "$status" $(( $(date +%s) - start )) "$out/$preset-$round.stderr" "$out/$preset-$round.stdout"
    done
done

# evaluate and serve under the same load, on the last finished model of each preset.
for preset in $presets; do
    model=$(ls -d "$out/$preset"-*/model.bundle 2> /dev/null | tail -1)
    [ -z "$model" ] && continue
    recorded evaluate "$preset" 1 && continue
    start=$(date +%s)
    ./sentiment evaluate --model "$model" "${size[@]}" --data "$data" > "$out/evaluate-$preset.stdout" 2> "$out/evaluate-$preset.stderr"
    record evaluate "$preset" 1 $? $(( $(date +%s) - start )) "$out/evaluate-$preset.stderr" "$out/evaluate-$preset.stdout"
done

# serve under the same load: 500 requests to the last finished best model (else the shipped one), then SIGTERM.
serve_check() {
    model=$(ls -d "$out"/best-*/model.bundle 2> /dev/null | tail -1)
    model=${model:-models/sentiment.bundle}
    port=$(( 20000 + RANDOM % 20000 ))
    start=$(date +%s)
    ./sentiment serve --model "$model" --urls "http://127.0.0.1:$port" > "$out/serve.stdout" 2> "$out/serve.stderr" &
    serve_pid=$!
    for _ in $(seq 120); do
        curl -fs "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break
        sleep 1
    done
    ok=0
    failed=0
    for i in $(seq 500); do
        if curl -fs "http://127.0.0.1:$port/api/predict" -H 'content-type: application/json' \
            -d "{\"texts\":[\"A fine film, number $i.\",\"Dull and far too long.\"]}" > /dev/null; then
            ok=$((ok + 1))
        else
            failed=$((failed + 1))
        fi
    done
    kill -TERM "$serve_pid"
    wait "$serve_pid"
    serve_status=$?
    serve_pid=""
    echo "$ok of 500 requests answered, $failed failed" > "$out/serve.result"
    status=$serve_status
    [ "$failed" -gt 0 ] && status=1
    record serve "$(basename "$(dirname "$model")")" 1 "$status" $(( $(date +%s) - start )) "$out/serve.stderr" "$out/serve.result"
    grep -q . "$out/serve.result" && say "serve: $(cat "$out/serve.result"), exit $serve_status after SIGTERM"
}
awk -F'\t' '$1 == "serve" { found = 1 } END { exit !found }' "$summary" || serve_check

say "summary (kind, name: finished / runs):"
awk -F'\t' 'NR > 1 { key = $1 " " $2; runs[key]++; if ($4 == 0) done[key]++ }
    END { for (k in runs) printf "  %s: %d / %d\n", k, done[k] + 0, runs[k] }' "$summary" | sort | tee -a "$log"
if awk -F'\t' 'NR > 1 && $4 != 0 { bad = 1 } END { exit bad ? 0 : 1 }' "$summary"; then
    say "FAILURES: see $summary"
    exit 1
fi
say "no failures"
exit 0
