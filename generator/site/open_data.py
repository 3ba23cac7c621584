"""Open data built with the site: per-briefing JSON, all turns as one compressed CSV, all the JSON as one
compressed file of JSON lines, an Atom feed of the newest briefings, and the "Data" page documenting them.

The two downloads are bzip2 (`DOWNLOAD_LEVEL`), a stream per calendar month one after another (bzip2's
readers take such a file as one): the words of every turn are in both, and a compressor that sees 900 KB
at a time finds the repeats between briefings that a zip of one file per briefing, or gzip's 32 KB window,
cannot. Each month's stream is kept in the build cache, keyed by its briefings' entries, so a build after
one edit compresses one month again, not the archive. A download that would pass PART_BYTES (static hosts
cap a file's size: Cloudflare Pages at 25 MiB) is written in parts instead, split between months
(`turns-1.csv.bz2`, `turns-2.csv.bz2`, …), each complete in itself; `downloads.json` lists the files with
their dates and sizes, and the Data page is finished from it once they are written. A preview (`mkdocs
serve`) leaves the downloads out.

Each briefing's JSON and CSV rows are made once, with its other parts (`site/published.py`), and kept in
the build cache; `write_data` streams them into the site, a briefing or a month at a time. Every file is bytes made
from the model alone, so the same archive gives the same bytes: no build time anywhere (the feed's dates
are the briefings' own; bzip2 records none), briefings in date order.
"""

from __future__ import annotations

import bz2
import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree import ElementTree as ET

from ..cache import Store, key
from ..model import Briefing, Turn
from ..text import excerpt, plural
from . import urls
from .briefing_json import SCHEMA_VERSION, briefing_data
from .listing import link, placeholder, text
from .markdown import escape, front_matter
from .summary import Summary

FOLDER = urls.DATA
CSV_NAME = "turns.csv.bz2"
JSON_LINES_NAME = "briefings.jsonl.bz2"
FEED_NAME = "feed.xml"
INDEX_NAME = "briefings.json"
SCHEMA_NAME = "briefing.schema.json"
DOWNLOADS_NAME = "downloads.json"
PART_BYTES = 24 * 2**20
"""A download's file is closed once it holds this many bytes (the briefing being written goes in whole), so
every file stays under the 25 MiB a file that Cloudflare Pages serves may hold; one file while it fits."""
DOWNLOAD_LEVEL = 9
"""bzip2's block size, in 100 KB. Measured on the 1,137 White House briefings (70.3 MB of JSON, 77.6 MB of
CSV): bzip2 -9 11.3 and 10.9 MB in 4.5 and 5.1 s; the zip of one deflated file per briefing and the gzipped
CSV they replace, 21.6 and 18.7 MB; gzip -9 over the whole 18.0 and 16.6 MB; xz -1 15.7 and 14.6 MB in 2.8 s
each, xz -6 11.2 and 10.9 MB in 45 and 37 s; bzip2 -1 15.0 MB for the JSON in 3.9 s."""
DOWNLOADS = "downloads"
"""The Data page's list of downloads (a listing: the offline bundle links them on the public site instead)."""
FEED_SIZE = 50
"""How many of the newest briefings the Atom feed lists."""
COLUMNS = (
    ("briefing", "The briefing's slug: its page is `briefings/<slug>.html`, its JSON `data/briefings/<slug>.json`."),
    ("date", "The briefing's date, `YYYY-MM-DD`."),
    ("anchor", "The turn's permanent anchor on the briefing page (`t012`)."),
    ("permalink", "The link citing the turn: the briefing page's address and `#anchor`."),
    ("speaker", "Who spoke, as resolved (for questions, the reporter when named)."),
    ("speaker_id", "The speaker's stable id (speaker pages are `speakers/<id>.html`)."),
    ("role", "The speaker's role at the time (for reporters, their outlet), or empty."),
    ("type", "`question` (a reporter's turn), `answer` (a turn answering the question before it) "
             "or `statement` (anything else: opening remarks, a moderator's call)."),
    ("interpreted", "`true` when the turn, or part of it, was delivered through an interpreter."),
    ("topics", "Ids of the topics (`content/topics.yml`) the turn is tagged with, separated by `;`."),
    ("text", "The turn's words, paragraphs separated by a blank line; stage directions kept in place."),
)
"""The CSV's columns, in order, with what the Data page says about each."""
_XML_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ATOM = "http://www.w3.org/2005/Atom"


DATA_PART = "json"
"""A briefing's JSON in its cache entry (`site/published.py`)."""
ROWS_PART = "csv"
FEED_PART = "feed"
Read = Callable[[Summary, str], bytes]
"""Reads a briefing's part (`DATA_PART`, `ROWS_PART`, `FEED_PART`)."""


def write_data(site_dir: Path, briefings: Sequence[Summary], read: Read, site_name: str, site_url: str,
               *, compress: bool = True, part_bytes: int = PART_BYTES, store: Store | None = None) -> None:
    """Every open-data file into `site_dir/data/`, one briefing at a time (`read(briefing, part)` gives its
    JSON, CSV rows and feed summary), then `downloads.json` naming the downloads' files. The downloads are
    made a month at a time (`download_months`), each month's compressed stream kept in `store` when given, so
    that a build after an edit compresses that month's again only. With `compress` false (previews) the two
    downloads are not made: `downloads.json` lists no file for either."""
    folder = site_dir / FOLDER
    (folder / urls.BRIEFINGS).mkdir(parents=True, exist_ok=True)
    by_date = sorted(briefings, key=lambda b: (b.date, b.slug))
    stamp = _newest(briefings)
    (folder / INDEX_NAME).write_bytes(_json(_index(sorted(briefings, key=lambda b: b.slug), site_url)))
    (folder / SCHEMA_NAME).write_bytes(_schema())
    months = download_months(by_date)
    files: dict[str, list[dict[str, Any]]] = {"json": [], "csv": []}
    with _Parts(folder, JSON_LINES_NAME, b"", part_bytes) if compress else nullcontext() as lines:
        for entry, month in months["json"]:
            data = [read(briefing, DATA_PART) for briefing in month]  # read once: its file, and its month's line
            for briefing, one in zip(month, data, strict=True):
                (folder / urls.data_json(briefing.slug).removeprefix(f"{FOLDER}/")).write_bytes(one)
            if lines is not None:
                lines.write(month, _month_stream(entry, partial(b"".join, data), store))
    if lines is not None:
        files["json"] = lines.files
        with _Parts(folder, CSV_NAME, bz2.compress(_header(), DOWNLOAD_LEVEL), part_bytes) as tables:
            for entry, month in months["csv"]:
                tables.write(month, _month_stream(entry, partial(_joined, read, month, ROWS_PART), store))
        files["csv"] = tables.files
    (folder / DOWNLOADS_NAME).write_bytes(_json(files))
    if site_url:
        newest = by_date[::-1][:FEED_SIZE]
        summaries = {b.slug: read(b, FEED_PART).decode() for b in newest}
        (folder / FEED_NAME).write_bytes(atom_feed(newest, summaries, site_name, site_url, stamp))


def download_months(briefings: Sequence[Summary]) -> dict[str, list[tuple[str, list[Summary]]]]:
    """The downloads' pieces, per kind (`json`, `csv`): the briefings of each calendar month, in date order,
    with the key of the month's compressed stream in the build cache (from the briefings' own entries, which
    name everything that made their JSON and rows; a build's parent keeps these keys when it prunes)."""
    months: dict[tuple[int, int], list[Summary]] = {}
    for briefing in sorted(briefings, key=lambda b: (b.date, b.slug)):
        months.setdefault((briefing.date.year, briefing.date.month), []).append(briefing)
    return {kind: [(key("download", kind, str(DOWNLOAD_LEVEL), *(b.entry for b in month)), month)
                   for month in months.values()] for kind in ("json", "csv")}


def _month_stream(entry: str, content: Callable[[], bytes], store: Store | None) -> bytes:
    """A month's JSON lines or CSV rows (`content`, made only when needed) as one bzip2 stream: from the cache
    entry `entry`, or compressed and kept there."""
    if store is not None and store.has(entry):
        return store.read(entry, DOWNLOAD_PART)
    stream = bz2.compress(content(), DOWNLOAD_LEVEL)
    if store is not None:
        store.put(entry, {DOWNLOAD_PART: stream}, stored={DOWNLOAD_PART})
    return stream


def _joined(read: Read, month: Sequence[Summary], part: str) -> bytes:
    return b"".join(read(briefing, part) for briefing in month)


DOWNLOAD_PART = "bz2"
"""A month's compressed stream in its cache entry (`_month_stream`)."""


class _Parts:
    """One download written into files of `limit` bytes at most, split between months: `name` itself when one
    file holds them all, else `stem-1.ext`, `stem-2.ext`, … (`turns-2.csv.bz2`). Each file starts with `head`
    (a bzip2 stream of the CSV's header row) and is complete in itself: bzip2 streams one after another are one
    file to every reader (`bunzip2`, Python's `bz2`, pandas). `files`: what `downloads.json` says of each (its
    path under the site, first and last dates, briefings and bytes)."""

    def __init__(self, folder: Path, name: str, head: bytes, limit: int) -> None:
        self._folder, self._name, self._head, self._limit = folder, name, head, limit
        stem, _, extension = name.partition(".")
        self._numbered = lambda n: f"{stem}-{n}.{extension}"
        self._out: BinaryIO | None = None
        self._path: Path | None = None
        self._size = 0
        self._dates: list[dt.date] = []
        self.files: list[dict[str, Any]] = []

    def __enter__(self) -> _Parts:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            self._close()
            return
        if self._out is None and not self.files:
            self._start()  # no briefing: one file all the same, with what every file starts with
            if not self._head and self._out is not None:
                self._out.write(bz2.compress(b"", DOWNLOAD_LEVEL))  # an empty stream: still a bzip2 file
        self._close()
        if len(self.files) == 1:
            (self._folder / self._numbered(1)).replace(self._folder / self._name)
            self.files[0]["file"] = f"{FOLDER}/{self._name}"

    def write(self, month: Sequence[Summary], data: bytes) -> None:
        """A month's stream, into the current file, or a new one when it would pass the limit."""
        if self._out is not None and self._dates and self._size + len(data) > self._limit:
            self._close()
        if self._out is None:
            self._start()
        assert self._out is not None
        self._out.write(data)
        self._size += len(data)
        self._dates += [b.date for b in month]

    def _start(self) -> None:
        self._path = self._folder / self._numbered(len(self.files) + 1)
        self._out = self._path.open("wb")
        self._out.write(self._head)
        self._size, self._dates = len(self._head), []

    def _close(self) -> None:
        if self._out is None or self._path is None:
            return
        self._out.close()
        self._out = None
        dates = self._dates
        self.files.append({"file": f"{FOLDER}/{self._path.name}", "first": min(dates).isoformat() if dates else "",
                           "last": max(dates).isoformat() if dates else "", "briefings": len(dates),
                           "bytes": self._path.stat().st_size})


def read_downloads(site_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """What `downloads.json` says of the downloads' files (`write_data`): `{"json": [...], "csv": [...]}`."""
    data: dict[str, list[dict[str, Any]]] = json.loads((site_dir / FOLDER / DOWNLOADS_NAME).read_bytes())
    return data


def briefing_json(briefing: Briefing, site_url: str) -> bytes:
    """A briefing's open-data file, in the versioned schema (`briefing_json.py`)."""
    return _json(briefing_data(briefing, site_url))


def _json(data: Any) -> bytes:
    """Compact JSON (the archive's text is most of it; indentation would add a fifth)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _schema() -> bytes:
    return resources.files(__package__).joinpath(SCHEMA_NAME).read_bytes()


def _index(briefings: Sequence[Summary], site_url: str) -> dict[str, Any]:
    """The list of briefings: what a client reads first to fetch the ones it wants."""
    return {"schema_version": SCHEMA_VERSION, "briefings": [
        {"slug": b.slug, "title": b.title, "date": b.date.isoformat(), "kind": b.kind,
         "url": urls.absolute(urls.address(urls.BRIEFINGS, b.slug), site_url),
         "json": urls.data_json(b.slug).removeprefix(f"{FOLDER}/"),
         "turns": b.turns} for b in briefings]}


def _header() -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([name for name, _ in COLUMNS])
    return out.getvalue().encode("utf-8")


def turn_type(turn: Turn) -> str:
    """`question`, `answer` or `statement` (the CSV's `type` column)."""
    return "question" if turn.question else "answer" if turn.answer_to else "statement"


def csv_rows(briefing: Briefing, site_url: str) -> str:
    """The CSV rows of one briefing's turns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for turn in briefing.turns:
        name, role = _who(turn)
        writer.writerow([briefing.slug, briefing.date.isoformat(), turn.anchor, urls.permalink(briefing, turn.anchor, site_url), name,
                         turn.speaker.id, role, turn_type(turn), str(turn.interpreted).lower(),
                         ";".join(turn.topics), turn.text])
    return out.getvalue()


def _who(turn: Turn) -> tuple[str, str]:
    """The CSV's speaker and role: for a question, who asked (`Turn.asker`) and their outlet."""
    if asker := turn.asker:
        return asker.name, asker.outlet
    return turn.speaker.name, turn.speaker.affiliation if turn.question else turn.speaker.role


def _newest(briefings: Sequence[Summary]) -> dt.date:
    return max((b.date for b in briefings), default=dt.date(1980, 1, 1))


def atom_feed(newest: Sequence[Summary], summaries: Mapping[str, str], site_name: str, site_url: str,
              updated: dt.date) -> bytes:
    """An Atom feed of the `newest` briefings (`summaries` by slug: `feed_summary`); each entry's id is its
    page's permanent address."""
    base = site_url.rstrip("/") + "/"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", site_name)
    _add(feed, "id", base)
    _add(feed, "updated", _stamp(updated))
    _add(feed, "link", rel="self", type="application/atom+xml", href=f"{base}{FOLDER}/{FEED_NAME}")
    _add(feed, "link", rel="alternate", type="text/html", href=base)
    author = _add(feed, "author")
    _add(author, "name", site_name)
    for briefing in newest:
        entry = _add(feed, "entry")
        url = urls.absolute(urls.address(urls.BRIEFINGS, briefing.slug), base)
        _add(entry, "title", briefing.title)
        _add(entry, "id", url)
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "published", _stamp(briefing.date))
        _add(entry, "updated", _stamp(briefing.date))
        _add(entry, "summary", summaries[briefing.slug])
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _XML_UNSAFE.sub("", v) for k, v in attributes.items()})
    if text:
        element.text = _XML_UNSAFE.sub("", text)  # characters XML 1.0 cannot carry at all
    return element


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def feed_summary(briefing: Briefing) -> str:
    """A briefing's summary in the feed: kind, place, turns, speakers, the opening words."""
    speakers = ", ".join(s.name for s in briefing.speakers if s.has_page)
    parts = [briefing.kind.capitalize(), briefing.location, f"{len(briefing.turns)} turns", speakers]
    first = " ".join(next((t.text for t in briefing.turns if not t.question), "").split())
    return " · ".join(p for p in parts if p) + (f". {excerpt(first, 240)}" if first else "")


DATA_PAGE = "data.md"


def data_page(count: int) -> str:
    """The "Data" page: the downloads (a placeholder, filled once they are written: `downloads`, and
    `offline_downloads` in the offline bundle), the CSV's columns and the JSON schema's fields."""
    return (
        front_matter("Data")
        + "# Open data\n\n"
        f"Everything in this archive ({plural(count, 'briefing')}) as data, rebuilt with the site "
        "from the same transcripts. Reuse it freely; cite the permalinks.\n\n"
        + placeholder(DATA_PAGE, DOWNLOADS, "", {})
        + "## Turns CSV\n\n"
        "UTF-8, comma-separated, quoted where needed (texts contain line breaks), one header row, "
        "bzip2-compressed (`pandas.read_csv` and most data tools read it as it is; unpack it for a spreadsheet "
        "with `bunzip2`, 7-Zip or the system's archive tool). "
        "Briefings by date, turns in the order spoken. A large archive's CSV comes in several files, split "
        "between briefings, each with the header row: read them in order and append.\n\n"
        "| Column | Meaning |\n|---|---|\n"
        + "".join(f"| `{name}` | {_cell(text)} |\n" for name, text in COLUMNS)
        + f"\n## Briefing JSON (schema version {SCHEMA_VERSION})\n\n"
        "Each file holds one briefing; `schema_version` changes with the format: a new minor version only "
        "adds keys, a new major version changes or removes some. Each speaker is there once, in `speakers`; a "
        "turn's `speaker` is a number in that list (`speakers[turn[\"speaker\"]]` in Python or JavaScript); each "
        "topic once, in `topics`, a paragraph's `topics` being numbers in that list. Each "
        "turn's words are there once, in its "
        "paragraphs' `text`; stage directions and redactions are `marks`, spans of that text. A turn's text is "
        "its paragraphs' texts joined by a blank line, a turn's permalink the briefing's `url`, `#` and the "
        "anchor. Flags that are false and lists that are empty are left out of turns and paragraphs.\n\n"
        "| Field | Type | Meaning |\n|---|---|---|\n" + "".join(_schema_rows()) + "\n"
    )


Files = Mapping[str, Sequence[Mapping[str, Any]]]
"""The downloads' files as `downloads.json` lists them (`read_downloads`)."""


def downloads(site_url: str, base: str, files: Files) -> str:
    """The Data page's downloads as HTML, linked from `base` (empty: the site's own `data/` folder); `files`
    names the files of the JSON zip and the CSV (one each, or parts)."""
    entries = [
        ("json", "All briefings as JSON lines", "bzip2-compressed file",
         "one line per briefing, each line a briefing's JSON file (the schema below)"),
        ("csv", "All turns as CSV", "bzip2-compressed file", "one row per speaker turn of every briefing"),
    ]
    lines = [_download(base, files[kind], label, unit, what) for kind, label, unit, what in entries]
    others = [
        (INDEX_NAME, "List of briefings", " (JSON): slug, title, date, kind, page, JSON file, turns."),
        (SCHEMA_NAME, "JSON schema", " of the per-briefing files."),
        (DOWNLOADS_NAME, "List of these downloads", " (JSON): each file with its first and last dates, briefings and bytes."),
    ]
    if site_url:
        others.append((FEED_NAME, "Atom feed", f" of the {FEED_SIZE} newest briefings."))
    lines += [f"<li>{link(f'{base}{FOLDER}/{name}', text(label))}{html.escape(rest)}</li>\n" for name, label, rest in others]
    lines.append(f"<li>One JSON file per briefing: <code>{base}{FOLDER}/{urls.BRIEFINGS}/&lt;slug&gt;.json</code>, "
                 "the slug being the page's file name.</li>\n")
    return "<ul>\n" + "".join(lines) + "</ul>\n"


def _download(base: str, files: Sequence[Mapping[str, Any]], label: str, unit: str, what: str) -> str:
    """One download's item: its file, or its parts by date (each complete in itself); none in a preview."""
    if not files:
        return f"<li>{text(label)}: made by <code>mkdocs build</code>, not by this preview.</li>\n"
    if len(files) == 1:
        only = files[0]
        return f"<li>{link(base + str(only['file']), text(label))}, one {unit} ({_size(only['bytes'])}): {text(what)}.</li>\n"
    parts = "".join(
        f"<li>{link(base + str(f['file']), text(str(f['file']).rsplit('/', 1)[-1]))}: "
        f"{text(_dates(f['first'], f['last']))}, {plural(f['briefings'], 'briefing')}, "
        f"{_size(f['bytes'])}</li>\n" for f in files)
    return (f"<li>{text(label)}, in {len(files)} {unit}s by date (each under {PART_BYTES // 2**20 + 1} MB, the most "
            f"a file may weigh on some hosts; each complete in itself): {text(what)}.\n<ul>\n{parts}</ul></li>\n")


def _dates(first: str, last: str) -> str:
    return first if first == last else f"{first} to {last}"


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{max(1, round(count / 1e3))} KB"


def offline_downloads(site_url: str, files: Files) -> str:
    """What the offline bundle's Data page shows instead of the downloads, which it leaves out: the public
    site's downloads, when `site_url` says where they are."""
    note = ("<p>The open data is not part of this offline copy (it would double its size). "
            "Download it from the archive's web site" + (":" if site_url else ", on its Data page.") + "</p>\n")
    return note + (downloads(site_url, text(site_url.rstrip("/") + "/"), files) if site_url else "")


def _cell(text: str) -> str:
    """Documentation text (ours, or the schema's) into a table cell: `code` spans kept, the rest escaped."""
    return "".join(p if p.startswith("`") else _spaced(p) for p in re.split(r"(`[^`|]*`)", text))


def _spaced(text: str) -> str:
    """`escape`, keeping the spaces that separate the text from a neighbouring code span."""
    core = escape(text)
    return (" " if text[:1].isspace() else "") + core + (" " if text[-1:].isspace() and core else "")


def _schema_rows() -> list[str]:
    schema = json.loads(resources.files(__package__).joinpath(SCHEMA_NAME).read_text(encoding="utf-8"))
    return list(_fields(schema, schema, ""))


def _fields(node: Mapping[str, Any], schema: Mapping[str, Any], prefix: str) -> Any:
    """Table rows for an object's properties, depth first (`turns[].speaker.name`)."""
    for name, given in node.get("properties", {}).items():
        prop = _resolve(given, schema)
        kind = prop.get("type") or ("null or object" if "oneOf" in prop else "one of " + ", ".join(
            f"`{v}`" for v in prop["enum"] if v) if "enum" in prop else f"`{prop.get('const', '')}`")
        items = _resolve(prop.get("items", {}), schema)
        shown = f"array of {items.get('type', 'object')}" if kind == "array" else kind
        meaning = given.get("description") or prop.get("description", "")
        yield f"| `{prefix}{name}` | {_cell(str(shown))} | {_cell(meaning)} |\n"
        for child in (prop, items, *(_resolve(o, schema) for o in prop.get("oneOf", ()))):
            if child.get("properties"):
                yield from _fields(child, schema, f"{prefix}{name}{'[].' if child is items else '.'}")


def _resolve(node: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref", "")
    return schema["$defs"][ref.rsplit("/", 1)[1]] if ref.startswith("#/$defs/") else node
