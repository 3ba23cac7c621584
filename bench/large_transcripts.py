"""How one very large transcript scales: parse, render and a real `mkdocs build`, at growing sizes.

    python bench/large_transcripts.py                       # 1k, 10k, 100k turns (the largest is ~50 MB)
    python bench/large_transcripts.py --turns 1000,10000 --no-build --out -

Each size is one generated transcript (speakers taking turns, questions, stage directions, long
paragraphs; `--bytes-per-turn` sets the size) written into a temporary copy of the project. For
each stage it prints the seconds, the seconds per 1,000 turns, and the growth against linear:
`(t / t_smallest) / (n / n_smallest)`, about 1 when the cost is linear, about n/n_smallest
when it is quadratic. The smallest size of the same run is the baseline. Not a test: figures
depend on the machine; run it when a change touches the parser, rendering or the plugin. The
report also goes to `--out` (default `bench/LARGE.md`, with the machine; `-` for none).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.enrich.loader import Loader  # noqa: E402
from generator.read.parse import parse  # noqa: E402
from generator.read.source import read_source  # noqa: E402
from generator.site.briefing_page import briefing_page  # noqa: E402
from generator.site.pages import generated_pages  # noqa: E402 (after the path insert above)

T = TypeVar("T")
SPEAKERS = ("MR. PRICE", "SECRETARY BLINKEN", "FOREIGN SECRETARY EBRARD", "MS. JEAN-PIERRE")
WORDS = ("security", "cooperation", "fentanyl", "border", "framework", "the", "and", "of", "ministers",
         "agreed", "progress", "dialogue", "migration", "trafficking", "weapons", "investment", "we", "our")


def transcript(turns: int, bytes_per_turn: int) -> str:
    """A transcript of `turns` turns of about `bytes_per_turn` bytes each, deterministic."""
    out = ["---\ntitle: Generated briefing\ndate: 2024-05-06\nkind: press briefing\n---\n",
           "Washington, DC\n\nPress Briefing Room\n\n"]
    for n in range(turns):
        words = " ".join(WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(bytes_per_turn // 9))
        if n % 3 == 1:
            out.append(f"QUESTION:  Turn {n}, a question on {words}?\n\n")
        else:
            label = SPEAKERS[n % len(SPEAKERS)]
            half = len(words) // 2
            out.append(f"{label}:  Turn {n}. {words[:half]}.\n\n(Laughter.)\n\n{words[half:]}.\n\n")
    return "".join(out)


def timed(function: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def scratch_project(dest: Path) -> Path:
    """A copy of the project's site sources with an empty `content/briefings/`."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "theme_overrides", "content"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("briefings"))
        else:
            shutil.copy2(source, dest / name)
    (dest / "content" / "briefings").mkdir()
    return dest


def measure(turns: int, bytes_per_turn: int, work: Path, build: bool) -> dict[str, float]:
    project = scratch_project(work / f"n{turns}")
    path = project / "content" / "briefings" / f"2024-05-06-generated-{turns}.txt"
    path.write_text(transcript(turns, bytes_per_turn), encoding="utf-8")
    figures = {"MB": path.stat().st_size / 1e6}
    figures["parse"], briefing = timed(lambda: parse(read_source(path)))
    assert len(briefing.turns) == turns, (len(briefing.turns), turns)
    figures["render"], _ = timed(lambda: briefing_page(briefing))
    figures["load+pages"], _ = timed(lambda: generated_pages(Loader().load(project / "content", project),
                                                             "Briefing Archive"))
    if build:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        figures["mkdocs build"], result = timed(lambda: subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
            capture_output=True, text=True))
        if result.returncode != 0:
            raise SystemExit(f"mkdocs build failed at {turns} turns:\n{result.stderr[-2000:]}")
    shutil.rmtree(project)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", default="1000,10000,100000", help="comma-separated sizes, in turns")
    parser.add_argument("--bytes-per-turn", type=int, default=500)
    parser.add_argument("--no-build", action="store_true", help="skip the real mkdocs build")
    parser.add_argument("--out", default=str(ROOT / "bench" / "LARGE.md"), help="report file, or - for none")
    args = parser.parse_args()
    sizes = sorted(int(n) for n in args.turns.split(","))
    rows: list[tuple[int, dict[str, float]]] = []
    report: list[str] = []

    def say(line: str) -> None:
        print(line, flush=True)
        report.append(line)

    with tempfile.TemporaryDirectory(prefix="large-transcripts-") as work:
        for n in sizes:
            rows.append((n, measure(n, args.bytes_per_turn, Path(work), not args.no_build)))
            figures = rows[-1][1]
            say(f"{n:>8,} turns  {figures['MB']:7.1f} MB  " + "  ".join(
                f"{k} {v:8.2f} s" for k, v in figures.items() if k != "MB"))
    base_n, base = rows[0]
    say(f"\ngrowth against linear (1.0 = linear; {sizes[-1] / base_n:.0f} would be quadratic at the largest size)")
    for n, figures in rows:
        say(f"{n:>8,} turns  " + "  ".join(
            f"{k} {(v / base[k]) / (n / base_n):5.2f}  ({1000 * v / n:6.3f} s/1k turns)"
            for k, v in figures.items() if k != "MB" and base[k] > 0))
    if args.out != "-":
        machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        Path(args.out).write_text(
            "# One very large transcript: parse, render, build\n\n"
            f"Produced by `python bench/large_transcripts.py --turns {args.turns}` on {time.strftime('%Y-%m-%d')} "
            f"({machine}; load at start {os.getloadavg()[0]:.1f}).\n\n```\n" + "\n".join(report) + "\n```\n",
            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
