"""The speaker registry, `content/speakers.yml`: who is who, under which labels, and when.

An alias is a label form (`SECRETARY BLINKEN`, `MR. PRICE`) or a name (`Tracy Wilkinson`).
Plain aliases hold at all times; role labels hold for a date range (`THE PRESIDENT` from
2021-01-20 to 2025-01-20) or for named briefings (`MODERATOR` in one background call).
Two people may not claim the same alias when their validity overlaps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from ..errors import ConfigError
from ..model import Alias, Person, Role
from ..read.labels import label_key
from ..read.yamlfile import YamlFile, line, top_list
from ..text import slugify
from .outlets import Outlets

KINDS = ("official", "reporter")
_PERSON_KEYS = {"id", "name", "kind", "affiliation", "roles", "aliases", "name_parts"}
NAME_PARTS = ("family", "given", "suffix", "dropping-particle", "non-dropping-particle")
"""The keys of `name_parts:` (CSL's name fields), in the order they are kept."""
_ROLE_KEYS = {"title", "from", "to"}
_ALIAS_KEYS = {"label", "from", "to", "briefings"}


@dataclass(frozen=True)
class Registry:
    """All registry entries, looked up by alias."""

    people: tuple[Person, ...] = ()
    source: str = ""
    outlets: Outlets = field(default_factory=Outlets)
    """The outlet list (`content/outlets.yml`), which names reporters' outlets."""

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[Alias, Person]]] = {}
        for person in self.people:
            for alias in person.aliases:
                index.setdefault(alias.key, []).append((alias, person))
        object.__setattr__(self, "_index", index)

    def lookup(self, label: str, date: dt.date, slug: str = "") -> Person | None:
        """The person a label or name means in the briefing `slug` of `date`, if the registry knows."""
        claims: list[tuple[Alias, Person]] = self._index.get(label_key(label), [])  # type: ignore[attr-defined]
        return next((person for alias, person in claims if alias.holds(date, slug)), None)

    def get(self, person_id: str) -> Person | None:
        """The entry with this id."""
        return next((p for p in self.people if p.id == person_id), None)


def load_registry(path: Path, display: str) -> Registry:
    """Read `speakers.yml`; a missing file is an empty registry; any mistake raises `ConfigError`."""
    if (read := top_list(path, display, "speakers.yml", "people")) is None:
        return Registry(source=display)
    doc, nodes = read
    people = [_person(doc, node) for node in nodes]
    _refuse_clashes(doc, people)
    return Registry(tuple(people), display)


def _person(doc: YamlFile, node: Node) -> Person:
    fields = doc.mapping(node, "a person", _PERSON_KEYS, {"id", "name"})
    person_id = doc.string(fields["id"], "id")
    if slugify(person_id) != person_id:
        raise doc.error(fields["id"], "id must be a slug (lowercase a-z, 0-9 and '-')", person_id)
    name = doc.string(fields["name"], "name")
    kind = doc.string(fields["kind"], "kind") if "kind" in fields else "official"
    if kind not in KINDS:
        raise doc.error(fields["kind"], f"kind must be one of {', '.join(KINDS)}", kind)
    affiliation = doc.string(fields["affiliation"], "affiliation") if "affiliation" in fields else ""
    roles = tuple(_role(doc, r) for r in doc.sequence(fields["roles"], "roles")) if "roles" in fields else ()
    aliases = [Alias(label_key(name), name, line(fields["name"]))]
    if "aliases" in fields:
        aliases += [_alias(doc, a) for a in doc.sequence(fields["aliases"], "aliases")]
    unique = {(a.key, a.start, a.end, a.briefings): a for a in reversed(aliases)}  # the name may be an alias too
    parts = _name_parts(doc, fields["name_parts"]) if "name_parts" in fields else ()
    return Person(person_id, name, kind, affiliation, roles, tuple(dict.fromkeys(
        unique[(a.key, a.start, a.end, a.briefings)] for a in aliases)), line(node), parts)


def _name_parts(doc: YamlFile, node: Node) -> tuple[tuple[str, str], ...]:
    """`name_parts: {family: Biden, given: Joseph R., suffix: Jr.}`: how citations split the name."""
    fields = doc.mapping(node, "name_parts", set(NAME_PARTS), {"family"})
    return tuple((key, doc.string(fields[key], key)) for key in NAME_PARTS if key in fields)


def _role(doc: YamlFile, node: Node) -> Role:
    if isinstance(node, ScalarNode):
        return Role(doc.string(node, "role"))
    fields = doc.mapping(node, "a role", _ROLE_KEYS, {"title"})
    start, end = _range(doc, fields)
    return Role(doc.string(fields["title"], "title"), start, end)


def _alias(doc: YamlFile, node: Node) -> Alias:
    if isinstance(node, ScalarNode):
        text = doc.string(node, "alias")
        return Alias(label_key(text), text, line(node))
    fields = doc.mapping(node, "an alias", _ALIAS_KEYS, {"label"})
    text = doc.string(fields["label"], "label")
    start, end = _range(doc, fields)
    slugs = tuple(s for s, _ in doc.strings(fields["briefings"], "briefings")) if "briefings" in fields else ()
    if slugs and (start or end):
        raise doc.error(node, "an alias holds for a date range or for named briefings, not both", text)
    return Alias(label_key(text), text, line(node), start, end, slugs)


def _range(doc: YamlFile, fields: dict[str, Node]) -> tuple[dt.date | None, dt.date | None]:
    start = doc.date(fields["from"], "from") if "from" in fields else None
    end = doc.date(fields["to"], "to") if "to" in fields else None
    if start and end and end <= start:
        raise doc.error(fields["to"], "'to' must come after 'from'", end.isoformat())
    return start, end


def _refuse_clashes(doc: YamlFile, people: list[Person]) -> None:
    """Duplicate ids, and an alias two people claim at overlapping times, are errors."""
    ids: dict[str, Person] = {}
    claims: dict[str, list[tuple[Alias, Person]]] = {}
    for person in people:
        if person.id in ids:
            raise ConfigError(f"id {person.id!r} is already used by the entry at line {ids[person.id].line}",
                              path=doc.display, line=person.line, fragment=person.id)
        ids[person.id] = person
        for alias in person.aliases:
            for other, owner in claims.get(alias.key, []):
                if alias.overlaps(other):
                    raise ConfigError(
                        f"alias claimed twice: {owner.id} (line {other.line}) and {person.id} hold it "
                        "at overlapping times", path=doc.display, line=alias.line, fragment=alias.text)
            claims.setdefault(alias.key, []).append((alias, person))
