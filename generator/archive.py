"""Loading the whole archive from `content/`: every briefing parsed, bad files reported, not fatal."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .annotate import annotate, load_config
from .anchors import lock_briefings, lock_path
from .errors import ConfigError, GeneratorError, TranscriptError
from .model import Briefing
from .parse import parse
from .registry import Registry
from .source import read_source
from .topics import Vocabulary

TRANSCRIPT_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass(frozen=True)
class Archive:
    """The parsed briefings, in file-name order, and the errors of the files that failed."""

    briefings: tuple[Briefing, ...]
    errors: tuple[GeneratorError, ...]
    registry: Registry = field(default_factory=Registry)
    """`content/speakers.yml`, already applied to the briefings."""
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    """`content/topics.yml`, already applied to the briefings."""


class Loader:
    """Parses transcripts, reusing earlier results for files unchanged since (for `mkdocs serve`)."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[tuple[int, int], Briefing | GeneratorError]] = {}
        self._config: tuple[tuple[object, ...], tuple[Registry, Vocabulary, list[ConfigError]]] | None = None
        self._finished: dict[Path, tuple[Briefing, object, Registry, Vocabulary, Briefing]] = {}
        """Per transcript: the parsed briefing, its lock's stamp, the configuration, and the finished briefing."""

    def load(self, content_dir: Path, root: Path | None = None) -> Archive:
        """Parse every transcript under `content_dir/briefings`; paths in messages are relative to `root`."""
        folder = content_dir / "briefings"
        paths = sorted(p for p in folder.rglob("*") if p.suffix in TRANSCRIPT_SUFFIXES and p.is_file()) \
            if folder.is_dir() else []
        results = [self._parse(path, _display(path, root)) for path in paths]
        self._cache = {p: self._cache[p] for p in paths}
        briefings = [r for r in results if isinstance(r, Briefing)]
        errors: list[GeneratorError] = [r for r in results if isinstance(r, GeneratorError)]
        registry, vocabulary, config_errors = self._load_config(content_dir, root)
        errors.extend(config_errors)
        unique = {id(b) for b in _unique_slugs(briefings, errors)}
        kept = [(p, r) for p, r in zip(paths, results) if id(r) in unique]
        finished = self._finish(kept, folder, registry, vocabulary, errors)
        return Archive(briefings=tuple(finished[p] for p, _ in kept if p in finished), errors=tuple(errors),
                       registry=registry, vocabulary=vocabulary)

    def _load_config(self, content_dir: Path, root: Path | None) -> tuple[Registry, Vocabulary, list[ConfigError]]:
        """`load_config`, read again only when a YAML file in `content_dir` changed."""
        stamps = tuple((p.name, _stamp(p)) for p in sorted(content_dir.glob("*.y*ml")))
        if self._config is None or self._config[0] != stamps:
            self._config = (stamps, load_config(content_dir, _display(content_dir, root)))
        return self._config[1]

    def _finish(self, kept: list[tuple[Path, Briefing]], folder: Path, registry: Registry, vocabulary: Vocabulary,
                errors: list[GeneratorError]) -> dict[Path, Briefing]:
        """Locked and annotated briefings; a transcript whose parse, lock and configuration are unchanged
        since the last load is not locked and annotated again (what makes `mkdocs serve` rebuilds fast)."""
        done: dict[Path, Briefing] = {}
        todo: list[tuple[Path, Briefing]] = []
        for path, parsed in kept:
            hit = self._finished.get(path)
            if hit is not None and hit[0] is parsed and hit[1] == _stamp(lock_path(path)) \
                    and hit[2] is registry and hit[3] is vocabulary:
                done[path] = hit[4]
            else:
                todo.append((path, parsed))
        locked, lock_errors = lock_briefings(todo, folder)
        errors.extend(lock_errors)
        by_source = {b.source: b for b in locked}
        for path, parsed in todo:
            if parsed.source in by_source:
                done[path] = annotate(by_source[parsed.source], registry, vocabulary)
        self._finished = {p: (parsed, _stamp(lock_path(p)), registry, vocabulary, done[p])
                          for p, parsed in kept if p in done}
        return done

    def _parse(self, path: Path, display: str) -> Briefing | GeneratorError:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        result: Briefing | GeneratorError
        try:
            result = parse(read_source(path, display))
        except GeneratorError as exc:
            result = exc
        self._cache[path] = (stamp, result)
        return result


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _display(path: Path, root: Path | None) -> str:
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def _unique_slugs(briefings: list[Briefing], errors: list[GeneratorError]) -> tuple[Briefing, ...]:
    """Refuse a second briefing claiming a slug already taken (files are taken in name order)."""
    taken: dict[str, Briefing] = {}
    for briefing in briefings:
        first = taken.get(briefing.slug)
        if first is not None:
            errors.append(TranscriptError(
                f"slug {briefing.slug!r} is already used by {first.source}; set 'slug:' in the front matter",
                path=briefing.source, line=1))
            continue
        taken[briefing.slug] = briefing
    return tuple(taken.values())
