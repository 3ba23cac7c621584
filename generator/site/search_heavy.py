"""Answers made at build time for the words nearly every turn holds.

A search for `president` over 10,000 briefings reads 280,000 postings and their facets (790 KB) to draw 20
results and count the facets. For the words whose postings and facets weigh more than HEAVY_BYTES, the index
also stores what the search page would compute for the word alone (no filter, no other word): how many turns
hold it and in how many briefings, the facets' counts (who, topic, month, kind), and the first FIRST results
of each order (relevance, newest, oldest), with what ranks them. The page uses it for the first pages of such a
search and reads the postings only for a later page, an export, or a narrower search.

The page checks that the answer is the one it would compute: the forms of the word (`forms_of`, the page's
`Index.forms`) and each form's ranking key at every level (`keys`) must be those it finds itself, or it
computes the answer as for any other word. The numbers reproduce `archive-search-core.js` (`idf`,
`postingsOf`, `order`): a posting's weight is idf × the form's weight ÷ LEVELS × level, kept as a 32-bit
float; the ranking key is that × 10,000 rounded half up; ties go to the newest entry.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
import struct
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

HEAVY_BYTES = 32_000
"""A word whose postings and facets (deflated, all its forms) weigh more than this gets its answer made here."""
HEAVY_MOST = 64
"""At most this many words get an answer (the heaviest first): the build's time stays bounded."""
FIRST = 100
"""Results kept per order: five pages of 20. A later page reads the postings."""
STEM_WEIGHT = 0.9
"""A singular or plural of the word typed counts a little less (`STEM_WEIGHT` in archive-search-core.js)."""
MOST_FORMS = 40
"""The page looks for at most 50 forms of a word; a word with more is left to the page."""

_KEEP = frozenset(["news", "series", "species", "united", "during", "nothing", "something", "anything", "everything",
                   "morning", "evening", "spring", "string", "bring", "thing", "things", "hundred", "always", "perhaps"])
_DOUBLED = re.compile(r"([^aeiouylsz])\1$")


def stem(term: str) -> str:
    """The page's stemmer (`stem` in archive-search-query.js), for matching only: plurals folded, then `-ing`
    and `-ed` taken off (a doubled last consonant too) and a final `e`."""
    if len(term) < 4 or any(c.isdigit() for c in term) or term in _KEEP:
        return term
    t = term
    if t.endswith("ies") and not re.search(r"[ae]ies$", t):
        t = t[:-3] + "y"
    elif (t.endswith("es") and not re.search(r"[aeo]es$", t)) or (t.endswith("s") and not re.search(r"(us|ss|is)$", t)):
        t = t[:-1]  # the page's two rules (`-es`, then `-s`) both take the `s` off
    if t in _KEEP:
        return t
    if len(t) > 5 and t.endswith("ing"):
        t = t[:-3]
    elif len(t) > 4 and t.endswith("ed") and not t.endswith("eed"):
        t = t[:-2]
    else:
        return t[:-1] if len(t) > 4 and t.endswith("e") else t
    if _DOUBLED.search(t):
        t = t[:-1]
    return t[:-1] if len(t) > 4 and t.endswith("e") else t


def forms_of(word: str, terms: Sequence[str]) -> list[tuple[str, float]] | None:
    """The index terms (`terms`, sorted) a word typed on the search page stands for, each with its weight, as
    the page's `Index.forms(word, "stem")` finds them; None when the page could stop short (many forms)."""
    root = stem(word)
    if root == word and len(word) < 4:
        return [(word, 1.0)]
    start = root[:-1] if len(root) > 3 and root.endswith("y") else root
    out: list[tuple[str, float]] = []
    for at in range(bisect.bisect_left(terms, start), len(terms)):
        term = terms[at]
        if not term.startswith(start):
            break
        if term == word or stem(term) == root:
            out.append((term, 1.0 if term == word else STEM_WEIGHT))
    return out if len(out) <= MOST_FORMS else None


def js_round(value: float) -> int:
    """`Math.round`: the nearest integer, halves up."""
    low = math.floor(value)
    return low + 1 if value - low >= 0.5 else low


def float32(value: float) -> float:
    return struct.unpack("<f", struct.pack("<f", value))[0]


def level_keys(df: int, weight: float, entries: int, levels: int) -> list[int]:
    """The ranking key of a posting of a form at each level 1..levels, as the page computes it."""
    base = math.log(1 + (entries - df + 0.5) / (df + 0.5)) * weight / levels
    return [js_round(float32(base * level) * 1e4) for level in range(1, levels + 1)]


class Briefings(NamedTuple):
    """What the index's lists say of each briefing: its first entry (and the end), its month, its kind."""

    start: list[int]
    month: list[int]
    kind: list[int]
    turns_end: int

    @classmethod
    def of(cls, days: Iterable[int], sizes: Iterable[int], kinds: Iterable[int], turns_end: int) -> Briefings:
        start, month, ordinal = [0], [], 0
        for gap, size in zip(days, sizes, strict=True):
            ordinal += gap
            day = dt.date.fromordinal(ordinal)
            month.append(day.year * 12 + day.month - 1)
            start.append(start[-1] + size)
        return cls(start, month, list(kinds), turns_end)


class Postings(NamedTuple):
    """A term's postings, in entry order: entry, level, facets (who (+1) × 2 + question; topic set)."""

    docs: Sequence[int]
    levels: Sequence[int]
    codes: Sequence[int]
    sets: Sequence[int]


Read = Callable[[str], tuple[int, Postings]]
"""A term's df and postings, read back from the index."""


def answer(forms: list[tuple[str, float]], read: Read, entries: int, levels: int, briefings: Briefings,
           set_topics: Callable[[int], Sequence[int]]) -> dict[str, Any]:
    """What the search page computes for a word standing for `forms`, alone: counts, facets and the first
    results of each order (a JSON-able blob, `archive-search-core.js` `Index.heavy` reads it). Linear in the
    postings (a few hundred thousand for the heaviest word of 10,000 briefings), held in arrays."""
    keys: list[list[int]] = []
    merged: Columns | None = None
    for number, (term, weight) in enumerate(forms):
        df, postings = read(term)
        keys.append(level_keys(df, weight, entries, levels))
        rank_of, pick_of = [0, *keys[number]], [number * 8 + level for level in range(levels + 1)]  # by level
        one = (array("i", postings.docs), array("i", map(rank_of.__getitem__, postings.levels)),
               array("i", map(pick_of.__getitem__, postings.levels)), array("i", postings.codes),
               array("i", postings.sets))
        del postings  # 4-byte columns, the read ones let go: the heaviest words have a million postings at 10,000
        merged = one if merged is None else _united(merged, one)
    docs, ranked, picks, codes, sets = merged or _empty()
    turns, of_briefing = _turns(docs, briefings)
    kept = [turns[k] for k in sorted({*_relevant(turns, ranked), *_newest(of_briefing),
                                      *range(min(FIRST, len(turns)))})]
    who: Counter[int] = Counter((codes[i] >> 1) - 1 for i in turns if codes[i] >> 1)
    topics: Counter[int] = Counter()
    for topic_set, count in Counter(sets[i] for i in turns).items():
        for topic in set_topics(topic_set):
            topics[topic] += count
    months = Counter(briefings.month[b] for b in of_briefing)
    kinds = Counter(briefings.kind[b] for b in of_briefing if briefings.kind[b])
    return {
        "forms": [[term, weight] for term, weight in forms], "keys": keys, "total": len(turns),
        "briefings": len(set(of_briefing)), "first": min(FIRST, len(turns)),
        "who": _pairs(who), "topics": _pairs(topics), "months": _pairs(months), "kinds": _pairs(kinds),
        "docs": _gaps([docs[i] for i in kept]), "picks": [picks[i] for i in kept],
        "codes": [codes[i] for i in kept], "sets": [sets[i] for i in kept],
    }


Columns = tuple["array[int]", "array[int]", "array[int]", "array[int]", "array[int]"]
"""A word's postings as columns, in entry order: entry, ranking key, form × 8 + level, code, topic set."""


def _empty() -> Columns:
    return array("i"), array("i"), array("i"), array("i"), array("i")


def _united(a: Columns, b: Columns) -> Columns:
    """Two forms' postings as one, an entry once with its best key (`merged` in archive-search-core.js): the
    smaller's entries looked up in the larger (updated in place), those it lacks merged in."""
    if len(a[0]) < len(b[0]):
        a, b = b, a
    docs, missing = a[0], []
    for j, doc in enumerate(b[0]):
        i = bisect.bisect_left(docs, doc)
        if i < len(docs) and docs[i] == doc:
            if b[1][j] > a[1][i]:
                for column in range(1, 5):
                    a[column][i] = b[column][j]
        else:
            missing.append(j)
    if not missing:
        return a
    out = _empty()
    i = 0
    for j in missing:                                 # the larger's run before each missing entry, copied whole
        end = bisect.bisect_left(docs, b[0][j], i)
        for column in range(5):
            out[column].extend(a[column][i:end])
            out[column].append(b[column][j])
        i = end
    for column in range(5):
        out[column].extend(a[column][i:])
    return out


def _turns(docs: Sequence[int], briefings: Briefings) -> tuple[array[int], array[int]]:
    """Of entries in order, where the turns are (not a page's own entry, nor another page) and each one's
    briefing (arrays: as lists of numbers they took 44 bytes a posting, 8 here)."""
    turns = array("i")
    of_briefing = array("i")
    start, number, last = briefings.start, 0, len(briefings.start) - 2
    for at, doc in enumerate(docs):
        if doc >= briefings.turns_end:
            break
        while number < last and start[number + 1] <= doc:
            number += 1
        if start[number] != doc:
            turns.append(at)
            of_briefing.append(number)
    return turns, of_briefing


def _relevant(turns: Sequence[int], ranked: Sequence[int]) -> list[int]:
    """The places in `turns` of the FIRST results by relevance: highest key first, the newest entry first among
    equal keys (the page's `order`). Keys take few values (forms × levels): taken class by class."""
    by_key: dict[int, list[int]] = {}
    for k in range(len(turns) - 1, -1, -1):          # newest first: each class keeps its FIRST newest
        held = by_key.setdefault(ranked[turns[k]], [])
        if len(held) < FIRST:
            held.append(k)
    out: list[int] = []
    for key in sorted(by_key, reverse=True):
        out.extend(by_key[key][:FIRST - len(out)])
    return out


def _newest(of_briefing: Sequence[int]) -> list[int]:
    """The places of the FIRST results newest first: the last briefing's turns in their order, then the one
    before… (the page's `order`, sort `newest`)."""
    out: list[int] = []
    end = len(of_briefing)
    while end and len(out) < FIRST:
        begin = end
        while begin and of_briefing[begin - 1] == of_briefing[end - 1]:
            begin -= 1
        out.extend(range(begin, min(end, begin + FIRST - len(out))))
        end = begin
    return out


def _pairs(counts: Counter[int]) -> list[int]:
    """A count per number, flat and in number order: number, count, number, count…"""
    return [value for number in sorted(counts) for value in (number, counts[number])]


def _gaps(values: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *values], values, strict=False)]


def heavy_words(costs: dict[str, int], terms: Sequence[str]) -> list[tuple[str, list[tuple[str, float]]]]:
    """The words that get an answer, heaviest first, each with its forms: `costs` holds the deflated bytes of the
    postings and facets of the terms with blobs of their own (`search_store`), `terms` every word, sorted."""
    chosen = []
    for word in costs:
        forms = forms_of(word, terms)
        if forms is None:
            continue
        cost = sum(costs.get(term, 0) for term, _ in forms)
        if cost > HEAVY_BYTES:
            chosen.append((cost, word, forms))
    chosen.sort(key=lambda item: (-item[0], item[1]))
    return [(word, forms) for _, word, forms in chosen[:HEAVY_MOST]]
