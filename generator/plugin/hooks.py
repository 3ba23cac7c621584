"""The MkDocs plugin's event hooks: publish the archive into the build cache, hand MkDocs its pages, finish the site.

Memory stays flat however large the archive: `on_files` keeps one summary per briefing (`site/summary.py`);
a briefing page's turns, table of contents and citation data, and the long lists of speaker, outlet and
topic pages, are read from the build cache (`generator/cache.py`) only when MkDocs writes that page.
The work is elsewhere: loading in `enrich/`, pages and files in `site/`, the staging folder and its swap in
`staging.py`, the generated pages' Markdown in `markdown_folder.py`, finished pages in `page_cache.py`, the
forked writers in `writers.py`, the options in `config.py`.
"""

from __future__ import annotations

import gc
import json
import logging
import pickle
import re
import shutil
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import CountHandler
from mkdocs.utils.yaml import yaml_load

from ..cache import BuildLock, Store
from ..enrich.loader import Loader
from ..errors import GeneratorError
from ..model import Outlet, Person, Topic
from ..processes import temporary_folder
from ..site import hosts, urls
from ..site.cite_assets import cite_assets
from ..site.cite_data import single_quoted_attribute
from ..site.icons import CHROME, STYLESHEET, Icons, palette_icons
from ..site.lean_html import squeezed
from ..site.listing import Listings, Part, expand
from ..site.offline_page import entry_numbers, offline_page
from ..site.offline_zip import BundleWriter, bundle_path, remove_stale
from ..site.open_data import (
    DATA_PAGE,
    DOWNLOADS,
    FOLDER,
    data_page,
    downloads,
    offline_downloads,
    read_downloads,
    write_data,
)
from ..site.page_meta import MetaIndex
from ..site.pages import site_pages
from ..site.published import TURNS, Published, Settings, SitePublisher
from ..site.scripts import minified
from ..site.search_index import (
    Site,
    index_wanted,
    index_whatever_size,
    other_pages,
    sharded,
    take_entries,
    write_index,
)
from ..site.summary import Summary, lean
from ..site.turns_html import Permalink
from .briefing_pages import BriefingFile, sitemap_pages, write_pages
from .config import ArchiveConfig
from .markdown_folder import PREFIX, MarkdownFolder
from .page_cache import PageCache, Spill
from .staging import Staging, reproducible_dates, terminate_as_interrupt
from .writers import (
    CachedBriefings,
    Children,
    EarlyEntries,
    add_to_material_index,
    child_pipe,
    download_keys,
    write_data_early_child,
    write_index_early_child,
)

log = logging.getLogger("mkdocs.plugins.generator")

OFFLINE_PIECES = "search-offline.zip"
"""The search index's `file://` form, as its writer hands it to the offline bundle."""
BUILDS = ("build", "gh-deploy")
_MATERIAL_WORKER = re.compile(r'"search": "[^"]*"')
"""Where Material's configuration script names its search worker (`with_search_worker`)."""
"""The commands that write `site_dir` (staged and swapped in atomically, one at a time per project)."""


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    """Generates the briefing pages and the home page from `content/`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._loader = Loader(keep_summaries=False)  # a preview keeps them (`on_startup`, `on_serve`)
        self._store: Store | None = None
        self._scratch: Path | None = None
        """A temporary cache folder, when the project's cannot be written; removed at shutdown."""
        self._published: Published | None = None
        self._pages: PageCache | None = None
        self._pages_dir: Path | None = None
        self._listings = Spill()
        """The listings of speaker, outlet and topic pages (`site/listing.py`), by page, pickled in a temporary file
        until the page is written: their parts were 25 MB at 10,000 briefings, held from the first page read."""
        self._contents = Spill()
        """Each page's content (its Markdown as HTML) from when it is made until its template is rendered
        (`on_page_context`): MkDocs makes every page's before it writes the first (23 MB at 10,000 briefings)."""
        self._data_page: tuple[str, str] | None = None
        """The Data page as rendered (its path in the site, its HTML), until its downloads are written: the
        site's and the offline bundle's (which links the public site's downloads) are finished then."""
        self._summaries: list[Summary] = []
        self._briefing_pages: dict[str, Summary] = {}
        self._bundle: BundleWriter | None = None
        self._children = Children()
        """Child processes writing part of the site (open data, search index) beside the build."""
        self._index_entries: Connection | None = None
        """To the search-index child: the entries of the pages Material's plugin indexed, once they are built."""
        self._index_briefings: Connection | None = None
        """To the search-index child, forked before the archive is loaded: the briefings, once loaded."""
        self._data_briefings: Connection | None = None
        """To the open data's child, forked before the archive is loaded: the briefings' lean summaries, once loaded."""
        self._awaiting: set[str] | None = None
        """The pages other than briefings not built yet, while the index's child waits for their entries."""
        self._early: EarlyEntries | None = None
        self._command = "build"
        self._staging: Staging | None = None
        self._lock: BuildLock | None = None
        self._sweeping = False
        """A child is removing the cache folders of other generator versions, while the archive loads."""
        self._warnings: CountHandler | None = None
        self._site_url = ""
        self._data_child = False
        self._meta = MetaIndex()
        self.sharded_search = False
        """Read by `theme_overrides/main.html`: Material's search box uses the archive's index."""
        self._search_index = False
        """Whether this build writes the archive's index (`search/archive/`, for the search page)."""
        self._index_keys: list[str] = []
        self._download_keys: list[str] = []
        """The cache entries of the briefings as the search index takes them (`CachedBriefings.keys`)."""
        self._offline_index: Path | None = None
        """The index's `file://` form, for the offline bundle, in a scratch folder."""
        self._entry_numbers: dict[str, int] = {}
        """With an offline bundle, each briefing's page entry's number in the search index, by slug: its bundled
        page draws its turns' words from the index's text blocks (`site/offline_page.py`)."""
        self._topics: tuple[Topic, ...] = ()
        self._outlets: tuple[Outlet, ...] = ()
        self._people: dict[str, Person] = {}
        self._icons = Icons((), ())
        self._dirty = False
        self._files: Files | None = None
        self._nav: Any = None
        self._env: Any = None
        """MkDocs' files, navigation and template environment, for the briefing pages (`briefing_pages.py`)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command
        self._dirty = dirty
        # A preview computes anchors as a build would but writes no lock: the edit is not published
        # yet, and a lock written into the watched content folder would start a second rebuild.
        self._loader.write_locks = command != "serve"
        self._loader.keep_summaries = command == "serve"  # only a preview loads again
        if command in BUILDS:
            terminate_as_interrupt()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.use_directory_urls:
            raise PluginError("the archive needs 'use_directory_urls: false' in mkdocs.yml: its permalinks are "
                              "briefings/<slug>.html#t012, and the offline bundle opens .html files from disk")
        self.root = Path(config.config_file_path).parent
        self.content_dir = (self.root / self.config.content_dir).resolve()
        self._site_url = config.site_url or ""
        self._icons = Icons([*CHROME, *palette_icons(config.theme.get("palette"))], config.theme.dirs)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if self._command == "serve":  # previews cite and export the public addresses, as the built site does
            self._site_url = _configured_site_url(Path(config.config_file_path)) or ""
        if self._command in BUILDS:
            self._take_lock()
            self._stage(config)
        return config

    def _take_lock(self) -> None:
        self._lock = BuildLock(self._cache_folder())
        try:
            self._lock.acquire(f"mkdocs {self._command}")
        except GeneratorError as error:
            self._lock = None
            raise PluginError(str(error)) from None

    def _cache_folder(self) -> Path:
        """The build cache's folder (`cache_dir`), or a temporary one when it cannot be written."""
        folder = (self.root / self.config.cache_dir).resolve() if self.config.cache_dir else None
        try:
            if folder is None:
                raise OSError("no cache_dir")
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            if self._scratch is None:
                self._scratch = temporary_folder("archive-cache-")
                if folder is not None:
                    log.info("cache %s not usable (%s); this build starts cold", folder, error)
            folder = self._scratch
        return folder

    def _stage(self, config: MkDocsConfig) -> None:
        self._staging = Staging(Path(config.site_dir).resolve())
        config.site_dir = str(self._staging.folder)
        if config.strict:
            self._warnings = CountHandler()
            self._warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self._warnings)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self._store is None:
            self._store = Store.under(self._cache_folder())
            self._pages = PageCache(self._store)
            if self._scratch is None and self._children.available():
                # the project's cache: an earlier version's entries go while this loads (in a child: the loading
                # forks its workers only when this process runs no other thread)
                self._children.start("cache-sweep", self._store.remove_other_versions)
                self._sweeping = True
        settings = Settings(config.site_name, self._site_url, _permalink(config))
        index = self._store if index_whatever_size(self.config.search_engine, self._command) else None
        self._data_child = self._command in BUILDS and self._children.available()
        target = bundle_path(self.config.bundle, config.site_name, self._staging.final) \
            if self._staging is not None else None
        if target is not None and index is not None:  # where the index's `file://` form goes, for the bundle
            self._offline_index = temporary_folder("archive-search-offline-")
        if index is not None and self._data_child:
            self._start_index(config)  # before the archive is loaded: the child does not carry it
        if self._data_child:
            self._start_data(config)  # likewise
        loaded = self._loader.publish(self.content_dir, self.root, self._store, SitePublisher(settings, index))
        self._published = published = Published(self._store)
        self._summaries = summaries = [item.summary for item in loaded.loaded]
        gc.freeze()  # the summaries live to the end of the build: out of the cyclic collector's sight
        reproducible_dates(s.date for s in summaries)
        for error in loaded.errors:
            log.warning("skipped %s", error)
        turns = sum(s.turns for s in summaries)
        self.sharded_search = sharded(self.config.search_engine, turns, self._command)
        self._search_index = index_wanted(self.config.search_engine, turns, self._command)
        self._topics = loaded.topics
        self._outlets = loaded.outlets
        self._people = {p.id: p for p in loaded.people}
        self._briefing_pages = {urls.source(urls.BRIEFINGS, s.slug): s for s in summaries}
        self._entry_numbers = entry_numbers(summaries) if self._offline_index is not None else {}
        if config.strict and loaded.errors:
            raise PluginError(f"{len(loaded.errors)} transcript(s) could not be parsed; "
                              "the previous site was left untouched")
        # the children's briefings first: they write while the pages of many briefings are made
        if self._data_briefings is not None:
            self._data_briefings.send([lean(s) for s in summaries])
            self._data_briefings.close()
            self._data_briefings = None
            self._download_keys = download_keys(summaries)  # the cache entries the child reads or writes
        if target is not None:
            remove_stale(target)  # left by a killed build; this one holds the lock
            self._bundle = BundleWriter(target, leave_out=(f"{FOLDER}/",))
        if self._index_briefings is not None:
            listing = self._cached_briefings(config).listed  # and the cache entries the child keeps
            self._index_briefings.send((listing, self._topics, self._outlets, self._people))
            self._index_briefings.close()
            self._index_briefings = None
        pages = MarkdownFolder(self._markdown_folder())
        self._listings.close()  # the last load's (a preview's); a closed spill starts afresh
        self._contents.close()
        site_pages(summaries, loaded.people, loaded.topics, loaded.outlets, config.site_name, published.page,
                   _SpilledListings(self._listings), pages, published.summary)
        pages[DATA_PAGE] = data_page(len(summaries))
        self._meta = MetaIndex(summaries, loaded.topics, published.head)
        # the pages of many briefings are made: what only they read of a summary goes (its speakers, outlets,
        # participants and topics: most of what it weighs, over 50 MB at 10,000 briefings); the children forked
        # above keep their own copies. The load's list goes first: it held them all while MkDocs' files were
        # made (20 MB at 10,000 briefings)
        del loaded
        self._summaries = summaries = [lean(s) for s in summaries]
        self._briefing_pages = {urls.source(urls.BRIEFINGS, s.slug): s for s in summaries}
        # briefing pages last: they are written after MkDocs' own pages (`_on_post_build_briefings`), whose search
        # entries go to the index's child once built (`_built`), so it finishes the index while briefings are written
        for path in sorted(pages, key=lambda path: path in self._briefing_pages):
            if path == "index.md" and files.get_file_from_path(path) is not None:
                continue  # a hand-written home page in docs_dir wins
            self._add(files, config, path, pages.file(path), briefing=path in self._briefing_pages)
        for path, data in cite_assets().items():  # the cite dialog's processor and styles
            files.append(File.generated(config, path, content=data))
        files.append(File.generated(config, STYLESHEET, content=self._icons.stylesheet()))
        _minify_own_scripts(files, config)
        _leave_out_unused_theme_files(files, config, sharded=self.sharded_search)
        return files

    def _site(self, config: MkDocsConfig) -> Site:
        """The site's name and public address (as `mkdocs.yml` sets it), for the search page's exports and citations."""
        return Site(config.site_name, self._site_url)

    def _start_index(self, config: MkDocsConfig) -> None:
        """The search index's child, forked before the archive is loaded (`write_index_early_child`): once sent the
        briefings it writes their entries (nearly all of the index, the briefings read from the cache) while
        MkDocs renders, then waits for the other pages' entries (`_on_post_build_search`)."""
        assert self._store is not None
        receive, send = child_pipe()
        briefings, briefings_end = child_pipe()
        self._children.start("search-index", write_index_early_child, Path(config.site_dir) / urls.SEARCH_INDEX,
                             self._store, briefings, briefings_end, receive, send, self._offline_pieces(),
                             self._site(config))
        receive.close()
        briefings.close()
        self._index_entries = send
        self._index_briefings = briefings_end

    def _start_data(self, config: MkDocsConfig) -> None:
        """The open data's child, forked before the archive is loaded (`write_data_early_child`): once sent the
        briefings, it writes every data file while MkDocs renders."""
        assert self._store is not None
        briefings, briefings_end = child_pipe()
        self._children.start("open-data", write_data_early_child, Path(config.site_dir), self._store, briefings,
                             briefings_end, config.site_name, self._site_url)
        briefings.close()
        self._data_briefings = briefings_end

    def _cached_briefings(self, config: MkDocsConfig) -> CachedBriefings:
        """The briefings as the search index reads them; the cache entries it keeps are this build's."""
        assert self._published is not None
        briefings = CachedBriefings(self._summaries, self._published, self._site(config))
        self._index_keys = briefings.keys()
        return briefings

    def _add(self, files: Files, config: MkDocsConfig, path: str, markdown: Path, briefing: bool) -> None:
        """A generated page, its Markdown read from `markdown` when the page is read: by MkDocs, or for a briefing
        page by `briefing_pages.write_pages`."""
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"{path}: generated page collides with a file in docs_dir")
        files.append(BriefingFile(config, path, markdown) if briefing
                     else File.generated(config, path, abs_src_path=str(markdown)))

    def _markdown_folder(self) -> Path:
        """Where the generated pages' Markdown is kept (`markdown_folder.py`): one folder for all of a preview's
        builds, whose unchanged files keep their times (what `mkdocs serve --dirty` compares); a build's own,
        removed when it ends."""
        if self._pages_dir is None:
            self._pages_dir = temporary_folder(PREFIX)
        return self._pages_dir

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._files, self._nav = files, nav
        if self._pages is not None:
            self._pages.start(config, nav, str(self.sharded_search))
        if self._index_entries is not None and _materials_entries(config) is not None:
            self._awaiting = {f.src_uri for f in files.documentation_pages()}  # briefing pages are none of them
        return nav

    @event_priority(-100)  # last: the environment the briefing pages are rendered with is MkDocs' own pages'
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._env = self._pages.environment(env) if self._pages is not None else env
        return self._env

    def sitemap_pages(self, pages: list[Any]) -> list[Any]:
        """Read by `theme_overrides/sitemap.xml`: MkDocs' pages, then the briefing pages (`briefing_pages.py`)."""
        return sitemap_pages(pages, self._files, self._site_url) if self._files is not None else pages

    @event_priority(100)  # first: every page is written before a post-build step reads the site
    def _on_post_build_briefings(self, *, config: MkDocsConfig) -> None:
        """The briefing pages, written one at a time after MkDocs' own pages (`briefing_pages.write_pages`)."""
        files, nav, env = self._files, self._nav, self._env
        self._files = self._nav = self._env = None
        if files is not None and env is not None:
            write_pages(files, nav, env, config, self._dirty)

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Material's search plugin skips briefing pages: their entries are made from the model
        (`site/search_index.briefing_entries`), for the archive's index and for Material's own alike, which
        costs far less than parsing their HTML and lets their turns stay out of memory until written.
        A briefing, speaker, outlet or topic page unchanged since a build that kept it is not rendered
        again (`page_cache.py`)."""
        source = page.file.src_uri
        summary = self._briefing_pages.get(source)
        if summary is not None:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if self._pages is not None and (summary is not None or source in self._listings) and source != DATA_PAGE:
            self._pages.check(page, markdown, summary.entry if summary is not None else "")
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """A briefing page's turns stay a placeholder until the page is written (`on_post_page`); the ids they
        hold count among the page's anchors, read from the cache only if some link needs them. A generated page's
        Markdown goes now: MkDocs reads every one of its pages before it writes the first."""
        source = page.file.src_uri
        summary = self._briefing_pages.get(source)
        if summary is not None and page.present_anchor_ids is not None and self._published is not None:
            page.present_anchor_ids = _Anchors(page.present_anchor_ids, summary, self._published.anchors)
        if self._pages is not None and (summary is not None or source in self._listings):
            self._pages.forget_markdown(page)
        if summary is not None:
            return html  # a briefing page is written as soon as it is made (`briefing_pages.write_pages`)
        self._contents[source] = html.encode("utf-8", errors="surrogatepass")
        return ""

    @event_priority(100)  # first: Material's search plugin reads the content (and drops its search attributes)
    def on_page_context(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        """The page's content back from the spill (`on_page_content`), for the template and the search plugin."""
        content = self._contents.pop(page.file.src_uri)
        if content is not None:
            page.content = content.decode("utf-8", errors="surrogatepass")
        return context

    @event_priority(-1000)  # last: what it hands to the offline bundle is what MkDocs writes
    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        """Put the ready HTML in place (a briefing page's turns, the lists of speaker, outlet and topic pages,
        `site/listing.py`), hand the finished page to the offline bundle, and let go of what was read."""
        source = page.file.src_uri
        self._built(source, config)
        summary = self._briefing_pages.get(source)
        assert self._published is not None and self._pages is not None
        read = self._published.text
        cached = self._pages.output(page)
        _release(page)
        if cached is not None:
            self._bundled(page, cached)
            return cached
        output = self._icons.replaced(squeezed(output))  # Material's layout whitespace and icons; the turns and
        # listings come without either
        if source == DATA_PAGE:  # its downloads are listed once they are written (`_finish_data_page`)
            self._data_page = (page.file.dest_uri, output)
            return output
        if summary is not None:
            output = expand(output, {TURNS: [Part(summary.entry, TURNS)]}, read, wrap=False)
        listed = self._listings.pop(source)
        output = expand(output, pickle.loads(listed) if listed is not None else {}, read)
        self._pages.keep(page, output)
        self._bundled(page, output)
        return output

    def _built(self, source: str, config: MkDocsConfig) -> None:
        """Once every page but the briefings is built, their entries (as Material's plugin made them) go to the
        index's child (`EarlyEntries`)."""
        awaiting = self._awaiting
        if awaiting is None:
            return
        awaiting.discard(source)
        if awaiting or self._index_entries is None:
            return
        self._awaiting = None
        made = _materials_entries(config)
        if made is not None:
            self._early = EarlyEntries(self._index_entries, other_pages(made))
            self._index_entries = None

    def _finish_data_page(self, site: Path) -> None:
        """The Data page with its downloads listed as written (one file each, or parts: `downloads.json`),
        into the site and, linking the public site's, into the offline bundle."""
        if self._data_page is None:
            return
        (dest, page), self._data_page = self._data_page, None
        files = read_downloads(site)
        public = expand(page, {DOWNLOADS: [downloads(self._site_url, "", files)]}, str)
        (site / dest).write_bytes(public.encode("utf-8", errors="xmlcharrefreplace"))
        if self._bundle is not None:
            offline = expand(page, {DOWNLOADS: [offline_downloads(self._site_url, files)]}, str)
            self._bundle.add(dest, offline.encode("utf-8", errors="xmlcharrefreplace"))

    def _bundled(self, page: Any, output: str) -> None:
        """Hand a finished page to the offline bundle (MkDocs skips writing an empty page, so does the bundle); a
        briefing page without its turns' words, which it draws from the search index (`site/offline_page.py`)."""
        if self._bundle is None or not output.strip():
            return
        summary = self._briefing_pages.get(page.file.src_uri)
        if summary is not None and summary.slug in self._entry_numbers:
            output = offline_page(output, self._entry_numbers[summary.slug], summary.turns,
                                  "../" * page.file.dest_uri.count("/"))
        self._bundle.add(page.file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))

    def citation(self, page: Any, config: MkDocsConfig) -> Markup | None:
        """Read by `theme_overrides/main.html`: a briefing page's citation data (`site/cite_data.py`), as
        compact JSON escaped for an attribute in single quotes."""
        summary = self._briefing_pages.get(page.file.src_uri)
        if summary is None or self._published is None:
            return None
        return Markup(single_quoted_attribute(self._published.citation(summary)))

    @staticmethod
    def with_search_worker(config_script: str, worker: str) -> Markup:
        """Read by `theme_overrides/main.html`: Material's configuration script (`__config`) as rendered, its
        search worker replaced by `worker` (the archive's, which reads the prebuilt index)."""
        return Markup(_MATERIAL_WORKER.sub(lambda _: f'"search": {json.dumps(worker)}', config_script, count=1))

    def head_meta(self, page: Any, config: MkDocsConfig) -> str:
        """Read by `theme_overrides/main.html`: the page's metadata for reference managers, search engines
        and link previews (`site/page_meta.py`), escaped HTML; "" for pages it does not describe."""
        return self._meta.head(page.file.src_uri, config.site_name, self._site_url)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        self._loader.keep_summaries = True  # `serve --clean` starts its plugins as a build's; it loads again too
        server.watch(str(self.content_dir))
        return server

    @event_priority(-50)  # after Material's search plugin wrote its index, before the offline plugin (-100)
    def _on_post_build_search(self, *, config: MkDocsConfig) -> None:
        """The open data and the search index: the briefing pages' entries join Material's index (when its
        search box uses it), and the archive's index is finished in its child, while the offline bundle takes
        in every file but those under search/ (the index's own and the offline plugin's come last) and data/
        (left out of the bundle)."""
        site = Path(config.site_dir)
        assert self._published is not None
        if self._data_child:
            self._children.join("open-data", "writing the open-data files")
        else:
            write_data(site, self._summaries, self._published.data, config.site_name, self._site_url,
                       compress=self._command in BUILDS, store=self._published.store)
        self._finish_data_page(site)
        items = take_entries(site, keep=not self.sharded_search) if self._search_index else None
        if not self.sharded_search:
            add_to_material_index(site, self._summaries, self._published)
        index, self._index_entries = self._index_entries, None
        early, self._early = self._early, None
        if early is not None:  # sent to the child once the pages but the briefings were built
            early.finish(items)
        elif index is not None:  # to the child started in on_files
            index.send(items)
            index.close()
        elif self._search_index:
            write_index(site / urls.SEARCH_INDEX, self._cached_briefings(config), self._topics,
                        lambda: items, offline=self._offline_pieces(), site=self._site(config), outlets=self._outlets,
                        people=self._people)
        if self._bundle is not None:
            self._bundle.add_rest(site, but="search")
        self._children.join("search-index", "writing the search index")
        if self._bundle is not None and self._offline_index is not None:
            self._bundle.add_folder(self._offline_index / OFFLINE_PIECES, under=urls.SEARCH_INDEX)

    @event_priority(-1000)  # after every other post-build step (search index, offline bundle)
    def _on_post_build_swap(self, *, config: MkDocsConfig) -> None:
        if self._staging is None:
            return
        self._check_host(self._staging.folder)
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
        if self._store is not None and self._scratch is None:
            self._store.used.update(self._index_keys)  # written by the search index's child
            self._store.used.update(self._download_keys)  # and by the open data's
            self._swept()
            removed = self._store.prune()
            log.debug("build cache: %d stale files removed", removed)
        self._detach()

    on_post_build = CombinedEvent(_on_post_build_briefings, _on_post_build_search, _on_post_build_swap)

    def _check_host(self, site: Path) -> None:
        """Report what the finished site weighs and which hosts take it; a site over the limits of the host
        `host:` names is a warning (a `--strict` build then keeps the previous site)."""
        size = hosts.measure(site)
        log.info(hosts.report(size))
        host = hosts.HOSTS.get(self.config.host)
        if host is not None and (found := hosts.problems(size, host)):
            log.warning("the site is over the limits of %s (host: %s in mkdocs.yml): %s", host.name, self.config.host,
                        "; ".join(found))

    def _swept(self) -> None:
        """Wait until the cache folders of other versions are gone."""
        if self._sweeping:
            self._sweeping = False
            self._children.join("cache-sweep", "removing the cache of other generator versions")

    def on_build_error(self, *, error: Exception) -> None:
        self._discard()

    def on_shutdown(self) -> None:
        self._discard()
        if self._pages_dir is not None:
            shutil.rmtree(self._pages_dir, ignore_errors=True)
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def _offline_pieces(self) -> Path | None:
        """Where the search index writes its `file://` form (one uncompressed zip), for the offline bundle."""
        return self._offline_index / OFFLINE_PIECES if self._offline_index is not None else None

    def _drop_offline_index(self) -> None:
        if self._offline_index is not None:
            shutil.rmtree(self._offline_index, ignore_errors=True)
            self._offline_index = None

    def _discard(self) -> None:
        for end in (self._index_briefings, self._data_briefings):
            if end is not None:
                end.close()
        self._index_briefings = self._data_briefings = None
        if self._index_entries is not None:
            self._index_entries.close()
            self._index_entries = None
        self._children.terminate()  # a send to the index's child under way ends with it
        if self._early is not None:
            self._early.wait()
            self._early = None
        self._awaiting = None
        if self._bundle is not None:
            self._bundle.abort()
            self._bundle = None
        self._drop_offline_index()
        if self._staging is not None:
            self._staging.discard()
            self._staging = None
        self._detach()

    def _detach(self) -> None:
        self._swept()  # under the build's lock
        self._listings.close()
        self._contents.close()
        if self._pages_dir is not None and self._command != "serve":
            shutil.rmtree(self._pages_dir, ignore_errors=True)
            self._pages_dir = None
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            self._warnings = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class _SpilledListings:
    """The listings of the pages of many briefings (`listing.Listed`), each page's pickled into the build's spill
    as soon as the page is made."""

    def __init__(self, spill: Spill) -> None:
        self._spill = spill

    def update(self, made: Listings, /) -> None:
        for path, found in made.items():
            self._spill[path] = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)


def _release(page: Any) -> None:
    """Let go of a page's content and table of contents once its template made its HTML (`on_post_page`): MkDocs
    holds every page to the build's end, to check the links to anchors last (from what else a page keeps), and
    nothing reads these again. Speaker, outlet, topic and year pages held 14 MB of content at 10,000 briefings,
    which the later pages and the end of the build can now reuse."""
    page.content = None
    page.toc = TableOfContents([])


class _Anchors(set[str]):
    """A briefing page's ids: those MkDocs found in its head, and its turns' (`load`ed from the cache the
    first time a link to the page is checked against them)."""

    def __init__(self, head: set[str], summary: Summary, load: Callable[[Summary], set[str]]) -> None:
        super().__init__(head)
        self._summary: Summary | None = summary
        self._load = load

    def __contains__(self, anchor: object) -> bool:
        if super().__contains__(anchor):
            return True
        if self._summary is not None:
            self.update(self._load(self._summary))
            self._summary = None
        return super().__contains__(anchor)


def _minify_own_scripts(files: Files, config: MkDocsConfig) -> None:
    """The theme's own scripts (`custom_dir`) shipped minified (`site/scripts.py`)."""
    own = config.theme.custom_dir
    if not own:
        return
    folder = Path(own).resolve()
    for file in files:
        if file.src_uri.endswith(".js") and file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(folder):
            file.content_string = minified(file.content_string)


UNUSED_WITH_SHARDED = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
"""Material's files that only its own search reads (its worker and lunr's languages and segmenters, 0.9 MB): with
the sharded index the search box talks to `archive-search-worker.js` and nothing loads them."""


def _leave_out_unused_theme_files(files: Files, config: MkDocsConfig, *, sharded: bool) -> None:
    """The theme's files no reader loads left out of the site: source maps (Material's scripts' and styles', 1.3 MB,
    for a developer's tools; the offline zip never had them), and with the sharded index Material's search worker
    and lunr (`UNUSED_WITH_SHARDED`). Files of the docs folder are the editor's and stay."""
    docs = Path(config.docs_dir).resolve()
    for file in list(files):
        unused = file.src_uri.endswith(".map") or (sharded and file.src_uri.startswith(UNUSED_WITH_SHARDED))
        if unused and not file.generated_by and file.abs_src_path \
                and not Path(file.abs_src_path).resolve().is_relative_to(docs):
            files.remove(file)


def _materials_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The search entries Material's plugin has made of the pages built so far; None without its plugin."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    made = getattr(index, "entries", None)
    return made if plugin is not None and plugin.config.get("enabled", True) and isinstance(made, list) else None


def _configured_site_url(config_file: Path) -> str:
    """`site_url` as `mkdocs.yml` sets it (`mkdocs serve` replaces it with the preview's address)."""
    with config_file.open("rb") as handle:
        value = yaml_load(handle).get("site_url")
    return str(value or "")


def _permalink(config: MkDocsConfig) -> Permalink:
    """The heading permalinks of the `toc` Markdown extension as configured (`permalink`, `permalink_title`)."""
    toc = (config.mdx_configs or {}).get("toc") or {}
    symbol = toc.get("permalink", False)
    return Permalink(symbol="¶" if symbol is True else str(symbol or ""),
                     title=str(toc.get("permalink_title", "Permanent link")))
