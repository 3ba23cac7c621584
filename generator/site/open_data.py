"""Open data built with the site: per-briefing JSON, one CSV of all turns, a zip of both, an Atom
feed of the newest briefings, and the "Data" page documenting them.

Every file is bytes made from the model alone, so the same archive gives the same bytes: no build
time anywhere (the feed's and the zip's dates are the briefings' own), sorted zip entries.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Generic, NamedTuple, TypeVar
from xml.etree import ElementTree as ET

from ..model import Archive, Briefing, Turn
from ..text import excerpt
from . import urls
from .briefing_json import SCHEMA_VERSION, briefing_data
from .markdown import escape, front_matter
from .offline_zip import ZIP_LEVEL
from .urls import briefing_url

FOLDER = urls.DATA
CSV_NAME = "turns.csv"
ZIP_NAME = "briefings-data.zip"
FEED_NAME = "feed.xml"
INDEX_NAME = "briefings.json"
SCHEMA_NAME = "briefing.schema.json"
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


def data_files(archive: Archive, site_name: str, site_url: str, cache: DataCache | None = None) -> dict[str, bytes]:
    """Every open-data file, keyed by its path in the site; `cache` keeps unchanged files across builds."""
    return (cache or DataCache()).files(archive, site_name, site_url)


def data_paths(archive: Archive, site_url: str) -> list[str]:
    """The paths of the files `data_files` makes, without making them."""
    paths = [urls.data_json(b.slug) for b in sorted(archive.briefings, key=lambda b: b.slug)]
    paths += [f"{FOLDER}/{name}" for name in (INDEX_NAME, CSV_NAME, SCHEMA_NAME, ZIP_NAME)]
    return paths + ([f"{FOLDER}/{FEED_NAME}"] if site_url else [])


T = TypeVar("T")


@dataclass(frozen=True)
class Made(Generic[T]):
    """One briefing's part of a data file (its JSON, its CSV rows), and the briefing it was made from."""

    briefing: Briefing
    data: T


class Inputs(NamedTuple):
    """What the data files were made from."""

    site_name: str
    site_url: str
    briefings: tuple[Briefing, ...]

    def same(self, other: Inputs | None) -> bool:
        """True when `other` holds the very same briefings (the Loader reuses unchanged ones) and names."""
        return other is not None and (self.site_name, self.site_url) == (other.site_name, other.site_url) \
            and len(self.briefings) == len(other.briefings) \
            and all(a is b for a, b in zip(self.briefings, other.briefings, strict=True))


class DataCache:
    """The data files of an earlier build of the same `mkdocs serve`: all of them reused while the briefings
    are the very same objects (the Loader hands back the same `Briefing` for an unchanged transcript),
    each briefing's JSON and CSV rows reused while it is."""

    def __init__(self, *, preview: bool = False) -> None:
        self._inputs: Inputs | None = None
        self._files: dict[str, bytes] = {}
        self._json: dict[str, Made[bytes]] = {}
        self._rows: dict[str, Made[str]] = {}
        self.preview = preview
        """Under `mkdocs serve`: the zip of everything stores its files uncompressed, so an edit in a
        large archive does not wait for hundreds of MB to be compressed again."""

    def files(self, archive: Archive, site_name: str, site_url: str) -> dict[str, bytes]:
        inputs = Inputs(site_name, site_url, archive.briefings)
        if inputs.same(self._inputs):
            return self._files
        same_url = self._inputs is not None and self._inputs.site_url == site_url
        briefings = sorted(archive.briefings, key=lambda b: b.slug)
        self._json = {b.slug: self._reused(self._json, b, same_url)
                      or Made(b, _json(briefing_data(b, site_url))) for b in briefings}
        files = {urls.data_json(slug): made.data for slug, made in self._json.items()}
        files[f"{FOLDER}/{INDEX_NAME}"] = _json(_index(briefings, site_url))
        self._rows = {b.slug: self._reused(self._rows, b, same_url) or Made(b, csv_rows(b, site_url))
                      for b in briefings}
        files[f"{FOLDER}/{CSV_NAME}"] = turns_csv(briefings, site_url, {s: m.data for s, m in self._rows.items()})
        files[f"{FOLDER}/{SCHEMA_NAME}"] = resources.files(__package__).joinpath(SCHEMA_NAME).read_bytes()
        files[f"{FOLDER}/{ZIP_NAME}"] = bundle(files, _newest(briefings), compress=not self.preview)
        if site_url:
            files[f"{FOLDER}/{FEED_NAME}"] = atom_feed(briefings, site_name, site_url)
        self._inputs, self._files = inputs, files
        return files

    @staticmethod
    def _reused(made: dict[str, Made[T]], briefing: Briefing, same_url: bool) -> Made[T] | None:
        hit = made.get(briefing.slug)
        return hit if same_url and hit is not None and hit.briefing is briefing else None


def _json(data: Any) -> bytes:
    """Compact JSON (the archive's text is most of it; indentation would add a fifth)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _index(briefings: Sequence[Briefing], site_url: str) -> dict[str, Any]:
    """The list of briefings: what a client reads first to fetch the ones it wants."""
    return {"schema_version": SCHEMA_VERSION, "briefings": [
        {"slug": b.slug, "title": b.title, "date": b.date.isoformat(), "kind": b.kind, "url": briefing_url(b, site_url),
         "json": urls.data_json(b.slug).removeprefix(f"{FOLDER}/"), "turns": len(b.turns)} for b in briefings]}


def turn_type(turn: Turn) -> str:
    """`question`, `answer` or `statement` (the CSV's `type` column)."""
    return "question" if turn.question else "answer" if turn.answer_to else "statement"


def turns_csv(briefings: Sequence[Briefing], site_url: str, rows: Mapping[str, str] | None = None) -> bytes:
    """One row per turn of every briefing, briefings by date then slug, turns in order;
    `rows` holds briefings' rows made already (`csv_rows`), by slug."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([name for name, _ in COLUMNS])
    for briefing in sorted(briefings, key=lambda b: (b.date, b.slug)):
        out.write(rows[briefing.slug] if rows is not None and briefing.slug in rows else csv_rows(briefing, site_url))
    return out.getvalue().encode("utf-8")


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


def _newest(briefings: Sequence[Briefing]) -> dt.date:
    return max((b.date for b in briefings), default=dt.date(1980, 1, 1))


def bundle(files: Mapping[str, bytes], date: dt.date, *, compress: bool = True) -> bytes:
    """A zip of the data files, entries sorted and dated by the newest briefing: the same data, the same bytes."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path.removeprefix(f"{FOLDER}/"), date_time=stamp)
            info.compress_type = method
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path], compresslevel=ZIP_LEVEL if compress else None)
    return out.getvalue()


def atom_feed(briefings: Sequence[Briefing], site_name: str, site_url: str) -> bytes:
    """An Atom feed of the newest briefings; each entry's id is its page's permanent address."""
    base = site_url.rstrip("/") + "/"
    newest = sorted(briefings, key=lambda b: (b.date, b.slug), reverse=True)[:FEED_SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", site_name)
    _add(feed, "id", base)
    _add(feed, "updated", _stamp(_newest(briefings)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=f"{base}{FOLDER}/{FEED_NAME}")
    _add(feed, "link", rel="alternate", type="text/html", href=base)
    author = _add(feed, "author")
    _add(author, "name", site_name)
    for briefing in newest:
        entry = _add(feed, "entry")
        url = briefing_url(briefing, base)
        _add(entry, "title", briefing.title)
        _add(entry, "id", url)
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "published", _stamp(briefing.date))
        _add(entry, "updated", _stamp(briefing.date))
        _add(entry, "summary", _summary(briefing))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _XML_UNSAFE.sub("", v) for k, v in attributes.items()})
    if text:
        element.text = _XML_UNSAFE.sub("", text)  # characters XML 1.0 cannot carry at all
    return element


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _summary(briefing: Briefing) -> str:
    speakers = ", ".join(s.name for s in briefing.speakers if s.has_page)
    parts = [briefing.kind.capitalize(), briefing.location, f"{len(briefing.turns)} turns", speakers]
    first = " ".join(next((t.text for t in briefing.turns if not t.question), "").split())
    return " · ".join(p for p in parts if p) + (f". {excerpt(first, 240)}" if first else "")


def data_page(archive: Archive, has_feed: bool) -> str:
    """The "Data" page: the downloads, the CSV's columns and the JSON schema's fields."""
    count = len(archive.briefings)
    feed = f"- [Atom feed]({FOLDER}/{FEED_NAME}) of the {FEED_SIZE} newest briefings.\n" if has_feed else ""
    return (
        front_matter("Data")
        + "# Open data\n\n"
        f"Everything in this archive ({count} briefing{'s' if count != 1 else ''}) as data, rebuilt with the site "
        "from the same transcripts. Reuse it freely; cite the permalinks.\n\n"
        f"- [All data as one zip]({FOLDER}/{ZIP_NAME}): every briefing's JSON, the CSV, the index and the schema.\n"
        f"- [All turns as CSV]({FOLDER}/{CSV_NAME}): one row per speaker turn of every briefing.\n"
        f"- [List of briefings]({FOLDER}/{INDEX_NAME}) (JSON): slug, title, date, kind, page, JSON file, turns.\n"
        f"- One JSON file per briefing: `{FOLDER}/briefings/<slug>.json`, the slug being the page's file name.\n"
        f"- [JSON schema]({FOLDER}/{SCHEMA_NAME}) of the per-briefing files.\n" + feed + "\n"
        "## Turns CSV\n\n"
        "UTF-8, comma-separated, quoted where needed (texts contain line breaks), one header row. "
        "Briefings by date, turns in the order spoken.\n\n"
        "| Column | Meaning |\n|---|---|\n"
        + "".join(f"| `{name}` | {_cell(text)} |\n" for name, text in COLUMNS)
        + f"\n## Briefing JSON (schema version {SCHEMA_VERSION})\n\n"
        "Each file holds one briefing; `schema_version` changes with the format: a new minor version only "
        "adds keys, a new major version changes or removes some.\n\n"
        "| Field | Type | Meaning |\n|---|---|---|\n" + "".join(_schema_rows()) + "\n"
    )


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
