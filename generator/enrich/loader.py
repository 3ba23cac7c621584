"""Loading the whole archive from `content/`: every briefing parsed, bad files reported, not fatal.

Two ways. `Loader.load` gives the whole `Archive` in memory (checks, `generator pages`, tests).
`Loader.publish`, what a build uses, never holds more than one briefing per process: each transcript is
parsed, locked and annotated and handed to a `Publisher`, which makes the briefing's parts of the site and
stores them in the build cache (`generator/cache.py`) under a key made of everything they come from (the
transcript's name and bytes, its anchor lock, `speakers.yml`, `outlets.yml`, `topics.yml`, the publisher's
settings); the load returns each briefing's summary. A transcript whose key is in the cache is not parsed at all.

A large load (`processes.MIN_ITEMS` transcripts or more to parse, or to lock and annotate) is spread
over every core (`generator/processes.py`); the result is the same as in one process, in the same order.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, NamedTuple, Protocol, TypeVar

from .. import processes
from ..cache import Store, key
from ..errors import ConfigError, GeneratorError, TranscriptError
from ..model import Archive, Briefing, Outlet, Person, Topic
from ..read.parse import parse
from ..read.source import read_source
from ..text import plural
from .annotate import annotate, load_config
from .locks import LockWrite, has_orphaned_locks, lock_briefings, lock_one, lock_path, orphaned_locks, plan_lock
from .registry import Registry
from .topics import Vocabulary

log = logging.getLogger("mkdocs.plugins.generator")

TRANSCRIPT_SUFFIXES = (".txt", ".md", ".markdown")
CONFIG_FILES = ("speakers.yml", "outlets.yml", "topics.yml")
"""The configuration a briefing is annotated with: part of every cache entry's key."""

Stamp = tuple[int, int]
"""A file's modification time (ns) and size: what says it changed since the last load."""


class Parsed(NamedTuple):
    """A transcript's parse, for as long as its file is unchanged."""

    stamp: Stamp
    result: Briefing | GeneratorError


class Config(NamedTuple):
    """`speakers.yml` and `topics.yml`, for as long as no YAML file of the content folder changed."""

    stamps: tuple[tuple[str, Stamp | None], ...]
    registry: Registry
    vocabulary: Vocabulary
    errors: list[ConfigError]


class Finished(NamedTuple):
    """A transcript as published, and what it was made from: reused while all of them are the same."""

    parsed: Briefing
    lock: Stamp | None
    registry: Registry
    vocabulary: Vocabulary
    briefing: Briefing


class Slugged(Protocol):
    """A briefing's summary, as the loader needs it: its slug (two briefings may not share one)."""

    @property
    def slug(self) -> str: ...


S = TypeVar("S", bound=Slugged)
S_co = TypeVar("S_co", bound=Slugged, covariant=True)


class Publisher(Protocol[S_co]):
    """Makes a briefing's entry in the build cache, and reads its summary back."""

    def settings(self) -> str:
        """A digest of what the entries depend on besides the transcript and the configuration."""
        ...

    def publish(self, briefing: Briefing, topics: tuple[Topic, ...], people: tuple[Person, ...],
                outlets: tuple[Outlet, ...], entry: str) -> dict[str, bytes]:
        """The parts of the entry `entry` for `briefing` (as published: locked, annotated, with the vocabulary's
        `topics` and the registry's `people` and `outlets`)."""
        ...

    def summary(self, store: Store, entry: str) -> S_co:
        ...


@dataclass(frozen=True)
class Loaded(Generic[S]):
    """A transcript in the build cache: its file, its entry's key and its summary."""

    path: Path
    entry: str
    summary: S


@dataclass(frozen=True)
class Published(Generic[S]):
    """What `Loader.publish` found: the briefings' entries in file-name order, the errors of the files kept
    out, and the configuration applied."""

    loaded: list[Loaded[S]]
    errors: tuple[GeneratorError, ...]
    people: tuple[Person, ...]
    topics: tuple[Topic, ...]
    outlets: tuple[Outlet, ...] = ()


class _Task(NamedTuple):
    """A transcript to publish: where it is, how messages name it, and the key its entry would have if its
    lock on disk stays as it is."""

    path: Path
    display: str
    entry: str


class _Done(NamedTuple):
    """A transcript published by a worker: its entry, its slug, and the lock to write once it is kept (not the
    briefing: it is in the cache, and a build publishing 10,000 held them all until the slugs were checked)."""

    entry: str
    slug: str
    locking: LockWrite


class Loader:
    """Parses transcripts, reusing earlier results for files unchanged since (for `mkdocs serve`)."""

    def __init__(self, *, parallel_from: int | None = None, write_locks: bool = True,
                 keep_summaries: bool = True) -> None:
        self.write_locks = write_locks
        """False for previews and checks: anchors are computed as a build would, no lock file is written."""
        self.keep_summaries = keep_summaries
        """Whether `publish` keeps the summaries for the next load (a preview's rebuilds). A build loads once: the
        summaries it kept were all of them, topics included, to the build's end (24 MB of topic counts at 10,000
        briefings, after the plugin had let its own copies' topics go)."""
        self._parallel_from = parallel_from
        """Transcripts needing work from which a load uses worker processes; None: `processes.MIN_ITEMS`."""
        self._cache: dict[Path, Parsed] = {}
        self._config: Config | None = None
        self._finished: dict[Path, Finished] = {}
        self._keys: dict[Path, tuple[tuple[object, ...], _Task]] = {}
        """`publish`: per transcript, its file stamps with the configuration and settings, and its task (kept
        between loads, as the summaries are, only for a preview's)."""
        self._summaries: dict[str, object] = {}
        """`publish`: summaries by entry, kept between loads (for `mkdocs serve`)."""

    def publish(self, content_dir: Path, root: Path | None, store: Store, publisher: Publisher[S]) -> Published[S]:
        """Every transcript under `content_dir/briefings` in the build cache `store`: those found there are
        neither parsed nor rendered; the others are published by `publisher` in worker processes. Locks are
        written (`write_locks`) once the briefing is kept (its slug is its own)."""
        folder = content_dir / "briefings"
        paths = sorted(p for p in folder.rglob("*") if p.suffix in TRANSCRIPT_SUFFIXES and p.is_file()) \
            if folder.is_dir() else []
        config = self._load_config(content_dir, root)
        errors: list[GeneratorError] = list(config.errors)
        setup = key(*(_read(content_dir / name) for name in CONFIG_FILES), publisher.settings())
        tasks = [self._task(path, root, setup) for path in paths]
        todo = [task for task in tasks if not store.has(task.entry)]
        started = time.monotonic()
        done = self._publish_all(todo, folder, store, config, publisher, setup)
        loaded: list[Loaded[S]] = []
        taken: dict[str, Path] = {}
        for task in tasks:
            result = done.get(task.path)
            if isinstance(result, GeneratorError):
                errors.append(result)
                continue
            entry = result.entry if result is not None else task.entry
            summary = self._summary(store, entry, publisher)
            if summary.slug in taken:
                errors.append(TranscriptError(f"slug {summary.slug!r} is already used by {_display(taken[summary.slug], root)}; "
                                              "set 'slug:' in the front matter", path=task.display, line=1))
                continue
            taken[summary.slug] = task.path
            if result is not None and self.write_locks:
                result.locking.commit()
            loaded.append(Loaded(task.path, entry, summary))
        self._summaries = {item.entry: item.summary for item in loaded} if self.keep_summaries else {}
        if not self.keep_summaries:  # a build loads once: the tasks' keys serve no next load (10 MB at 10,000)
            self._keys = {}
        if todo:
            log.info("archive: %s (%s read, %s from the cache; %s refused) in %.1f s", plural(len(loaded), "briefing"),
                     plural(len(todo), "transcript"), f"{len(tasks) - len(todo):,}", f"{len(tasks) - len(loaded):,}",
                     time.monotonic() - started)
        return Published(loaded, tuple(errors), config.registry.people, config.vocabulary.topics,
                         config.registry.outlets.outlets)

    def _task(self, path: Path, root: Path | None, setup: str) -> _Task:
        """The transcript's task; its key is computed again only when the transcript, its lock or the setup changed."""
        stamps = (_file_stamp(path), _stamp(lock_path(path)), setup)
        hit = self._keys.get(path)
        if hit is not None and hit[0] == stamps:
            return hit[1]
        lock = _read(lock_path(path))
        display = _display(path, root)
        task = _Task(path, display, _entry(display, path.read_bytes(), lock, setup))
        self._keys[path] = (stamps, task)
        return task

    def _summary(self, store: Store, entry: str, publisher: Publisher[S]) -> S:
        found = self._summaries.get(entry)
        return found if found is not None else publisher.summary(store, entry)  # type: ignore[return-value]

    def _publish_all(self, todo: list[_Task], folder: Path, store: Store, config: Config,
                     publisher: Publisher[S], setup: str) -> dict[Path, _Done | GeneratorError]:
        """Publish the transcripts not in the cache: in worker processes, or here, in file-name order, when a
        lock whose transcript is gone could be adopted by one of them (which one takes it depends on the order)."""
        orphans = dict.fromkeys(orphaned_locks([task.path for task in todo], folder)) if todo else {}
        shared = _Shared(store, config.registry, config.vocabulary, publisher, setup, _today(), orphans)
        workers = processes.workers(len(todo), self._parallel_from)
        if workers and not orphans:
            results = processes.run(_publish_one, todo, shared, workers, Progress(len(todo)))
        else:
            results = [_publish_one(shared, task) for task in todo]
        return {task.path: result for task, result in zip(todo, results, strict=True)}  # type: ignore[misc]

    def load(self, content_dir: Path, root: Path | None = None) -> Archive:
        """Parse every transcript under `content_dir/briefings`; paths in messages are relative to `root`."""
        folder = content_dir / "briefings"
        paths = sorted(p for p in folder.rglob("*") if p.suffix in TRANSCRIPT_SUFFIXES and p.is_file()) \
            if folder.is_dir() else []
        results = self._parse_all(paths, root)
        self._cache = {p: self._cache[p] for p in paths}
        parsed = [(p, r) for p, r in zip(paths, results, strict=True) if isinstance(r, Briefing)]
        errors: list[GeneratorError] = [r for r in results if isinstance(r, GeneratorError)]
        config = self._load_config(content_dir, root)
        errors.extend(config.errors)
        kept = _unique_slugs(parsed, errors)
        finished = self._finish(kept, folder, config.registry, config.vocabulary, errors)
        return Archive(briefings=tuple(finished[p] for p, _ in kept if p in finished), errors=tuple(errors),
                       people=config.registry.people, topics=config.vocabulary.topics,
                       outlets=config.registry.outlets.outlets)

    def _load_config(self, content_dir: Path, root: Path | None) -> Config:
        """`load_config`, read again only when a YAML file in `content_dir` changed."""
        stamps = tuple((p.name, _stamp(p)) for p in sorted(content_dir.glob("*.y*ml")))
        if self._config is None or self._config.stamps != stamps:
            self._config = Config(stamps, *load_config(content_dir, _display(content_dir, root)))
        return self._config

    def _finish(self, kept: list[tuple[Path, Briefing]], folder: Path, registry: Registry, vocabulary: Vocabulary,
                errors: list[GeneratorError]) -> dict[Path, Briefing]:
        """Locked and annotated briefings; a transcript whose parse, lock and configuration are unchanged
        since the last load is not locked and annotated again (what makes `mkdocs serve` rebuilds fast).
        Many are locked and annotated in worker processes, unless a lock whose transcript is gone could be
        adopted by one of them: which one takes it depends on the order `lock_briefings` goes in."""
        done: dict[Path, Briefing] = {}
        todo: list[tuple[Path, Briefing]] = []
        for path, parsed in kept:
            hit = self._finished.get(path)
            if hit is not None and hit.parsed is parsed and hit.lock == _stamp(lock_path(path)) \
                    and hit.registry is registry and hit.vocabulary is vocabulary:
                done[path] = hit.briefing
            else:
                todo.append((path, parsed))
        workers = processes.workers(len(todo), self._parallel_from)
        if workers and not has_orphaned_locks([path for path, _ in todo], folder):
            finished = processes.run(_lock_and_annotate, range(len(todo)),
                                     (todo, registry, vocabulary, _today(), self.write_locks), workers)
            for (path, _), result in zip(todo, finished, strict=True):
                if isinstance(result, GeneratorError):
                    errors.append(result)
                else:
                    done[path] = result  # type: ignore[assignment]
        else:
            locked, lock_errors = lock_briefings(todo, folder, write=self.write_locks)
            errors.extend(lock_errors)
            by_source = {b.source: b for b in locked}
            for path, parsed in todo:
                if parsed.source in by_source:
                    done[path] = annotate(by_source[parsed.source], registry, vocabulary)
        self._finished = {p: Finished(parsed, _stamp(lock_path(p)), registry, vocabulary, done[p])
                          for p, parsed in kept if p in done}
        return done

    def _parse_all(self, paths: list[Path], root: Path | None) -> list[Briefing | GeneratorError]:
        """Every transcript parsed, or taken from the cache when unchanged since the last load."""
        stamps = {path: _file_stamp(path) for path in paths}
        stale = [path for path in paths if (cached := self._cache.get(path)) is None or cached.stamp != stamps[path]]
        items = [(path, _display(path, root)) for path in stale]
        workers = processes.workers(len(items), self._parallel_from)
        results = processes.run(_parse_one, items, None, workers) if workers \
            else [_parse_one(None, item) for item in items]
        for path, result in zip(stale, results, strict=True):
            assert isinstance(result, (Briefing, GeneratorError))
            self._cache[path] = Parsed(stamps[path], result)
        return [self._cache[path].result for path in paths]


def published(path: Path, content_dir: Path, root: Path | None = None) -> Briefing:
    """One transcript as the archive publishes it: parsed, with the anchors of its lock (none is
    written) and the registry's identities, answer links and topics of `content_dir`.

    Raises the transcript's error, or the first error of `speakers.yml` / `topics.yml`.
    """
    parsed = parse(read_source(path, _display(path, root)))
    registry, vocabulary, errors = load_config(content_dir, _display(content_dir, root))
    if errors:
        raise errors[0]
    return _finished(path, parsed, registry, vocabulary, _today(), write=False)


@dataclass(frozen=True)
class _Shared:
    """What every worker publishing transcripts shares (inherited, not copied, when it is forked)."""

    store: Store
    registry: Registry
    vocabulary: Vocabulary
    publisher: Publisher[Slugged]
    setup: str
    """The digest of the configuration and settings (part of every key)."""
    today: dt.date
    orphans: dict[Path, None]


class Progress:
    """Says how far a long load is, at most every `every` seconds (a cold build of 10,000 briefings reads them
    for six minutes, and MkDocs says nothing meanwhile): `archive: 2,540 of 10,000 transcripts read`."""

    def __init__(self, total: int, every: float = 15.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._total, self._every, self._clock = total, every, clock
        self._next = clock() + every

    def __call__(self, done: int) -> None:
        now = self._clock()
        if done < self._total and now >= self._next:
            self._next = now + self._every
            log.info("archive: %s of %s read", f"{done:,}", plural(self._total, "transcript"))


def _publish_one(shared: _Shared, task: _Task) -> _Done | GeneratorError:
    """In a worker process (or here): one transcript parsed, locked, annotated and published into the store.
    The lock is not written here (`_Done.locking`): a briefing refused for its slug must leave none."""
    try:
        parsed = parse(read_source(task.path, task.display))
        locking = plan_lock(task.path, parsed, shared.orphans, shared.today)
        briefing = annotate(locking.briefing, shared.registry, shared.vocabulary)
    except GeneratorError as exc:
        return exc
    new = locking.lock.new
    entry = task.entry if new is None else _entry(task.display, task.path.read_bytes(), new, shared.setup)
    registry = shared.registry
    shared.store.put(entry, shared.publisher.publish(briefing, shared.vocabulary.topics, registry.people,
                                                     registry.outlets.outlets, entry))
    return _Done(entry, briefing.slug, locking.lock)


def _entry(display: str, transcript: bytes, lock: bytes | None, setup: str) -> str:
    """The key of a transcript's entry: its name, its bytes, its lock's bytes, the configuration and settings."""
    return key("briefing", display, transcript, lock, setup)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _parse_one(_: object, item: tuple[Path, str]) -> Briefing | GeneratorError:
    """A transcript's briefing, or the error that keeps it out (run in a worker process, or here)."""
    path, display = item
    try:
        return parse(read_source(path, display))
    except GeneratorError as exc:
        return exc


def _lock_and_annotate(shared: tuple[list[tuple[Path, Briefing]], Registry, Vocabulary, dt.date, bool],
                       index: int) -> Briefing | GeneratorError:
    """In a worker process: what `lock_briefings` and `annotate` make of one transcript (with no orphaned
    lock to adopt: `Loader._finish` locks in one process when there is one)."""
    todo, registry, vocabulary, today, write = shared
    path, parsed = todo[index]
    try:
        return _finished(path, parsed, registry, vocabulary, today, write=write)
    except GeneratorError as exc:
        return exc


def _finished(path: Path, parsed: Briefing, registry: Registry, vocabulary: Vocabulary, today: dt.date, *,
              write: bool) -> Briefing:
    """One transcript locked (no orphaned lock to adopt) and annotated: the briefing as published."""
    return annotate(lock_one(path, parsed, {}, today, write=write), registry, vocabulary)


def _today() -> dt.date:
    """Today in UTC: the date a correction is recorded under."""
    return dt.datetime.now(dt.timezone.utc).date()


def _file_stamp(path: Path) -> Stamp:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _stamp(path: Path) -> Stamp | None:
    try:
        return _file_stamp(path)
    except OSError:
        return None


def _display(path: Path, root: Path | None) -> str:
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def _unique_slugs(parsed: list[tuple[Path, Briefing]], errors: list[GeneratorError]) -> list[tuple[Path, Briefing]]:
    """Refuse a second briefing claiming a slug already taken (files are taken in name order)."""
    taken: dict[str, Briefing] = {}
    kept = []
    for path, briefing in parsed:
        first = taken.get(briefing.slug)
        if first is not None:
            errors.append(TranscriptError(
                f"slug {briefing.slug!r} is already used by {first.source}; set 'slug:' in the front matter",
                path=briefing.source, line=1))
            continue
        taken[briefing.slug] = briefing
        kept.append((path, briefing))
    return kept
