"""Reading a transcript file: bytes to text, and the optional YAML front matter split off."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError

FRONT_MATTER_KEYS = {
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


def decode(data: bytes, path: str) -> str:
    """Decode a transcript's bytes; refuse what cannot be read faithfully, naming the byte offset.

    UTF-8 (with or without BOM) and UTF-16 with BOM are decoded as such. A file that is not
    UTF-8 but uses only single high bytes is taken as Windows-1252 (what Word and older CMSs
    save); a file mixing valid UTF-8 with stray bytes is corrupt and refused rather than guessed.
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
_LINE_END_BYTES = re.compile(rb"\r\n?|\n")


def _cp1252_or_refuse(data: bytes, exc: UnicodeDecodeError, path: str, skip: int) -> str:
    looks_utf8 = re.search(rb"[\xc2-\xf4][\x80-\xbf]+", data) is not None
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
    """Refuse NUL characters, naming the byte offset (`byte_offset` of the text before it); normalise line ends."""
    nul = text.find("\x00")
    if nul >= 0:
        line = len(_LINE_END.findall(text, 0, nul)) + 1
        raise SourceError(
            f"NUL character at byte {byte_offset(text[:nul])} (line {line}); this is not a text transcript",
            path=path,
            line=line,
            fragment=text[max(0, nul - 20): nul + 10],
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        # The context mark points at the construct left open (`[2022`), the problem mark at
        # where parsing gave up, often the end of the block; the first is what an editor must fix.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SourceError(f"broken front matter: {problem}", path=path, line=line,
                          fragment=_line_at(text, line)) from None
    if not isinstance(meta, dict):
        raise SourceError("front matter must be a mapping of keys to values", path=path, line=2,
                          fragment=_line_at(text, 2))
    _check_types(meta, text, path)
    return Source(path=path, meta=meta, body=body, body_line=body_line)


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
