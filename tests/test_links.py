"""Every link resolves: each internal href/src and `#anchor` on every built page, the sitemap and
the search index point at a file and an id that exist (the site uses plain `.html` URLs).

Checked on two builds: the seed as it is, and an archive made to have every page family the
seed lacks (year pages, speaker, reporter and outlet lists continued on further pages, a
renamed and corrected briefing with its redirect page and removed-turn notes).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import SEED, build_site, copy_project
from sitecrawl import SITE_URL, Page, broken_link, broken_links, html_pages, link_target, search_locations

from generator.site.home_pages import HOME_LATEST
from generator.site.speaker_pages import PAGE_TURNS
from tests.test_anchors import correct_seed

pytestmark = pytest.mark.build

RENAMED = "2022-10-13-security-dialogue"
QUESTIONS = 9
"""Questions per synthetic briefing, each asked by one reporter and answered by one official."""
BRIEFINGS = HOME_LATEST + 5
"""Synthetic briefings, 20 days apart from January 2020: past the home page's limit, over three years."""
EXCHANGE = ("MR PRICE:  We will take a question from Tracy Wilkinson of the L.A. Times.\n\n"
            "QUESTION:  Thank you.  What is the latest on trade, point {n}?\n\n"
            "SECRETARY BLINKEN:  We are working on trade, point {n}.\n\n")
assert BRIEFINGS * QUESTIONS > PAGE_TURNS, "the reporter's, outlet's and official's lists must continue"


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, corrected and renamed (its lock kept), plus BRIEFINGS snippet briefings."""
    return build_archive(tmp_path_factory.mktemp("archive"))


def build_archive(where: Path) -> Path:
    """Build the archive of every page family in `where`; its site folder (also used by test_accessibility)."""
    project = copy_project(where / "project")
    folder = project / "content" / "briefings"
    correct_seed(folder / SEED.name)
    (folder / SEED.name).rename(folder / f"{RENAMED}.txt")
    for k in range(BRIEFINGS):
        day = dt.date(2020, 1, 6) + dt.timedelta(days=20 * k)
        body = "".join(EXCHANGE.format(n=n) for n in range(QUESTIONS))
        (folder / f"{day}-press-briefing.txt").write_text(
            f'---\ntitle: "Department press briefing {k}"\ndate: {day}\n---\n{body}', encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module", params=["seed", "archive"])
def site(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue("built_site" if request.param == "seed" else "archive_site")


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    return html_pages(site)


def test_archive_has_every_page_family(archive_site: Path) -> None:
    """The archive build really has year pages, continued speaker, reporter and outlet lists, a redirect,
    removed-turn notes and the sharded search index (its turns are past `auto`'s threshold)."""
    written = {p.relative_to(archive_site).as_posix() for p in archive_site.rglob("*.html")}
    assert {"years/2020.html", "years/2021.html", "years/2022.html"} <= written
    assert {"speakers/antony-j-blinken.2.html", "speakers/tracy-wilkinson.2.html",
            "outlets/los-angeles-times.2.html"} <= written
    continued = (archive_site / "speakers" / "antony-j-blinken.2.html").read_text(encoding="utf-8")
    headings = re.findall(r"<(h[1-3])\b[^>]*>([^<]*)", continued[continued.index("<article"):])
    assert [h for h, _ in headings[:3]] == ["h1", "h2", "h3"] and headings[1][1].startswith("Turns, page 2 of ")
    assert '<strong aria-current="page">2</strong>' in continued  # the pager says which page this is
    redirect = (archive_site / "briefings" / f"{SEED.stem}.html").read_text(encoding="utf-8")
    assert f"{RENAMED}.html" in redirect
    assert 'class="removed-turn"' in (archive_site / "briefings" / f"{RENAMED}.html").read_text(encoding="utf-8")
    assert (archive_site / "search" / "archive" / "manifest.js").is_file()


def test_every_internal_link_and_anchor_resolves(site: Path, pages: dict[str, Page]) -> None:
    """Every href/src on every page names an existing file, and every #fragment an id on that page."""
    broken = broken_links(site, pages)
    assert not broken, "\n".join(broken[:40])
    families = {name.split("/")[0] for name in pages if "/" in name}
    assert "briefings" in families


def _redirects(pages: dict[str, Page]) -> set[str]:
    """Pages that only send the reader on (a briefing's former URL): no link leads to them."""
    return {name for name, page in pages.items()
            if any(e.tag == "meta" and (e.get("http-equiv") or "").lower() == "refresh" for e in page.elements)}


def test_every_page_is_reachable_by_a_link(pages: dict[str, Page]) -> None:
    """No orphan: every page except 404.html and redirects is the target of a link from another page."""
    targets = {t[0] for name, page in pages.items() for _, url in page.urls()
               if (t := link_target(name, url)) is not None and t[0] != name}
    orphans = sorted(set(pages) - targets - {"404.html"} - _redirects(pages))
    assert not orphans, orphans


def test_sitemap_and_search_index_point_at_real_turns(site: Path, pages: dict[str, Page]) -> None:
    """Every sitemap URL is a built page; every search result (Material's index or the sharded one)
    is a page and, with a fragment, an id on it."""
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        locs = [e.text or "" for e in ET.parse(sitemap).iter() if e.tag.endswith("loc")]
        assert locs
        broken = [p for loc in locs if (p := broken_link(site, pages, "index.html", loc))]
        assert not broken, broken[:20]
    locations = search_locations(site)
    broken = [p for location in locations if (p := broken_link(site, pages, "index.html", location))]
    assert not broken, broken[:20]
    assert any("#t001" in location for location in locations)


@pytest.mark.parametrize(("page_path", "url", "expected"), [
    ("briefings/a.html", "../index.html", ("index.html", "")),
    ("briefings/a.html", "#t001", ("briefings/a.html", "t001")),
    ("briefings/a.html", "b.html#t%C3%A9", ("briefings/b.html", "té")),
    ("speakers/x.html", "../briefings/", ("briefings/index.html", "")),
    ("index.html", SITE_URL + "briefings/a.html#t2", ("briefings/a.html", "t2")),
    ("index.html", "https://www.state.gov/x", None),
    ("index.html", "javascript:void(0)", None),
])
def test_relative_urls_resolve_against_their_page(page_path: str, url: str,
                                                  expected: tuple[str, str] | None) -> None:
    """The checker resolves relative, root-relative and site-URL links the way a browser does."""
    assert link_target(page_path, url) == expected
