"""What a briefing page tells the cite dialog (`theme_overrides/assets/cite-format.js`): embedded as JSON.

The CSL-JSON item of every turn (`csl_item.py`), stored so that the page carries each thing once: `item`
(the fields the turns share), `key` (what every turn's key starts with: the anchor completes it),
`authors` and `genres` (each distinct value once), and per turn the index of its author and genre
(`a`, `g`); the dialog adds the permalink as `URL`. Per turn also who spoke (name and role, for the
dialog's title) and whether through an interpreter. Turns by the same speaker share all of that, so
each distinct turn entry is listed once, in `cited`, and `turns` maps each anchor to its index there
(a page of 100 turns by 5 speakers carries 5 entries, not 100); the public permalink base (from `site_url`, never
the address the page was opened from, so the offline bundle cites the public site), whether those
permalinks are public yet, and where the processor's files are.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any

from ..model import Briefing, Person, Turn
from . import urls
from .csl_item import author, genre, key_prefix, shared_item


def speaker_of(turn: Turn) -> dict[str, str]:
    """Name and role of whoever the turn is cited to, as the dialog's title names them: a question is
    the reporter's (role `reporter, <outlet>`); a question nobody introduced an unidentified reporter's."""
    if not turn.question:
        return {"name": turn.speaker.name, "role": turn.speaker.role}
    if asker := turn.asker:
        return {"name": asker.name or "Unidentified reporter", "role": ", ".join(filter(None, ("reporter", asker.outlet)))}
    return {"name": "Unidentified reporter", "role": ""}


class _Distinct:
    """Each distinct value once, in order of first use; `index` gives a value's place."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._places: dict[str, int] = {}

    def index(self, value: Any) -> int:
        key = json.dumps(value, sort_keys=True)
        if key not in self._places:
            self._places[key] = len(self.values)
            self.values.append(value)
        return self._places[key]


def briefing_citation(briefing: Briefing, site_name: str, site_url: str, people: Mapping[str, Person],
                      processor: str) -> dict[str, Any]:
    """The citation data of one briefing page; `processor` is the folder of the processor's files
    relative to the page (`../assets/cite/`)."""
    authors, genres, cited = _Distinct(), _Distinct(), _Distinct()
    turns = {}
    for turn in briefing.turns:
        entry: dict[str, Any] = {k: v for k, v in speaker_of(turn).items() if v}
        entry.update(a=authors.index(author(turn, people)), g=genres.index(genre(turn)))
        if turn.interpreted:
            entry["interpreted"] = True
        turns[turn.anchor] = cited.index(entry)
    return {
        "url": urls.briefing_url(briefing, site_url) if site_url else "",
        "public": urls.public(site_url), "site": site_name, "processor": processor,
        "item": shared_item(briefing, site_name), "key": key_prefix(briefing),
        "authors": authors.values, "genres": genres.values, "cited": cited.values, "turns": turns,
    }


def single_quoted_attribute(data: str) -> str:
    """The citation data (compact JSON) escaped for an HTML attribute in single quotes: its many double quotes
    stay one byte each, where escaped (`&#34;`) they were 1.5 % of the White House briefing pages' bytes."""
    return html.escape(data, quote=False).replace("'", "&#39;")
