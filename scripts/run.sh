#!/usr/bin/env bash
# Builds and launches the Lintas desktop app. On a fresh Debian 12 machine, run as root, it
# first installs what it needs (scripts/deps.sh). The store lives in the per-user app data
# folder; LINTAS_STORE=DIR points the app at another one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
npm --prefix ui run build
exec cargo run --release --features desktop --bin lintas-desktop
