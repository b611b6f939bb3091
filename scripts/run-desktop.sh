#!/usr/bin/env bash
#! Opens the Kaoqin desktop app on the default database (or $KAOQIN_DB).
#! Without a display it explains, and `--headless` runs it under Xvfb and saves a screenshot.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="${CARGO_TARGET_DIR:-$root/target}/debug/kaoqin-desktop"
[ -x "$app" ] || { echo "build the app first: make desktop" >&2; exit 1; }

if [ "${1:-}" = "--headless" ]; then
  out="$root/target/screenshots"; mkdir -p "$out"
  echo "starting Kaoqin under a virtual display; screenshot in $out/desktop.png"
  # The app keeps its audit key in the OS keyring: a headless run gets gnome-keyring, kept in
  # target/keyring so the default database's key outlives the run.
  export KAOQIN_KEYRING_DIR="${KAOQIN_KEYRING_DIR:-$root/target/keyring}"
  xvfb-run -a -s "-screen 0 1400x900x24" "$root/scripts/with-keyring.sh" bash -c '
    "$1" & pid=$!
    sleep "${KAOQIN_SHOT_DELAY:-6}"
    import -window root "$2/desktop.png"
    kill $pid; wait $pid 2>/dev/null || true' _ "$app" "$out"
  echo "saved $out/desktop.png"
  exit 0
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<MSG
Kaoqin is a desktop app and this machine has no display (DISPLAY is not set).
  - On a desktop: run \`make run\` from a terminal inside the graphical session.
  - Headless (server, CI, SSH): \`make run-headless\` starts it under Xvfb and saves
    target/screenshots/desktop.png, or run it yourself:
      KAOQIN_KEYRING_DIR=~/.local/share/kaoqin-keyring xvfb-run -a scripts/with-keyring.sh $app
  - Everything is also scriptable without a window: target/debug/kaoqin --help
MSG
  exit 1
fi
exec "$app" "$@"
