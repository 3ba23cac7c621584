"""Rebuilds under `mkdocs serve` redo only what an edit touched: loading, rendering, page files."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.enrich.loader import Loader
from generator.plugin import ArchivePlugin
from generator.site.pages import RenderCache, generated_pages
from tests.conftest import SEED

SECOND = "2022-11-02-second-briefing.txt"
TEXT = """---
title: A Second Briefing
---
MR PRICE: Good afternoon. Two announcements today.

QUESTION: Thank you. A question on the talks.

MR PRICE: The talks continue.
"""


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    shutil.copy2(SEED, content / "briefings" / SEED.name)
    (content / "briefings" / SECOND).write_text(TEXT, encoding="utf-8")
    return content


def test_unchanged_transcripts_come_back_as_the_same_objects(tmp_path: Path) -> None:
    """A second load with nothing changed returns the very briefing objects of the first (no re-parse, re-lock, re-annotate)."""
    content = _content(tmp_path)
    loader = Loader()
    first = loader.load(content, tmp_path)
    second = loader.load(content, tmp_path)
    assert len(first.briefings) == 2
    assert all(a is b for a, b in zip(first.briefings, second.briefings, strict=True))


def test_an_edit_reloads_only_that_transcript_and_matches_a_fresh_load(tmp_path: Path) -> None:
    """After one transcript changes, only its briefing is new, and the result equals a load from scratch."""
    content = _content(tmp_path)
    loader = Loader()
    before = loader.load(content, tmp_path)
    edited = content / "briefings" / SECOND
    edited.write_text(TEXT.replace("The talks continue.", "The talks continue tomorrow."), encoding="utf-8")
    after = loader.load(content, tmp_path)
    fresh = Loader().load(content, tmp_path)
    changed = [b.slug for a, b in zip(before.briefings, after.briefings, strict=True) if a is not b]
    assert changed == ["2022-11-02-second-briefing"]
    assert after.briefings == fresh.briefings


def test_a_configuration_change_refreshes_every_briefing(tmp_path: Path) -> None:
    """Editing a YAML file beside the briefings (speakers, topics) re-annotates every briefing."""
    content = _content(tmp_path)
    loader = Loader()
    before = loader.load(content, tmp_path)
    (content / "topics.yml").write_text("topics: []\n", encoding="utf-8")
    after = loader.load(content, tmp_path)
    assert all(a is not b for a, b in zip(before.briefings, after.briefings, strict=True))


def test_render_cache_gives_the_same_pages_as_rendering_afresh(tmp_path: Path) -> None:
    """Pages built with the render cache, before and after an edit, equal the pages rendered without it."""
    content = _content(tmp_path)
    loader, cache = Loader(), RenderCache()
    generated_pages(loader.load(content, tmp_path), "Site", cache)
    edited = content / "briefings" / SECOND
    edited.write_text(TEXT.replace("Two announcements", "Three announcements"), encoding="utf-8")
    archive = loader.load(content, tmp_path)
    cached = generated_pages(archive, "Site", cache)
    assert cached == generated_pages(archive, "Site")
    assert "Three announcements" in cached["briefings/2022-11-02-second-briefing.md"]


def test_serve_pages_on_disk_are_rewritten_only_when_their_markdown_changes(tmp_path: Path) -> None:
    """Under `mkdocs serve`, a generated page file keeps its time while its Markdown is unchanged (what `--dirty` compares)."""
    plugin = ArchivePlugin()
    plugin.on_startup(command="serve", dirty=True)
    try:
        first = plugin._on_disk("briefings/a.md", "# A\n")
        stamp = first.stat().st_mtime_ns
        assert plugin._on_disk("briefings/a.md", "# A\n").stat().st_mtime_ns == stamp
        assert plugin._on_disk("briefings/a.md", "# A, edited\n").read_text(encoding="utf-8") == "# A, edited\n"
    finally:
        plugin.on_shutdown()
    assert not first.exists()


def test_previews_and_checks_write_no_lock(tmp_path: Path) -> None:
    """`mkdocs serve` and `check` give the anchors a build would, but leave content/ as it was: an
    unpublished edit is no correction yet, and a lock written into the watched folder would start a
    second rebuild. A build then writes the lock, with the very same anchors."""
    content = _content(tmp_path)
    lock = content / "briefings" / SECOND.replace(".txt", ".anchors.json")
    plugin = ArchivePlugin()
    plugin.on_startup(command="serve", dirty=True)
    previewed = plugin._loader.load(content, tmp_path)
    assert Loader(write_locks=False).load(content, tmp_path).briefings == previewed.briefings
    assert not lock.exists()
    built = Loader().load(content, tmp_path)
    assert lock.exists() and built.briefings == previewed.briefings
    edited = content / "briefings" / SECOND
    edited.write_text(TEXT.replace("The talks continue.", "The talks continue.\n\nMR PRICE: One more thing."),
                      encoding="utf-8")
    before = lock.read_bytes()
    preview = Loader(write_locks=False).load(content, tmp_path)
    assert lock.read_bytes() == before
    assert [t.anchor for t in preview.briefings[1].turns] == [t.anchor for t in Loader().load(content, tmp_path).briefings[1].turns]
    assert lock.read_bytes() != before
