"""Resolving printed speaker labels to identities."""

from __future__ import annotations

import re

from .model import Participant, Speaker
from .text import fold, slugify

QUESTION_LABELS = {"q", "question", "questioner", "reporter", "audience member", "participant question"}
"""Labels of reporters' turns (folded)."""

_HONORIFICS = {"mr", "ms", "mrs", "dr", "miss", "mx", "gen", "general", "sec", "secretary"}


def is_question_label(label: str) -> bool:
    """True for `QUESTION`, `Q` and their variants."""
    return fold(label) in QUESTION_LABELS


def label_key(label: str) -> str:
    """Folded label for matching: `MR. PRICE`, `MR PRICE` and `Mr Price` share one key."""
    return re.sub(r"\s+", " ", fold(label).replace(",", " ")).strip()


class Resolver:
    """Resolves labels within one briefing: participant list first, else the label as printed."""

    def __init__(self, participants: tuple[Participant, ...]) -> None:
        self._participants = participants
        self._cache: dict[str, Speaker] = {}

    def resolve(self, label: str) -> Speaker:
        """The speaker behind a label; unresolved labels keep their printed form and a slug id."""
        key = label_key(label)
        if key not in self._cache:
            self._cache[key] = self._match(label, key)
        return self._cache[key]

    def _match(self, label: str, key: str) -> Speaker:
        words = [w for w in key.split() if w not in _HONORIFICS]
        candidates = [
            p for p in self._participants
            if words and fold(p.name).split() and fold(p.name).split()[-1] == words[-1]
        ]
        if len(candidates) > 1:
            candidates = [p for p in candidates if set(words) <= set(fold(p.name).split() + fold(p.role).split())]
        if len(candidates) == 1:
            person = candidates[0]
            return Speaker(id=slugify(person.name), name=person.name, role=person.role, resolved=True)
        if is_question_label(label):
            return Speaker(id="question", name="Question")
        return Speaker(id=slugify(key), name=label)
