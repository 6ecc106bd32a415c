#!/usr/bin/env bash
# Installs what building, running and testing Lintas needs on Debian 12, idempotently:
# system packages (only those missing; mingw and Wine for the Windows build and its tests), the UI's npm packages, and tauri-driver for the
# end-to-end tests. Run as root on a fresh machine; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential perl pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  xvfb xauth webkit2gtk-driver
  gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 wine64 wine tmux faketime)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${missing[*]}. Run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The UI's packages come from the npm registry, pinned by its lock file. (The Tauri CLI at the
# root is needed only to build installers; see README.)
# `npm install` rather than `npm ci`: registries here omit other platforms' optional packages
# from lock files, which `npm ci` refuses; the versions stay those of the lock file.
[ -d ui/node_modules ] && [ ui/node_modules/.package-lock.json -nt ui/package-lock.json ] || npm --prefix ui install --no-fund --no-audit

# tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --locked --version 2.0.6
fi
