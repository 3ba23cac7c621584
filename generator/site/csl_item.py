"""Each turn's citation as one CSL-JSON item: the one source every citation style is rendered from.

The cite dialog renders APA, Chicago and MLA from it with citeproc-js and the CSL project's style
files (`cite_assets.py`), and writes BibTeX and CSL-JSON from it (`theme_overrides/assets/cite-format.js`).

What is cited is the published transcript, so the item is a `document` (with the CSL styles, a
`speech` is cited as the live event: MLA then dates it only by `event-date`, and Chicago, given both
dates, prints the day twice): the speaker as author, the transcript's title (in sentence case: APA
prints it so, Chicago and MLA title-case it), a description (`genre`: transcript, of a question, of
interpreted remarks), the publisher, the date (`issued`), the archive's name (`archive`), the permalink
(`URL`). The place is kept as `event-place` for other software (the three styles print no place for a
document, nor do their manuals ask for one). No access date: the source is dated and archived.
`event`/`event-title` only when front matter names an event other than the title (`event:`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from nameparser import HumanName

from ..model import Briefing, Person, Turn
from ..text import fold_name
from ..words import GENERIC_TITLE_WORDS, NAME_PARTICLES, ORGANISATION_WORDS, ROLE_WORDS
from . import urls

HOSTS = {
    "whitehouse.gov": "The White House",
    "bidenwhitehouse.archives.gov": "The White House",
    "trumpwhitehouse.archives.gov": "The White House",
    "obamawhitehouse.archives.gov": "The White House",
    "state.gov": "U.S. Department of State",
    "2009-2017.state.gov": "U.S. Department of State",
    "2017-2021.state.gov": "U.S. Department of State",
    "defense.gov": "U.S. Department of Defense",
    "un.org": "United Nations",
    "justice.gov": "U.S. Department of Justice",
    "dhs.gov": "U.S. Department of Homeland Security",
    "treasury.gov": "U.S. Department of the Treasury",
    "usun.usmission.gov": "U.S. Mission to the United Nations",
}
"""Domains of `source_url` (and their subdomains: `press.un.org`) → the publisher citations name."""

_PEOPLE = ("official", "reporter", "")
_CAPITALISED = re.compile(r"[A-Z][a-z\u2019']*$")


def publisher(briefing: Briefing) -> str:
    """Who published the transcript: front matter `publisher:` (or `host:`), else the owner of the
    `source_url` domain (`HOSTS`), else empty."""
    for key in ("publisher", "host"):
        if given := str(briefing.extra.get(key, "")).strip():
            return given
    domain = (urlsplit(briefing.source_url).hostname or "").lower().removeprefix("www.")
    while domain:
        if domain in HOSTS:
            return HOSTS[domain]
        domain = domain.partition(".")[2]
    return ""


def sentence_case(title: str) -> str:
    """The title in sentence case, as APA wants it, lowering only what is surely no proper noun: the
    generic words of event titles (`Press Briefing`, `Background Call`, `Before … Departure`), not
    before a title they belong to (`Press Secretary Jen Psaki`), never the first word or one after a
    colon. Chicago and MLA title-case it again."""
    tokens = re.split(r"(\s+)", title)
    words = [i for i, token in enumerate(tokens) if token.strip()]
    for at, index in enumerate(words):
        if at == 0 or tokens[words[at - 1]].endswith((":", "\u2014", "\u2013")):
            continue
        following = tokens[words[at + 1]] if at + 1 < len(words) else ""
        if _generic(tokens[index]) and not (tokens[index][-1].isalpha() and _title_word(following)):
            tokens[index] = tokens[index].lower()
    if words and _generic(tokens[words[0]]):  # `On-the-Record Press Call`: only its first letter stays
        tokens[words[0]] = tokens[words[0]][:1] + tokens[words[0]][1:].lower()
    return "".join(tokens)


def _generic(token: str) -> bool:
    """A capitalised (not all-capitals) word all of whose hyphenated parts are generic title words."""
    word = token.rstrip(",:;.")
    return bool(_CAPITALISED.match(word.split("-")[0])) and all(
        fold_name(part) in GENERIC_TITLE_WORDS for part in word.split("-"))


def _title_word(token: str) -> bool:
    """A capitalised word of a person's title (`Secretary`, `Advisor`), which a generic word before it is part of."""
    word = token.rstrip(",:;.")
    return bool(_CAPITALISED.match(word)) and fold_name(word) in ROLE_WORDS and fold_name(word) not in GENERIC_TITLE_WORDS


def csl_name(name: str, parts: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """A person's name as CSL name fields (`_split_name`), a fresh copy."""
    return dict(_split_name(name, parts))


@cache  # nameparser takes about a millisecond a name; an archive names the same people thousands of times
def _split_name(name: str, parts: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """A person's name as CSL name fields: the registry's `name_parts` when given, else parsed by
    `nameparser` (titles dropped; `Jr.` a suffix; lower-case particles such as `van`, `de`, `bin`
    before the family name a non-dropping particle; a one-word name a family name); a name that reads as
    no person's (`aspirations, support the democratic`, a misread label) as written (`literal`)."""
    if parts:
        return dict(parts)
    if not _person_like(name):
        return {"literal": name}
    human = HumanName(name)
    given = " ".join(p for p in (human.first, human.middle) if p)
    family = human.last
    if not family:
        return {"family": given or name}
    out = {"family": family, "given": given}
    words = family.split()
    particles = [w for w in words[:-1] if w in NAME_PARTICLES]
    if particles and words[:len(particles)] == particles:
        out.update({"non-dropping-particle": " ".join(particles), "family": " ".join(words[len(particles):])})
    if human.suffix:
        out["suffix"] = human.suffix
    return {key: value for key, value in out.items() if value}


def _person_like(name: str) -> bool:
    """A name read as a person's: every word capitalised but particles (`van`, `bin`), a comma only
    before a suffix (`King, Jr.`). Anything else (a misread label, a phrase) is cited as written."""
    head, _, tail = name.partition(",")
    if tail and not HumanName(name).suffix:
        return False
    return all(w[:1].isupper() or w in NAME_PARTICLES for w in head.split())


def organisation(name: str) -> bool:
    """True for a name that is an organisation's (`U.S. Department of State`, `The White House`)."""
    return any(word in ORGANISATION_WORDS for word in fold_name(name).split())


def cited_label(label: str) -> str:
    """An anonymous official's or a role's label as an author: capitals softened to title case
    (`SENIOR ADMINISTRATION OFFICIAL` → `Senior Administration Official`), other forms as printed."""
    if not label.isupper():
        return label
    small = {"of", "the", "for", "and", "on", "in", "to", "a", "an"}
    words = label.lower().split()
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


def author(turn: Turn, people: Mapping[str, Person]) -> list[dict[str, str]]:
    """Who the turn is cited to: the speaker, for a question the reporter who asked (`Turn.asker`).
    A person has name fields; an organisation, an anonymous official, a role and a label no one
    resolved are a `literal` author, as the archive names them."""
    speaker = turn.speaker
    if turn.question:
        asker = turn.asker
        if asker is None or not asker.name:  # an outlet's reporter nobody named: the genre names the outlet
            return [{"literal": "Unidentified reporter"}]
        person = people.get(speaker.id) if speaker.kind == "reporter" else None
        return [csl_name(asker.name, person.name_parts if person else ())]
    if speaker.kind in ("anonymous", "role", "questioner"):
        return [{"literal": cited_label(speaker.name)}]
    if not (speaker.resolved and speaker.kind in _PEOPLE) or organisation(speaker.name):
        return [{"literal": speaker.name}]
    person = people.get(speaker.id)
    return [csl_name(speaker.name, person.name_parts if person else ())]


def genre(turn: Turn) -> str:
    """What is cited, in lower case (the styles capitalise it where a sentence starts): `transcript`,
    `transcript of interpreted remarks`, `transcript of question by Televisa reporter`."""
    asker = turn.asker
    outlet = f" by {asker.outlet} reporter" if asker and asker.outlet else ""
    if turn.question:
        return f"transcript of {'interpreted ' if turn.interpreted else ''}question{outlet}"
    return "transcript of interpreted remarks" if turn.interpreted else "transcript"


def key_prefix(briefing: Briefing) -> str:
    """What the keys of a briefing's turns start with: its slug and a hyphen."""
    return f"{briefing.slug}-"


def citation_key(briefing: Briefing, anchor: str) -> str:
    """The turn's key in BibTeX and CSL-JSON: briefing slug and anchor, ASCII, unique in the archive
    (slugs are) and stable (anchors are)."""
    return key_prefix(briefing) + anchor


def _date(briefing: Briefing) -> dict[str, Any]:
    return {"date-parts": [[briefing.date.year, briefing.date.month, briefing.date.day]]}


def shared_item(briefing: Briefing, site_name: str) -> dict[str, Any]:
    """The fields every turn of a briefing shares."""
    title = sentence_case(briefing.title)
    event = str(briefing.extra.get("event", "")).strip()
    item: dict[str, Any] = {
        "type": "document", "title": title, "event-title": event, "event": event, "event-place": briefing.location,
        "publisher": publisher(briefing), "issued": _date(briefing), "archive": site_name,
    }
    return {key: value for key, value in item.items() if value}


def csl_item(briefing: Briefing, turn: Turn, site_name: str, site_url: str,
             people: Mapping[str, Person]) -> dict[str, Any]:
    """One turn's CSL-JSON item, as the cite dialog assembles it from the page's citation data."""
    key = citation_key(briefing, turn.anchor)
    return {**shared_item(briefing, site_name), "id": key, "citation-key": key, "author": author(turn, people),
            "genre": genre(turn), "URL": urls.permalink(briefing, turn.anchor, site_url)}
