"""What tagging paragraphs with topics costs: CPU seconds per MB of text, this tree against a baseline.

    python bench/topic_tagging.py CONTENT_DIR [--baseline REV] [--repeat N]

Parses every transcript of `CONTENT_DIR/briefings` once (with registry identities and answer links,
as the build does before tagging), then tags every briefing with this tree's tagger and vocabulary
(`generator/enrich/topics.py`, its `content/topics.yml`) and with the tagger and `content/topics.yml`
of the git revision `--baseline` (default `db34d50`, the tagger before issue 19), alternating, in
this one process, `--repeat` times, keeping each one's fastest run (CPU time of this process, so that
other work on the machine counts less). Prints the text's size, each
tagger's time (vocabulary load apart), seconds per MB, and the ratio; `--json` adds the figures as JSON.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.enrich.annotate import load_config, resolve_speakers  # noqa: E402
from generator.enrich.answers import link_answers  # noqa: E402
from generator.enrich.topics import load_vocabulary, tag_briefing  # noqa: E402
from generator.model import Briefing  # noqa: E402
from generator.read.parse import parse  # noqa: E402
from generator.read.source import read_source  # noqa: E402

BASELINE = "db34d50"


def git_show(rev: str, path: str) -> str:
    return subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout


def baseline_tagger(rev: str) -> ModuleType:
    """The revision's `generator/enrich/topics.py`, as a module of the package (its relative imports
    resolve against this tree's `generator`, whose read and model modules it uses)."""
    name = "generator.enrich._topics_baseline"
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "generator.enrich"
    sys.modules[name] = module
    exec(compile(git_show(rev, "generator/enrich/topics.py"), f"{rev}:generator/enrich/topics.py", "exec"),
         module.__dict__)
    return module


def briefings(content: Path) -> list[Briefing]:
    """Every transcript parsed, identities resolved and answers linked: what tagging starts from."""
    registry, _, errors = load_config(content, str(content))
    out = []
    for path in sorted((content / "briefings").glob("*.txt")):
        try:
            out.append(link_answers(resolve_speakers(parse(read_source(path)), registry)))
        except Exception as exc:  # noqa: BLE001 - a transcript the build would refuse is left out here too
            print(f"skipped {path.name}: {exc}", file=sys.stderr)
    return out


def timed(tag: object, items: list[Briefing], vocabulary: object) -> float:
    start = time.process_time()
    for briefing in items:
        tag(briefing, vocabulary)  # type: ignore[operator]
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--vocabulary", type=Path, default=ROOT / "content" / "topics.yml",
                        help="the vocabulary of this tree's tagger [default: this tree's content/topics.yml]")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cache", type=Path, help="a pickle of the parsed briefings, written once, read after")
    args = parser.parse_args()
    started = time.process_time()
    if args.cache and args.cache.is_file():
        items = pickle.loads(args.cache.read_bytes())
    else:
        items = briefings(args.content)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(items))
    text_mb = sum(len(p.text.encode()) for b in items for t in b.turns for p in t.paragraphs) / 1e6
    print(f"{len(items)} briefings, {text_mb:.1f} MB of paragraph text, parsed in {time.process_time() - started:.0f} s")
    old = baseline_tagger(args.baseline)
    with tempfile.TemporaryDirectory() as scratch:
        old_path = Path(scratch) / "topics.yml"
        old_path.write_text(git_show(args.baseline, "content/topics.yml"), encoding="utf-8")
        start = time.process_time()
        old_vocabulary = old.load_vocabulary(old_path, "baseline/topics.yml")
        old_load = time.process_time() - start
    start = time.process_time()
    new_vocabulary = load_vocabulary(args.vocabulary, str(args.vocabulary))
    new_load = time.process_time() - start
    old_runs, new_runs = [], []
    for _ in range(args.repeat):
        old_runs.append(timed(old.tag_briefing, items, old_vocabulary))
        new_runs.append(timed(tag_briefing, items, new_vocabulary))
    old_s, new_s = min(old_runs), min(new_runs)
    figures = {"briefings": len(items), "text_mb": round(text_mb, 2),
               "baseline": {"rev": args.baseline, "topics": len(old_vocabulary.topics), "load_s": round(old_load, 3),
                            "tag_s": round(old_s, 2), "s_per_mb": round(old_s / text_mb, 3)},
               "current": {"topics": len(new_vocabulary.topics), "load_s": round(new_load, 3),
                           "tag_s": round(new_s, 2), "s_per_mb": round(new_s / text_mb, 3)},
               "ratio": round(new_s / old_s, 2)}
    for label in ("baseline", "current"):
        f = figures[label]
        print(f"{label:9} {f['topics']:3} topics: load {f['load_s']:.2f} s, tag {f['tag_s']:.2f} s "  # type: ignore[index]
              f"({f['s_per_mb']:.3f} s per MB)")  # type: ignore[index]
    print(f"ratio current / baseline: {figures['ratio']:.2f}×")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
