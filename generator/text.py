"""Small text helpers shared by the parser, speaker resolution and rendering."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200c\u200d\u2060\u00ad"), None)
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
"""Control characters that mean nothing in a transcript (`\t`, and the line breaks `\n`, `\x0b`,
`\x0c`, `\x85`, are not among them). Python-Markdown marks its own placeholders with `\x02` and
`\x03`, so such text could pull generated markup into another place: they never reach a page."""


def visible(text: str) -> str:
    """`text` without control characters (`CONTROLS`)."""
    return CONTROLS.sub("", text)


def clean_line(line: str) -> str:
    """Collapse every kind of space (NBSP, thin, zero-width) to one ASCII space and trim."""
    return _SPACES.sub(" ", line.translate(_INVISIBLE)).strip()


def fold(text: str) -> str:
    """Case- and accent-insensitive key: `RODRÍGUEZ` and `Rodriguez` fold alike; dots dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return clean_line(re.sub(r"[.’'`]", "", bare).casefold())


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug safe in any path or URL: `[a-z0-9-]`, never empty, never `.` or `..`.

    Long slugs are cut and given a short hash suffix, so two long titles sharing a prefix
    still get distinct slugs.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        slug = slug[: max_length - 9].rstrip("-") + "-" + digest
    return slug or "x-" + hashlib.sha256(text.encode()).hexdigest()[:8]


def excerpt(text: str, length: int = 160) -> str:
    """The text cut at a word boundary to about `length` characters, with an ellipsis when cut."""
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–—-") + "…"
