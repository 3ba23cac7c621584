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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..text import visible


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a listing kept in a briefing's cache entry (`site/published.py`), read only when the page
    is written: a speaker's or topic's group of turns from one briefing. Many briefings' groups make a
    listing, so a page of thousands of turns is never held in memory before it is written."""

    entry: str
    """The cache key of the briefing's entry."""
    name: str


Piece = str | Part
"""Ready HTML, or a part of a briefing's entry holding ready HTML."""
Listings = dict[str, dict[str, list[Piece]]]
"""Per generated page (its path in docs_dir), its listings by key."""


class Listed(Protocol):
    """Where the pages of many briefings put their listings, a page's at a time once it is made: `Listings` by
    default; the plugin's pickles each page's into a temporary file (a topic's list of briefings is a part per
    briefing: 245,000 parts of topic pages at 10,000 White House briefings, held until the last page was made)."""

    def update(self, made: Listings, /) -> None: ...


Reader = Callable[[Part], str]
"""Reads a `Part`'s HTML (from the build's cache)."""

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
    return f'<h3 id="{anchor}">{label}<a class="headerlink" href="#{anchor}">¶</a></h3>\n'


def items(entries: Iterable[str]) -> str:
    """A `<ul>` of ready `<li>` contents."""
    return "<ul>\n" + "".join(f"<li>{entry}</li>\n" for entry in entries) + "</ul>\n"


def placeholder(page: str, key: str, pieces: str | Sequence[Piece], listings: Listings) -> str:
    """Record `pieces` (or one fragment of HTML) as listing `key` of `page`; returns the Markdown that
    stands for it. Its digest changes with the listing: a part's entry key changes with its content."""
    kept: list[Piece] = [pieces] if isinstance(pieces, str) else list(pieces)
    listings.setdefault(page, {})[key] = kept
    digest = hashlib.sha256()
    for piece in kept:
        digest.update(piece.encode() if isinstance(piece, str) else f"\0{piece.entry}\0{piece.name}\0".encode())
    return f'<div class="archive-listing" data-listing="{key}" data-digest="{digest.hexdigest()[:16]}"></div>\n\n'


def joined(pieces: Sequence[Piece], read: Reader) -> str:
    """A listing's HTML: its pieces, parts read."""
    return "".join(p if isinstance(p, str) else read(p) for p in pieces)


def expand(rendered: str, fragments: Mapping[str, Sequence[Piece]], read: Reader, *, wrap: bool = True) -> str:
    """`rendered` (a page's Markdown, or its HTML) with each placeholder replaced by its listing, in a
    `<div class="archive-listing">` unless `wrap` is false."""
    if not fragments:
        return rendered
    if not wrap:
        return _PLACEHOLDER.sub(lambda m: joined(fragments[m.group(1)], read), rendered)
    return _PLACEHOLDER.sub(lambda m: f'<div class="archive-listing">\n{joined(fragments[m.group(1)], read)}</div>',
                            rendered)
