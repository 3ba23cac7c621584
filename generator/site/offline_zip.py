"""The offline bundle: the built site as one reproducible zip, put in place atomically.

The zip holds the site under one top folder named after the zip (`<name>/index.html`), so
unzipping it never scatters files. It is reproducible: every entry dated 1980-01-01 (or
`SOURCE_DATE_EPOCH`) with mode 0644, nothing taken from the file system but names and bytes,
entries in a fixed order: the pages in the order MkDocs builds them (the same for the same
input), then every other file sorted by path. It is written to a temporary file beside its
target and renamed over the target only once the build succeeded, so a failed build leaves the
previous zip as it was.

`BundleWriter` compresses in a thread of its own while the build goes on: pages as MkDocs
finishes them, the remaining files at the end. zlib releases the GIL while it compresses, so on
a machine with two cores the zip costs the build little more than its last files.
"""

from __future__ import annotations

import os
import queue
import stat
import struct
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, BinaryIO

from ..errors import ConfigError
from ..processes import running
from ..text import slugify

DEFAULT_FOLDER = "dist"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can hold; used unless `SOURCE_DATE_EPOCH` is set."""
_UNIX = 3  # ZipInfo.create_system: the external attributes hold Unix mode bits
ZIP_LEVEL = 3
"""zlib level of the offline bundle's entries but its pages (the search index's scripts, deflated by the index's
child as it writes them: `search_store.Offline`; the theme's files). Measured on the bundle of 1,000 White House
briefings (this machine): its 72 MB of search scripts deflate to 29.6 MB at level 3 in 1.2 s of CPU, to 27.7 MB at
level 6 (zlib's default) in 2.7 s."""
PAGE_LEVEL = 6
"""zlib level of the bundle's HTML pages, which deflate better for the time: their 67 MB at 1,000 briefings to
13.1 MB at level 3 in 0.4 s, to 11.7 MB at level 6 in 0.9 s (level 9: 11.5 MB). With each search entry's facets once
(`search_store.ENTRY_FACETS`) that makes the zip smaller than the transcripts it holds (40.3 MB at level 3, for
40.0 MB of transcripts)."""
STORED_SUFFIXES = (".zip", ".gz", ".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2")
"""Files compressed already (the data zip, images, fonts): stored as they are, not deflated again."""


def bundle_path(option: str | bool, site_name: str, site_dir: Path) -> Path | None:
    """Where the zip goes, or None when `bundle: false`.

    Relative paths start from the folder holding `site_dir` (the project folder for the default
    `site/`), so `--site-dir elsewhere/site` also moves the zip out of the project.
    """
    if option is False:
        return None
    name = option if isinstance(option, str) else f"{DEFAULT_FOLDER}/{slugify(site_name)}-offline.zip"
    return site_dir.parent / name


@contextmanager
def bundle_beside(site: Path, target: Path | None, environ: Mapping[str, str] = os.environ) -> Iterator[None]:
    """Zip `site` into a temporary file beside `target`, run the block, then rename the zip over `target`.

    If the block raises, the temporary zip is removed and `target` is left as it was.
    With no target (`bundle: false`) only the block runs.
    """
    if target is None:
        yield
        return
    writer = BundleWriter(target, environ)
    try:
        writer.finish(site)
        yield
    except BaseException:
        writer.abort()
        raise
    writer.commit()


def remove_stale(target: Path) -> None:
    """Remove the temporary zips beside `target` that killed builds left (SIGKILL cannot be caught): those whose
    writer (the process named in the file's name) is gone. A build of the project holds its lock, but a build of
    another project may write to the same folder (`--site-dir` elsewhere)."""
    if target.parent.is_dir():
        for stale in target.parent.glob(f".{target.name}-*.tmp"):
            if not running(stale.name[len(target.name) + 2:].split("-", 1)[0]):
                with suppress(OSError):
                    stale.unlink()


LEFT_OUT_SUFFIXES = (".map",)
"""Files of the site the zip leaves out wherever they are: source maps serve a developer's tools, not a reader.
The theme's never reach the site (`plugin/hooks.py`, `_leave_out_unused_theme_files`); this keeps out those an
editor put in the docs folder, which the public site publishes as they are."""


class BundleWriter:
    """The zip for `target`, written to a temporary file beside it by a thread while the site is built.

    `add()` queues a finished page; `finish(site)` adds every file of `site` not added yet, sorted,
    and waits until the zip is complete; `commit()` renames it over `target`; `abort()` removes it.
    """

    def __init__(self, target: Path, environ: Mapping[str, str] = os.environ, leave_out: tuple[str, ...] = ()) -> None:
        self.target = target
        self._leave_out = leave_out
        """Folders of the site (`data/`) the zip leaves out."""
        self._stamp = zip_timestamp(environ)
        self._folder = target.stem
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}-{os.getpid()}-", suffix=".tmp",
                                        dir=target.parent)
        self._temp = Path(name)
        self._file = os.fdopen(handle, "wb")
        self._zip = zipfile.ZipFile(self._file, "w", zipfile.ZIP_DEFLATED)
        self._added: set[str] = set()
        self._replaced: list[str] = []
        """Folders of the site whose files the bundle takes from elsewhere (`add_folder`)."""
        self._queue: queue.Queue[tuple[str, bytes | Path | tuple[str, Path]] | None] = queue.Queue(maxsize=16)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="offline-bundle", daemon=True)
        self._thread.start()

    def add(self, relative: str, data: bytes) -> None:
        """Queue one file of the site (a finished page) under its path in the site."""
        if self._bundled(relative):
            self._queue.put((relative, data))

    def _bundled(self, relative: str) -> bool:
        """Whether the zip holds this file of the site: not under a folder left out, not a source map."""
        return not relative.startswith(self._leave_out) and not relative.endswith(LEFT_OUT_SUFFIXES)

    def add_rest(self, site: Path, but: str) -> None:
        """Queue the files of `site` not added yet, in path order, except those under the folder `but`
        (which later steps still write)."""
        self._queue.put((but.rstrip("/") + "/", site))

    def add_folder(self, folder: Path, under: str) -> None:
        """Queue the files of `folder` (a folder, or a zip holding its files), in path order, as the site's
        folder `under`, in place of what the site has there (the search index's `file://` form instead of its
        packs for HTTP)."""
        self._replaced.append(under.rstrip("/") + "/")
        self._queue.put((under.rstrip("/") + "/", ("folder", folder)))

    def finish(self, site: Path) -> None:
        """Add the files of `site` not added yet, in path order, and wait for the zip to be complete."""
        self._queue.put(("", site))
        self._stop()
        if self._error is not None:
            raise self._error
        self._temp.chmod(0o644)  # mkstemp makes it 0600; the zip should read like any other output

    def commit(self) -> None:
        os.replace(self._temp, self.target)

    def abort(self) -> None:
        if self._thread.is_alive():
            self._error = self._error or InterruptedError("bundle aborted")
            with suppress(Exception):  # the build failed already: its error is the one to report
                self._stop()
        self._temp.unlink(missing_ok=True)

    def _stop(self) -> None:
        self._queue.put(None)
        self._thread.join()
        try:
            self._zip.close()
        finally:
            self._file.close()  # ZipFile.close() leaves a file object it was given open

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue  # drain the queue so the build never blocks on a failed zip
            try:
                relative, data = item
                if isinstance(data, tuple):  # a folder (or a zip of it) standing for the site's folder `relative`
                    if data[1].suffix == ".zip":
                        with zipfile.ZipFile(data[1]) as pieces, data[1].open("rb") as raw:
                            for info in sorted(pieces.infolist(), key=lambda i: i.filename):
                                if info.compress_type == zipfile.ZIP_DEFLATED:
                                    self._write_deflated(relative + info.filename, info, _deflated(raw, info))
                                else:
                                    self._write(relative + info.filename, pieces.read(info))
                    else:
                        for name in site_files(data[1]):
                            self._write(relative + name, data[1] / name)
                elif isinstance(data, Path):  # the rest of the site, but for the folder named in `relative`
                    skipped = (*self._leave_out, *self._replaced, *((relative,) if relative else ()))
                    for name in site_files(data, skip=skipped):
                        if name not in self._added and self._bundled(name):
                            self._write(name, data / name)
                else:
                    self._write(relative, data)
            except BaseException as error:  # noqa: BLE001 - handed to the build thread by finish()
                self._error = error

    def _write(self, relative: str, data: bytes | Path) -> None:
        _write_entry(self._zip, f"{self._folder}/{relative}", data, self._stamp)
        self._added.add(relative)

    def _write_deflated(self, relative: str, source: zipfile.ZipInfo, deflated: bytes) -> None:
        """An entry whose bytes another zip deflated already (`source`, a script: at ZIP_LEVEL, as `_write` would):
        written as they are (stored, then its header rewritten to say what they are), the same bytes `_write` makes."""
        info = _entry_info(f"{self._folder}/{relative}", self._stamp, zipfile.ZIP_STORED)
        with self._zip.open(info, "w") as out:
            out.write(deflated)
        info.compress_type, info.CRC, info.file_size = zipfile.ZIP_DEFLATED, source.CRC, source.file_size
        end = self._file.tell()
        self._file.seek(info.header_offset)
        self._file.write(info.FileHeader(False))
        self._file.seek(end)
        self._added.add(relative)


def write_zip(site: Path, out: IO[bytes], *, folder: str, stamp: tuple[int, ...] = ZIP_EPOCH) -> None:
    """Write every file under `site` into `out` as `folder/<path>`, sorted: the same bytes for the same files."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative in site_files(site):
            _write_entry(archive, f"{folder}/{relative}", site / relative, stamp)


def site_files(site: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """The files under `site`, as sorted paths relative to it (`briefings/a.html`), leaving out every folder
    whose path (with its final slash: `data/`) starts with one of `skip`, unread. Names only: a walk keeping a
    `Path` for each of a site's files (and `rglob`'s set of those seen) held 16 MB at 10,000 briefings, at the
    end of the build, when the offline bundle gathers the files left to add."""
    found: list[str] = []
    for folder, folders, files in os.walk(site):
        under = Path(folder).relative_to(site).as_posix()
        prefix = "" if under == "." else under + "/"
        if skip:
            folders[:] = [f for f in folders if not (prefix + f + "/").startswith(skip)]
        found.extend(prefix + name for name in files)
    found.sort()
    return found


def _write_entry(archive: zipfile.ZipFile, name: str, data: bytes | Path, stamp: tuple[int, ...]) -> None:
    stored = name.lower().endswith(STORED_SUFFIXES)
    info = _entry_info(name, stamp, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    archive.writestr(info, data if isinstance(data, bytes) else data.read_bytes(),
                     compresslevel=None if stored else PAGE_LEVEL if name.endswith(".html") else ZIP_LEVEL)


def _entry_info(name: str, stamp: tuple[int, ...], compress_type: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.create_system = _UNIX
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.compress_type = compress_type
    return info


def _deflated(archive: BinaryIO, info: zipfile.ZipInfo) -> bytes:
    """The bytes of a zip entry as they are in the zip `archive` (after its local header)."""
    archive.seek(info.header_offset)
    header = archive.read(30)
    if header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"no local header for {info.filename}")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    archive.seek(info.header_offset + 30 + name_length + extra_length)
    return archive.read(info.compress_size)


def zip_timestamp(environ: Mapping[str, str]) -> tuple[int, ...]:
    """The entries' date: `SOURCE_DATE_EPOCH` (reproducible-builds.org) when set, else 1980-01-01."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return ZIP_EPOCH
    if not value.isdigit():
        raise ConfigError("SOURCE_DATE_EPOCH must be a whole number of seconds", fragment=value)
    moment = time.gmtime(int(value))[:6]
    return max(moment, ZIP_EPOCH)  # a zip cannot hold a date before 1980
