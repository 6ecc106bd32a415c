#!/usr/bin/env bash
# Runs every check and test of Lintas: formatting, clippy (warnings are errors), unit,
# integration and property tests. On a fresh Debian 12 machine, run as root, it first installs
# the system packages the build needs; it does nothing for packages already present.
set -euo pipefail
cd "$(dirname "$0")/.."

# C toolchain and perl build the vendored SQLCipher and OpenSSL.
packages=(build-essential perl pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${missing[*]}. Run this script as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
