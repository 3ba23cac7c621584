"""The plugin's options, `plugins: - archive:` in `mkdocs.yml`, as a typed schema."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..site.hosts import ANY, CHOICES
from ..site.search_index import MODES


class BundleOption(c.BaseConfigOption[str | bool]):
    """`bundle:` of the archive plugin: `true` (the default name), a path ending in `.zip`, or `false`."""

    def __init__(self) -> None:
        super().__init__()
        self.default = True

    def run_validation(self, value: object) -> str | bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.endswith(".zip") and value.strip() == value and value != ".zip":
            return value
        raise c.ValidationError(f"expected true, false or a path ending in .zip, got {value!r}")


class ArchiveConfig(Config):
    """Options under `plugins: - archive:` in `mkdocs.yml`."""

    content_dir = c.Type(str, default="content")
    """Folder holding `briefings/`, relative to `mkdocs.yml`."""
    bundle = BundleOption()
    """The offline zip: `true` for `dist/<site-name>-offline.zip`, a path (from the folder holding
    `site_dir`), or `false` for none. Written by `mkdocs build` only, with the site it zips."""
    cache_dir = c.Type(str, default=".cache")
    """The build cache (`generator/cache.py`), relative to `mkdocs.yml`: each briefing's pages and parts, kept
    between builds so an unchanged transcript is not parsed or rendered again. Safe to delete; keep it out of
    version control. Empty: no cache kept (each build starts cold)."""
    search_engine = c.Choice(MODES, default="auto")
    """Site search: `material` (Material's own, index built in the browser), `sharded` (a prebuilt
    index loaded in small pieces, for large archives), or `auto` (sharded from 300 turns on: `search_index.AUTO_TURNS`)."""
    host = c.Choice(CHOICES, default=ANY)
    """Where the site is published: `cloudflare-pages` or `github-pages` make a site over that host's limits
    (files, bytes a file, bytes in all: `site/hosts.py`) a warning, so `mkdocs build --strict` keeps the
    previous site; `any` (the default) only reports the site's size and which hosts take it."""
