"""Golden files: the seed's rendered Markdown and JSON model, byte for byte.

Regenerate after an intended change with `UPDATE_GOLDEN=1 ./test.sh tests/test_golden.py`
and review the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator.export import briefing_data
from generator.model import Briefing
from generator.render import briefing_page, home_page

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == actual, f"{name} differs; see the docstring to regenerate"


def test_briefing_page_markdown(seed: Briefing) -> None:
    """The seed's briefing page renders exactly as recorded."""
    check_golden("seed-briefing.md", briefing_page(seed))


def test_briefing_json(seed: Briefing) -> None:
    """The seed's JSON model (the `parse` command's output) is exactly as recorded."""
    check_golden("seed-briefing.json", json.dumps(briefing_data(seed), ensure_ascii=False, indent=2) + "\n")


def test_home_page_markdown(seed: Briefing) -> None:
    check_golden("home.md", home_page("Briefing Archive", [seed]))
