"""Finished pages kept in the build cache: a page whose inputs are unchanged is not rendered again.

Material's page template is most of what a build costs per page (its navigation, header and table of
contents), and a briefing, speaker or topic page comes out the same as long as its Markdown (which
carries a digest of every list it holds), its briefing's cache entry, and the site around it are the
same. So the finished HTML of each such page is stored under a key made of those (`check`), and when the
key is found the page is rendered with an empty template and its stored HTML written instead (`output`).

The page's Markdown is not converted again either: what MkDocs' `render` made of it (the content, the table
of contents, the title, the anchors it holds and its links to other pages' anchors) is stored beside the
HTML and put back instead (`_Rendered`). Links to anchors are still checked against the pages as they are
now, and a page whose conversion logged a warning is converted again by every build, so that a warning is
never lost to the cache.

The site around a page is `signature`: the generator's, MkDocs' and Material's versions, `mkdocs.yml`,
the configuration as loaded (the site's address under `mkdocs serve` too), the theme overrides, the
hand-written pages and the navigation. A cold build and a warm one give the same bytes (a test holds it).
"""

from __future__ import annotations

import io
import json
import logging
import re
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import MethodType
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils import CountHandler

from ..cache import Store, generator_version, key

TEMPLATE = "archive-cached.html"
"""The empty template a page found in the cache is rendered with."""
HTML = "html"
RENDERED = "rendered"
"""The part holding what MkDocs' `render` made of the page's Markdown (`_Rendered`)."""
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


class PageCache:
    """Finished pages by key, in the build's `Store`."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._signature = ""
        self._keys: dict[str, str] = {}
        """Per page (its source path) that may be cached, its key."""
        self._found: set[str] = set()
        self._rendered = Spill()
        """Per page rendered afresh without a warning, what `render` made (stored with its HTML)."""

    def start(self, config: MkDocsConfig, nav: Any, *more: str) -> None:
        """A new build of the site: its signature (`more`: what else shapes every page)."""
        self._signature = signature(config, nav, *more)
        self._rendered.close()  # a closed spill starts afresh
        self._keys, self._found = {}, set()

    def environment(self, env: Environment) -> Environment:
        """The theme's templates and the empty one."""
        env.loader = ChoiceLoader([DictLoader({TEMPLATE: ""}), env.loader])  # type: ignore[list-item]
        return env

    def check(self, page: Any, *inputs: str) -> None:
        """A page made from `inputs` (its Markdown, its briefing's entry): rendered with the empty template
        when the cache holds it."""
        source = page.file.src_uri
        meta = _ADDRESS.sub("", repr(sorted(page.meta.items())))
        self._keys[source] = found = key("page", self._signature, source, meta, *inputs)
        if self._store.has(found):
            self._found.add(source)
            page.meta["template"] = TEMPLATE
            if RENDERED in self._store.names(found):
                page.render = MethodType(_Rendered(self._store.read(found, RENDERED)).restore, page)
                return
        page.render = MethodType(_Recorder(page.render, self._rendered).render, page)

    @staticmethod
    def forget_markdown(page: Any) -> None:
        """Let go of a generated page's Markdown once MkDocs made its content (`on_page_content`): nothing reads it
        again, and MkDocs would hold it, twice (the file's and the page's), to the end of the build. A speaker's
        paged list holds 11 KB of it a page (the links between its pages), 38 MB at 10,000 briefings."""
        page.markdown = ""  # not None: a page without Markdown has no title
        if page.file.generated_by is not None:
            page.file.content_string = ""

    def output(self, page: Any) -> str | None:
        """The stored HTML of a page found in the cache; None for any other page."""
        source = page.file.src_uri
        return self._store.read(self._keys[source], HTML).decode() if source in self._found else None

    def keep(self, page: Any, html: str) -> None:
        """Store a page rendered afresh, if it may be cached."""
        source = page.file.src_uri
        found = self._keys.get(source)
        if found is not None and source not in self._found:
            rendered = self._rendered.pop(source, None)
            parts = {HTML: html.encode("utf-8", errors="surrogatepass")}
            self._store.put(found, parts if rendered is None else {**parts, RENDERED: rendered})


class Spill:
    """Bytes by page, in a temporary file until each page is written (what pages' `render` made, the listings of
    speaker, outlet and topic pages): MkDocs renders every page of its own before it writes the first, and a
    kilobyte a page held in memory grows with the archive."""

    def __init__(self) -> None:
        self._file: Any = None
        self._at: dict[str, tuple[int, int]] = {}

    def __setitem__(self, source: str, data: bytes) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 - open for the build, closed by `close`
        self._file.seek(0, io.SEEK_END)
        self._at[source] = (self._file.tell(), len(data))
        self._file.write(data)

    def __contains__(self, source: object) -> bool:
        return source in self._at

    def pop(self, source: str, default: None = None) -> bytes | None:
        at = self._at.pop(source, None)
        if at is None or self._file is None:
            return default
        self._file.seek(at[0])
        return bytes(self._file.read(at[1]))

    def close(self) -> None:
        """Let go of what it holds (its file is removed); it may be filled again."""
        if self._file is not None:
            self._file.close()
        self._file, self._at = None, {}


class _Recorder:
    """A page's own `render`, recording what it made for the cache unless it logged a warning; then the page's
    own `render` again (this one, and what it holds, goes)."""

    def __init__(self, render: Any, into: Spill) -> None:
        self._render, self._into = render, into

    def render(self, page: Any, config: MkDocsConfig, files: Files) -> None:
        warnings = CountHandler(level=logging.WARNING)
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            self._render(config, files)
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
            del page.render
        if not warnings.get_counts():
            self._into[page.file.src_uri] = _Rendered.of(page)


class _Rendered:
    """What MkDocs' `Page.render` sets, as stored: content, table of contents, title, anchors, links to anchors."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    @staticmethod
    def of(page: Any) -> bytes:
        links = sorted([target.src_uri, anchor, original]
                       for target, anchors in (page.links_to_anchors or {}).items()
                       for anchor, original in anchors.items())
        return json.dumps({"content": page.content, "toc": [_token(item) for item in page.toc.items],
                           "title": page._title_from_render, "anchors": sorted(page.present_anchor_ids or ()),
                           "links": links if page.links_to_anchors is not None else None},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8", errors="surrogatepass")

    def restore(self, page: Any, config: MkDocsConfig, files: Files) -> None:
        del page.render  # the page's own again: this one, and the stored bytes it holds, go
        data = json.loads(self._data.decode("utf-8", errors="surrogatepass"))
        page.content = data["content"]
        page.toc = get_toc(data["toc"])
        page._title_from_render = data["title"]
        page.present_anchor_ids = set(data["anchors"])
        if data["links"] is not None:
            links: dict[Any, dict[str, str]] = {}
            for source, anchor, original in data["links"]:
                target = files.get_file_from_path(source)
                if target is not None:
                    links.setdefault(target, {})[anchor] = original
            page.links_to_anchors = links


def _token(item: AnchorLink) -> dict[str, Any]:
    return {"level": item.level, "id": item.id, "name": item.title, "children": [_token(c) for c in item.children]}


def signature(config: MkDocsConfig, nav: Any, *more: str) -> str:
    """What shapes every page besides its own content (see the module's docstring)."""
    settings = [config.site_url, config.site_name, config.site_description, config.site_author, config.copyright,
                config.repo_url, config.repo_name, config.edit_uri, dict(config.theme), config.extra,
                config.markdown_extensions, config.mdx_configs, [str(s) for s in config.extra_css],
                [str(s) for s in config.extra_javascript], config.extra_templates, config.nav,
                config.use_directory_urls, {name: _plugin(plugin) for name, plugin in config.plugins.items()}]
    menu = [(page.title, page.url) for page in nav.pages]
    return key(generator_version(), _version("mkdocs"), _version("mkdocs-material"),
               Path(config.config_file_path).read_bytes(), _ADDRESS.sub("", repr(settings)), repr(menu),
               _tree(config.theme.custom_dir), _tree(config.docs_dir), *more)


def _plugin(plugin: Any) -> object:
    """What a plugin's pages depend on: its settings, or for a hook (`hooks:` in `mkdocs.yml`, a module
    with no settings) its source."""
    settings = getattr(plugin, "config", None)
    if settings is not None:
        return dict(settings)
    source = getattr(plugin, "__file__", None)
    return key(Path(source).read_bytes()) if source and Path(source).is_file() else repr(plugin)


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return ""


def _tree(folder: str | None) -> str:
    """A digest of every file in `folder` (names and bytes)."""
    if not folder or not Path(folder).is_dir():
        return ""
    root = Path(folder)
    return key(*(part for path in sorted(p for p in root.rglob("*") if p.is_file())
                 for part in (path.relative_to(root).as_posix(), path.read_bytes())))
