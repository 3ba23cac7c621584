"""Aligning two versions of a transcript's turns, so that a corrected turn keeps its anchor.

When a transcript is corrected, its new turns are aligned with the locked ones (`align`):

1. Runs of two or more turns whose speaker and words are unchanged, each found once in the old
   and once in the new version, are matched in order (patience diff). A line said many times
   (`Thank you.`, `Next question.`) or an unchanged turn standing alone is never matched on sight:
   it may be a copy of a turn from elsewhere, and taking it would pull the turns around it apart.
2. Between those runs, the remaining old and new turns are paired in order by dynamic
   programming. Similarity is difflib's ratio over the turns' words (case-folded); a pair counts
   only when it is at least 0.5 for the same speaker, or 0.8 when the speaker changed (a fixed
   label). Two short turns of the same speaker (under four words each) whose lengths differ by at
   most one character are also compared by characters, a typo fix (`Ali.` → `Aly.`), and pair
   from 0.6. Each pair keeps `similarity × (mean length in words + 1)` words; the pairing keeps
   the most words in close pairs (at least 0.8 similar: a turn corrected, not rewritten) first,
   then the most words in all. So a lightly corrected turn keeps its anchor even when two looser
   look-alikes around it would add up to more, and a long turn outweighs a stock line. Of a split
   turn, the larger part keeps the anchor; of merged turns, the one contributing most keeps it.
3. A new turn left unpaired gets an anchor never used before in the briefing (one past the
   highest ever used). An old turn left unpaired is removed: its anchor stays on the page as
   a note "removed in a correction" placed before the nearest turn: of the two turns around the
   place it was, the one that took most of its words, the preceding one on a tie.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..text import fold_name

SAME_SPEAKER_MIN = 0.5
OTHER_SPEAKER_MIN = 0.8
SHORT_WORDS = 4
SHORT_MIN = 0.6
CLOSE = 0.8
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Key:
    speaker: str
    words: tuple[str, ...]


def words(text: str) -> tuple[str, ...]:
    """The case- and accent-folded words of a text: what similarity is measured on."""
    return tuple(_WORD.findall(fold_name(text)))


def align(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[int | None]:
    """For each new `(speaker, text)` turn, the index of the old turn it continues, or None."""
    old_keys = [_Key(s, words(t)) for s, t in old]
    new_keys = [_Key(s, words(t)) for s, t in new]
    result: list[int | None] = [None] * len(new_keys)
    i0 = j0 = 0
    for i, j in [*_unchanged(old_keys, new_keys), (len(old_keys), len(new_keys))]:
        for a, b in _pair_region(old_keys[i0:i], new_keys[j0:j]):
            result[j0 + b] = i0 + a
        if j < len(new_keys):
            result[j] = i
        i0, j0 = i + 1, j + 1
    return result


def _unchanged(old: Sequence[_Key], new: Sequence[_Key]) -> list[tuple[int, int]]:
    """Runs of two or more turns unchanged and found once in each version, in order (patience diff).

    Only these are taken without comparing: a line said many times (`Thank you.`), or an unchanged
    turn standing alone (it may be a copy of a turn from elsewhere), is left to `_pair_region`."""
    old_count, new_count = Counter(old), Counter(new)
    at = {key: j for j, key in enumerate(new) if new_count[key] == 1}
    pairs = [(i, at[key]) for i, key in enumerate(old) if old_count[key] == 1 and key in at]
    ends: list[int] = []  # ends[n]: the smallest last j of an increasing series of n + 1 pairs,
    tails: list[int] = []  # and the index in `pairs` of that last pair
    back: list[int] = []
    for k, (_, j) in enumerate(pairs):
        n = bisect_left(ends, j)
        back.append(tails[n - 1] if n else -1)
        ends[n:n + 1], tails[n:n + 1] = [j], [k]
    series: list[tuple[int, int]] = []
    k = tails[-1] if tails else -1
    while k >= 0:
        series.append(pairs[k])
        k = back[k]
    kept = set(series)
    return [(i, j) for i, j in reversed(series) if (i - 1, j - 1) in kept or (i + 1, j + 1) in kept]


def similarity(a: _Key, b: _Key) -> float:
    """difflib's ratio over the words (or, for a typo, the characters), zero under the pair's threshold."""
    if not a.words and not b.words:
        return 1.0 if a.speaker == b.speaker else 0.0
    minimum = SAME_SPEAKER_MIN if a.speaker == b.speaker else OTHER_SPEAKER_MIN
    matcher = SequenceMatcher(None, a.words, b.words, autojunk=False)
    quick = matcher.real_quick_ratio() >= minimum and matcher.quick_ratio() >= minimum
    ratio = matcher.ratio() if quick else 0.0
    if a.speaker == b.speaker and (typo := _typo(a.words, b.words)) >= SHORT_MIN:
        ratio = max(ratio, typo)
    return ratio if ratio >= minimum else 0.0


def _typo(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Of two short turns of about the same length (`Ali.` → `Aly.`): their similarity by characters, else 0."""
    x, y = " ".join(a), " ".join(b)
    if len(a) >= SHORT_WORDS or len(b) >= SHORT_WORDS or abs(len(x) - len(y)) > 1:
        return 0.0
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


def _score(a: _Key, b: _Key) -> tuple[float, float] | None:
    """How much pairing two turns keeps: (words kept by a close pair, words kept), None for no pair."""
    ratio = similarity(a, b)
    if not ratio:
        return None
    kept = ratio * (len(a.words) + len(b.words) + 2) / 2
    return (kept if ratio >= CLOSE else 0.0, kept)


def _pair_region(old: Sequence[_Key], new: Sequence[_Key]) -> list[tuple[int, int]]:
    """Order-preserving pairs of old and new turns keeping the most (dynamic programming)."""
    m, n = len(old), len(new)
    score = [[_score(o, w) for w in new] for o in old]
    none = (0.0, 0.0)
    best = [[none] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            skip = max(best[i + 1][j], best[i][j + 1])
            pair = score[i][j]
            best[i][j] = max(skip, _plus(pair, best[i + 1][j + 1])) if pair else skip
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < m and j < n:
        pair = score[i][j]
        if pair and best[i][j] == _plus(pair, best[i + 1][j + 1]):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _plus(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return (a[0] + b[0], a[1] + b[1])
