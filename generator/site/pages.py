"""Every page the archive generates, as `{path in docs_dir: Markdown}`.

One function per family of pages; the plugin writes whatever this returns, so a new kind of
page is one line here and a renderer of its own. Pages are made from the briefings' summaries
(`site/summary.py`); what they list at length stays in the briefings' cache entries until the
page is written (`site/published.py`).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Sequence

from ..model import Archive, Outlet, Person, Topic
from . import urls
from .home_pages import home_page, year_pages
from .listing import Listed, Listings, expand
from .published import Settings, published_in_memory
from .redirects import redirect_pages
from .search_page import search_page
from .speaker_pages import people_pages
from .summary import Summary
from .topic_pages import topic_pages


def site_pages(summaries: Sequence[Summary], people: Sequence[Person], topics: tuple[Topic, ...],
               outlets: Sequence[Outlet], site_name: str, page_of: Callable[[Summary], str],
               listings: Listed, pages: MutableMapping[str, str] | None = None,
               stored: Callable[[Summary], Summary] | None = None) -> MutableMapping[str, str]:
    """All generated pages, keyed by their path under docs_dir: `page_of(summary)` gives a briefing's page.

    Each page goes into `pages` as soon as it is made: a dict by default; the plugin's keeps each in a file,
    so that no more than one page's Markdown is held at a time (`plugin/markdown_folder.py`).
    Speaker, outlet and topic pages hold placeholders for their lists, which go to `listings` (the
    plugin puts them into the finished pages, `listing.expand`). `stored(summary)` reads a summary back as
    stored, when `summaries` are held without what only topic pages read (`summary.Interned`).
    """
    pages = {} if pages is None else pages
    pages["index.md"] = home_page(site_name, summaries)
    pages.update(year_pages(summaries))
    for summary in summaries:
        pages[urls.source(urls.BRIEFINGS, summary.slug)] = page_of(summary)
    people_pages(summaries, people, topics, outlets, listings, pages)
    topic_pages(summaries, topics, listings, pages, stored)
    pages.update(redirect_pages(summaries))
    pages[urls.SEARCH_SOURCE] = search_page()
    return pages


def generated_pages(archive: Archive, site_name: str) -> dict[str, str]:
    """Every generated page of an archive held in memory, as complete Markdown (briefing pages are the
    Markdown of record, lists in place): what `generator pages` writes for another engine."""
    published, summaries = published_in_memory(archive.briefings, archive.topics, Settings(site_name, ""),
                                               archive.people)
    listings: Listings = {}
    pages = site_pages(summaries, archive.people, archive.topics, archive.outlets, site_name, published.page,
                       listings)
    return {path: expand(markdown, listings.get(path, {}), published.text) for path, markdown in pages.items()}


def archive_people_pages(archive: Archive) -> dict[str, str]:
    """The speaker, reporter and outlet pages and the speakers index of an archive held in memory, lists left
    as placeholders (for checks and tests)."""
    _, summaries = published_in_memory(archive.briefings, archive.topics, Settings("", ""))
    return dict(people_pages(summaries, archive.people, archive.topics, archive.outlets, {}))
