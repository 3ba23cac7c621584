"""Resolving printed speaker labels to identities.

Order: the registry's aliases → the briefing's participant list → the moderator's introduction
(for questions) → an automatic identity made from the label, which `check` lists. Anonymous
officials (`SENIOR STATE DEPARTMENT OFFICIAL ONE`) are never guessed: each stays anonymous and
belongs to its own briefing, as do unnamed roles (`MODERATOR`, `OPERATOR`, `INTERPRETER`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING

from .model import Briefing, Participant, Reporter, Speaker
from .text import fold, slugify

if TYPE_CHECKING:
    from .registry import Person, Registry

QUESTION_LABELS = {"q", "question", "questioner", "reporter", "audience member", "participant question"}
"""Labels of reporters' turns (folded)."""

ROLE_LABELS = {"moderator", "operator", "interpreter", "translator", "aide", "staff", "staffer",
               "participant", "host", "announcer", "narrator", "audience", "master of ceremonies"}
"""Functional labels that name nobody; `THE …` labels (`THE PRESIDENT`) are roles too."""

_ANONYMOUS = re.compile(r"\bofficials?\b|\bbriefers?\b|^\[.*\]$")
_HONORIFICS = {"mr", "ms", "mrs", "dr", "miss", "mx", "gen", "general", "sec", "secretary"}


def is_question_label(label: str) -> bool:
    """True for `QUESTION`, `Q` and their variants."""
    return fold(label) in QUESTION_LABELS


def label_key(label: str) -> str:
    """Folded label for matching: `MR. PRICE`, `MR PRICE` and `Mr Price` share one key."""
    return re.sub(r"\s+", " ", fold(label).replace(",", " ")).strip()


def is_anonymous_label(label: str) -> bool:
    """True for labels of officials speaking on background, who must never be named by guess."""
    return bool(_ANONYMOUS.search(label_key(label)))


def is_role_label(label: str) -> bool:
    """True for `MODERATOR`, `OPERATOR`, `THE PRESIDENT` and other labels naming a function."""
    key = label_key(label)
    return key in ROLE_LABELS or key.startswith("the ")


class Resolver:
    """Resolves labels within one briefing, consulting the registry when one is given."""

    def __init__(self, participants: tuple[Participant, ...], registry: Registry | None = None,
                 date: dt.date | None = None, scope: str = "") -> None:
        self._participants = participants
        self._registry = registry
        self._date = date or dt.date.min
        self._scope = scope
        """The briefing's slug: ids of anonymous speakers and roles are made unique to it."""
        self._cache: dict[tuple[str, Reporter | None], Speaker] = {}

    def resolve(self, label: str, reporter: Reporter | None = None) -> Speaker:
        """The speaker behind a label (for questions, behind the reporter a moderator introduced)."""
        key = (label_key(label), reporter)
        if key not in self._cache:
            self._cache[key] = self._match(label, key[0], reporter)
        return self._cache[key]

    def _match(self, label: str, key: str, reporter: Reporter | None) -> Speaker:
        if is_question_label(label):
            return self._reporter(reporter) if reporter else Speaker(id="question", name="Question", kind="questioner")
        if person := self._lookup(label):
            return self._speaker(person, "")
        if participant := self._participant(key):
            person = self._lookup(participant.name)
            if person is not None:
                return self._speaker(person, participant.role)
            return Speaker(id=slugify(participant.name), name=participant.name, role=participant.role,
                           resolved=True, kind="official")
        scoped = f"{self._scope}--{slugify(key)}" if self._scope else slugify(key)
        if is_anonymous_label(label):
            return Speaker(id=scoped, name=label, kind="anonymous")
        if is_role_label(label):
            return Speaker(id=scoped, name=label, kind="role")
        return Speaker(id=slugify(key), name=label)

    def _lookup(self, label: str) -> Person | None:
        return self._registry.lookup(label, self._date, self._scope) if self._registry else None

    def _speaker(self, person: Person, printed_role: str) -> Speaker:
        return Speaker(id=person.id, name=person.name, role=person.role_on(self._date) or printed_role,
                       resolved=True, kind=person.kind, affiliation=person.affiliation)

    def _reporter(self, reporter: Reporter) -> Speaker:
        person = self._lookup(reporter.name)
        if person is not None:
            return dataclasses.replace(self._speaker(person, ""), affiliation=person.affiliation or reporter.outlet)
        return Speaker(id=slugify(reporter.name), name=reporter.name, resolved=True, kind="reporter",
                       affiliation=reporter.outlet)

    def _participant(self, key: str) -> Participant | None:
        words = [w for w in key.split() if w not in _HONORIFICS]
        candidates = [
            p for p in self._participants
            if words and fold(p.name).split() and fold(p.name).split()[-1] == words[-1]
        ]
        if len(candidates) > 1:
            candidates = [p for p in candidates if set(words) <= set(fold(p.name).split() + fold(p.role).split())]
        return candidates[0] if len(candidates) == 1 else None


def resolve_speakers(briefing: Briefing, registry: Registry) -> Briefing:
    """The briefing with every turn's speaker resolved again, this time with the registry."""
    from .labels import same_person  # labels imports this module: resolve the cycle at call time

    person = same_person([t.label for t in briefing.turns])
    resolver = Resolver(briefing.participants, registry, briefing.date, briefing.slug)
    turns = tuple(dataclasses.replace(t, speaker=resolver.resolve(person[t.label], t.reporter))
                  for t in briefing.turns)
    return dataclasses.replace(briefing, turns=turns)
