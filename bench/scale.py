"""What an archive costs to build as it grows: `python bench/scale.py --source CONTENT --sizes 1000,10000`.

For each size N, a scratch project of N briefings is made from an imported archive (`--source`, a content
folder of transcripts with their anchor locks: the 1,137 White House briefings imported from the tarball),
copies of it shifted by four years each (`archives.make_scaled`), and built with `mkdocs build`, measured
from outside (`buildstats.build`): cold (no cache, as CI or a fresh clone), warm (nothing changed), and after
one transcript is edited. Then the output is measured against the limits of static hosts: bytes and files,
the largest file, HTML pages over 500 KB, the offline zip. `--serve-at N` also times `mkdocs serve` showing
an edit (`serve_edit.py`). Writes `scale.json` and prints a Markdown table (bench/SCALE.md holds the figures).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path

import archives
import buildstats
import serve_edit

HERE = Path(__file__).resolve().parent
PAGE_LIMIT = 500_000
"""Bytes an HTML page may weigh (a briefing page may weigh as much as its transcript)."""
FILE_LIMIT = 25 * 2**20
"""Cloudflare Pages' largest file."""


def site_figures(project: Path) -> dict[str, object]:
    """The output against the hosts' limits."""
    site = project / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    transcripts = {p.stem: p.stat().st_size for p in (project / "content" / "briefings").glob("*.txt")}
    text = sum(transcripts.values())
    heavy = []
    for page in (p for p in files if p.suffix == ".html" and p.stat().st_size > PAGE_LIMIT):
        size = page.stat().st_size
        own = transcripts.get(page.stem, 0) if page.parent.name == "briefings" else 0
        if size > max(PAGE_LIMIT, own):
            heavy.append([page.relative_to(site).as_posix(), size])
    biggest = max(files, key=lambda p: p.stat().st_size)
    html = [p for p in files if p.suffix == ".html"]
    largest_html = max(html, key=lambda p: p.stat().st_size)
    zips = sorted((project / "dist").glob("*.zip"))
    return {
        "briefings": len(transcripts), "text_bytes": text,
        "site_bytes": sum(p.stat().st_size for p in files), "site_files": len(files),
        "data_bytes": sum(p.stat().st_size for p in files if p.relative_to(site).parts[0] == "data"),
        "search_files": sum(1 for p in files if p.relative_to(site).parts[0] == "search"),
        "largest_file": [biggest.relative_to(site).as_posix(), biggest.stat().st_size],
        "largest_html": [largest_html.relative_to(site).as_posix(), largest_html.stat().st_size],
        "pages_over_limit": sorted(heavy, key=lambda item: -int(item[1]))[:10],
        "files_over_25mb": sum(1 for p in files if p.stat().st_size > FILE_LIMIT),
        "zip_bytes": zips[0].stat().st_size if zips else 0,
        "cache_bytes": sum(p.stat().st_size for p in (project / ".cache").rglob("*") if p.is_file()),
    }


def edit(transcript: Path, marker: str) -> str:
    """Put `marker` at the start of the first turn's words; returns the original text."""
    original = transcript.read_text(encoding="utf-8")
    match = serve_edit.LABEL.search(original)
    assert match is not None, transcript
    transcript.write_text(original[:match.end()] + marker + " " + original[match.end():], encoding="utf-8")
    return original


def measure(n: int, source: Path, work: Path, args: argparse.Namespace) -> dict[str, object]:
    project = work / f"n{n}"
    if not (project / "mkdocs.yml").exists():
        shutil.rmtree(project, ignore_errors=True)
        started = time.perf_counter()
        archives.make_scaled(project, source, n)
        print(f"[N={n}] project made in {time.perf_counter() - started:.0f} s", flush=True)
    for stale in (".cache", "site", "dist"):
        shutil.rmtree(project / stale, ignore_errors=True)
    runs: dict[str, object] = {"n": n}
    cold = buildstats.build(project, project / "site", work, timeout=args.build_timeout)
    runs["cold"] = asdict(cold)
    print(f"[N={n}] cold: {cold.wall_s:.0f} s wall, {cold.cpu_s:.0f} s CPU, peak RSS {cold.peak_rss_mb:.0f} MB "
          f"(MkDocs process {cold.parent_peak_rss_mb:.0f} MB, all processes {cold.tree_peak_pss_mb:.0f} MB PSS)",
          flush=True)
    runs["site"] = site_figures(project)
    print(f"[N={n}] site: {json.dumps(runs['site'])}", flush=True)
    warm = buildstats.build(project, project / "site", work, timeout=args.build_timeout)
    runs["warm"] = asdict(warm)
    transcript = sorted((project / "content" / "briefings").glob("*.txt"))[n // 2]
    original = edit(transcript, "Scalebenchmarker")
    try:
        edited = buildstats.build(project, project / "site", work, timeout=args.build_timeout)
    finally:
        transcript.write_text(original, encoding="utf-8")
        (transcript.with_name(transcript.stem + ".anchors.json")).unlink(missing_ok=True)
    runs["edited"] = asdict(edited)
    print(f"[N={n}] warm {warm.wall_s:.1f} s, after one edit {edited.wall_s:.1f} s", flush=True)
    if n == args.serve_at:
        runs["serve"] = asdict(serve_edit.measure(project, transcript, dirty=False, edits=2,
                                                  timeout_s=args.build_timeout))
        print(f"[N={n}] serve: {runs['serve']}", flush=True)
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, required=True, help="a content folder: transcripts and their locks")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--serve-at", type=int, default=0, help="N at which to time `mkdocs serve` (0: skip)")
    parser.add_argument("--build-timeout", type=float, default=3600)
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (projects are kept for reuse)")
    parser.add_argument("--out", type=Path, default=HERE / "scale.json")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = [measure(int(n), args.source.resolve(), args.work.resolve(), args) for n in args.sizes.split(",")]
    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    previous.update({str(r["n"]): r for r in results})
    args.out.write_text(json.dumps(previous, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main())
