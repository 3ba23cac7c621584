"""Every page the archive generates, as `{path in docs_dir: Markdown}`.

One function per family of pages; the plugin writes whatever this returns, so a new kind of
page is one line here and a renderer of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .anchors import redirect_pages
from .archive import Archive
from .listing import Listings, expand
from .model import Briefing
from .people import people_pages
from .render import briefing_page, home_page, year_pages
from .subjects import topic_pages
from .topics import Topic


def generated_pages(archive: Archive, site_name: str, cache: RenderCache | None = None,
                    listings: Listings | None = None) -> dict[str, str]:
    """All generated pages, keyed by their path under docs_dir; `cache` keeps briefing pages across builds.

    Speaker, outlet and topic pages hold placeholders for their lists, whose HTML goes to `listings`
    (the plugin puts it into the finished pages); without `listings` the HTML is put in place here.
    """
    pages: dict[str, str] = {"index.md": home_page(site_name, archive.briefings), **year_pages(archive.briefings)}
    rendered = (cache or RenderCache()).briefing_pages(archive.briefings, archive.vocabulary.by_id)
    for briefing in archive.briefings:
        pages[f"briefings/{briefing.slug}.md"] = rendered[briefing.slug]
    found: Listings = {} if listings is None else listings
    pages.update(people_pages(archive, found))
    pages.update(topic_pages(archive, found))
    pages.update(redirect_pages(archive.briefings))
    if listings is None:
        pages.update({path: expand(pages[path], fragments) for path, fragments in found.items()})
    return pages


class RenderCache:
    """Briefing pages rendered by an earlier build of the same `mkdocs serve`, reused while their inputs
    are the very same objects (the Loader hands back the same `Briefing` for an unchanged transcript)."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[Briefing, Mapping[str, Topic], str]] = {}

    def briefing_pages(self, briefings: Sequence[Briefing], topics: Mapping[str, Topic]) -> dict[str, str]:
        """`{slug: Markdown}` for these briefings, rendering only those not rendered before."""
        pages = {}
        for briefing in briefings:
            hit = self._pages.get(briefing.slug)
            if hit is None or hit[0] is not briefing or hit[1] is not topics:
                hit = (briefing, topics, briefing_page(briefing, topics))
            pages[briefing.slug] = hit
        self._pages = pages
        return {slug: hit[2] for slug, hit in pages.items()}
