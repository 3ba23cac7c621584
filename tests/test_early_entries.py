"""The search index's child gets the other pages' entries as soon as those pages are built (briefing pages are
built last), so that it finishes the index while MkDocs writes the briefings: the index is the same either way."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest
from conftest import copy_project
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.plugin import hooks
from generator.plugin.writers import EarlyEntries
from generator.site.search_index import Entry


def test_sending_does_not_wait_for_the_child_and_must_match_the_index_as_written() -> None:
    """Half a megabyte of entries (a pipe holds 64 KB) is handed over at once, the child reading later; the
    entries of Material's index as written must be the same, or the build fails."""
    receive, send = multiprocessing.Pipe(duplex=False)
    items = [Entry(f"speakers/p{n}.html", f"Person {n}", "words " * 80) for n in range(1000)]
    started = time.monotonic()
    early = EarlyEntries(send, items)
    assert time.monotonic() - started < 1
    time.sleep(0.2)
    assert receive.recv() == items
    early.finish(list(items))
    with pytest.raises(PluginError, match="changed after those pages were built"):
        early.finish(items[:-1])


def _index(project: Path, site: Path) -> dict[str, bytes]:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    folder = site / "search" / "archive"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_index_is_the_same_sent_early_or_at_the_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real build sends the entries early, once the last page other than a briefing is built and before the
    first briefing page; a build told Material's entries cannot be had early sends them at the end; the two
    indexes are byte-identical, and both hold the pages' entries after the briefings'."""
    project = copy_project(tmp_path / "project")
    order: list[str] = []
    sent_at: list[int] = []
    real_post_page = hooks.ArchivePlugin.on_post_page

    class Spy(EarlyEntries):
        def __init__(self, *args: object) -> None:
            sent_at.append(len(order))
            super().__init__(*args)  # type: ignore[arg-type]

    def post_page(self: hooks.ArchivePlugin, output: str, *, page: object, config: object) -> str:
        order.append(page.file.src_uri)  # type: ignore[attr-defined]
        return real_post_page(self, output, page=page, config=config)  # type: ignore[arg-type]

    monkeypatch.setattr(hooks, "EarlyEntries", Spy)
    monkeypatch.setattr(hooks.ArchivePlugin, "on_post_page", post_page)
    early = _index(project, tmp_path / "early")
    briefings = [n for n, source in enumerate(order) if source.startswith("briefings/")]
    assert briefings and sent_at == [briefings[0]] and briefings == list(range(briefings[0], len(order)))
    monkeypatch.setattr(hooks, "_materials_entries", lambda config: None)
    late = _index(project, tmp_path / "late")
    assert len(sent_at) == 1
    assert early == late
    manifest = json.loads(early["manifest.js"].decode().partition("(")[2].rpartition(")")[0].partition(",")[2])
    assert manifest["entries"] > manifest["turns_end"]  # the entries after the briefings' are the pages'
