"""Where a build's memory goes: `python bench/memory.py PROJECT [--trace]`.

Runs `mkdocs build` on PROJECT in this process and prints, at each step of the build, the
resident set (VmRSS, and VmHWM, the peak so far) of this process, and with `--trace` the
tracemalloc figures: Python memory held, and the source lines holding most of it. The steps:
after our `on_files` (archive loaded, pages handed to MkDocs), after MkDocs read every page
(`on_env`: every page's Markdown and HTML in memory), and at `on_post_build`. Child processes
(open data, search index) are not counted here; `bench/buildstats.py` measures the whole tree.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def status() -> str:
    """VmRSS and VmHWM of this process, in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return f"RSS {fields.get('VmRSS', 0):.0f} MB (peak {fields.get('VmHWM', 0):.0f} MB)"


def report(step: str, started: float, top: int) -> None:
    print(f"\n== {step} at {time.perf_counter() - started:.1f} s: {status()}", flush=True)
    if not tracemalloc.is_tracing():
        return
    current, peak = tracemalloc.get_traced_memory()
    print(f"   traced {current / 2**20:.0f} MB (peak {peak / 2**20:.0f} MB)")
    stats = tracemalloc.take_snapshot().filter_traces([
        tracemalloc.Filter(False, tracemalloc.__file__)]).statistics("lineno")
    for stat in stats[:top]:
        frame = stat.traceback[0]
        name = os.path.relpath(frame.filename, ROOT) if frame.filename.startswith(str(ROOT)) else \
            "/".join(Path(frame.filename).parts[-3:])
        print(f"   {stat.size / 2**20:8.1f} MB {stat.count:9,} blocks  {name}:{frame.lineno}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("--trace", action="store_true", help="tracemalloc: which lines hold the memory")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--site-dir", type=Path, default=None)
    args = parser.parse_args()
    os.chdir(args.project)
    if args.trace:
        tracemalloc.start(1)
    started = time.perf_counter()
    config = load_config("mkdocs.yml", site_dir=str(args.site_dir or args.project / "site"))
    plugin = config.plugins["archive"]
    real_files, real_env, real_post = plugin.on_files, mkdocs_build._build_page, plugin.on_post_build
    seen = {"env": False}

    def on_files(*a: object, **k: object) -> object:
        out = real_files(*a, **k)
        report("after on_files", started, args.top)
        return out

    def build_page(*a: object, **k: object) -> object:
        if not seen["env"]:
            seen["env"] = True
            report("every page read (before the first page is written)", started, args.top)
        return real_env(*a, **k)

    def on_post_build(*a: object, **k: object) -> object:
        report("on_post_build", started, args.top)
        return real_post(*a, **k)

    plugin.on_files = on_files
    mkdocs_build._build_page = build_page
    plugin.on_post_build = on_post_build
    config.plugins.events["files"] = [on_files if m == real_files else m for m in config.plugins.events["files"]]
    config.plugins.events["post_build"] = [on_post_build if m == real_post else m
                                           for m in config.plugins.events["post_build"]]
    plugin.on_startup(command="build", dirty=False)
    mkdocs_build.build(config)
    report("end", started, 0)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
