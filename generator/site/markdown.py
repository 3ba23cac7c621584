"""Markdown for generated pages: literal text, front matter, titles, dates, safe link targets.

Every piece of transcript or config text that goes into a page's Markdown passes through `escape`,
so nothing a transcript says can become HTML, a link, an attribute list or any other Markdown syntax.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import quote, urlsplit

from ..text import visible

_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>\\`*_{}[]#|~^$%"}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
_LINE_START = re.compile(r"^(?:[-+=>!:]|\d+[.)])")


def escape(text: str) -> str:
    """Literal text for Markdown with extensions: every syntax character becomes an entity, control
    characters are dropped (`text.CONTROLS`), runs of spaces made one.

    Entities survive Markdown untouched and the browser shows the characters as typed;
    line-leading list, quote and heading markers are neutralised too.
    """
    out = _SPECIAL.sub(lambda m: _ENTITIES[m.group()], " ".join(visible(text).split()))
    if match := _LINE_START.match(out):
        first = match.group(0)
        out = f"&#{ord(first[0])};" + out[1:] if not first[0].isdigit() else _escape_number(out)
    return out


def _escape_number(text: str) -> str:
    match = re.match(r"\d+", text)
    assert match is not None
    end = match.end()
    return text[:end] + f"&#{ord(text[end])};" + text[end + 1:]


def escape_html(text: str) -> str:
    """HTML-escape a value MkDocs or Material prints without escaping (page titles in the nav)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def front_matter(title: str, **extra: object) -> str:
    """YAML front matter; the title is HTML-escaped because Material prints it raw in nav and <title>."""
    data = {"title": escape_html(title), **extra}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


TITLE_ID = "title"
"""The id of a generated page's `<h1>`: fixed, as the table of contents would otherwise make
one from the heading's words, which come from transcripts and config files."""


def title_heading(text: str) -> str:
    """A page's `# Title` line, with its fixed id (`TITLE_ID`)."""
    return f"# {escape(text)} {{#{TITLE_ID}}}\n\n"


def long_date(date: dt.date) -> str:
    """`Thursday, 13 October 2022`: unambiguous in every country."""
    return f"{date:%A}, {date.day} {date:%B %Y}"


def short_date(date: dt.date) -> str:
    """`13 Oct 2022`."""
    return f"{date.day} {date:%b %Y}"


def safe_url(url: str) -> str:
    """An http(s) URL fit for a Markdown link target, or empty: other schemes are dropped."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # a malformed host (`https://[`): no link rather than a crashed build
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~-._")
