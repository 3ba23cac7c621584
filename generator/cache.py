"""The build cache: each briefing's published parts, kept between builds in `.cache/`, found by content.

An entry is found by its key, the sha256 of everything that made it (`key()`: the transcript's name
and bytes, its anchor lock, `speakers.yml`, `topics.yml`, the settings it was rendered with), in a
folder named after the generator's version (`generator_version()`, a digest of the generator's own
source): entries of another version are never read, and the next build removes them. An entry is
written to a temporary file and renamed into place, so a build killed at any moment leaves whole
entries or none, and one that cannot be read (truncated, damaged, another format) counts as missing
and is made again. Deleting `.cache/` is always safe: the next build is cold and gives the same bytes.

The same store, kept in memory (`Store(None)`), serves one-off work (`generator pages`, tests).

`BuildLock` keeps two builds of one project from running at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import struct
import sys
import tempfile
import time
import zlib
from array import array
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from functools import lru_cache
from pathlib import Path
from typing import IO

from .errors import GeneratorError

FORMAT = 1
"""The entry file format; part of the version folder's name."""
_MAGIC = b"ARCHIVE-CACHE\n"
_HEAD = struct.Struct(">II")
"""After the magic: the length of the index and the CRC-32 of everything after the head."""
LEVEL = 1
"""zlib level of the parts: the cache is written on every cold build and read on every warm one."""
STALE_TEMPORARY_S = 3600
"""A temporary file this old was left by a killed process (no build takes an hour per entry)."""
_INDEXES = 4096
"""Entry indexes kept in memory (`_Index`, about 1.5 KB for a briefing's 60 parts): pages read parts of the
same briefings."""


@lru_cache(maxsize=1)
def generator_version() -> str:
    """A digest of the generator's source (every `.py` and `.json` of the package) and of Python's
    version: any change to the code that makes the entries gives the cache a fresh folder."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT} {sys.version_info[0]}.{sys.version_info[1]}".encode())
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json") and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def key(*parts: bytes | str | None) -> str:
    """The sha256 of `parts`, each length-prefixed (so no two lists give one key); None differs from empty."""
    digest = hashlib.sha256()
    for part in parts:
        data = b"\xff" if part is None else part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def encode(parts: Mapping[str, bytes], stored: AbstractSet[str] = frozenset()) -> bytes:
    """An entry file: magic, head, index (the parts' names and compressed lengths), the parts deflated (those
    named in `stored` in stored blocks, level 0: read back three times as fast, checked all the same)."""
    bodies = [zlib.compress(parts[name], 0 if name in stored else LEVEL) for name in parts]
    index = json.dumps([[name, len(body)] for name, body in zip(parts, bodies, strict=True)],
                       separators=(",", ":")).encode()
    rest = index + b"".join(bodies)
    return _MAGIC + _HEAD.pack(len(index), zlib.crc32(rest)) + rest


class Store:
    """Entries by key: in `folder` (on disk, shared between builds) or, for `Store(None)`, in memory."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[str, dict[str, bytes]] = {}
        self._indexes: dict[str, _Index] = {}
        self.used: set[str] = set()
        """Keys this process found or wrote: what `prune` keeps."""

    @classmethod
    def under(cls, cache: Path) -> Store:
        """The store in the cache folder `cache` (`.cache/`): `archive/<generator version>/`."""
        return cls(cache / "archive" / generator_version())

    def has(self, entry: str) -> bool:
        """True when the entry exists and reads back whole (else it is treated as missing): the first time
        this process asks, the whole file is read and its CRC checked; afterwards, that it is still there."""
        if self.folder is None:
            found = entry in self._memory
        elif entry in self.used:
            found = self._path(entry).is_file()
        else:
            found = self._index(entry, verify=True) is not None
        if found:
            self.used.add(entry)
        else:
            self.used.discard(entry)
        return found

    def put(self, entry: str, parts: Mapping[str, bytes], stored: AbstractSet[str] = frozenset()) -> None:
        """Store `parts` under `entry`, atomically: a reader sees the whole entry or none. The parts named in
        `stored` are not compressed (`encode`): big parts every warm build reads."""
        self.used.add(entry)
        if self.folder is None:
            self._memory[entry] = dict(parts)
            return
        target = self._path(entry)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, encode(parts, stored))
        self._indexes.pop(entry, None)

    def read(self, entry: str, name: str) -> bytes:
        """One part of an entry; a part or entry that is missing or damaged raises `GeneratorError`."""
        self.used.add(entry)
        if self.folder is None:
            try:
                return self._memory[entry][name]
            except KeyError:
                raise GeneratorError(f"cache entry {entry[:12]} has no part {name!r}") from None
        try:
            with self._path(entry).open("rb") as handle:
                index = self._indexes.get(entry)
                if index is None:
                    index = self._remember(entry, _read_index(handle, verify=False))
                offset, length = index.span(name)
                handle.seek(offset)
                return zlib.decompress(handle.read(length))
        except (OSError, ValueError, KeyError, TypeError, zlib.error) as error:
            raise GeneratorError(f"cache entry damaged or missing ({error!r}); delete {self.folder} and build again",
                                 path=str(self._path(entry))) from None

    def names(self, entry: str) -> list[str]:
        """The names of an entry's parts, in the order they were stored."""
        if self.folder is None:
            return list(self._memory.get(entry, {}))
        index = self._index(entry)
        return list(index.names) if index is not None else []

    def prune(self, keep_versions: bool = False) -> int:
        """Remove what no build needs: entries this process neither found nor wrote, temporary files
        left by killed processes and (unless `keep_versions`) the folders of other generator versions.
        Returns the number of files removed. Only a build holding the `BuildLock` may call it."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0 if keep_versions else self.remove_other_versions()
        now = time.time()
        for shard in self.folder.iterdir():
            if not shard.is_dir():
                continue
            for item in os.scandir(shard):
                temporary = ".tmp" in item.name
                if temporary and now - item.stat().st_mtime < STALE_TEMPORARY_S:
                    continue  # being written by another process (a preview)
                if temporary or item.name not in self.used:
                    with contextlib.suppress(OSError):
                        os.unlink(item.path)
                        removed += 1
        return removed

    def remove_other_versions(self) -> int:
        """Remove the folders of other generator versions (never read; what `prune` removes first, which a build
        can do apart, while it loads: after an upgrade, the folder of the last version holds gigabytes of a large
        archive). Returns the number of folders removed. Only a build holding the `BuildLock` may call it."""
        if self.folder is None or not self.folder.parent.is_dir():
            return 0
        removed = 0
        for other in self.folder.parent.iterdir():
            if other != self.folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
                removed += 1
        return removed

    def _path(self, entry: str) -> Path:
        assert self.folder is not None
        return self.folder / entry[:2] / entry

    def _index(self, entry: str, verify: bool = False) -> _Index | None:
        """Where an entry's parts are on disk; None when it is missing or cannot be read.
        With `verify`, the whole file is read and its CRC checked."""
        if not verify and entry in self._indexes:
            return self._indexes[entry]
        try:
            with self._path(entry).open("rb") as handle:
                return self._remember(entry, _read_index(handle, verify))
        except (OSError, ValueError):
            return None

    def _remember(self, entry: str, index: _Index | None) -> _Index:
        if index is None:
            raise ValueError("not an entry")
        if len(self._indexes) >= _INDEXES:
            self._indexes.pop(next(iter(self._indexes)))
        self._indexes[entry] = index
        return index


class _Index:
    """Where an entry's parts are: their names, interned (every briefing's entry names the same speakers and
    topics), and their offsets and lengths packed in one array. A build keeps up to `_INDEXES` of these: as a
    dict of tuples each weighed about 12 KB, the largest thing a large build held per briefing (at 3,000
    briefings the MkDocs process peaked at 194 MB with those, 164 MB with these)."""

    __slots__ = ("names", "_spans")

    def __init__(self, names: tuple[str, ...], spans: array[int]) -> None:
        self.names = names
        self._spans = spans

    def span(self, name: str) -> tuple[int, int]:
        """The offset and length of part `name` (KeyError when the entry has none)."""
        try:
            at = 2 * self.names.index(name)
        except ValueError:
            raise KeyError(name) from None
        return self._spans[at], self._spans[at + 1]


def _read_index(handle: IO[bytes], verify: bool) -> _Index | None:
    start = handle.read(len(_MAGIC) + _HEAD.size)
    if len(start) != len(_MAGIC) + _HEAD.size or not start.startswith(_MAGIC):
        return None
    size, crc = _HEAD.unpack(start[len(_MAGIC):])
    if verify:
        rest = handle.read()
        if zlib.crc32(rest) != crc or len(rest) < size:
            return None
        raw = rest[:size]
    else:
        raw = handle.read(size)
    names = json.loads(raw)
    offset = len(start) + size
    spans = array("Q")
    for _, length in names:
        spans.extend((offset, int(length)))
        offset += int(length)
    if verify and offset != len(start) + len(rest):
        return None
    return _Index(tuple(sys.intern(str(name)) for name, _ in names), spans)


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `target`, then rename it over `target`."""
    handle, name = tempfile.mkstemp(prefix=f"{target.name}.tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


class BuildLock:
    """`build.lock` in the cache folder: held by one build of a project at a time. It is a POSIX record lock,
    which belongs to the process (its forked children do not hold it) and which the system releases when the
    process ends, even by SIGKILL: no stale lock outlives a build. `acquire` refuses, naming the build holding it."""

    def __init__(self, cache: Path) -> None:
        self.path = cache / "build.lock"
        self._handle: IO[str] | None = None

    def acquire(self, what: str) -> None:
        """Take the lock for `what` (`mkdocs build`), or raise `GeneratorError` saying who holds it."""
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock (builds there run one at a time by hand)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.lockf(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise GeneratorError(f"another build of this project is running ({holder}); wait for it to end, "
                                 "or stop it, then build again", path=str(self.path)) from None
        handle.seek(0)
        handle.truncate()
        started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        handle.write(f"{what}, pid {os.getpid()}, started {started}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the OS lock
            self._handle = None

