"""Score topic tagging against the hand-annotated truth in `tests/topic_truth/*.yml`.

Each truth item names a paragraph of a transcript under `tests/corpus/` by `file` and `line` (the
1-based line where the paragraph starts), repeats its `text` and lists its `topics` (the most specific
ones; see `tests/topic_truth/RULES.md`). The scorer parses every transcript as the archive publishes
it (`generator.enrich.loader.published`, with the vocabulary of a content folder, `content/` by default),
finds each paragraph by its line, checks that its text is still the annotated one, expands both the
truth and the tagger's topics with their ancestors (a `fentanyl` paragraph is a `drugs` paragraph),
and counts (paragraph, topic) pairs: micro precision, recall and F1, per topic and overall, and the
exact-set rate (paragraphs whose expanded topic sets are equal).

    python tests/topic_score.py [--content DIR] [--kind random|targeted] [--worst N]

prints the table and the paragraphs with the most false positives and false negatives.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
TRUTH = ROOT / "tests" / "topic_truth"
CONTENT = ROOT / "content"

Key = tuple[str, int]
"""A paragraph: its transcript (relative to tests/corpus) and the line it starts on."""


class TruthError(ValueError):
    """The truth files do not match the transcripts or the vocabulary."""


@dataclass(frozen=True)
class Item:
    """One annotated paragraph."""

    file: str
    line: int
    text: str
    topics: tuple[str, ...]
    kind: str = ""
    source: str = ""
    """The truth file and item number, for messages."""

    @property
    def key(self) -> Key:
        return (self.file, self.line)


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives over (paragraph, topic) pairs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Scores:
    """Overall counts, the exact-set rate, and counts per topic."""

    overall: Counts
    exact: float
    paragraphs: int
    topics: dict[str, Counts] = field(default_factory=dict)


# ---- pure functions ----

def load_truth(paths: Iterable[Path]) -> list[Item]:
    """The items of the truth files, in order; a malformed item or a paragraph annotated twice raises."""
    items: list[Item] = []
    seen: dict[Key, str] = {}
    for path in paths:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for n, raw in enumerate(doc.get("paragraphs") or [], 1):
            where = f"{path.name}#{n}"
            if not isinstance(raw, dict) or not {"file", "line", "text", "topics"} <= raw.keys():
                raise TruthError(f"{where}: an item needs file, line, text and topics")
            topics = raw["topics"] or []
            if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
                raise TruthError(f"{where}: topics must be a list of ids")
            item = Item(str(raw["file"]), int(raw["line"]), str(raw["text"]), tuple(topics),
                        str(raw.get("kind", "")), where)
            if item.key in seen:
                raise TruthError(f"{where}: {item.file}:{item.line} is already annotated in {seen[item.key]}")
            seen[item.key] = where
            items.append(item)
    return items


def ancestors(topic: str, parents: Mapping[str, Sequence[str]]) -> set[str]:
    """`topic` and every topic above it."""
    out: set[str] = set()
    todo = [topic]
    while todo:
        t = todo.pop()
        if t not in out:
            out.add(t)
            todo.extend(parents.get(t, ()))
    return out


def expand(topics: Iterable[str], parents: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The topics with all their ancestors."""
    return frozenset(a for t in topics for a in ancestors(t, parents))


def most_specific(topics: Iterable[str], parents: Mapping[str, Sequence[str]]) -> list[str]:
    """The topics that are no other listed topic's ancestor, sorted (for reading)."""
    topics = set(topics)
    above = {a for t in topics for a in ancestors(t, parents) if a != t}
    return sorted(topics - above)


def check_topics(items: Iterable[Item], known: Iterable[str]) -> None:
    """Raise when an item names a topic the vocabulary does not have."""
    known = set(known)
    for item in items:
        if unknown := [t for t in item.topics if t not in known]:
            raise TruthError(f"{item.source}: unknown topic(s) {', '.join(unknown)}")


def score(pairs: Iterable[tuple[frozenset[str], frozenset[str]]]) -> Scores:
    """Micro counts over (truth, predicted) topic sets, one pair per paragraph, both already expanded."""
    per: dict[str, Counts] = {}
    total, exact, n = Counts(), 0, 0
    for truth, got in pairs:
        n += 1
        exact += truth == got
        for topic in truth | got:
            c = Counts(int(topic in truth and topic in got), int(topic in got and topic not in truth),
                       int(topic in truth and topic not in got))
            per[topic] = per.get(topic, Counts()) + c
            total += c
    return Scores(total, exact / n if n else 1.0, n, per)


def worst(items: Sequence[Item], truth: Mapping[Key, frozenset[str]], got: Mapping[Key, frozenset[str]],
          positives: bool, n: int) -> list[tuple[Item, list[str]]]:
    """The `n` paragraphs with the most false positives (`positives`) or false negatives, most first."""
    rows = []
    for item in items:
        wrong = sorted(got[item.key] - truth[item.key]) if positives else sorted(truth[item.key] - got[item.key])
        if wrong:
            rows.append((item, wrong))
    rows.sort(key=lambda row: (-len(row[1]), row[0].file, row[0].line))
    return rows[:n]


def table(scores: Scores, order: Sequence[str] = ()) -> str:
    """The overall line and one line per topic (topics in `order` first, then the rest by id)."""
    o = scores.overall
    lines = [f"paragraphs {scores.paragraphs}   pairs: tp {o.tp}  fp {o.fp}  fn {o.fn}",
             f"micro P {o.precision:.3f}  R {o.recall:.3f}  F1 {o.f1:.3f}   exact-set rate {scores.exact:.3f}",
             "", f"{'topic':26} {'truth':>5} {'got':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    ids = [t for t in order if t in scores.topics] + sorted(set(scores.topics) - set(order))
    for t in ids:
        c = scores.topics[t]
        lines.append(f"{t:26} {c.tp + c.fn:5} {c.tp + c.fp:5} {c.tp:4} {c.fp:4} {c.fn:4} "
                     f"{c.precision:6.2f} {c.recall:6.2f} {c.f1:6.2f}")
    return "\n".join(lines)


def worst_topics(scores: Scores, n: int) -> list[tuple[str, Counts]]:
    """The `n` topics with the lowest F1 (more errors first among equals)."""
    rows = sorted(scores.topics.items(), key=lambda kv: (kv[1].f1, -(kv[1].fp + kv[1].fn), kv[0]))
    return rows[:n]


# ---- the project's pipeline ----

def truth_files(folder: Path = TRUTH) -> list[Path]:
    return sorted(folder.glob("*.yml"))


def vocabulary_parents(content_dir: Path) -> dict[str, tuple[str, ...]]:
    """Each topic's parents in the content folder's topics.yml."""
    from generator.enrich.topics import load_vocabulary
    if not (content_dir / "topics.yml").is_file():
        raise TruthError(f"no topics.yml in {content_dir}")
    vocabulary = load_vocabulary(content_dir / "topics.yml", str(content_dir / "topics.yml"))
    return {t.id: t.parents for t in vocabulary.topics}


def publish(paths: Iterable[Path], content_dir: Path) -> dict[Path, object]:
    """Each transcript as the archive publishes it with `content_dir`'s speakers.yml and topics.yml:
    parsed, then annotated (identities, answer links, topics). This is `generator.enrich.loader.published`
    without the anchor lock, which changes no paragraph, and with the configuration read once, not
    once per file (reading topics.yml is most of the cost)."""
    from generator.enrich.annotate import annotate, load_config
    from generator.read.parse import parse
    from generator.read.source import read_source
    registry, vocabulary, errors = load_config(content_dir, str(content_dir))
    if errors:
        raise errors[0]
    return {path: annotate(parse(read_source(path)), registry, vocabulary) for path in paths}


def tagged(items: Sequence[Item], content_dir: Path, corpus: Path = CORPUS) -> dict[Key, tuple[str, ...]]:
    """The topics the archive publishes for each item's paragraph (each transcript parsed once);
    raises when a line starts no paragraph or the paragraph's text is not the annotated one."""
    files = sorted({i.file for i in items})
    briefings = publish([corpus / f for f in files], content_dir)
    out: dict[Key, tuple[str, ...]] = {}
    for file in files:
        briefing = briefings[corpus / file]
        paragraphs = {p.line: p for t in briefing.turns for p in t.paragraphs}  # type: ignore[attr-defined]
        for item in (i for i in items if i.file == file):
            p = paragraphs.get(item.line)
            if p is None:
                raise TruthError(f"{item.source}: no paragraph starts at {file}:{item.line}")
            if " ".join(p.text.split()) != " ".join(item.text.split()):
                raise TruthError(f"{item.source}: {file}:{item.line} no longer reads as annotated")
            out[item.key] = p.topics
    return out


def evaluate(items: Sequence[Item], content_dir: Path = CONTENT, corpus: Path = CORPUS
             ) -> tuple[Scores, dict[Key, frozenset[str]], dict[Key, frozenset[str]]]:
    """Scores of the published tagging of `items`, and the expanded truth and predictions per paragraph."""
    parents = vocabulary_parents(content_dir)
    check_topics(items, parents)
    raw = tagged(items, content_dir, corpus)
    truth = {i.key: expand(i.topics, parents) for i in items}
    got = {i.key: expand(raw[i.key], parents) for i in items}
    return score((truth[i.key], got[i.key]) for i in items), truth, got


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=CONTENT, help="content folder whose topics.yml tags")
    parser.add_argument("--kind", choices=["random", "targeted"], help="score only random or targeted items")
    parser.add_argument("--worst", type=int, default=12, help="how many worst paragraphs to show")
    args = parser.parse_args(argv)
    items = load_truth(truth_files())
    if args.kind:
        items = [i for i in items if i.kind.split("/")[0] == args.kind]
    scores, truth, got = evaluate(items, args.content)
    parents = vocabulary_parents(args.content)
    order = list(parents)
    print(table(scores, order))
    print("\nworst topics (F1):", ", ".join(f"{t} {c.f1:.2f}" for t, c in worst_topics(scores, 10)))
    for label, subset in (("random", "random"), ("targeted", "targeted"), ("State (dos-*)", "dev/dos-"),
                          ("White House (wh-*, topics/)", "wh")):
        if subset == "wh":
            part = [i for i in items if not i.file.startswith("dev/dos-")]
        elif subset.startswith("dev/"):
            part = [i for i in items if i.file.startswith(subset)]
        else:
            part = [i for i in items if i.kind.split("/")[0] == subset]
        if part:
            s = score((truth[i.key], got[i.key]) for i in part)
            print(f"  {label:28} n={s.paragraphs:3}  P {s.overall.precision:.3f}  R {s.overall.recall:.3f}  "
                  f"F1 {s.overall.f1:.3f}  exact {s.exact:.3f}")
    for positives, title in ((True, "false positives"), (False, "false negatives")):
        print(f"\n== worst {title} ==")
        for item, wrong in worst(items, truth, got, positives, args.worst):
            print(f"- {item.file}:{item.line} [{item.kind}] {'+' if positives else '-'}{', '.join(wrong)}")
            print(f"  truth {most_specific(item.topics, parents)}; got {most_specific(got[item.key], parents)}")
            text = " ".join(item.text.split())
            print(f"  {text[:300]}{'…' if len(text) > 300 else ''}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
