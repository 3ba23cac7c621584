"""A large archive's search index from a real one: the briefings copied with their dates shifted.

    python bench/scale_archive.py CONTENT_DIR OUT_DIR --copies 9 [--offline OFFLINE_DIR] [--pages SITE]

Parses `CONTENT_DIR` (an archive's `content/`, e.g. the 1,137 White House briefings) once, then streams
`--copies` copies of it, each dated five years earlier than the last (`2021-…` → `2016-…` → …, slugs
following the dates), through the search index's writer into `OUT_DIR` (`search/archive` of a site),
and prints the briefings, entries, files, bytes, seconds and the peak memory of the writer. With
`--pages SITE`, each copy's briefing pages are also written beside SITE's (`briefings/<new slug>.html`,
the same page), for a Pagefind index over the same archive.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import resource
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.enrich.loader import Loader  # noqa: E402
from generator.model import Briefing  # noqa: E402
from generator.site.search_index import Site, write_index  # noqa: E402

YEARS = 5


def shifted(briefing: Briefing, copy: int) -> Briefing:
    """The briefing dated `copy` × YEARS years earlier (29 February becomes the 28th), its slug following."""
    if copy == 0:
        return briefing
    date = briefing.date
    try:
        moved = date.replace(year=date.year - YEARS * copy)
    except ValueError:
        moved = dt.date(date.year - YEARS * copy, 2, 28)
    slug = moved.isoformat() + briefing.slug[10:] if briefing.slug[:10] == date.isoformat() else f"{briefing.slug}-c{copy}"
    return dataclasses.replace(briefing, date=moved, slug=slug)


def copies(briefings: tuple[Briefing, ...], count: int) -> Iterator[Briefing]:
    for copy in range(count):
        for briefing in briefings:
            yield shifted(briefing, copy)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("content", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=9)
    parser.add_argument("--offline", type=Path)
    parser.add_argument("--pages", type=Path, help="a built site whose briefing pages are copied for each copy")
    args = parser.parse_args()
    started = time.perf_counter()
    archive = Loader(write_locks=False).load(args.content, args.content.parent)
    loaded = time.perf_counter()
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for folder in (args.out, args.offline):
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    write_index(args.out, list(copies(archive.briefings, args.copies)), archive.topics, lambda: [], offline=args.offline,
                site=Site("Briefing Archive", "https://briefings.example.org/"))
    written = time.perf_counter()
    if args.pages is not None:
        for original, briefing in zip(archive.briefings * args.copies, copies(archive.briefings, args.copies),
                                      strict=True):
            source = args.pages / "briefings" / f"{original.slug}.html"
            target = args.pages / "briefings" / f"{briefing.slug}.html"
            if not target.exists():
                try:
                    target.hardlink_to(source)  # the same bytes: no need to take the space twice
                except OSError:
                    shutil.copy2(source, target)
    files = [p for p in args.out.iterdir() if p.is_file()]
    report = {
        "briefings": len(archive.briefings) * args.copies, "copies": args.copies,
        "entries": json.loads((args.out / "manifest.js").read_text().split(",", 1)[1].rsplit(")", 1)[0])["entries"],
        "files": len(files), "bytes": sum(p.stat().st_size for p in files),
        "largest_file": max(p.stat().st_size for p in files),
        "load_s": round(loaded - started, 1), "index_s": round(written - loaded, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rss_after_load_mb": round(rss_loaded),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
