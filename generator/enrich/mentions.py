"""What a paragraph's own words say about each topic: its mentions, weighed by where they stand.

A paragraph's score for a topic adds up its mentions (`topics.py` tags from 1):

- each strong term found counts `1`, and the topic's different weak terms `1 / min_weak` each, as many
  as stand within `WEAK_WINDOW` words of each other (forms of one word are one weak term, and so
  are the words one `stem*` term matches, `Mexico` and `Mexican` for `Mexic*`; a word
  that is also a strong term of the topic, `schools` and `school`, is one strong mention);
- a mention inside a **list** of subjects counts `LIST_WEIGHT` at most, however many of the topic's
  items the list holds: "challenges like COVID-19, like the climate crisis, like migration, like
  corruption" is about what frames the list, not each item. A list is a run of at least
  `LIST_ITEMS` mentions in one sentence, each apart from the next by a comma, a semicolon, a slash
  or `and`/`or`/`to`, and at most `LIST_GAP` other words (`words.LIST_FILLERS` not counted); a topic
  holding more than half of a list's items is what it lists ("Mexico, security and the border",
  "trafficking – or interdicting cocaine and marijuana"), not an item; a word that opens a list
  (`words.LIST_OPENERS`: "hostages held overseas, whether that be in Iran or Afghanistan or Russia")
  ends the run before it, so what frames the list is no item of it;
- an **aside** counts `ASIDE_WEIGHT`: a topic's only mention (one strong term, once, no weak term),
  past the first `LEAD_WORDS` words of a paragraph of more than `ASIDE_WORDS` words, or anywhere when
  it only dates something ("during the pandemic") or is only a yardstick ("bigger than China's"), unless it is the
  subject of a clause of its own (a verb right after it, `words.CLAUSE_VERBS`: "fentanyl, which is
  killing people"), or the subject announced (`On Haiti, …`) or asked about ("Can I ask a little bit
  about the baby formula challenge", `words.ASKING_WORDS`);
- a **passing** mention counts `ASIDE_WEIGHT` too: a topic named once, or by just `min_weak` weak terms,
  in a paragraph of `PASSING_WORDS` words or more that names another topic `DOMINANT` times or more,
  unless it is a clause's subject or that topic's narrower or broader one ("drug trafficking …
  including fentanyl" names what the paragraph dwells on, more narrowly);
- a mention that only says where to ask ("I'd refer you to the Department of Defense",
  `words.REFERRALS`) counts nothing, nor one that only names a journey ("the NATO trip", "we head to
  Madrid for NATO": travel logistics);
- a term whose sense the vocabulary guards (`near`, `not_near`) counts only where its sentence
  holds one of its `near` terms and none of its `not_near` terms;
- an `implicit` phrase counts nothing on its own: it marks the topic for the context to confirm.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..words import (
    ASKING_WORDS,
    CLAUSE_PREPOSITIONS,
    CLAUSE_SKIPS,
    CLAUSE_VERBS,
    COMPARATIVES,
    LIST_FILLERS,
    LIST_JOINERS,
    LIST_OPENERS,
    MOTION_WORDS,
    NEGATIONS,
    NOT_COMPARATIVES,
    RANKS,
    REFERRALS,
    TIME_MARKERS,
    TRIP_WORDS,
)
from .term_matcher import Match, Scan, TermMatcher
from .term_matcher import words as term_words

LIST_WEIGHT = 0.3
"""What a topic's mentions inside a list of subjects count for, together."""
LIST_ITEMS = 3
"""Mentions in a row that make a list."""
LIST_GAP = 3
"""Words (fillers apart) that may stand between two items of a list."""
WEAK_WINDOW = 30
"""Words within which a topic's weak terms must stand to count together (a long paragraph gathers
unrelated common words)."""
ASIDE_WEIGHT = 0.5
"""What an aside counts for."""
ASIDE_WORDS = 60
"""A paragraph longer than this many words can hold an aside."""
LEAD_WORDS = 25
"""A mention among a paragraph's first this many words is what the paragraph opens with, never an aside."""
QUALIFIER_WORDS = 2
"""Words of a prepositional phrase that may stand between a subject and its verb (`in Mexico`, `in the Sahel`)."""
ASK_REACH = 4
"""Words that may stand between an asking word and the `about` that announces a question's subject
(`ask a little bit about`)."""
PASSING_WORDS = 40
DOMINANT = 2.0
"""A paragraph of `PASSING_WORDS` words or more whose topic scores this much names others in passing."""
_SENTENCE_ENDS = frozenset(".?!")
_LIST_MARKS = frozenset(",;/&")
_REFERRAL_LINKS = frozenset({"you", "to", "over"})


@dataclass(frozen=True)
class Evidence:
    """A paragraph's own case for each topic."""

    scores: dict[str, float]
    """Per topic its mentions found in the paragraph, weighed (1 or more: the paragraph is about it)."""
    implicit: frozenset[str]
    """Topics an `implicit` phrase of the paragraph points to."""
    matches: tuple[Match, ...]
    """The mentions that count (sense guards passed), in text order."""
    words: int
    own: frozenset[str] = frozenset()
    """The topics scoring 1 or more: what the paragraph is about on its own words."""
    asides: frozenset[str] = frozenset()
    """Topics named once beside a topic the paragraph dwells on: no context makes them its subject."""


def evidence(scan: Scan, matcher: TermMatcher, min_weak: dict[str, int],
             ancestors: Mapping[str, frozenset[str]] | None = None) -> Evidence:
    """The paragraph's scores per topic (see the module docstring)."""
    words = scan.words
    if not scan.matches:
        return Evidence({}, frozenset(), (), len(words))
    ends = scan.ends
    sentences = _Sentences(scan, ends)
    refers = not REFERRALS.isdisjoint(words)
    kept = tuple(m for m in scan.matches if (not m.term.guarded or _sense_holds(m, words, sentences, matcher))
                 and not (refers and _referred(m, words)) and not _travel(m, words))
    listed = _listed(kept, scan, ends, sentences)
    by_topic: dict[str, list[Match]] = {}
    for match in kept:
        by_topic.setdefault(match.topic, []).append(match)
    scores: dict[str, float] = {}
    for topic, found in by_topic.items():
        strong = [m for m in found if m.term.kind == "strong" and (m.first, m.last, m.topic) not in listed]
        named = {m.first for m in strong}
        weak = _weak_together([m for m in found if m.term.kind == "weak" and (m.first, m.last, m.topic) not in listed
                               and m.first not in named], words, matcher)
        in_list = any((m.first, m.last, m.topic) in listed for m in found if m.term.kind != "implicit")
        score = len(strong) + weak / min_weak[topic] + (LIST_WEIGHT if in_list else 0.0)
        if len(strong) == 1 and not weak and not in_list and _is_aside(strong[0], words, sentences):
            score = ASIDE_WEIGHT
        if score:
            scores[topic] = score
    passing = _demote_passing(scores, by_topic, listed, words, sentences, ancestors or {})
    implicit = frozenset(m.topic for m in kept if m.term.kind == "implicit")
    return Evidence(scores, implicit, kept, len(words), frozenset(t for t, score in scores.items() if score >= 1),
                    passing)


def _weak_together(found: Sequence[Match], words: Sequence[str], matcher: TermMatcher) -> int:
    """How many different weak mentions of one topic stand, at most, within `WEAK_WINDOW` words of each other.
    Mentions are one when they say the same (`_stems`) or when two terms match the same words
    (`retire*` and `retirement`: `retired` elsewhere is the same mention again)."""
    if len(found) < 2:
        return len(found)
    said = [(m.first, _stems(m, words, matcher)) for m in found]
    same: dict[tuple[str | None, ...], tuple[str | None, ...]] = {}

    def root(key: tuple[str | None, ...]) -> tuple[str | None, ...]:
        while (up := same.setdefault(key, key)) != key:
            key = up
        return key

    spans: dict[tuple[int, int], tuple[str | None, ...]] = {}
    for m, (_, key) in zip(found, said, strict=True):
        if (m.first, m.last) in spans:
            same[root(key)] = root(spans[m.first, m.last])
        else:
            spans[m.first, m.last] = key
    if same:
        said = [(at, root(key)) for at, key in said]
    best = 0
    for i, (first, _) in enumerate(said):  # in text order: the mentions near the i-th are the run after it
        near, j = set(), i
        while j < len(said) and said[j][0] - first <= WEAK_WINDOW:
            near.add(said[j][1])
            j += 1
        best = max(best, len(near))
    return best


def _stems(match: Match, words: Sequence[str], matcher: TermMatcher) -> tuple[str | None, ...]:
    """What a mention says, whatever its form or term: `plant` and `plants` are one weak mention, and
    so are all the words one `stem*` term matches (`Mexico` and `Mexican` for `Mexic*`)."""
    said = tuple(matcher.stem(w) or w for w in words[match.first:match.last + 1])
    return (*said[:-1], _wildcard(match.term.text)) if match.term.text.endswith("*") else said


@cache
def _wildcard(term: str) -> str:
    """The beginning a `stem*` term's last word must have, marked as such (`mexic*`)."""
    return term_words(term)[-1] + "*"


class _Sentences:
    """Where a paragraph's sentences end, worked out only where asked: a sentence ends at `.`, `?` or `!`
    before a capital or a digit, unless the word before is a single letter (`U.S.`) or a title (`Mr.`)."""

    def __init__(self, scan: Scan, ends: list[int]) -> None:
        self.words, self.parts, self.text, self.ends = scan.words, scan.parts, scan.text, ends
        self._ends: dict[int, bool] = {}
        self._stems: dict[tuple[int, int], list[str]] = {}

    def end_after(self, k: int) -> bool:
        """True when a sentence ends after word `k` (the last word ends one too)."""
        if k not in self._ends:
            word, following = self.words[k], self.ends[2 * k + 2] if k + 1 < len(self.words) else -1
            self._ends[k] = following < 0 or (
                not _SENTENCE_ENDS.isdisjoint(self.parts[2 * k + 2]) and len(word) > 1 and word not in RANKS
                and (self.text[following].isupper() or self.text[following].isdigit()))
        return self._ends[k]

    def same(self, a: int, b: int) -> bool:
        """True when words `a` and `b` (`a` first) are in one sentence."""
        return not any(self.end_after(k) for k in range(a, b))

    def stems(self, lo: int, hi: int, matcher: TermMatcher) -> list[str]:
        """The stems of the words `[lo, hi)` (a sentence), worked out once."""
        if (lo, hi) not in self._stems:
            self._stems[lo, hi] = matcher.stems_of(self.words, lo, hi)
        return self._stems[lo, hi]

    def bounds(self, at: int) -> tuple[int, int]:
        """The word range `[lo, hi)` of the sentence holding word `at`."""
        lo, hi = at, at
        while lo > 0 and not self.end_after(lo - 1):
            lo -= 1
        while not self.end_after(hi):
            hi += 1
        return lo, hi + 1


def _sense_holds(match: Match, words: Sequence[str], sentences: _Sentences, matcher: TermMatcher) -> bool:
    """False for a guarded term whose sentence lacks its `near` terms or holds one of its `not_near` terms."""
    term = match.term
    if not term.guarded:
        return True
    lo, hi = sentences.bounds(match.first)
    stems = sentences.stems(lo, hi, matcher)
    if term.near and not any(matcher.occurs(matcher.guard(g), words, lo, hi, stems) for g in term.near):
        return False
    return not any(matcher.occurs(matcher.guard(g), words, lo, hi, stems) for g in term.not_near)


def _referred(match: Match, words: Sequence[str]) -> bool:
    """True for a mention that only says where to ask ("I'd refer you to the Department of Defense")."""
    before = words[max(0, match.first - 5):match.first]
    return not REFERRALS.isdisjoint(before) and not _REFERRAL_LINKS.isdisjoint(before)


def _travel(match: Match, words: Sequence[str]) -> bool:
    """True for a mention that only names a journey: `the NATO trip` (`words.TRIP_WORDS` right after it),
    `head to Madrid for NATO` (`for` right before it, a verb of travel at most four words before that)."""
    after = match.last + 1
    if after < len(words) and words[after] in TRIP_WORDS:
        return True
    at = match.first
    return at >= 2 and words[at - 1] == "for" and not MOTION_WORDS.isdisjoint(words[max(0, at - 6):at - 1])


def _listed(matches: Sequence[Match], scan: Scan, ends: list[int], sentences: _Sentences) -> set[tuple[int, int, str]]:
    """The mentions (first and last word, topic) that are items of a list of subjects: a topic holding
    more than half of a list's items is what the list is about ("cocaine and marijuana"), not an item."""
    topics: dict[tuple[int, int], set[str]] = {}
    for m in matches:
        if m.term.kind != "implicit":
            topics.setdefault((m.first, m.last), set()).add(m.topic)
    if len(topics) < LIST_ITEMS:
        return set()
    runs: list[list[tuple[int, int]]] = []
    for span in sorted(topics):
        if runs and _joined(runs[-1][-1], span, scan, ends, sentences):
            runs[-1].append(span)
        else:
            runs.append([span])
    out = set()
    for run in runs:
        if len(run) >= LIST_ITEMS:
            held = Counter(t for span in run for t in topics[span])
            out |= {(*span, t) for span in run for t in topics[span] if 2 * held[t] <= len(run)}
    return out


def _joined(a: tuple[int, int], b: tuple[int, int], scan: Scan, ends: list[int], sentences: _Sentences) -> bool:
    """True when the mentions spanning words `a` and `b` stand as neighbours in a list."""
    if b[0] - a[1] > 2 * LIST_GAP + 4:
        return False
    gap = scan.words[a[1] + 1:b[0]]
    if sum(w not in LIST_FILLERS and not w.isdigit() for w in gap) > LIST_GAP or not LIST_OPENERS.isdisjoint(gap):
        return False
    between = scan.text[ends[2 * a[1] + 1]:ends[2 * b[0]]]
    joined = not _LIST_MARKS.isdisjoint(between) or any(w in LIST_JOINERS for w in gap)
    return joined and sentences.same(a[1], b[0])


def _is_aside(match: Match, words: Sequence[str], sentences: _Sentences) -> bool:
    """True for a lone mention deep in a long paragraph, one that only dates something ("during the
    pandemic", `words.TIME_MARKERS`) or one that is only a yardstick ("bigger than China's"), unless it
    is a clause's subject."""
    at = match.first
    dated = at >= 2 and words[at - 1] == "the" and words[at - 2] in TIME_MARKERS
    if not (dated or _yardstick(at, words)) and (len(words) <= ASIDE_WORDS or at < LEAD_WORDS):
        return False
    return not _is_subject(match, words, sentences)


def _yardstick(at: int, words: Sequence[str]) -> bool:
    """True for a mention a comparison measures against: `than` (`than the`) right before it, a
    comparative right before that (`bigger than China's`, `worse than the pandemic`), and no negation
    making it the best of its kind (`no better ally than Australia`); not `other than`, `rather than`."""
    k = at - 1 if at >= 1 and words[at - 1] != "the" else at - 2
    if k < 1 or words[k] != "than":
        return False
    comparative = words[k - 1]
    if comparative not in COMPARATIVES and not (comparative.endswith("er") and comparative not in NOT_COMPARATIVES):
        return False
    return NEGATIONS.isdisjoint(words[max(0, k - 5):k - 1])


def _demote_passing(scores: dict[str, float], by_topic: dict[str, list[Match]], listed: set[tuple[int, int, str]],
                    words: Sequence[str], sentences: _Sentences, ancestors: Mapping[str, frozenset[str]]
                    ) -> frozenset[str]:
    """A topic named once, or by just enough weak terms, in a paragraph of `PASSING_WORDS` words or more
    that names another topic `DOMINANT` times or more, is a passing mention (an aside), unless it is a
    clause's subject.
    Returns those topics: the paragraph dwells on something else, so no context makes them its subject."""
    if len(words) < PASSING_WORDS or max(scores.values(), default=0.0) < DOMINANT:
        return frozenset()
    passing = set()
    dominant = [t for t, score in scores.items() if score >= DOMINANT]
    for topic, score in list(scores.items()):
        if any(d in ancestors.get(topic, ()) or topic in ancestors.get(d, ()) for d in dominant):
            continue  # "drug trafficking … including fentanyl" names what the paragraph dwells on, more narrowly
        found = [m for m in by_topic[topic] if m.term.kind != "implicit"]
        lone = len({m.first for m in found}) == 1 or all(m.term.kind == "weak" for m in found)
        if score == 1 and lone and all((m.first, m.last, topic) not in listed for m in found) \
                and not any(_is_subject(m, words, sentences) for m in found):
            scores[topic] = ASIDE_WEIGHT
            passing.add(topic)
    return frozenset(passing)


def _asked_about(at: int, words: Sequence[str], sentences: _Sentences) -> bool:
    """True when the words before `at` ask about it: `about` or `on` (with at most `the`, `a`, `this`
    between), after an asking word at most `ASK_REACH` words before, in one sentence."""
    k = at - 1
    while k >= 0 and words[k] in ("the", "a", "an", "this", "that", "these"):
        k -= 1
    if k < 1 or words[k] not in ("about", "on", "regarding") or not sentences.same(max(0, k - ASK_REACH), at):
        return False
    return not ASKING_WORDS.isdisjoint(words[max(0, k - ASK_REACH):k])


def _is_subject(match: Match, words: Sequence[str], sentences: _Sentences) -> bool:
    """True when a verb follows the mention in its sentence (`Inflation is up`, `Russia, which has …`),
    the sentence opens by announcing it (`On Haiti, …`) or a question announces it (`Can I ask about
    the baby formula challenge`, `words.ASKING_WORDS`)."""
    at = match.first
    if at and words[at - 1] in ("on", "regarding") and (at == 1 or sentences.end_after(at - 2) or (
            words[at - 2] in ("and", "now", "so", "but") and (at == 2 or sentences.end_after(at - 3)))):
        return True
    if _asked_about(at, words, sentences):
        return True
    k, skipped, qualifier = match.last + 1, 0, 0
    if k < len(words) and words[k] in CLAUSE_PREPOSITIONS:
        qualifier = QUALIFIER_WORDS + 1  # `insecurity in Mexico is enormous`: a short phrase qualifies the subject
    while k < len(words) and not sentences.end_after(k - 1):
        if words[k] in CLAUSE_VERBS:
            return True
        if qualifier:
            qualifier -= 1
        elif words[k] not in CLAUSE_SKIPS or skipped == 2:
            return False
        else:
            skipped += 1
        k += 1
    return False
