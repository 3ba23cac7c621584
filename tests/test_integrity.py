"""Atomic, reproducible builds: a failed or interrupted build (SIGINT, SIGTERM) leaves the previous
site and offline zip byte-identical and no staging folder behind; a build killed outright (SIGKILL) leaves
the build cache whole; two builds of one project never run at once; the same input gives the same bytes,
from a cold cache or a warm one."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED, build_site, copy_project
from sitecrawl import set_search_engine

from generator.cache import Store
from generator.enrich.loader import Loader
from generator.processes import MIN_ITEMS, cpus
from generator.site.offline_zip import remove_stale

pytestmark = pytest.mark.build

COPIES = 40
"""Seed copies in the archive an interrupt test builds: cold, its pages take seconds to write."""


def outputs_digest(project: Path) -> dict[str, str]:
    """sha256 of every file in `site/` and `dist/` (the offline zip), by path."""
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("site", "dist") if (project / folder).is_dir()
            for p in sorted((project / folder).rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    """Staging folders and temporary zips a build left beside its outputs."""
    return sorted(p.name for folder in (project, project / "dist") if folder.is_dir()
                  for p in folder.iterdir() if p.name.startswith(".") and ("staging" in p.name or p.suffix == ".tmp"
                                                                           or "previous" in p.name))


def _built(project: Path) -> dict[str, str]:
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    digest = outputs_digest(project)
    assert any(name.startswith("dist/") and name.endswith(".zip") for name in digest), sorted(digest)[:5]
    return digest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


PAUSE_HOOK = """
import os, time
from pathlib import Path

def on_post_page(output, page, config):
    marker = os.environ.get("PAUSE_MARKER")
    if marker and page.file.src_uri.startswith("briefings/") and not Path(marker).exists():
        Path(marker).write_text("paused")
        deadline = time.monotonic() + 300
        while not Path(marker + ".go").exists() and time.monotonic() < deadline:
            time.sleep(0.02)  # a signal lands here: the build is midway, whatever the machine's load
    return output
"""
"""A MkDocs hook the interrupt tests add to their project: with `PAUSE_MARKER` set, the build stops after
rendering its first briefing page (pages written, search index and zip still to come), writes the marker
file and waits until `<marker>.go` exists. Without it, the hook does nothing."""


@pytest.fixture(scope="module")
def large_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("large") / "project")
    text = SEED.read_text(encoding="utf-8")
    for n in range(COPIES):
        (project / "content" / "briefings" / f"2022-10-13-copy-{n:03}.txt").write_text(text, encoding="utf-8")
    (project / "pause_hook.py").write_text(PAUSE_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - pause_hook.py\n", encoding="utf-8")
    return project


def test_build_failing_at_the_end_keeps_site_and_zip(project: Path) -> None:
    """A strict build that fails after writing its whole staging site (a broken link) changes neither site nor zip."""
    before = _built(project)
    (project / "content" / "pages" / "broken.md").write_text("# Broken\n\n[x](nowhere.md)\n", encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert outputs_digest(project) == before
    assert leftovers(project) == []


def start_build(project: Path, pause: Path | None = None) -> subprocess.Popen[bytes]:
    """`mkdocs build --strict` of `project`, started; with `pause`, it stops midway (`PAUSE_HOOK`)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if pause is not None:
        env["PAUSE_MARKER"] = str(pause)
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def wait_until_paused(project: Path, process: subprocess.Popen[bytes], marker: Path) -> None:
    """Wait until the build started with `pause=marker` stops midway: a briefing page rendered and the
    staging folder being filled, the search index and the zip still to come."""
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert process.poll() is None, process.stdout.read().decode()  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the build rendered no briefing page in 300 s"
        time.sleep(0.01)
    assert any(project.glob(".site-staging-*")), "the paused build has no staging folder"
    assert process.poll() is None


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_build_keeps_site_and_zip(large_project: Path, tmp_path: Path, signum: int) -> None:
    """A build stopped by SIGINT or SIGTERM midway (paused by `PAUSE_HOOK` while it writes its pages, so
    the signal cannot come too late however loaded the machine) leaves site and zip byte-identical and no
    staging folder."""
    if not (large_project / "site").exists():
        _built(large_project)
    before = outputs_digest(large_project)
    (large_project / "content" / "briefings" / "2022-10-14-new.txt").write_text(
        SEED.read_text(encoding="utf-8"), encoding="utf-8")  # the interrupted build would change the site
    shutil.rmtree(large_project / ".cache")
    marker = tmp_path / "paused"
    process = start_build(large_project, pause=marker)
    try:
        wait_until_paused(large_project, process, marker)
        process.send_signal(signum)
        output = process.communicate(timeout=120)[0].decode()
    finally:
        if process.poll() is None:
            process.kill()
    (large_project / "content" / "briefings" / "2022-10-14-new.txt").unlink()
    assert process.returncode != 0, output
    assert outputs_digest(large_project) == before
    assert leftovers(large_project) == [], output


def cache_entries(project: Path) -> list[Path]:
    return sorted(p for p in (project / ".cache" / "archive").rglob("*") if p.is_file() and ".tmp" not in p.name)


def test_killed_build_leaves_the_cache_whole_and_the_next_build_right(large_project: Path, tmp_path: Path) -> None:
    """A build with a warm cache killed outright (SIGKILL, nothing can clean up) midway through writing new
    entries: every entry left reads back whole (written atomically), the lock is free, and the next build
    gives the very bytes a build from no cache gives."""
    if not (large_project / "site").exists():
        _built(large_project)
    for n in range(0, COPIES, 2):  # half the briefings change: the killed build writes new entries
        path = large_project / "content" / "briefings" / f"2022-10-13-copy-{n:03}.txt"
        path.write_text(path.read_text(encoding="utf-8").replace("good afternoon", "good evening", 1), encoding="utf-8")
    marker = tmp_path / "paused"
    process = start_build(large_project, pause=marker)
    try:
        wait_until_paused(large_project, process, marker)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    time.sleep(0.5)  # forked children notice their parent is gone
    store = Store.under(large_project / ".cache")
    assert all(store.has(entry.name) for entry in cache_entries(large_project))
    warm = outputs_digest_after_build(large_project)
    cold = copy_without(large_project, tmp_path / "cold", ".cache", "site", "dist")
    assert outputs_digest_after_build(cold) == warm
    assert leftovers(large_project) == []


def outputs_digest_after_build(project: Path) -> dict[str, str]:
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return outputs_digest(project)


def copy_without(project: Path, dest: Path, *names: str) -> Path:
    shutil.copytree(project, dest, ignore=lambda folder, found: [n for n in found if Path(folder) == project
                                                                 and (n in names or n.startswith("."))])
    return dest


def test_a_second_build_at_once_is_refused(large_project: Path, tmp_path: Path) -> None:
    """While a build of a project runs, a second build of it is refused at once with a message saying so,
    and changes nothing; the first completes and swaps its site in."""
    shutil.rmtree(large_project / ".cache", ignore_errors=True)
    marker = tmp_path / "paused"
    first = start_build(large_project, pause=marker)
    try:
        wait_until_paused(large_project, first, marker)
        second = build_site(large_project, large_project / "site")
        Path(f"{marker}.go").touch()
        output = first.communicate(timeout=600)[0].decode()
    finally:
        if first.poll() is None:
            first.kill()
    assert second.returncode != 0
    assert "another build of this project is running (mkdocs build, pid" in second.stderr, second.stderr
    assert first.returncode == 0, output
    assert leftovers(large_project) == []


def test_cold_and_warm_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    """A build from no cache (CI, a fresh clone) and one reusing the cache give the same bytes, pages, search
    index (sharded), open data and zip, before and after a transcript is edited; the warm build renders
    no page again but the edited briefing's and the lists it is on."""
    assert set_search_engine(project, "sharded")
    cold = _built(project)
    assert _built(project) == cold
    edited = project / "content" / "briefings" / SEED.name
    edited.write_text(edited.read_text(encoding="utf-8").replace("good afternoon", "good evening", 1),
                      encoding="utf-8")
    warm = _built(project)
    assert warm != cold
    fresh = copy_without(project, tmp_path / "fresh", ".cache", "site", "dist")
    assert _built(fresh) == warm
    pages = [p for p in cache_entries(project)]
    assert len(pages) < 2 * len(cache_entries(fresh))


COUNT_HOOK = """
import markdown
from pathlib import Path

_convert = markdown.Markdown.convert
converted = []


def convert(self, source):
    converted.append(source.splitlines()[0] if source else "")
    return _convert(self, source)


markdown.Markdown.convert = convert


def on_post_build(config):
    Path(config.config_file_path).with_name("converted.txt").write_text(str(len(converted)))


import sys

import generator.site.published as published
import generator.site.search_index as search_index

_indexed = search_index.indexed


def indexed(briefing, *args, **kwargs):  # runs in a loading worker or the index's child: appends to a file
    with open(Path(__file__).with_name("indexed.txt"), "a", encoding="utf-8") as log:
        log.write(briefing.slug + " " + sys._getframe(1).f_code.co_name + "\\n")  # by whom: publish, or make
    return _indexed(briefing, *args, **kwargs)


search_index.indexed = published.indexed = indexed
"""


def test_a_warm_build_converts_only_the_pages_that_changed(project: Path) -> None:
    """The Markdown of a briefing, speaker or topic page found in the cache is not converted again (what
    MkDocs made of it comes from the cache), and the site is the same; after an edit, the edited briefing's
    page and the lists it is on are converted, not the whole archive. The search index tokenises a briefing
    once: a warm build none, a build after an edit the edited one only."""
    for n in range(1, 6):
        copy = project / "content" / "briefings" / f"2022-10-{13 + n}-copy-{n}.txt"
        copy.write_text((project / "content" / "briefings" / SEED.name).read_text(encoding="utf-8"),
                        encoding="utf-8")
    (project / "count_hook.py").write_text(COUNT_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - count_hook.py\n", encoding="utf-8")

    def converted() -> int:
        return int((project / "converted.txt").read_text())

    def indexed(by: str = "") -> list[str]:
        log = project / "indexed.txt"
        found = [line.split() for line in log.read_text(encoding="utf-8").splitlines()] if log.is_file() else []
        log.unlink(missing_ok=True)
        return [slug for slug, caller in found if not by or caller == by]

    cold = _built(project)
    cold_count = converted()
    assert len(indexed("publish")) == 6  # as each briefing is published: the index's child reads it then
    assert _built(project) == cold
    assert indexed() == []
    warm_count = converted()
    cached = 6 + len([p for p in (project / "site" / "speakers").glob("*.html") if p.name != "index.html"])
    assert cold_count - warm_count >= cached  # no briefing or speaker page converted again
    edited = project / "content" / "briefings" / "2022-10-14-copy-1.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("good afternoon", "good evening", 1),
                      encoding="utf-8")
    assert _built(project) != cold
    assert warm_count < converted() <= cold_count - 5  # the five other briefings stay cached
    assert indexed() == ["2022-10-14-copy-1"]


def test_stale_staging_folder_is_removed_by_the_next_build(project: Path) -> None:
    """A staging folder left by a killed build (SIGKILL cannot be caught) is removed by the next build."""
    stale = project / ".site-staging-killed"
    (stale / "briefings").mkdir(parents=True)
    (stale / "briefings" / "half.html").write_text("<p>half", encoding="utf-8")
    _built(project)
    assert not stale.exists()
    assert leftovers(project) == []


def test_a_killed_builds_temporary_zip_goes_and_a_running_ones_stays(tmp_path: Path) -> None:
    """The temporary zip a killed build left beside the bundle is removed by the next build; one that a running
    build (of another project writing to the same folder) is writing is left alone."""
    target = tmp_path / "dist" / "archive-offline.zip"
    target.parent.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    killed = target.parent / f".{target.name}-{gone}-x1.tmp"
    older = target.parent / f".{target.name}-abc123.tmp"  # named as builds before this rule named them
    running = target.parent / f".{target.name}-{os.getpid()}-x2.tmp"
    for path in (killed, older, running):
        path.write_bytes(b"PK half")
    remove_stale(target)
    assert not killed.exists() and not older.exists()
    assert running.exists()


@pytest.mark.parametrize("engine", ["material", "sharded"])
def test_two_builds_are_byte_identical_and_dated_by_content(project: Path, tmp_path: Path, engine: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds of one input, in different folders and processes with different hash seeds (set
    iteration order), give identical site, search index (Material's or the sharded one), sitemap and
    zip; the sitemap's dates are the newest briefing's date, not the day of the build."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = copy_project(tmp_path / "again")
    digests = []
    for folder, hash_seed in ((project, "1"), (again, "2")):
        assert set_search_engine(folder, engine)
        monkeypatch.setenv("PYTHONHASHSEED", hash_seed)
        digests.append(_built(folder))
    assert digests[0] == digests[1]
    index = "site/search/archive/manifest.js" if engine == "sharded" else "site/search/search_index.json"
    assert index in digests[0]
    newest = max(b.date for b in Loader().load(project / "content", project).briefings)
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (project / "site" / "sitemap.xml").read_text()))
    assert lastmods == {newest.isoformat()}


def test_a_build_removes_the_cache_of_other_generator_versions(project: Path) -> None:
    """After the generator changes, its old cache entries are never read again: a build removes their folder
    (while it loads) and gives the same site as a build without it; its own entries stay."""
    clean = _built(project)
    old = project / ".cache" / "archive" / "0123456789abcdef" / "ab"
    old.mkdir(parents=True)
    (old / ("ab" + "0" * 62)).write_bytes(b"an entry of another version")
    assert _built(project) == clean
    assert not old.parent.exists() and cache_entries(project)


WHO_LOADS_HOOK = """
import os
from pathlib import Path

import generator.site.published as published

_indexed = published.indexed
LOG = Path(__file__).with_name("loaded-by.txt")


def on_config(config):
    LOG.write_text(f"build {os.getpid()}\\n", encoding="utf-8")


def indexed(briefing, *args, **kwargs):  # as each briefing is published: in which process
    with LOG.open("a", encoding="utf-8") as log:
        log.write(f"{briefing.slug} {os.getpid()}\\n")
    return _indexed(briefing, *args, **kwargs)


published.indexed = indexed
"""


def test_a_large_cold_build_loads_on_every_core_and_its_index_child_tokenises_nothing(tmp_path: Path) -> None:
    """An archive of enough briefings, built cold with an earlier version's cache to remove: the briefings are
    published (and tokenised for the search index) by worker processes, not by the build alone, although a
    child removes the old cache meanwhile; the index's child then has nothing left to tokenise."""
    if not sys.platform.startswith("linux") or cpus() < 2:  # the build's own process forks
        pytest.skip("the loading runs in one process here")
    project = copy_project(tmp_path / "project")
    text = SEED.read_text(encoding="utf-8")
    for n in range(MIN_ITEMS):
        (project / "content" / "briefings" / f"2022-10-13-copy-{n:03}.txt").write_text(text, encoding="utf-8")
    old = project / ".cache" / "archive" / "0123456789abcdef" / "ab"
    old.mkdir(parents=True)
    (old / ("ab" + "0" * 62)).write_bytes(b"an entry of another version")
    (project / "who_loads.py").write_text(WHO_LOADS_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - who_loads.py\n", encoding="utf-8")
    _built(project)
    lines = [line.split() for line in (project / "loaded-by.txt").read_text(encoding="utf-8").splitlines()]
    build = {pid for slug, pid in lines if slug == "build"}
    by = [pid for slug, pid in lines if slug != "build"]
    assert len(by) == MIN_ITEMS + 1  # every briefing once, none again by the index's child
    assert len(set(by)) >= 2 and not set(by) & build
    assert not old.parent.exists()
