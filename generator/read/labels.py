"""Speaker labels: which paragraph openings are labels, and which labels name one person.

Pure functions over paragraph texts; the parser calls `find_labels` once per document, so
deciding every paragraph costs one pass (no rescans).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from ..model import Reporter
from ..text import fold_name
from ..words import (
    ADDRESS,
    MILITARY_RANKS,
    NAME_CONNECTORS,
    NAME_SUFFIXES,
    NOT_LABELS,
    OUTLET_LABELS,
    PROSE_OPENERS,
    QUESTION_LABELS,
    RANKS,
    ROLE_LABELS,
    ROLE_WORDS,
    TITLE_WORDS,
)
from .calls import COMMON_WORDS, lower_words, named_with_outlet, outlet_name, person_name
from .header import find_date
from .marks import ENGLISH, INTERPRETED

_LABEL = re.compile(r"^(?P<label>[^:]{1,100}?)\s?:\s(?P<rest>.*)$|^(?P<only>[^:]{1,100}?)\s?:$")
_SPOKEN_HOW = re.compile(INTERPRETED.pattern + "|" + ENGLISH.pattern + r"|\((?:in|speaks in) [A-Z][a-z]+\.?\)",
                         re.IGNORECASE)
"""A label's bracket that says how the turn is spoken (`(As interpreted)`, `(In Spanish)`): the turn's mark."""
_LABEL_WORDS = 7
_CAPITAL_LABEL_WORDS = 14
"""A label in capitals may be a whole title and name (`CHAIRMAN OF THE JOINT CHIEFS OF STAFF GENERAL MARK A. MILLEY`,
Defense); one in mixed case stays short, or it is a sentence's lead-in."""
_BARE_Q = re.compile(r"^(?P<label>Q)(?:\s|\.\s)(?P<rest>\S.*)$")
_HONORIFIC = re.compile(r"^(?:MR|MS|MRS|DR)\.?$")
_STAMP = r"[(\[](?:\d{1,2}:)?\d{1,2}:\d{2}[)\]]"
"""A recording's time (`(00:00)`, `[1:02:13]`), printed with the labels of transcription services."""
_STAMPED = re.compile(rf"^(?P<label>[^:()\[\]]{{1,100}}?)\s*{_STAMP}\s*:\s*(?P<rest>.*)$")
"""`General Pat Ryder (00:00):`: the time before the colon."""
_STAMP_FIRST = re.compile(rf"^{_STAMP}\s*")
"""`Dmitry Peskov: (09:51)`: the time after it."""
_NUMBERED = re.compile(r"^(?:Speaker|Participant|Reporter|Journalist|Audience Member|Unidentified (?:Speaker|Male|Female))"
                       r" \d{1,3}$", re.IGNORECASE)
"""A transcription service's label for a voice it could not name (`Speaker 1`): a label, numbered."""
_SURNAME_LABEL = re.compile(r"^(?P<name>[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+)?)\s?:\s(?P<rest>.*)$")
_ANONYMOUS = re.compile(r"\bofficials?\b(?! spokes)|\bbriefers?\b|^\[.*\]$")
"""Labels of officials on background (`SENIOR ADMINISTRATION OFFICIAL`); not India's `Official Spokesperson`."""


@lru_cache(maxsize=4096)
def is_question_label(label: str) -> bool:
    """True for `QUESTION`, `Q` and their variants, for a well-known outlet's name (`AFP`: its reporter asks), and
    for a reporter's label with the outlet in brackets (`Question [Reuters]`, `Reporter (NHK)`, `Jane Doe (Reuters)`)."""
    if fold_name(label) in QUESTION_LABELS or outlet_label(label) or comma_reporter(label) is not None:
        return True
    parts = qualified(label)
    return parts is not None and (fold_name(parts[0]) in QUESTION_LABELS or outlet_label(parts[1]))


_QUALIFIED = re.compile(r"^(?P<base>[^()\[\]]*[^()\[\]\s])\s*[(\[](?P<qualifier>[^()\[\]]+)[)\]]$")


def qualified(label: str) -> tuple[str, str] | None:
    """`(base, qualifier)` of a label ending in a bracketed qualifier: `Question [Reuters]`, `Reporter (NHK)`,
    `Oana Lungescu [NATO Spokesperson]`."""
    match = _QUALIFIED.match(label.strip())
    return (match["base"].strip(), match["qualifier"].strip()) if match else None


def labelled_reporter(label: str) -> Reporter | None:
    """The reporter a question's label names: an outlet's (`AFP`, `Question [Reuters]`, `Reporter (NHK)`) or a
    person of an outlet (`Jane Doe (Reuters)`); None for `Q`, `QUESTION` and every other label."""
    if outlet_label(label):
        return Reporter("", label)
    if (named := comma_reporter(label)) is not None:
        return named
    parts = qualified(label)
    if parts is None or not is_question_label(label):
        return None
    base, outlet = parts
    return Reporter("" if fold_name(base) in QUESTION_LABELS else base, outlet)


@lru_cache(maxsize=4096)
def comma_reporter(label: str) -> Reporter | None:
    """The reporter a label names as `Name, Outlet` (Japan's foreign ministry: `Toba, Nippon TV`, `Sakamoto,
    NHK`): a name of up to three words, an outlet's name, no title's word anywhere (`Peter Stano, Moderator`)."""
    head, comma, tail = (part.strip() for part in label.partition(","))
    if not comma or "," in tail or len(head.split()) > 3 \
            or any(fold_name(w).strip(".") in TITLE_WORDS for w in label.split()):
        return None
    shaped = person_name(head)
    outlet = tail if outlet_label(tail) else outlet_name(tail) if len(tail.split()) <= 4 else None
    return Reporter(shaped[0], outlet, not shaped[1]) if shaped is not None and outlet else None


_ASKING = re.compile(r"\?|\b(?:I have a question|my question|I would like to ask|I'd like to ask|I want to ask)\b",
                     re.IGNORECASE)
"""Words of a question's opening: `Toba, Nippon TV:` is a label when what follows asks."""


def outlet_label(label: str) -> bool:
    """True for a label that is a well-known news outlet (`AFP`, `Reuters`, `China Daily`): its reporter asks."""
    return " ".join(fold_name(label).split()) in OUTLET_LABELS


def label_key(label: str) -> str:
    """Folded label for matching: `MR. PRICE`, `MR PRICE` and `Mr Price` share one key, and so do `… OFFICIAL NUMBER
    ONE` and `… OFFICIAL ONE`."""
    key = re.sub(r"\s+", " ", fold_name(label).replace(",", " ")).strip()
    return _NUMBERED_KEY.sub(" ", key) if " number " in key or " no " in key else key


_NUMBERED_KEY = re.compile(r" (?:number|no) (?=(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)$)")


def is_anonymous_label(label: str) -> bool:
    """True for labels of officials speaking on background, who must never be named by guess."""
    return bool(_ANONYMOUS.search(label_key(label)))


def is_role_label(label: str) -> bool:
    """True for `MODERATOR`, `OPERATOR`, `THE PRESIDENT` and other labels naming a function, and for a voice a
    transcription service numbered (`Speaker 1`: someone else in every transcript, never one person's page)."""
    key = label_key(label)
    return key in ROLE_LABELS or (key.startswith("the ") and not key.startswith("the hon ")) \
        or _NUMBERED.match(label) is not None  # `THE HON. SCOTT MORRISON MP, TREASURER` names a person


def is_capitalised(label: str) -> bool:
    """Every letter a capital, or every word (bar connectors) starting with one."""
    words = label.replace(",", " ").split()
    letters = [c for c in label if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    return bool(words) and all(w[:1].isupper() or w in NAME_CONNECTORS for w in words)


def candidate(text: str) -> tuple[str, str] | None:
    """`(label, rest)` when a paragraph opens like a label (`X: …`, `Q …`), decided or not."""
    if match := _BARE_Q.match(text):
        return match["label"], match["rest"]
    if match := _STAMPED.match(text):  # `General Pat Ryder (00:00):`, the time dropped
        return match["label"].strip(), match["rest"].strip()
    if match := _LABEL.match(text):
        label = (match["label"] or match["only"]).strip()
        rest = _STAMP_FIRST.sub("", (match["rest"] or "").strip())  # `Dmitry Peskov: (09:51)`
        if _HONORIFIC.match(label) and (split := _SURNAME_LABEL.match(rest)):
            return f"{label.rstrip('.')}. {split['name']}", split["rest"]  # `MR: ZIENTS: So …`, a typo of `MR. ZIENTS:`
        if (parts := qualified(label)) is not None and _SPOKEN_HOW.match(f"({parts[1]})"):
            return parts[0], f"({parts[1]}) {rest}".strip()  # `PRESIDENT ZELENSKYY (As interpreted):`: a mark, not a role
        return label, rest
    return None


def is_label(label: str, count: int, previous: str = "") -> bool:
    """Capitals (`MR. PRICE`); or title case led by or holding a title word (`Moderator`,
    `Peter Stano, Moderator`), seen twice (`Politico`), or named just before by whoever
    called on it (`… first question, Agence Europe, Lea Marchal.` then `Agence Europe:`)."""
    if (parts := qualified(label)) is not None:  # `Question [Reuters]`, `Oana Lungescu [NATO Spokesperson]`
        base, qualifier = parts
        return is_question_label(label) or (not qualified(base) and is_label(base, count, previous)) or (
            is_capitalised(base) and any(w.lower().strip(".,") in TITLE_WORDS for w in qualifier.split()))
    words = label.replace(",", " ").split()
    letters = [c for c in label if c.isalpha()]
    capitals = bool(letters) and all(c.isupper() for c in letters)
    longest = _CAPITAL_LABEL_WORDS if capitals else _LABEL_WORDS
    if not 1 <= len(words) <= longest or re.search(r"[?!;\"“”()\[\]]", label) or label.lower() in NOT_LABELS:
        return False
    if label == "Q" or outlet_label(label) or _NUMBERED.match(label):
        return True
    if not letters:
        return False
    if capitals:
        return any(len(w.strip(".,'’")) >= 2 and "." not in w.strip(".") for w in words)
    if not is_capitalised(label) or words[0].lower() in PROSE_OPENERS or _ADDRESSING.search(label):
        return False
    titled = any(part in TITLE_WORDS for w in words for part in w.lower().strip(".").split("-"))  # `Secretary-General`
    return titled or count >= 2 or (len(words) <= 4 and _called(label, previous))


_ADDRESSING = re.compile(r",\s*(?:and\s+)?(?:for|to)\s")
"""A lead-in naming whom a question is for (`First, for Secretary Blinken: …`, `And, to the Minister: …`)."""


def _called(label: str, previous: str) -> bool:
    """The paragraph before calls on the label: `… first question, Agence Europe, Lea Marchal.`"""
    return label in previous and re.search(
        rf"(?:,|\b(?:to|from|with|is)) {re.escape(label)}(?:[,.]|$)", previous) is not None


def find_labels(texts: Sequence[str]) -> list[tuple[str, str] | None]:
    """For each paragraph, `(label, rest)` when it opens with a speaker label, else None."""
    found = [candidate(t) for t in texts]
    counts = Counter(c[0] for c in found if c)
    lower: frozenset[str] | None = None

    def named(label: str) -> bool:  # `Chris Whitty:` once, a guest's one turn
        nonlocal lower
        if lower is None:
            lower = lower_words(texts)
        return _full_name(label, lower)

    answers = counts["A"] >= 2 and counts["Q"] + counts["QUESTION"] >= 2  # `Q:` … `A:`, China's foreign ministry
    splits = [
        c if c and (is_label(c[0], counts[c[0]], texts[i - 1] if i else "") or named(c[0]) or _introducing(*c)
                    or (c[0] == ANSWER and answers) or (comma_reporter(c[0]) is not None and _ASKING.search(c[1])))
        and not _quoting(*c) and not _dated_heading(*c) else None
        for i, c in enumerate(found)
    ]
    return _mistyped_colons(texts, splits)


ANSWER = "A"
"""The label of an answer in a text labelling its questions `Q:` (China's foreign ministry until 2016): whoever
the title names answers."""


def _dated_heading(label: str, rest: str) -> bool:
    """A heading with its date after a colon (`DoD Newsbriefing: Tuesday, March 5, 2002`), printed twice over a
    republished page: no one speaking."""
    return len(rest.split()) <= 6 and find_date(rest) is not None


def _introducing(label: str, rest: str) -> bool:
    """A name whose words introduce that person with an outlet (India's foreign ministry: `Sahil: Sir, I am Sahil
    from ANI.`): a reporter's label, even a given name used once."""
    return len(label.split()) <= 3 and named_with_outlet(label, rest[:_INTRODUCTION_CHARS]) is not None


_INTRODUCTION_CHARS = 200
"""How far into a turn a reporter's introduction is looked for."""


def _full_name(label: str, lower: frozenset[str]) -> bool:
    """A label that is a person's full name (`Chris Whitty`, `Yekaterina Berezovskaya`), none of its words one the
    document writes in lower case and its last no common word (`Good Morning:`, `Bottom Line:` are no one): a
    label even used once."""
    words = label.split()
    if not 2 <= len(words) <= 4 or label.isupper() or label.lower() in NOT_LABELS or words[0].lower() in PROSE_OPENERS:
        return False
    shaped = person_name(label)
    family = fold_name(words[-1])
    return shaped is not None and shaped[1] and all(w[:1].isupper() for w in words) and family not in COMMON_WORDS \
        and not any(fold_name(w) in lower or fold_name(w).endswith(_NOT_NAME_ENDINGS) for w in words)


_NOT_NAME_ENDINGS = ("ics", "tion", "sion", "ment", "ness", "ity", "ogy", "ship", "ism")
"""Endings of a firm's or a field's words, not a person's (`Pantheon Macroeconomics: “…”`, quoted by an official)."""


def _mistyped_colons(texts: Sequence[str], splits: list[tuple[str, str] | None]) -> list[tuple[str, str] | None]:
    """A label of this document in capitals typed with a period or a dash for its colon (`DR. WALENSKY. Thank you,
    Andy.`, `MR. SULLIVAN — COVAX has…`), or with a stray mark or no space after it (`MS. JEAN-PIERRE:` So…`,
    `MS. JEAN-PIERRE:Yeah`), opens a turn too: nobody says a label in capitals, a person's or a title's, at the
    start of their own speech. Looked up by length, the longest first (no pattern made of every label)."""
    known = {s[0] for s in splits if s and s[0].isupper() and len(s[0]) > 3}
    lengths = sorted({len(label) for label in known}, reverse=True)
    out = list(splits)
    for i, (text, split) in enumerate(zip(texts, splits, strict=True)):
        if split is None and text[:1].isupper():
            for length in lengths:
                if text[:length] in known and (after := _TYPED_COLON.match(text, length)):
                    out[i] = (text[:length], text[after.end():])
                    break
    return out


_TYPED_COLON = re.compile(r"(?:\.\s+|\s*[—–]\s+|:[`'’]*\s*)(?=\S)")
"""What stands for a label's colon and the space after it in `_mistyped_colons`."""


def _quoting(label: str, rest: str) -> bool:
    """A mixed-case lead-in before a quotation quotes someone (`Senator and Reverend Raphael Warnock: “That
    was a sermon.”`), as does an outlet's name before one (`CBS: “Republicans want to…”`, a headline read out);
    a speaker label in capitals is kept whatever follows."""
    return (not label.isupper() or outlet_label(label)) and rest.startswith(("“", '"')) and label != "Q"


MANY_LABELS = 300
"""Distinct labels past which a text is read label by label, none compared with every other (a briefing has a few
dozen; a file of thousands would take minutes to compare pairwise)."""


def same_person(labels: Sequence[str]) -> dict[str, str]:
    """Map each label to the label that names the same person within one briefing.

    Two forms of one label (`MR. PRICE`, `Mr Price`) share a key; a label that drops ranks and
    first names from a fuller one ending in the same surname (`GEN. RYDER` for `MAJOR GENERAL
    PAT RYDER`) is that person, as is a label with one misspelt word next to a more frequent
    one (`HE PRESIDENT`, `SENIOR ADMINISTRIVE OFFICIAL`). Titles alone (`THE PRESIDENT`, `THE
    VICE PRESIDENT`) and numbered anonymous officials (`… OFFICIAL ONE`, `… TWO`) never merge. A role
    label (`Moderator`) is the one label naming a person in that role (`Peter Stano, Moderator`), if one,
    and a name alone (`LAURA TINGLE`) or a shorter form (`Minister Kishida`) the label giving that name with a
    role (`LAURA TINGLE, NATIONAL PRESS CLUB PRESIDENT`, `Mr. Fumio Kishida, Minister for Foreign Affairs`).
    """
    keys_of = {label: label_key(label) for label in dict.fromkeys(labels)}
    counts = Counter(keys_of[label] for label in labels)
    first_form: dict[str, str] = {}
    for label, key in keys_of.items():
        first_form.setdefault(key, label)
    keys = sorted(counts)
    paired = keys if len(keys) <= MANY_LABELS else []  # thousands of labels are no briefing's: no pairs weighed
    step = {key: next((o for o in paired if o != key and (_shorter_form(key, o) or _misspelt(key, o, counts))), key)
            for key in keys}
    for role, named in _named_roles(keys_of).items():
        if len(named) == 1 and role in step:
            step[role] = named.pop()  # `Moderator` after `Peter Stano, Moderator`: the one moderator named
    for label, key in keys_of.items():
        if (named_as := named_role(label)) is None:
            continue
        whole = label_key(f"{named_as[1]} {named_as[0]}")  # `minister for foreign affairs fumio kishida`
        for other in keys:
            if other != key and step[other] == other and (other == label_key(named_as[0]) or _shorter_form(other, whole)):
                step[other] = key  # `LAURA TINGLE`, `Minister Kishida`: the person the label names with a role
    canonical: dict[str, str] = {}
    for key in keys:
        target = key
        while step[target] != target:  # edges only climb (words, count, key): no cycles
            target = step[target]
        canonical[key] = target
    return {label: first_form[canonical[key]] for label, key in keys_of.items()}


def named_role(label: str) -> tuple[str, str] | None:
    """`(name, role)` for a label that gives a full name and a role: `Peter Stano, Moderator`, `Oana Lungescu
    [NATO Spokesperson]`, `Shri Arindam Bagchi, Official Spokesperson` and `Official Spokesperson, Shri Raveesh
    Kumar` (India's foreign ministry, the form of address left out), `ANTHONY ALBANESE, PRIME MINISTER`
    (Australia's, in capitals: `Anthony Albanese`, `Prime Minister`)."""
    if (parts := qualified(label)) is not None:
        shaped = person_name(parts[0])
        return (shaped[0], parts[1]) if shaped is not None and shaped[1] and not is_question_label(label) else None
    head, comma, tail = label.partition(",")
    if not comma or _suffix(tail.strip()):  # `… GENERAL CHARLES Q. BROWN, JR.`: a suffix after its comma
        return _titled_name(label.replace(",", "") if comma else label)
    if "," in tail:
        return None
    for name, role in ((head, tail), (tail, head)):
        if _a_role(role) and (person := _addressed_name(name)) is not None:
            return person, _cased(role.strip())
    return None


def _titled_name(label: str) -> tuple[str, str] | None:
    """`(name, role)` of a label giving a title of several words and then a full name (Defense: `SECRETARY OF
    DEFENSE ASH CARTER` → `Ash Carter`, `Secretary of Defense`); a title of one word (`PRESIDENT LÓPEZ OBRADOR`)
    or a surname alone (`SECRETARY BLINKEN`) names nobody here."""
    words = label.split()
    suffixed = len(words) > 3 and _suffix(words[-1])  # `… LLOYD J. AUSTIN III`
    for cut in range(len(words) - 2 - suffixed, len(words) - 4 - suffixed, -1):
        role, name = " ".join(words[:cut]), " ".join(words[cut:])
        if cut >= 2 and _a_role(role) and not _a_role(name) and (person := _addressed_name(name)) is not None:
            ranked = role.split()  # `CHAIRMAN OF THE JOINT CHIEFS OF STAFF GENERAL`: the rank is the name's
            while len(ranked) > 2 and fold_name(ranked[-1]).strip(".") in MILITARY_RANKS and not (
                    fold_name(ranked[-1]) == "general" and fold_name(ranked[-2]).split("-")[-1] in _GENERAL_TITLES):
                ranked.pop()
            return person, _cased(" ".join(ranked))
    return None


_FORMS_OF_ADDRESS = frozenset({"mr", "ms", "mrs", "dr", "shri", "smt", "sri", "shrimati", "hon", "he"})
"""Words before a name that are no part of it (`Shri`, India's `Mr.`; `H.E.`; `The Hon`, Australia's)."""
_POST_NOMINALS = frozenset({"mp", "mla", "mhr", "mpp", "qc", "kc", "ao", "ac", "am", "obe", "cbe", "kbe", "dbe", "mbe"})
"""Letters after a name that are no part of it (`THE HON. SCOTT MORRISON MP`, `HON MICHAEL GUNNER MLA`)."""


_GENERAL_TITLES = frozenset({"secretary", "surgeon", "attorney", "inspector", "solicitor", "director", "governor",
                             "postmaster", "consul", "comptroller", "auditor", "paymaster", "adjutant", "advocate"})
"""Titles ending in `General` (`NATO SECRETARY GENERAL`, `SURGEON GENERAL`): there it is no rank before the name."""


def _suffix(word: str) -> bool:
    """A generational suffix ending a name (`LLOYD J. AUSTIN III`, `CHARLES Q. BROWN, JR.`)."""
    return fold_name(word).strip(".,") in NAME_SUFFIXES


def _a_role(text: str) -> bool:
    """A role's words: a functional label (`Moderator`), or words holding a title (`Official Spokesperson`,
    `MINISTER FOR RESOURCES`), none of them a name."""
    words = [fold_name(w).strip(".") for w in text.split()]
    return is_role_label(text) or (bool(words) and len(words) <= 10 and any(w in ROLE_WORDS for w in words)
                                   and person_name(text.strip()) is None)


def _addressed_name(text: str) -> str | None:
    """The full name `text` gives, forms of address left out and capitals made a name's (`SHRI ARINDAM BAGCHI` →
    `Arindam Bagchi`); None when it is no full name."""
    words = text.split()
    while words and fold_name(words[0]).replace(".", "") in _FORMS_OF_ADDRESS | {"the"}:
        words.pop(0)
    while len(words) > 2 and fold_name(words[-1]).replace(".", "") in _POST_NOMINALS:
        words.pop()
    suffix = words.pop() if len(words) > 2 and _suffix(words[-1]) else ""
    shaped = person_name(_cased(" ".join(words).rstrip(",")))
    if shaped is None or not shaped[1]:
        return None
    return f"{shaped[0]} {suffix.upper() if 'I' in suffix.upper() else suffix.capitalize()}" if suffix else shaped[0]


def _cased(text: str) -> str:
    """Words in capitals written as a name or title is (`PRIME MINISTER` → `Prime Minister`, `MINISTER FOR
    RESOURCES` → `Minister for Resources`); anything else as it is."""
    if not text.isupper():
        return text
    return " ".join(w.lower() if i and w.lower() in NAME_CONNECTORS | {"for", "and", "of", "the", "on"}
                    else w.capitalize() for i, w in enumerate(text.split()))


def _named_roles(keys_of: dict[str, str]) -> dict[str, set[str]]:
    """Per role label's key, the keys of the labels naming someone in that role (`named_role`)."""
    found: dict[str, set[str]] = {}
    for label, key in keys_of.items():
        if (named := named_role(label)) is not None:
            found.setdefault(label_key(named[1]), set()).add(key)
    return found


def family_name_of(name: str) -> str:
    """The family name of a name or label, folded (`Lloyd J. Austin III`, `DR. WALENSKY`, `CQ Brown, Jr.` →
    `austin`, `walensky`, `brown`)."""
    return family_name(fold_name(name).replace(",", " ").split())


INITIALS_LABEL = re.compile(r"[A-Z]{2,4}")
"""A label made of a speaker's initials (the WHO's `TAG` for Tedros Adhanom Ghebreyesus, `MVK`)."""


def initials(name: str) -> set[str]:
    """The folded initials a label may give a name by: its words' and its first and last word's, a form of address
    aside (`Dr Maria Van Kerkhove` → `mvk`, `mk`)."""
    words = [w for w in fold_name(name).split() if w not in ADDRESS]

    def letters(kept: list[str]) -> str:  # a compound gives each part's (`Jean-Pierre` → `jp`)
        return "".join(part[0] for word in kept for part in word.split("-") if part)

    return {letters(words), letters([words[0], words[-1]])} if words else set()


def initials_of(label: str, name: str) -> bool:
    """A label of initials stands for the name (the WHO's `TAG` for Tedros Adhanom Ghebreyesus, `MK` for Maria Van
    Kerkhove)."""
    return INITIALS_LABEL.fullmatch(label.upper()) is not None and fold_name(label) in initials(name)


def family_name(words: Sequence[str]) -> str:
    """The family name among a name's folded words: the last, a generational suffix aside
    (`lloyd j austin iii` → `austin`)."""
    kept = [w for w in words if w not in NAME_SUFFIXES] or list(words)
    return kept[-1] if kept else ""


def _shorter_form(key: str, other: str) -> bool:
    """`gen ryder` is a shorter form of `major general pat ryder` (and `sec austin` of `secretary of
    defense lloyd j austin iii`): same surname, ranks and suffixes dropped."""
    words, others = key.split(), other.split()
    surname = family_name(words)
    if len(words) >= len(others) or surname != family_name(others) or len(surname) <= 3 \
            or surname in TITLE_WORDS or is_question_label(key):
        return False
    core = {w for w in words if w not in RANKS | NAME_SUFFIXES}
    return core <= {w for w in others if w not in RANKS}


def _misspelt(key: str, other: str, counts: Counter[str]) -> bool:
    """`he president` is `the president` misspelt: one word off, or a title's words swapped before the same surname,
    and the other form is more frequent.

    A one-word label must be very close (`MODERTOR`), so `OPERATOR` stays apart from `MODERATOR`.
    """
    words, others = key.split(), other.split()
    if len(words) != len(others) or (counts[key], key) > (counts[other], other):
        return False
    if len(words) > 2 and words[-1] == others[-1] and sorted(words) == sorted(others):
        return True  # `GENERAL SECRETARY STOLTENBERG` for `SECRETARY GENERAL STOLTENBERG`: the title's words swapped
    differing = [(a, b) for a, b in zip(words, others, strict=False) if a != b]
    if len(differing) != 1:
        return False
    a, b = differing[0]
    if (a in b or b in a) and abs(len(a) - len(b)) <= 2:  # a letter lost: `he president`, `s psaki` (not `under-`)
        return True
    return min(len(a), len(b)) >= 6 and SequenceMatcher(None, a, b).ratio() >= (0.75 if len(words) > 1 else 0.88)
