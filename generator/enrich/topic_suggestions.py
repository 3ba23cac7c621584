"""Proposals for the vocabulary: phrases distinctive of a period, as ready-to-review `topics.yml` entries.

`python -m generator topics suggest` reads the whole archive, counts the phrases (one to three words)
of every paragraph, once per paragraph, by period (a calendar quarter by default), and compares each
period with the rest of the archive (Dunning's log-likelihood, G²): a phrase is distinctive of a
period when it is used there at least `min_count` times and `MIN_RATIO` times as often as in the rest
of the archive. A phrase that already holds a vocabulary term is known and left out; of phrases that
overlap (`inflation reduction`, `inflation reduction act`) the longest is kept when it is used nearly
as often (`NESTED_SHARE`).

Each phrase kept is proposed

- as a **new term of an existing topic** when `TERM_SHARE` of its paragraphs are tagged with that
  topic already (`Omicron` in COVID-19 paragraphs): strong when `STRONG_SHARE` of them are, else weak;
- else as a **new topic**, its id made from the phrase and its title as the archive spells it most.

with its count, its first and last dates, the period it is most distinctive of, and three example
passages (its first, middle and last use, each `briefing-slug#anchor`). The output is YAML in the
vocabulary's own format, comments carrying the evidence, written to a separate file: the vocabulary
itself is never edited. The same archive always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..model import Briefing
from ..text import fold_keeping_offsets, slugify
from ..words import SUGGEST_STOP_WORDS
from .vocabulary import Vocabulary

MIN_COUNT = 12
"""Paragraphs of a period a phrase must be used in to be proposed."""
MIN_RATIO = 3.0
"""How many times more often than in the rest of the archive."""
COMMON_WORD_RATIO = 10.0
"""The ratio a single lower-case word needs (`moratorium`; not `requirements`, `children`)."""
MIN_G2 = 60.0
"""Log-likelihood a phrase needs: far beyond chance, even over the tens of thousands of phrases tried."""
CANDIDATES = 3
"""Per phrase kept, how many of a period's best are looked at closely (examples, uses inside terms)."""
NESTED_SHARE = 0.8
"""A longer phrase replaces a shorter one it holds when used this share as often."""
TERM_SHARE = 0.5
"""Share of a phrase's paragraphs a topic must already hold for the phrase to be proposed as its term."""
STRONG_SHARE = 0.8
"""Share from which that term is proposed as strong rather than weak."""
LONGEST = 3
"""Words in the longest phrase counted."""
EXAMPLES = 3
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
"""A word holding a letter (numbers and dates are no subjects)."""
_POSSESSIVE = re.compile(r"'s$")

Period = str
"""`2022-Q3`, `2022-07` or `2022`."""


@dataclass(frozen=True)
class Use:
    """One paragraph using a phrase."""

    date: dt.date
    slug: str
    anchor: str
    text: str
    topics: tuple[str, ...]
    """The topics the paragraph is tagged with, parents included."""


@dataclass
class Suggestion:
    """A phrase proposed for the vocabulary, with the evidence an editor reviews."""

    phrase: str
    """Folded: lowercase, no accents."""
    period: Period
    count: int
    """Paragraphs of `period` using it."""
    ratio: float
    """How many times more often than in the rest of the archive."""
    score: float
    """Log-likelihood (G²) of its use in the period against the rest."""
    total: int = 0
    """Paragraphs of the whole archive using it."""
    spelling: str = ""
    """As the archive writes it most (`Omicron`, `Inflation Reduction Act`)."""
    first: dt.date | None = None
    last: dt.date | None = None
    examples: list[Use] = field(default_factory=list)
    covered: int = 0
    """Paragraphs where it is part of a vocabulary term (`Reduction Act` in `Inflation Reduction Act`)."""
    topic: str = ""
    """The existing topic it is proposed for as a term; empty for a new topic."""
    strength: str = "strong"


def period_of(date: dt.date, period: str) -> Period:
    """The period a date falls in: `quarter` (`2022-Q3`), `month` (`2022-07`) or `year` (`2022`)."""
    if period == "year":
        return f"{date.year}"
    if period == "month":
        return f"{date.year}-{date.month:02d}"
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


def phrase_words(text: str) -> list[str]:
    """The folded words of a text, as phrases are counted, a possessive's `'s` dropped."""
    return [_POSSESSIVE.sub("", w.replace("’", "'")) for w in _WORD.findall(fold_keeping_offsets(text))]


def phrases(words: Sequence[str], longest: int = LONGEST) -> set[str]:
    """The distinct phrases of one to `longest` words, neither first nor last a stop word."""
    out = set()
    for i, first in enumerate(words):
        if first in SUGGEST_STOP_WORDS or len(first) < 3:
            continue
        for n in range(1, longest + 1):
            if i + n > len(words):
                break
            last = words[i + n - 1]
            if last not in SUGGEST_STOP_WORDS and len(last) >= 3:
                out.add(" ".join(words[i:i + n]))
    return out


def _paragraphs(briefings: Iterable[Briefing]) -> Iterator[tuple[Use, list[str]]]:
    for briefing in sorted(briefings, key=lambda b: (b.date, b.slug)):
        for turn in briefing.turns:
            for paragraph in turn.paragraphs:
                text = paragraph.text
                yield Use(briefing.date, briefing.slug, turn.anchor, text, paragraph.topics), phrase_words(text)


def g2(a: int, b: int, n_a: int, n_b: int) -> float:
    """Dunning's log-likelihood of `a` uses in `n_a` paragraphs against `b` in `n_b`."""
    total = a + b
    expected_a, expected_b = n_a * total / (n_a + n_b), n_b * total / (n_a + n_b)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, expected_a), (b, expected_b)) if o)


def suggest(briefings: Sequence[Briefing], vocabulary: Vocabulary, *, period: str = "quarter",
            min_count: int = MIN_COUNT, per_period: int = 10) -> list[Suggestion]:
    """The phrases to propose, periods in order, the most distinctive first within each."""
    by_period: dict[Period, Counter[str]] = defaultdict(Counter)
    overall: Counter[str] = Counter()
    sizes: Counter[Period] = Counter()
    for use, words in _paragraphs(briefings):
        key = period_of(use.date, period)
        sizes[key] += 1
        found = phrases(words)
        by_period[key].update(found)
        overall.update(found)
    total = sum(sizes.values())
    candidates: list[Suggestion] = []
    for key in sorted(by_period):
        ranked = []
        for phrase, a in by_period[key].items():
            if a < min_count:
                continue
            b, n_b = overall[phrase] - a, total - sizes[key]
            ratio = (a / sizes[key]) / ((b + 0.5) / max(n_b, 1))
            score = g2(a, b, sizes[key], n_b)
            if ratio >= MIN_RATIO and score >= MIN_G2 and not _known(phrase, vocabulary):
                ranked.append(Suggestion(phrase, key, a, ratio, score, overall[phrase]))
        candidates += sorted(_outermost(ranked), key=lambda s: (-s.score, s.phrase))[:CANDIDATES * per_period]
    _add_evidence(candidates, briefings, vocabulary)
    best: dict[str, Suggestion] = {}
    for key in sorted(by_period):
        kept = [s for s in candidates if s.period == key and _specific(s)]
        for chosen in sorted(kept, key=lambda s: (-s.score, s.phrase))[:per_period]:
            if chosen.phrase not in best or chosen.score > best[chosen.phrase].score:
                best[chosen.phrase] = chosen
    return sorted(best.values(), key=lambda s: (s.period, -s.score, s.phrase))


def _known(phrase: str, vocabulary: Vocabulary) -> bool:
    """True when the phrase holds a term of the vocabulary: what it names has a topic already."""
    return bool(vocabulary.matcher.scan(phrase).matches)


def _specific(s: Suggestion) -> bool:
    """True for a phrase worth an editor's time: not mostly a piece of a known term (`Reduction Act`
    in `Inflation Reduction Act`), and, for one common word in lower case, `COMMON_WORD_RATIO` times
    as frequent in its period (`moratorium`, not `requirements`)."""
    if s.covered > TERM_SHARE * s.total:
        return False
    return " " in s.phrase or not s.spelling.islower() or s.ratio >= COMMON_WORD_RATIO


def _outermost(ranked: list[Suggestion]) -> list[Suggestion]:
    """The phrases without those a longer phrase holds and nearly replaces (`NESTED_SHARE`)."""
    counts = {s.phrase: s.count for s in ranked}
    out = []
    for s in ranked:
        longer = [p for p in counts if len(p) > len(s.phrase) and f" {s.phrase} " in f" {p} "]
        if not any(counts[p] >= NESTED_SHARE * s.count for p in longer):
            out.append(s)
    return out


def _add_evidence(kept: list[Suggestion], briefings: Sequence[Briefing], vocabulary: Vocabulary) -> None:
    """Fill in each suggestion's dates, examples, spelling, uses inside a known term, and the topic
    its paragraphs hold."""
    wanted: dict[str, list[Suggestion]] = defaultdict(list)
    for s in kept:
        wanted[s.phrase].append(s)
    uses: dict[str, list[Use]] = defaultdict(list)
    topics: dict[str, Counter[str]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    covered: Counter[str] = Counter()
    for use, words in _paragraphs(briefings):
        present = phrases(words).intersection(wanted)
        if not present:
            continue
        terms = [(m.start, m.end) for m in vocabulary.matcher.scan(use.text).matches]
        for phrase in present:
            at = _find(use.text, phrase)
            uses[phrase].append(use)
            topics[phrase].update(use.topics)
            spellings[phrase][" ".join(use.text[at[0]:at[1]].split()) if at else phrase] += 1
            if at and any(start < at[1] and at[0] < end for start, end in terms):
                covered[phrase] += 1
    for phrase, same in wanted.items():
        found = uses[phrase]
        share = {t: n / len(found) for t, n in topics[phrase].items()}
        holders = [t for t, x in share.items() if x >= TERM_SHARE]
        for s in same:
            s.total, s.first, s.last, s.covered = len(found), found[0].date, found[-1].date, covered[phrase]
            s.examples = [found[k] for k in sorted({0, len(found) // 2, len(found) - 1})][:EXAMPLES]
            s.spelling = min(spellings[phrase].items(), key=lambda item: (-item[1], item[0]))[0]
            if holders:  # the most specific topic holding it: the one with the fewest of its paragraphs
                s.topic = min(holders, key=lambda t: (share[t], t))
                s.strength = "strong" if share[s.topic] >= STRONG_SHARE else "weak"


def _find(text: str, phrase: str) -> tuple[int, int] | None:
    """Where the phrase is first used in the text (offsets into the text as written)."""
    pattern = r"\W+".join(re.escape(w).replace("'", "['’]") for w in phrase.split())
    match = re.search(rf"(?<!\w){pattern}(?:['’]s)?(?!\w)", fold_keeping_offsets(text))
    return (match.start(), match.end() - (2 if match.group().endswith(("'s", "’s")) else 0)) if match else None


def excerpt_around(text: str, phrase: str, width: int = 160) -> str:
    """About `width` characters of `text` around the phrase's first use, on one line."""
    at = _find(text, phrase)
    start = max(0, (at[0] if at else 0) - width // 2)
    piece = " ".join(text[start:start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def suggestions_yaml(found: Sequence[Suggestion], vocabulary: Vocabulary, period: str) -> str:
    """The suggestions as `topics.yml` entries, evidence in comments: first one entry per existing
    topic with the terms proposed for it, then one per new topic. The text loads as a vocabulary."""
    lines = [
        f"# Proposed by `python -m generator topics suggest`: phrases distinctive of a period (a {period})",
        "# against the whole archive. Review each: keep, rename, reword, set `parents` and a description,",
        "# then copy it into content/topics.yml (entries for existing topics: add the terms to that topic).",
        "# This file is only a proposal: the vocabulary is never edited by the command.",
        "",
        "topics:" if found else "topics: []",
    ]
    by_topic: dict[str, list[Suggestion]] = defaultdict(list)
    for s in found:
        if s.topic:
            by_topic[s.topic].append(s)
    for topic in sorted(by_topic, key=vocabulary.order.__getitem__):
        terms = sorted(by_topic[topic], key=lambda s: (s.period, -s.score, s.phrase))
        lines += ["", f"  # New terms for the existing topic {topic!r}: add them to its entry."]
        for s in terms:
            lines += _evidence(s)
        lines += [f"  - id: {topic}", f"    title: {_quoted(vocabulary.by_id[topic].title)}"]
        for strength in ("strong", "weak"):
            chosen = [_quoted(s.spelling) for s in terms if s.strength == strength]
            if chosen:
                lines.append(f"    {strength}: [{', '.join(chosen)}]")
    taken = {t.id for t in vocabulary.topics}
    for s in (s for s in found if not s.topic):
        topic_id = _free_id(slugify(s.spelling) or "topic", taken)
        taken.add(topic_id)
        lines += ["", *_evidence(s),
                  f"  - id: {topic_id}",
                  f"    title: {_quoted(s.spelling[:1].upper() + s.spelling[1:])}",
                  "    # description: what the topic covers; parents: [broader topic ids]",
                  f"    strong: [{_quoted(s.spelling)}]"]
    return "\n".join(lines) + "\n"


def _evidence(s: Suggestion) -> list[str]:
    lines = [f"  # {s.spelling!r}: {s.total} passages from {s.first} to {s.last}; most distinctive in {s.period}"
             f" ({s.count} passages, {s.ratio:.1f}× the rate of the rest, G² {s.score:.0f})"]
    for use in s.examples:
        lines.append(f"  #   {use.slug}#{use.anchor} ({use.date}): {excerpt_around(use.text, s.phrase)}")
    return lines


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (every value comes from transcripts: quote them all)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else " " for c in escaped) + '"'


def _free_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate
