"""Small text helpers shared by the parser, speaker resolution and rendering."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_ODD_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]{2,}|[^\S ]|[\u200b\ufeff]")
"""A run of spaces of any kind (`\\s`, NBSP, thin, zero-width…) but a lone ASCII space: what `clean_line` replaces
by one space. Every run matched, the lone spaces between words too, took 2.5 times as long: a line has one
between every two words."""
_INVISIBLE_CHARACTERS = "\u200c\u200d\u2060\u00ad\ufffc"
"""Joiners, the word joiner, the soft hyphen and the object replacement character (a web page's image or widget
left behind as `￼` when its text was copied: two White House titles end with one): dropped from a line."""
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARACTERS), None)
_HAS_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARACTERS}]")
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
"""Control characters that mean nothing in a transcript (`\t`, and the line breaks `\n`, `\x0b`,
`\x0c`, `\x85`, are not among them). Python-Markdown marks its own placeholders with `\x02` and
`\x03`, so such text could pull generated markup into another place: they never reach a page."""


def visible(text: str) -> str:
    """`text` without control characters (`CONTROLS`)."""
    return CONTROLS.sub("", text)


def clean_line(line: str) -> str:
    """Collapse every kind of space (NBSP, thin, zero-width) to one ASCII space and trim."""
    if _HAS_INVISIBLE.search(line):
        line = line.translate(_INVISIBLE)
    return _ODD_SPACES.sub(" ", line).strip()


@lru_cache(maxsize=16_384)
def fold_name(text: str) -> str:
    """The key names and labels are matched by: `RODRÍGUEZ` and `Rodriguez` fold alike; dots and
    apostrophes dropped, spaces collapsed."""
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


_DROPPED = re.compile(r"[.'’`]")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=4096)
def _unmarked(run: str) -> str:
    """A run of non-ASCII characters without its combining marks (Unicode category M*)."""
    return "".join(c for c in run if not unicodedata.category(c).startswith("M"))


def fold_search(text: str) -> str:
    """The search index's words (the browser's `archive-search-worker.js` folds queries alike):
    case- and accent-free text with dots and apostrophes dropped (`U.S.` → `us`, `Ebrard's` → `ebrards`)."""
    if not text.isascii():
        text = _NON_ASCII.sub(lambda m: _unmarked(m.group()), unicodedata.normalize("NFKD", text))
    return _DROPPED.sub("", text.lower())


def fold_keeping_offsets(text: str) -> str:
    """For topic terms: lowercase without accents, one character for one (so match offsets hold in the original)."""
    return text.lower() if text.isascii() else text.translate(_FOLDED)


class _FoldTable(dict[int, str]):
    """`str.translate` table filled as characters are met: each character folded once."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _FoldTable()


def _fold_char(char: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()
    return bare[:1] or char


def plural(count: int, word: str) -> str:
    """`1 briefing`, `1,200 briefings`: a count with its noun, as the pages and the build's messages write it."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
