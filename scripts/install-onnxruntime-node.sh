#!/usr/bin/env bash
# Installs ONNX Runtime's Node.js binding (onnxruntime-node, from the npm registry) for the second, independent check of
# the ONNX export (tests/ImdbSentiment.Tests/Interop/NodeOnnxRuntimeTests). Python's onnxruntime would be the usual
# second runtime, but Debian 12 does not package it and PyPI is not reachable here. Idempotent: checks first.
#  - Installs into IMDB_SENTIMENT_ORT_NODE, default ${XDG_CACHE_HOME:-~/.cache}/imdb-sentiment/onnxruntime-node.
#  - Needs node and npm (Debian: apt-get install nodejs npm).
set -euo pipefail

version=1.30.0
dir=${IMDB_SENTIMENT_ORT_NODE:-${XDG_CACHE_HOME:-$HOME/.cache}/imdb-sentiment/onnxruntime-node}
say() { printf 'install-onnxruntime-node: %s\n' "$*"; }
fail() { printf 'install-onnxruntime-node: error: %s\n' "$*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || fail "node is not installed (Debian: apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed (Debian: apt-get install npm)"

installed() { node -e "process.stdout.write(require('$dir/node_modules/onnxruntime-node/package.json').version)" 2>/dev/null; }
if [ "$(installed || true)" = "$version" ]; then
    say "onnxruntime-node $version is already in $dir; nothing to do"
    exit 0
fi

mkdir -p "$dir"
say "installing onnxruntime-node $version into $dir (npm)"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "onnxruntime-node@$version" >/dev/null
[ "$(installed || true)" = "$version" ] || fail "npm finished but $dir/node_modules/onnxruntime-node is not version $version"
say "installed onnxruntime-node $version in $dir"
