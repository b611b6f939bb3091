#!/usr/bin/env bash
#! Installs what Kaoqin needs to build, run and test, and nothing that is already there.
#!
#! Idempotent and unattended: system packages through apt (Debian/Ubuntu), npm packages from
#! ui/package-lock.json, and tauri-driver and cargo-fuzz through cargo. Rust and Node.js
#! themselves are expected on the machine; the script says so plainly when they are missing.
#!
#! Usage: scripts/setup.sh [build|run|test]   (default: test, the superset)
set -euo pipefail

purpose="${1:-test}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup]\033[0m %s\n' "$*" >&2; exit 1; }

# --- system packages -------------------------------------------------------
build_pkgs=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
            librsvg2-dev libsoup-3.0-dev libdbus-1-dev fonts-noto-cjk)
run_pkgs=(xvfb xauth dbus dbus-x11)
# python3-venv: the pyzk 0.9 cross-check and the pull benchmark install pyzk into a venv.
test_pkgs=(webkit2gtk-driver gnome-keyring libsecret-tools imagemagick poppler-utils xdotool x11-utils
           python3 python3-venv)

pkgs=("${build_pkgs[@]}")
case "$purpose" in
  build) ;;
  run)   pkgs+=("${run_pkgs[@]}") ;;
  test)  pkgs+=("${run_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) die "unknown purpose '$purpose': expected build, run or test" ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null || die "apt-get not found: install these packages by hand: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo: install these packages by hand: ${missing[*]}"
    sudo="sudo"
  fi
  say "installing ${#missing[@]} system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "system packages: all present"
fi

# --- Rust ------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found: install Rust (https://rustup.rs), then run this again"

# --- Node.js and the UI's npm packages ------------------------------------
command -v node >/dev/null || die "node not found: install Node.js 20.19 or newer, then run this again"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old: Kaoqin's UI needs 20.19 or newer"

stamp="$root/ui/node_modules/.kaoqin-lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$root/ui/package-lock.json" "$stamp"; then
  say "installing npm packages from ui/package-lock.json"
  (cd "$root/ui" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$root/ui/package-lock.json" "$stamp"
else
  say "npm packages: up to date"
fi

# --- tauri-driver (end-to-end tests) ---------------------------------------
if [ "$purpose" = test ]; then
  if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    say "installing tauri-driver (about a minute)"
    cargo install tauri-driver --locked --version '^2' --quiet
  else
    say "tauri-driver: present"
  fi
  # cargo-fuzz (make fuzz-smoke) runs on the stable toolchain with RUSTC_BOOTSTRAP=1.
  if ! command -v cargo-fuzz >/dev/null && [ ! -x "$HOME/.cargo/bin/cargo-fuzz" ]; then
    say "installing cargo-fuzz (about two minutes)"
    cargo install cargo-fuzz --locked --version 0.13.2 --quiet
  else
    say "cargo-fuzz: present"
  fi
fi
say "done ($purpose)"
