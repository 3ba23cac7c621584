"""The parser: transcript text in, `Briefing` out. Pure: no I/O, no globals mutated."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from ..errors import TranscriptError
from ..model import Briefing, Paragraph, Participant, Reporter, Turn
from ..text import clean_line, fold_name, slugify
from . import marks
from .askers import askers, called_labels, reporter_labels, spoken
from .calls import person_name
from .header import Header, find_date, parse_header
from .identify import Resolver
from .introductions import document_people, title_people
from .labels import (
    ANSWER,
    candidate,
    family_name,
    family_name_of,
    find_labels,
    is_anonymous_label,
    is_question_label,
    is_role_label,
    same_person,
)
from .source import Source

_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_KINDS = (
    ("background press call", "background call"), ("background call", "background call"),
    ("background briefing", "background briefing"), ("background press briefing", "background briefing"),
    ("on background", "background briefing"),
    ("background", "background call"), ("gaggle", "gaggle"), ("door(?:stop|step) interview", "press availability"),
    ("interview", "interview"),
    ("press availability", "press availability"), ("press conference", "press conference"),
    ("news conference", "press conference"), ("jpa", "press availability"), ("media availability", "press availability"),
    ("briefing", "press briefing"), ("remarks", "remarks"),
    ("telebriefing", "press briefing"), (r"on the record(?: \w+)? press call", "press briefing"),
)
"""Words that name the kind of event, most specific first."""
_CALL_KIND = re.compile(r"(?i)\b(?:press|conference)[\s_-]+call\b")
"""A title's `Press Call` or `Conference Call` that neither it nor the opening turns say is on background: a press
briefing by phone."""
_TITLE_KINDS = (("doorstep", "press availability"), ("doorstop", "press availability"),
                ("(?:press|media) encounter", "press availability"), ("stakeout", "press availability"),
                ("statement", "remarks"))
"""Kinds a title or file name tells and speech does not (`… on our doorstep`, `my statement`; the UN's `press
encounter` and `stakeout`, a press availability)."""
_THIS_EVENT = re.compile(r"(?i)\bthis (?:\w+ )?(?:interview|briefing|call|gaggle|press conference|conversation)\b")
"""What of a reporter's opening words tells the kind of event: the event itself (`We appreciate this interview`), not
another (`In his recent interview, he said …`)."""
_LEAD_WORDS = 12
"""A paragraph above the first turn of more words is prose (a republisher's lead), searched for speakers' full names;
the shorter ones are the header's lines."""
_DECLARED = re.compile(
    r"\btranscript of [^.]*? by (?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3}), (?P<role>[^.]{3,80})\.$"
)
"""A monologue's declaration of its speaker (`… near-verbatim transcript of … by Stéphane Dujarric, Spokesman …`)."""

@dataclass(frozen=True)
class _Para:
    line: int
    text: str
    gap: int = 1
    """Blank lines before the paragraph."""


def parse(source: Source, slug: str | None = None) -> Briefing:
    """Parse a decoded transcript into a briefing; raise `TranscriptError` naming file and line."""
    paras = _paragraphs(source.body, source.body_line)
    splits = find_labels([p.text for p in paras])
    first = next((i for i, s in enumerate(splits) if s), None)
    speaker: tuple[Participant, ...] = ()
    byline = ""
    heading = ""
    if first is not None and (past := _past_heading(paras, splits, first)) != first:
        first, heading = past, paras[first].text
    if first is None or first > 1:
        first, speaker = _declared(paras, splits, first)
    if not speaker and (first is None or first > 2):
        first, speaker, byline = _bylined(paras, splits, first)
    if first is None:
        raise TranscriptError(
            "no speaker labels found (expected lines like 'SECRETARY BLINKEN: …' or 'Q …'); "
            "this does not look like a transcript", path=source.path, line=source.body_line,
            fragment=paras[0].text if paras else "",
        )
    header = parse_header([(p.line, p.text) for p in paras[:first]])
    meta = source.meta
    title = _meta_text(meta, "title") or header.title or byline or heading  # a blank `title:` is none
    titled = title_people(title)
    answerer = titled[0].name if len(titled) == 1 else ANSWER  # who speaks under `A:`: the one the title names
    if not speaker:
        first = _title_speaker_opens(paras, splits, first, title, answerer)
    _dropped_labels(paras, splits, first, header.participants + speaker + tuple(titled))
    body, body_splits, end_time = _body(paras[first:], splits[first:])
    turns = _turns(body, body_splits, header.participants + speaker, title, answerer,
                   " ".join(p.text for p in paras[:first] if len(p.text.split()) > _LEAD_WORDS))
    if not turns:
        raise TranscriptError("speaker labels but no speech under them", path=source.path,
                              line=paras[first].line, fragment=paras[first].text)
    date = _date(meta.get("date"), source.path, title, header, source.meta_lines.get("date"))
    kind = str(_meta_text(meta, "kind") or _anonymous_kind(_kind(title), title) or _kind(_title_from_path(source.path))
               or _kind(" · ".join(p.text for p in paras[max(0, first - _KIND_LINES):first] if len(p.text) < 80))
               or _call_kind(_kind(" ".join(t.text if not t.question else " ".join(_THIS_EVENT.findall(t.text))
                                            for t in turns[:3]), titled=False),
                             f"{title} {_title_from_path(source.path)}"))
    people = header.participants + speaker
    speaking = [t.label for t in turns if not t.question]
    if (interviewer := _interviewer(title, kind, [p.name for p in (*people, *titled)], speaking)) is not None:
        kind = kind or "interview"
        turns = tuple(dataclasses.replace(t, reporter=interviewer)
                      if t.question and (t.reporter is None or interviewer.name.startswith(f"{t.reporter.name} ")) else t
                      for t in turns)
    title = title or (f"{(kind or 'briefing').capitalize()} with {' and '.join(p.name for p in people)}"
                      if people else _title_from_path(source.path))
    time = _meta_text(meta, "time") or header.time
    extra = {str(k): str(v) for k, v in meta.items() if k not in _KNOWN_META}
    zone = re.search(r"\b[A-Z]{2,5}$", time)
    return Briefing(
        slug=slug or slugify(str(meta.get("slug") or PurePath(source.path).stem)),
        source=source.path,
        title=title,
        date=date,
        turns=turns,
        participants=people,
        location=_meta_text(meta, "location") or header.location,
        venue=_meta_text(meta, "venue") or header.venue,
        time=time,
        kind=kind,
        source_url=str(meta.get("source_url") or "").strip(),
        extra=extra | ({"end_time": end_time} if end_time else {})
        | ({"time_zone": zone.group(0)} if zone else {}),
    )


def _meta_text(meta: dict[str, Any], key: str) -> str:
    """A front matter field as text, its spaces of any kind collapsed and invisible characters dropped, as a line
    of the transcript is (`clean_line`): a title pasted from a web page keeps no tab, no-break space or `￼`."""
    return clean_line(str(meta.get(key) or ""))


def _declared(paras: list[_Para], splits: list[tuple[str, str] | None], first: int | None
              ) -> tuple[int | None, tuple[Participant, ...]]:
    """A text that declares its speaker near the top (`… near-verbatim transcript of today's noon briefing by
    Stéphane Dujarric, Spokesman …`) speaks from the next paragraph: a text without labels is that speaker's
    monologue, and what comes before the first label (the spokesman's announcements above the questions) is
    their opening turn, not header. `first`: the first labelled paragraph, if any; returned as it becomes."""
    end = len(paras) if first is None else first
    for i, para in enumerate(paras[:min(6, end)]):
        if (match := _DECLARED.search(para.text)) and i + 1 < end:
            splits[i + 1] = (match["name"], paras[i + 1].text)
            return i + 1, (Participant(name=match["name"], role=match["role"], line=para.line),)
    return first, ()


_BYLINE = re.compile(r"^by [A-Z]")
_BYLINE_HEAD_WORDS = 6
_DATELINE = re.compile(r"^[\W\d_]*$|^[•·|*-]|^\(.*\)$")
"""Lines between a byline and the speech: bullets, separators, `(As delivered)`."""


def _bylined(paras: list[_Para], splits: list[tuple[str, str] | None], first: int | None
             ) -> tuple[int | None, tuple[Participant, ...], str]:
    """A statement under a byline (NATO: `Doorstep statement` / `by NATO Secretary General Jens Stoltenberg at the
    start of the extraordinary Summit…` / its date / `(As delivered)` / `Good morning.` … then the questions, each
    labelled): the words from the first paragraph of speech below it to the first label are the person's opening
    turn, not header, and the two lines the title. `first`: the first labelled paragraph, if any; returned as it
    becomes, with the person and the title."""
    end = len(paras) if first is None else first
    for i, para in enumerate(paras[1:min(5, end)], start=1):
        head = paras[i - 1].text
        if not _BYLINE.match(para.text) or len(head.split()) > _BYLINE_HEAD_WORDS or head.endswith((".", "?", "!")):
            continue
        title = f"{head} {para.text}".rstrip(".")
        people = title_people(title)
        if len(people) != 1:
            return first, (), ""
        speech = next((j for j in range(i + 1, end) if not _DATELINE.search(paras[j].text)
                       and not (len(paras[j].text) < 60 and find_date(paras[j].text))
                       and not fold_name(paras[j].text).startswith(fold_name(title))), None)  # the title again
        if speech is None:
            return first, (), ""
        person = dataclasses.replace(people[0], line=para.line)
        splits[speech] = (person.name, paras[speech].text)
        return speech, (person,), title
    return first, (), ""


_KNOWN_META = {"title", "date", "location", "venue", "time", "kind", "source_url", "slug"}


_PADDED_INITIALS = re.compile(r"^[ \t\u00a0]*(?P<label>(?!END\b)[A-Z]{2,4})(?:\t|[ \u00a0]{2,})(?=\S)")
"""A speaker's initials padded to a column (`CL          Hello and welcome`): the WHO's labels, with no colon."""
_PADDED_MIN = 3
"""Lines so labelled, by two speakers at least, before a document is read as labelled by initials (two, in one
that also prints a recording's times on lines of their own)."""
_TIMECODE = re.compile(r"^\s*(\d{1,2}:\d{2}:\d{2})\s*$")


def _paragraphs(body: str, first_line: int) -> list[_Para]:
    """Split the body into paragraphs: one per line, hard-wrapped lines joined; initials padded to a column
    made labels, when two speakers' are so printed (`TAG        Thank you.` → `TAG: Thank you.`)."""
    starts: list[int] = []
    gaps: list[int] = []
    parts: list[list[str]] = []
    blanks = 1
    raws = body.split("\n")
    padded = [m["label"] for raw in raws if (m := _PADDED_INITIALS.match(raw))]
    timed = any(_TIMECODE.match(raw) for raw in raws)  # the WHO's times on lines of their own
    initialled = len(padded) >= (2 if timed else _PADDED_MIN) and len(set(padded)) >= 2
    wrapped = _wrapped_in_blocks(raws)
    broken = False  # the line before ended in a hard line break
    for offset, raw in enumerate(raws):
        if initialled and (m := _PADDED_INITIALS.match(raw)):
            raw = f"{m['label']}: {raw[m.end():]}"  # the WHO's `TAG        Thank you.`
        elif stamp := _TIMECODE.match(raw):
            raw = f"({stamp[1]})"  # a recording's time on its own line: a stage direction, not speech
        text = clean_line(raw)
        if text.startswith(("**", "__")):
            text, labelled = _BOLD_LABEL.subn(r"\1: ", text, count=1)
            text = text.rstrip() if labelled else _BOLD.sub(r"\1", text)
        if not text:
            blanks += 1
            continue
        if parts and not blanks and not broken and _continues(parts[-1][-1], text, wrapped):
            parts[-1].append(text)
        else:
            starts.append(first_line + offset)
            gaps.append(blanks)
            parts.append([text])
        blanks = 0
        broken = wrapped and _HARD_BREAK.search(raw) is not None
    return [_Para(line, " ".join(lines), gap) for line, lines, gap in zip(starts, parts, gaps, strict=False)]


_HARD_BREAK = re.compile(r"[.?!”\"]\s{2,}$")
"""A sentence's end and two spaces or more closing a line: Markdown's hard line break (pandoc's `… he is.  `), a
paragraph break in a text of wrapped paragraphs."""


_HANDED = re.compile(
    r"(?:\bover to(?: you,?)?|\bturn (?:it|things|this) (?:back )?over to|\b(?:hand|pass) (?:it|things) (?:over |off |back )?to)"
    r"\s+(?P<to>(?:the |Mr\.? |Madam |Ms\.? |Dr\.? )?[A-Z][^.?!,;:]{1,60}?)[.?!]?$")
"""The end of a paragraph handing the floor to someone (`With that, over to you, Mr. Secretary.`)."""
_ADDRESSING = {"the", "mr", "madam", "ms", "mrs", "dr", "sir"}


_EDITORIAL = re.compile(r"\btranscript\b|^(?:note|editor|embargoed|as prepared|check against)\b|^[(\[]", re.IGNORECASE)
"""A paragraph about the text rather than of it (`The following is a transcript…`, `(As prepared for delivery)`)."""
_OPENING_WORDS = 8
_LEAD_IN_WORDS = 25
"""A line introducing the announcements below it (ending with a colon) is header up to this length."""


def _title_speaker_opens(paras: list[_Para], splits: list[tuple[str, str] | None], first: int, title: str,
                         answerer: str) -> int:
    """Announcements above the first label, from the person the title names: `Foreign Ministry Spokesperson Wang
    Wenbin's Regular Press Conference`, then two paragraphs of his announcements, then `CCTV: …` and `Wang Wenbin:
    …`. When every paragraph between the title line (or the top) and the first label is speech (sentences, no
    note about the transcript) and the first official's label of the document is a name the title holds, those
    paragraphs are that official's opening turn instead of header, unless they name the official (`Secretary
    Blinken delivered remarks…` is about the speaker, not by them). Returns the first labelled paragraph."""
    if not title or first == 0:
        return first
    top = next((i + 1 for i in range(first) if paras[i].text == title or title.startswith(paras[i].text)), 0)
    if top < first - 1 and paras[top].text.endswith(":") and len(paras[top].text.split()) <= _LEAD_IN_WORDS:
        top += 1  # `Spokesperson Hong Lei started the press conference with the following announcements:`
    opening = paras[top:first]
    if not opening or not all(len(p.text.split()) >= _OPENING_WORDS and p.text.rstrip("”\"’')").endswith((".", "!", "?"))
                              and not _EDITORIAL.search(p.text) for p in opening):
        return first
    folded = set(fold_name(re.sub(r"[’']s\b", "", title)).split())
    for split in splits[first:]:
        if split is None:
            continue
        label = split[0]
        if is_question_label(label) or is_role_label(label) or is_anonymous_label(label):
            continue
        if label == ANSWER:
            label = answerer  # `A:` answers for the person the title names
        words = fold_name(label).split()
        said = set(fold_name(" ".join(p.text for p in opening)).split())
        if len(words) >= 2 and set(words) <= folded and family_name(words) not in said:  # not about them
            splits[top] = (label, paras[top].text)
            return top
        return first
    return first


def _dropped_labels(paras: list[_Para], splits: list[tuple[str, str] | None], first: int,
                    people: tuple[Participant, ...]) -> None:
    """A label the copy dropped: after a paragraph handing the floor to someone (`… over to you, Mr. Secretary.`),
    a paragraph with no label below more blank lines than the text's paragraphs usually have (two or more, where
    the label stood) is that person's. Its label is the person's name as the title or the participant list gives
    it (`Lloyd J. Austin III`), else as handed to."""
    usual = max(1, Counter(p.gap for p in paras[first:]).most_common(1)[0][0]) if paras[first:] else 1
    for i in range(first + 1, len(paras)):
        if splits[i] is not None or paras[i].gap <= usual:  # a text spaced by two blank lines: none dropped
            continue
        above = splits[i - 1]
        before = above[1] if above is not None else paras[i - 1].text
        if (match := _HANDED.search(before)) and (label := _handed_to(match["to"], people)):
            splits[i] = (label, paras[i].text)


def _handed_to(target: str, people: tuple[Participant, ...]) -> str:
    """The one person of the document a handoff names, by family name (`General Ryder`) or by the words of their
    role (`Mr. Secretary`: the one Secretary); else the words handed to when they are a name or a title in
    capitals (`Admiral Kirby`), else "" (`the Admiral for his update`, `the State Department`)."""
    words = [w for w in fold_name(target).split() if w not in _ADDRESSING]
    named = [p for p in people if words and family_name_of(p.name) in words]
    if not named:
        named = [p for p in people if words and set(words) <= set(fold_name(p.role).split())]
    if len(named) == 1:
        return named[0].name
    capitalised = all(w[:1].isupper() for w in target.split())
    return target if words and len(words) <= 4 and capitalised else ""


_BOLD_LABEL = re.compile(r"^(?:\*\*|__)([^*_:]{1,100}?)(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*")
"""A label in Markdown bold, as a web page converted to Markdown prints it: `**MR. PRICE:** Good afternoon.`,
`**MR. PRICE**: …`, `__QUESTION:__ …`."""
_BOLD = re.compile(r"^\*\*(.+?)(?:\*\*)?$")
"""A paragraph in Markdown bold (`**Summit of the Future**`), as pasted from a web page."""


_WRAP_JOINS = 3
"""Lines joined mid-sentence, between blank lines, that make a text one of hard-wrapped paragraphs (`_wrapped_in_blocks`)."""
_SENTENCE_END = re.compile(r"[.?!:\"”’)\]—–-]$")


def _wrapped_in_blocks(raws: list[str]) -> bool:
    """A text whose paragraphs stand between blank lines, hard-wrapped (pandoc's Markdown of the White House's
    pages, a mail archive at 72 columns): at least `_WRAP_JOINS` lines run on mid-sentence onto the next, and as
    many blank lines. There a wrapped line that happens to end a sentence goes on too (`… mask up for 100 days.` /
    `He's doing his part, …`): only a blank line or a label ends a paragraph."""
    joins = blanks = 0
    previous = ""
    for raw in raws:
        text = raw.strip()
        if not text:
            blanks += 1
        elif previous and len(previous) >= 50 and not _SENTENCE_END.search(previous):
            joins += 1
        previous = text
    return joins >= _WRAP_JOINS and blanks >= _WRAP_JOINS


def _continues(previous: str, text: str, wrapped: bool = False) -> bool:
    """A line continues the previous one when that one was hard-wrapped mid-sentence, or in a text of
    hard-wrapped paragraphs between blank lines (`wrapped`) anywhere but after a colon.

    A wrapped line may open like a label (`…from the` / `NSC: This was…`); only a label in
    capitals of two words or more, or `Q`, still starts a turn there.
    """
    if len(previous) < 50 or (previous.endswith(":") if wrapped else _SENTENCE_END.search(previous)):
        return False
    found = candidate(text)
    return found is None or not (found[0] == "Q" or found[0].isupper() and len(found[0].split()) > 1)


def _body(paras: list[_Para], splits: list[tuple[str, str] | None]
          ) -> tuple[list[_Para], list[tuple[str, str] | None], str]:
    """Cut the transcript at its end marker, at a time line or web junk below the last label, and
    before a tail of two or more navigation items; drop time lines."""
    last_label = max(i for i, s in enumerate(splits) if s)
    kept: list[_Para] = []
    kept_splits: list[tuple[str, str] | None] = []
    end_time = ""
    for i, para in enumerate(paras):
        if marks.END.match(para.text):
            after = paras[i + 1].text if i + 1 < len(paras) else ""
            end_time = _time_in(para.text) or (after if marks.TIME.match(after) else end_time)
            break
        if match := marks.TIME.match(para.text):
            end_time = match["time"]
            if i > last_label:
                break
            continue
        if i > last_label and marks.is_junk(para.text):
            break
        kept.append(para)
        kept_splits.append(splits[i])
    tail = len(kept)
    while tail > last_label + 1 and _nav_item(kept[tail - 1].text):
        tail -= 1
    tail = tail if len(kept) - tail >= 2 else len(kept)  # one short closing line is speech
    return kept[:tail], kept_splits[:tail], end_time


def _nav_item(text: str) -> bool:
    """A page-footer item (`Get Involved`, `The White House`): a few words, no sentence ending."""
    return len(text.split()) <= 4 and not re.search(r"[.?!\"”’)\]—–-]$", text)


def _time_in(text: str) -> str:
    match = re.search(r"\d{1,2}:\d{2}\s*[AaPp]\.?\s?[Mm]\.?(?:\s+[A-Z]{2,5})?", text)
    return match.group(0) if match else ""


def _turns(paras: list[_Para], splits: list[tuple[str, str] | None], participants: tuple[Participant, ...],
           title: str, answerer: str, lead: str = "") -> tuple[Turn, ...]:
    """The turns, each speaker resolved within the document (`read.introductions`), each question with
    the reporter who asked it (`read.askers`); `answerer`: who speaks under `A:` (the person the title names);
    `lead`: the prose above the first turn, which may name a speaker in full (`… Spokesperson Vedant Patel held a
    Press Briefing …`)."""
    raw: list[tuple[str, int, tuple[Paragraph, ...]]] = []
    label, line = "", 0  # the turn being read
    items: list[_Para] = []

    def close() -> None:
        if label and items and (paragraphs := _marked(items)):
            raw.append((label, line, paragraphs))

    for para, split in zip(paras, splits, strict=False):
        if split is not None:
            close()
            label, line, items = split[0], para.line, []
            if split[1]:
                items.append(_Para(para.line, split[1]))
        else:
            items.append(para)
    close()
    said = [spoken(label, paragraphs) for label, _, paragraphs in raw]
    called = called_labels(said)
    said = [dataclasses.replace(s, question=True) if s.label in called else s for s in said]
    own = reporter_labels(said, {family_name_of(p.name) for p in participants}, title)
    said = [dataclasses.replace(s, question=True) if s.label in own else s for s in said]
    asked = askers(said, [p.name for p in (*participants, *title_people(title))])
    resolver = Resolver(participants + document_people(title, said, participants, asked, lead))
    same = same_person([r[0] for r in raw])
    if ANSWER in same and answerer != ANSWER:
        same[ANSWER] = answerer  # `A:` is the spokesperson the title names
    reporters = [own.get(label) or reporter for (label, _, _), reporter in zip(raw, asked[0], strict=True)]
    return tuple(
        Turn(anchor=f"t{i + 1:03d}", label=label, speaker=resolver.resolve(same[label], question=said[i].question),
             paragraphs=paragraphs, line=line, question=said[i].question, reporter=reporters[i])
        for i, (label, line, paragraphs) in enumerate(raw))


_KIND_LINES = 4
"""Short header lines just above the first turn that may name the kind when the title does not (CDC's `CDC
Telebriefing Transcript` above `SARS: Genetic Sequencing of Coronavirus`)."""
_HEADING_WORDS = 12


def _past_heading(paras: list[_Para], splits: list[tuple[str, str] | None], first: int) -> int:
    """The first label, past a title holding a colon that stands above the date (CDC's `SARS: Genetic Sequencing
    of Coronavirus` / `April 14, 2003` / `DR. GERBERDING: On March 14, …`): a heading without a sentence's end,
    nothing under it but date and time lines, is the header's (the title, when no other line is), not a turn."""
    found = splits[first]
    following = next((i for i in range(first + 1, len(splits)) if splits[i]), None)
    if found is None or following is None or len(found[1].split()) > _HEADING_WORDS \
            or found[1].rstrip().endswith((".", "?", "!", ":", ",")) or not found[1][:1].isupper():
        return first
    under = [p.text for p in paras[first + 1:following]]
    dated = [t for t in under if len(t) < 40 and (find_date(t) or marks.TIME.match(t))]
    return following if under and len(dated) == len(under) and any(find_date(t) for t in under) else first


def _marked(items: list[_Para]) -> tuple[Paragraph, ...]:
    """Turn raw paragraphs into model paragraphs; interpretation carries to the turn's end."""
    out: list[Paragraph] = []
    interpreted = False
    for item in items:
        segments, interpreted = marks.split_marks(item.text, interpreted)
        if segments:
            out.append(Paragraph(segments=segments, line=item.line, interpreted=interpreted))
    return tuple(out)


def _date(value: object, path: str, title: str, header: Header, line: int | None = None) -> dt.date:
    """Front matter (`line`: where its `date` is); else a date in the title or the header block; else the file
    name's `YYYY-MM-DD`; else a publication stamp (`Issued on: …`), which may be a day late; else the first date the
    header writes anywhere."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            found = find_date(value)
            if found:
                return found
            raise TranscriptError("front matter date is not a date (use YYYY-MM-DD)", path=path, line=line,
                                  fragment=value) from None
    found = find_date(title) or header.date or _path_date(path) or header.published or header.mentioned
    if found is None:
        raise TranscriptError(
            "no date found: add 'date: YYYY-MM-DD' to the front matter or start the file name with it",
            path=path, line=1,
        )
    return found


def _path_date(path: str) -> dt.date | None:
    if match := _FILE_DATE.search(PurePath(path).name):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return None
    return None


_ANONYMOUS_TITLE = re.compile(r"(?i)\bsenior (?:[\w.-]+ ){0,3}officials?\b")


def _anonymous_kind(kind: str, title: str) -> str:
    """A briefing the title gives to unnamed senior officials (`Briefing with Senior Administration Officials
    Previewing …`) is on background."""
    return "background briefing" if kind == "press briefing" and _ANONYMOUS_TITLE.search(title) else kind


_INTERVIEWER = re.compile(r"\b(?i:with)\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})"
                          r"(?:,?\s+(?i:of|from|on)\s+(?P<outlet>[A-Z][^,;|]*?))?\s*(?:[,;|].*)?$")


def _interviewer(title: str, kind: str, officials: list[str], speaking: list[str]) -> Reporter | None:
    """The journalist a title names after `with`, where it names no other kind of event (State's `Secretary Antony J.
    Blinken With Ekaterina Kotrikadze of Dozhd TV`, `… with Stephen Colbert`): the interview's questions are theirs.
    Not an official the document names, nor anyone whose surname labels answers (`A Conversation with Jake
    Sullivan` — `MR. SULLIVAN:`)."""
    if kind not in ("", "interview") or (match := _INTERVIEWER.search(title)) is None:
        return None
    shaped = person_name(match["name"])
    family = fold_name(family_name_of(match["name"]))
    if shaped is None or not shaped[1] or any(fold_name(match["name"]) == fold_name(name) for name in officials) \
            or any(family in fold_name(label).split() for label in speaking):
        return None
    return Reporter(name=match["name"], outlet=(match["outlet"] or "").strip())


def _call_kind(spoken: str, title: str) -> str:
    """The kind the opening turns name (`spoken`); under a title naming a press call, a press briefing unless they
    say it is on background (`… at the press conference tomorrow` is another event)."""
    if not _CALL_KIND.search(title):
        return spoken
    return spoken if spoken.startswith("background") else "press briefing"


def _kind(text: str, titled: bool = True) -> str:
    """The kind of event `text` names; from a title or file name (`titled`), also a doorstep or a statement, and
    `background` alone (in speech it must say `on background` or a background call: `… going on in the background`)."""
    lowered = " ".join(re.split(r"[\W_]+", text.lower()))
    return next((kind for words, kind in _KINDS + (_TITLE_KINDS if titled else ())
                 if (titled or words != "background") and re.search(rf"\b{words}\b", lowered)), "")


def _title_from_path(path: str) -> str:
    stem = PurePath(path).stem
    if match := _FILE_DATE.search(stem):
        stem = stem[match.end():] or stem[: match.start()]
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or PurePath(path).stem
