"""What a briefing page tells the cite dialog (`theme_overrides/assets/cite-format.js`): embedded as JSON.

The CSL-JSON item of every turn (`csl_item.py`), split so that the page carries the fields its turns
share once: `item` (shared), and per turn its own fields (`id`, `citation-key`, `author`, `genre`); the
dialog adds the permalink as `URL`. Also who spoke (name and role, for the dialog's title), the public
permalink base (from `site_url`, never the address the page was opened from, so the offline bundle
cites the public site), whether those permalinks are public yet, and where the processor's files are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Briefing, Person, Turn
from . import urls
from .csl_item import shared_item, turn_fields


def speaker_of(turn: Turn) -> dict[str, str]:
    """Name and role of whoever the turn is cited to, as the dialog's title names them: a question is
    the reporter's (role `reporter, <outlet>`); a question nobody introduced an unidentified reporter's."""
    if not turn.question:
        return {"name": turn.speaker.name, "role": turn.speaker.role}
    if asker := turn.asker:
        return {"name": asker.name, "role": ", ".join(filter(None, ("reporter", asker.outlet)))}
    return {"name": "Unidentified reporter", "role": ""}


def briefing_citation(briefing: Briefing, site_name: str, site_url: str, people: Mapping[str, Person],
                      processor: str) -> dict[str, Any]:
    """The citation data of one briefing page; `processor` is the folder of the processor's files
    relative to the page (`../assets/cite/`)."""
    turns = {t.anchor: {**speaker_of(t), "question": t.question, "interpreted": t.interpreted,
                        **turn_fields(briefing, t, people)} for t in briefing.turns}
    return {
        "url": urls.briefing_url(briefing, site_url) if site_url else "",
        "public": urls.public(site_url), "site": site_name, "processor": processor,
        "item": shared_item(briefing, site_name), "turns": turns,
    }
