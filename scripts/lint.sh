#!/usr/bin/env bash
# The checks that run before the tests in CI: ruff (lint and import order), mypy over generator/, and the
# import contracts of pyproject.toml (the data flow runs one way; only the plugin imports MkDocs).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh test
ruff check generator tests bench
mypy
lint-imports
