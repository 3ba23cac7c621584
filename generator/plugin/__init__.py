"""The MkDocs plugin (`archive` in `mkdocs.yml`): takes `content/`, gives MkDocs the generated pages and
writes the rest of the site (open data, search index, offline zip), swapping it in atomically."""

from __future__ import annotations

from .hooks import ArchivePlugin

__all__ = ["ArchivePlugin"]
