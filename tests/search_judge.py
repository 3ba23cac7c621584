"""Judges the search page's ranking against the journalists' questions in tests/search_truth/questions.yml.

Each question's expected turns (briefing slug, first words) are found in a built index, the question is
run by the browser's own engine in Node (tests/js/run-queries.js over the same index), and each
expected turn's rank is reported, with the mean reciprocal rank (MRR) of the first expected turn found:

    python tests/search_judge.py site/search/archive [--corpus wh] [--limit 10]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.site.search_store import StoreReader  # noqa: E402

QUESTIONS = ROOT / "tests" / "search_truth" / "questions.yml"
RUNNER = ROOT / "tests" / "js" / "run-queries.js"
BADGES = ("Via interpreter", "Partly via interpreter")


@dataclass
class Judged:
    """One question: its expected turns `(slug, anchor)`, the results' turns, and where each expected one ranks."""

    id: str
    params: str
    expected: list[tuple[str, str]]
    results: list[tuple[str, str]]
    count: int
    problems: list[str]
    ms: float
    ranks: list[int | None] = field(default_factory=list)

    @property
    def reciprocal(self) -> float:
        found = [r for r in self.ranks if r is not None]
        return 1 / min(found) if found else 0.0


def questions(corpus: str | None = None) -> list[dict[str, Any]]:
    """The questions (of one corpus, `wh` or `dev`, when given)."""
    items: list[dict[str, Any]] = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [q for q in items if corpus is None or q["corpus"] == corpus]


def _words(text: str) -> str:
    return " ".join(text.split())


def expected_turns(index: Path, items: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    """Each question's expected turns as `(slug, anchor)`, found in the index by slug and first words.
    An expected turn not in the index is an error naming the question."""
    wanted = {(e["briefing"], _words(e["starts"])) for q in items for e in q["expect"]}
    by_slug: dict[str, list[tuple[str, str]]] = {}
    page = ""
    for location, _, text, *_ in StoreReader(index).entries():
        if not location.startswith("#"):
            page = location
            continue
        slug = page.removeprefix("briefings/").removesuffix(".html")
        words = _words(text)
        for badge in BADGES:  # an interpreted turn's entry starts with its badge
            words = words.removeprefix(badge + " ")
        by_slug.setdefault(slug, []).append((location[1:], words))
    out: dict[str, list[tuple[str, str]]] = {}
    for q in items:
        found = []
        for e in q["expect"]:
            slug, starts = e["briefing"], _words(e["starts"])
            hits = [anchor for anchor, text in by_slug.get(slug, []) if text.startswith(starts)]
            if len(hits) != 1:
                raise LookupError(f"{QUESTIONS.name}: question {q['id']!r}: {len(hits)} turns of {slug!r} start with "
                                  f"{starts!r}" + ("" if slug in by_slug else " (no such briefing)"))
            found.append((slug, hits[0]))
        out[q["id"]] = found
    assert not wanted - {(e["briefing"], _words(e["starts"])) for q in items for e in q["expect"]}
    return out


def judge(index: Path, items: list[dict[str, Any]], limit: int = 10) -> list[Judged]:
    """Every question run over `index`; the ranks of its expected turns among the first `limit` results."""
    expected = expected_turns(index, items)
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise RuntimeError("Node.js is needed to run the search engine (apt-get install nodejs)")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump([{"id": q["id"], "params": q["params"]} for q in items], handle)
    try:
        run = subprocess.run([node, str(RUNNER), str(index), handle.name, str(limit)], capture_output=True,
                             text=True, timeout=600, check=True)
    finally:
        Path(handle.name).unlink()
    out = []
    for q, answer in zip(items, json.loads(run.stdout), strict=True):
        results = [(r["slug"], r["anchor"]) for r in answer["results"]]
        judged = Judged(q["id"], q["params"], expected[q["id"]], results, answer["count"], answer["problems"], answer["ms"])
        judged.ranks = [results.index(turn) + 1 if turn in results else None for turn in judged.expected]
        out.append(judged)
    return out


def mrr(judged: list[Judged]) -> float:
    """Mean reciprocal rank of each question's best-ranked expected turn (0 when none is in the results)."""
    return sum(j.reciprocal for j in judged) / len(judged) if judged else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("index", type=Path, help="a built index: site/search/archive")
    parser.add_argument("--corpus", choices=["wh", "dev"], help="only the questions of this corpus")
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()
    judged = judge(args.index, questions(args.corpus), args.limit)
    for j in judged:
        ranks = ", ".join("-" if r is None else str(r) for r in j.ranks)
        print(f"{j.id:40} ranks {ranks:12} of {j.count:6,} results  {j.ms:6.0f} ms  {'; '.join(j.problems)}")
    print(f"MRR {mrr(judged):.3f} over {len(judged)} questions; "
          f"{sum(all(r is not None for r in j.ranks) for j in judged)} with every expected turn in the first {args.limit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
