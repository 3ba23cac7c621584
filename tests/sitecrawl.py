"""Reading a built site back with a real HTML parser: every page's elements, ids, links and text.

Shared by the hostile-input, link and integrity tests, which all crawl whatever the build wrote
(briefing, home, speaker, topic pages, exports, the search index and the zips alike), so a
page family added later is covered without touching them. Also the one setting those tests vary
in a scratch project: the search engine.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from generator.site.search_store import StoreReader

_MKDOCS_YML = Path(__file__).resolve().parent.parent / "mkdocs.yml"
SITE_URL: str = yaml.safe_load(_MKDOCS_YML.read_text(encoding="utf-8"))["site_url"]
"""The public address: absolute links to it are internal links."""

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "srcset", "xlink:href"}
_RAW_TEXT = {"script", "style", "template", "textarea"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Element:
    """One start tag: its name, its attributes as written (values entity-decoded), its source line."""

    tag: str
    attrs: tuple[tuple[str, str | None], ...]
    line: int

    def get(self, name: str) -> str | None:
        """The value of attribute `name`, or None."""
        return next((v for k, v in self.attrs if k == name), None)


@dataclass
class Page:
    """A parsed HTML document."""

    elements: list[Element] = field(default_factory=list)
    text: str = ""
    """Visible body text, whitespace collapsed: what a reader sees."""
    title: str = ""
    raw_text: list[tuple[str, str]] = field(default_factory=list)
    """Contents of script, style, template and textarea elements, with the element's type
    (`application/json` for a data block; empty for an executable script)."""

    @property
    def ids(self) -> set[str]:
        """Every `id` and `<a name>` on the page: the targets of `#fragment` links."""
        return {v for e in self.elements for k, v in e.attrs if k in ("id", "name") and v and
                (k == "id" or e.tag == "a")}

    def urls(self) -> Iterator[tuple[Element, str]]:
        """Every URL-valued attribute (`srcset` split into its candidates)."""
        for element in self.elements:
            for key, value in element.attrs:
                if key not in URL_ATTRIBUTES or value is None:
                    continue
                if key == "srcset":
                    yield from ((element, part.split()[0]) for part in value.split(",") if part.strip())
                else:
                    yield element, value


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._body: list[str] = []
        self._title: list[str] = []
        self._stack: list[str] = []
        self._raw_type = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append(Element(tag, tuple(attrs), self.getpos()[0]))
        if tag not in _VOID:
            self._stack.append(tag)
        if tag in _RAW_TEXT:
            self._raw_type = dict(attrs).get("type") or "" if tag == "script" else tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append(Element(tag, tuple(attrs), self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if any(t in _RAW_TEXT for t in self._stack):
            self.page.raw_text.append((self._raw_type, data))
        elif "title" in self._stack and "svg" not in self._stack:
            self._title.append(data)
        elif "body" in self._stack:
            self._body.append(data)

    def finish(self) -> Page:
        self.close()
        self.page.text = collapse(" ".join(self._body))
        self.page.title = collapse(" ".join(self._title))
        return self.page


def collapse(text: str) -> str:
    """Runs of whitespace as one space, trimmed: text as a browser lays it out."""
    return " ".join(text.split())


def parse_html(html: str) -> Page:
    """Parse one HTML document or fragment."""
    parser = _Parser()
    parser.feed(html if "<body" in html else f"<body>{html}</body>")
    return parser.finish()


def output_files(site: Path) -> Iterator[tuple[str, bytes]]:
    """Every file the build wrote: the site's files, then those inside each zip beside it (`dist/`);
    after each zip, its entries as `<zip>!<entry>` (zips inside zips too: the data zip in the site), and after
    a gzip or bzip2 file its content as `<file>.gz!<file>`, and after a file of JSON lines (the open data's
    download) each line as the briefing's own file, `<file>.jsonl!briefings/<slug>.json`."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        yield from _with_entries(path.relative_to(site).as_posix(), path.read_bytes())
    for bundle in sorted(site.parent.glob("dist/*.zip")):
        yield from _with_entries(bundle.name, bundle.read_bytes())


def _with_entries(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    yield name, data
    for suffix, decompress in ((".gz", gzip.decompress), (".bz2", bz2.decompress)):
        if name.endswith(suffix):
            yield from _with_entries(f"{name}!{name.rsplit('/', 1)[-1].removesuffix(suffix)}", decompress(data))
    if name.endswith(".jsonl"):
        for line in data.splitlines():
            yield f"{name}!briefings/{json.loads(line)['slug']}.json", line
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for entry in sorted(n for n in archive.namelist() if not n.endswith("/")):
                yield from _with_entries(f"{name}!{entry}", archive.read(entry))


def html_pages(site: Path) -> dict[str, Page]:
    """Every HTML page of the site, by path relative to the site root."""
    return {p.relative_to(site).as_posix(): parse_html(p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*.html"))}


def link_target(page_path: str, url: str) -> tuple[str, str] | None:
    """The site path and fragment `url` points to from `page_path`, or None for an external URL."""
    if url.startswith(SITE_URL):
        url = "/" + url[len(SITE_URL):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page_path, unquote(parts.fragment)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path) if not path.startswith("/")
                                else path.lstrip("/"))
    if path.endswith("/"):
        joined = posixpath.join(joined, "index.html")
    return joined, unquote(parts.fragment)


def broken_link(site: Path, pages: dict[str, Page], source: str, url: str) -> str | None:
    """Why `url` on page `source` is broken (missing file, missing id, outside the site), or None."""
    target = link_target(source, url)
    if target is None:
        return None
    path, fragment = target
    if path.startswith("../") or path == "..":
        return f"{source}: {url!r} leaves the site"
    if path == ".":
        path = "index.html"
    if not (site / path).is_file():
        return f"{source}: {url!r} -> missing {path}"
    if fragment and path.endswith(".html") and fragment not in pages[path].ids:
        return f"{source}: {url!r} -> no id {fragment!r} in {path}"
    return None


def broken_links(site: Path, pages: dict[str, Page]) -> list[str]:
    """Every broken href/src of every page (`broken_link`'s reasons)."""
    return [problem for name, page in pages.items() for _, url in page.urls()
            if (problem := broken_link(site, pages, name, url))]


def search_locations(site: Path) -> list[str]:
    """Where every search result points: from Material's index (when the header box uses it) and from the
    archive's own (`search/archive/`, the search page's), whose turn entries give their `#anchor` only."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    out = [d["location"] for d in docs]
    folder = site / "search" / "archive"
    if (folder / "manifest.js").is_file():
        page = ""
        for location, *_ in StoreReader(folder).entries():
            page = location.split("#", 1)[0] or page
            out.append(page + location if location.startswith("#") else location)
    return out


def set_search_engine(project: Path, engine: str) -> bool:
    """Set the archive plugin's `search_engine` in a scratch project's `mkdocs.yml`; False when it has none."""
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^(\s*search_engine:\s*)\w+", rf"\g<1>{engine}", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    return count == 1
