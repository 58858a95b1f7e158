#!/usr/bin/env bash
# Installs PyTorch for the PyTorch interop tests (tests/ImdbSentiment.Tests/Interop). Idempotent: checks first.
#  - The tests run IMDB_SENTIMENT_PYTHON, or Debian's /usr/bin/python3 when it is unset (not whatever python3 is
#    first on PATH: a pyenv or venv interpreter usually lacks torch).
#  - If that interpreter already imports torch, nothing is done.
#  - Otherwise, on Debian as root, `apt-get install python3-torch` from the default release (Debian 12 bookworm
#    ships PyTorch 1.13.1). A suite pinned low, such as the trixie suite scripts/setup.sh adds for libstdc++6, is
#    never used: the install is simulated first and refused if any package would come from another release.
#  - Elsewhere it prints what to install and exits 1.
set -euo pipefail

python=${IMDB_SENTIMENT_PYTHON:-/usr/bin/python3}
say() { printf 'install-python-torch: %s\n' "$*"; }
fail() { printf 'install-python-torch: error: %s\n' "$*" >&2; exit 1; }

torch_version() { "$python" -c 'import torch; print(torch.__version__)' 2>/dev/null; }

if version=$(torch_version); then
    say "PyTorch $version is already importable from $python; nothing to do"
    exit 0
fi

if [ "$python" != /usr/bin/python3 ]; then
    fail "IMDB_SENTIMENT_PYTHON=$python cannot import torch; install it there (e.g. '$python -m pip install torch') or unset IMDB_SENTIMENT_PYTHON to use Debian's python3-torch"
fi

is_debian() { [ -r /etc/os-release ] && (. /etc/os-release && [ "${ID:-}" = debian ]) && command -v apt-get >/dev/null 2>&1; }
if ! is_debian; then
    fail "/usr/bin/python3 cannot import torch; install PyTorch for it (Debian/Ubuntu: 'apt-get install python3-torch'; elsewhere: 'python3 -m pip install torch') or set IMDB_SENTIMENT_PYTHON to a python with torch"
fi
if [ "$(id -u)" -ne 0 ]; then
    fail "/usr/bin/python3 cannot import torch; run this script as root, or run 'sudo apt-get install python3-torch'"
fi

export DEBIAN_FRONTEND=noninteractive
candidate() { apt-cache policy python3-torch 2>/dev/null | awk '/Candidate:/ {print $2}'; }
if [ -z "$(candidate)" ] || [ "$(candidate)" = "(none)" ]; then
    say "refreshing the package lists"
    apt-get update -qq
fi
[ -n "$(candidate)" ] && [ "$(candidate)" != "(none)" ] || fail "no python3-torch package in the configured Debian suites"

# Simulate first: every package must come from the release that provides python3-torch's candidate
# (e.g. "Debian:12.x" and "Debian-Security:12"), never from a suite pinned low such as trixie.
plan=$(apt-get install -s --no-install-recommends python3-torch)
release=$(printf '%s\n' "$plan" | sed -nE 's/^Inst python3-torch .*\(([^ ]+) Debian:([0-9]+)[.\/].*/\2/p' | head -n1)
[ -n "$release" ] || fail "cannot tell which Debian release python3-torch $(candidate) comes from"
foreign=$(printf '%s\n' "$plan" | grep '^Inst ' | grep -vE "\((\S+) (Debian|Debian-Security):$release[./]" || true)
if [ -n "$foreign" ]; then
    printf '%s\n' "$foreign" >&2
    fail "installing python3-torch would take the packages above from a release other than Debian $release; install it by hand"
fi

say "installing python3-torch $(candidate) from Debian $release ($(printf '%s\n' "$plan" | grep -c '^Inst ') packages)"
apt-get install -y -qq --no-install-recommends python3-torch >/dev/null
version=$(torch_version) || fail "python3-torch is installed but '$python -c \"import torch\"' still fails"
say "PyTorch $version is now importable from $python"
