"""Who speaks behind each label of one briefing: its participants, and (given a lookup) the registry.

Order: the registry's aliases → the briefing's participant list → the moderator's introduction
(for questions) → an automatic identity made from the label, which `check` lists. Anonymous
officials (`SENIOR STATE DEPARTMENT OFFICIAL ONE`) are never guessed: each stays anonymous and
belongs to its own briefing, as do unnamed roles (`MODERATOR`, `OPERATOR`, `INTERPRETER`).
The parser resolves without a registry; `enrich.annotate` resolves again with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Protocol

from ..model import Participant, Person, Reporter, Speaker
from ..text import fold_name, slugify
from ..words import HONORIFICS, ROLE_LABELS, ROLE_WORDS, TITLE_FORMS
from .labels import (
    family_name,
    family_name_of,
    initials_of,
    is_anonymous_label,
    is_question_label,
    is_role_label,
    label_key,
    named_role,
)

_QUESTIONER = Speaker(id="question", name="Question", kind="questioner")
"""Whoever asked a question nobody named in full: no page."""


_FORMS_OF_ADDRESS = frozenset({"the", "mr", "ms", "mrs", "miss", "mx", "madam"})
"""Words of a label that name no office (`THE SECRETARY`, `MADAM SPOKESPERSON`)."""


class Lookup(Protocol):
    """What the resolver asks a registry (`enrich.registry.Registry`)."""

    def lookup(self, label: str, date: dt.date, slug: str = "") -> Person | None: ...


class Resolver:
    """Resolves labels within one briefing, consulting the registry when one is given."""

    def __init__(self, participants: tuple[Participant, ...], registry: Lookup | None = None,
                 date: dt.date | None = None, scope: str = "") -> None:
        self._participants = participants
        self._registry = registry
        self._date = date or dt.date.min
        self._scope = scope
        """The briefing's slug: ids of anonymous speakers and roles are made unique to it."""
        self._cache: dict[tuple[str, Reporter | None, bool], Speaker] = {}

    def resolve(self, label: str, reporter: Reporter | None = None, question: bool | None = None) -> Speaker:
        """The speaker behind a label (for questions, behind the reporter called or introduced); `question`
        says a turn is a question when its label alone does not (`Politico:` called by a moderator)."""
        asks = is_question_label(label) if question is None else question
        key = (label_key(label), reporter, asks)
        if key not in self._cache:
            self._cache[key] = self._match(label, key[0], reporter, asks)
        return self._cache[key]

    def _match(self, label: str, key: str, reporter: Reporter | None, question: bool) -> Speaker:
        if question:
            return self._reporter(reporter) if reporter else _QUESTIONER
        if person := self._lookup(label):
            return self._speaker(person, "")
        if participant := self._participant(key) or self._holder(label, key):
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
        if (named := named_role(label)) is not None:  # `Peter Stano, Moderator`
            name, role = named
            if person := self._lookup(name):
                return self._speaker(person, role)
            return Speaker(id=slugify(name), name=name, role=role, resolved=True, kind="official")
        return Speaker(id=slugify(key), name=label)

    def _lookup(self, label: str) -> Person | None:
        return self._registry.lookup(label, self._date, self._scope) if self._registry else None

    def _speaker(self, person: Person, printed_role: str) -> Speaker:
        return Speaker(id=person.id, name=person.name, role=person.role_on(self._date) or printed_role,
                       resolved=True, kind=person.kind, affiliation=person.affiliation)

    def _reporter(self, reporter: Reporter) -> Speaker:
        """A named reporter; one called by a given name alone (or an outlet alone) is a page-less
        questioner unless the registry knows the name (`Zeke`, an alias with dates)."""
        person = self._lookup(reporter.name) if reporter.name else None
        if person is not None:
            return dataclasses.replace(self._speaker(person, ""), affiliation=person.affiliation or reporter.outlet)
        if reporter.given_only or not reporter.name:
            return _QUESTIONER
        return Speaker(id=slugify(reporter.name), name=reporter.name, resolved=True, kind="reporter",
                       affiliation=reporter.outlet)

    def _holder(self, label: str, key: str) -> Participant | None:
        """The one participant whose role the label names (`Spokesman` for `Stéphane Dujarric, Spokesperson for the
        Secretary-General`, `THE SECRETARY` for the one Secretary listed, `NATO Secretary General` for Jens
        Stoltenberg, NATO Secretary General): every word of the label in the role, one a title's; none for an
        anonymous or functional label (`MODERATOR`), or when several participants listed hold such a role."""
        words = [w for w in _role_words(key) if w not in _FORMS_OF_ADDRESS]
        if not words or key in ROLE_LABELS or is_anonymous_label(label) or not set(words) & ROLE_WORDS:
            return None
        named = _titles(words)
        holders = [p for p in self._participants  # listed or declared (a name read from the title has line 0)
                   if p.line > 0 and named <= _titles(_role_words(p.role))]
        if not holders:  # a title's reading is less sure: its role, or the role's head, must be the label's words
            holders = [p for p in self._participants
                       if p.line == 0 and named in (_titles(_role_words(p.role)), _titles(_head(_role_words(p.role))))]
        return holders[0] if len(holders) == 1 else None

    def _participant(self, key: str) -> Participant | None:
        """The one participant the label names by family name: the name's last word, else its first where no
        name ends so (Korea's and Japan's order, `Chung Eui-yong` for `FOREIGN MINISTER CHUNG`)."""
        words = [w for w in key.split() if w not in HONORIFICS]
        candidates = [
            p for p in self._participants
            if words and fold_name(p.name).split() and family_name_of(p.name) == family_name(words)
        ] or [
            p for p in self._participants
            if words and len(names := fold_name(p.name).split()) >= 2 and names[0] == family_name(words)
        ]
        if len(candidates) > 1:
            candidates = [p for p in candidates if set(words) <= set(fold_name(p.name).split() + fold_name(p.role).split())]
        if not candidates:  # the WHO's `TAG`, `MK`
            candidates = [p for p in self._participants if initials_of(key, p.name)]
        return candidates[0] if len(candidates) == 1 else None


def _role_words(role: str) -> list[str]:
    """A role's folded words, compounds apart (`under secretary general for humanitarian affairs`)."""
    return fold_name(role).replace("-", " ").split()


def _titles(words: list[str]) -> set[str]:
    """Folded words with each form of a title as one (`spokesman` and `spokesperson`: `TITLE_FORMS`), `the` left out."""
    return {TITLE_FORMS.get(word, word) for word in words if word != "the"}


_OF = {"of", "for", "to", "on", "at"}


def _head(words: list[str]) -> list[str]:
    """A role's words before the department or field it serves (`under secretary general` of `Under-Secretary-
    General for Humanitarian Affairs`, `secretary` of `Secretary of Defense`)."""
    end = next((i for i, word in enumerate(words) if word in _OF), len(words))
    return words[:end]
