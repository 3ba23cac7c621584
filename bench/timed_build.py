"""`mkdocs` run with every plugin hook timed: `python timed_build.py OUT.json [--profile P] -- build …`.

Each installed MkDocs plugin class gets its `on_*` methods wrapped before MkDocs loads the
config, so the time spent inside every plugin (ours and stock search alike) is known; the
generator's load (`Loader.publish`: parse, lock, annotate, render each briefing into the build cache)
and its pages of many briefings (`site_pages`) are timed on their own.
Run as a child process of `run.py`, which measures its wall time and peak RSS from outside.
"""

from __future__ import annotations

import cProfile
import functools
import inspect
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from mkdocs.plugins import CombinedEvent

SECONDS: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)


def _timed(key: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # keeps `mkdocs_priority` set by @event_priority
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SECONDS[key] += time.perf_counter() - start
            CALLS[key] += 1
    return wrapper


def instrument() -> dict[str, str]:
    """Wrap every plugin's hooks and the generator's two steps; returns {plugin entry point: module}."""
    modules = {}
    for ep in entry_points(group="mkdocs.plugins"):
        try:
            cls = ep.load()
        except Exception:  # noqa: BLE001 - a broken third-party plugin is not ours to measure
            continue
        modules[ep.name] = cls.__module__
        for name, value in list(vars(cls).items()):
            if not name.startswith("on_"):
                continue
            if inspect.isfunction(value):
                setattr(cls, name, _timed(f"hook:{ep.name}:{name}", value))
            elif isinstance(value, CombinedEvent):
                setattr(cls, name, CombinedEvent(*(_timed(f"hook:{ep.name}:{name}/{m.__name__}", m)
                                                   for m in value.methods)))
    from generator.enrich.loader import Loader
    from generator.plugin import hooks

    Loader.publish = _timed("generator:parse", Loader.publish)  # type: ignore[method-assign]
    hooks.site_pages = _timed("generator:render", hooks.site_pages)  # type: ignore[assignment]
    return modules


def _own_peak_mb() -> float:
    """This process's peak resident set (VmHWM), without its children: the MkDocs build itself."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    profile = Path(argv[argv.index("--profile") + 1]) if "--profile" in argv[:argv.index("--")] else None
    mkdocs_args = argv[argv.index("--") + 1:]
    modules = instrument()
    from mkdocs.__main__ import cli

    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    status = 0
    if profiler:
        profiler.enable()
    try:
        cli.main(args=mkdocs_args, prog_name="mkdocs", standalone_mode=False)
    except SystemExit as exc:
        status = int(exc.code or 0)
    except Exception as exc:  # noqa: BLE001 - reported to run.py through the status
        print(f"build failed: {exc!r}", file=sys.stderr)
        status = 1
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
    elapsed = time.perf_counter() - start
    out.write_text(json.dumps({"in_process_s": elapsed, "seconds": SECONDS, "calls": CALLS,
                               "plugin_modules": modules, "own_peak_rss_mb": _own_peak_mb()}, indent=1),
                   encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
