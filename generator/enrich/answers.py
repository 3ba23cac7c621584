"""Linking each question to the turns that answer it, and each answer back to its question.

The answers to a question are the turns that follow it up to the next question or the next
moderator's call. A moderator's call is a turn labelled as a role (`MODERATOR`, `OPERATOR`), or
a short turn (at most 30 words) that gives the floor ("Eduard Ribas from EFE.", "Final question
is from …", "Go ahead.") or closes the event ("That concludes the press conference.").
"""

from __future__ import annotations

import dataclasses
import re

from ..model import Briefing, Turn
from ..read.labels import label_key
from ..words import MODERATOR_LABELS

_CALL = re.compile(
    r"(?i:\b(?:next|final|last) question\b|\bquestions? (?:is |comes )?from\b|\bgo ahead\b|"
    r"\b(?:we'?ll|let'?s) (?:start|begin|take)\b|\bconclud(?:es|ed)\b|\bthat'?s all\b|"
    r"\bthank you (?:all|everyone)\b)|(?i:\b(?:turn|go|move on) to )[A-Z]|\bfrom (?:the )?[A-Z][\w.&]+\.?$"
)
_SHORT = 30


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


def link_answers(briefing: Briefing) -> Briefing:
    """The briefing with `Turn.answers` and `Turn.answer_to` filled in."""
    turns = list(briefing.turns)
    question: int | None = None
    answers: dict[int, list[str]] = {}
    answer_to: dict[int, str] = {}
    for i, turn in enumerate(turns):
        if turn.question:
            question = i
            answers[i] = []
        elif question is not None and not is_call(turn):
            answers[question].append(turn.anchor)
            answer_to[i] = turns[question].anchor
        else:
            question = None
    linked = tuple(
        dataclasses.replace(t, answers=tuple(answers.get(i, ())), answer_to=answer_to.get(i, ""))
        for i, t in enumerate(turns)
    )
    return dataclasses.replace(briefing, turns=linked)
