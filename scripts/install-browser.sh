#!/usr/bin/env bash
# Installs Debian's chromium for the headless-browser test of `sentiment serve`'s page. Idempotent: does
# nothing when /usr/bin/chromium exists. Needs Debian (or a derivative) and root; elsewhere prints the
# instruction and exits 1. Playwright's own browser download is never used: the test drives this chromium.
set -euo pipefail

browser=/usr/bin/chromium
say() { printf 'install-browser: %s\n' "$*"; }

if [ -x "$browser" ]; then
    say "$browser is present ($("$browser" --version 2>/dev/null || echo 'version unknown'))"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    say "no apt-get here: install Chromium so that $browser exists, then rerun the tests" >&2
    exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
    say "run as root, or run: sudo apt-get update && sudo apt-get install -y chromium" >&2
    exit 1
fi

say "installing chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
if [ ! -x "$browser" ]; then
    say "apt-get finished but $browser is still missing" >&2
    exit 1
fi
say "installed $("$browser" --version 2>/dev/null || echo chromium)"
