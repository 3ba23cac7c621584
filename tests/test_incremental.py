"""Builds redo only what an edit touched: the build cache (`generator/cache.py`) keeps every briefing's
published parts between builds, keyed by what made them; `mkdocs serve` rewrites only changed page files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from generator import cache
from generator.cache import BuildLock, Store
from generator.enrich import loader as loading
from generator.enrich.loader import Loader
from generator.plugin import ArchivePlugin
from generator.plugin.markdown_folder import PREFIX, MarkdownFolder
from generator.processes import temporary_folder
from generator.site.published import SUMMARY, TURNS, Settings, SitePublisher
from generator.site.turns_html import Permalink
from tests.conftest import ROOT, SEED, copy_project

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


def test_serve_pages_on_disk_are_rewritten_only_when_their_markdown_changes(tmp_path: Path) -> None:
    """Under `mkdocs serve`, a generated page file keeps its time while its Markdown is unchanged (what `--dirty` compares)."""
    plugin = ArchivePlugin()
    plugin.on_startup(command="serve", dirty=True)
    try:
        pages = MarkdownFolder(plugin._markdown_folder())
        pages["briefings/a.md"] = "# A\n"
        first = pages.file("briefings/a.md")
        stamp = first.stat().st_mtime_ns
        again = MarkdownFolder(plugin._markdown_folder())  # the next build of the preview
        again["briefings/a.md"] = "# A\n"
        assert again.file("briefings/a.md").stat().st_mtime_ns == stamp
        again["briefings/a.md"] = "# A, edited\n"
        assert again["briefings/a.md"] == "# A, edited\n"
    finally:
        plugin.on_shutdown()
    assert not first.exists()


def test_generated_pages_keep_the_order_a_dict_would() -> None:
    """The folder the pages are made into orders them as a dict does (MkDocs builds, and lists in the sitemap,
    in that order): setting a page again keeps its place, popping and setting it puts it last."""
    with tempfile.TemporaryDirectory() as scratch:
        folder, plain = MarkdownFolder(Path(scratch)), {}
        for pages in (folder, plain):
            pages["b.md"], pages["speakers/a.md"], pages["a.md"] = "b", "sa", "a"
            pages["b.md"] = "b again"
            pages["speakers/a.md"] = pages.pop("speakers/a.md")
        assert list(folder) == list(plain) == ["b.md", "a.md", "speakers/a.md"]
        assert dict(folder) == plain
        with pytest.raises(KeyError):
            folder.file("missing.md")


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


PUBLISHER = SitePublisher(Settings("Site", "https://example.org/", Permalink()))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The transcripts `Loader.publish` parses (in this process: the loads here are too small for workers)."""
    seen: list[str] = []
    real = loading.parse

    def spy(source: object, slug: str | None = None) -> object:
        seen.append(source.path)  # type: ignore[attr-defined]
        return real(source, slug)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "parse", spy)
    return seen


def test_a_warm_build_parses_nothing_and_an_edit_one_file(tmp_path: Path, parses: list[str]) -> None:
    """A second load with the same cache parses no transcript; after one edit, only that one; a fresh loader
    (another process) finds the same entries on disk; and the entries are the same as a cold load's."""
    content, store = _content(tmp_path), Store.under(tmp_path / ".cache")
    first = Loader().publish(content, tmp_path, store, PUBLISHER)
    assert len(parses) == 2 and not first.errors
    again = Loader().publish(content, tmp_path, Store.under(tmp_path / ".cache"), PUBLISHER)
    assert len(parses) == 2
    assert [item.entry for item in again.loaded] == [item.entry for item in first.loaded]
    edited = content / "briefings" / SECOND
    edited.write_text(TEXT.replace("The talks continue.", "The talks continue tomorrow."), encoding="utf-8")
    after = Loader().publish(content, tmp_path, Store.under(tmp_path / ".cache"), PUBLISHER)
    assert parses[2:] == [f"content/briefings/{SECOND}"]
    cold = Loader().publish(content, tmp_path, Store.under(tmp_path / "cold"), PUBLISHER)
    assert [i.entry for i in after.loaded] == [i.entry for i in cold.loaded]
    assert [i.summary for i in after.loaded] == [i.summary for i in cold.loaded]


def test_a_load_says_what_it_read_and_how_far_it_is(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A load that reads transcripts ends with one line saying how many it read, took from the cache and
    refused; a load that reads none (every transcript in the cache) says nothing. A long one says how far it is, at most every 15 s."""
    content = _content(tmp_path)
    (content / "briefings" / "2022-12-01-empty.txt").write_text("\n", encoding="utf-8")
    caplog.set_level("INFO", logger="mkdocs.plugins.generator")
    Loader().publish(content, tmp_path, Store.under(tmp_path / ".cache"), PUBLISHER)
    assert [r.getMessage().split(" in ")[0] for r in caplog.records if r.getMessage().startswith("archive:")] == [
        "archive: 2 briefings (3 transcripts read, 0 from the cache; 1 refused)"]
    (content / "briefings" / SECOND).write_text(TEXT.replace("The talks continue.", "The talks go on."),
                                                encoding="utf-8")
    caplog.clear()
    Loader().publish(content, tmp_path, Store.under(tmp_path / ".cache"), PUBLISHER)
    assert [r.getMessage().split(" in ")[0] for r in caplog.records if r.getMessage().startswith("archive:")] == [
        "archive: 2 briefings (2 transcripts read, 1 from the cache; 1 refused)"]
    caplog.clear()
    (content / "briefings" / "2022-12-01-empty.txt").unlink()  # a refused transcript is read again by every load
    Loader().publish(content, tmp_path, Store.under(tmp_path / ".cache"), PUBLISHER)
    assert not [r for r in caplog.records if r.getMessage().startswith("archive:")]
    now = [0.0]
    progress = loading.Progress(10_000, clock=lambda: now[0])
    for done, at in [(500, 5.0), (1_200, 15.0), (2_000, 20.0), (2_600, 29.0), (3_100, 30.5), (10_000, 60.0)]:
        now[0] = at
        progress(done)
    assert [r.getMessage() for r in caplog.records] == [
        "archive: 1,200 of 10,000 transcripts read", "archive: 3,100 of 10,000 transcripts read"]


def test_configuration_or_settings_change_every_key(tmp_path: Path) -> None:
    """Editing `speakers.yml` or `topics.yml`, or the settings the parts were rendered with (the site's
    address, the permalinks), gives every briefing a new entry: nothing stale is reused."""
    content, store = _content(tmp_path), Store.under(tmp_path / ".cache")
    before = {i.entry for i in Loader().publish(content, tmp_path, store, PUBLISHER).loaded}
    other = SitePublisher(Settings("Site", "https://other.example/", Permalink()))
    assert before.isdisjoint(i.entry for i in Loader().publish(content, tmp_path, store, other).loaded)
    (content / "topics.yml").write_text("topics: []\n", encoding="utf-8")
    assert before.isdisjoint(i.entry for i in Loader().publish(content, tmp_path, store, PUBLISHER).loaded)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "flipped"])
def test_an_unreadable_entry_is_ignored_and_made_again(tmp_path: Path, parses: list[str], damage: str) -> None:
    """An entry cut short, overwritten, emptied or with one byte changed counts as missing: the briefing is
    published again, and the new entry reads back whole."""
    content = _content(tmp_path)
    first = Loader().publish(content, tmp_path, Store.under(tmp_path / ".cache"), PUBLISHER)
    store = Store.under(tmp_path / ".cache")
    path = store.folder / first.loaded[1].entry[:2] / first.loaded[1].entry  # type: ignore[operator]
    data = path.read_bytes()
    path.write_bytes({"truncated": data[:len(data) // 2], "garbage": os.urandom(len(data)), "empty": b"",
                      "flipped": data[:-10] + bytes([data[-10] ^ 1]) + data[-9:]}[damage])
    again = Loader().publish(content, tmp_path, store, PUBLISHER)
    assert parses[2:] == [f"content/briefings/{SECOND}"]
    assert [i.summary for i in again.loaded] == [i.summary for i in first.loaded]
    assert store.read(again.loaded[1].entry, TURNS).startswith(b"<h2")


def test_entries_are_written_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails midway (as a killed build would) leaves no entry under the key, only a temporary
    file, which `prune` removes once it is stale; an entry written whole reads back as stored."""
    store = Store.under(tmp_path)
    store.put("ab" + "0" * 62, {"one": b"1" * 1000, "two": b"second part"})
    assert store.read("ab" + "0" * 62, "two") == b"second part"

    monkeypatch.setattr(os, "fdopen", lambda handle, mode: _Failing())
    with pytest.raises(OSError):
        store.put("cd" + "0" * 62, {"one": b"x"})
    monkeypatch.undo()
    assert not Store.under(tmp_path).has("cd" + "0" * 62)
    leftover = tmp_path / "archive" / cache.generator_version() / "cd" / f"{'cd' + '0' * 62}.tmp-x"
    leftover.write_bytes(b"half")
    os.utime(leftover, (0, 0))
    store = Store.under(tmp_path)
    assert store.has("ab" + "0" * 62)
    store.prune()
    assert not leftover.exists() and store.has("ab" + "0" * 62)


def test_a_part_stored_uncompressed_reads_back_and_still_checks_itself(tmp_path: Path) -> None:
    """A big part every build reads (the search index's briefing) is kept uncompressed: it reads back as
    stored, and a byte changed in it is found (a damaged part is made again, never used)."""
    store = Store.under(tmp_path)
    entry, big = "ef" + "0" * 62, os.urandom(50) + b"words " * 9_000  # one stored block (up to 64 KB)
    store.put(entry, {"small": b"s" * 1000, "big": big}, stored={"big"})
    path = store.folder / entry[:2] / entry  # type: ignore[operator]
    assert path.stat().st_size > len(big) and big in path.read_bytes()
    assert Store.under(tmp_path).read(entry, "big") == big
    data = path.read_bytes()
    at = data.index(big) + 5000
    path.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1:])
    with pytest.raises(cache.GeneratorError):
        Store.under(tmp_path).read(entry, "big")


class _Failing:
    def __enter__(self) -> _Failing:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def write(self, data: bytes) -> int:
        raise OSError("disk full")


def test_prune_keeps_what_the_build_used(tmp_path: Path) -> None:
    """After a build, the cache keeps the entries that build used and drops the rest, and the folders of
    other generator versions: it never grows past one archive's worth."""
    content = _content(tmp_path)
    Loader().publish(content, tmp_path, Store.under(tmp_path / ".cache"), PUBLISHER)
    (content / "briefings" / SECOND).write_text(TEXT.replace("Two", "Three"), encoding="utf-8")
    old_version = tmp_path / ".cache" / "archive" / "0123456789abcdef"
    old_version.mkdir()
    store = Store.under(tmp_path / ".cache")
    kept = Loader().publish(content, tmp_path, store, PUBLISHER)
    store.prune()
    left = sorted(p.name for p in store.folder.rglob("*") if p.is_file())  # type: ignore[union-attr]
    assert left == sorted(i.entry for i in kept.loaded) and not old_version.exists()


def test_a_second_build_is_refused_while_one_runs(tmp_path: Path) -> None:
    """The build lock is held by one build at a time: another process asking for it is refused with a message
    naming the holder; once the holder releases it (or ends, however), it can be taken."""
    first = BuildLock(tmp_path)
    first.acquire("mkdocs build")
    code = ("import sys; from pathlib import Path; from generator.cache import BuildLock\n"
            "try:\n    BuildLock(Path(sys.argv[1])).acquire('mkdocs build')\n"
            "except Exception as e:\n    print(e); sys.exit(3)\n")
    refused = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert refused.returncode == 3
    assert re.search(r"another build of this project is running \(mkdocs build, pid \d+, started ", refused.stdout)
    first.release()
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path)]).returncode == 0


def test_summaries_are_small(tmp_path: Path) -> None:
    """What a build keeps of each briefing is a small fraction of its words (the rest stays in the cache)."""
    content, store = _content(tmp_path), Store.under(tmp_path / ".cache")
    seed = Loader().publish(content, tmp_path, store, PUBLISHER).loaded[0]
    assert len(store.read(seed.entry, SUMMARY)) < SEED.stat().st_size / 10


_BUILD = """
config = load_config(project + "/mkdocs.yml", site_dir=site, strict=True)
config.plugins.on_startup(command="build", dirty=False)
build(config)
config.plugins.on_shutdown()
print(json.dumps({result}))
"""
"""The end of a script building `project` into `site` (its arguments) in a process of its own and printing what it
saw as JSON (`_built_seeing`)."""


def _built_seeing(script: str, project: Path, site: Path) -> Any:
    """What `script` (ending with `_BUILD`) saw building `project` into `site`."""
    run = subprocess.run([sys.executable, "-c", script, str(project), str(site)], capture_output=True, text=True,
                         timeout=600, cwd=ROOT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), check=False)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


_HELD = """
import gc, json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page
from generator.plugin import hooks
from generator.site.listing import Part
from generator.site.summary import Summary

project, site = sys.argv[1:3]
seen = {}
real_post_page = hooks.ArchivePlugin.on_post_page


real_env = hooks.ArchivePlugin.on_env


def look(plugin, when):
    gc.unfreeze()  # the build froze the summaries it loaded: the collector lists them again
    gc.collect()  # and what nothing refers to goes
    held = [o for o in gc.get_objects() if isinstance(o, Summary)]
    seen[when] = {"summaries": len(held), "kept_by_loader": len(plugin._loader._summaries) + len(plugin._loader._keys),
                  "with_content": sum(1 for o in gc.get_objects() if isinstance(o, Page) and o.content
                                      and not o.file.src_uri.startswith("briefings/")),
                  "briefing_pages": sum(1 for o in gc.get_objects() if isinstance(o, Page)
                                        and o.file.src_uri.startswith("briefings/")),
                  "full": sum(1 for s in held if s.speakers or s.outlets or s.participants or s.topics or s.others),
                  "briefings": len(plugin._briefing_pages), "parts": sum(1 for o in gc.get_objects() if isinstance(o, Part)),
                  "contents_waiting": len(plugin._contents._at)}


real_files = hooks.ArchivePlugin.on_files


def on_files(self, files, *, config):
    files = real_files(self, files, config=config)
    pages = [f for f in files.documentation_pages() if f.generated_by]
    seen["made"] = {"pages": len(pages), "in_files": sum(1 for f in pages if Path(f.abs_src_path).is_file()),
                    "held": sum(len(f._content) for f in pages if getattr(f, "_content", None) is not None),
                    "folder": str(self._pages_dir)}
    return files


def on_env(self, env, *, config, files):
    look(self, "read")  # every page read, none written
    return real_env(self, env, config=config, files=files)


def post_page(self, output, *, page, config):
    if page.file.src_uri.startswith("briefings/") and "writing" not in seen:
        look(self, "writing")
    return real_post_page(self, output, page=page, config=config)


real_add = hooks.ArchivePlugin._add


def add(self, *args, **kwargs):
    if "adding" not in seen:
        look(self, "adding")  # MkDocs' files being made: the pages of many briefings are made
    return real_add(self, *args, **kwargs)


hooks.ArchivePlugin.on_files = on_files
hooks.ArchivePlugin._add = add
hooks.ArchivePlugin.on_env = on_env
hooks.ArchivePlugin.on_post_page = post_page
""" + _BUILD.format(result="seen")


def test_a_build_writing_pages_holds_no_summary_but_what_the_pages_read(tmp_path: Path) -> None:
    """Once the pages listing many briefings are made, a build keeps of each briefing what its page reads (its
    entry, slug, date, turns): not its speakers, outlets, participants or topics, and no second copy in the
    loader (a preview's, kept for its next load with its transcripts' keys); the listings of speaker, outlet and
    topic pages (their parts of briefings' cache entries) wait in a temporary file until their page is written. At 10,000 briefings
    these were 67 and 26 MB of the 335 MB MkDocs' process peaked at. The generated pages' Markdown waits in files
    until MkDocs reads each page (35 MB at 10,000 briefings, held at the peak), in a folder the build removes.
    A page's content waits in a temporary file from when MkDocs makes it until its template is rendered (MkDocs makes
    every page's before it writes the first: 23 MB at 10,000 briefings), and a page written lets go of it.
    MkDocs keeps no page of a briefing: each is made as it is written and let go (17–18 MB of MkDocs' process at 10,000 briefings).
    A second transcript makes two summaries of the kind to look for."""
    project = copy_project(tmp_path / "project")
    (project / "content" / "briefings" / SECOND).write_text(TEXT, encoding="utf-8")
    seen = _built_seeing(_HELD, project, tmp_path / "site")
    made = seen["made"]
    assert made["pages"] > 10 and made["in_files"] == made["pages"] and made["held"] == 0, made
    assert not Path(made["folder"]).exists()
    assert seen["adding"]["full"] == 0, seen  # let go once the pages listing many briefings are made
    for when in ("read", "writing"):
        assert seen[when]["briefings"] == 2 and seen[when]["summaries"] >= 2, when
        assert seen[when]["full"] == 0 and seen[when]["kept_by_loader"] == 0, when
        assert seen[when]["parts"] == 0, when
    # the pages MkDocs reads hold no content: it waits in a temporary file until the page's template is rendered…
    assert seen["read"]["with_content"] == 0 and seen["read"]["contents_waiting"] > 10, seen
    assert seen["writing"]["with_content"] == 0 and seen["writing"]["contents_waiting"] == 0, seen  # …all written
    # MkDocs holds no page of a briefing: each is made when it is written, one at a time (`briefing_pages.py`)
    assert seen["read"]["briefing_pages"] == 0 and seen["writing"]["briefing_pages"] == 1, seen


_FORKS = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from generator.plugin import hooks, writers

project, site = sys.argv[1:3]
events = []
real_start, real_publish = writers.Children.start, hooks.Loader.publish


def start(self, name, *args):
    events.append(["fork", name])
    return real_start(self, name, *args)


def publish(self, *args, **kwargs):
    events.append(["load"])
    return real_publish(self, *args, **kwargs)


writers.Children.start = start
hooks.Loader.publish = publish
""" + _BUILD.format(result="events")


def test_the_open_data_child_is_forked_before_the_archive_is_loaded(tmp_path: Path) -> None:
    """The child writing the open data is forked before the archive is loaded (and sent the briefings once they
    are): forked after, it started with every page of its parent's memory (121 MB at 10,000 briefings). The data
    it writes is the same (`tests/test_data.py`)."""
    project = copy_project(tmp_path / "project")
    events = _built_seeing(_FORKS, project, tmp_path / "site")
    assert ["fork", "open-data"] in events and ["load"] in events, events
    assert events.index(["fork", "open-data"]) < events.index(["load"]), events
    assert (tmp_path / "site" / "data" / "briefings.json").is_file()


def test_a_killed_builds_pages_folder_goes_and_a_running_ones_stays(tmp_path: Path) -> None:
    """The folder of generated pages a build killed outright left behind (SIGKILL cannot be caught) is removed when
    the next build makes its own; that of a build still running (another project's) stays, and so does any folder
    not named by this rule (a prefix alike: the offline index's folder beside the search index's)."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    killed = tmp_path / f"archive-pages-{gone}-x1"
    running = tmp_path / f"archive-pages-{os.getpid()}-x2"
    unnamed = tmp_path / "archive-pages-abc123"
    alike = tmp_path / f"archive-search-offline-{gone}-x3"
    for folder in (killed, running, unnamed, alike):
        (folder / "briefings").mkdir(parents=True)
        (folder / "briefings" / "a.md").write_text("# A\n", encoding="utf-8")
    made = temporary_folder(PREFIX, tmp_path)
    assert not killed.exists()
    assert running.exists() and unnamed.exists() and made.is_dir()
    assert made.name.startswith(f"archive-pages-{os.getpid()}-")
    temporary_folder("archive-search-", tmp_path)
    assert alike.exists()  # "offline-…" is no process id
    temporary_folder("archive-search-offline-", tmp_path)
    assert not alike.exists()
