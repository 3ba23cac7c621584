"""Briefing pages rendered one at a time, outside MkDocs' list of pages: MkDocs keeps none of them.

MkDocs makes a `Page` for every Markdown file it is given, reads and converts them all, then writes them all,
and keeps every page (its front matter, table of contents, anchors, links) to the end of the build. For an
archive that is ten thousand briefing pages held at once: 17–18 MB of MkDocs' process at 10,000 briefings
(its peak 234 → 217 MB cold, 226 → 208 MB warm once they went). So a briefing page reaches MkDocs as a
`BriefingFile`: a file of its list that links to `briefings/<slug>.md` resolve to (its address,
`briefings/<slug>.html`), which MkDocs neither reads, nor converts, nor copies. Once MkDocs has written its own
pages, `write_pages` makes each briefing page in turn as MkDocs makes one (the same steps, plugin events and
theme template, `mkdocs.commands.build`'s) and lets it go. The sitemap, which MkDocs makes from its pages, gets
them from `sitemap_pages`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin

from mkdocs.commands.build import _build_page, _populate_page  # MkDocs' own two steps of a page (1.6)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date


class BriefingFile(File):
    """A briefing page in MkDocs' list of files: links to it resolve, MkDocs makes no page of it (`write_pages`
    does) and copies nothing."""

    def __init__(self, config: MkDocsConfig, src_uri: str, markdown: Path) -> None:
        super().__init__(src_uri, None, config.site_dir, False, dest_uri=f"{src_uri.removesuffix('.md')}.html")
        self.markdown = markdown
        """The page's Markdown (`markdown_folder.py`)."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False

    def is_media_file(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing to copy: the page is written by `write_pages`."""


def briefing_files(files: Files) -> list[BriefingFile]:
    """The briefing pages among MkDocs' files, in their order."""
    return [file for file in files if isinstance(file, BriefingFile)]


def write_pages(files: Files, nav: Any, env: Any, config: MkDocsConfig, dirty: bool) -> None:
    """Make and write every briefing page as MkDocs makes one of its own, one page at a time: read and converted
    (`_populate_page`), put through the theme's template and written (`_build_page`), its links to anchors
    checked; then nothing of it is kept."""
    doc_files: Sequence[File] = files.documentation_pages()
    level = config.validation.links.anchors
    for placeholder in briefing_files(files):
        file = File.generated(config, placeholder.src_uri, abs_src_path=str(placeholder.markdown))
        page = Page(None, file, config)
        _populate_page(page, config, files, dirty)
        _build_page(page, config, doc_files, nav, env, dirty)
        page.validate_anchor_links(files=files, log_level=level)
        file.page = None  # the page and the file go together


def sitemap_pages(pages: Iterable[Any], files: Files, site_url: str) -> list[Any]:
    """MkDocs' pages for the sitemap template, then the briefing pages as it reads a page (`canonical_url`,
    `update_date`): the order and entries the sitemap had when briefing pages were MkDocs' last pages."""
    if not site_url:
        return list(pages)  # without an address MkDocs lists no page either
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    date = get_build_date()
    return [*pages, *(SimpleNamespace(page=SimpleNamespace(is_link=False, canonical_url=urljoin(base, f.url),
                                                           abs_url=None, update_date=date))
                      for f in briefing_files(files))]
