"""Redirect pages: a briefing's former URLs (its lock's `former_slugs`) send readers to its page.

Rendered by `theme_overrides/redirect.html`, which keeps the `#t012` of a link.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Briefing
from . import urls
from .markdown import escape, front_matter
from .summary import Summary


def redirect_pages(briefings: Sequence[Briefing] | Sequence[Summary]) -> dict[str, str]:
    """A page at every former slug that no current briefing uses, sending readers to the current one."""
    taken = {b.slug for b in briefings}
    pages: dict[str, str] = {}
    for briefing in briefings:
        for slug in briefing.former_slugs:
            if slug not in taken:
                pages[urls.source(urls.BRIEFINGS, slug)] = (
                    front_matter(briefing.title, template="redirect.html", redirect=urls.address(urls.BRIEFINGS, briefing.slug),
                                 search={"exclude": True})
                    + f"This briefing moved to [{escape(briefing.title)}]({briefing.slug}.md).\n")
    return dict(sorted(pages.items()))
