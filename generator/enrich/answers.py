"""Linking each question to the turns that answer it, and each answer back to its question.

The answers to a question are the turns that follow it up to the next question or the next
moderator's call. A moderator's call is a turn labelled as a role (`MODERATOR`, `OPERATOR`), or
a short turn (at most 30 words) that gives the floor ("Eduard Ribas from EFE.", "Final question
is from …", "Go ahead.") or closes the event ("That concludes the press conference.").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import cache

from ..model import Briefing, Turn
from ..read.calls import lower_words, read_call
from ..read.labels import label_key
from ..words import MODERATOR_LABELS

_CALL = re.compile(
    r"(?i:\b(?:next|final|last) question\b|\bquestions? (?:is |comes )?from\b|\bgo ahead\b|"
    r"\b(?:we'?ll|let'?s) (?:start|begin|take)\b|\bconclud(?:es|ed)\b|\bthat'?s all\b|"
    r"\bthank you (?:all|everyone)\b)|(?i:\b(?:turn|go|move on) to )[A-Z]|\bfrom (?:the )?[A-Z][\w.&]+\.?$"
)
_SHORT = 30
_CALL_WORDS = 6
"""A turn this short that names someone, a question following, gives the floor."""


def is_call(turn: Turn) -> bool:
    """True for a moderator's turn that gives the floor or ends the event rather than answering."""
    if turn.question:
        return False
    if label_key(turn.label) in MODERATOR_LABELS:
        return True
    words = 0
    for paragraph in turn.paragraphs:  # most turns are long: stop counting as soon as this one is
        words += len(paragraph.text.split())
        if words > _SHORT:
            return False
    return bool(_CALL.search(turn.text.replace("’", "'")))


def _calls_next(turns: list[Turn], i: int, lower: Callable[[], frozenset[str]]) -> bool:
    """A short turn that names who asks next, a question following it (`Ukrinform.`, `Yes, Edie?` from a
    spokesperson labelled by name): a call, not an answer. A name answering the question before it ("Who leads
    the talks?" — "Jake.") calls nobody, nor does a word the document also writes in lower case ("Remarkable.");
    `lower` gives those words (`read.calls.lower_words`)."""
    following = turns[i + 1] if i + 1 < len(turns) else None
    if following is None or not following.question or len(turns[i].text.split()) > _CALL_WORDS:
        return False
    before = turns[i - 1].text if i and turns[i - 1].question else None
    context = " ".join(t.paragraphs[-1].text for t in turns[max(0, i - 2):i] if t.paragraphs)
    call = read_call([p.text for p in turns[i].paragraphs], after=before, context=context, lower=lower())
    return call is not None and call.reporter is not None and bool(call.reporter.name)


def link_answers(briefing: Briefing) -> Briefing:
    """The briefing with `Turn.answers` and `Turn.answer_to` filled in."""
    turns = list(briefing.turns)
    lower = cache(lambda: lower_words(t.text for t in turns))
    question: int | None = None
    answers: dict[int, list[str]] = {}
    answer_to: dict[int, str] = {}
    for i, turn in enumerate(turns):
        if turn.question:
            question = i
            answers[i] = []
        elif question is not None and not is_call(turn) and not _calls_next(turns, i, lower):
            answers[question].append(turn.anchor)
            answer_to[i] = turns[question].anchor
        else:
            question = None
    linked = tuple(
        dataclasses.replace(t, answers=tuple(answers.get(i, ())), answer_to=answer_to.get(i, ""))
        for i, t in enumerate(turns)
    )
    return dataclasses.replace(briefing, turns=linked)
