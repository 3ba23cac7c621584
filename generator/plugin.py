"""The MkDocs plugin: parse and render the archive in memory during `mkdocs build` and `serve`.

Only event hooks live here. Builds are atomic: `mkdocs build` writes into a staging folder
beside `site_dir`, and the finished site replaces the old one in the last step, only when the
build succeeded (under `--strict`, only when it logged no warning). A failed or interrupted
build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from types import FrameType
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import CountHandler

from .archive import Archive, Loader
from .bundle import BundleOption, BundleWriter, bundle_path
from .cite import citation_data
from .data import DataCache, data_files, data_page, data_paths
from .errors import GeneratorError
from .listing import Listings, expand
from .model import Briefing
from .pages import Bodies, RenderCache, generated_pages
from .search import MODES, Entry, sharded, take_entries, write_index
from .turn_html import Permalink, anchors, toc_entries

log = logging.getLogger("mkdocs.plugins.generator")


class ArchiveConfig(Config):
    """Options under `plugins: - archive:` in `mkdocs.yml`."""

    content_dir = c.Type(str, default="content")
    """Folder holding `briefings/`, relative to `mkdocs.yml`."""
    bundle = BundleOption()
    """The offline zip: `true` for `dist/<site-name>-offline.zip`, a path (from the folder holding
    `site_dir`), or `false` for none. Written by `mkdocs build` only, with the site it zips."""
    search_engine = c.Choice(MODES, default="auto")
    """Site search: `material` (Material's own, index built in the browser), `sharded` (a prebuilt
    index loaded in small pieces, for large archives), or `auto` (sharded from 300 turns on: `search.AUTO_TURNS`)."""


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    """Generates the briefing pages and the home page from `content/`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._loader = Loader()
        self._rendered = RenderCache()
        self._data = DataCache()
        self._pages_dir: Path | None = None
        self._written: dict[str, str | bytes] = {}
        self._listings: Listings = {}
        self._bodies: Bodies | None = None
        self._briefing_pages: dict[str, Briefing] = {}
        self._bundle: BundleWriter | None = None
        self._children: list[multiprocessing.process.BaseProcess] = []
        """Child processes writing part of the site (open data, search index) beside the build."""
        self._index_entries: Connection | None = None
        """To the search-index child: the entries of the pages Material's plugin indexed, at the end."""
        self._command = "build"
        self._final_dir: Path | None = None
        self._staging: Path | None = None
        self._warnings: CountHandler | None = None
        self.archive = Archive((), ())
        self.sharded_search = False
        """Read by `theme_overrides/main.html`: Material's search box uses the sharded index."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command
        # A preview computes anchors as a build would but writes no lock: the edit is not published
        # yet, and a lock written into the watched content folder would start a second rebuild.
        self._loader.write_locks = command != "serve"
        if command == "build":
            _terminate_as_interrupt()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.use_directory_urls:
            raise PluginError("the archive needs 'use_directory_urls: false' in mkdocs.yml: its permalinks are "
                              "briefings/<slug>.html#t012, and the offline bundle opens .html files from disk")
        self.root = Path(config.config_file_path).parent
        self.content_dir = (self.root / self.config.content_dir).resolve()
        if self._command == "build":
            self._stage(config)
        return config

    def _stage(self, config: MkDocsConfig) -> None:
        final = Path(config.site_dir).resolve()
        final.parent.mkdir(parents=True, exist_ok=True)
        for stale in final.parent.glob(f".{final.name}-staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        self._final_dir = final
        self._staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-staging-", dir=final.parent))
        umask = os.umask(0)
        os.umask(umask)
        self._staging.chmod(0o777 & ~umask)  # mkdtemp makes it 0700: the site must read like a folder MkDocs made
        config.site_dir = str(self._staging)
        if config.strict:
            self._warnings = CountHandler()
            self._warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self._warnings)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.archive = self._loader.load(self.content_dir, self.root)
        # The archive is millions of long-lived, acyclic objects: out of the cyclic garbage collector's
        # sight, its full collections during the build no longer walk them (refcounting still frees them).
        gc.freeze()
        _reproducible_dates(self.archive)
        for error in self.archive.errors:
            log.warning("skipped %s", error)
        turns = sum(len(b.turns) for b in self.archive.briefings)
        self.sharded_search = sharded(self.config.search_engine, turns, self._command)
        self._briefing_pages = {f"briefings/{b.slug}.md": b for b in self.archive.briefings}
        if config.strict and self.archive.errors:
            raise PluginError(f"{len(self.archive.errors)} transcript(s) could not be parsed; "
                              "the previous site was left untouched")
        self._listings = {}
        self._bodies = Bodies(_permalink(config))
        for path, content in generated_pages(self.archive, config.site_name, self._rendered, self._listings,
                                             self._bodies).items():
            if path == "index.md" and files.get_file_from_path(path) is not None:
                continue  # a hand-written home page in docs_dir wins
            self._add(files, config, path, content)
        self._add(files, config, "data.md", data_page(self.archive, bool(config.site_url)))
        self._add_data(files, config)
        if self.sharded_search and self._command == "build" and _can_fork():
            self._start_index(Path(config.site_dir))
        if self._staging is not None and self._final_dir is not None:
            target = bundle_path(self.config.bundle, config.site_name, self._final_dir)
            self._bundle = BundleWriter(target) if target is not None else None
        return files

    def _add_data(self, files: Files, config: MkDocsConfig) -> None:
        """The open-data files (JSON, CSV, zip, feed). `mkdocs build` writes them in a child process
        while MkDocs renders the pages (on Linux: the child is forked, so it shares the parsed archive);
        MkDocs only learns their paths, to check the Data page's links."""
        site_url = config.site_url or ""
        if self._command != "build" or not _can_fork():
            if self._command == "serve" and not self._data.preview:
                self._data = DataCache(preview=True)
            for path, data in data_files(self.archive, config.site_name, site_url, self._data).items():
                if self._command == "serve":  # written when changed: `mkdocs serve --dirty` copies only those
                    files.append(File.generated(config, path, abs_src_path=str(self._on_disk(path, data))))
                else:
                    files.append(File.generated(config, path, content=data))
            return
        for path in data_paths(self.archive, site_url):
            files.append(_WrittenElsewhere.generated(config, path, content=b""))
        child = multiprocessing.get_context("fork").Process(
            target=_child, args=(_write_data, self.archive, config.site_name, site_url, Path(config.site_dir)),
            name="open-data", daemon=True)
        self._children.append(child)
        child.start()

    def _start_index(self, site_dir: Path) -> None:
        """The sharded index's child, forked now: it makes the briefing pages' postings (nearly all of the
        index) while MkDocs renders, then waits for the other pages' entries (`_on_post_build_search`)."""
        receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
        child = multiprocessing.get_context("fork").Process(
            target=_child, args=(_write_index, site_dir, self.archive, receive, send), name="search-index", daemon=True)
        self._children.append(child)
        child.start()
        receive.close()
        self._index_entries = send

    def _join_children(self, name: str, what: str) -> None:
        """Wait for the child processes called `name`; a failed one fails the build, saying `what` it did."""
        for child in [p for p in self._children if p.name == name]:
            _join(child, what)
            self._children.remove(child)

    def _add(self, files: Files, config: MkDocsConfig, path: str, content: str) -> None:
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"{path}: generated page collides with a file in docs_dir")
        if self._command == "serve":
            files.append(File.generated(config, path, abs_src_path=str(self._on_disk(path, content))))
        else:
            files.append(File.generated(config, path, content=content))

    def _on_disk(self, path: str, content: str | bytes) -> Path:
        """Under `mkdocs serve`, a generated page is a file rewritten only when its Markdown changed:
        MkDocs compares file times, so `mkdocs serve --dirty` rebuilds only the pages an edit touched."""
        if self._pages_dir is None:
            self._pages_dir = Path(tempfile.mkdtemp(prefix="archive-pages-"))
        target = self._pages_dir / path
        if self._written.get(path) != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
            self._written[path] = content
        return target

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """With the sharded index, Material's search plugin skips briefing pages: their entries are made
        from the model (`search.briefing_entries`), which costs far less than parsing their HTML."""
        if self.sharded_search and page.file.src_uri in self._briefing_pages:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return markdown

    @event_priority(100)  # first: other plugins (Material's search) see the turns
    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Put a briefing page's turns in place (`generator/turn_html.py`), in its table of contents and
        among the anchors MkDocs checks links against."""
        briefing = self._briefing_pages.get(page.file.src_uri)
        fragments = self._bodies.turns.get(page.file.src_uri) if self._bodies is not None else None
        if briefing is None or not fragments:
            return html
        entries = [AnchorLink(title, anchor, 2) for anchor, title in toc_entries(briefing)]
        if page.toc.items:
            page.toc.items[0].children.extend(entries)
        else:
            page.toc.items.extend(entries)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= anchors(briefing)
        return expand(html, fragments, wrap=False)

    @event_priority(-1000)  # last: what it hands to the offline bundle is what MkDocs writes
    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        """Put the ready HTML of a speaker, outlet or topic page's lists in place (`generator/listing.py`),
        and hand the finished page to the offline bundle."""
        fragments = self._listings.get(page.file.src_uri)
        if fragments:
            output = expand(output, fragments)
        if self._bundle is not None and output.strip():  # MkDocs skips writing an empty page
            self._bundle.add(page.file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))
        return output

    def citation(self, page: Any, config: MkDocsConfig) -> dict[str, Any] | None:
        """Read by `theme_overrides/main.html`: a briefing page's citation data (`generator/cite.py`)."""
        return citation_data(self.archive, page.file.src_uri, config.site_name, config.site_url)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.content_dir))
        return server

    @event_priority(-50)  # after Material's search plugin wrote its index, before the offline plugin (-100)
    def _on_post_build_search(self, *, config: MkDocsConfig) -> None:
        """The sharded index, made in a child process while the offline bundle takes in every file
        but those under search/ (the index's own and the offline plugin's come last)."""
        site = Path(config.site_dir)
        self._join_children("open-data", "writing the open-data files")
        items = take_entries(site) if self.sharded_search else None
        index, self._index_entries = self._index_entries, None
        if index is not None:  # to the child started in on_files
            index.send(items)
            index.close()
        elif items is not None:
            write_index(site, self.archive.briefings, lambda: items)
        if self._bundle is not None:
            self._bundle.add_rest(site, but="search")
        self._join_children("search-index", "writing the search index")

    @event_priority(-1000)  # after every other post-build step (search index, offline bundle)
    def _on_post_build_swap(self, *, config: MkDocsConfig) -> None:
        if self._staging is None or self._final_dir is None:
            return
        if self._warnings is not None and self._warnings.get_counts():
            self._discard()
            return
        bundle, self._bundle = self._bundle, None
        try:  # the zip is completed here, after the offline plugin's search_index.js (priority -100)
            if bundle is not None:
                bundle.finish(self._staging)
            with _signals_deferred() as hold:
                hold()  # from here the site and the zip are renamed into place together
                _swap(self._staging, self._final_dir)
                if bundle is not None:
                    bundle.commit()
        except BaseException as error:
            if bundle is not None:
                bundle.abort()
            if isinstance(error, GeneratorError):
                raise PluginError(str(error)) from error
            raise
        config.site_dir = str(self._final_dir)
        self._staging = None
        self._detach()

    on_post_build = CombinedEvent(_on_post_build_search, _on_post_build_swap)

    def on_build_error(self, *, error: Exception) -> None:
        self._discard()

    def on_shutdown(self) -> None:
        self._discard()
        if self._pages_dir is not None:
            shutil.rmtree(self._pages_dir, ignore_errors=True)

    def _discard(self) -> None:
        if self._index_entries is not None:
            self._index_entries.close()
            self._index_entries = None
        for child in self._children:
            child.terminate()
            child.join()
        self._children = []
        if self._bundle is not None:
            self._bundle.abort()
            self._bundle = None
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
        self._detach()

    def _detach(self) -> None:
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            self._warnings = None


class _WrittenElsewhere(File):
    """An open-data file the writer process puts in the site: MkDocs knows its path, never copies it."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def _permalink(config: MkDocsConfig) -> Permalink:
    """The heading permalinks of the `toc` Markdown extension as configured (`permalink`, `permalink_title`)."""
    toc = (config.mdx_configs or {}).get("toc") or {}
    symbol = toc.get("permalink", False)
    return Permalink(symbol="¶" if symbol is True else str(symbol or ""),
                     title=str(toc.get("permalink_title", "Permanent link")))


def _can_fork() -> bool:
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def _child(work: Callable[..., None], *args: Any) -> None:
    """A forked child's body: interrupted with the build, it ends without a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    work(*args)


def _join(child: multiprocessing.process.BaseProcess, what: str) -> None:
    child.join()
    if child.exitcode != 0:
        raise PluginError(f"{what} failed (exit code {child.exitcode}); see above")


def _write_index(site_dir: Path, archive: Archive, entries: Connection, parents_end: Connection) -> None:
    """The search-index child: the briefings' postings, then, once the parent sends them, the other pages'
    entries (None: Material wrote no index, nor do we); a parent gone before that ends it quietly."""
    parents_end.close()  # so that the parent's end closing (or the parent dying) reads as the end of the pipe

    def more() -> list[Entry] | None:
        try:
            received: list[Entry] | None = entries.recv()
        except EOFError:
            sys.exit(1)
        return received

    write_index(site_dir, archive.briefings, more)


def _write_data(archive: Archive, site_name: str, site_url: str, site_dir: Path) -> None:
    """The open-data writer: every data file into `site_dir`."""
    for path, data in data_files(archive, site_name, site_url).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _terminate_as_interrupt() -> None:
    """SIGTERM raises KeyboardInterrupt, as SIGINT does, so a killed build still removes its staging dir."""
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    with contextlib.suppress(ValueError):  # not the main thread (mkdocs embedded): leave signals alone
        signal.signal(signal.SIGTERM, interrupt)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[Callable[[], None]]:
    """Yields `hold()`: from its call to the end of the block SIGINT and SIGTERM wait, so the new
    site and zip are renamed into place together, never one without the other."""
    previous: list[set[signal.Signals]] = []

    def hold() -> None:
        with contextlib.suppress(AttributeError, ValueError, OSError):  # no sigmask on this platform
            previous.append(signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM}))

    try:
        yield hold
    finally:
        if previous:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous[0])


def _reproducible_dates(archive: Archive) -> None:
    """Unless SOURCE_DATE_EPOCH is set, MkDocs stamps pages (sitemap `lastmod`) with today's date;
    the newest briefing's date is used instead, so the same content always builds the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH", _OWN_EPOCH[0]) != _OWN_EPOCH[0] or not archive.briefings:
        return
    newest = max(b.date for b in archive.briefings)
    epoch = str(int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp()))
    os.environ["SOURCE_DATE_EPOCH"] = _OWN_EPOCH[0] = epoch


_OWN_EPOCH = [""]
"""The SOURCE_DATE_EPOCH this plugin set (empty: none yet); one set by the user is never replaced."""


def _swap(new: Path, final: Path) -> None:
    """Put `new` in place of `final` with two renames; the old site is removed only afterwards."""
    old = final.with_name(f".{final.name}-previous")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)
