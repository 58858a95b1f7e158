#!/usr/bin/env bash
# Installs the peer: Debian's python3-torch (PyTorch 1.13) for /usr/bin/python3, through the project's own
# scripts/install-python-torch.sh (idempotent; refuses packages from another Debian release). The toolkit itself
# never uses Python; only this peer benchmark and the interop tests do.
#   --openblas  also install libopenblas0-pthread. Debian's torch is built with BLAS_INFO=generic and calls whatever
#               libblas.so.3 the alternatives system points to: the reference BLAS unless an optimised one is
#               installed. OpenBLAS takes over that alternative system-wide (every BLAS user on the machine).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
openblas=false
for arg in "$@"; do
    case "$arg" in
        --openblas) openblas=true ;;
        *) echo "install.sh: unexpected argument '$arg'" >&2; exit 2 ;;
    esac
done
"$root/scripts/install-python-torch.sh"
if $openblas; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install.sh: --openblas needs root (apt-get install libopenblas0-pthread)" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libopenblas0-pthread >/dev/null
    echo "install.sh: libblas.so.3 now -> $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
fi
