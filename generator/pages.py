"""Every page the archive generates, as `{path in docs_dir: Markdown}`.

One function per family of pages; the plugin writes whatever this returns, so a new kind of
page is one line here and a renderer of its own.
"""

from __future__ import annotations

from .archive import Archive
from .people import people_pages
from .render import briefing_page, home_page
from .subjects import topic_pages


def generated_pages(archive: Archive, site_name: str) -> dict[str, str]:
    """All generated pages, keyed by their path under docs_dir."""
    pages: dict[str, str] = {"index.md": home_page(site_name, archive.briefings)}
    for briefing in archive.briefings:
        pages[f"briefings/{briefing.slug}.md"] = briefing_page(briefing, archive.vocabulary.by_id)
    pages.update(people_pages(archive))
    pages.update(topic_pages(archive))
    return pages
