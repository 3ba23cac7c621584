"""Parts of the site written by forked child processes while MkDocs renders the pages.

On Linux a `mkdocs build` forks one child for the open-data files and, with the sharded search
index, one for the index: each reads the briefings' parts from the build cache, one briefing at a
time, and uses the second core. Each child ends without a traceback of its own when the build is
interrupted; a child that fails fails the build (`join`).
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.exceptions import PluginError

from ..cache import Store
from ..errors import GeneratorError
from ..model import Briefing, Outlet, Person, Topic
from ..processes import can_fork, die_with_parent
from ..site.open_data import download_months, write_data
from ..site.published import Published, material_entries
from ..site.search_index import (
    COUNTS,
    INDEXED,
    BriefingCounts,
    Entry,
    IndexedBriefing,
    InOrder,
    Site,
    counts_of,
    index_order,
    indexed_entry,
    keep_indexed,
    write_index,
)
from ..site.summary import Summary


class Children:
    """The build's child processes, by name."""

    def __init__(self) -> None:
        self._running: list[BaseProcess] = []

    @staticmethod
    def available() -> bool:
        """True where the build may fork children (`processes.can_fork`)."""
        return can_fork()

    def start(self, name: str, work: Callable[..., object], *args: Any) -> None:
        """Fork a child called `name` running `work(*args)`."""
        child = multiprocessing.get_context("fork").Process(target=_child, args=(work, *args), name=name, daemon=True)
        self._running.append(child)
        child.start()

    def join(self, name: str, what: str) -> None:
        """Wait for the children called `name`; a failed one fails the build, saying `what` it did."""
        for child in [p for p in self._running if p.name == name]:
            child.join()
            self._running.remove(child)
            if child.exitcode != 0:
                raise PluginError(f"{what} failed (exit code {child.exitcode}); see above")

    def terminate(self) -> None:
        for child in self._running:
            child.terminate()
            child.join()
        self._running = []


def _child(work: Callable[..., object], *args: Any) -> None:
    """A forked child's body: interrupted with the build, it ends without a traceback of its own."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    work(*args)


def child_pipe() -> tuple[Connection, Connection]:
    """`(receive, send)`: a forked child's end (the search index's, the open data's) and the build's."""
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    return receive, send


class EarlyEntries:
    """The entries of the pages other than briefings, sent to the search-index child as soon as those pages are
    built (MkDocs builds the briefing pages last, `on_files`), so that the child finishes the index while MkDocs
    writes the briefing pages instead of after it: at 10,000 briefings the child's last half minute ran alone.

    Sent from a thread: the child reads them only once it has added every briefing, and a pipe holds 64 KB, so
    a plain `send` would hold MkDocs up until then. `finish` waits for the send and holds the entries to those
    of Material's index as written at the end of the build: they are the same, or the build fails."""

    def __init__(self, connection: Connection, items: list[Entry]) -> None:
        self._items = items
        self._data = pickle.dumps(items, pickle.HIGHEST_PROTOCOL)  # here: a thread's allocations stay in its arena
        self._connection = connection
        self._thread = threading.Thread(target=self._send, name="index-entries", daemon=True)
        self._thread.start()

    def _send(self) -> None:
        try:
            self._connection.send_bytes(self._data)  # `recv` reads it as `send` would have written it
        except (OSError, ValueError):
            pass  # the child is gone: its own failure is reported when it is joined
        finally:
            self._connection.close()
            self._data = b""

    def finish(self, written: list[Entry] | None) -> None:
        self.wait()
        if written != self._items:
            raise PluginError("the search entries of the pages other than briefings changed after those pages "
                              "were built: the search index would not match the site")

    def wait(self) -> None:
        self._thread.join()


def write_index_child(folder: Path, briefings: InOrder, topics: tuple[Topic, ...], entries: Connection,
                      parents_end: Connection, offline: Path | None, site: Site, outlets: tuple[Outlet, ...],
                      people: dict[str, Person]) -> None:
    """The search-index child: the briefings' entries, then, once the parent sends them, the other pages'
    (None when Material wrote no index); a parent gone before that ends it quietly."""
    parents_end.close()  # so that the parent's end closing (or the parent dying) reads as the end of the pipe

    def more() -> list[Entry] | None:
        try:
            received: list[Entry] | None = entries.recv()
        except EOFError:
            sys.exit(1)
        return received

    write_index(folder, briefings, topics, more, offline=offline, site=site, outlets=outlets, people=people)


class Listed(NamedTuple):
    """A briefing as the search index's child needs to know it: its cache entry and what orders it."""

    entry: str
    date: dt.date
    slug: str


def write_index_early_child(folder: Path, store: Store, briefings: Connection, briefings_end: Connection,
                            entries: Connection, parents_end: Connection, offline: Path | None, site: Site) -> None:
    """The search-index child forked before the archive is loaded, so that it does not carry what the build then
    holds (a forked child starts with every page of its parent: at 10,000 briefings the child forked after the
    loading was the build's largest process). It waits for the briefings (`Listed`), the vocabulary, the outlets
    and the people, then writes the index (`write_index_child`); a parent gone before that ends it quietly."""
    received: tuple[list[Listed], tuple[Topic, ...], tuple[Outlet, ...], dict[str, Person]] = \
        _awaited(briefings, briefings_end)
    listing, topics, outlets, people = received
    write_index_child(folder, CachedBriefings(listing, Published(store), site), topics, entries, parents_end, offline,
                      site, outlets, people)


class CachedBriefings(InOrder):
    """The briefings, oldest first, read from the cache one at a time on each pass (what the search index is
    made from): never all in memory. What the index takes of each (`IndexedBriefing`: its entries tokenised,
    its citation data, who and what each turn is about) is kept in the cache too, beside the briefing's entry,
    so that only an edited briefing is tokenised again: a build makes it as it publishes the briefing, in the
    loading's worker processes (`SitePublisher`), and this makes it only when it is missing."""

    def __init__(self, summaries: Sequence[Summary | Listed], published: Published, site: Site) -> None:
        self.listed = sorted((Listed(s.entry, s.date, s.slug) for s in summaries), key=index_order)
        """The briefings in the index's order (what the search index's child is sent)."""
        self._published = published
        self._site = site
        self._keys = [indexed_entry(summary.entry, site) for summary in self.listed]

    def __iter__(self) -> Iterator[Briefing]:
        for summary in self.listed:
            yield self._published.briefing(summary.entry)

    def keys(self) -> list[str]:
        """The cache entries `indexed` reads or writes (a build that wrote them in a child keeps them)."""
        return list(self._keys)

    def indexed(self, make: Callable[[Briefing], IndexedBriefing]) -> Iterator[IndexedBriefing]:
        for summary, entry in zip(self.listed, self._keys, strict=True):
            yield self._kept(entry, INDEXED) or self._made(summary, make)

    def counted(self, make: Callable[[Briefing], IndexedBriefing]) -> Iterator[BriefingCounts]:
        for summary, entry in zip(self.listed, self._keys, strict=True):
            yield self._kept(entry, COUNTS) or counts_of(self._made(summary, make))

    def _kept(self, entry: str, part: str) -> Any:
        """A part of a kept entry; None when there is none, or it cannot be read (then it is made again). The part
        is read alone (its deflate stream checks itself): `Store.has` would first read the whole entry."""
        try:
            return pickle.loads(self._published.store.read(entry, part))
        except (GeneratorError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
            return None

    def _made(self, summary: Listed, make: Callable[[Briefing], IndexedBriefing]) -> IndexedBriefing:
        part = make(self._published.briefing(summary.entry))
        keep_indexed(self._published.store, summary.entry, self._site, part)
        return part


def write_data_child(site_dir: Path, summaries: Sequence[Summary], published: Published, site_name: str,
                     site_url: str) -> None:
    """The open-data writer: every data file into `site_dir`, the downloads' monthly streams kept in the build
    cache (the parent keeps their entries: `download_keys`)."""
    write_data(site_dir, summaries, published.data, site_name, site_url, store=published.store)


def write_data_early_child(site_dir: Path, store: Store, summaries: Connection, summaries_end: Connection,
                           site_name: str, site_url: str) -> None:
    """The open-data writer forked before the archive is loaded, as the index's child is (forked after, it started
    with every page of its parent: 121 MB at 10,000 briefings): it waits for the briefings' summaries as the data
    reads them (`summary.lean`), then writes every data file (`write_data_child`); a parent gone before that ends
    it quietly."""
    received: list[Summary] = _awaited(summaries, summaries_end)
    write_data_child(site_dir, received, Published(store), site_name, site_url)


def _awaited(receive: Connection, parents_end: Connection) -> Any:
    """What the parent sends once on `receive` to a child forked before the archive was loaded; a parent gone
    before that (the pipe's end without a message) ends the child quietly."""
    parents_end.close()  # so that the parent's end closing (or the parent dying) reads as the end of the pipe
    try:
        received = receive.recv()
    except EOFError:
        sys.exit(1)
    receive.close()
    return received


def download_keys(summaries: Sequence[Summary]) -> list[str]:
    """The cache entries of the downloads' monthly streams the open-data child reads or writes."""
    months = download_months(summaries)
    return [entry for pieces in months.values() for entry, _ in pieces]


def add_to_material_index(site_dir: Path, summaries: Sequence[Summary], published: Published) -> None:
    """The briefing pages' entries (made from the model with the briefing, `published.material_entries`) into
    Material's `search/search_index.json`, after its page's own (Material's plugin skipped briefing pages)."""
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for summary in summaries:
        data["docs"].extend(material_entries(published.model(summary)))
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
