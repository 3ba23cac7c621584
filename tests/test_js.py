"""The JavaScript units that need no browser (`tests/js/*.test.js`), run by Node's own test runner."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT


def test_javascript_units_pass() -> None:
    """Every Node test of the pure front-end code passes (citation formatting, query parsing…)."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        if os.environ.get("ARCHIVE_REQUIRE_BROWSER"):
            pytest.fail("Node.js is missing: ./test.sh installs Debian's nodejs when run as root")
        pytest.skip("Node.js is missing (apt-get install nodejs)")
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.js"))
    result = subprocess.run([node, "--test", *files], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
