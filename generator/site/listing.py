"""Listings: the bulky part of a speaker, outlet or topic page as ready HTML.

A prolific speaker's page lists tens of thousands of turns; a broad topic's, thousands of
passages. Through Python-Markdown, the search plugin's HTML parser and the table of contents,
these pages cost as much build time as the briefing pages themselves (measured at 1,137 White
House briefings: 966 speaker, outlet and topic pages, 75 MB of HTML, about 40 s of a 200 s build).
Their lists are regular (links, excerpts, highlighted terms), so they are written here as HTML
directly, and the page's Markdown holds a placeholder the plugin replaces in the finished page
(`on_post_page`): MkDocs renders, indexes and builds a table of contents for the page's short
Markdown part only. The listings stay out of the search index, as they must: a phrase search
returns each turn once, from its briefing page.

The placeholder carries a digest of its listing, so the Markdown changes whenever the listing
does, and `mkdocs serve --dirty` rebuilds exactly the pages whose listing changed.
Every text goes through `text()` (HTML-escaped, spaces collapsed); every link is made here from
slugs and anchors the generator wrote.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Mapping

from ..text import visible

Listings = dict[str, dict[str, str]]
"""Per generated page (its path in docs_dir), its listings by key."""

_PLACEHOLDER = re.compile(r'<div class="archive-listing" data-listing="([a-z-]+)" data-digest="[0-9a-f]+"></div>')


def text(value: str) -> str:
    """Transcript or configuration text as HTML: escaped (quotes too), control characters dropped
    (`text.CONTROLS`), runs of spaces made one."""
    return html.escape(" ".join(visible(value).split()), quote=True)


def link(href: str, label: str) -> str:
    """`<a>` to a path the generator made; `label` is HTML already."""
    return f'<a href="{html.escape(href, quote=True)}">{label}</a>'


def heading(anchor: str, label: str) -> str:
    """An `<h3>` with a permanent link, as MkDocs' table-of-contents extension writes them."""
    return (f'<h3 id="{anchor}">{label}<a class="headerlink" href="#{anchor}" '
            f'title="Permanent link">¶</a></h3>\n')


def items(entries: Iterable[str]) -> str:
    """A `<ul>` of ready `<li>` contents."""
    return "<ul>\n" + "".join(f"<li>{entry}</li>\n" for entry in entries) + "</ul>\n"


def placeholder(page: str, key: str, fragment: str, listings: Listings) -> str:
    """Record `fragment` as listing `key` of `page`; returns the Markdown that stands for it."""
    listings.setdefault(page, {})[key] = fragment
    digest = hashlib.sha256(fragment.encode()).hexdigest()[:16]
    return f'<div class="archive-listing" data-listing="{key}" data-digest="{digest}"></div>\n\n'


def expand(rendered: str, fragments: Mapping[str, str], *, wrap: bool = True) -> str:
    """`rendered` (a page's Markdown, or its HTML) with each placeholder replaced by its listing, in a
    `<div class="archive-listing">` unless `wrap` is false."""
    if not fragments:
        return rendered
    if not wrap:
        return _PLACEHOLDER.sub(lambda m: fragments[m.group(1)], rendered)
    return _PLACEHOLDER.sub(lambda m: f'<div class="archive-listing">\n{fragments[m.group(1)]}</div>', rendered)
