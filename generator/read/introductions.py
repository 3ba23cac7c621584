"""Who the document itself names for its speakers: its title, the text, and the floor handed over.

A label such as `MR. SULLIVAN` is a person when the briefing names him: the published title (`Press
Briefing by Press Secretary Jen Psaki and National Security Advisor Jake Sullivan`; the Defense Department's
`Pentagon Press Secretary Maj. Gen. Pat Ryder Holds a Press Briefing`), a full name with
that surname anywhere in the text (`My colleague, Admiral John Kirby`, `I'm Jeff Zients, White House
COVID Coordinator`), a given name the host hands the floor to just before the label speaks
(`Deborah, please.` — `DR. BIRX:`), or the given name reporters address the label's speaker by, in the
questions it answers (`Thanks, Karine.` — `MS. JEAN-PIERRE:`, again and again). Never across briefings: a label the document does not name stays
as printed (`check` and `python -m generator people` list it). Reporters the briefing calls are never
taken for officials of the same surname.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..model import Participant, Reporter
from ..text import fold_name
from ..words import HONORIFICS, MILITARY_RANKS, NAME_PARTICLES, RANKS, ROLE_WORDS
from .askers import Handoff, Spoken, askers
from .calls import name_word, sentences
from .header import participant
from .labels import (
    INITIALS_LABEL,
    MANY_LABELS,
    family_name_of,
    initials,
    is_anonymous_label,
    is_question_label,
    is_role_label,
)

_TITLE_PEOPLE = re.compile(r"\b(?:by|with|featuring|and)\s+(?P<people>.+)$", re.IGNORECASE)
_TITLE_HOLDS = re.compile(r"^(?P<people>.+?),?\s+(?:Holds?|Hosts?|Conducts?|Gives?|Delivers?)\s+(?:an?|the|Joint)\s")
"""The Defense Department's titles name the people first: `Pentagon Press Secretary Maj. Gen. Pat Ryder Holds a
Press Briefing`, `Secretary of Defense Lloyd J. Austin III and … Gen. CQ Brown, Jr. Hold a Press Conference`."""
_TITLE_BEFORE_KIND = re.compile(
    r"^(?P<people>.+?)(?:['’]s)?,?\s+(?:(?:Joint|Regular|Daily|Weekly)\s+)?"
    r"(?:Press\s+(?:Conference|Briefing|Availability|Gaggle)|Media\s+Availability)\b")
"""`Secretary of Defense Lloyd J. Austin III Press Conference`, `Foreign Ministry Spokesperson Wang Wenbin's Regular
Press Conference` (a title without `by` or `with`)."""
_BY = re.compile(r"\b(?:by|with|featuring)\s", re.IGNORECASE)
_AUDIENCE_THEN_BY = re.compile(r"(?P<audience>.+?)\s+by\s+(?P<people>.+)$", re.IGNORECASE)
"""`… Press Call with the Regional Reporters Association by White House Coordinator … Jack Markell`: when the words
between `with` and a later `by` name nobody, they are the audience, and the people are those after the `by`."""
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?$")
_SUFFIX_END = re.compile(r",?\s+(" + _SUFFIX.pattern + ")")
"""A generational suffix ending a title's part (`Lloyd J. Austin III`, `Gen. CQ Brown, Jr.`)."""
_TITLE_END = re.compile(
    r",?\s+(?i:on|aboard|en route|in|at|during|before|after|following|regarding|via|ahead of)\s+(?=[A-Za-z])"
    r"|,\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|\s+\d"
    r"|\s*\|", )
_OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*$")
_ADDRESS = re.compile(r"^(?:Dr|Mr|Ms|Mrs|Miss|Mx)\.?\s+")
_ADDRESS_LAST = re.compile(r"\s+(?:Dr|Mr|Ms|Mrs)\.?$")
"""The address that ends a role before a name (`NSC Director for … Biodefense Dr. Beth Cameron`)."""
GIVEN_NAMES = frozenset(json.loads((Path(__file__).parent / "given_names.json").read_text(encoding="utf-8")))
"""Given names (the 1990 U.S. Census's, but titles and common words: `scripts/given_names.py`): a three-word name
whose first word is one keeps it (`Public Engagement Keisha Lance Bottoms`), where `Task Force John Porcari` does
not."""


def title_people(title: str) -> list[Participant]:
    """The people a title names with their role: `… by Press Secretary Jen Psaki and National Security
    Advisor Jake Sullivan` → Jen Psaki, Press Secretary; Jake Sullivan, National Security Advisor.
    Only full names (a given and a family name) count: `President Biden` names no one here. A title naming
    people before its kind and after `with` names both (`Secretary Antony J. Blinken Joint Press Availability
    with Republic of Korea Foreign Minister Chung Eui-yong …`)."""
    if (holds := _TITLE_HOLDS.search(title)) is not None:
        return _listed(holds["people"])
    before = _TITLE_BEFORE_KIND.search(title)
    if not _BY.search(title):
        return _listed(before["people"]) if before is not None else []
    after = _TITLE_PEOPLE.search(title)
    first = _listed(before["people"]) if before is not None and not _BY.search(before["people"]) else []
    if after is None:
        return first
    people, bare = after["people"], after[0][:2].lower() == "by"
    if not bare and (audience := _AUDIENCE_THEN_BY.match(people)) and not _listed(audience["audience"]):
        people, bare = audience["people"], True
    return first + [p for p in _listed(people, bare=bare) if p not in first]


def _listed(people: str, bare: bool = False) -> list[Participant]:
    """The people of a title's list (`Press Secretary Jen Psaki and National Security Advisor Jake Sullivan`); with
    `bare`, after `by`, a full name without a role too (`Press Gaggle by Dana Perino`: the briefer)."""
    named = _TITLE_END.split(people, maxsplit=1)[0]
    found: list[Participant] = []
    pieces = re.split(r"(,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)", named, flags=re.IGNORECASE)
    parts, joins = [pieces[0].strip()], []
    for join, part in zip(pieces[1::2], pieces[2::2], strict=True):
        if _SUFFIX.fullmatch(part.strip()):  # `Gen. CQ Brown, Jr.`
            parts[-1] = f"{parts[-1]}, {part.strip()}"
        else:
            parts.append(part.strip())
            joins.append(join)
    k = 0
    while k < len(parts):
        # `Senator Mitt Romney of Utah`, else `Secretary of Agriculture Tom Vilsack`
        person = next((p for text in dict.fromkeys((_OF_PLACE.sub("", parts[k]), parts[k]))
                       if (p := _titled(text)) is not None), None)
        end = k + 1
        # else a name, then its role in the parts after it, or a role with `and` in it, up to the first
        # person: `Lt. Gen. Douglas A. Sims II, Director of Operations, Holds a Press Briefing`, `… for Cyber
        # and Emerging Technology Anne Neuberger`
        text = parts[k]
        while person is None and end < len(parts) and _titled(parts[end]) is None:
            text += joins[end - 1] + parts[end]
            person = _titled(text)
            end += 1
        if person is None and bare and _full(parts[k]) and ROLE_WORDS.isdisjoint(fold_name(parts[k]).replace(".", "").split()):
            person, end = Participant(name=parts[k], role="", line=0), k + 1
        if person is not None:
            found.append(person)
        k = end if person is not None else k + 1
    return found


def _titled(text: str) -> Participant | None:
    """One person of a title's list with their role, if `text` ends with a full name."""
    suffix = ""
    if (found := _SUFFIX_END.search(text)) and len(text.split()) > 2:
        text, suffix = text[:found.start()], found.group(1)  # `Lloyd J. Austin III`: the name is three words
    person = participant(text, 0)
    if person is None:
        return None
    words = _ADDRESS.sub("", person.name).split()
    if len(words) > 2 and _SUFFIX.fullmatch(words[-1]):
        suffix = words.pop()
    role = _ADDRESS_LAST.sub("", person.role).split()
    while len(words) > 3 or (len(words) == 3 and role and _role_goes_on(role[-1], words)):
        role.append(words.pop(0))  # `Special Presidential Envoy for Climate John Kerry`
    name = " ".join(words)
    if not _full(name):
        return None
    while len(role) > 1 and _rank_ends(role):  # `Chief of Naval Operations Adm. Mike Gilday`, `… Vice Admiral`
        if fold_name(role.pop()).strip(".,") in {"adm", "admiral"} and fold_name(role[-1]) in {"vice", "rear"}:
            role.pop()
    if len(role) > 3 and fold_name(role[-1]).strip(".,") == "ambassador":
        role.pop()  # `United States Trade Representative Ambassador Katherine Tai`: the title she is addressed by;
        # `U.N. Ambassador Linda Thomas-Greenfield`, `Former Ambassador Nicholas Burns` are ambassadors
    return Participant(name=f"{name}, {suffix}" if suffix.startswith(("Jr", "Sr")) else f"{name} {suffix}".strip(),
                       role=_ADDRESS_LAST.sub("", " ".join(role)), line=0)


_CONNECTORS = {"for", "of", "on", "to", "and", "the"}
_GENERAL_AFTER = {"major", "maj", "brigadier", "brig", "lieutenant", "lt"}


def _rank_ends(role: list[str]) -> bool:
    """The role's last word is a rank before the name, not the role's own: `Adm.`, `Vice Admiral`, `Major General`;
    but `Secretary General`, `Surgeon General` end in their title."""
    last, before = fold_name(role[-1]).strip(".,"), fold_name(role[-2]).strip(".,")
    if last == "general" and not role[-1].endswith("."):
        return before in _GENERAL_AFTER
    return last in MILITARY_RANKS


def _role_goes_on(last: str, words: list[str]) -> bool:
    """Whether a three-word name's first word still belongs to the role before it: after a connector
    (`Envoy for Climate John Kerry`), or after a word that is no title, when the name has no middle
    initial and does not start with a given name (`Supply Chain Task Force John Porcari`, `Director for the
    Western Hemisphere Juan Gonzalez`; but `Foreign Secretary Angelo Fernández Hernández`, `the NIAID Anthony S.
    Fauci`, `Senior Advisor for Public Engagement Keisha Lance Bottoms`)."""
    folded = last.lower().rstrip(".,")
    if folded in _CONNECTORS:
        return True
    if words[1].lower() in NAME_PARTICLES:  # `Secretary of the Navy Carlos Del Toro`
        return False
    if fold_name(words[0]).strip(".,") in GIVEN_NAMES:  # `… for Public Engagement Keisha Lance Bottoms`
        return False
    return folded not in ROLE_WORDS and not re.fullmatch(r"[A-Z]\.", words[1])


def _full(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 5 and all(name_word(w) or w.lower() in ("de", "van", "von", "da", "del", "la", "le")
                                        or (0 < k < len(words) - 1 and re.fullmatch(r"[A-Z]\.", w))
                                        for k, w in enumerate(words)) and name_word(words[0])


def document_people(title: str, turns: Sequence[Spoken], known: Sequence[Participant] = (),
                    asked: tuple[list[Reporter | None], list[Handoff]] | None = None,
                    lead: str = "") -> tuple[Participant, ...]:
    """People the document names for labels that `known` (its participant lines) does not cover: from
    the title, then a full name with the label's surname in the text (or in `lead`, the prose above the first
    turn), then a given name handed the floor just before the label speaks. Each has `line` 0. `asked`:
    `askers(turns)`, when the caller has it."""
    labels = [t.label for t in turns if not t.question and not is_role_label(t.label)
              and not is_anonymous_label(t.label) and not is_question_label(t.label)]
    distinct = list(dict.fromkeys(labels))[:MANY_LABELS]
    surnames = {label: s for label in distinct if (s := _surname(label))}
    covered = {family_name_of(p.name) for p in known if p.name.split()}
    titled = title_people(title)
    found = [p for p in titled if family_name_of(p.name) not in covered]
    covered |= {family_name_of(p.name) for p in found}
    reporters, handoffs = asked if asked is not None else askers(turns, [p.name for p in (*known, *titled)])
    asking = {fold_name(r.name) for r in reporters if r and r.name}
    said = [t for turn in turns for t in turn.texts]
    text = " ".join([lead, *said] if lead else said)
    initialled = [label for label in distinct if INITIALS_LABEL.fullmatch(label)]
    named = _initials_in(text) if initialled else {}
    introduced = _introduced_roles(turns) if surnames or initialled else {}
    for label in initialled:
        if (person := _initialled(label, named)) and family_name_of(person) not in covered:
            found.append(Participant(name=person, role=_own_role(person, text) or introduced.get(person, ""), line=0))
            covered |= {family_name_of(person), fold_name(label)}
    for label, surname in surnames.items():
        if fold_name(surname) in covered:
            continue
        person = _in_text(surname, text, asking) or _handed(label, surname, turns, handoffs, text) \
            or _addressed(label, surname, turns, text)
        if person:
            found.append(Participant(name=person, role=_own_role(person, text) or introduced.get(person, ""), line=0))
            covered.add(fold_name(surname))
    return tuple(found)


_INTRODUCING = re.compile(
    r"\b(?:we have|we've got|we're joined by|we are joined by|joined by|(?:joining|with) us(?: today| on the call|"
    r" this (?:morning|afternoon|evening))?(?: (?:is|are|we have))?|(?:let me|I'd like to|I want to) introduce|welcome)"
    r"\s+(?P<rest>[^.;:!?]+)", re.IGNORECASE)
_INTRODUCING_TURNS = 4
"""How many of the officials' first turns a host's introductions are looked for in."""


def _introduced_roles(turns: Sequence[Spoken]) -> dict[str, str]:
    """The roles a host gives the speakers they introduce, as a title lists them (`With us today we have National
    Security Advisor to the Vice President Tony Blinken. We have … Rashad Hussain and Deputy National Security
    Advisor for International Economic Affairs Michael Froman.`)."""
    roles: dict[str, str] = {}
    for turn in [t for t in turns if not t.question][:_INTRODUCING_TURNS]:
        for text in turn.texts:
            for match in _INTRODUCING.finditer(text.replace("’", "'")):
                for person in _listed(match["rest"].strip(" ,")):
                    words = person.role.rstrip(" ,;").split()
                    start = next((k for k, w in enumerate(words) if w[:1].isupper()), len(words))
                    role = " ".join(words[start:])  # `the Director of …`, `we have National Security Advisor`
                    if any(w.lower().strip(".,") in ROLE_WORDS for w in role.split()):
                        roles.setdefault(person.name, role)
    return roles


def _own_role(person: str, text: str) -> str:
    """The role a speaker gives with their name (`I'm Bill Murray, Chief of Media Relations at the IMF, and …`),
    when it holds a title word; else none."""
    match = re.search(rf"\b(?:I'm|I’m|I am|my name is|this is)\s+{re.escape(person)},\s+(?P<role>[^,.;:?!]{{3,80}})",
                      text, re.IGNORECASE)
    role = match["role"].strip() if match else ""
    return role if role[:1].isupper() and any(w.lower() in ROLE_WORDS for w in role.split()) else ""


_NAME_RUN = re.compile(r"[A-ZÀ-Þ][\w'’-]+(?:\s+(?:(?:" + "|".join(sorted(NAME_PARTICLES)) + r")\s+)*[A-ZÀ-Þ][\w'’-]+){1,3}")


def _initials_in(text: str) -> dict[str, Counter[str]]:
    """The text's full names (`Dr Maria Van Kerkhove`, the form of address aside) by their initials, and by their
    first and last word's (`mvk`, `mk`), each with how often it is written: read once for all the labels."""
    found: dict[str, Counter[str]] = {}
    for match in _NAME_RUN.finditer(text):
        words = [w for w in match.group().split() if fold_name(w) not in HONORIFICS]
        for start in range(len(words) - 1):
            run = words[start:]
            if name_word(run[0]) and name_word(run[-1]):
                name = " ".join(run)
                for key in initials(name):
                    found.setdefault(key, Counter())[name] += 1
                break
    return found


def _initialled(label: str, named: dict[str, Counter[str]]) -> str:
    """The one full name of the text a label of initials stands for (`CL` after `My name is Christian Lindmeier`,
    `TAG` for `Dr Tedros Adhanom Ghebreyesus`, `MK` for `Dr Maria Van Kerkhove`), the most written when one is
    twice as often as the next; none when several names fit alike."""
    ranked = named.get(fold_name(label), Counter()).most_common(2)
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) else ""


def _surname(label: str) -> str:
    """The family name a label ends with (`MR. SULLIVAN` → `SULLIVAN`, `MR. FERNÁNDEZ HERNÁNDEZ` → both
    words), or empty for a label with no surname (`THE PRESIDENT`)."""
    words = [w for w in label.replace(",", " ").split() if fold_name(w) not in HONORIFICS | RANKS | ROLE_WORDS]
    if not words or len(words) > 2 or any(len(fold_name(w)) < 2 for w in words):
        return ""
    return " ".join(words)


def _cased(surname: str, text: str) -> str:
    """The surname as the text spells it (`Birx`), else in title case (`Jean-Pierre`)."""
    pattern = r"\s+".join(re.escape(w) for w in surname.split())
    if match := re.search(rf"\b{pattern}\b", text, re.IGNORECASE):
        found = match.group(0)
        if not found.isupper():
            return found
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in surname.lower().split())


def _in_text(surname: str, text: str, asking: set[str]) -> str:
    """The one full name with this surname in the text (`Admiral John Kirby`, `I'm Jeff Zients`), the
    given name of most occurrences when several; none when it is a reporter's name."""
    pattern = r"\s+".join(re.escape(w) for w in surname.split())
    names: Counter[str] = Counter()
    if not re.search(rf"\b{pattern}\b", text, re.IGNORECASE):  # a surname the text never writes: no need to
        return ""  # try a name before every word of it
    for match in re.finditer(rf"\b(?:([A-ZÀ-Þ][\w'’-]+)\s+)?([A-ZÀ-Þ][\w'’-]+)(\s+[A-Z]\.)?\s+({pattern})\b", text,
                             re.IGNORECASE):
        first, given, surname = match.group(1), match.group(2), match.group(4)
        if not _written_name(given) or surname.islower():
            continue
        if fold_name(f"{given} {surname}") in asking:
            continue  # a reporter's name (`Go ahead, Steve Holland.`), not an official's
        if first and _written_name(first) and fold_name(first) in GIVEN_NAMES:
            given = f"{first} {given}"  # `Governor John Bel Edwards`: a given name before the one before the surname
        full = f"{given}{match.group(3) or ''} {surname}"
        names[full] += 1
    if not names:
        return ""
    ranked = names.most_common()
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return ""
    return ranked[0][0]


def _written_name(word: str) -> bool:
    """A word the text writes as a name's (capitalised, not in capitals: the pattern ignores case)."""
    return word[0].isupper() and name_word(word) and not word.isupper()


_VOCATIVE = re.compile(r"^(?!(?i:thanks|thank|hi|hey|hello)\b)(?P<opening>[A-Z][\w'’-]+),\s|\b(?i:thanks|thank you|hi|hey|hello)(?i: (?:so|very) much)?,\s+"
                       r"(?P<greeted>[A-Z][\w'’-]+)[,.!?]")
_END_VOCATIVE = re.compile(r",\s+(?P<name>[A-Z][\w'’-]+)\s*[?.!]*$")
"""A turn's closing words addressing whoever speaks next: `Do we have an audio issue, Angelo?`."""
_ADDRESSED_MIN = 2
"""Turns that must address a label's speaker by one given name before it names the label."""


def _addressed(label: str, surname: str, turns: Sequence[Spoken], text: str) -> str:
    """The given name the turns just before the label's turns address its speaker by (a question's
    `Thanks, Jen.` or `Karine, …`; any turn's closing `…, Angelo?`), when at least two turns address it by
    the same one and it is two thirds of all such addresses. `text`: the turns' words, for the surname's spelling."""
    names: Counter[str] = Counter()
    for before, turn in zip(turns, turns[1:], strict=False):
        if turn.label != label or before.label == label or not before.texts:
            continue
        words = [match["opening"] or match["greeted"]
                 for match in _VOCATIVE.finditer(" ".join(sentences(before.texts[0])[:2]))] if before.question else []
        words += [match["name"] for sentence in sentences(before.texts[-1])[-2:]
                  if (match := _END_VOCATIVE.search(sentence.strip()))]
        names.update({word for word in words
                      if word and word[0].isupper() and name_word(word) and fold_name(word) not in HONORIFICS | RANKS})
    if not names:
        return ""
    given, count = names.most_common(1)[0]
    if fold_name(given) == fold_name(surname) or count < _ADDRESSED_MIN or 3 * count < 2 * sum(names.values()):
        return ""
    return f"{given} {_cased(surname, text)}"


def _handed(label: str, surname: str, turns: Sequence[Spoken], handoffs: Sequence[Handoff], text: str) -> str:
    """A given name the floor was handed to just before the label spoke (`Deborah, please.` — `DR. BIRX`),
    the same one every time."""
    given = {h.name for h in handoffs if turns[h.index].label == label and len(h.name.split()) == 1}
    if len(given) != 1 or fold_name(next(iter(given))) in (fold_name(surname), fold_name(surname).split()[0]):
        return ""  # the name the floor went to is the label's own first word: the label is a whole name already
    return f"{given.pop()} {_cased(surname, text)}"
