"""Citations over the whole White House set (1,150 briefings, about 115,000 turns): the issue's counts pinned.

Slow (`-m slow`): imports the tarball from ../shared/corpus (skipped when absent), loads it as the build
does, makes every turn's CSL item, and renders a sample through the dialog's processor (`tests/cite_render.js`).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.enrich.loader import Loader
from generator.model import Archive
from generator.site.csl_item import HOSTS, csl_item
from tests.conftest import SHARED_CORPUS
from tests.test_citeproc import SITE_NAME, SITE_URL, rendered

PROJECT_CONTENT = Path(__file__).resolve().parent.parent / "content"
TARBALL = SHARED_CORPUS / "whitehouse-press-briefings-2021-2025.tar.xz"
pytestmark = [pytest.mark.slow, pytest.mark.corpus,
              pytest.mark.skipif(not TARBALL.is_file(), reason="the White House tarball is not present")]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    content = tmp_path_factory.mktemp("whitehouse") / "content"
    CliRunner().invoke(main, ["import", str(TARBALL), "--content", str(content)])
    for name in ("speakers.yml", "outlets.yml", "topics.yml"):  # the registry the archive ships with
        shutil.copy(PROJECT_CONTENT / name, content / name)
    return Loader(write_locks=False).load(content, content.parent)


@pytest.fixture(scope="module")
def items(archive: Archive) -> list[dict[str, Any]]:
    people = {p.id: p for p in archive.people}
    return [csl_item(b, t, SITE_NAME, SITE_URL, people) for b in archive.briefings for t in b.turns]


def _known_host(url: str) -> bool:
    domain = (urlsplit(url).hostname or "").lower()
    return any(domain == key or domain.endswith("." + key) for key in HOSTS)


def test_every_turn_has_a_unique_key(archive: Archive, items: list[dict[str, Any]]) -> None:
    """0 duplicate BibTeX keys over every turn of the archive (slug and anchor)."""
    assert len(archive.briefings) >= 1100 and len(items) >= 100_000
    repeated = [key for key, n in Counter(i["citation-key"] for i in items).items() if n > 1]
    assert repeated == []


def test_publisher_wherever_the_host_table_knows_the_source(archive: Archive) -> None:
    """0 citations without a publisher where the host table knows the source's domain
    (`bidenwhitehouse.archives.gov` included)."""
    people = {p.id: p for p in archive.people}
    missing = [b.slug for b in archive.briefings if _known_host(b.source_url)
               and not csl_item(b, b.turns[0], SITE_NAME, SITE_URL, people).get("publisher")]
    assert sum(_known_host(b.source_url) for b in archive.briefings) >= 1100
    assert missing == []


def test_no_suffix_is_a_family_name(items: list[dict[str, Any]]) -> None:
    """0 authors whose family name is a suffix ("Jr.", "Sr.", "III"): "Joseph R. Biden Jr." is Biden."""
    families = Counter(a.get("family", "") for i in items for a in i["author"])
    assert families["Biden"] >= 115  # the tarball's `THE PRESIDENT:` (109) and `PRESIDENT BIDEN:` (6) turns
    assert [f for f in families if f.rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv")] == []


def test_no_doubled_full_stop(items: list[dict[str, Any]]) -> None:
    """0 `..` in what the dialog renders: each briefing's first turn in every style, and every distinct
    author of the archive (with its description) in every style."""
    sample: dict[str, dict[str, Any]] = {}
    for item in items:
        sample.setdefault(item["id"].rsplit("-t", 1)[0], item)
    for item in items:
        sample.setdefault(repr((item["author"], item["genre"])), item)
    doubled = [(item["id"], style, text) for item, out in zip(sample.values(), rendered(list(sample.values())),
                                                             strict=True)
               for style, text in out.items() if ".." in text.replace("...", "")]
    assert doubled == []

