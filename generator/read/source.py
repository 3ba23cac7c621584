"""Reading a transcript file: bytes to text, and the optional YAML front matter split off."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..text import visible
from .yamlfile import YamlFailure, load

FRONT_MATTER_KEYS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "date": (dt.date, str),
    "location": str,
    "venue": str,
    "time": str,
    "kind": str,
    "source_url": str,
    "sha256": str,
    "slug": str,
}
"""Keys the generator interprets, with the types it accepts; other keys are kept as extras."""


@dataclass(frozen=True)
class Source:
    """A decoded transcript: its front matter and the body below it."""

    path: str
    meta: dict[str, Any]
    body: str
    body_line: int
    """1-based line number of the body's first line in the file."""
    meta_lines: dict[str, int] = field(default_factory=dict)
    """1-based line of each front matter key in the file, for messages about its value."""


def decode(data: bytes, path: str) -> str:
    """Decode a transcript's bytes; refuse what cannot be read faithfully, naming the byte offset.

    UTF-8 (with or without BOM) and UTF-16 with BOM are decoded as such. A file that is not
    UTF-8 is taken as Windows-1252 (what Word and older CMSs save) unless it holds a well-formed
    UTF-8 sequence that cp1252 text would not form by accident: then it is UTF-8 with stray bytes,
    corrupt, and refused rather than guessed (see `_UTF8_SEQUENCE` for the rule). A file that is
    valid UTF-8 throughout is read as UTF-8.
    Offsets in refusals count bytes of the file as saved, BOM included, so `cmp`/`xxd` find them.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(f"invalid UTF-16 at byte {exc.start}", path=path) from None
        # The BOM (2 bytes) is consumed by the codec; each code unit is 2 bytes in either order.
        return _clean(text, path, lambda prefix: 2 + len(prefix.encode("utf-16-le")))
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    body = data[skip:]
    try:
        text, encoding = body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        text, encoding = _cp1252_or_refuse(body, exc, path, skip), "cp1252"
    return _clean(text, path, lambda prefix: skip + len(prefix.encode(encoding)))


_LINE_END = re.compile(r"\r\n?|\n")
_SOFT_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
"""Vertical tab (Word's manual line break), form feed, NEL and the Unicode separators: spaces, so that
lines are counted as an editor counts them."""
_LINE_END_BYTES = re.compile(rb"\r\n?|\n")

_CLOSING = rb"[\x85\x92\x94\x96\x97]"
_UTF8_SEQUENCE = re.compile(
    rb"(?P<accident>(?:[\xc4-\xd6\xd8-\xdf]|[\xe0\xe1\xe3-\xef]" + _CLOSING + rb")" + _CLOSING + rb")"
    rb"|(?P<utf8>[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})"
)
"""A well-formed multibyte UTF-8 sequence (RFC 3629), or one that cp1252 text forms by accident.

In cp1252 an accented letter followed by closing punctuation (`…’”–—`, bytes 85 92 94 96 97) can
spell a complete UTF-8 sequence: `É”` (C9 94), `Ó—` (D3 97), `é…”` (E9 85 94); that is an
`accident`, no evidence of UTF-8. Letters Â, Ã and â are left out (their bytes C2, C3 and E2 open
UTF-8's accented Latin letters and its quotes and dashes, `Ã©` is é), so those count as `utf8`.
A lowercase accent before one quote (`é”` then text) is no complete sequence and matches nothing.
"""


def _cp1252_or_refuse(data: bytes, exc: UnicodeDecodeError, path: str, skip: int) -> str:
    looks_utf8 = any(match.lastgroup == "utf8" for match in _UTF8_SEQUENCE.finditer(data))
    if not looks_utf8:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    line = len(_LINE_END_BYTES.findall(data, 0, exc.start)) + 1
    raise SourceError(
        f"not valid UTF-8 at byte {skip + exc.start} (line {line}); save the file as UTF-8",
        path=path,
        line=line,
        fragment=data[max(0, exc.start - 20): exc.start + 10].decode("utf-8", "replace"),
    ) from None


def _clean(text: str, path: str, byte_offset: Callable[[str], int]) -> str:
    """Refuse NUL characters, naming the byte offset (`byte_offset` of the text before it); normalise line
    ends, make soft breaks spaces (`_SOFT_BREAKS`) and drop other control characters (`text.CONTROLS`)."""
    nul = text.find("\x00")
    if nul >= 0:
        line = len(_LINE_END.findall(text, 0, nul)) + 1
        raise SourceError(
            f"NUL character at byte {byte_offset(text[:nul])} (line {line}); this is not a text transcript",
            path=path,
            line=line,
            fragment=text[max(0, nul - 20): nul + 10],
        )
    return visible(_SOFT_BREAKS.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")))


def read_source(path: Path | str, display: str | None = None) -> Source:
    """Read a transcript file from disk (see `parse_source` for the format)."""
    shown = display or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file ({exc.strerror})", path=shown) from None
    return parse_source(decode(data, shown), shown)


def parse_source(text: str, path: str) -> Source:
    """Split optional `---` YAML front matter from the transcript body."""
    if not text.startswith("---\n"):
        return Source(path=path, meta={}, body=text, body_line=1)
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        raise SourceError("front matter opened with '---' is never closed", path=path, line=1, fragment="---")
    block = text[4: 4 + end.start()]
    body = text[4 + end.end():].removeprefix("\n")
    body_line = 2 + block.count("\n") + 1
    meta = _load_front_matter(block, path) if block.strip() else {}
    if not isinstance(meta, dict):
        raise SourceError("front matter must be a mapping of keys to values", path=path, line=2,
                          fragment=_line_at(text, 2))
    head = text[:4 + end.start()]  # a key's line is looked for above the closing `---`, not in the body
    _check_types(meta, head, path)
    return Source(path=path, meta=meta, body=body, body_line=body_line,
                  meta_lines={str(key): _key_line(head, str(key)) for key in meta})


def _load_front_matter(block: str, path: str) -> Any:
    """The front matter's YAML as Python data; any YAML failure is a `SourceError` at its line and key."""
    try:
        return load(block)
    except YamlFailure as exc:
        where = f"front matter key {exc.key!r}" if exc.key else "broken front matter"
        # The block starts on the file's second line, below the opening `---`.
        raise SourceError(f"{where}: {exc.problem}", path=path, line=exc.line + 1, fragment=exc.fragment) from None


def _check_types(meta: dict[str, Any], text: str, path: str) -> None:
    for key, value in meta.items():
        expected = FRONT_MATTER_KEYS.get(str(key))
        if expected is not None and not isinstance(value, expected):
            line = _key_line(text, str(key))
            raise SourceError(
                f"front matter key {key!r} must be {_type_name(expected)}, got {type(value).__name__}",
                path=path, line=line, fragment=_line_at(text, line),
            )


def _type_name(expected: type | tuple[type, ...]) -> str:
    types = expected if isinstance(expected, tuple) else (expected,)
    names = {dt.date: "a date (YYYY-MM-DD)", str: "text"}
    return " or ".join(names.get(t, t.__name__) for t in types)


def _key_line(text: str, key: str) -> int:
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _line_at(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""
