"""What the search page filters and counts by, read from the model: who spoke or asked, outlets,
topics, kinds of briefing, dates.

Identities are the model's (`Turn.speaker`, `Turn.asker`, `Turn.topics`, `Briefing.kind`,
`Briefing.date`); this module only gives each a compact number for the index and lists the
names the page shows. The search index (`search_store.py`) writes, for every turn, one
`TurnFacets`; its postings carry it so a query counts its whole result set without loading
anything per turn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Briefing, Outlet, Topic, Turn
from ..text import slugify
from .search_store import varints
from .speaker_pages import outlet_id


class Who(NamedTuple):
    """Whoever a turn is filed under: its speaker, or for a question, the reporter who asked. A named tuple:
    one per turn is kept in the build cache, and a tuple reads back from it in half a dataclass's time."""

    id: str
    """`Speaker.id` (the page `speakers/<id>.html`), or for a reporter a moderator called on without a
    registry entry, the slug of the name the model gives (`Turn.asker`)."""
    name: str
    question: bool
    outlet: str = ""
    """The outlet's id (`outlets/<id>.html`), for a question whose asker's outlet is known."""
    outlet_name: str = ""
    page: bool = False
    """True when `speakers/<id>.html` exists."""


def who(turn: Turn, outlets: Mapping[str, Outlet]) -> Who | None:
    """The identity a turn counts for: the speaker of an answer or statement (identities with a page
    only: anonymous officials, moderators and operators are not followed), the asker of a question (an
    outlet nobody named a reporter of, `AFP:`, asks under the outlet's name). An outlet counts only when
    `outlets` (the listed ones, by name) holds it: it has a page."""
    speaker = turn.speaker
    if not turn.question:
        return Who(speaker.id, speaker.name, False, page=True) if speaker.has_page else None
    asker = turn.asker
    if asker is None:
        return None
    if not asker.name.strip():  # `Question from AFP`: the outlet asked, as the heading says
        if not asker.outlet.strip():
            return None
        listed = outlets.get(asker.outlet)
        name = listed.name if listed else asker.outlet
        return Who(slugify(name), name, True, listed.id if listed else "", listed.name if listed else "")
    if speaker.kind == "reporter":
        outlet = outlet_id(speaker, dict(outlets))
        return Who(speaker.id, speaker.name, True, outlet, speaker.affiliation if outlet else "", page=True)
    listed = outlets.get(asker.outlet)
    return Who(slugify(asker.name), asker.name, True, listed.id if listed else "", listed.name if listed else "")


def kind_id(kind: str) -> str:
    """A briefing kind as a URL value: `background call` → `background-call`; empty for none."""
    return slugify(kind) if kind.strip() else ""


SETS = 1024
"""Topic sets per blob of the set dictionary (the most frequent sets come first)."""


@dataclass(frozen=True)
class TurnFacets:
    """One turn's facets as index numbers: `who` (+1, 0 for none), question, the set of its topics."""

    who: int
    question: bool
    topic_set: int
    """The number of the turn's set of topics in the set dictionary (`FacetTables.sets`; 0 is no topic)."""

    def encoded(self) -> str:
        """As the index stores it with each posting: varints of who × 2 + question, then the topic set."""
        return varints([self.who * 2 + self.question, self.topic_set])


class FacetTables:
    """The numbering of identities and topics, most turns first (so that their numbers are one
    character in the index), and the names the page shows.

    Two passes over the archive: `count` every turn, then `facets` gives each turn's numbers.
    """

    def __init__(self, topics: Iterable[Topic], outlets: Iterable[Outlet] = ()) -> None:
        self.titles = {t.id: t.title for t in topics}
        self._outlets = {o.name: o for o in outlets}
        self._who_count: Counter[Who] = Counter()
        self._topic_count: Counter[str] = Counter()
        self._set_count: Counter[tuple[str, ...]] = Counter({(): 0})
        self._kinds: dict[str, str] = {}
        self._kind_number: dict[str, int] = {}
        self._who_number: dict[Who, int] = {}
        self._topic_number: dict[str, int] = {}
        self._set_number: dict[tuple[str, ...], int] = {}
        self.whos: list[Who] = []
        self.topics: list[str] = []

    @property
    def outlets(self) -> Mapping[str, Outlet]:
        """The listed outlets by name (what `who` counts)."""
        return self._outlets

    def count(self, briefing: Briefing) -> None:
        """First pass: the briefing's kind, its turns' identities and topics."""
        self.count_turns(briefing.kind, ((who(turn, self._outlets), turn.topics) for turn in briefing.turns))

    def count_turns(self, kind: str, turns: Iterable[tuple[Who | None, Iterable[str]]]) -> None:
        """First pass, from what `count` reads of a briefing: its kind, and each turn's identity and topics."""
        if kid := kind_id(kind):
            self._kinds.setdefault(kid, " ".join(kind.split()))
        for found, topics in turns:
            if found is not None:
                self._who_count[found] += 1
            topics = tuple(topics)
            self._topic_count.update(topics)
            self._set_count[tuple(sorted(topics))] += 1

    def facets_of(self, found: Who | None, question: bool, topics: Iterable[str]) -> TurnFacets:
        """Second pass: a turn's facets as numbers, from its identity (`who`), whether it asks, its topics."""
        if len(self._set_number) != len(self._set_count):
            self._number()
        number = self._who_number[found] + 1 if found is not None else 0
        return TurnFacets(number, question, self._set_number[tuple(sorted(topics))])

    def _number(self) -> None:
        self.whos = sorted(self._who_count, key=lambda w: (-self._who_count[w], w.id, w.question, w.outlet, w.name))
        self._who_number = {w: n for n, w in enumerate(self.whos)}
        self.topics = sorted(self._topic_count, key=lambda t: (-self._topic_count[t], t))
        self._topic_number = {t: n for n, t in enumerate(self.topics)}
        ordered = sorted(self._set_count, key=lambda s: (s != (), -self._set_count[s], s))
        self._set_number = {s: n for n, s in enumerate(ordered)}

    def sets(self) -> list[str]:
        """The set dictionary in blobs of SETS sets: per set, varints of its size and its topics' numbers."""
        self._number()
        ordered = sorted(self._set_number, key=self._set_number.__getitem__)
        encoded = [varints([len(s), *sorted(self._topic_number[t] for t in s)]) for s in ordered]
        return ["".join(encoded[at:at + SETS]) for at in range(0, len(encoded), SETS)]

    def lists(self) -> dict[str, list[list[object]]]:
        """What the page needs to name and count facets, by number:
        `who`: `[name, question (0/1), page (0/1), turns, outlet name, id, outlet id]` each, an id left out
        (and the list cut short) when it is the slug of the name (`slugify`, as the page computes it),
        `topics`: `[id, title, turns]`, `kinds`: `[id, name]` (a briefing's kind is its number + 1)."""
        self._number()
        return {
            "who": [_short([w.name, int(w.question), int(w.page), self._who_count[w], w.outlet_name,
                            "" if _plain_slug(w.id, w.name) else w.id,
                            "" if _plain_slug(w.outlet, w.outlet_name) else w.outlet]) for w in self.whos],
            "topics": [[t, self.titles.get(t, t), self._topic_count[t]] for t in self.topics],
            "kinds": [[kid, name] for kid, name in sorted(self._kinds.items())],
        }

    def kind_number(self, kind: str) -> int:
        """A briefing's kind (`Briefing.kind`) as `lists()["kinds"]` number + 1; 0 for none."""
        kid = kind_id(kind)
        if len(self._kind_number) != len(self._kinds):
            self._kind_number = {k: n + 1 for n, k in enumerate(sorted(self._kinds))}
        return self._kind_number.get(kid, 0)


def facet_terms(facets: TurnFacets, topics: Iterable[str], kind: str, year: int, tables: FacetTables) -> list[str]:
    """The index's facet terms of a turn (`@p:<id>`, `@o:<outlet>`, `@t:<topic>`, `@k:<kind>`, `@y:<year>`,
    `@q`): a filter with no words reads the smallest of them. They cannot clash with words, which hold
    letters and digits only."""
    out = [f"@y:{year}"]
    if kind:
        out.append(f"@k:{kind}")
    if facets.question:
        out.append("@q")
    if facets.who:
        found = tables.whos[facets.who - 1]
        out.append(f"@p:{found.id}")
        if found.outlet:
            out.append(f"@o:{found.outlet}")
    out.extend(f"@t:{t}" for t in topics)
    return out


def _plain_slug(slug: str, name: str) -> bool:
    """Whether the page can make `slug` from `name` itself: the slug of a name short enough to need no hash."""
    return slug == slugify(name) and len(slug) <= 60


def _short(row: list[object]) -> list[object]:
    """A row without its trailing empty strings."""
    while row and row[-1] == "":
        row.pop()
    return row

