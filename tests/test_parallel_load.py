"""A large load runs in worker processes (`generator/pool.py`) and gives what one process gives:
the same briefings in the same order, the same errors, the same lock files and log messages."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from generator import processes as pool
from generator.enrich.loader import Loader
from generator.enrich.locks import LOCK_SUFFIX
from generator.errors import GeneratorError
from generator.model import Archive
from tests.conftest import CORPUS, ROOT, SEED

DEV = CORPUS / "dev"
NOT_A_TRANSCRIPT = "dos-2022-07-13-public-schedule-NOT-A-TRANSCRIPT.txt"
TRANSCRIPTS = sorted(p for p in DEV.glob("*.txt") if p.name != NOT_A_TRANSCRIPT)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="worker processes are forked on Linux only")


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, int]]:
    """Each `pool.run` as (function, items, processes). Two processes even on one core, and forked even
    when a session fixture left a thread running (a browser test's web server)."""
    calls: list[tuple[str, int, int]] = []
    real = pool.run

    def spy(func: Callable[[Any, Any], object], items: Any, shared: object, processes: int,
            progress: Callable[[int], None] | None = None) -> list[object]:
        calls.append((func.__name__, len(items), processes))
        return real(func, items, shared, processes, progress)

    monkeypatch.setattr(pool, "run", spy)
    monkeypatch.setattr(pool, "cpus", lambda: 2)
    monkeypatch.setattr(pool, "can_fork", lambda: True)
    return calls


def _project(dest: Path, extra: Callable[[Path], None] | None = None) -> Path:
    """A content folder with the corpus's transcripts (new locks to write), the seed and its lock, and
    the project's speakers and topics; `extra` adds to it."""
    briefings = dest / "content" / "briefings"
    briefings.mkdir(parents=True)
    for source in TRANSCRIPTS:
        shutil.copy2(source, briefings / source.name)
    shutil.copy2(SEED, briefings / SEED.name)
    shutil.copy2(SEED.with_name(SEED.stem + LOCK_SUFFIX), briefings / (SEED.stem + LOCK_SUFFIX))
    for name in ("speakers.yml", "topics.yml"):
        shutil.copy2(ROOT / "content" / name, dest / "content" / name)
    if extra is not None:
        extra(briefings)
    return dest / "content"


def _errors(archive: Archive) -> list[tuple[type, str, str, int | None, str]]:
    return [(type(e), str(e), e.path, e.line, e.fragment) for e in archive.errors]


def _locks(content: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((content / "briefings").glob("*" + LOCK_SUFFIX))}


def _both(tmp_path: Path, caplog: pytest.LogCaptureFixture, runs: list[tuple[str, int, int]],
          extra: Callable[[Path], None] | None = None) -> tuple[Archive, Archive]:
    """The same project loaded in one process and in worker processes (each in a copy of its own,
    as the first load writes locks); their locks and log messages must be the same too."""
    serial_content = _project(tmp_path / "serial", extra)
    parallel_content = _project(tmp_path / "parallel", extra)
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.generator")
    serial = Loader().load(serial_content, tmp_path / "serial")
    serial_log = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert runs == []
    caplog.clear()
    parallel = Loader(parallel_from=1).load(parallel_content, tmp_path / "parallel")
    parallel_log = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert [name for name, _, _ in runs] == ["_parse_one", "_lock_and_annotate"]
    assert all(processes == 2 for _, _, processes in runs)
    assert parallel_log == serial_log
    assert _locks(parallel_content) == _locks(serial_content)
    return serial, parallel


def test_worker_processes_load_what_one_process_loads(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                      runs: list[tuple[str, int, int]]) -> None:
    """Real transcripts, locked for the first time: equal archives, locks and "anchor lock … written" lines."""
    serial, parallel = _both(tmp_path, caplog, runs)
    assert len(serial.briefings) == len(TRANSCRIPTS) + 1 and serial.errors == ()
    assert parallel.briefings == serial.briefings
    assert [b.source for b in parallel.briefings] == sorted(b.source for b in parallel.briefings)
    assert parallel.people == serial.people and parallel.topics == serial.topics
    assert sum("anchor lock" in r.getMessage() and "written" in r.getMessage() for r in caplog.records) \
        == len(serial.briefings) - 1  # the seed's committed lock is kept


def _break(briefings: Path) -> None:
    """The corpus's public schedule (no speaker labels), a file with a NUL in it, a second file
    claiming a taken slug, and a damaged lock."""
    shutil.copy2(DEV / NOT_A_TRANSCRIPT, briefings / NOT_A_TRANSCRIPT)
    (briefings / "2021-03-02-binary.txt").write_bytes(b"MR PRICE: Good afternoon.\x00\x01\n")
    first = sorted(briefings.glob("dos-*.txt"))[0]
    text = first.read_text(encoding="utf-8")
    (briefings / "zz-duplicate.txt").write_text(f"---\nslug: {first.stem}\n---\n{text}", encoding="utf-8")
    (briefings / (SEED.stem + LOCK_SUFFIX)).write_text("{ not json", encoding="utf-8")


def test_broken_transcripts_are_reported_alike(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                               runs: list[tuple[str, int, int]]) -> None:
    """Parse errors, a refused duplicate slug and a damaged lock: the same errors, of the same classes,
    in the same order, and the other briefings equal."""
    serial, parallel = _both(tmp_path, caplog, runs, _break)
    kinds = {type(e).__name__ for e in serial.errors}
    assert len(serial.errors) == 4 and kinds == {"TranscriptError", "SourceError"}, _errors(serial)
    assert _errors(parallel) == _errors(serial)
    assert all(isinstance(e, GeneratorError) and e.location for e in parallel.errors)
    assert parallel.briefings == serial.briefings


def test_after_a_parallel_load_unchanged_transcripts_are_not_reloaded(
        tmp_path: Path, runs: list[tuple[str, int, int]]) -> None:
    """The loader's caches hold what the workers made: a second load returns the very same objects and
    starts no process; an edit reloads that one transcript, in this process."""
    content = _project(tmp_path)
    loader = Loader(parallel_from=1)
    first = loader.load(content, tmp_path)
    assert len(runs) == 2
    again = loader.load(content, tmp_path)
    assert all(a is b for a, b in zip(first.briefings, again.briefings, strict=True))
    edited = content / "briefings" / SEED.name
    edited.write_text(edited.read_text(encoding="utf-8").replace("Thank you", "Thanks", 1), encoding="utf-8")
    after = loader.load(content, tmp_path)
    assert len(runs) == 2
    assert [a is b for a, b in zip(first.briefings, after.briefings, strict=True)].count(False) == 1
    assert after.briefings == Loader().load(content, tmp_path).briefings


def test_a_renamed_transcript_still_finds_its_lock(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                   runs: list[tuple[str, int, int]]) -> None:
    """A lock whose transcript is gone may be adopted by any briefing: that load locks in one process."""
    content = _project(tmp_path)
    Loader(parallel_from=1).load(content, tmp_path)
    (content / "briefings" / SEED.name).rename(content / "briefings" / "2022-10-13-security-dialogue.txt")
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.generator")
    archive = Loader(parallel_from=1).load(content, tmp_path)
    assert [name for name, _, _ in runs] == ["_parse_one", "_lock_and_annotate", "_parse_one"]
    renamed = next(b for b in archive.briefings if b.slug == "2022-10-13-security-dialogue")
    assert renamed.former_slugs == (SEED.stem,)
    assert any("adopted by a renamed transcript" in r.getMessage() for r in caplog.records)


def test_small_loads_stay_in_one_process(tmp_path: Path, runs: list[tuple[str, int, int]]) -> None:
    """Under the threshold (`pool.MIN_ITEMS` by default) no process is started."""
    content = _project(tmp_path)
    assert len(list((content / "briefings").glob("*.txt"))) < pool.MIN_ITEMS
    Loader().load(content, tmp_path)
    assert runs == []
    assert pool.workers(pool.MIN_ITEMS - 1) == 0 and pool.workers(pool.MIN_ITEMS) == 2


def _fail(_: object, item: int) -> int:
    if item == 5:
        raise ValueError("item 5")
    if item == 9:
        os._exit(3)  # a worker dying (killed, out of memory)
    return item * 2


def test_a_worker_failure_is_raised_not_hung() -> None:
    """An exception in the work is raised in the parent; a worker that dies breaks the pool."""
    assert pool.run(_fail, range(5), None, 2) == [0, 2, 4, 6, 8]
    with pytest.raises(ValueError, match="item 5"):
        pool.run(_fail, range(9), None, 2)
    with pytest.raises(BrokenProcessPool):
        pool.run(_fail, [0, 9, 1, 2], None, 2)


def test_a_parallel_publish_hands_back_no_briefing(tmp_path: Path, runs: list[tuple[str, int, int]],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """What the workers hand back, and the build holds for every transcript until all slugs are checked,
    is the entry, the slug and the lock to write: never the briefing (in the cache already). Holding the
    briefings took a cold build of 10,000 to 2.4 GB. The locks are still written once the briefings are kept."""
    import pickle

    from generator.cache import Store
    from generator.site.published import Settings, SitePublisher

    handed: list[int] = []
    spied = pool.run

    def weigh(func: Callable[[Any, Any], object], items: Any, shared: object, processes: int,
              progress: Callable[[int], None] | None = None) -> list[object]:
        results = spied(func, items, shared, processes, progress)
        handed.extend(len(pickle.dumps(r)) for r in results)
        return results

    monkeypatch.setattr(pool, "run", weigh)
    content = _project(tmp_path)
    published = Loader(parallel_from=2).publish(content, tmp_path, Store.under(tmp_path / ".cache"),
                                                SitePublisher(Settings("A", "")))
    assert [name for name, _, _ in runs] == ["_publish_one"] and len(handed) == len(published.loaded) > 5
    locks = [p.with_name(p.stem + LOCK_SUFFIX) for p in (content / "briefings").glob("*.txt")]
    assert all(lock.is_file() for lock in locks)
    written = sum(lock.stat().st_size for lock in locks)  # new locks: what a first build must hand back
    assert sum(handed) < written + 1024 * len(handed)  # with the briefings it was more than twice that
