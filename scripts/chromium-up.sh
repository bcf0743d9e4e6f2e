#!/usr/bin/env bash
# Makes Debian's chromium available for the dashboard's browser tests (Playwright drives it; it never downloads one)
# and prints the executable's path, the one line on stdout. Idempotent: an installed chromium is only found.
# Installing needs root (apt-get); without root and without chromium it says so and exits 1.
set -euo pipefail

find_chromium() {
  local candidate
  for candidate in "${ORLEANSBANK_CHROMIUM:-}" /usr/bin/chromium "$(command -v chromium 2> /dev/null || true)" "$(command -v chromium-browser 2> /dev/null || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if path=$(find_chromium); then
  echo "$path"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is not installed, and installing it needs root: run 'sudo apt-get install -y chromium' (or this script as root), or set ORLEANSBANK_CHROMIUM to a chromium executable." >&2
  exit 1
fi

echo "== installing chromium (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends chromium >&2

if path=$(find_chromium); then
  echo "$path"
else
  echo "apt-get installed chromium, but no chromium executable was found afterwards (looked for /usr/bin/chromium)." >&2
  exit 1
fi
