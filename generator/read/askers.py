"""Who asked each question of one briefing: calls and introductions (`read.calls`), followed turn by turn.

A question is attributed only from a real call or self-introduction. Follow-ups keep the attribution
until the next call (named or not), until a question turn follows a question turn (another voice: the
asker is unknown from there), until an opening that shows another reporter ("following up on Janne's
point"), or until the moderator closes the event ("Thank you, everyone."): a call does not outlive it.
A call followed by an official's turn rather than a question hands the floor to that official
("Deborah, please." — `DR. BIRX:`): it names no reporter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Paragraph, Reporter
from .calls import explicit_call, introduction, other_asker, read_call
from .labels import is_question_label, is_role_label

_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
_CALL_WORDS = 25
"""A question turn this short that is a call (`QUESTION: Final question, we'll go to Cristina Smit of
VOA.`) is a moderator's call printed under the wrong label."""


@dataclass(frozen=True)
class Spoken:
    """What the attribution reads of one turn."""

    label: str
    question: bool
    texts: tuple[str, ...]
    """The turn's paragraphs without stage directions."""
    role: bool = False
    """A functional label (`OPERATOR`, `MODERATOR`): its turns never take the floor as an official's."""


@dataclass(frozen=True)
class Handoff:
    """A call that gave the floor to an official, not a reporter: evidence of who that official is."""

    name: str
    index: int
    """The turn of the official called."""


def askers(turns: Sequence[Spoken]) -> tuple[list[Reporter | None], list[Handoff]]:
    """Per turn, the reporter who asked (None for every turn that is no question, and for questions
    nobody named); and the calls that handed the floor to an official."""
    lower = frozenset(w for t in turns for text in t.texts for w in _LOWER_WORD.findall(text))
    out: list[Reporter | None] = [None] * len(turns)
    handoffs: list[Handoff] = []
    current: Reporter | None = None
    line = False  # the call opened a phone line: only that line speaks until the next call
    fresh = False  # the question just called or introduced has not been asked yet
    for i, turn in enumerate(turns):
        previous = turns[i - 1] if i else None
        if not turn.question:
            before = turns[i - 1].texts[-1:] if previous and previous.question else \
                tuple(t for b in turns[max(0, i - 2):i] for t in b.texts[-1:])
            call = read_call(turn.texts, lower=lower, after=" ".join(before) if before else None)
            if call is None:
                continue
            current, fresh = (None if call.closes else _kept(call.reporter, current)), True
            line = turn.role or _LINE.search(turn.texts[-1])
            if current and _handed_over(turns, i):
                handoffs.append(Handoff(current.name, i + 1))
                current = None
            continue
        if _is_call(turn):
            current, fresh = read_call(turn.texts, lower=lower).reporter, True  # type: ignore[union-attr]
            continue
        if previous is not None and previous.question:
            current = None
        opening = turn.texts[0] if turn.texts else ""
        if (introduced := introduction(turn.texts)) is not None:
            current = _kept(introduced, current)
        elif other_asker(opening) or (not fresh and not line and _ADDRESS.match(opening)):
            current = None
        fresh = False
        out[i] = current
    return out, handoffs


_ADDRESS = re.compile(r"^(?:(?:thanks|thank you|hi|hey|and|so|okay|yes|sorry)[,.!]?\s+)*(?:[A-Z][a-z]+|Mr\. President|"
                      r"Madam (?:Secretary|President|Vice President)|Mr\. Secretary|Admiral|General|Sir)[,.!]\s")
"""A follow-up that opens by addressing the speaker (`Jen, are you planning…`, `Thanks, Karine.`): the
floor has passed to another reporter, whom nobody named."""
_LINE = re.compile(r"\b(?:line|unmute|unmuted|you're open|you’re open|press)\b", re.IGNORECASE)
_HANDOFF_WORDS = 12


def _handed_over(turns: Sequence[Spoken], i: int) -> bool:
    """The call in turn `i` gave the floor to an official: the next turn is an official's answer of some
    length, not a greeting before the question (`Hi, Jennifer.`)."""
    following = turns[i + 1] if i + 1 < len(turns) else None
    if following is None or following.question or following.role or following.label == turns[i].label:
        return False
    return sum(len(t.split()) for t in following.texts) > _HANDOFF_WORDS


def _is_call(turn: Spoken) -> bool:
    """A short question turn that is nothing but a named call: a moderator's turn mislabelled."""
    if sum(len(t.split()) for t in turn.texts) > _CALL_WORDS or any("?" in t for t in turn.texts) \
            or not any(explicit_call(t) for t in turn.texts):
        return False
    call = read_call(turn.texts)
    return call is not None and call.reporter is not None and not call.reporter.given_only


def _kept(new: Reporter | None, current: Reporter | None) -> Reporter | None:
    """The asker after a call or introduction: a given name or surname alone that belongs to the reporter
    already named keeps the full name (`Hi, Zeke.`, `Nobira from Asahi Shimbun.`)."""
    if new is None or current is None or current.given_only or not new.given_only or not new.name:
        return new
    words = current.name.split()
    if new.name in (words[0], words[-1]):
        return Reporter(current.name, current.outlet or new.outlet)
    return new


def spoken(label: str, paragraphs: Sequence[Paragraph]) -> Spoken:
    """A turn as the attribution reads it: label, question or not, its words without stage directions."""
    texts = tuple(" ".join(s.text for s in p.segments if not s.stage) for p in paragraphs)
    return Spoken(label, is_question_label(label), tuple(t for t in texts if t.strip()), is_role_label(label))
