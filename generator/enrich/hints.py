"""What `python -m generator check` advises an editor, at `file:line`: hints, not errors.

From the text alone (`findings`): a capitalised lead-in not taken as a label, a label used once,
speech after a hand-over, very long turns. With the registry and the vocabulary: misspelt labels
(`identity_findings`), topics without passages (`topic_findings`). Labels no briefing names, and
reporters and outlets the lists do not know, are gathered archive-wide by `enrich.gaps`.
`check` exits non-zero only on errors (a transcript that cannot be published, a broken
speakers.yml or topics.yml, an alias claimed by two people), never on these.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Briefing
from ..read.labels import candidate, is_capitalised, label_key, same_person
from ..words import TITLE_WORDS
from .topics import Vocabulary

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
        for previous, paragraph in zip(turn.paragraphs, turn.paragraphs[1:], strict=False):
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


def identity_findings(briefing: Briefing) -> list[Finding]:
    """Misspelt labels, at their first turn. (Labels nothing resolved are listed archive-wide, with their
    evidence, by `enrich.gaps`.)"""
    out: list[Finding] = []
    person = same_person([t.label for t in briefing.turns])
    seen: set[str] = set()
    for turn in briefing.turns:
        key = label_key(turn.label)
        if key in seen:
            continue
        seen.add(key)
        canonical = person[turn.label]
        if label_key(canonical) != key:
            out.append(Finding(briefing.source, turn.line, f"suspicious label, read as {canonical!r}", turn.label))
    return out


def topic_findings(vocabulary: Vocabulary, briefings: Iterable[Briefing]) -> list[Finding]:
    """Topics of the vocabulary that no paragraph of the archive is tagged with."""
    used = {topic for b in briefings for t in b.turns for topic in t.topics}
    return [Finding(vocabulary.source, vocabulary.rules[t.id].line, "topic has no passages", t.id)
            for t in vocabulary.topics if t.id not in used]
