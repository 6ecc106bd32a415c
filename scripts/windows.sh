#!/usr/bin/env bash
# Windows, tested from Linux: cross-builds the core and the CLI for x86_64-pc-windows-gnu (mingw)
# and runs their tests under Wine — unit, integration through the CLI (lintas.exe), golden
# fixtures and the fuzz corpus — then hands a bundle and an identity card between the Windows
# build and the Linux build in both directions. The desktop app is not built here (it needs
# WebView2). scripts/test.sh runs this; it needs the packages scripts/deps.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
rustup target list --installed | grep -qx "$target" || rustup target add "$target"

# A Wine prefix of the project's own, inside target/ (so git status stays clean and a fresh
# clone starts from nothing). mscoree and mshtml are left out: no .NET or HTML engine is
# needed, and Wine would otherwise offer to download them.
export WINEPREFIX="$PWD/target/wine" WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  wineboot --init >/dev/null 2>&1 || true
  wineserver --wait
fi
# Wine 8 lacks ProcessPrng, which Rust's standard library takes its random numbers from; a
# stand-in that forwards to Wine's RtlGenRandom (see the C file).
dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$dll" ] || [ scripts/wine/bcryptprimitives.c -nt "$dll" ]; then
  x86_64-w64-mingw32-gcc -O2 -shared -o "$dll" scripts/wine/bcryptprimitives.c -ladvapi32
fi

# Code only Windows compiles (cfg(windows)) is linted too.
cargo clippy --target "$target" -p lintas-core -p lintas --all-targets --locked -- -D warnings
cargo clippy --features windows-exchange --tests --locked -- -D warnings
# The desktop shell compiles for Windows (it is not run: that needs WebView2).
cargo clippy --target "$target" --features desktop --bin lintas-desktop --locked -- -D warnings

export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
cargo test --target "$target" -p lintas-core -p lintas --locked

# The same files read by both builds: a bundle and a card written on Windows are read on Linux,
# and the other way round.
cargo build --target "$target" --bin lintas --locked
LINTAS_WINDOWS_CLI="$PWD/target/$target/debug/lintas.exe" \
  cargo test --features windows-exchange --test it --locked -- windows::

# The passphrase prompt on a console (Wine maps a terminal to one): typed twice, never shown.
prompt_store="$WINEPREFIX/drive_c/Lintas prompt"
rm -rf "$prompt_store"
tmux kill-session -t lintas-prompt 2>/dev/null || true
tmux new-session -d -s lintas-prompt -x 150 -y 30 -c "$PWD" \
  "WINEPREFIX='$WINEPREFIX' WINEDEBUG=-all WINEDLLOVERRIDES='$WINEDLLOVERRIDES' LINTAS_STORE='C:\\Lintas prompt' LINTAS_KDF_TARGET_MS=1 wine target/$target/debug/lintas.exe init --district 65.03 --district-name Nunukan --operator Petugas; sleep 60"
pane() { tmux capture-pane -t lintas-prompt -p; }
wait_for() { for _ in $(seq 1 120); do pane | grep -q "$1" && return 0; sleep 0.5; done; echo "no '$1' on the console:" >&2; pane >&2; return 1; }
wait_for "new passphrase:"
tmux send-keys -t lintas-prompt "rahasia-jangan-tampil" Enter
wait_for "repeat:"
tmux send-keys -t lintas-prompt "rahasia-jangan-tampil" Enter
wait_for "KUNCI PEMULIHAN"
if pane | grep -q "rahasia-jangan-tampil"; then
  echo "the passphrase was shown on the Windows console:" >&2
  pane >&2
  exit 1
fi
tmux kill-session -t lintas-prompt
[ -f "$prompt_store/keys.json" ] || { echo "init at the prompt made no store" >&2; exit 1; }
rm -rf "$prompt_store"
echo "lintas.exe on a console: passphrase asked twice, not shown, store made"

# The desktop app on a Windows without the WebView2 runtime, as Wine is: it must say so in a
# message box, in both languages, and leave the store alone — not vanish without a word.
cargo build --target "$target" --features desktop --bin lintas-desktop --locked
rm -rf "$WINEPREFIX/drive_c/Lintas tanpa WebView2"
said=$(LINTAS_STORE='C:\Lintas tanpa WebView2' timeout 20 xvfb-run -a wine "target/$target/debug/lintas-desktop.exe" 2>&1 || true)
if ! grep -q "WebView2 Runtime belum terpasang" <<<"$said" || ! grep -q "WebView2 Runtime is not installed" <<<"$said"; then
  echo "lintas-desktop.exe without WebView2 did not explain itself; it printed:" >&2
  echo "$said" >&2
  exit 1
fi
if [ -e "$WINEPREFIX/drive_c/Lintas tanpa WebView2" ]; then
  echo "lintas-desktop.exe without WebView2 touched the store folder" >&2
  exit 1
fi
echo "lintas-desktop.exe without WebView2: message box shown, store untouched"
wineserver --kill || true
