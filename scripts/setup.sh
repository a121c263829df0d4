#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing; does nothing for what is there.
# Usage: scripts/setup.sh [build|test]
#   build: Rust wasm target, trunk, wasm-bindgen CLI, npm tools (wasm-opt)
#   test:  all of build, plus Chromium and ChromeDriver
# Everything comes from crates.io, npm and Debian's packages; nothing downloads a binary.
set -euo pipefail

what="${1:-test}"
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION="0.21.14"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
fail() {
  printf '\033[1;31msetup: %s\033[0m\n' "$*" >&2
  exit 1
}

# Runs a command as root: directly when we are root, through sudo when it needs no password.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo "$@"
  else
    return 1
  fi
}

apt_updated=""
apt_install() {
  command -v apt-get >/dev/null 2>&1 ||
    fail "$* missing and there is no apt-get here: install the Debian packages '$*' (or your system's equivalent) by hand."
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -q >/dev/null ||
      fail "$* missing and apt-get needs root: run 'sudo apt-get update && sudo apt-get install -y $*'."
    apt_updated=1
  fi
  say "installing $* (apt)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null ||
    fail "could not install $*: run 'sudo apt-get install -y $*'."
}

# --- Rust ---------------------------------------------------------------------------------
command -v cargo >/dev/null 2>&1 ||
  fail "cargo is missing: install Rust with rustup (https://rustup.rs), then run this again."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  command -v rustup >/dev/null 2>&1 ||
    fail "the wasm32-unknown-unknown target is missing and there is no rustup to add it."
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (cargo, a few minutes)"
  # trunk 0.22 needs a newer rustc than this toolchain; --locked keeps its dependencies tested.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The CLI must equal the wasm-bindgen crate in Cargo.lock, or the generated glue does not load.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$bindgen_version" ] || fail "could not read the wasm-bindgen version from Cargo.lock."
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ] ||
  ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "installing wasm-bindgen-cli $bindgen_version (cargo, a minute or two)"
  # No --locked: its lock file pins a crate version the registry mirror does not serve.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# --- Node tools (wasm-opt from binaryen, Playwright) ---------------------------------------
if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev tools"
  npm ci --no-audit --no-fund --loglevel=error
fi

[ "$what" = "build" ] && exit 0

# --- Browser for the tests ------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi
exit 0
