#!/usr/bin/env bash
# Prepares this machine to build and run imdb-sentiment. Idempotent: checks first, changes only what is missing.
#  - the .NET 10 SDK must be on PATH (this script cannot install it for you);
#  - TorchSharp 0.107.0's native shim needs libstdc++ with the symbol version GLIBCXX_3.4.32 (GCC 13+).
#    Debian 12 ships GCC 12's libstdc++ (up to GLIBCXX_3.4.30); there, as root, this script adds the
#    Debian trixie suite with an apt pin of priority 100 (nothing comes from it unless asked) and runs
#    `apt-get install -t trixie libstdc++6`. Elsewhere it prints the instruction and exits 1.
set -euo pipefail

required_glibcxx=GLIBCXX_3.4.32
say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

check_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        fail "the .NET 10 SDK is not installed (no 'dotnet' on PATH); install it from https://dot.net and rerun"
    fi
    if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
        fail "the .NET 10 SDK is required; found: $(dotnet --list-sdks 2>/dev/null | tr '\n' ' ')"
    fi
}

libstdcxx_path() {
    local path
    path=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64|libstdc\+\+\.so\.6 .*AArch64/ {print $NF; exit}')
    if [ -z "$path" ]; then
        for candidate in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
            [ -e "$candidate" ] && { path=$candidate; break; }
        done
    fi
    printf '%s' "$path"
}

has_required_glibcxx() {
    local lib
    lib=$(libstdcxx_path)
    [ -n "$lib" ] && grep -qa "$required_glibcxx" "$lib"
}

is_debian_12() {
    [ -r /etc/os-release ] && . /etc/os-release && [ "${ID:-}" = debian ] && [ "${VERSION_ID:-}" = 12 ]
}

install_trixie_libstdcxx() {
    local sources=/etc/apt/sources.list.d/imdb-sentiment-trixie.sources
    local pin=/etc/apt/preferences.d/imdb-sentiment-trixie
    say "libstdc++ lacks $required_glibcxx (TorchSharp needs GCC 13+'s libstdc++); installing libstdc++6 from Debian trixie"
    if [ ! -e "$sources" ]; then
        say "adding $sources (Debian trixie suite)"
        cat > "$sources" <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
    fi
    if [ ! -e "$pin" ]; then
        say "adding $pin (priority 100: nothing is taken from trixie unless asked for)"
        cat > "$pin" <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
    fi
    say "running: apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    say "running: apt-get install -t trixie libstdc++6"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie libstdc++6 >/dev/null
    has_required_glibcxx || fail "libstdc++6 from trixie was installed but $required_glibcxx is still missing"
    say "done: $(libstdcxx_path) now provides $required_glibcxx"
}

check_dotnet
if has_required_glibcxx; then
    [ "${1:-}" = "--quiet" ] || say "ok: .NET 10 SDK present; $(libstdcxx_path) provides $required_glibcxx"
    exit 0
fi
if is_debian_12 && [ "$(id -u)" = 0 ]; then
    install_trixie_libstdcxx
    exit 0
fi
if is_debian_12; then
    fail "libstdc++ lacks $required_glibcxx; rerun as root: sudo scripts/setup.sh (adds Debian trixie pinned at priority 100, then apt-get install -t trixie libstdc++6)"
fi
fail "libstdc++ lacks $required_glibcxx, which TorchSharp 0.107.0 needs; install libstdc++ from GCC 13 or newer (your distribution's libstdc++6 / libstdc++ package), then rerun"
