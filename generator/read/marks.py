"""Recognisers for what is not speech: stage directions, interpretation marks, end markers, web junk."""

from __future__ import annotations

import re

from ..model import Segment

_STAGE_WORDS = (
    r"laughter|laughs|chuckles|applause|inaudible|unintelligible|indiscernible|cross[- ]?talk|edited|redacted|"
    r"crosstalk|pause|pauses|off[- ]mic(?:e|rophone)?|audio\b[^()]*|no audio|video\b[^()]*|"
    r"technical difficult(?:y|ies)|break in audio|speaks? in [A-Z][a-z]+|in [A-Z][a-z]+(?: and [A-Z][a-z]+)?|no translation[^()]*|"
    r"music\b[^()]*|phone rings|coughs|sic|interruption|overlapping|silence|"
    r"[a-z ]*(?:concluded|ended|adjourned|began|begins|resumes?)\b[^()]*"
)
_BRACKET_WORDS = (r"laughter|laughs|chuckles|applause|inaudible|unintelligible|indiscernible|cross-?talk|crosstalk|"
                  r"pauses?|off[- ]mic(?:e|rophone)?|interruption|interjection|no audio|technical difficult(?:y|ies)")
"""Stage directions printed in square brackets (`[sic]` is not one: a call to `Kristen [sic]` names nobody sure)."""
STAGE = re.compile(rf"\((?:{_STAGE_WORDS})(?:(?:,|;| and)\s*(?:{_STAGE_WORDS}))*\.?\)|\([A-Z][a-z]+(?: [^()]+){{1,14}}\.\)"
                   rf"|\[(?:{_BRACKET_WORDS})\b[^\[\]]{{0,80}}\]", re.IGNORECASE)
"""A stage direction inside speech: `(Laughter.)`, `(Inaudible)`, `(In French.)`, several (`(Laughter, cross talk.)`),
the editor's `(Edited)`, a short sentence of its own
in parentheses (`(Holds up the guidance.)`, `(A video is played.)`), or in square brackets as Australia's prime
minister prints them (`[Laughter]`, `[Inaudible]`, `[Interruption for a parliamentary vote]`)."""

SECTION = re.compile(
    r"(?:opening (?:remarks|statements?)|questions? (?:and|&) answers?(?: session)?|q ?& ?a(?: session)?|"
    r"(?:questions|q ?& ?a) (?:from|with) (?:the )?(?:press|media|journalists|reporters))\s*:?",
    re.IGNORECASE,
)
"""A paragraph that is only a section heading (`Question and Answer`, `Opening Remarks`, printed between two
speakers' turns): the editor's, not the speaker's words; kept in the turn as a mark, as a stage direction is."""

REDACTION = re.compile(
    r"\[(?:(?:a |an |the )?(?:senior |former |)(?:administration |state department |u\.s\. |defense |"
    r"white house |)(?:official|officials|name|redacted|speaker|participant)(?: \w+)?)\]",
    re.IGNORECASE,
)
"""A name withheld in a background briefing: `[senior administration official]`; kept as text."""

INTERPRETED = re.compile(
    r"\((?:via|through|by) (?:an |the )?(?:int\w*pret\w*|translat(?:or|ion))\.?\)"  # `(Via intrerpreter)`, as printed
    r"|\((?:as )?(?:interpreted|translated)\.?\)",
    re.IGNORECASE,
)
"""A mark that what follows was delivered through an interpreter; taken out of the text."""

ENGLISH = re.compile(r"\((?:in|speaks in) English\.?\)", re.IGNORECASE)
"""A switch back to the speaker's own English ends interpretation for the rest of the turn."""

END = re.compile(
    r"^(?:#\s*#\s*#|\*\s*\*\s*\*|END(?:\s+\d{1,2}:\d{2}.*)?|\[ENDS?\]|ENDS|"
    r"\((?:the )?(?:briefing|press conference|press availability|conference|call|meeting|event|"
    r"interview|session|gaggle|teleconference|roundtable|remarks?)\b[^()]*\b(?:concluded|ended|adjourned)\b[^()]*\)\.?)$",
    re.IGNORECASE,
)
"""A paragraph that closes the transcript: `###`, `END 3:27 P.M. PST`, `[ENDS]`, `(The briefing was concluded …)`."""

TIME = re.compile(
    r"^(?P<time>\d{1,2}(?::\d{2})?\s*[AaPp]\.?\s?[Mm]\.?(?:\s+(?P<zone>[A-Z]{2,5}|\((?i:local(?: time)?)\)))?)$"
)
"""A time line (`2:06 p.m. EST`, `7:06 P.M. EST`, `7:21 P.M. (Local)`)."""

JUNK_START = re.compile(
    r"^(?:you may also like|related (?:articles?|posts?|stories|content|links)|more from|read more|"
    r"share this|share on|top tags?|tags?:|follow us|subscribe|sign up|newsletter|"
    r"copyright\b|©|\(c\) \d{4}|all rights reserved|back to top|skip to (?:main )?content|"
    r"previous (?:post|article)|next (?:post|article)|print this (?:page|document)|leave a (?:comment|reply)|"
    r"(?:press operations )?bookmark and share|email this page|printer-friendly version|(?:news )?transcripts?\s*$)",
    re.IGNORECASE,
)
"""Web-page furniture that can open a block of junk around the transcript proper."""

_NAV_WORDS = {
    "home", "about", "contact", "terms", "policy", "privacy", "gdpr", "menu", "search", "careers",
    "subscribe", "login", "faq", "sitemap", "cookies", "accessibility", "disclaimer", "news",
    "blog", "advertise", "help", "press", "briefings", "statements", "releases", "remarks",
}


def is_nav_line(text: str) -> bool:
    """A navigation bar flattened to text: short title-case words without sentence punctuation."""
    words = text.split()
    if not 2 <= len(words) <= 12 or re.search(r"[.,;:!?\"“”]$|[,;]", text):
        return False
    nav = sum(w.lower().strip("|›»/") in _NAV_WORDS for w in words)
    return nav >= 2 and nav * 2 >= len(words) - 1


def is_junk(text: str) -> bool:
    """True for a line that is web-page furniture rather than transcript."""
    return bool(JUNK_START.match(text)) or is_nav_line(text) or "all rights reserved" in text.lower()


def split_marks(text: str, interpreted: bool) -> tuple[tuple[Segment, ...], bool]:
    """Split a paragraph into speech and stage-direction segments; report interpretation.

    Returns the segments and whether this paragraph (and, by the caller, the rest of the
    turn) is interpreted: `(Via interpreter)` switches interpretation on, `(In English.)` off.
    """
    if INTERPRETED.search(text):
        interpreted = True
        text = " ".join(INTERPRETED.sub(" ", text).split())
    if ENGLISH.search(text):
        interpreted = False
    segments: list[Segment] = []
    pos = 0

    def speech(end: int) -> None:  # the words from `pos` to `end`, if any, printed against the segment before or not
        words = text[pos:end].lstrip()
        if words.strip():
            segments.append(Segment(words.rstrip(), joined=bool(segments) and len(words) == end - pos))

    for match in _MARK.finditer(text):
        speech(match.start())
        redacted = REDACTION.fullmatch(match.group(0)) is not None  # `[senior administration official]`, not `[Laughter]`
        glued = bool(segments) and not text[match.start() - 1].isspace()  # `(inaudible)?`
        segments.append(Segment(match.group(0), stage=not redacted, redaction=redacted, joined=glued))
        pos = match.end()
    speech(len(text))
    if len(segments) == 1 and not segments[0].stage and (_whole_aside(text) or SECTION.fullmatch(text)):
        segments = [Segment(text, stage=True)]
    return tuple(segments), interpreted


_MARK = re.compile(f"{STAGE.pattern}|{REDACTION.pattern}", re.IGNORECASE)


def _whole_aside(text: str) -> bool:
    """A short paragraph entirely in parentheses is a stage direction (`(Cross-talk and laughter.)`); not a
    question (India's foreign ministry prints a question asked in Hindi in English in parentheses: `(What are
    the preparations of the government for the summit?)`, the question's words)."""
    return bool(re.fullmatch(r"\([^()]{1,80}\)\.?", text)) and len(text.split()) <= 12 and not text.rstrip(".").endswith("?)")
