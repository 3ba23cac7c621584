"""Parts of the site written by forked child processes while MkDocs renders the pages.

On Linux a `mkdocs build` forks one child for the open-data files and, with the sharded search
index, one for the index: they share the parsed archive without copying it, and use the second core.
Each child ends without a traceback of its own when the build is interrupted; a child that fails
fails the build (`join`).
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from ..model import Archive
from ..processes import can_fork
from ..site.open_data import data_files
from ..site.search_index import Entry, Site, write_index


class Children:
    """The build's child processes, by name."""

    def __init__(self) -> None:
        self._running: list[BaseProcess] = []

    @staticmethod
    def available() -> bool:
        """True where the build may fork children (`processes.can_fork`)."""
        return can_fork()

    def start(self, name: str, work: Callable[..., None], *args: Any) -> None:
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


def _child(work: Callable[..., None], *args: Any) -> None:
    """A forked child's body: interrupted with the build, it ends without a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    work(*args)


def index_pipe() -> tuple[Connection, Connection]:
    """`(receive, send)`: the search-index child's end and the build's."""
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    return receive, send


def write_index_child(folder: Path, archive: Archive, entries: Connection, parents_end: Connection,
                      offline: Path | None, site: Site) -> None:
    """The search-index child: the briefings' entries, then, once the parent sends them, the other pages'
    (None when Material wrote no index); a parent gone before that ends it quietly."""
    parents_end.close()  # so that the parent's end closing (or the parent dying) reads as the end of the pipe

    def more() -> list[Entry] | None:
        try:
            received: list[Entry] | None = entries.recv()
        except EOFError:
            sys.exit(1)
        return received

    write_index(folder, archive.briefings, archive.topics, more, offline=offline, site=site, outlets=archive.outlets,
                people={p.id: p for p in archive.people})


def write_data_child(archive: Archive, site_name: str, site_url: str, site_dir: Path) -> None:
    """The open-data writer: every data file into `site_dir`."""
    for path, data in data_files(archive, site_name, site_url).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
