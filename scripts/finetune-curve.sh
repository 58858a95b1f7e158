#!/usr/bin/env bash
# The fine-tuning curve: how much a trained sentiment model helps a new task with few labels. The task is the IMDb
# star rating (8 classes, `--imdb-labels stars`); for each N, a `best` model is trained on N reviews (a seeded subset
# of the training set, split 70/30 into train and validation) from scratch and from a trained model (`--from`, a new
# output layer for the new labels), and both are scored on the same TEST reviews of the test set. A third arm, gentle,
# starts from the trained model too but trains only the new output layer in its first epoch and the layers under it at
# 0.3× the rate afterwards (--frozen-epochs 1 --body-lr-factor 0.3). A finished run is skipped when the script is run
# again with the same --out. Writes OUT/curve.tsv (every finished run); docs/results.md has the figures.
#
# Usage: scripts/finetune-curve.sh [--out DIR] [--data PATH] [--from BUNDLE] [--sizes "100 500 2000"] [--epochs N] [--test N]
#   --out DIR       where the runs go (default runs/finetune-curve)
#   --data PATH     the labeled IMDb archive (default: IMDB_SENTIMENT_DATA, else ../shared/data/aclImdb_v1_labeled.tar.gz)
#   --from BUNDLE   the trained model to start from (default models/bigru.bundle, the shipped model's recurrent member)
#   --sizes LIST    the numbers of labeled reviews N (default "100 500 2000")
#   --epochs N      epochs of every run, the best-validation one kept (default: 14,000 / N within 6–20, so small
#                   sets get many passes: 20 for N ≤ 700, 7 for N = 2,000)
#   --test N        test reviews every model is scored on (default 5000)
#   --arms LIST     which arms to run (default "scratch tuned gentle")
# Exit status: 0 when every run finished, else the failing step's.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

out=runs/finetune-curve
data=${IMDB_SENTIMENT_DATA:-$root/../shared/data/aclImdb_v1_labeled.tar.gz}
from=models/bigru.bundle
sizes="100 500 2000"
epochs=
test=5000
arms="scratch tuned gentle"
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --from) from=$2; shift 2 ;;
        --sizes) sizes=$2; shift 2 ;;
        --epochs) epochs=$2; shift 2 ;;
        --test) test=$2; shift 2 ;;
        --arms) arms=$2; shift 2 ;;
        *) echo "finetune-curve: unknown option $1 (see the comment at the top of scripts/finetune-curve.sh)" >&2; exit 2 ;;
    esac
done

mkdir -p "$out"
say() { printf '%s finetune-curve: %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$out/curve.log"; }
json_field() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['report']; print(r[sys.argv[2]])" "$1" "$2"; }

table="$out/curve.tsv.$$"
printf 'n\tstart\ttrain_reviews\taccuracy\tmacro_f1\tloss\tseconds\n' > "$table"
for n in $sizes; do
    for start in scratch tuned gentle; do
        case " $arms " in *" $start "*) ;; *) [ -s "$out/$start-$n/test-$test.json" ] || continue ;; esac
        run="$out/$start-$n"
        if [ ! -s "$run/test-$test.json" ]; then
            rm -rf "$run"
            run_epochs=${epochs:-$(( 14000 / n < 6 ? 6 : (14000 / n > 20 ? 20 : 14000 / n) ))}
            args=(train --preset best --imdb-labels stars --limit "$n" --epochs "$run_epochs" --data "$data" --out "$run")
            [ "$start" = tuned ] && args+=(--from "$from")
            [ "$start" = gentle ] && args+=(--from "$from" --frozen-epochs 1 --body-lr-factor 0.3)
            say "$start N=$n: ./sentiment ${args[*]}"
            began=$(date +%s)
            ./sentiment "${args[@]}" > "$out/$start-$n.stdout" 2> "$out/$start-$n.stderr" || { status=$?; say "$start N=$n failed ($status); see $out/$start-$n.stderr"; exit $status; }
            echo $(( $(date +%s) - began )) > "$out/$start-$n.seconds"
            ./sentiment evaluate --model "$run/model.bundle" --data "$data" --limit "$test" --json > "$run/test-$test.json.tmp" 2>> "$out/$start-$n.stderr" \
                || { status=$?; say "evaluating $start N=$n failed ($status)"; exit $status; }
            mv "$run/test-$test.json.tmp" "$run/test-$test.json"
        fi

        train_reviews=$(grep -o '[0-9,]* train / ' "$out/$start-$n.stderr" | head -1 | tr -d ', /train')
        printf '%s\t%s\t%s\t%.4f\t%.4f\t%.4f\t%s\n' "$n" "$start" "$train_reviews" "$(json_field "$run/test-$test.json" accuracy)" \
            "$(json_field "$run/test-$test.json" f1)" "$(json_field "$run/test-$test.json" loss)" "$(cat "$out/$start-$n.seconds")" >> "$table"
        say "$start N=$n: $(tail -1 "$table")"
    done
done
mv "$table" "$out/curve.tsv"
column -t -s $'\t' "$out/curve.tsv"
