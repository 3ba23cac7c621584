#!/usr/bin/env bash
# Run every test: parser, golden, build and browser tests. Sets up .venv and Chromium on first use.
# Extra arguments go to pytest, e.g. ./test.sh -k seed
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Chromium for the browser tests..." >&2
    (apt-get install -y -qq chromium >/dev/null 2>&1) || { apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null; }
  else
    echo "Chromium is missing: install it (sudo apt-get install chromium) to run the browser tests" >&2
  fi
fi
. scripts/venv.sh test
exec python -m pytest "$@"
