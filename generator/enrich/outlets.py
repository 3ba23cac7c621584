"""The outlet list, `content/outlets.yml`: the outlets of the press corps and the names they are called by.

A reporter's outlet is printed many ways (`AP`, `the AP`, `Associated Press`, `The Associated Press`):
the list makes them one outlet, with one page. An outlet not in the list stays on the turn as printed,
gets no page, and `check` lists it. A call that names only a listed outlet (`Bloomberg, go ahead.`)
attributes the question to the outlet; one that names anything else alone attributes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..model import Outlet, Reporter
from ..read.labels import outlet_label
from ..read.yamlfile import line, top_list
from ..text import fold_name, slugify

_KEYS = {"id", "name", "aliases"}


def outlet_key(text: str) -> str:
    """The folded form outlets are matched by: case, accents, dots, punctuation and a leading `the` ignored."""
    return re.sub(r"^the ", "", " ".join(re.sub(r"[^\w&]+", " ", fold_name(text)).split()))


@dataclass(frozen=True)
class Outlets:
    """The listed outlets, looked up by any of their names."""

    outlets: tuple[Outlet, ...] = ()
    source: str = ""
    _index: dict[str, Outlet] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for outlet in self.outlets:
            for name in (outlet.name, *outlet.aliases):
                self._index.setdefault(outlet_key(name), outlet)

    def find(self, printed: str) -> Outlet | None:
        """The listed outlet an outlet name as printed means, if any."""
        return self._index.get(outlet_key(printed)) if printed else None

    def canonical(self, reporter: Reporter | None) -> Reporter | None:
        """The reporter with a listed outlet's name (an unlisted one kept as printed). A call that names no
        person but a listed outlet (`Bloomberg, go ahead.`, `Al Jazeera.`, read as names) keeps only the outlet;
        one naming nothing listed attributes nothing."""
        if reporter is None:
            return None
        if (outlet := self.find(reporter.name)) is not None:
            return Reporter(name="", outlet=outlet.name)
        listed = self.find(reporter.outlet)
        if not reporter.name:  # a well-known outlet printed as the label (`CCTV:`) stays, listed or not
            return Reporter(name="", outlet=listed.name) if listed else reporter if outlet_label(reporter.outlet) else None
        return Reporter(reporter.name, listed.name if listed else reporter.outlet, reporter.given_only)

    def unlisted(self, printed: Iterable[str]) -> list[str]:
        """The outlet names among `printed` that the list does not know."""
        return [p for p in printed if p and self.find(p) is None]


def load_outlets(path: Path, display: str) -> Outlets:
    """Read `outlets.yml`; a missing file is an empty list; any mistake raises `ConfigError` at its line."""
    if (read := top_list(path, display, "outlets.yml", "outlets")) is None:
        return Outlets(source=display)
    doc, nodes = read
    found: list[Outlet] = []
    ids: dict[str, int] = {}
    names: dict[str, str] = {}
    for node in nodes:
        fields = doc.mapping(node, "an outlet", _KEYS, {"id", "name"})
        outlet_id = doc.string(fields["id"], "id")
        if slugify(outlet_id) != outlet_id:
            raise doc.error(fields["id"], "id must be a slug (lowercase a-z, 0-9 and '-')", outlet_id)
        if outlet_id in ids:
            raise doc.error(fields["id"], f"id {outlet_id!r} is already used by the entry at line {ids[outlet_id]}",
                            outlet_id)
        ids[outlet_id] = line(node)
        name = doc.string(fields["name"], "name")
        aliases = [(a, n) for a, n in doc.strings(fields["aliases"], "aliases")] if "aliases" in fields else []
        for text, at in [(name, fields["name"]), *aliases]:
            key = outlet_key(text)
            if names.setdefault(key, outlet_id) != outlet_id:
                raise ConfigError(f"name claimed by two outlets: {names[key]} and {outlet_id}", path=display,
                                  line=line(at), fragment=text)
        found.append(Outlet(outlet_id, name, tuple(a for a, _ in aliases), line(node)))
    return Outlets(tuple(found), display)
