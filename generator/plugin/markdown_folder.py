"""The generated pages' Markdown, each page in a file of its own from the moment it is made.

MkDocs takes a generated page either as a string or as a file it reads when it reads the page. As strings,
every page's Markdown was held from the archive's loading to the reading of each page: at 10,000 briefings
35 MB (the speakers' paged lists 19 MB, the briefing pages' heads 8 MB, the year pages 4 MB), all of it at the
moment the build's memory peaked. `MarkdownFolder` is the mapping the site's pages are made into
(`site.pages.site_pages`): each page's Markdown goes to its file as it is set, and only the paths and their
order stay in memory. A file is rewritten only when its Markdown changed, so that under `mkdocs serve` a
page's file time says whether it changed (`mkdocs serve --dirty` rebuilds only those).

The folder is the system's temporary folder's `archive-pages-<pid>-*` (`PREFIX`): a build removes its own when
it ends, a preview at shutdown, and the next build the folders of builds killed outright (SIGKILL cannot be
caught), whose process is gone.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from pathlib import Path

PREFIX = "archive-pages-"
"""The folder's name in the system's temporary folder (`processes.temporary_folder`)."""


class MarkdownFolder(MutableMapping[str, str]):
    """Markdown by page path (`speakers/jen-psaki.md`), kept in files under `folder`, in the order set (as a dict
    keeps its keys: setting a page again keeps its place; popping it and setting it again puts it last)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._order: dict[str, None] = {}

    def file(self, path: str) -> Path:
        """The file holding the page's Markdown."""
        if path not in self._order:
            raise KeyError(path)
        return self.folder / path

    def __setitem__(self, path: str, markdown: str) -> None:
        target = self.folder / path
        data = markdown.encode("utf-8")
        if not (target.is_file() and target.read_bytes() == data):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self._order[path] = None

    def __getitem__(self, path: str) -> str:
        return self.file(path).read_text(encoding="utf-8")

    def __delitem__(self, path: str) -> None:
        del self._order[path]  # the file stays: set again unchanged, it keeps its time

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, path: object) -> bool:
        return path in self._order
