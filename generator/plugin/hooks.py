"""The MkDocs plugin's event hooks: load the archive, hand MkDocs its pages, finish the site.

The work is elsewhere: loading in `enrich/`, pages and files in `site/`, the staging folder and its
swap in `staging.py`, the forked writers in `writers.py`, the options in `config.py`.
"""

from __future__ import annotations

import gc
import logging
import shutil
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import CountHandler

from ..enrich.loader import Loader
from ..errors import GeneratorError
from ..model import Archive, Briefing
from ..site import urls
from ..site.cite_assets import cite_assets
from ..site.cite_data import briefing_citation
from ..site.listing import Listings, expand
from ..site.offline_zip import BundleWriter, bundle_path
from ..site.open_data import DataCache, data_files, data_page, data_paths
from ..site.page_meta import MetaIndex
from ..site.pages import Bodies, RenderCache, generated_pages
from ..site.search_index import Site, index_wanted, sharded, take_entries, write_index
from ..site.turns_html import Permalink, anchors, toc_entries
from .config import ArchiveConfig
from .staging import Staging, reproducible_dates, terminate_as_interrupt
from .writers import Children, index_pipe, write_data_child, write_index_child

log = logging.getLogger("mkdocs.plugins.generator")


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
        self._children = Children()
        """Child processes writing part of the site (open data, search index) beside the build."""
        self._index_entries: Connection | None = None
        """To the search-index child: the entries of the pages Material's plugin indexed, at the end."""
        self._command = "build"
        self._staging: Staging | None = None
        self._warnings: CountHandler | None = None
        self.archive = Archive((), ())
        self._meta = MetaIndex(self.archive)
        self.sharded_search = False
        """Read by `theme_overrides/main.html`: Material's search box uses the archive's index."""
        self._search_index = False
        """Whether this build writes the archive's index (`search/archive/`, for the search page)."""
        self._offline_index: Path | None = None
        """The index's `file://` form, for the offline bundle, in a scratch folder."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command
        # A preview computes anchors as a build would but writes no lock: the edit is not published
        # yet, and a lock written into the watched content folder would start a second rebuild.
        self._loader.write_locks = command != "serve"
        if command == "build":
            terminate_as_interrupt()

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
        self._staging = Staging(Path(config.site_dir).resolve())
        config.site_dir = str(self._staging.folder)
        if config.strict:
            self._warnings = CountHandler()
            self._warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self._warnings)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.archive = self._loader.load(self.content_dir, self.root)
        # The archive is millions of long-lived, acyclic objects: out of the cyclic garbage collector's
        # sight, its full collections during the build no longer walk them (refcounting still frees them).
        gc.freeze()
        reproducible_dates(self.archive.briefings)
        for error in self.archive.errors:
            log.warning("skipped %s", error)
        turns = sum(len(b.turns) for b in self.archive.briefings)
        self.sharded_search = sharded(self.config.search_engine, turns, self._command)
        self._search_index = index_wanted(self.config.search_engine, turns, self._command)
        self._briefing_pages = {urls.briefing_source(b): b for b in self.archive.briefings}
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
        self._meta = MetaIndex(self.archive)
        for path, data in cite_assets().items():  # the cite dialog's processor and styles
            files.append(File.generated(config, path, content=data))
        if self._staging is not None:
            target = bundle_path(self.config.bundle, config.site_name, self._staging.final)
            self._bundle = BundleWriter(target) if target is not None else None
            if self._bundle is not None and self._search_index:
                self._offline_index = Path(tempfile.mkdtemp(prefix="archive-search-offline-"))
        if self._search_index and self._command == "build" and self._children.available():
            self._start_index(config)
        return files

    def _add_data(self, files: Files, config: MkDocsConfig) -> None:
        """The open-data files (JSON, CSV, zip, feed). `mkdocs build` writes them in a child process
        while MkDocs renders the pages (on Linux: the child is forked, so it shares the parsed archive);
        MkDocs only learns their paths, to check the Data page's links."""
        site_url = config.site_url or ""
        if self._command != "build" or not self._children.available():
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
        self._children.start("open-data", write_data_child, self.archive, config.site_name, site_url,
                             Path(config.site_dir))

    def _start_index(self, config: MkDocsConfig) -> None:
        """The search index's child, forked now: it writes the briefing pages' entries (nearly all of the
        index) while MkDocs renders, then waits for the other pages' entries (`_on_post_build_search`)."""
        receive, send = index_pipe()
        self._children.start("search-index", write_index_child, Path(config.site_dir) / urls.SEARCH_INDEX, self.archive,
                             receive, send, self._offline_index, _site(config))
        receive.close()
        self._index_entries = send

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
        """When Material's search box uses the archive's index, Material's search plugin skips briefing pages:
        their entries are made from the model (`site/search_index.py`), which costs far less than parsing their HTML."""
        if self.sharded_search and page.file.src_uri in self._briefing_pages:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return markdown

    @event_priority(100)  # first: other plugins (Material's search) see the turns
    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Put a briefing page's turns in place (`generator/site/turns_html.py`), in its table of contents and
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
        """Put the ready HTML of a speaker, outlet or topic page's lists in place (`generator/site/listing.py`),
        and hand the finished page to the offline bundle."""
        fragments = self._listings.get(page.file.src_uri)
        if fragments:
            output = expand(output, fragments)
        if self._bundle is not None and output.strip():  # MkDocs skips writing an empty page
            self._bundle.add(page.file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))
        return output

    def citation(self, page: Any, config: MkDocsConfig) -> dict[str, Any] | None:
        """Read by `theme_overrides/main.html`: a briefing page's citation data (`site/cite_data.py`)."""
        briefing = self._briefing_pages.get(page.file.src_uri)
        if briefing is None:
            return None
        return briefing_citation(briefing, config.site_name, config.site_url or "", self._meta.people,
                                 urls.relative(page.file.src_uri, urls.CITE_ASSETS))

    def head_meta(self, page: Any, config: MkDocsConfig) -> str:
        """Read by `theme_overrides/main.html`: the page's metadata for reference managers, search engines
        and link previews (`site/page_meta.py`), escaped HTML; "" for pages it does not describe."""
        return self._meta.head(page.file.src_uri, config.site_name, config.site_url or "")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.content_dir))
        return server

    @event_priority(-50)  # after Material's search plugin wrote its index, before the offline plugin (-100)
    def _on_post_build_search(self, *, config: MkDocsConfig) -> None:
        """The archive's index, made in a child process while the offline bundle takes in every file
        but those under search/ (the index's own and the offline plugin's come last)."""
        site = Path(config.site_dir)
        self._children.join("open-data", "writing the open-data files")
        items = take_entries(site, keep=not self.sharded_search) if self._search_index else None
        index, self._index_entries = self._index_entries, None
        if index is not None:  # to the child started in on_files
            index.send(items)
            index.close()
        elif self._search_index:
            write_index(site / urls.SEARCH_INDEX, self.archive.briefings, self.archive.topics, lambda: items,
                        offline=self._offline_index, site=_site(config), outlets=self.archive.outlets,
                        people=self._meta.people)
        if self._bundle is not None:
            self._bundle.add_rest(site, but="search")
        self._children.join("search-index", "writing the search index")
        if self._bundle is not None and self._offline_index is not None:
            self._bundle.add_folder(self._offline_index, under=urls.SEARCH_INDEX)

    @event_priority(-1000)  # after every other post-build step (search index, offline bundle)
    def _on_post_build_swap(self, *, config: MkDocsConfig) -> None:
        if self._staging is None:
            return
        if self._warnings is not None and self._warnings.get_counts():
            self._discard()
            return
        staging, bundle, self._bundle = self._staging, self._bundle, None
        try:  # the zip is completed here, after the offline plugin's search_index.js (priority -100)
            if bundle is not None:
                bundle.finish(staging.folder)
            staging.swap(also=bundle.commit if bundle is not None else lambda: None)
            self._drop_offline_index()
        except BaseException as error:
            if bundle is not None:
                bundle.abort()
            if isinstance(error, GeneratorError):
                raise PluginError(str(error)) from error
            raise
        config.site_dir = str(staging.final)
        self._staging = None
        self._detach()

    on_post_build = CombinedEvent(_on_post_build_search, _on_post_build_swap)

    def on_build_error(self, *, error: Exception) -> None:
        self._discard()

    def on_shutdown(self) -> None:
        self._discard()
        if self._pages_dir is not None:
            shutil.rmtree(self._pages_dir, ignore_errors=True)

    def _drop_offline_index(self) -> None:
        if self._offline_index is not None:
            shutil.rmtree(self._offline_index, ignore_errors=True)
            self._offline_index = None

    def _discard(self) -> None:
        if self._index_entries is not None:
            self._index_entries.close()
            self._index_entries = None
        self._children.terminate()
        if self._bundle is not None:
            self._bundle.abort()
            self._bundle = None
        self._drop_offline_index()
        if self._staging is not None:
            self._staging.discard()
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


def _site(config: MkDocsConfig) -> Site:
    """The site's name and public address, for the search page's exports and citations."""
    return Site(config.site_name, config.site_url or "")


def _permalink(config: MkDocsConfig) -> Permalink:
    """The heading permalinks of the `toc` Markdown extension as configured (`permalink`, `permalink_title`)."""
    toc = (config.mdx_configs or {}).get("toc") or {}
    symbol = toc.get("permalink", False)
    return Permalink(symbol="¶" if symbol is True else str(symbol or ""),
                     title=str(toc.get("permalink_title", "Permanent link")))
