"""Loading the whole archive from `content/`: every briefing parsed, bad files reported, not fatal."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .annotate import annotate, load_config
from .anchors import lock_briefings
from .errors import GeneratorError, TranscriptError
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

    def load(self, content_dir: Path, root: Path | None = None) -> Archive:
        """Parse every transcript under `content_dir/briefings`; paths in messages are relative to `root`."""
        folder = content_dir / "briefings"
        paths = sorted(p for p in folder.rglob("*") if p.suffix in TRANSCRIPT_SUFFIXES and p.is_file()) \
            if folder.is_dir() else []
        results = [self._parse(path, _display(path, root)) for path in paths]
        self._cache = {p: self._cache[p] for p in paths}
        briefings = [r for r in results if isinstance(r, Briefing)]
        errors: list[GeneratorError] = [r for r in results if isinstance(r, GeneratorError)]
        registry, vocabulary, config_errors = load_config(content_dir, _display(content_dir, root))
        errors.extend(config_errors)
        unique = {id(b) for b in _unique_slugs(briefings, errors)}
        locked, lock_errors = lock_briefings([(p, r) for p, r in zip(paths, results) if id(r) in unique], folder)
        errors.extend(lock_errors)
        annotated = tuple(annotate(b, registry, vocabulary) for b in locked)
        return Archive(briefings=annotated, errors=tuple(errors), registry=registry, vocabulary=vocabulary)

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
