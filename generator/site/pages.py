"""Every page the archive generates, as `{path in docs_dir: Markdown}`.

One function per family of pages; the plugin writes whatever this returns, so a new kind of
page is one line here and a renderer of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model import Archive, Briefing, Topic
from . import urls
from .briefing_page import briefing_head, briefing_page
from .home_pages import home_page, year_pages
from .listing import Listings, expand, placeholder
from .redirects import redirect_pages
from .search_page import search_page
from .speaker_pages import people_pages
from .topic_pages import topic_pages
from .turns_html import Permalink, turns_html


def generated_pages(archive: Archive, site_name: str, cache: RenderCache | None = None,
                    listings: Listings | None = None, bodies: Bodies | None = None) -> dict[str, str]:
    """All generated pages, keyed by their path under docs_dir; `cache` keeps briefing pages across builds.

    Speaker, outlet and topic pages hold placeholders for their lists, whose HTML goes to `listings`
    (the plugin puts it into the finished pages); without `listings` the HTML is put in place here.
    With `bodies`, a briefing page's turns are a placeholder too, their HTML in `bodies.turns`
    (`turns_html.py`; the plugin puts it in right after Markdown); without, they are Markdown.
    """
    pages: dict[str, str] = {"index.md": home_page(site_name, archive.briefings), **year_pages(archive.briefings)}
    rendered = (cache or RenderCache()).briefing_pages(archive.briefings, archive.topics, bodies)
    for briefing in archive.briefings:
        pages[urls.briefing_source(briefing)] = rendered[briefing.slug]
    found: Listings = {} if listings is None else listings
    pages.update(people_pages(archive, found))
    pages.update(topic_pages(archive, found))
    pages.update(redirect_pages(archive.briefings))
    pages[urls.SEARCH_SOURCE] = search_page()
    if listings is None:
        pages.update({path: expand(pages[path], fragments) for path, fragments in found.items()})
    return pages


@dataclass
class Bodies:
    """Briefing pages' turns as ready HTML (`turns_html.turns_html`), by page path, and how to write them."""

    permalink: Permalink
    turns: Listings = field(default_factory=dict)


TURNS = "turns"
"""The key of a briefing page's turns among its placeholders."""


class RenderCache:
    """Briefing pages rendered by an earlier build of the same `mkdocs serve`, reused while their inputs
    are the very same objects (the Loader hands back the same `Briefing` for an unchanged transcript)."""

    def __init__(self) -> None:
        self._pages: dict[str, Rendered] = {}
        self._topics: tuple[tuple[Topic, ...], dict[str, Topic]] = ((), {})

    def briefing_pages(self, briefings: Sequence[Briefing], topics: tuple[Topic, ...],
                       bodies: Bodies | None = None) -> dict[str, str]:
        """`{slug: Markdown}` for these briefings, rendering only those not rendered before; with `bodies`,
        the turns' HTML goes there and the Markdown holds a placeholder for it."""
        permalink = bodies.permalink if bodies is not None else None
        if self._topics[0] is not topics:
            self._topics = (topics, {t.id: t for t in topics})
        by_id = self._topics[1]
        pages = {}
        for briefing in briefings:
            hit = self._pages.get(briefing.slug)
            if hit is None or hit.briefing is not briefing or hit.topics is not by_id or hit.permalink != permalink:
                hit = Rendered(briefing, by_id, permalink, *_render(briefing, by_id, permalink))
            pages[briefing.slug] = hit
        self._pages = pages
        if bodies is not None:
            for hit in pages.values():
                bodies.turns[urls.briefing_source(hit.briefing)] = {TURNS: hit.turns}
        return {slug: hit.markdown for slug, hit in pages.items()}


class Rendered(NamedTuple):
    """A briefing page as rendered, and what it was rendered from."""

    briefing: Briefing
    topics: Mapping[str, Topic]
    permalink: Permalink | None
    markdown: str
    turns: str
    """The turns' HTML, when they are apart from the Markdown (`Bodies`); else empty."""


def _render(briefing: Briefing, topics: Mapping[str, Topic], permalink: Permalink | None) -> tuple[str, str]:
    """A briefing page's Markdown, and the HTML of its turns when they are apart (`permalink` given)."""
    if permalink is None:
        return briefing_page(briefing, topics), ""
    turns = turns_html(briefing, topics, permalink, urls.address(urls.BRIEFINGS, briefing.slug))
    return briefing_head(briefing) + placeholder(urls.briefing_source(briefing), TURNS, turns, {}), turns
