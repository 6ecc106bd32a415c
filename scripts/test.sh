#!/usr/bin/env bash
# Runs every check and test of Lintas, the end-to-end suite in a real window included. On a
# fresh Debian 12 machine, run as root, it first installs what it needs (scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh

cargo fmt --all -- --check

# The UI: unit tests (catalogue, formatting, validation display), type check and bundle.
npm --prefix ui test
npm --prefix ui run build

cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy --features desktop --bin lintas-desktop --locked -- -D warnings

# The UI's TypeScript types are generated from the Rust boundary types; they must be current.
cargo test -p lintas-core --features ts --locked -q export_bindings > /dev/null
cargo test --features ts --bin lintas-desktop --locked -q export_bindings > /dev/null
if [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  echo "ui/src/bindings is out of date with the Rust types: commit the regenerated files." >&2
  git status --porcelain -- ui/src/bindings >&2
  exit 1
fi

cargo build --features desktop --bin lintas-desktop --locked

cargo run -p lintas-bench --locked -- --quick  # issue 6, so the benchmark never rots; a debug build shares the tests' build
# Everything else: unit, integration, property, golden, fuzz-corpus and end-to-end tests.
# Screenshots of the end-to-end run are written to target/e2e/.
# The fault tests mount small filesystems (root); here they must run, not skip.
LINTAS_REQUIRE_MOUNT=1 xvfb-run -a -s '-screen 0 1366x768x24' cargo test --workspace --locked

# Windows: the core and the CLI cross-built with mingw and tested under Wine, and files handed
# between the Windows and the Linux build (scripts/windows.sh).
bash scripts/windows.sh
