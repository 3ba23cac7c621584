"""Importing published transcripts: a saved web page, a feed item's HTML, pandoc Markdown or plain
text in; a normalised `content/briefings/YYYY-MM-DD-<slug>.txt` out, one paragraph per line.

A source is only written when the parser reads it as a briefing, and never twice: the same
source URL, the same raw bytes (sha256) or the same normalised text already in the archive is
refused, naming the file that has it. Writes are atomic (temporary file, then `os.replace`) and
byte-identical for the same input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tarfile
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import markdown
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PageElement, PreformattedString

from ..errors import GeneratorError
from ..model import Briefing
from ..read.parse import parse
from ..read.source import Source, decode, parse_source, read_source
from ..text import clean_line, slugify

IMPORTABLE = (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt")
"""Suffixes taken from a folder or tarball; other members (licences, `.json`) are passed over."""
_HTML = (".html", ".htm", ".xhtml")
_MARKDOWN = (".md", ".markdown")
_BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"]
)
"""Elements that start a new paragraph; everything else is inline (`<strong>`, `<a>`, `<s>`, `<span>`)."""
_FURNITURE = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select",
              "nav", "header", "footer", "aside", "head", "title")
"""Page furniture dropped before reading: banners, menus, share buttons, footers."""
_PANDOC_ESCAPE = re.compile(r"\\(?:([!-/:-@\[-`{-~])|(\n)|( ))")
"""Pandoc's backslash escapes: any ASCII punctuation, a hard line break, a no-break space."""
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")
"""A site name after a page title (`… | The White House`)."""


class ImportRefused(GeneratorError):
    """A source is not imported: not a transcript, unreadable, or already in the archive."""


@dataclass(frozen=True)
class RawSource:
    """One source as found on disk or in a tarball: a name for messages and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Extracted:
    """A source's transcript as normalised text, and what its publisher said about it."""

    text: str
    """One paragraph per line, paragraphs separated by a blank line."""
    title: str = ""
    published: dt.date | None = None
    """The publisher's date: used only when neither the title nor the text gives one."""
    source_url: str = ""


@dataclass(frozen=True)
class Imported:
    """A transcript written (or, in a dry run, ready to be written) into the archive."""

    path: Path
    briefing: Briefing


@dataclass(frozen=True)
class Overrides:
    """What the editor states on the command line, winning over what the source says."""

    title: str = ""
    date: dt.date | None = None
    source_url: str = ""


def expand(paths: Sequence[Path]) -> list[RawSource]:
    """Every importable source under the given files, folders and tarballs, each group in name order."""
    found: list[RawSource] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in IMPORTABLE)
            found.extend(RawSource(str(p), p.read_bytes()) for p in files)
        elif tarfile.is_tarfile(path):
            found.extend(_tar_members(path))
        else:
            found.append(RawSource(str(path), path.read_bytes()))
    return found


def _tar_members(path: Path) -> list[RawSource]:
    """The importable members of a tarball, read in one forward pass (a compressed tar cannot seek cheaply)."""
    members: list[RawSource] = []
    with tarfile.open(path, "r:*") as tar:
        for member in tar:
            if member.isfile() and PurePath(member.name).suffix.lower() in IMPORTABLE:
                handle = tar.extractfile(member)
                if handle is not None:
                    members.append(RawSource(f"{path}:{member.name}", handle.read()))
    return sorted(members, key=lambda m: m.name)


def extract(raw: RawSource) -> Extracted:
    """The transcript in a source, by its kind: HTML, pandoc Markdown with front matter, or plain text."""
    text = unicodedata.normalize("NFC", decode(raw.data, raw.name))
    suffix = PurePath(raw.name).suffix.lower()
    if suffix in _HTML or (suffix not in _MARKDOWN + (".txt",) and re.match(r"\s*<", text)):
        return _from_html(text)
    source = parse_source(text, raw.name)
    body = _html_lines(markdown.markdown(_PANDOC_ESCAPE.sub(_entity, source.body))) if suffix in _MARKDOWN \
        else [clean_line(line) for line in source.body.split("\n")]
    meta = source.meta
    return Extracted(
        text=_join(body), title=clean_line(str(meta.get("title") or "")), published=_as_date(meta.get("date")),
        source_url=str(meta.get("source_url") or meta.get("permalink") or "").strip(),
    )


def _entity(match: re.Match[str]) -> str:
    """A pandoc escape as what Python-Markdown leaves alone: a character reference or a `<br />`."""
    if match[1]:
        return f"&#{ord(match[1])};"
    return "<br />\n" if match[2] else "&nbsp;"


def _from_html(text: str) -> Extracted:
    soup = BeautifulSoup(text, "html.parser")
    url = _attr(soup.find("link", rel="canonical"), "href") or _meta(soup, "og:url")
    published = _as_date(_meta(soup, "article:published_time") or _attr(soup.find("time"), "datetime"))
    page_title = _meta(soup, "og:title") or (soup.title.get_text(" ", strip=True) if soup.title else "")
    for tag in soup.find_all(_FURNITURE):
        if not tag.decomposed:
            tag.decompose()
    root = _tag(soup.find("main")) or _tag(soup.find("article")) or _tag(soup.find(None, {"role": "main"})) \
        or soup.body or soup
    heading = root.find("h1") if isinstance(root, Tag) else None
    title = clean_line(heading.get_text(" ")) if heading else _SITE_SUFFIX.sub("", clean_line(page_title))
    return Extracted(text=_join(_block_lines(root)), title=title, published=published, source_url=url.strip())


def _tag(found: object) -> Tag | None:
    """`found` when it is an element (`find` may give a string or nothing)."""
    return found if isinstance(found, Tag) else None


def _html_lines(html: str) -> list[str]:
    return _block_lines(BeautifulSoup(html, "html.parser"))


def _block_lines(root: Tag) -> list[str]:
    """The text of an element tree as paragraphs: one per block element or `<br>`, spaces collapsed."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = clean_line("".join(current))
        current.clear()
        if line:
            lines.append(line)

    # with a stack of its own, not recursion: the nesting of a page has no limit
    opened: list[tuple[Iterator[PageElement], bool]] = [(iter(root.children), False)]
    while opened:
        children, block = opened[-1]
        child = next(children, None)
        if child is None:
            opened.pop()
            if block:
                flush()
        elif isinstance(child, PreformattedString):  # comments, doctype, CDATA
            continue
        elif isinstance(child, NavigableString):
            current.append(str(child))
        elif not isinstance(child, Tag):
            continue
        elif child.name == "br":
            flush()
        elif child.name == "pre":
            flush()
            lines.extend(line for line in map(clean_line, child.get_text().split("\n")) if line)
        elif child.name in _BLOCKS:
            flush()
            opened.append((iter(child.children), True))
        else:
            opened.append((iter(child.children), False))
    flush()
    return lines


def _join(lines: Sequence[str]) -> str:
    """Paragraphs one per line with a blank line between; a run of blank lines counts as one."""
    return "\n\n".join(line for line in lines if line) + "\n"


def _attr(tag: Any, name: str) -> str:
    value = tag.get(name) if isinstance(tag, Tag) else None
    return value if isinstance(value, str) else ""


def _meta(soup: BeautifulSoup, prop: str) -> str:
    return _attr(soup.find("meta", attrs={"property": prop}) or soup.find("meta", attrs={"name": prop}), "content")


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]) if value else None
    except ValueError:
        return None


def text_key(body: str) -> str:
    """What makes two transcripts the same text: their words, whatever the spacing and line breaks."""
    return hashlib.sha256(clean_line(unicodedata.normalize("NFC", body)).encode()).hexdigest()


@dataclass
class _Seen:
    """What the archive already holds, by source URL, raw sha256 and normalised text."""

    urls: dict[str, str] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    stems: set[str] = field(default_factory=set)

    def add(self, shown: str, stem: str, body: str, url: str, digest: str) -> None:
        self.stems.add(stem)
        self.texts.setdefault(text_key(body), shown)
        if url:
            self.urls.setdefault(_url_key(url), shown)
        if digest:
            self.digests.setdefault(digest, shown)

    def duplicate(self, body: str, url: str, digest: str) -> str:
        """Why a new transcript is a duplicate (naming the file that has it), or empty."""
        for what, table, key in (("source", self.digests, digest), ("source URL", self.urls, _url_key(url)),
                                 ("text", self.texts, text_key(body))):
            if key and key in table:
                return f"already imported: same {what} as {table[key]}"
        return ""


def _url_key(url: str) -> str:
    return url.strip().rstrip("/")


class Importer:
    """Imports sources into one content folder, refusing what it holds already (or imported earlier in the run)."""

    def __init__(self, content_dir: Path, *, root: Path | None = None, dry_run: bool = False) -> None:
        self.folder = content_dir / "briefings"
        self.root = root
        self.dry_run = dry_run
        self._seen = _Seen()
        for path in sorted(self.folder.rglob("*")) if self.folder.is_dir() else []:
            if path.suffix in (".txt", ".md", ".markdown") and path.is_file():
                try:
                    source = read_source(path)
                except GeneratorError:
                    continue  # `check` reports it; it cannot be a duplicate of anything readable
                self._seen.add(self.shown(path), path.stem, source.body, str(source.meta.get("source_url") or ""),
                               str(source.meta.get("sha256") or ""))

    def add(self, raw: RawSource, overrides: Overrides = Overrides()) -> Imported:
        """Import one source; raise `ImportRefused` (nothing written) when it is no new briefing."""
        try:
            extracted = extract(raw)
        except GeneratorError as exc:  # decoding or front matter: its line is the source's own
            raise _refused(raw, exc, exc.line) from None
        url = overrides.source_url or extracted.source_url
        digest = hashlib.sha256(raw.data).hexdigest()
        if reason := self._seen.duplicate(extracted.text, url, digest):
            raise ImportRefused(reason, path=raw.name)
        try:
            title, date = self._infer(raw.name, extracted, overrides)
            meta = {"title": title, "date": date} | ({"source_url": url} if url else {}) | {"sha256": digest}
            text = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1 << 16) \
                + "---\n" + extracted.text
            path = self._free_path(slugify(f"{date.isoformat()} {title}", 76))  # room for `-NN`: stem == page slug
            briefing = parse(parse_source(text, self.shown(path)))
        except GeneratorError as exc:
            # the parser counts lines of the extracted text, not of the raw source: the fragment locates it
            raise _refused(raw, exc) from None
        if not self.dry_run:
            _write_atomic(path, text.encode("utf-8"))
        self._seen.add(self.shown(path), path.stem, extracted.text, url, digest)
        return Imported(path=path, briefing=briefing)

    def _infer(self, name: str, extracted: Extracted, overrides: Overrides) -> tuple[str, dt.date]:
        """Title and date as the parser reads them: the stated ones first, then the title or text;
        the publisher's date only when neither gives one (it may be a day late)."""
        title = overrides.title or extracted.title
        meta: dict[str, Any] = {"title": title} if title else {}
        if overrides.date:
            meta["date"] = overrides.date
        try:
            briefing = parse(Source(path=name, meta=meta, body=extracted.text, body_line=1))
        except GeneratorError:
            if extracted.published is None or "date" in meta:
                raise
            briefing = parse(Source(path=name, meta=meta | {"date": extracted.published}, body=extracted.text,
                                    body_line=1))
        return briefing.title, briefing.date

    def _free_path(self, stem: str) -> Path:
        """`stem`, or `stem-2`, `stem-3`… when another briefing of that day has the same title."""
        candidate, number = stem, 1
        while candidate in self._seen.stems:
            number += 1
            candidate = f"{stem}-{number}"
        return self.folder / f"{candidate}.txt"

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the root when under it."""
        try:
            return str(path.relative_to(self.root)) if self.root else str(path)
        except ValueError:
            return str(path)


def _refused(raw: RawSource, exc: GeneratorError, line: int | None = None) -> ImportRefused:
    """The refusal of a source for a reading or parsing error, at `line` of the source when known."""
    return ImportRefused(f"not imported: {exc.message}", path=raw.name, line=line, fragment=exc.fragment)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: a reader never sees half a transcript."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def summary(briefing: Briefing) -> str:
    """What the importer inferred, in one line: date, title, turns and speakers."""
    questions = sum(t.question for t in briefing.turns)
    speakers = ", ".join(s.name for s in briefing.speakers) or "none"
    return (f"{briefing.date.isoformat()} {briefing.title!r}: {len(briefing.turns)} turns "
            f"({questions} questions); speakers: {speakers}")

