"""Every link resolves: each internal href/src and `#anchor` on every built page, the sitemap and
the search index point at a file and an id that exist (the site uses plain `.html` URLs)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sitecrawl import SITE_URL, Page, broken_link, html_pages, link_target

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Page]:
    return html_pages(built_site)


def test_every_internal_link_and_anchor_resolves(built_site: Path, pages: dict[str, Page]) -> None:
    """Every href/src on every page names an existing file, and every #fragment an id on that page."""
    broken = [problem for name, page in pages.items() for _, url in page.urls()
              if (problem := broken_link(built_site, pages, name, url))]
    assert not broken, "\n".join(broken[:40])
    families = {name.split("/")[0] for name in pages if "/" in name}
    assert "briefings" in families


def test_every_page_is_reachable_by_a_link(built_site: Path, pages: dict[str, Page]) -> None:
    """No orphan: every page except 404.html is the target of a link from another page."""
    targets = {t[0] for name, page in pages.items() for _, url in page.urls()
               if (t := link_target(name, url)) is not None and t[0] != name}
    orphans = sorted(set(pages) - targets - {"404.html"})
    assert not orphans, orphans


def test_sitemap_and_search_index_point_at_real_turns(built_site: Path, pages: dict[str, Page]) -> None:
    """Every sitemap URL is a built page; every search-index location is a page and, with a fragment, an id on it."""
    sitemap = built_site / "sitemap.xml"
    if sitemap.exists():
        locs = [e.text or "" for e in ET.parse(sitemap).iter() if e.tag.endswith("loc")]
        assert locs
        broken = [p for loc in locs if (p := broken_link(built_site, pages, "index.html", loc))]
        assert not broken, broken[:20]
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    broken = [p for d in docs if (p := broken_link(built_site, pages, "index.html", d["location"]))]
    assert not broken, broken[:20]
    assert any("#t001" in d["location"] for d in docs)


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
