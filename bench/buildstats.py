"""Build figures: wall time, peak RSS, time inside each plugin, site size and search payload."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEARCH_PARTS = ("search", "pagefind", "workers")
"""A site file whose path has one of these in it is part of what search makes a browser fetch."""


@dataclass(frozen=True)
class Build:
    """One `mkdocs build` of a scratch project, measured."""

    wall_s: float
    peak_rss_mb: float
    """The largest resident set any one process of the build reached (`wait4`: the parent or a child)."""
    generator_s: float
    """Time inside the generator's plugin hooks (parse, render, search indexing, bundle…)."""
    parse_s: float
    render_s: float
    hooks: dict[str, float] = field(default_factory=dict)
    warnings: int = 0
    returncode: int = 0
    timed_out: bool = False
    """Killed after the timeout: `wall_s` is only a lower bound and the other figures are missing."""
    cpu_s: float = 0.0
    """User and system time of the build and all its children."""
    parent_peak_rss_mb: float = 0.0
    """The MkDocs process's own peak resident set (VmHWM), children left out."""
    tree_peak_pss_mb: float = 0.0
    """The most memory the build's processes held together (sum of their proportional set sizes, so pages
    a forked child shares with its parent count once), sampled every 0.2 s."""


def build(project: Path, site: Path, work: Path, *, profile: Path | None = None,
          timeout: float = 1800) -> Build:
    """Run the instrumented `mkdocs build` in a child process and collect its figures.
    """
    timings = work / f"timings-{project.name}.json"
    command = [sys.executable, str(HERE / "timed_build.py"), str(timings)]
    command += ["--profile", str(profile)] if profile else []
    command += ["--", "build", "--site-dir", str(site)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    log = work / f"build-{project.name}.log"
    start = time.perf_counter()
    timings.unlink(missing_ok=True)
    with log.open("w") as handle:
        child = subprocess.Popen(command, cwd=project, stdout=handle, stderr=subprocess.STDOUT, env=env)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        sampler = TreeMemory(child.pid)
        _, status, usage = os.wait4(child.pid, 0)
        sampler.stop()
        timer.cancel()
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if wall >= timeout:
        return Build(wall_s=wall, peak_rss_mb=usage.ru_maxrss / 1024, generator_s=0.0, parse_s=0.0, render_s=0.0,
                     returncode=child.returncode, timed_out=True)
    if child.returncode != 0 or not timings.exists():
        raise SystemExit(f"build of {project} failed ({child.returncode}); see {log}:\n{log.read_text()[-3000:]}")
    data = json.loads(timings.read_text())
    ours = {name for name, module in data["plugin_modules"].items() if module.startswith("generator")}
    hooks: dict[str, float] = {}
    for key, seconds in data["seconds"].items():
        if key.startswith("hook:"):
            _, plugin, hook = key.split(":")
            hooks[f"{plugin}.{hook}"] = seconds
    generator = sum(s for k, s in hooks.items() if k.split(".")[0] in ours)
    return Build(
        wall_s=wall, peak_rss_mb=usage.ru_maxrss / 1024, generator_s=generator,
        parse_s=data["seconds"].get("generator:parse", 0.0), render_s=data["seconds"].get("generator:render", 0.0),
        hooks=dict(sorted(hooks.items(), key=lambda kv: -kv[1])),
        warnings=sum(1 for line in log.read_text().splitlines() if line.startswith("WARNING")),
        returncode=child.returncode, cpu_s=usage.ru_utime + usage.ru_stime,
        parent_peak_rss_mb=data.get("own_peak_rss_mb", 0.0), tree_peak_pss_mb=sampler.peak_mb,
    )


SAMPLE_S = 1.0
"""How often `TreeMemory` samples. Reading a process's `smaps_rollup` walks its page tables under its memory
lock, which its own page faults wait for, so the measure should touch the build it measures rarely (it was
0.2 s until the twenty-first session's runs). The peak of the largest process is exact whatever the interval
(`ru_maxrss`)."""


class TreeMemory:
    """Samples, every SAMPLE_S, the summed proportional set size (PSS) of a process and its descendants."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            self.peak_mb = max(self.peak_mb, sum(_pss_kb(pid) for pid in _tree(self.pid)) / 1024)


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(p for p, parent in parents.items() if parent == pid)
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass(frozen=True)
class Size:
    """Bytes on disk of the whole site and of what search needs, raw and gzipped."""

    site_bytes: int
    site_files: int
    search_bytes: int
    search_gz_bytes: int
    search_files: int


def gz_size(path: Path) -> int:
    """What a web server's gzip (level 6) would send for this file."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def site_size(site: Path) -> Size:
    """Sizes of the built site; `search_*` count files whose path names search, its index or worker.

    Stock Material's `search_index.js` (the offline plugin's copy of `search_index.json`) is
    left out of the search payload when the JSON is there: a browser fetches one or the other.
    """
    files = [p for p in site.rglob("*") if p.is_file()]
    search = [p for p in files if any(part in str(p.relative_to(site)).lower() for part in SEARCH_PARTS)]
    if (site / "search" / "search_index.json").exists():  # the .js twin is the file:// copy of the same index
        search = [p for p in search if p != site / "search" / "search_index.js"]
    return Size(
        site_bytes=sum(p.stat().st_size for p in files), site_files=len(files),
        search_bytes=sum(p.stat().st_size for p in search), search_gz_bytes=sum(gz_size(p) for p in search),
        search_files=len(search),
    )
