#!/usr/bin/env bash
# Run every test: parser, golden, build, browser and JavaScript unit tests. Sets up .venv, Chromium and
# Node.js (and axe-core, with npm) on first use.
# Extra arguments go to pytest, e.g. ./test.sh -k seed
set -euo pipefail
cd "$(dirname "$0")"
need() {  # need COMMAND PACKAGE WHAT: install a Debian package when its command is missing and we are root
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "installing $2 for $3..." >&2
    (apt-get install -y -qq "$2" >/dev/null 2>&1) || { apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null; }
  else
    echo "$2 is missing: install it (sudo apt-get install $2) to run $3" >&2
  fi
}
[ -x /usr/bin/chromium ] || need chromium chromium "the browser tests"
need node nodejs "the JavaScript unit tests"
need npm npm "axe-core, for the accessibility tests"
# axe-core, pinned in package-lock.json (tests/test_accessibility.py)
if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --ignore-scripts >/dev/null
fi
. scripts/venv.sh test
exec python -m pytest "$@"
