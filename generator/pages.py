"""Every page the archive generates, as `{path in docs_dir: Markdown}`.

One function per family of pages; the plugin writes whatever this returns, so a new kind of
page is one line here and a renderer of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .anchors import redirect_pages
from .archive import Archive
from .listing import Listings, expand, placeholder
from .model import Briefing
from .people import people_pages
from .render import briefing_head, briefing_page, home_page, year_pages
from .subjects import topic_pages
from .topics import Topic
from .turn_html import Permalink, turns_html


def generated_pages(archive: Archive, site_name: str, cache: RenderCache | None = None,
                    listings: Listings | None = None, bodies: Bodies | None = None) -> dict[str, str]:
    """All generated pages, keyed by their path under docs_dir; `cache` keeps briefing pages across builds.

    Speaker, outlet and topic pages hold placeholders for their lists, whose HTML goes to `listings`
    (the plugin puts it into the finished pages); without `listings` the HTML is put in place here.
    With `bodies`, a briefing page's turns are a placeholder too, their HTML in `bodies.turns`
    (`generator/turn_html.py`; the plugin puts it in right after Markdown); without, they are Markdown.
    """
    pages: dict[str, str] = {"index.md": home_page(site_name, archive.briefings), **year_pages(archive.briefings)}
    rendered = (cache or RenderCache()).briefing_pages(archive.briefings, archive.vocabulary.by_id, bodies)
    for briefing in archive.briefings:
        pages[f"briefings/{briefing.slug}.md"] = rendered[briefing.slug]
    found: Listings = {} if listings is None else listings
    pages.update(people_pages(archive, found))
    pages.update(topic_pages(archive, found))
    pages.update(redirect_pages(archive.briefings))
    if listings is None:
        pages.update({path: expand(pages[path], fragments) for path, fragments in found.items()})
    return pages


@dataclass
class Bodies:
    """Briefing pages' turns as ready HTML (`turn_html.turns_html`), by page path, and how to write them."""

    permalink: Permalink
    turns: Listings = field(default_factory=dict)


TURNS = "turns"
"""The key of a briefing page's turns among its placeholders."""


class RenderCache:
    """Briefing pages rendered by an earlier build of the same `mkdocs serve`, reused while their inputs
    are the very same objects (the Loader hands back the same `Briefing` for an unchanged transcript)."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[Briefing, Mapping[str, Topic], Permalink | None, str, str]] = {}

    def briefing_pages(self, briefings: Sequence[Briefing], topics: Mapping[str, Topic],
                       bodies: Bodies | None = None) -> dict[str, str]:
        """`{slug: Markdown}` for these briefings, rendering only those not rendered before; with `bodies`,
        the turns' HTML goes there and the Markdown holds a placeholder for it."""
        permalink = bodies.permalink if bodies is not None else None
        pages = {}
        for briefing in briefings:
            hit = self._pages.get(briefing.slug)
            if hit is None or hit[0] is not briefing or hit[1] is not topics or hit[2] != permalink:
                hit = (briefing, topics, permalink, *_render(briefing, topics, permalink))
            pages[briefing.slug] = hit
        self._pages = pages
        if bodies is not None:
            for slug, hit in pages.items():
                bodies.turns[f"briefings/{slug}.md"] = {TURNS: hit[4]}
        return {slug: hit[3] for slug, hit in pages.items()}


def _render(briefing: Briefing, topics: Mapping[str, Topic], permalink: Permalink | None) -> tuple[str, str]:
    """A briefing page's Markdown, and the HTML of its turns when they are apart (`permalink` given)."""
    if permalink is None:
        return briefing_page(briefing, topics), ""
    turns = turns_html(briefing, topics, permalink, f"briefings/{briefing.slug}.html")
    return briefing_head(briefing) + placeholder(f"briefings/{briefing.slug}.md", TURNS, turns, {}), turns
