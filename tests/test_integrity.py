"""Atomic, reproducible builds: a failed or interrupted build (SIGINT, SIGTERM) leaves the previous
site and offline zip byte-identical and no staging folder behind; the same input gives the same bytes."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED, build_site, copy_project
from sitecrawl import set_search_engine

from generator.enrich.loader import Loader

pytestmark = pytest.mark.build

COPIES = 12
"""Seed copies in the archive an interrupt test builds: enough for the build to take a few seconds."""


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


@pytest.fixture(scope="module")
def large_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("large") / "project")
    text = SEED.read_text(encoding="utf-8")
    for n in range(COPIES):
        (project / "content" / "briefings" / f"2022-10-13-copy-{n:03}.txt").write_text(text, encoding="utf-8")
    return project


def test_build_failing_at_the_end_keeps_site_and_zip(project: Path) -> None:
    """A strict build that fails after writing its whole staging site (a broken link) changes neither site nor zip."""
    before = _built(project)
    (project / "content" / "pages" / "broken.md").write_text("# Broken\n\n[x](nowhere.md)\n", encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert outputs_digest(project) == before
    assert leftovers(project) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_build_keeps_site_and_zip(large_project: Path, signum: int) -> None:
    """A build stopped by SIGINT or SIGTERM midway leaves site and zip byte-identical and no staging folder."""
    if not (large_project / "site").exists():
        _built(large_project)
    before = outputs_digest(large_project)
    (large_project / "content" / "briefings" / "2022-10-14-new.txt").write_text(
        SEED.read_text(encoding="utf-8"), encoding="utf-8")  # the interrupted build would change the site
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
                               cwd=large_project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not list(large_project.glob(".site-staging-*")) and time.monotonic() < deadline:
            assert process.poll() is None, process.stdout.read().decode()  # type: ignore[union-attr]
            time.sleep(0.01)
        time.sleep(0.3)  # midway: the pages are being generated
        assert process.poll() is None, "the build finished before it could be interrupted"
        process.send_signal(signum)
        output = process.communicate(timeout=120)[0].decode()
    finally:
        if process.poll() is None:
            process.kill()
    (large_project / "content" / "briefings" / "2022-10-14-new.txt").unlink()
    assert process.returncode != 0, output
    assert outputs_digest(large_project) == before
    assert leftovers(large_project) == [], output


def test_stale_staging_folder_is_removed_by_the_next_build(project: Path) -> None:
    """A staging folder left by a killed build (SIGKILL cannot be caught) is removed by the next build."""
    stale = project / ".site-staging-killed"
    (stale / "briefings").mkdir(parents=True)
    (stale / "briefings" / "half.html").write_text("<p>half", encoding="utf-8")
    _built(project)
    assert not stale.exists()
    assert leftovers(project) == []


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
