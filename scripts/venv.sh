# Sourced by build.sh and test.sh: create .venv if needed and install the project into it.
# Usage: . scripts/venv.sh [EXTRAS]   (EXTRAS such as "test"; re-installs only when pyproject changes)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
want="${1:-}"
prefix="$VENV/.installed-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
stamp="$prefix-${want:-base}"
# An install with extras (./test.sh) also holds the base install ./build.sh needs.
if [ ! -f "$stamp" ] && ! { [ -z "$want" ] && compgen -G "$prefix-*" >/dev/null; }; then
  "$VENV/bin/python" -m pip install --quiet --upgrade pip >/dev/null
  spec="$ROOT"
  [ -n "$want" ] && spec="$ROOT[$want]"
  "$VENV/bin/python" -m pip install --quiet -e "$spec"
  touch "$stamp"
fi
export PATH="$VENV/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
