"""Every address the site makes: page sources, page addresses, permalinks, links between pages.

One home, so a path is decided once (Datasette's `Urls` does the same). Three forms:

- a page's *source*, its path in MkDocs' docs_dir (`briefings/<slug>.md`): what generated pages
  are keyed by, and what Markdown links point at (MkDocs turns them into `.html` links);
- a page's *address* from the site root (`briefings/<slug>.html`, `#t012` for a turn): what HTML
  written by the generator links to, and what permalinks, citations and open data hold;
- a *relative* link from one page to an address (`../briefings/<slug>.html#t012`), which works on
  any host, under any path, and from `file://`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..model import Briefing

BRIEFINGS = "briefings"
SPEAKERS = "speakers"
OUTLETS = "outlets"
TOPICS = "topics"
YEARS = "years"
DATA = "data"
"""The open data's folder (`site/open_data.py`)."""
INDEX = "index"
"""The key of a folder's index page (`speakers/index.md`)."""
SEARCH_SOURCE = "search.md"
SEARCH_PAGE = "search.html"
"""The search page (`site/search_page.py`), at the site's root: its source and its address."""
SEARCH_INDEX = "search/archive"
"""The folder of the archive's search index (`site/search_store.py`)."""


def source(folder: str, key: str) -> str:
    """The source of a generated page: `source(TOPICS, "haiti")` → `topics/haiti.md`."""
    return f"{folder}/{key}.md"


def address(folder: str, key: str, anchor: str = "") -> str:
    """A page's address from the site root, with a fragment: `briefings/<slug>.html#t012`."""
    return f"{folder}/{key}.html" + (f"#{anchor}" if anchor else "")


def relative(from_source: str, target: str) -> str:
    """`target` (a source or an address from the site root) as a link from the page `from_source`."""
    return "../" * from_source.count("/") + target


def from_folder(folder: str, target: str) -> str:
    """`target` as a link from any page in `folder` (`from_folder(BRIEFINGS, …)` → `../…`)."""
    return relative(source(folder, INDEX), target)


def data_json(slug: str) -> str:
    """A briefing's open-data file: `data/briefings/<slug>.json`."""
    return f"{DATA}/{BRIEFINGS}/{slug}.json"


def absolute(path: str, site_url: str) -> str:
    """An address under the public `site_url`; relative to the site root when there is none."""
    return (site_url.rstrip("/") + "/" if site_url else "") + path


def briefing_source(briefing: Briefing) -> str:
    """`briefings/<slug>.md`."""
    return source(BRIEFINGS, briefing.slug)


def briefing_url(briefing: Briefing, site_url: str = "") -> str:
    """The briefing page's address: absolute under `site_url`, else relative to the site root."""
    return absolute(address(BRIEFINGS, briefing.slug), site_url)


def permalink(briefing: Briefing, anchor: str, site_url: str = "") -> str:
    """A turn's permanent address: `…/briefings/<slug>.html#t012`."""
    return absolute(address(BRIEFINGS, briefing.slug, anchor), site_url)


PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net")
"""Domains reserved for examples (RFC 2606): a `site_url` under one (the default
`https://briefings.example.org/`) is a placeholder, its permalinks not public yet."""


def public(site_url: str) -> bool:
    """True when `site_url` is set and no placeholder: permalinks built from it resolve."""
    host = (urlsplit(site_url).hostname or "").lower()
    return bool(host) and not any(host == p or host.endswith("." + p) for p in PLACEHOLDER_HOSTS)


CITE_ASSETS = "assets/cite/"
"""The folder of the cite dialog's processor and style files (`site/cite_assets.py`), from the site root."""
