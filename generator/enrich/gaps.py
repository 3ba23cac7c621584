"""The archive's identity gaps: labels no briefing names, reporters and outlets the lists do not know.

Each gap comes with its evidence (how many turns, in which briefings, over which dates, where first)
and, for a label, a candidate when other briefings name who it is (their title, participant lines
or introductions resolved the same label). `python -m generator people` prints them as entries ready
to paste into `speakers.yml` / `outlets.yml` after review; `check` opens with the biggest. Nothing here
changes an identity: a candidate from other briefings is a suggestion, never applied.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Archive, Briefing, Turn
from ..read.labels import label_key
from ..text import plural, slugify
from .outlets import Outlets


@dataclass
class Gap:
    """One unresolved label, unlisted reporter or unlisted outlet, with its evidence."""

    kind: str
    """`label`, `reporter` or `outlet`."""
    text: str
    """The label as first printed, the reporter's name, the outlet as printed."""
    turns: int = 0
    briefings: set[str] = field(default_factory=set)
    first: dt.date = dt.date.max
    last: dt.date = dt.date.min
    where: tuple[str, int] = ("", 0)
    """The file and line of its first turn in the newest briefing."""
    candidates: Counter[tuple[str, str]] = field(default_factory=Counter)
    """For a label: `(name, role)` other briefings resolved it to, by briefings."""
    outlet: str = ""
    """For a reporter: the outlet they were called with."""

    def add(self, briefing: Briefing, turn: Turn) -> None:
        self.turns += 1
        if briefing.slug not in self.briefings and briefing.date >= self.last:
            self.where = (briefing.source, turn.line)
        self.briefings.add(briefing.slug)
        self.first, self.last = min(self.first, briefing.date), max(self.last, briefing.date)

    @property
    def dates(self) -> str:
        return self.first.isoformat() if self.first == self.last else f"{self.first} – {self.last}"

    @property
    def evidence(self) -> str:
        what = "question" if self.kind != "label" else "turn"
        return f"{plural(self.turns, what)} in {plural(len(self.briefings), 'briefing')}, {self.dates}"


def identity_gaps(archive: Archive, outlets: Outlets) -> list[Gap]:
    """Every gap of the archive, the largest first (by turns, then by text)."""
    labels: dict[str, Gap] = {}
    resolved: dict[str, Counter[tuple[str, str]]] = {}
    reporters: dict[str, Gap] = {}
    unlisted: dict[str, Gap] = {}
    registered = {p.id for p in archive.people}
    for briefing in archive.briefings:
        for turn in briefing.turns:
            speaker = turn.speaker
            if not turn.question and speaker.resolved and speaker.kind == "official":
                resolved.setdefault(label_key(turn.label), Counter())[(speaker.name, speaker.role)] += 1
            elif not turn.question and not speaker.kind:
                labels.setdefault(label_key(turn.label), Gap("label", turn.label)).add(briefing, turn)
            if speaker.kind == "reporter" and speaker.id not in registered:
                gap = reporters.setdefault(speaker.id, Gap("reporter", speaker.name, outlet=speaker.affiliation))
                gap.add(briefing, turn)
            asker = turn.asker
            if asker and asker.outlet and outlets.find(asker.outlet) is None:
                unlisted.setdefault(asker.outlet, Gap("outlet", asker.outlet)).add(briefing, turn)
    for key, gap in labels.items():
        gap.candidates = resolved.get(key, Counter())
    return sorted([*labels.values(), *reporters.values(), *unlisted.values()], key=lambda g: (-g.turns, g.text))


def summary_line(gap: Gap) -> str:
    """One gap as `file:line: message: 'text'`, for `check`."""
    path, line = gap.where
    what = {"label": "unresolved label", "reporter": "reporter not in speakers.yml",
            "outlet": "outlet not in outlets.yml"}[gap.kind]
    hint = f"; other briefings name {gap.candidates.most_common(1)[0][0][0]}" if gap.candidates else ""
    return f"{path}:{line}: {what} ({gap.evidence}){hint}: {gap.text!r}"


def yaml_entries(gaps: Iterable[Gap]) -> str:
    """The gaps as `speakers.yml` and `outlets.yml` entries to review and paste; a label nothing names
    stays commented out, to be filled in by hand."""
    gaps = list(gaps)
    people = [g for g in gaps if g.kind != "outlet"]
    outlets = [g for g in gaps if g.kind == "outlet"]
    out = ["# For content/speakers.yml (people:), to review before pasting: the evidence is in the comments.\n"]
    for gap in people:
        out.append(_person_entry(gap) if gap.kind == "reporter" else _label_entry(gap))
    out.append("\n# For content/outlets.yml (outlets:)\n")
    out.extend(f"  - {{id: {slugify(g.text)}, name: {_quoted(g.text)}}}  # {g.evidence}, first at "
               f"{g.where[0]}:{g.where[1]}\n" for g in outlets)
    return "".join(out)


def _label_entry(gap: Gap) -> str:
    span = f"from: {gap.first.isoformat()}, to: {(gap.last + dt.timedelta(days=1)).isoformat()}"
    head = f"  # {gap.text}: {gap.evidence}, first at {gap.where[0]}:{gap.where[1]}\n"
    if not gap.candidates:
        return (head + "  # no briefing names who it is; fill in and uncomment:\n"
                f"  # - id: …\n  #   name: …\n  #   aliases:\n  #     - {{label: {_quoted(gap.text)}, {span}}}\n")
    (name, role), count = gap.candidates.most_common(1)[0]
    others = len(gap.candidates) - 1
    lines = [head, f"  # other briefings name {name} under this label ({count} turns)"
             + (f"; {others} other name(s) too: check" if others else "") + "\n",
             f"  - id: {slugify(name)}\n    name: {_quoted(name)}\n"]
    if role:
        lines.append(f"    roles:\n      - {{title: {_quoted(role)}}}\n")
    lines.append(f"    aliases:\n      - {{label: {_quoted(gap.text)}, {span}}}\n")
    return "".join(lines)


def _person_entry(gap: Gap) -> str:
    lines = [f"  # {gap.text}: {gap.evidence}, first at {gap.where[0]}:{gap.where[1]}\n",
             f"  - id: {slugify(gap.text)}\n    name: {_quoted(gap.text)}\n    kind: reporter\n"]
    if gap.outlet:
        lines.append(f"    affiliation: {_quoted(gap.outlet)}\n")
    return "".join(lines)


def _quoted(text: str) -> str:
    """A YAML scalar that reads back as `text`, whatever characters it holds."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
