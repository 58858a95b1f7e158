#!/usr/bin/env bash
# Peer comparison: PyTorch (Debian's python3-torch) vs the toolkit on the same seed-gru training step.
# Installs the peer if needed, runs gru_step.py and our train-step on synthetic batches of the same shape
# (T=230, B=64, lengths uniform in [0.8T, T]), and prints both JSON objects and the ratios PyTorch time / ours.
# Usage: bench/peer/run.sh [--threads 2] [--steps 10] [--packed-steps 2] [--vocab 19037]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
python=${IMDB_SENTIMENT_PYTHON:-/usr/bin/python3}
threads=2 steps=10 packed=2 vocab=19037
while [ $# -gt 0 ]; do
    case "$1" in
        --threads) threads=$2; shift 2 ;;
        --steps) steps=$2; shift 2 ;;
        --packed-steps) packed=$2; shift 2 ;;
        --vocab) vocab=$2; shift 2 ;;
        *) echo "run.sh: unexpected argument '$1'" >&2; exit 2 ;;
    esac
done

"$python" -c 'import torch' 2>/dev/null || "$root/bench/peer/install.sh"
peer=$("$python" "$root/bench/peer/gru_step.py" --threads "$threads" --steps "$steps" --packed-steps "$packed" --vocab "$vocab")
ours=$(cd "$root" && dotnet run -c Release --project bench/ImdbSentiment.Bench -- train-step --json --preset seed-gru \
    --threads "$threads" --steps "$steps" --packed-steps "$packed" --vocab "$vocab" --steps-t 230 --batch 64)
echo "$peer"
echo "$ours"
PEER="$peer" OURS="$ours" "$python" - <<'PY'
import json, os
peer, ours = json.loads(os.environ["PEER"]), json.loads(os.environ["OURS"])
result = {
    "benchmark": "peer-ratio",
    "pytorch": peer["torch_version"],
    "threads": ours["threads"],
    "toolkit_ms_per_step": ours["toolkit_ms_per_step"],
    "pytorch_unpacked_ms_per_step": peer["unpacked_ms_per_step"],
    "ratio_pytorch_unpacked_over_toolkit": round(peer["unpacked_ms_per_step"] / ours["toolkit_ms_per_step"], 3),
    "ratio_pytorch_unpacked_over_torchsharp_unpacked": round(peer["unpacked_ms_per_step"] / ours["bare_unpacked_ms_per_step"], 3),
}
if "packed_ms_per_step" in peer:
    result["pytorch_packed_ms_per_step"] = peer["packed_ms_per_step"]
    result["ratio_pytorch_packed_over_toolkit"] = round(peer["packed_ms_per_step"] / ours["toolkit_ms_per_step"], 3)
    if "bare_packed_ms_per_step" in ours:
        result["ratio_pytorch_packed_over_torchsharp_packed"] = round(peer["packed_ms_per_step"] / ours["bare_packed_ms_per_step"], 3)
print(json.dumps(result))
PY
