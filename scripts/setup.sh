#!/usr/bin/env bash
# One-command setup for taosim (used by `npm run setup` and CI on a fresh Debian 12):
# apt packages for headless Jupyter + Chromium, `npm ci`, and the tslab kernelspec.
# Idempotent: apt is skipped when every package is already installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '[setup] %s\n' "$*"; }

APT_PKGS=(jupyter-nbconvert jupyter-client jupyter-notebook chromium)
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  step "apt packages already installed: ${APT_PKGS[*]}"
else
  step "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${APT_PKGS[@]}"
fi

step "npm ci"
npm ci --no-audit --no-fund

# Use Debian's python explicitly: the first python3 on PATH may be a pyenv build without jupyter.
step "tslab install --python=/usr/bin/python3"
node_modules/.bin/tslab install --python=/usr/bin/python3

step "checking kernelspec"
if ! /usr/bin/jupyter kernelspec list 2>/dev/null | grep -qw tslab; then
  echo "[setup] ERROR: tslab kernel not registered (jupyter kernelspec list)" >&2
  exit 1
fi
step "done: tslab kernel registered"
