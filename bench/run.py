"""The scale benchmark: `python bench/run.py --sizes 10,100,1150` (see bench/README.md).

For each N: the first N White House briefings (by date) imported into a scratch archive, built
by the project and by stock Material (the baseline: the same briefing pages, stock search,
nothing else), both measured side by side; then the `mkdocs serve` editing loop at the largest
N. Writes bench/RESULTS.md, bench/results.json and bench/results.png.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict
from pathlib import Path

import archives
import buildstats
import report
import searchstats
import serve_edit

HERE = Path(__file__).resolve().parent


def offline_bundle(site: Path, work: Path) -> tuple[Path, str]:
    """The site to open from `file://`: the offline zip when the build made one, else the site itself.

    The plugin writes the zip to `dist/` beside `site_dir` (its `bundle: true` default).
    """
    zips = sorted((site.parent / "dist").glob("*.zip"), key=lambda p: p.stat().st_mtime, reverse=True)
    if not zips:
        return site, "site dir from disk (no offline zip built)"
    dest = work / "offline"
    shutil.rmtree(dest, ignore_errors=True)
    with zipfile.ZipFile(zips[0]) as bundle:
        bundle.extractall(dest)
    index = min(dest.rglob("index.html"), key=lambda p: len(p.parts))
    return index.parent, f"{zips[0].name}, unzipped"


def run_size(n: int, members: list[archives.Member], work: Path, args: argparse.Namespace) -> dict[str, object]:
    """Everything measured at one archive size."""
    folder = work / f"n{n}"
    shutil.rmtree(folder, ignore_errors=True)
    ours, base = folder / "ours", folder / "baseline"
    started = time.perf_counter()
    method = archives.make_ours(ours, members[:n])
    print(f"[N={n}] imported ({method}) in {time.perf_counter() - started:.0f} s", flush=True)
    if args.profile:  # a build of its own: cProfile slows everything it watches
        buildstats.build(ours, folder / "site-profiled", folder, profile=folder / "ours.pstats",
                         timeout=args.build_timeout * 3)
        print(f"[N={n}] profile of our build: {folder / 'ours.pstats'}", flush=True)
    builds: dict[str, list[buildstats.Build]] = {"ours": [], "baseline": []}
    pages = 0
    for attempt in range(args.repeat):
        for name, project in (("ours", ours), ("baseline", base)):
            if name == "baseline" and attempt == 0:  # after our first build, which wrote the anchor locks
                pages = archives.make_baseline(base, ours)
            result = buildstats.build(project, folder / f"site-{name}", folder, timeout=args.build_timeout)
            builds[name].append(result)
            print(f"[N={n}] {name} build {attempt + 1}: {result.wall_s:.1f} s, {result.peak_rss_mb:.0f} MB, "
                  f"generator {result.generator_s:.1f} s", flush=True)
    best = {name: min(runs, key=lambda b: b.wall_s) for name, runs in builds.items()}
    sites = {name: folder / f"site-{name}" for name, b in best.items() if not b.timed_out}
    offline, offline_how = offline_bundle(sites["ours"], folder) if "ours" in sites else (None, "no site")
    entry: dict[str, object] = {
        "n": n, "import": method, "pages": pages, "offline_ours": offline_how,
        "build": {name: asdict(b) for name, b in best.items()},
        "all_walls": {name: [round(b.wall_s, 2) for b in runs] for name, runs in builds.items()},
        "size": {name: asdict(buildstats.site_size(site)) for name, site in sites.items()},
    }
    if not args.no_browser:
        bundles = {"ours": offline, "baseline": sites.get("baseline")}
        search = {name: searchstats.measure(site, bundles[name], args.query) for name, site in sites.items()}
        entry["search"] = {name: {mode: asdict(q) for mode, q in runs.items()} for name, runs in search.items()}
        for name, runs in search.items():
            for mode, q in runs.items():
                print(f"[N={n}] {name} {mode}: first result {q.first_result_ms} ms, fetched {q.fetched_bytes} B, "
                      f"longest task {q.longest_task_ms:.0f} ms {q.error}", flush=True)
    if n == args.serve_at:
        transcripts = sorted(p for p in (ours / "content" / "briefings").iterdir() if p.suffix in (".txt", ".md"))
        entry["serve"] = [asdict(serve_edit.measure(ours, transcripts[len(transcripts) // 2], dirty=dirty,
                                                    edits=2 if dirty else args.full_serve_edits,
                                                    timeout_s=args.build_timeout))
                          for dirty in (True, False) if dirty or args.full_serve_edits]
        print(f"[N={n}] serve: {entry['serve']}", flush=True)
    return entry


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1150", help="archive sizes N, comma-separated")
    parser.add_argument("--tarball", type=Path, default=archives.TARBALL, help="the White House corpus tarball")
    parser.add_argument("--query", default="vaccine", help="the first query typed in the search box")
    parser.add_argument("--repeat", type=int, default=1, help="builds per N and project; the fastest is kept")
    parser.add_argument("--serve-at", type=int, default=None,
                        help="N at which to time the `mkdocs serve` edit loop (default: the largest; 0: skip)")
    parser.add_argument("--build-timeout", type=float, default=1800,
                        help="seconds after which a build is stopped and reported as a lower bound")
    parser.add_argument("--full-serve-edits", type=int, default=1,
                        help="edits timed under plain `mkdocs serve` (each is a full rebuild; 0: skip it)")
    parser.add_argument("--no-browser", action="store_true", help="skip the headless Chromium measurements")
    parser.add_argument("--profile", action="store_true", help="write a cProfile of our build (nN/ours.pstats)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one, kept)")
    parser.add_argument("--out", type=Path, default=HERE, help="where RESULTS.md, results.json, results.png go")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.serve_at = sizes[-1] if args.serve_at is None else args.serve_at
    work = args.work or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"scratch folder: {work}", flush=True)
    members = archives.read_tarball(args.tarball)
    if sizes[-1] > len(members):
        parser.error(f"the tarball holds {len(members)} briefings, fewer than {sizes[-1]}")
    results = {"machine": report.machine(), "query": args.query, "repeat": args.repeat,
               "sizes": [run_size(n, members, work, args) for n in sizes]}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    report.write(results, args.out)
    print(f"wrote {args.out / 'RESULTS.md'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main())
