"""What MkDocs itself holds as an archive grows: `python bench/mkdocs_floor.py [--sizes 1000 10000]`.

Builds, in a scratch folder, stock MkDocs with Material (no plugin of ours, no search plugin) on projects
shaped like the archive's site at each size: one file per briefing that MkDocs lists but does not render
(as the archive hands it its briefing pages, `plugin/briefing_pages.py`), and as many small Markdown pages
as the archive's speaker, topic, outlet and year pages at that size (measured: 809 at 1,000 White House
briefings, 2,550 at 10,000). Prints each build's peak resident set and wall time, and the ratio of the
largest size to the smallest: the part of issue 16's memory ratio (≤ 1.2× from 1,000 to 10,000 briefings)
that MkDocs takes before the archive's own code holds anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OTHER_PAGES = {1000: 809, 10000: 2550}
"""The archive's pages MkDocs renders (speakers, topics, outlets, years) at 1,000 and 10,000 White House
briefings (`bench/scale.py` builds); other sizes are interpolated linearly."""

CONFIG = """site_name: Floor
use_directory_urls: false
theme:
  name: material
nav:
  - Home: index.md
plugins: []
"""


def other_pages(briefings: int) -> int:
    (low, low_pages), (high, high_pages) = sorted(OTHER_PAGES.items())
    return max(1, round(low_pages + (briefings - low) * (high_pages - low_pages) / (high - low)))


def make(project: Path, briefings: int) -> int:
    """A project of `briefings` listed files and the archive's count of rendered pages; returns that count."""
    docs = project / "docs"
    for folder in ("briefings", "speakers"):
        (docs / folder).mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nThe archive.\n", encoding="utf-8")
    for k in range(briefings):
        (docs / "briefings" / f"2021-01-20-press-briefing-by-the-press-secretary-{k:06d}.json").write_text(
            "{}", encoding="utf-8")
    pages = other_pages(briefings)
    for k in range(pages):
        (docs / "speakers" / f"speaker-{k:06d}.md").write_text(
            f"# Speaker {k}\n\n## Briefings\n\n- [A briefing](../index.md)\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return pages


def build(project: Path) -> tuple[float, float]:
    """Peak resident set (MB) and wall time (s) of `mkdocs build` on `project`, in a process of its own."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"mkdocs build failed in {project}")
    return usage.ru_maxrss / 1024, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mkdocs-floor-"))
    figures = []
    try:
        for briefings in sorted(args.sizes):
            project = work / f"n{briefings}"
            pages = make(project, briefings)
            peak, wall = build(project)
            figures.append((briefings, peak))
            print(f"{briefings:>7,} briefings ({briefings + pages + 1:,} files listed, {pages + 1:,} pages rendered): "
                  f"peak RSS {peak:.1f} MB, {wall:.1f} s", flush=True)
            shutil.rmtree(project)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (small, low), (large, high) = figures[0], figures[-1]
    print(f"MkDocs alone, {large:,} against {small:,} briefings: {high / low:.2f}× (+{high - low:.1f} MB)")


if __name__ == "__main__":
    main()
