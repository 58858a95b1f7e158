#!/usr/bin/env bash
# Installs the load generator the serve benchmark prefers: wrk (Debian package). Idempotent. Without it the
# benchmark falls back to an in-process HttpClient generator. Run as root (or prefix with sudo).
set -euo pipefail
if command -v wrk >/dev/null 2>&1; then
    echo "install-tools: wrk is already installed ($(command -v wrk))"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-tools: no apt-get; install wrk with your package manager (https://github.com/wg/wrk)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
echo "install-tools: installed $(command -v wrk)"
