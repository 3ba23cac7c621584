"""The header above the first turn: participants, place, venue, time; web junk set aside."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import Participant
from ..words import ORG_WORDS, RANKS, ROLE_WORDS
from .marks import TIME, is_junk

_VENUE_WORDS = re.compile(
    r"\b(?:auditorium|room|hall|building|center|centre|office|palace|ministry|embassy|airport|"
    r"hotel|studio|residence|house|aboard|en route|air force one|lawn|garden|base|headquarters|"
    r"pentagon|chamber|library|museum|theater|theatre|campus|plaza|conference)\b",
    re.IGNORECASE,
)
_LOCATION = re.compile(
    r"^(?:[A-Z][\w.'’-]*\.?)(?: [A-Z][\w.'’-]*)*, (?:[A-Z]{2}|D\.C\.|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})$"
)
_CITIES = frozenset({
    "New York", "Washington", "Geneva", "Vienna", "Nairobi", "Brussels", "London", "Paris", "Berlin", "Rome", "Madrid",
    "Lisbon", "The Hague", "Moscow", "Kyiv", "Kiev", "Warsaw", "Ankara", "Jerusalem", "Tel Aviv", "Cairo", "Riyadh",
    "Doha", "Dubai", "Abu Dhabi", "Baghdad", "Kabul", "Islamabad", "New Delhi", "Beijing", "Tokyo", "Seoul", "Manila",
    "Bangkok", "Hanoi", "Jakarta", "Singapore", "Canberra", "Ottawa", "Mexico City", "Havana", "Brasília", "Brasilia",
    "Buenos Aires", "Bogotá", "Bogota", "Lima", "Santiago", "Addis Ababa", "Pretoria", "Johannesburg", "Honolulu",
})
"""Cities a header prints alone on the line over the date (the UN's `New York`): the place, not a venue."""
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_MONTH = r"(?:" + "|".join(m.capitalize() for m in _MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DATE = re.compile(
    rf"\b(?P<month>{_MONTH}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}})\b"
    rf"|\b(?P<day2>\d{{1,2}}) (?P<month2>{_MONTH}),? (?P<year2>\d{{4}})\b"
)
"""A written-out date: `October 13, 2022`, `Jan. 24, 2022` (Defense), `Sept. 5th, 2023`, `13 October 2022`."""


_TITLE_WORDS = re.compile(
    r"\b(?:press briefings?|briefing|press conference|news conference|press availability|remarks|"
    r"interview|gaggle|press call|background call|conference call|holds|roundtable|conversation with|media availability|"
    r"telebriefing|doorstep|doorstop|statement by|press statement|(?:press|media) encounter)\b",
    re.IGNORECASE,
)
_ROOM = re.compile(_VENUE_WORDS.pattern + r"|\b(?:room|auditorium|hall|center|centre)$", re.IGNORECASE)
"""A venue: a line naming a room or building (but not one naming a person with a role)."""
_PUBLISHED = re.compile(r"^[•·*\s]*(?:issued|published|posted|updated|released|last updated|mis à jour le"
                        r"|for immediate release)\b",
                        re.IGNORECASE)
"""A publication stamp (NATO's `• Last updated: 19 Oct. 2022 10:46`, after the day it was said), not the date."""
_ISSUER = re.compile(r"^(?:the white house|office of the (?:press secretary|spokesperson|vice president|first lady))$",
                     re.IGNORECASE)
"""Who issued the page (the White House's `Office of the Press Secretary`): neither venue nor junk's end."""
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


@dataclass(frozen=True)
class Header:
    """What the lines above the first turn said."""

    participants: tuple[Participant, ...] = ()
    location: str = ""
    venue: str = ""
    time: str = ""
    date: dt.date | None = None
    title: str = ""
    """A title line (`Remarks by President Biden in Press Conference`), case-mended if in capitals."""
    published: dt.date | None = None
    """A publication stamp (`Issued on: March 24, 2020`): the date of last resort."""
    junk: tuple[int, ...] = ()
    """Line numbers of header lines set aside as web-page junk."""
    mentioned: dt.date | None = None
    """The first date written anywhere in the header but a publication stamp, lines read as one text (`Presenter:
    Pentagon Press Secretary Peter Cook September 8, 2015`, `DoD Newsbriefing: Tuesday, March 5, 2002`, `delivered 28`
    over `January 2025, White House`): after all the others, the date the header gives."""


def find_date(text: str) -> dt.date | None:
    """The first written-out date (`October 13, 2022`, `Jan. 24, 2022`, `13 October 2022`) in a text, if any."""
    match = _DATE.search(text)
    if match is None:
        return None
    name, day, year = (match["month"], match["day"], match["year"]) if match["month"] \
        else (match["month2"], match["day2"], match["year2"])
    month = next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(name.rstrip(".").lower()[:3]))
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


_NOTE = re.compile(r"^\((?:as delivered|as prepared(?: for delivery)?|check against delivery|unofficial translation)\.?\)$",
                   re.IGNORECASE)
"""A note on the text between the dateline and the speech (NATO's `(As delivered)`): passed over, not the end."""


def parse_header(lines: list[tuple[int, str]]) -> Header:
    """Read the header: a title line and publication stamp anywhere in it, and the block of
    participants, place, venue, date and time just above the first turn.

    The block is read upwards from the first turn and ends at the first line that is none of
    these; everything above it (banners, navigation, tags) is junk. When it holds no date (state.gov's
    index of the day's subjects stands between the briefer's block and the first turn), the block
    ending at the last date line is read too.
    """
    title, title_lines = _title(lines)
    published = next((d for _, text in lines if _PUBLISHED.match(text) and (d := find_date(text))), None)
    block = _block(lines, title_lines)
    if block.date is None and (last := next((k for k in range(len(lines) - 1, -1, -1) if lines[k][0] not in title_lines
                                             and not _PUBLISHED.match(lines[k][1])
                                             and _date_line(lines[k][1]) is not None), None)) is not None:
        earlier = _block(lines[:last + 1], title_lines)
        block = _Block(block.participants or earlier.participants, block.location or earlier.location,
                       block.venue or earlier.venue, block.time or earlier.time, earlier.date,
                       block.kept | earlier.kept, earlier.stop)
    if not title and block.date is not None and block.stop is not None and _heading(block.stop[1]):
        title, title_lines = block.stop[1], frozenset({block.stop[0]})  # a heading over the date names the event
    participants = [_mended(p) for p in block.participants]
    for person in _presenters(lines):
        if all(person.name != p.name for p in participants):
            participants.append(person)
    junk = tuple(lineno for lineno, text in lines if lineno not in block.kept and lineno not in title_lines)
    mentioned = find_date(" ".join(text for _, text in lines if not _PUBLISHED.match(text)))
    fields = _fields(lines)
    location = block.location or (place if len(place := fields.get("location", "")) < 80 else "")
    date = block.date or find_date(fields.get("date", "")) or _numeric_date(fields.get("date", ""))
    return Header(tuple(participants), location, block.venue, block.time, date, mend_case(title),
                  published, junk, mentioned)


_FIELD = re.compile(r"^(?P<name>location|place|date|release date|date of release)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
"""An archive's field above the transcript, its value after the colon or on the next line (Australia's prime
ministers' transcripts: `Release Date:` / `22/08/2015`, `Location:` / `Port Bouvard, Western Australia`)."""


def _fields(lines: list[tuple[int, str]]) -> dict[str, str]:
    """The header's `Location` and `Date` fields (`_FIELD`), the first of each."""
    found: dict[str, str] = {}
    for k, (_, text) in enumerate(lines):
        if (match := _FIELD.match(text.strip())) is None:
            continue
        name = "location" if match["name"].lower() in ("location", "place") else "date"
        value = match["value"].strip() or (lines[k + 1][1].strip() if k + 1 < len(lines) else "")
        if value and not _FIELD.match(value):
            found.setdefault(name, value)
    return found


_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})$")


def _numeric_date(text: str) -> dt.date | None:
    """A date field's `22/08/2015` or `08/22/2015`, when only one reading of it is a date (day and month told apart
    by a number over 12, or the same); `1/10/2017` says nothing sure."""
    if (match := _NUMERIC_DATE.match(text.strip())) is None:
        return None
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    readings = set()
    for day, month in ((a, b), (b, a)):
        with contextlib.suppress(ValueError):
            readings.add(dt.date(year, month, day))
    return readings.pop() if len(readings) == 1 else None


@dataclass
class _Block:
    """The header's block of participants, place, venue, date and time, as read upwards."""

    participants: list[Participant] = field(default_factory=list)
    location: str = ""
    venue: str = ""
    time: str = ""
    date: dt.date | None = None
    kept: set[int] = field(default_factory=set)
    stop: tuple[int, str] | None = None
    """The line the block ended at (a title, when it is a heading right over the date)."""


def _block(lines: list[tuple[int, str]], title_lines: frozenset[int]) -> _Block:
    """The block ending at the last of `lines`: see `parse_header`."""
    b = _Block()
    kind_under = False  # the line under this one named the event's kind (`Daily Press Briefing`)
    stamped = False
    named_above = False  # this line is the name of the role line under it, already read
    for k in range(len(lines) - 1, -1, -1):
        lineno, text = lines[k]
        if named_above:
            named_above = False
            b.kept.add(lineno)
            continue
        junk = is_junk(text)
        if lineno in title_lines or _PUBLISHED.match(text) or junk and not b.kept or _NOTE.match(text) \
                or _ISSUER.match(text) or _LINK.match(text) and len(text.split()) <= 8 or _PRESENTED.match(text):
            kind_under = lineno in title_lines and len(text.split()) <= 5
            continue
        under, kind_under = kind_under, False
        if junk:  # page furniture above the block ends it (`Press Operations Bookmark and Share`)
            b.stop = (lineno, text)
            break
        if (match := TIME.match(text)) and not b.time:
            b.time = match["time"]
        elif (dated := _date_line(text)) is not None:
            if b.date is None:  # the lowest date line is the day said; one above it (a posting stamp) is kept
                b.date, b.time = dated[0], b.time or dated[1]
            else:
                stamped = True  # above a posting stamp, a short name is a page's (`Speeches Shim`), no venue
        elif len(text.split()) <= 5 and _TITLE_WORDS.search(text) and not _ROOM.search(text):
            kind_under = True  # state.gov's `Daily Press Briefing` between the briefer and the place: no venue
        elif k and _role_line(text) and _name_line(lines[k - 1][1]) and lines[k - 1][0] not in title_lines:
            b.participants[:0] = [Participant(name=lines[k - 1][1], role=text, line=lines[k - 1][0])]
            named_above = True  # `Marie Harf` over `Deputy Spokesperson` over `Daily Press Briefing`
        elif under and 2 <= len(text.split()) <= 4 and _short_name(text) and not _ROOM.search(text):
            b.participants[:0] = [Participant(name=text, role="", line=lineno)]  # `Victoria Nuland` over it
        elif not b.location and text.strip(" .") in _CITIES:
            b.location = text.strip(" .")
        elif not b.venue and (_ROOM.search(text) and len(text.split()) <= 8
                              or not b.participants and not stamped and _short_name(text)) \
                and (not b.location or not b.participants):  # `The Kremlin` above `Moscow, Russia`
            b.venue = text
        elif not _TITLE_WORDS.search(text) and (people := _people(text, lineno)):
            b.participants[:0] = people
        elif not b.location and _LOCATION.match(text) and len(text) < 60:
            b.location = text
        else:
            b.stop = (lineno, text)
            break
        b.kept.add(lineno)
    return b


def _date_line(text: str) -> tuple[dt.date, str] | None:
    """For a line that gives the date (a short line, or the date with its weekday and time), the date and the time
    ("" when none); else None."""
    if (date := find_date(text)) is None:
        return None
    timed = _dated(text)
    return None if timed is None and len(text) >= 40 else (date, timed or "")


_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)


def _heading(text: str) -> bool:
    """A line in title case, no sentence (`Senior State Department Officials on the Situation in Iraq`)."""
    words = text.split()
    capital = [w.lstrip("\"“‘'(")[:1].isupper() for w in words if w.lower() not in _SMALL_WORDS and any(c.isalpha() for c in w)]
    return (3 <= len(words) <= 25 and text[:1].isupper() and not text.endswith((".", "?", "!", ":", ","))
            and len(capital) >= 2 and all(capital))


def _dated(text: str) -> str | None:
    """For a line that is only a date and a time (`Thursday, September 6, 2001 11:10 a.m. EDT`, `Thursday,
    Aug. 15, 2002 - 1:43 p.m. EDT`), the time ("" when none); None for any other line."""
    if (match := _DATE.search(text)) is None:
        return None
    rest = _WEEKDAY.sub("", f"{text[:match.start()]} {text[match.end():]}").strip(" ,;-–—·|")
    if not rest:
        return ""
    return timed["time"] if (timed := TIME.match(rest)) else None


_PRESENTED = re.compile(
    r"^(?:presenters?|briefers?|participants?)\s*:\s*(?P<who>.+)$"
    r"|^\(\s*also (?:participating|present|briefing)(?: in (?:the|this) (?:briefing|call))?(?: (?:was|were|are|is))?:?"
    r"\s*(?P<also>.+?)\.?\s*\)$",
    re.IGNORECASE)
"""A line saying who briefs, wherever it stands in the header: defense.gov's `Presenter: Secretary of Defense
Donald H. Rumsfeld` (the page's date run onto it when its lines were joined), `(Also participating was Gen.
Tommy Franks, Commander, U.S. Central Command.)`."""


def _presenters(lines: list[tuple[int, str]]) -> list[Participant]:
    """The people the header's `Presenter:` and `(Also participating …)` lines name (not `Senior Defense
    Official`: a role with no name is nobody to name)."""
    out: list[Participant] = []
    for lineno, text in lines:
        if (match := _PRESENTED.match(text)) is None:
            continue
        who = match["who"] or match["also"]
        if dated := _DATE.search(who):
            who = who[:dated.start()]
        for part in filter(None, (part.strip(" ,;-–—") for part in who.split(";"))):
            pair = part.split(" and ")
            people = [participant(p.strip(" ,"), lineno) for p in pair] if len(pair) == 2 else []
            if not all(p is not None and len(p.name.split()) >= 2 for p in people) or not people:
                people = [participant(part, lineno) or _named(part, lineno)]
            out.extend(p for p in people if p is not None)
    return out


def _named(text: str, lineno: int) -> Participant | None:
    """`Name, whatever follows` on a line that says it names a presenter, its role words or not (`Gen. Tommy
    Franks, Command, U.S. Central Command`): two to four capitalised words before the comma."""
    name, _, role = text.partition(",")
    words = _without_rank(name.split())
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or any(_role_word(w) for w in words):
        return None
    return Participant(name=" ".join(words), role=role.strip(), line=lineno)


_TITLE_LINES = 6
"""Lines a title in capitals may run over."""
_CONTINUES = re.compile(r"^(?:BY|AND|WITH|OF|ON|IN|AT|TO|FOR|DURING|ABOARD|EN ROUTE|FOLLOWING|AFTER|BEFORE|&)\b")


def _title(lines: list[tuple[int, str]]) -> tuple[str, frozenset[int]]:
    """The title line and its line numbers. The White House of 2009–2016 printed it in capitals over several
    lines (`PRESS CONFERENCE` / `BY PRESIDENT OBAMA` / `AND PRESIDENT MEDVEDEV OF RUSSIA`): a run of lines in
    capitals, each after the first going on with `BY`, `AND`, `OF`, `IN`… (or the one before ending on one),
    is one title when together they name the event and the first alone does not."""
    for k, (lineno, text) in enumerate(lines):
        if is_title(text):
            return text, frozenset({lineno})
        if not _capitals(text):
            continue
        run = [(lineno, text)]
        for following in lines[k + 1:k + _TITLE_LINES]:
            if not _capitals(following[1]) or not (_CONTINUES.match(following[1])
                                                   or _CONTINUES.match(run[-1][1].split()[-1])):
                break
            run.append(following)
        joined = " ".join(t for _, t in run)
        if len(run) > 1 and is_title(joined):
            return joined, frozenset(n for n, _ in run)
    return "", frozenset()


def _capitals(text: str) -> bool:
    return any(c.isalpha() for c in text) and not any(c.islower() for c in text) and len(text) < 120


_LINK = re.compile(r"^(?:webcast|video|audio|watch|listen|download|view|read|see|photos?|subscribe)\b", re.IGNORECASE)
"""A link's words (`Webcast of the press briefing`, `Watch the video`): no title."""


_KIND_PHRASE = re.compile(r"\b(?:press|background|news|media) (?:briefing|conference|availability|call|gaggle)$",
                          re.IGNORECASE)
"""A three-word title naming the event's kind after its house (`DoD Background Briefing`)."""


def is_title(text: str) -> bool:
    """A line that names the event (`… Holds a Press Briefing`), not a sentence, a room or a site's breadcrumbs
    (`Home > Spokesperson's Remarks`)."""
    words = text.split()
    long_enough = 4 <= len(words) <= 60 or len(words) == 3 and _KIND_PHRASE.search(text) is not None
    return (long_enough and text[:1].isupper() and not text.endswith((".", "?", "!", ":")) and " > " not in text
            and bool(_TITLE_WORDS.search(text)) and not _LINK.match(text)
            and not (re.search(r"\b(?:room|auditorium|hall|center|centre)$", text, re.IGNORECASE)  # a venue, unless
                     and not re.search(r"\b(?:by|holds?|with)\b", text, re.IGNORECASE)))  # `… by … in the … Room`


def _mended(person: Participant) -> Participant:
    """A participant printed in capitals (`PRESS SECRETARY ROBERT GIBBS`) as a name and a role are written."""
    if not f"{person.name} {person.role}".isupper():
        return person
    name = " ".join("-".join("'".join(_name_part(q) for q in part.split("'")) for part in word.split("-"))
                    for word in person.name.lower().split())
    return Participant(name=name, role=mend_case(person.role), line=person.line)


def _name_part(part: str) -> str:
    """One part of a name in capitals, written (`mccormack` → `McCormack`, `o` → `O`)."""
    if part.startswith("mc") and len(part) > 3:
        return "Mc" + part[2:].capitalize()
    return part.capitalize()


def mend_case(title: str) -> str:
    """`REMARKS BY PRESIDENT TRUMP AND …` becomes `Remarks by President Trump and …`; others stay."""
    if not title or any(c.islower() for c in title):
        return title
    words = title.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _short_name(text: str) -> bool:
    """A short proper name standing alone (`Casa Presidencial`, `Magic Box`): a venue under a place."""
    words = text.split()
    return 1 <= len(words) <= 6 and not re.search(r"[.,;:!?()\d]", text) and all(
        w[:1].isupper() or w in _SMALL_WORDS for w in words)


def _role_line(text: str) -> bool:
    """A line that is a role alone (`Deputy Spokesperson`, `Spokesman`, `Acting Assistant Secretary`)."""
    words = text.split()
    return 1 <= len(words) <= 6 and _short_name(text) and _role_word(words[-1]) and all(
        _role_word(w) or w in _SMALL_WORDS or _bare(w) in ORG_WORDS or w in ("Acting", "Principal", "Senior", "Press")
        for w in words)


def _name_line(text: str) -> bool:
    """A line that is a person's name alone (`Marie Harf`, `John F. Kirby`): two to four capitalised words, none
    a role's."""
    words = text.split()
    return 2 <= len(words) <= 4 and not re.search(r"[,;:!?()\d]", text) and all(
        w[:1].isupper() and not _role_word(w) and _bare(w) not in ORG_WORDS for w in words)


def _people(text: str, lineno: int) -> list[Participant]:
    """The people of a participants line: one (`Antony J. Blinken, Secretary of State`), or several
    separated by semicolons (`Secretary of Defense Lloyd J. Austin III; Chairman of the Joint Chiefs of
    Staff Gen. Mark A. Milley`), each of which must name someone."""
    people: list[Participant] = []
    for part in filter(None, (part.strip() for part in text.split(";"))):
        if (person := participant(part, lineno)) is None:
            return []
        people.append(person)
    return people


_JOINED = re.compile(r"(?<=[a-z])(?=(?:Bureau|Office|Department|Embassy|Mission|Directorate|Division|Ministry)\b)")
"""Where a role and the office under it ran together when a page's line break was lost (state.gov's feed: `Assistant
Secretary of State for Western Hemisphere AffairsBureau of Western Hemisphere Affairs`)."""


_NO_ROLE = re.compile(r"[\"“”|>]|\b(?:with|transcript)\b", re.IGNORECASE)
"""What no role holds: quotes, a menu's separators, `with` (a title's `… Session with Secretary …`)."""


def _open(role: str) -> bool:
    """True for words that cannot end a role (`… with`, `… &`): the name after them goes on a phrase."""
    return role.split()[-1].lower() in _SMALL_WORDS | {"&", "|", "-", "–", "—"}


_SUFFIX = re.compile(r"^((?:Jr|Sr)\.?|I{2,3}|IV),\s*")
"""A name's suffix printed after its comma, before the role."""


def participant(text: str, lineno: int) -> Participant | None:
    """Read `Name, Role` or `Role Name` from a header line, or None if it names nobody; a role run together with
    the office printed under it keeps the role."""
    text = _JOINED.split(text, maxsplit=1)[0]
    words = text.split()
    if not 2 <= len(words) <= 16 or text.endswith((".", "?", "!")) or _DATE.search(text):
        return None
    if not any(_role_word(w) for w in words):
        return None
    if "," in text:
        name, role = (part.strip() for part in text.split(",", 1))
        if suffix := _SUFFIX.match(role):  # `Rear Admiral William D. Byrne, Jr., Vice Director, Joint Staff`
            name, role = f"{name} {suffix[1]}", role[suffix.end():]
        bare = _without_rank(name.split())  # `Gen. Tommy Franks, Commander, U.S. Central Command`
        if bare and not any(_role_word(w) or _bare(w) in ORG_WORDS for w in bare):
            return Participant(name=" ".join(bare), role=role, line=lineno)
    name_words: list[str] = []
    for word in reversed(words):
        if _role_word(word) or _bare(word) in ORG_WORDS or not word[:1].isupper() or len(name_words) == 4:
            break
        name_words.insert(0, word)
    if not name_words or len(name_words) == len(words):
        return None
    role = " ".join(words[: len(words) - len(name_words)]).rstrip(",")
    while _open(role) and len(name_words) > 2:  # `… Envoy for` `Climate John Kerry`
        role = f"{role} {name_words.pop(0)}"
    if _open(role) or _NO_ROLE.search(role):  # `… on The Late Show with` `Stephen Colbert`, `Travel & Business`:
        return None  # a title's or a menu's words; `Transcript of "Pen & Pad Session" with Secretary Napolitano`
    if (service := _SERVICE.match(" ".join(name_words))) and re.search(r"\b(?:of|the)$", role) \
            and _bare(name_words[len(service.group().split())]) not in _NAME_RANKS:
        moved = len(service.group().split())  # `Secretary of the Navy Carlos Del Toro`: the service is the role's
        role, name_words = f"{role} {' '.join(name_words[:moved])}", name_words[moved:]
    elif _bare(name_words[0]) in _NAME_RANKS:  # `Pentagon Press Secretary Air Force Brig. Gen. Pat Ryder`
        role = _SERVICE_END.sub("", role)
    return Participant(name=" ".join(_without_rank(name_words)), role=role, line=lineno)


_NAME_RANKS = RANKS | {"vice"}
"""Ranks printed before a participant's name (`Vice Adm.`); `vice` stays out of RANKS, which decides which labels
name one person."""
_SERVICE = re.compile(r"^(?:U\.S\. )?(?:Air Force|Army|Navy|Marine Corps|Space Force|Coast Guard|National Guard) ")
_SERVICE_END = re.compile(r"(?<!\bthe)(?<!\bof)\s+(?:U\.S\. )?(?:Air Force|Army|Navy|Marine Corps|Space Force|Coast Guard"
                          r"|National Guard)$")
"""The service a rank belongs to, ending the role before a ranked name (not `Secretary of the Navy`)."""


def _without_rank(words: list[str]) -> list[str]:
    """A name without the service and rank printed before it: `Air Force Brig. Gen. Pat Ryder` → `Pat Ryder`,
    `Gen. Mark A. Milley` → `Mark A. Milley`."""
    words = _SERVICE.sub("", " ".join(words)).split() if len(words) > 3 else list(words)
    while len(words) > 2 and _bare(words[0]) in _NAME_RANKS:
        words.pop(0)
    return words


def _bare(word: str) -> str:
    return word.strip(",.;:()").lower()


def _role_word(word: str) -> bool:
    """A title's word, or a compound of one (`Secretary-General`, `Under-Secretary-General`, `Director-General`)."""
    return any(part in ROLE_WORDS for part in _bare(word).split("-"))
