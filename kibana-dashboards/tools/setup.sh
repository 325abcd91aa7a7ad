#!/usr/bin/env bash
# Installs what the dashboard checks need on a fresh machine: Debian's chromium (when missing and we may install
# packages) and the pinned npm packages (vega, vega-lite, vega-embed). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian's chromium for the dashboard rendering checks"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: install Debian's chromium package (sudo apt-get install chromium)" >&2
    exit 1
  fi
fi
if [ ! -f node_modules/vega-embed/build/vega-embed.min.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
