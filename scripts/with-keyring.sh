#!/usr/bin/env bash
#! Runs a command with a real, unlocked OS keyring (gnome-keyring's Secret Service on a private
#! D-Bus session), so tests store and read comm keys the way the product does — never keyring's
#! in-memory mock. The keyring files live in a temporary directory removed afterwards.
#!
#! Usage: scripts/with-keyring.sh COMMAND [ARGS...]
set -euo pipefail

if [ -z "${KAOQIN_KEYRING_SESSION:-}" ]; then
  command -v dbus-run-session >/dev/null || { echo "dbus-run-session missing: run scripts/setup.sh test" >&2; exit 1; }
  command -v gnome-keyring-daemon >/dev/null || { echo "gnome-keyring missing: run scripts/setup.sh test" >&2; exit 1; }
  export KAOQIN_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
export XDG_DATA_HOME="$data"
# --unlock creates and unlocks a "login" collection that serves as the default: no prompt.
eval "$(printf 'kaoqin-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
