"""Property: realistic random corrections never move an anchor onto an unrelated turn.

Turns are built the way briefings look: questions and answers from a few repeated speakers, the
moderator's stock lines ("Thank you.", "Next question.") again and again, sentences from one small
shared vocabulary and real paragraphs of the seed transcript, so unrelated turns often look alike. Every word remembers the
turn it came from, so the test knows which new turn continues which old one.

Definitions, per correction (old = the lock before it, new = the corrected transcript):
- similarity: difflib's ratio over the two turns' folded words (as `generator.anchors` measures).
- A new turn *survives* old turn O when more than half its words come from O and it is at least
  0.8 similar to O (a typo fixed, a word added, a label fixed, the larger part of a split...).
  It must keep O's anchor, unless the text alone cannot tell: another old turn is as close (0.8)
  to it or another new turn as close to O (look-alikes), or a turn as close to an old one moved
  across it (a turn deleted and inserted again elsewhere: anchors are aligned in page order).
- Two turns are *unrelated* when the new one has none of the old one's words, they are less
  than 0.5 similar, and the new one is no typo fix of the old one (both under four words, their
  lengths within one character, at least 0.6 similar by characters: `Ali.` → `Aly.`). An old
  anchor must never be given to an unrelated turn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.enrich.align import words
from generator.enrich.locks import Lock, relock
from generator.model import Briefing, Paragraph, Segment, Speaker, Turn
from generator.read.parse import parse
from generator.read.source import read_source
from tests.conftest import SEED

FIRST = dt.date(2023, 1, 5)
LATER = dt.date(2024, 3, 9)
NEW = -1
"""Origin of a word a correction brought in."""
SURVIVES = 0.8
RELATED = 0.5
TYPO = 0.6

SPEAKERS = ("BLINKEN", "EBRARD", "PRICE", "QUESTION")
VOCABULARY = tuple(
    ["the", "we", "our", "and", "to", "of", "a", "in", "is", "that", "for", "with", "on", "this", "security", "mexico", "fentanyl", "border", "arms", "trafficking", "migration", "cooperation", "dialogue", "president", "secretary", "question", "thank", "you", "very", "much", "next", "go", "ahead", "yes", "no", "today", "people"])
STOCK = ("Thank you.", "Thank you very much.", "Next question.", "Go ahead.", "Yes.")
_SEED_TURNS = parse(read_source(SEED)).turns
SEED_TEXTS = tuple(_SEED_TURNS[n].paragraphs[p].text for n, p in
                   [(0, 0), (0, 3), (5, 1), (7, 0), (8, 0), (11, 0), (14, 0), (22, 0), (24, 0), (29, 2)])

_LINES = st.sampled_from(STOCK)
_SENTENCES = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12).map(" ".join)
TEXTS = st.one_of(_LINES, _SENTENCES, st.sampled_from(SEED_TEXTS))
SPEAKER = st.sampled_from(SPEAKERS)
EXCHANGES = st.lists(st.tuples(TEXTS, st.sampled_from(SPEAKERS[:2]), TEXTS, _LINES), min_size=1, max_size=4).map(
    lambda exchanges: [turn for q, who, answer, line in exchanges
                       for turn in (("QUESTION", q), (who, answer), ("PRICE", line))])
"""A briefing as questions, each answered and followed by the moderator's stock line."""
WORD = st.sampled_from(VOCABULARY)
INDEX = st.integers(0, 1000)
EDIT = st.one_of(
    st.tuples(st.just("word"), INDEX, INDEX, WORD),
    st.tuples(st.just("add word"), INDEX, INDEX, WORD),
    st.tuples(st.just("drop word"), INDEX, INDEX),
    st.tuples(st.just("insert"), INDEX, SPEAKER, TEXTS),
    st.tuples(st.just("delete"), INDEX),
    st.tuples(st.just("split"), INDEX, INDEX, SPEAKER),
    st.tuples(st.just("merge"), INDEX),
    st.tuples(st.just("relabel"), INDEX, SPEAKER),
)


@dataclass(frozen=True)
class Draft:
    """A turn being corrected: its speaker, and each word with the old turn it came from."""

    speaker: str
    tokens: tuple[tuple[str, int], ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w for w, _ in self.tokens)

    def share(self, origin: int) -> int:
        """How many of this turn's words came from old turn `origin`."""
        return sum(o == origin for _, o in self.tokens)


def _draft(speaker: str, text: str, origin: int = NEW) -> Draft:
    return Draft(speaker, tuple((w, origin) for w in words(text)))


def _apply(drafts: list[Draft], edit: tuple[object, ...]) -> list[Draft]:
    """One correction step; indexes wrap around, edits that make no sense here change nothing."""
    kind, where, *args = edit
    out = list(drafts)
    if kind == "insert":
        speaker, text = args
        out.insert(int(where) % (len(out) + 1), _draft(str(speaker), str(text)))
        return out
    if not out:
        return out
    i = int(where) % len(out)
    d = out[i]
    if kind in ("word", "add word", "drop word"):
        k = int(args[0]) % len(d.tokens)
        new = ((str(args[1]), NEW),) if kind != "drop word" else ()
        keep = d.tokens[k:k + 1] if kind == "add word" else ()
        tokens = d.tokens[:k] + keep + new + d.tokens[k + 1:]
        out[i] = Draft(d.speaker, tokens or d.tokens)
    elif kind == "delete":
        del out[i]
    elif kind == "split" and len(d.tokens) > 1:
        k = 1 + int(args[0]) % (len(d.tokens) - 1)
        out[i:i + 1] = [Draft(d.speaker, d.tokens[:k]), Draft(str(args[1]), d.tokens[k:])]
    elif kind == "merge" and i + 1 < len(out):
        out[i:i + 2] = [Draft(d.speaker, d.tokens + out[i + 1].tokens)]
    elif kind == "relabel":
        out[i] = Draft(str(args[0]), d.tokens)
    return out


def _briefing(drafts: Sequence[Draft]) -> Briefing:
    turns = tuple(Turn(anchor=f"t{n:03d}", label=d.speaker, speaker=Speaker(id=d.speaker, name=d.speaker),
                       paragraphs=(Paragraph((Segment(" ".join(d.words)),), n),), line=n)
                  for n, d in enumerate(drafts, 1))
    return Briefing(slug="b", source="b.txt", title="B", date=FIRST, turns=turns)


def _similarity(a: Sequence[str], b: Sequence[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _typo_fix(a: Sequence[str], b: Sequence[str]) -> bool:
    x, y = " ".join(a), " ".join(b)
    return len(a) < 4 and len(b) < 4 and abs(len(x) - len(y)) <= 1 and _similarity(x, y) >= TYPO


def _check_correction(old: Sequence[Draft], new: Sequence[Draft], before: Lock, after: Lock) -> None:
    """The two rules of the module docstring, for one correction."""
    old_anchor = {t.anchor: k for k, t in enumerate(before.turns)}
    anchor_of = {k: t.anchor for k, t in enumerate(before.turns)}
    got = [t.anchor for t in after.turns]
    for j, (turn, draft) in enumerate(zip(after.turns, new, strict=True)):
        if (k := old_anchor.get(turn.anchor)) is not None:
            score = _similarity(old[k].words, draft.words)
            assert draft.share(k) or score >= RELATED or _typo_fix(old[k].words, draft.words), (
                f"{turn.anchor} moved from {old[k]} onto the unrelated {draft}")
        for k, source in enumerate(old):
            score = _similarity(source.words, draft.words)
            if draft.share(k) * 2 <= len(draft.tokens) or score < SURVIVES:
                continue
            look_alike = any(_similarity(o.words, draft.words) >= SURVIVES for i, o in enumerate(old) if i != k) \
                or any(_similarity(source.words, n.words) >= SURVIVES for i, n in enumerate(new) if i != j)
            moved_across = any((o - k) * (n - j) < 0 and _similarity(old[o].words, new[n].words) >= SURVIVES
                               for n, o in enumerate(old_anchor.get(a, -1) for a in got) if o >= 0)
            assert got[j] == anchor_of[k] or look_alike or moved_across, (
                f"{draft} survives {source} ({score:.2f} similar) but lost {anchor_of[k]} (got {got[j]})")


_REPEATED = "we the the the the the the we the the the the the the the"


@settings(max_examples=600, deadline=None)
@given(first=EXCHANGES,
       rounds=st.lists(st.lists(EDIT, min_size=1, max_size=5), min_size=1, max_size=3))
@example(  # a line said twice: the first `Thank you.` took the second one's anchor, the edited turn a new one
    first=[("BLINKEN", "Thank you."), ("BLINKEN", "Thank you very much."), ("BLINKEN", "Thank you.")],
    rounds=[[("word", 0, 0, "the"), ("add word", 1, 0, "the")]])
@example(  # `we we you` was paired with the deleted `the you` by characters
    first=[("BLINKEN", "Thank you."), ("BLINKEN", "Thank you.")],
    rounds=[[("word", 0, 0, "the")], [("word", 1, 0, "we"), ("delete", 0), ("add word", 0, 0, "we")]])
@example(  # a relabelled turn became a copy of the first one, and displaced the two turns between
    first=[("EBRARD", _REPEATED), ("BLINKEN", "Thank you."), ("BLINKEN", _REPEATED)],
    rounds=[[("relabel", 2, "EBRARD"), ("word", 0, 0, "the"), ("add word", 1, 0, "the")]])
def test_random_corrections_never_move_an_anchor_onto_an_unrelated_turn(
        first: list[tuple[str, str]], rounds: list[list[tuple[object, ...]]]) -> None:
    """Across rounds of random corrections: a surviving turn keeps its anchor unless a look-alike
    (another old turn as similar to it, or another new turn as similar to its old one) makes the
    text alone ambiguous; no anchor lands on an unrelated turn; new anchors are never reused; a
    removed anchor points at a turn on the page."""
    drafts = [_draft(speaker, text, k) for k, (speaker, text) in enumerate(first)]
    lock = relock(None, _briefing(drafts), source="b.txt", digest="0", today=FIRST)
    ever_used = {t.anchor for t in lock.turns}
    for number, edits in enumerate(rounds, 1):
        old = [Draft(d.speaker, tuple((w, k) for w, _ in d.tokens)) for k, d in enumerate(drafts)]
        drafts = old
        for edit in edits:
            drafts = _apply(drafts, edit)
        after = relock(lock, _briefing(drafts), source="b.txt", digest=str(number), today=LATER)
        _check_correction(old, drafts, lock, after)
        anchors = [t.anchor for t in after.turns]
        assert len(set(anchors)) == len(anchors)
        for anchor in set(anchors) - ever_used:
            assert int(anchor[1:]) > max(int(a[1:]) for a in ever_used)
        ever_used |= set(anchors)
        assert {r.anchor for r in after.removed} == ever_used - set(anchors)
        assert all(r.target in anchors for r in after.removed) or not anchors
        lock = after
