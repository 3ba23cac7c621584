"""What a briefing page tells `assets/cite.js` so it can cite any turn: embedded as JSON.

The citation styles themselves are written in `theme_overrides/assets/cite.js` (the access
date is the reader's today). Here: the public permalink base (from `site_url`, never the
address the page was opened from, so the offline bundle cites the public site), the event and
each turn's speaker.

The host is the front-matter key `host:` when given, else read from the `source_url` domain
(`HOSTS`), else left out.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..model import Briefing, Turn
from . import urls

HOSTS = {
    "state.gov": "U.S. Department of State",
    "whitehouse.gov": "The White House",
    "defense.gov": "U.S. Department of Defense",
    "justice.gov": "U.S. Department of Justice",
    "dhs.gov": "U.S. Department of Homeland Security",
    "treasury.gov": "U.S. Department of the Treasury",
    "usun.usmission.gov": "U.S. Mission to the United Nations",
}
"""Domains of `source_url` (and their subdomains) → the host named in citations."""

_PEOPLE = ("official", "reporter", "")


def host(briefing: Briefing) -> str:
    """Who held the event: front matter `host:`, else the `source_url` domain's owner, else empty."""
    if given := str(briefing.extra.get("host", "")).strip():
        return given
    domain = (urlsplit(briefing.source_url).hostname or "").lower()
    return next((name for key, name in HOSTS.items() if domain == key or domain.endswith("." + key)), "")


def speaker_of(turn: Turn) -> dict[str, Any]:
    """Name, role and (for people) family and given names of whoever spoke the turn.

    A question is the reporter's: its role is `reporter, <outlet>` (the outlet alone would read as
    the publisher in MLA and APA); a question nobody introduced is an unidentified reporter's."""
    speaker = turn.speaker
    if not turn.question:
        name, role = speaker.name, speaker.role
        person = speaker.resolved and speaker.kind in _PEOPLE
    elif asker := turn.asker:
        name, role = asker.name, ", ".join(filter(None, ("reporter", asker.outlet)))
        person = speaker.resolved or speaker.kind != "reporter"
    else:
        name, role, person = "Unidentified reporter", "", False
    parts = name.split()
    out: dict[str, Any] = {"name": name, "role": role}
    if person and len(parts) > 1:
        out.update(family=parts[-1], given=" ".join(parts[:-1]))
    return out


def briefing_citation(briefing: Briefing, site_name: str, site_url: str) -> dict[str, Any]:
    """The citation data of one briefing page."""
    turns = {t.anchor: {**speaker_of(t), "question": t.question, "interpreted": t.interpreted}
             for t in briefing.turns}
    return {
        "url": urls.briefing_url(briefing, site_url) if site_url else "",
        "site": site_name, "title": briefing.title, "host": host(briefing),
        "location": briefing.location, "venue": briefing.venue, "date": briefing.date.isoformat(),
        "kind": briefing.kind, "slug": briefing.slug, "turns": turns,
    }
