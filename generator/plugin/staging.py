"""Atomic builds: the site is written into a staging folder and swapped in only when the build succeeded.

`mkdocs build` writes into `.<site>-staging-*` beside `site_dir`; the last post-build step renames the
old site away and the new one into place (and the offline zip with it, `Staging.swap`), with SIGINT and
SIGTERM held back between the two renames. A failed, refused (`--strict` and a warning) or interrupted
build removes its staging folder and leaves the previous site as it was. SIGTERM is read as Ctrl-C, so
a killed build cleans up too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType


class Staging:
    """The staging folder of one build and the site folder it will replace."""

    def __init__(self, final: Path) -> None:
        final.parent.mkdir(parents=True, exist_ok=True)
        for stale in final.parent.glob(f".{final.name}-staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        self.final = final
        self.folder = Path(tempfile.mkdtemp(prefix=f".{final.name}-staging-", dir=final.parent))
        umask = os.umask(0)
        os.umask(umask)
        self.folder.chmod(0o777 & ~umask)  # mkdtemp makes it 0700: the site must read like a folder MkDocs made

    def swap(self, also: Callable[[], None] = lambda: None) -> None:
        """Put the staged site in place of the final one, then run `also` (commit the zip), with
        signals held back from the first rename to the end: the two never go in one without the other."""
        with _signals_deferred() as hold:
            hold()
            _swap(self.folder, self.final)
            also()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def terminate_as_interrupt() -> None:
    """SIGTERM raises KeyboardInterrupt, as SIGINT does, so a killed build still removes its staging dir."""
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    with contextlib.suppress(ValueError):  # not the main thread (mkdocs embedded): leave signals alone
        signal.signal(signal.SIGTERM, interrupt)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[Callable[[], None]]:
    """Yields `hold()`: from its call to the end of the block SIGINT and SIGTERM wait, so the new
    site and zip are renamed into place together, never one without the other."""
    previous: list[set[int | signal.Signals]] = []

    def hold() -> None:
        with contextlib.suppress(AttributeError, ValueError, OSError):  # no sigmask on this platform
            previous.append(signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM}))

    try:
        yield hold
    finally:
        if previous:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous[0])


def _swap(new: Path, final: Path) -> None:
    """Put `new` in place of `final` with two renames; the old site is removed only afterwards."""
    old = final.with_name(f".{final.name}-previous")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def reproducible_dates(dates: Iterable[dt.date]) -> None:
    """Unless SOURCE_DATE_EPOCH is set, MkDocs stamps pages (sitemap `lastmod`) with today's date;
    the newest briefing's date is used instead, so the same content always builds the same bytes."""
    newest = max(dates, default=None)
    if os.environ.get("SOURCE_DATE_EPOCH", _OWN_EPOCH[0]) != _OWN_EPOCH[0] or newest is None:
        return
    epoch = str(int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp()))
    os.environ["SOURCE_DATE_EPOCH"] = _OWN_EPOCH[0] = epoch


_OWN_EPOCH = [""]
"""The SOURCE_DATE_EPOCH this plugin set (empty: none yet); one set by the user is never replaced."""
