"""One transcript edited, then `mkdocs build`: the offline index's pieces deflated by the index's child while it
writes them (what the build does) against the same build with those pieces stored, for the bundle to compress
after the index is done (what it did before), in alternating runs on one project.

    python bench/one_edit.py PROJECT [--runs 6] [--transcript content/briefings/<slug>.txt]

PROJECT is an archive with a warm build cache (build it once first), for instance a copy of this project with
the White House briefings imported. Each run appends a word to one turn of the transcript (restored at the end),
so every build is a one-edit build. Prints each run's seconds, the medians and their ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

STORED = """
import zipfile
from generator.site import search_store
def _deflate(self, item):
    self._zip.writestr(zipfile.ZipInfo(item[0], date_time=search_store.ZIP_EPOCH), item[1].encode(),
                       zipfile.ZIP_STORED)
search_store.Offline._deflate = _deflate
"""
LAUNCH = """
import sys
sys.path.insert(0, ".")
if sys.argv[1] == "stored":
    exec(compile({stored!r}, "stored", "exec"))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "-q"]
cli()
"""
LABEL = re.compile(r"^[A-Z][A-Z.'\u2019 -]{1,40}: ", re.MULTILINE)


def build(project: Path, mode: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", LAUNCH.format(stored=STORED), mode], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=6, help="runs of each build (alternating)")
    parser.add_argument("--transcript", type=Path, help="the transcript to edit (default: the middle one)")
    args = parser.parse_args()
    project = args.project.resolve()
    transcripts = sorted((project / "content" / "briefings").glob("*.txt"))
    path = project / args.transcript if args.transcript else transcripts[len(transcripts) // 2]
    original = path.read_bytes()
    text = original.decode("utf-8")
    turn = LABEL.search(text)
    if turn is None:
        raise SystemExit(f"{path}: no speaker label to edit after")
    end = text.index("\n", turn.end())
    times: dict[str, list[float]] = {"deflated": [], "stored": []}
    try:
        for run in range(args.runs):
            for mode in ("deflated", "stored") if run % 2 == 0 else ("stored", "deflated"):
                path.write_text(f"{text[:end]} edit{run}{mode[0]}{text[end:]}", encoding="utf-8")
                times[mode].append(build(project, mode))
                print(f"run {run + 1} {mode:8} {times[mode][-1]:6.2f} s", flush=True)
    finally:
        path.write_bytes(original)
    deflated, stored = (statistics.median(times[m]) for m in ("deflated", "stored"))
    print(f"median: pieces deflated by the index {deflated:.2f} s, stored for the bundle {stored:.2f} s, "
          f"ratio {deflated / stored:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
