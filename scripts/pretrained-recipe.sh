#!/usr/bin/env bash
# The `best` recipe, end to end: a language model on the train split's and the unlabeled reviews' text; a `best`
# classifier started from it gently (the first epoch trains only its output layer, then the body at 0.3 × the rate); an
# NBSVM that reads text the same way; their ensemble, which then teaches a second NBSVM on the unlabeled reviews it is
# confident about (self-training; words seen once are left out of that NBSVM's vocabulary); and the final ensemble of
# the classifier and that NBSVM. Every step resumes where it stopped when the script is run again with the same --out
# (a step that finished is skipped), so the recipe can span several sittings. Records each step's exit status and wall
# time in OUT/recipe.tsv; docs/results.md has the figures.
#
# Usage: scripts/pretrained-recipe.sh [--out DIR] [--data PATH] [--unlabeled PATH] [--limit N] [--pretrain-epochs N] [--epochs N]
#   --out DIR            where the runs go (default runs/pretrained)
#   --data PATH          the labeled IMDb archive (default: IMDB_SENTIMENT_DATA, else ../shared/data/aclImdb_v1_labeled.tar.gz)
#   --unlabeled PATH     the unlabeled reviews (default: pretrain's own search, see `sentiment pretrain --help`)
#   --limit N            quick runs: N labeled train and test reviews and N unlabeled ones
#   --pretrain-epochs N  language-model epochs (default: the pretrain preset's; also changes a resumed run's count)
#   --epochs N           classifier epochs (default: the best preset's; also changes a resumed run's count)
# Exit status: 0 when every step finished, else the failing step's.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

out=runs/pretrained
data=${IMDB_SENTIMENT_DATA:-$root/../shared/data/aclImdb_v1_labeled.tar.gz}
unlabeled=()
limit=()
pretrain_epochs=()
epochs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --unlabeled) unlabeled=(--unlabeled "$2"); shift 2 ;;
        --limit) limit=(--limit "$2"); shift 2 ;;
        --pretrain-epochs) pretrain_epochs=(--epochs "$2"); shift 2 ;;
        --epochs) epochs=(--epochs "$2"); shift 2 ;;
        *) echo "pretrained-recipe: unknown option $1 (see the comment at the top of scripts/pretrained-recipe.sh)" >&2; exit 2 ;;
    esac
done

mkdir -p "$out"
summary="$out/recipe.tsv"
[ -s "$summary" ] || printf 'step\texit\tseconds\n' > "$summary"
say() { printf '%s pretrained-recipe: %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$out/recipe.log"; }

# Runs one step unless its done-marker exists; a step cut off earlier resumes with RESUME instead of START.
step() {
    local name=$1 dir=$2 start_cmd=$3 resume_cmd=$4
    if [ -f "$dir/.done" ]; then
        say "$name: done earlier"
        return 0
    fi

    local began status
    began=$(date +%s)
    if [ -n "$resume_cmd" ] && [ -f "$dir/checkpoint.bundle" ]; then
        say "$name: resuming in $dir"
        eval "$resume_cmd" >> "$dir.stdout" 2>> "$dir.stderr"
    else
        rm -rf "$dir"
        say "$name: starting in $dir"
        eval "$start_cmd" > "$dir.stdout" 2> "$dir.stderr"
    fi
    status=$?
    printf '%s\t%s\t%s\n' "$name" "$status" $(( $(date +%s) - began )) >> "$summary"
    if [ "$status" -ne 0 ]; then
        say "$name: exit $status; see $dir.stderr (rerun this script to resume)"
        exit "$status"
    fi

    touch "$dir/.done"
    say "$name: $(tail -n 2 "$dir.stdout" | head -n 1)"
}

./sentiment --version > /dev/null || { echo "pretrained-recipe: the CLI does not build" >&2; exit 1; }
step pretrain "$out/pretrain" \
    './sentiment pretrain --data "$data" "${unlabeled[@]}" "${limit[@]}" "${pretrain_epochs[@]}" --out "$out/pretrain"' \
    './sentiment pretrain --resume "$out/pretrain" --data "$data" "${pretrain_epochs[@]}"'
step classifier "$out/best" \
    './sentiment train --preset best --from "$out/pretrain/model.bundle" --frozen-epochs 1 --body-lr-factor 0.3 --data "$data" "${limit[@]}" "${epochs[@]}" --out "$out/best"' \
    './sentiment train --resume "$out/best" --data "$data" "${epochs[@]}"'
step nbsvm "$out/nbsvm" \
    './sentiment train --preset nbsvm --normalize-br --ngram-buckets 2097152 --data "$data" "${limit[@]}" --out "$out/nbsvm"' \
    './sentiment train --resume "$out/nbsvm" --data "$data"'
step teacher "$out/teacher" \
    'mkdir -p "$out/teacher" && ./sentiment ensemble --member "$out/best/model.bundle" --member "$out/nbsvm/model.bundle" --data "$data" --out "$out/teacher/model.bundle"' \
    ''
step nbsvm-self "$out/nbsvm-self" \
    './sentiment train --preset nbsvm --normalize-br --ngram-buckets 2097152 --min-freq 2 --teacher "$out/teacher/model.bundle" "${unlabeled[@]}" --data "$data" "${limit[@]}" --out "$out/nbsvm-self"' \
    './sentiment train --resume "$out/nbsvm-self" --data "$data"'
step ensemble "$out/ensemble" \
    'mkdir -p "$out/ensemble" && ./sentiment ensemble --member "$out/best/model.bundle" --member "$out/nbsvm-self/model.bundle" --data "$data" --out "$out/ensemble/model.bundle"' \
    ''
say "finished: $out/ensemble/model.bundle"
