#!/usr/bin/env bash
# Installs the Debian packages the project needs at run time or test time, when they are missing.
# Usage: scripts/deps.sh runtime|test
set -euo pipefail

what="${1:-runtime}"
# node/npm install the dashboard's player and chart libraries; chromium runs the browser tests.
packages=(ffmpeg libsecp256k1-1 nodejs npm)
if [[ "$what" == "test" ]]; then
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  # nodejs/npm may come from elsewhere than Debian (the SDK image ships its own node): accept any on PATH.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing Debian packages: ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "error: these packages are missing and I am not root: ${missing[*]}" >&2
  echo "run:   sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2 || echo "warning: apt-get update failed; trying the install anyway" >&2
if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
  echo "error: apt-get could not install: ${missing[*]}" >&2
  echo "run:   apt-get update && apt-get install -y ${missing[*]}   and try again" >&2
  exit 1
fi
