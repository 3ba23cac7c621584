"""Suspicious spots in a parsed briefing, for `python -m generator check`: hints, not errors."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .labels import TITLE_WORDS, candidate, is_capitalised
from .model import Briefing

LONG_TURN_WORDS = 2500
"""A turn longer than this may have swallowed a label."""

_HANDOVER = re.compile(
    r"^(?:(?:and )?with that,? |so,? )?(?:over to you|the floor is yours|I(?:'ll| will)? (?:now )?"
    r"(?:turn|hand) (?:it |things )?over to)\b",
    re.IGNORECASE,
)
"""A closing hand-over sentence (`With that, over to you, Mr. Secretary.`); the next speaker needs a label."""


@dataclass(frozen=True)
class Finding:
    """One hint for an editor, at `file:line`."""

    path: str
    line: int
    message: str
    fragment: str = ""

    def __str__(self) -> str:
        shown = self.fragment if len(self.fragment) <= 60 else self.fragment[:57] + "..."
        return f"{self.path}:{self.line}: {self.message}" + (f": {shown!r}" if shown else "")


def findings(briefing: Briefing) -> list[Finding]:
    """Lead-ins not taken as labels, labels seen once, paragraphs after a hand-over, very long turns."""
    found: list[Finding] = []
    counts = Counter(t.label for t in briefing.turns)
    for turn in briefing.turns:
        path = briefing.source
        words = sum(len(p.text.split()) for p in turn.paragraphs)
        if words > LONG_TURN_WORDS:
            found.append(Finding(path, turn.line, f"very long turn ({words} words): a label missed?", turn.label))
        if counts[turn.label] == 1 and not turn.question and _bare(turn.label) \
                and turn.speaker.name == turn.label and not turn.speaker.resolved:
            found.append(Finding(path, turn.line, "label used once: a lead-in taken as a speaker?", turn.label))
        for previous, paragraph in zip(turn.paragraphs, turn.paragraphs[1:]):
            lead = candidate(paragraph.text)
            if lead and lead[0] != "Q" and is_capitalised(lead[0]) and len(lead[0].split()) <= 5:
                found.append(Finding(path, paragraph.line, "capitalised lead-in not taken as a label", lead[0]))
            elif not turn.question and _HANDOVER.search(_last_sentence(previous.text)):
                found.append(Finding(path, paragraph.line, "speech after a hand-over in the same turn: "
                                     "label missing?", paragraph.text))
    return found


def _bare(label: str) -> bool:
    """A label with no title word in it (`ATTENTION ALL`, not `MODERATOR` or `MR. X`)."""
    return not any(w.lower().strip(".,") in TITLE_WORDS for w in label.split())


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.?!])\s+(?=[A-Z])(?<!Mr\. )(?<!Ms\. )(?<!Dr\. )", text)[-1]
