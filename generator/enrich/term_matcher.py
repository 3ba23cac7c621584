"""Finding a vocabulary's terms in a text: whole words, word forms by stem, offsets into the original.

A text is folded (`text.fold_keeping_offsets`: lowercase, no accents, one character for one, so
offsets hold in the original) and split into words. A term's word matches a text's word with the
same Snowball stem (`koreans` → `korean`, `vaccinated` → `vaccin`), a trailing `*` any word starting
with what precedes it, and an `exact_case` term only the letters as written. Where terms overlap, the
one spanning most words wins (`drug trafficking`, not `drug`); terms spanning the same words all count.

Cost: a dictionary look-up per word of text. Each distinct word is described once per process
(stemmed only when it could be some term's word: but for the English stemmer's `dying`, `lying` and
`tying`, a Snowball stem but its last letter is a prefix of its word), and terms are indexed by the
stems of their first two words, so a common first word (`the`) costs one look-up, not one per term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import NamedTuple

import snowballstemmer

from ..text import fold_keeping_offsets
from ..words import COMMON_LEADS

_SPLIT = re.compile(r"(\w+)")
"""Splits a text into separator, word, separator, …: the words and, by summing lengths, where they are."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    """One match term of a topic, as the vocabulary writes it."""

    text: str
    kind: str = "strong"
    """`strong`, `weak` or `implicit` (see the module docstring)."""
    near: tuple[str, ...] = ()
    """The term counts only in a sentence that also holds one of these."""
    not_near: tuple[str, ...] = ()
    """The term does not count in a sentence that also holds one of these."""
    exact_case: bool = False
    """Match the letters' case as written (`ICE`, `AI`, `SAVE`)."""
    line: int = 0

    @property
    def guarded(self) -> bool:
        return bool(self.near or self.not_near)


def words(text: str) -> list[str]:
    """A term's words, folded as texts are (lowercase, no accents)."""
    return _WORD.findall(fold_keeping_offsets(text))


class Match(NamedTuple):
    """One term found in a text: where (in the original text), which topic, which term."""

    start: int
    end: int
    topic: str
    term: Term
    first: int
    """Index in the text's words of the match's first word."""
    last: int
    """Index of its last word."""

    @property
    def kind(self) -> str:
        return self.term.kind


@dataclass(frozen=True)
class Phrase:
    """A term compiled: the stems of its words, and the prefix its wildcard last word must start with."""

    stems: tuple[str, ...]
    forms: tuple[str, ...]
    """The words matched by stem, folded, without a last `e` or `y` (`polic` for `policy`): a text's word
    must share its stem and start with this (see `_same_word`)."""
    prefix: str = ""
    """The last word's beginning, for a `word*` term; empty when every word is matched by stem."""
    exact: tuple[str, ...] = ()
    """The words as written, for an `exact_case` term."""
    size: int = 0
    """How many words it spans."""
    anchor: int = 0
    """The word it is filed under: its first that is no common word (`economy` in `the economy`,
    `vote` in `right to vote`), so that `the` starts no look-up."""


@dataclass
class _Entry:
    phrase: Phrase
    claims: list[tuple[str, Term]] = field(default_factory=list)

    @property
    def simple(self) -> bool:
        """One word matched as it stands: a word it was filed under fits it."""
        return self.phrase.size == 1 and not self.phrase.exact


@dataclass
class _Bucket:
    """The entries filed under one stem, by what the word after it must be."""

    always: list[_Entry] = field(default_factory=list)
    """Entries that end at the anchor, or whose next word is a wildcard."""
    by_next: dict[str, list[_Entry]] = field(default_factory=dict)


_Start = tuple[tuple[_Entry, ...], dict[str, tuple[_Entry, ...]]]
"""The entries that may start at a word: those that need nothing of the next word, and the others by
the next word's stem."""


@dataclass(frozen=True)
class Scan:
    """A text as the matcher read it: its words, where they are, and the terms found."""

    text: str
    parts: list[str]
    """Separator, word, separator, … of the folded text (`_SPLIT`)."""
    matches: tuple[Match, ...]
    ends: list[int] = field(default_factory=list)
    """Cumulative part lengths, when something matched: word k spans `ends[2k]` to `ends[2k + 1]`."""

    @cached_property
    def words(self) -> list[str]:
        """The words of `parts`, listed once (a paragraph's rules read them for every pair of mentions)."""
        return self.parts[1::2]


class TermMatcher:
    """Every term of a vocabulary compiled into one index."""

    def __init__(self, claims: Iterable[tuple[str, Term]], guards: Iterable[str] = ()) -> None:
        self._stem_word = snowballstemmer.stemmer("english").stemWord
        self._stems: dict[str, str] = {}
        """Per word met: its stem when it could be a term's word, else ""."""
        entries: dict[Phrase, _Entry] = {}
        for topic, term in claims:
            phrase = self._compile(term.text, term.exact_case)
            entries.setdefault(phrase, _Entry(phrase)).claims.append((topic, term))
        self._guards = {g: self._compile(g, False) for g in sorted(guards)}
        guard_phrases = list(self._guards.values())
        self._roots: dict[str, float] = {}
        """What a word must start with to be stemmed (every term word's stem but its last letter), and
        how long it may be: a short stem comes only from a short word (`us`, `ice`, `gas`)."""
        for phrase in [*entries, *guard_phrases]:
            for stem in phrase.stems:
                root, longest = (stem[:-1], float("inf")) if len(stem) > 3 else (stem[:2], len(stem) + 4)
                self._roots[root] = max(self._roots.get(root, 0), longest)
        self._root_lengths = sorted({len(r) for r in self._roots})
        self._buckets: dict[str, _Bucket] = {}
        self._prefixed: dict[str, list[_Entry]] = {}
        for phrase, entry in sorted(entries.items(), key=lambda item: (item[0].stems, item[0].prefix)):
            if not phrase.stems:
                self._prefixed.setdefault(phrase.prefix, []).append(entry)
                continue
            bucket = self._buckets.setdefault(phrase.stems[phrase.anchor], _Bucket())
            if phrase.anchor + 1 < len(phrase.stems):
                bucket.by_next.setdefault(phrase.stems[phrase.anchor + 1], []).append(entry)
            else:
                bucket.always.append(entry)
        self._prefix_lengths = sorted({len(p) for p in self._prefixed})
        self._starts: dict[str, _Start] = {}
        """Per word met: the entries that may start at it."""
        self._live: set[str] = set()
        """The words met that some entry may start at."""

    def _compile(self, text: str, exact: bool) -> Phrase:
        folded = words(text)
        wild = text.endswith("*")
        stemmed = folded[:-1] if wild else folded
        anchor = next((k for k, w in enumerate(stemmed) if w not in COMMON_LEADS), 0)
        return Phrase(tuple(self._stem_word(w) for w in stemmed), tuple(_base(w) for w in stemmed),
                      folded[-1] if wild else "", tuple(_WORD.findall(text)) if exact else (), len(folded), anchor)

    def stem(self, word: str) -> str:
        """The word's stem when it could be a term's word; "" when no term has a word of its stem."""
        stem = self._stems.get(word)
        if stem is not None:
            return stem
        stem = ""
        for length in self._root_lengths:
            if length > len(word):
                break
            if len(word) <= self._roots.get(word[:length], -1):
                stem = self._stem_word(word)
                break
        self._stems[word] = stem
        return stem

    def scan(self, text: str) -> Scan:
        """The terms in `text`: at each word, left to right, the longest starting there, and the next
        looked for after it."""
        parts = _SPLIT.split(fold_keeping_offsets(text))
        words_ = parts[1::2]
        starts = self._starts
        for word in set(words_).difference(starts):
            starts[word] = self._describe(word)
        present = self._live.intersection(words_)
        if not present:
            return Scan(text, parts, ())
        ends = list(accumulate(map(len, parts)))
        fitting: list[tuple[int, int, _Entry]] = []
        count, stems = len(words_), self._stems
        for i in [i for i, word in enumerate(words_) if word in present]:
            always, by_next = starts[words_[i]]
            candidates = always
            if by_next and i + 1 < count:
                following = words_[i + 1]
                more = by_next.get((stems[following] if following in stems else self.stem(following)) or "")
                if more:
                    candidates = always + more
            for entry in candidates:
                start = i - entry.phrase.anchor
                if entry.simple or (start >= 0 and self._fits(entry.phrase, words_, start, text, ends)):
                    fitting.append((start, -entry.phrase.size, entry))
        found: list[Match] = []
        after, size = 0, 0
        for start, negative, entry in sorted(fitting, key=lambda f: (f[0], f[1])):
            if start < after and not (found and start == found[-1].first and -negative == size):
                continue
            size = -negative
            last = start + size - 1
            found.extend(Match(ends[2 * start], ends[2 * last + 1], topic, term, start, last) for topic, term in entry.claims)
            after = last + 1
        return Scan(text, parts, tuple(found), ends)

    def _describe(self, word: str) -> _Start:
        """The entries that may be found at `word`: those filed under its stem, when it is a form of
        their word, and the one-word `prefix*` entries it starts with."""
        always: list[_Entry] = []
        for length in self._prefix_lengths:
            if length > len(word):
                break
            always.extend(self._prefixed.get(word[:length], ()))
        stem = self.stem(word)
        bucket = self._buckets.get(stem) if stem is not None else None
        by_next: dict[str, tuple[_Entry, ...]] = {}
        if bucket is not None:
            always.extend(e for e in bucket.always if _same_word(word, e.phrase.forms[e.phrase.anchor]))
            for following, entries in bucket.by_next.items():
                kept = tuple(e for e in entries if _same_word(word, e.phrase.forms[e.phrase.anchor]))
                if kept:
                    by_next[following] = kept
        if always or by_next:
            self._live.add(word)
        return tuple(always), by_next

    def _fits(self, phrase: Phrase, words_: list[str], i: int, text: str, ends: list[int]) -> bool:
        """True when the text's words from `i` on spell `phrase` (its anchor word is known to fit)."""
        if i + phrase.size > len(words_):
            return False
        for k in range(len(phrase.stems)):
            if k == phrase.anchor:
                continue
            word = words_[i + k]
            if self.stem(word) != phrase.stems[k] or not _same_word(word, phrase.forms[k]):
                return False
        if phrase.prefix and not words_[i + len(phrase.stems)].startswith(phrase.prefix):
            return False
        if phrase.exact:
            return all(text[ends[2 * (i + k)]:ends[2 * (i + k) + 1]].startswith(w) for k, w in enumerate(phrase.exact))
        return True

    def guard(self, text: str) -> Phrase:
        """A `near`/`not_near` term, compiled once, for `occurs`."""
        if text not in self._guards:
            self._guards[text] = self._compile(text, False)
        return self._guards[text]

    def occurs(self, phrase: Phrase, words_: Sequence[str], lo: int, hi: int,
               stems: Sequence[str] | None = None) -> bool:
        """True when `phrase` spells some of `words_[lo:hi]`; `stems`, when given, are those words' stems
        (`stems_of`: a sentence asked about several guard phrases is stemmed once)."""
        last = hi - phrase.size + 1
        if not phrase.stems:
            return any(words_[i].startswith(phrase.prefix) for i in range(lo, last))
        if stems is None:
            stems = self.stems_of(words_, lo, hi)
        first = phrase.stems[0]
        if first not in stems:
            return False
        for i in range(lo, last):
            if stems[i - lo] == first and all(
                    stems[i - lo + k] == phrase.stems[k] and _same_word(words_[i + k], phrase.forms[k])
                    for k in range(len(phrase.stems))) and (
                    not phrase.prefix or words_[i + len(phrase.stems)].startswith(phrase.prefix)):
                return True
        return False

    def stems_of(self, words_: Sequence[str], lo: int, hi: int) -> list[str]:
        """`stem` of each of `words_[lo:hi]`."""
        known = self._stems
        return [known[w] if w in known else self.stem(w) for w in words_[lo:hi]]


def _base(word: str) -> str:
    """A word without a last `e` or `y`, which its inflections may drop or change (`policies`, `striking`)."""
    return word[:-1] if len(word) > 3 and word[-1] in "ey" else word


def _same_word(word: str, form: str) -> bool:
    """True when `word`, of a term word's stem, is a form of it: the term word with an ending
    (`koreans`, `policies`, `vaccinated`). Snowball gives `house` and `housing`, `united` and `units`,
    `union` and `unions` one stem: a term names the form it starts from."""
    return word.startswith(form)
