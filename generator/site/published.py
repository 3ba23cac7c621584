"""A briefing published: every part of the site made from that briefing alone, made once per version of it.

The worker that parsed a transcript makes, from the briefing as published (`publish`): its page (the
Markdown head and the turns as HTML, its table of contents and anchors), its citation data, its open
data (JSON, CSV rows, the feed's summary), its model (for the search index), its group of turns on each
speaker, outlet and topic page, and its `Summary`. They go into the briefing's entry in the build cache
(`generator/cache.py`), under a key made of everything they depend on; a build keeps the summaries and
reads each other part when the file needing it is written. So memory stays flat however many briefings
the archive holds, and a briefing unchanged since the last build is not parsed, annotated or rendered again.
"""

from __future__ import annotations

import html
import json
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cache import Store, key
from ..model import Archive, Briefing, Outlet, Person, Topic
from . import urls
from .briefing_json import SCHEMA_VERSION
from .briefing_page import briefing_head, briefing_page
from .cite_data import briefing_citation
from .listing import Part, placeholder
from .open_data import DATA_PART, FEED_PART, ROWS_PART, briefing_json, csv_rows, feed_summary, write_data
from .page_meta import briefing_head as head_meta
from .search_index import Site, briefing_entries, indexed, keep_indexed
from .speaker_pages import speaker_parts
from .summary import Interned, Summary, summarize
from .topic_pages import topic_parts
from .turns_html import Permalink, anchors, turns_html

SUMMARY = "summary"
PAGE = "page"
"""The whole page as Markdown (the Markdown of record), when the turns are not written as HTML."""
HEAD = "head"
"""The page's Markdown above the turns, and a placeholder for them (`TURNS`)."""
TURNS = "turns"
ANCHORS = "anchors"
"""Every id the turns' HTML holds, space-separated."""
CITE = "cite"
META = "meta"
"""The page's head metadata (`page_meta.py`), as HTML."""
MODEL = "model"
"""The briefing itself, pickled: what the sharded search index is made from."""


@dataclass(frozen=True)
class Settings:
    """What a briefing's parts depend on besides the briefing and the configuration it was annotated with."""

    site_name: str
    site_url: str
    permalink: Permalink | None = None
    """The turns' heading permalinks (`toc:` in `mkdocs.yml`) when the turns are written as HTML
    (`turns_html.py`); None: the page is the Markdown of record, turns included."""

    def digest(self) -> str:
        permalink = [self.permalink.symbol, self.permalink.title] if self.permalink else None
        return key(json.dumps([self.site_name, self.site_url, permalink, SCHEMA_VERSION]))


def publish(briefing: Briefing, vocabulary: tuple[Topic, ...], people: tuple[Person, ...], settings: Settings,
            entry: str) -> dict[str, bytes]:
    """Every part of the site made from `briefing` alone (and the registry's `people`, whose name parts
    citations use), for its cache entry `entry`."""
    return _published(briefing, vocabulary, people, settings, entry)[0]


def _published(briefing: Briefing, vocabulary: tuple[Topic, ...], people: tuple[Person, ...], settings: Settings,
               entry: str) -> tuple[dict[str, bytes], dict[str, Any]]:
    """`publish`, and the page's citation data (which the search index's part of the briefing takes too)."""
    topics = {t.id: t for t in vocabulary}
    registry = {p.id: p for p in people}
    parts: dict[str, bytes] = {SUMMARY: pickle.dumps(summarize(briefing, entry), pickle.HIGHEST_PROTOCOL)}
    if settings.permalink is None:
        parts[PAGE] = briefing_page(briefing, topics).encode()
    else:
        page = urls.briefing_source(briefing)
        turns = turns_html(briefing, topics, settings.permalink, urls.address(urls.BRIEFINGS, briefing.slug))
        parts[HEAD] = (briefing_head(briefing) + placeholder(page, TURNS, turns, {})).encode()
        parts[TURNS] = turns.encode()
        parts[ANCHORS] = " ".join(sorted(anchors(briefing))).encode()
    citation = briefing_citation(briefing, settings.site_name, settings.site_url, registry,
                                 urls.relative(urls.briefing_source(briefing), urls.CITE_ASSETS))
    parts[CITE] = _json(citation)
    parts[META] = head_meta(briefing, settings.site_name, settings.site_url, registry).encode()
    parts[DATA_PART] = briefing_json(briefing, settings.site_url)
    parts[ROWS_PART] = csv_rows(briefing, settings.site_url).encode()
    parts[FEED_PART] = feed_summary(briefing).encode()
    parts[MODEL] = pickle.dumps(briefing, pickle.HIGHEST_PROTOCOL)
    parts.update((name, html.encode()) for name, html in speaker_parts(briefing).items())
    parts.update((name, html.encode()) for name, html in topic_parts(briefing, vocabulary).items())
    return parts, citation


def material_entries(briefing: Briefing) -> list[dict[str, str]]:
    """The briefing page's search entries as Material's index holds them (HTML-escaped), for Material's search
    box when it uses its own index (a small archive): made from the model when that index is written, not kept
    for every briefing of an archive whose search box uses the archive's own."""
    return [{"location": e.location, "title": html.escape(e.title, quote=False), "text": html.escape(e.text, quote=False)}
            for e in briefing_entries([briefing])]


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


class Published:
    """The build's view of the cache: a briefing's parts by its summary, read on demand."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def text(self, part: Part) -> str:
        """A part as text (what `listing.expand` reads)."""
        return self.store.read(part.entry, part.name).decode()

    def page(self, summary: Summary) -> str:
        """The briefing page's Markdown: its head and a placeholder for its turns, or the whole page."""
        names = self.store.names(summary.entry)
        return self.text(Part(summary.entry, HEAD if HEAD in names else PAGE))

    def turns(self, summary: Summary) -> str:
        return self.text(Part(summary.entry, TURNS))

    def anchors(self, summary: Summary) -> set[str]:
        return set(self.store.read(summary.entry, ANCHORS).decode().split())

    def head(self, entry: str) -> str:
        """The briefing page's head metadata (`page_meta.briefing_head`), by its cache entry."""
        return self.text(Part(entry, META))

    def citation(self, summary: Summary) -> str:
        """The page's citation data as compact JSON."""
        return self.store.read(summary.entry, CITE).decode()

    def summary(self, summary: Summary) -> Summary:
        """The summary as stored (with what a build does not hold of it: `summary.Interned`)."""
        return summary_of(self.store, summary.entry)

    def model(self, summary: Summary) -> Briefing:
        return self.briefing(summary.entry)

    def briefing(self, entry: str) -> Briefing:
        """The briefing kept in cache entry `entry`."""
        briefing: Briefing = pickle.loads(self.store.read(entry, MODEL))
        return briefing

    def data(self, summary: Summary, name: str) -> bytes:
        """A part as bytes (the open data's: `open_data.DATA_PART`, `ROWS_PART`, `FEED_PART`)."""
        return self.store.read(summary.entry, name)


class SitePublisher:
    """What the loader calls to publish a briefing into the build cache (`enrich.loader.Publisher`).

    With `index`, the store, each briefing as the search index takes it (`search_index.keep_indexed`) is made
    and kept there too: the loading does it on every core, where the index's child, after the loading, would
    do it alone (at 10,000 briefings, about two minutes of one core while the other is idle)."""

    def __init__(self, settings: Settings, index: Store | None = None) -> None:
        self._settings = settings
        self._interned = Interned()
        self._index = index

    def settings(self) -> str:
        return self._settings.digest()

    def publish(self, briefing: Briefing, topics: tuple[Topic, ...], people: tuple[Person, ...],
                outlets: tuple[Outlet, ...], entry: str) -> dict[str, bytes]:
        parts, citation = _published(briefing, topics, people, self._settings, entry)
        if self._index is not None:
            site = Site(self._settings.site_name, self._settings.site_url)
            keep_indexed(self._index, entry, site, indexed(briefing, site, {p.id: p for p in people},
                                                           {o.name: o for o in outlets}, citation))
        return parts

    def summary(self, store: Store, entry: str) -> Summary:
        return self._interned(summary_of(store, entry))


def summary_of(store: Store, entry: str) -> Summary:
    """The summary kept in an entry."""
    summary: Summary = pickle.loads(store.read(entry, SUMMARY))
    return summary


def published_in_memory(briefings: tuple[Briefing, ...], vocabulary: tuple[Topic, ...],
                        settings: Settings, people: tuple[Person, ...] = ()) -> tuple[Published, list[Summary]]:
    """Briefings published into a store held in memory (for `generator pages` and tests): each entry is
    keyed by its position and slug, as nothing outlives the store."""
    store = Store(None)
    summaries = []
    for number, briefing in enumerate(briefings):
        entry = key(str(number), briefing.slug)
        store.put(entry, publish(briefing, vocabulary, people, settings, entry))
        summaries.append(summary_of(store, entry))
    return Published(store), summaries



def data_files(archive: Archive, site_name: str, site_url: str) -> dict[str, bytes]:
    """Every open-data file of an archive held in memory, by its path in the site (for checks and tests)."""
    published, summaries = published_in_memory(archive.briefings, archive.topics, Settings(site_name, site_url))
    with tempfile.TemporaryDirectory() as scratch:
        write_data(Path(scratch), summaries, published.data, site_name, site_url)
        return {p.relative_to(scratch).as_posix(): p.read_bytes()
                for p in sorted(Path(scratch).rglob("*")) if p.is_file()}
