"""The search index's child gets the other pages' entries as soon as those pages are built (briefing pages are
built last), so that it finishes the index while MkDocs writes the briefings: the index is the same either way."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, copy_project
from mkdocs.exceptions import PluginError

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


_BUILD = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from generator.plugin import hooks

project, site, early = sys.argv[1:4]
order, sent_at = [], []
real_post_page = hooks.ArchivePlugin.on_post_page


class Spy(hooks.EarlyEntries):
    def __init__(self, *args):
        sent_at.append(len(order))
        super().__init__(*args)


def post_page(self, output, *, page, config):
    order.append(page.file.src_uri)
    return real_post_page(self, output, page=page, config=config)


hooks.EarlyEntries = Spy
hooks.ArchivePlugin.on_post_page = post_page
if early == "no":
    hooks._materials_entries = lambda config: None
build(load_config(project + "/mkdocs.yml", site_dir=site, strict=True))
print(json.dumps({"order": order, "sent_at": sent_at}))
"""
"""A real build in a process of its own (the plugin forks the index's child only from a process running no
other thread), recording the order pages are built in and when the entries went to the child."""


def _build(project: Path, site: Path, early: bool) -> tuple[list[str], list[int], dict[str, bytes]]:
    run = subprocess.run([sys.executable, "-c", _BUILD, str(project), str(site), "yes" if early else "no"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), check=False)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.splitlines()[-1])
    folder = site / "search" / "archive"
    return seen["order"], seen["sent_at"], {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_index_is_the_same_sent_early_or_at_the_end(tmp_path: Path) -> None:
    """A real build sends the entries early, once the last page other than a briefing is built and before the
    first briefing page; a build told Material's entries cannot be had early sends them at the end; the two
    indexes are byte-identical, and both hold the pages' entries after the briefings'."""
    project = copy_project(tmp_path / "project")
    order, sent_at, early = _build(project, tmp_path / "early", early=True)
    briefings = [n for n, source in enumerate(order) if source.startswith("briefings/")]
    assert briefings and sent_at == [briefings[0]] and briefings == list(range(briefings[0], len(order)))
    _, sent_at, late = _build(project, tmp_path / "late", early=False)
    assert sent_at == []
    assert early == late
    manifest = json.loads(early["manifest.js"].decode().partition("(")[2].rpartition(")")[0].partition(",")[2])
    assert manifest["entries"] > manifest["turns_end"]  # the entries after the briefings' are the pages'
