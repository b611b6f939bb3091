#!/usr/bin/env bash
#! Runs a command with a real, unlocked OS keyring (gnome-keyring's Secret Service on a private
#! D-Bus session), so tests store and read comm keys the way the product does — never keyring's
#! in-memory mock. The keyring files live in a temporary directory removed afterwards.
#!
#! Usage: scripts/with-keyring.sh COMMAND [ARGS...]
#!
#! With KAOQIN_KEYRING_DIR set, the keyring is kept in that directory between runs (a Linux
#! machine without a desktop session, used by hand: the audit key of a database must outlive
#! one command), e.g. `KAOQIN_KEYRING_DIR=~/.local/share/kaoqin-keyring scripts/with-keyring.sh bash`.
set -euo pipefail

if [ -z "${KAOQIN_KEYRING_SESSION:-}" ]; then
  command -v dbus-run-session >/dev/null || { echo "dbus-run-session missing: run scripts/setup.sh test" >&2; exit 1; }
  command -v gnome-keyring-daemon >/dev/null || { echo "gnome-keyring missing: run scripts/setup.sh test" >&2; exit 1; }
  export KAOQIN_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

if [ -n "${KAOQIN_KEYRING_DIR:-}" ]; then
  data="$KAOQIN_KEYRING_DIR"; mkdir -p "$data"
else
  data="$(mktemp -d)"
  trap 'rm -rf "$data"' EXIT
fi
export XDG_DATA_HOME="$data"
# --unlock creates and unlocks a "login" collection that serves as the default: no prompt.
eval "$(printf 'kaoqin-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
