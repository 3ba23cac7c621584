"""Golden files: the seed's rendered Markdown and JSON model, byte for byte.

Regenerate after an intended change with `UPDATE_GOLDEN=1 ./test.sh tests/test_golden.py`
and review the diff like code.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import replace
from pathlib import Path

from generator.model import Briefing
from generator.site.briefing_json import briefing_data
from generator.site.briefing_page import briefing_page
from generator.site.home_pages import HOME_LATEST, home_page, year_pages

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


def test_large_archive_home_lists_the_newest_and_every_year(seed: Briefing) -> None:
    """Past HOME_LATEST briefings the home page lists the newest and links one page per year, which
    lists every briefing of that year, newest first: each briefing is reachable, none twice a year."""
    days = [dt.date(2021, 1, 1) + dt.timedelta(days=9 * n) for n in range(HOME_LATEST + 30)]
    briefings = [replace(seed, slug=f"{day}-b", date=day) for day in days]
    home = home_page("Archive", briefings)
    listed = re.findall(r"\(briefings/([\w-]+)\.md\)", home)
    assert listed == [f"{day}-b" for day in sorted(days, reverse=True)[:HOME_LATEST]]
    years = year_pages(briefings)
    assert set(years) == {f"years/{y}.md" for y in {d.year for d in days}}
    for path, page in years.items():
        year = int(path[6:10])
        assert f"[{year}](years/{year}.md)" in home
        slugs = re.findall(r"\(\.\./briefings/([\w-]+)\.md\)", page)
        assert slugs == [f"{d}-b" for d in sorted(days, reverse=True) if d.year == year]
    assert year_pages(briefings[:HOME_LATEST]) == {}
