"""The header above the first turn: participants, place, venue, time; web junk set aside."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .marks import TIME, is_junk
from .model import Participant

ROLE_WORDS = {
    "secretary", "minister", "attorney", "general", "president", "vice", "spokesperson",
    "spokesman", "spokeswoman", "ambassador", "director", "advisor", "adviser", "administrator",
    "chairman", "chairwoman", "chair", "commissioner", "deputy", "under", "assistant", "counselor",
    "coordinator", "envoy", "representative", "senator", "governor", "mayor", "admiral", "colonel",
    "officer", "chief", "head", "prime", "chancellor", "king", "queen", "principal", "press",
    "special", "senior", "official", "moderator", "staff", "lieutenant", "major", "captain",
    "sergeant", "commander", "surgeon", "foreign", "high", "first", "lady", "leader",
    "speaker", "cabinet", "council", "member", "executive", "associate", "acting",
}
"""Words of titles; a participant line needs one, and a name never contains one."""

ORG_WORDS = {
    "of", "the", "for", "and", "state", "defense", "security", "homeland", "affairs", "justice",
    "treasury", "commerce", "health", "human", "services", "interior", "energy", "agriculture",
    "labor", "education", "transportation", "veterans", "economy", "economic", "finance", "trade",
    "development", "public", "safety", "national", "department", "ministry", "government",
    "european", "union", "external", "action", "service", "eeas", "nato", "united", "nations",
    "states", "republic", "mexican", "american", "us", "u.s.", "international", "policy",
    "communications", "intelligence", "management", "budget", "office", "house", "white",
}

_VENUE_WORDS = re.compile(
    r"\b(?:auditorium|room|hall|building|center|centre|office|palace|ministry|embassy|airport|"
    r"hotel|studio|residence|house|aboard|en route|air force one|lawn|garden|base|headquarters|"
    r"pentagon|chamber|library|museum|theater|theatre|campus|plaza|conference)\b",
    re.IGNORECASE,
)
_LOCATION = re.compile(
    r"^(?:[A-Z][\w.'’-]*\.?)(?: [A-Z][\w.'’-]*)*, (?:[A-Z]{2}|D\.C\.|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})$"
)
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_DATE = re.compile(
    r"\b(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r")\.? (?P<day>\d{1,2}),? (?P<year>\d{4})\b"
)


@dataclass(frozen=True)
class Header:
    """What the lines above the first turn said."""

    participants: tuple[Participant, ...] = ()
    location: str = ""
    venue: str = ""
    time: str = ""
    date: dt.date | None = None
    junk: tuple[int, ...] = ()
    """Line numbers of header lines set aside as web-page junk."""


def find_date(text: str) -> dt.date | None:
    """The first written-out date (`October 13, 2022`) in a text, if any."""
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        month = _MONTHS.index(match["month"].lower()) + 1
        return dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None


def parse_header(lines: list[tuple[int, str]]) -> Header:
    """Classify each header line; `Top Tag` and the tag line under it are junk, as is page furniture."""
    participants: list[Participant] = []
    location = venue = time = ""
    date: dt.date | None = None
    junk: list[int] = []
    skip_next = False
    for lineno, text in lines:
        if skip_next or is_junk(text):
            junk.append(lineno)
            skip_next = bool(re.match(r"top tags?$", text, re.IGNORECASE))
            continue
        if (match := TIME.match(text)) and not time:
            time = match["time"]
        elif (found := find_date(text)) and len(text) < 40 and date is None:
            date = found
        elif (person := participant(text, lineno)) is not None:
            participants.append(person)
        elif not location and _LOCATION.match(text) and len(text) < 60:
            location = text
        elif not venue and _VENUE_WORDS.search(text) and len(text.split()) <= 8:
            venue = text
        else:
            junk.append(lineno)
    return Header(tuple(participants), location, venue, time, date, tuple(junk))


def participant(text: str, lineno: int) -> Participant | None:
    """Read `Name, Role` or `Role Name` from a header line, or None if it names nobody."""
    words = text.split()
    if not 2 <= len(words) <= 16 or text.endswith((".", "?", "!")) or _DATE.search(text):
        return None
    if not any(_bare(w) in ROLE_WORDS for w in words):
        return None
    if "," in text:
        name, role = (part.strip() for part in text.split(",", 1))
        if name and not any(_bare(w) in ROLE_WORDS | ORG_WORDS for w in name.split()):
            return Participant(name=name, role=role, line=lineno)
    name_words: list[str] = []
    for word in reversed(words):
        if _bare(word) in ROLE_WORDS | ORG_WORDS or not word[:1].isupper() or len(name_words) == 4:
            break
        name_words.insert(0, word)
    if not name_words or len(name_words) == len(words):
        return None
    role = " ".join(words[: len(words) - len(name_words)]).rstrip(",")
    return Participant(name=" ".join(name_words), role=role, line=lineno)


def _bare(word: str) -> str:
    return word.strip(",.;:()").lower()
