"""A real `mkdocs build --strict`: pages, anchors, search index, bad input, atomic output."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import build_site, copy_project

pytestmark = pytest.mark.build
SLUG = "2022-10-13-us-mexico-high-level-security-dialogue"


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.turns: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "h2" and "turn" in (values.get("class") or "").split():
            self.turns.append(values.get("id") or "")


def turn_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return parser.turns


def tree_digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_briefing_page_has_every_turn_anchor(built_site: Path) -> None:
    """The briefing page exists with one heading per turn, ids t001…t039 in order."""
    html = (built_site / "briefings" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert turn_ids(html) == [f"t{i:03d}" for i in range(1, 40)]
    assert 'href="#t012"' in html  # the permalink of each turn
    assert "Dean Acheson Auditorium" in html


def test_every_page_has_one_top_heading(built_site: Path) -> None:
    """Each page opens with one `<h1>`, a briefing page's its title: a screen reader's outline has one top, and
    the page no second title above it (Material writes one when it finds none in what a page holds)."""
    pages = sorted(p for p in built_site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert len(re.findall(r"<h1[\s>]", html)) == 1, page.relative_to(built_site)
    briefing = (built_site / "briefings" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 id="title">Secretary Blinken, .* Joint Press Availability<', briefing)


def test_search_index_one_entry_per_turn(built_site: Path) -> None:
    """Search has one entry per turn, each landing on `briefing-page#anchor`, and turn text once."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    on_page = [d for d in docs if d["location"].startswith(f"briefings/{SLUG}.html#")]
    assert [d["location"].rsplit("#", 1)[1] for d in on_page] == [f"t{i:03d}" for i in range(1, 40)]
    haiti = [d for d in docs if "Haitian National Police" in d["text"]]
    assert len(haiti) == 1 and haiti[0]["title"] == "Antony J. Blinken — Secretary of State"


def test_home_page_lists_the_briefing(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="briefings/{SLUG}.html"' in html and "13 Oct 2022" in html


BAD_FILES = {
    "2022-01-01-empty.txt": b"",
    "2022-01-02-prose.txt": b"Just an article.\n\nNo speakers here.\n",
    "2022-01-03-bytes.txt": b"MR. X: caf\xc3\xa9 \xff\xfe ok\n",
    "2022-01-04-frontmatter.txt": b"---\ntitle: [unclosed\n---\nMR. X: Hi.\n",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_bad_files_are_skipped_with_one_line_each(project: Path, tmp_path: Path) -> None:
    """Without --strict, bad transcripts are reported as file:line and the others still build."""
    for name, data in BAD_FILES.items():
        (project / "content" / "briefings" / name).write_bytes(data)
    result = build_site(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("WARNING") and "skipped" in line]
    assert len(skipped) == 4
    assert any("content/briefings/2022-01-03-bytes.txt:1: not valid UTF-8 at byte" in s for s in skipped)
    assert any("content/briefings/2022-01-04-frontmatter.txt:2: front matter key 'title'" in s for s in skipped)
    assert (tmp_path / "site" / "briefings" / f"{SLUG}.html").exists()


def test_strict_failure_keeps_previous_site(project: Path, tmp_path: Path) -> None:
    """Under --strict a bad transcript stops the build and the previous site stays byte-identical."""
    site = tmp_path / "site"
    assert build_site(project, site).returncode == 0
    before = tree_digest(site)
    (project / "content" / "briefings" / "2022-01-02-prose.txt").write_bytes(BAD_FILES["2022-01-02-prose.txt"])
    result = build_site(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "2022-01-02-prose.txt:1: no speaker labels found" in result.stderr
    assert tree_digest(site) == before
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site-")]


def test_builds_are_deterministic(project: Path, tmp_path: Path, built_site: Path) -> None:
    """The same input gives byte-identical output, search index included."""
    other = tmp_path / "again"
    assert build_site(project, other).returncode == 0
    assert tree_digest(other) == tree_digest(built_site)


def test_site_folder_reads_like_any_output(built_site: Path) -> None:
    """The site is built in a private staging folder, yet the finished `site/` is readable by a web
    server's user (the umask's mode, not mkdtemp's 0700)."""
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(built_site.stat().st_mode) == 0o777 & ~umask


def test_directory_urls_are_refused(project: Path, tmp_path: Path) -> None:
    """`use_directory_urls: true` would move every permalink: the build stops with a message saying why
    (Material's offline plugin turns the setting off, so this is a site without it)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("use_directory_urls: false", "use_directory_urls: true")
    config.write_text(re.sub(r"(?m)^  - offline.*\n", "", text), encoding="utf-8")
    result = build_site(project, tmp_path / "site", strict=False)
    assert result.returncode != 0 and "use_directory_urls: false" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()
