"""Every link resolves: each internal href/src and `#anchor` on every built page, the sitemap and
the search index point at a file and an id that exist (the site uses plain `.html` URLs)."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import ROOT
from sitecrawl import Page, html_pages

pytestmark = pytest.mark.build

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))["site_url"]


def _target(page_path: str, url: str) -> tuple[str, str] | None:
    """The site path and fragment `url` points to from `page_path`, or None when it leaves the site."""
    if url.startswith(SITE_URL):
        url = "/" + url[len(SITE_URL):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page_path, unquote(parts.fragment)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path) if not path.startswith("/")
                                else path.lstrip("/"))
    if path.endswith("/"):
        joined = posixpath.join(joined, "index.html")
    return joined, unquote(parts.fragment)


def _broken(site: Path, pages: dict[str, Page], source: str, url: str) -> str | None:
    target = _target(source, url)
    if target is None:
        return None
    path, fragment = target
    if path.startswith("../") or path == "..":
        return f"{source}: {url!r} leaves the site"
    if path == ".":
        path = "index.html"
    if not (site / path).is_file():
        return f"{source}: {url!r} -> missing {path}"
    if fragment and path.endswith(".html") and fragment not in pages[path].ids:
        return f"{source}: {url!r} -> no id {fragment!r} in {path}"
    return None


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Page]:
    return html_pages(built_site)


def test_every_internal_link_and_anchor_resolves(built_site: Path, pages: dict[str, Page]) -> None:
    """Every href/src on every page names an existing file, and every #fragment an id on that page."""
    broken = [problem for name, page in pages.items() for _, url in page.urls()
              if (problem := _broken(built_site, pages, name, url))]
    assert not broken, "\n".join(broken[:40])
    families = {name.split("/")[0] for name in pages if "/" in name}
    assert "briefings" in families


def test_every_page_is_reachable_by_a_link(built_site: Path, pages: dict[str, Page]) -> None:
    """No orphan: every page except 404.html is the target of a link from another page."""
    targets = {t[0] for name, page in pages.items() for _, url in page.urls()
               if (t := _target(name, url)) is not None and t[0] != name}
    orphans = sorted(set(pages) - targets - {"404.html"})
    assert not orphans, orphans


def test_sitemap_and_search_index_point_at_real_turns(built_site: Path, pages: dict[str, Page]) -> None:
    """Every sitemap URL is a built page; every search-index location is a page and, with a fragment, an id on it."""
    sitemap = built_site / "sitemap.xml"
    if sitemap.exists():
        locs = [e.text or "" for e in ET.parse(sitemap).iter() if e.tag.endswith("loc")]
        assert locs
        broken = [p for loc in locs if (p := _broken(built_site, pages, "index.html", loc))]
        assert not broken, broken[:20]
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    broken = [p for d in docs if (p := _broken(built_site, pages, "index.html", d["location"]))]
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
    assert _target(page_path, url) == expected
