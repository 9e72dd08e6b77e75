#!/usr/bin/env bash
# `npm run notebook`: Jupyter (Debian's classic Notebook) at the repo root with the tslab kernel.
# Charts are interactive there (TAOSIM_INTERACTIVE=1: see src/notebook/display.ts :: show).
# npm puts node_modules/.bin on PATH, where the kernelspec's `tslab` command is found.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
extra=()
if [ "$(id -u)" -eq 0 ]; then extra+=(--allow-root); fi
export TAOSIM_INTERACTIVE=1
exec /usr/bin/jupyter notebook --no-browser --ip=127.0.0.1 --notebook-dir=. "${extra[@]}" "$@"
