#!/usr/bin/env bash
# Build the site from content/ into site/ (and the offline bundle), setting up .venv on first use.
# Extra arguments go to `mkdocs build`, e.g. ./build.sh --site-dir /tmp/out
set -euo pipefail
cd "$(dirname "$0")"
. scripts/venv.sh ""   # no extras; an explicit argument, or the sourced script would see ours
exec mkdocs build --strict "$@"
