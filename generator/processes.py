"""Per-transcript work spread over worker processes, for loading a large archive on every core.

The workers are forked: they inherit what the parent holds when the pool starts (the parsed
briefings, the registry, the vocabulary), so only small items go to them, and each sends back one
pickled blob per chunk of items. Results come back in the order of the items, and what the work
logged (`anchor lock … written`) is logged again in the parent, item by item, in that order, so
the output is the same as when the work runs in the parent.

`workers` says 0, and the caller does the work itself, for a few items, on one core, without fork
(not Linux), in a daemon process, and while other threads run: a forked child gets none of them,
and a lock one of them held stays locked there (`mkdocs serve` rebuilds, with its server and file
watchers running; its first build comes before them).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import math
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from .errors import GeneratorError

Item = TypeVar("Item")

MIN_ITEMS = 64
"""Fewer items than this are not worth starting processes for (a few files changed under `mkdocs serve`)."""
MAX_CHUNK = 16
"""Items per task at most: few enough to balance the load, many enough to amortise a task's cost."""

_shared: Any = None
"""What the forked workers inherit: set just before the pool starts, cleared after."""
_records: list[logging.LogRecord] = []
"""In a worker: what the current item logged."""


def cpus() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """True where forking this process is safe: Linux, not a daemon process, no other thread running."""
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon and threading.active_count() == 1)


def workers(items: int, minimum: int | None = None) -> int:
    """How many processes to spread `items` over; 0 means do the work in this process."""
    if items < (MIN_ITEMS if minimum is None else minimum) or items < 2:
        return 0
    count = min(cpus(), items)
    return count if count > 1 and can_fork() else 0


def run(func: Callable[[Any, Item], object], items: Sequence[Item], shared: object, processes: int,
        progress: Callable[[int], None] | None = None) -> list[object]:
    """`[func(shared, item) for item in items]`, computed by `processes` forked workers; `progress` is told how
    many are done as each chunk comes back.

    `func` must be a module-level function; a `GeneratorError` it returns comes back as one of the
    same class and attributes. An exception it raises is raised here, as is `BrokenProcessPool` when
    a worker dies.
    """
    global _shared
    size = max(1, min(MAX_CHUNK, math.ceil(len(items) / (processes * 4))))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    results: list[object] = []
    _shared = shared
    gc.freeze()  # the workers' collections leave the inherited objects alone (no copy of every page)
    executor = ProcessPoolExecutor(processes, multiprocessing.get_context("fork"), initializer=_start_worker)
    try:
        blobs = executor.map(_Task(func), chunks)  # forks the workers, before the executor's own thread starts
        gc.unfreeze()
        for blob in blobs:
            for result, records in _loads(blob):
                for record in records:
                    logging.getLogger(record.name).handle(record)
                results.append(_rebuilt(result))
            if progress is not None:
                progress(len(results))
    finally:
        executor.shutdown(cancel_futures=True)  # after an error or Ctrl-C, the chunks not started are dropped
        gc.unfreeze()
        _shared = None
    return results


def running(pid: str) -> bool:
    """Whether the process `pid` (digits; anything else is no process) is running."""
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by another user
        return True
    return True


def temporary_folder(prefix: str, parent: Path | None = None) -> Path:
    """A new folder `<prefix><pid>-<random>` in `parent` (the system's temporary folder by default), once the folders
    of that prefix whose process is gone are removed: a build killed outright (SIGKILL) cannot remove its own, and
    at 10,000 briefings one build's scratch folders weigh tens of MB. Only names `<prefix><digits>-…` are read, so
    that prefixes alike (`archive-search-`, `archive-search-offline-`) never take each other's folders."""
    parent = Path(tempfile.gettempdir()) if parent is None else parent
    for stale in parent.glob(f"{prefix}*"):
        pid, dash, _ = stale.name[len(prefix):].partition("-")
        if dash and pid.isdigit() and not running(pid) and stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def die_with_parent() -> None:
    """On Linux, this (forked) process gets SIGKILL when its parent dies, even by SIGKILL: no orphan goes on
    writing into a build's staging folder or cache after the build was killed."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _start_worker() -> None:
    die_with_parent()
    # Ctrl-C and a terminated build are the parent's to handle: it ends the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Logging goes to a list; the parent logs each record again, in order.
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    for logger in [logging.root, *loggers]:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        if logger is not logging.root:
            logger.propagate = True
    logging.root.addHandler(_Capture())


class _Capture(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        _records.append(record)


class _Task:
    """One chunk of items, run in a worker: a pickled list of (result, records logged meanwhile)."""

    def __init__(self, func: Callable[[Any, Any], object]) -> None:
        self.func = func

    def __call__(self, chunk: Sequence[object]) -> bytes:
        out = []
        for item in chunk:
            del _records[:]
            out.append((_portable(self.func(_shared, item)), list(_records)))
        del _records[:]
        return pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)


class _Failure:
    """A `GeneratorError` in transit: its class, arguments and attributes, rebuilt without calling
    `__init__` (whatever a subclass's signature)."""

    def __init__(self, error: GeneratorError) -> None:
        self.cls, self.args, self.state = type(error), error.args, dict(vars(error))


def _portable(result: object) -> object:
    return _Failure(result) if isinstance(result, GeneratorError) else result


def _rebuilt(result: object) -> object:
    if isinstance(result, _Failure):
        error = result.cls.__new__(result.cls, *result.args)
        error.args = result.args
        error.__dict__.update(result.state)
        return error
    return result


def _loads(blob: bytes) -> Any:
    """Unpickle with the cyclic collector paused: the results are acyclic, and a collection every
    few hundred new objects makes unpickling a briefing several times slower."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(blob)
    finally:
        if enabled:
            gc.enable()
