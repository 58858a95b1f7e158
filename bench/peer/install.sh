#!/usr/bin/env bash
# Installs the peer: Debian's python3-torch (PyTorch 1.13) for /usr/bin/python3, through the project's own
# scripts/install-python-torch.sh (idempotent; refuses packages from another Debian release). The toolkit itself
# never uses Python; only this peer benchmark and the interop tests do.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
exec "$root/scripts/install-python-torch.sh"
