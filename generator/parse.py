"""The parser: transcript text in, `Briefing` out. Pure: no I/O, no globals mutated."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

from . import marks
from .errors import TranscriptError
from .header import ROLE_WORDS, find_date, parse_header
from .model import Briefing, Paragraph, Reporter, Turn
from .source import Source
from .speakers import Resolver, is_question_label
from .text import clean_line, slugify

_LABEL = re.compile(r"^(?P<label>[^:]{1,60}?)\s?:\s(?P<rest>.*)$|^(?P<only>[^:]{1,60}?)\s?:$")
_BARE_Q = re.compile(r"^(?P<label>Q)(?:\s|\.\s)(?P<rest>\S.*)$")
_CONNECTORS = {"of", "the", "de", "del", "la", "and", "for", "van", "von", "da", "le", "y"}
_TITLE_WORDS = ROLE_WORDS | {"mr", "ms", "mrs", "dr", "question", "interpreter", "operator",
                             "participant", "moderator", "q", "audience", "reporter", "host"}
_NOT_LABELS = {"note", "update", "editor's note", "editors note", "ps", "end", "source", "transcript"}
_FILE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_KINDS = (
    ("background", "background call"), ("gaggle", "gaggle"), ("interview", "interview"),
    ("press availability", "press availability"), ("press conference", "press conference"),
    ("briefing", "press briefing"), ("remarks", "remarks"), ("call", "background call"),
)

_NAME = r"(?P<name>(?!(?:Secretary|Minister|President|Ambassador|General|Mr|Ms|Mrs|Dr)\b)[A-Z][\w'’.-]+(?: (?:de |van |von |del |da |la |le )?[A-Z][\w'’-]+){1,3})"
_OUTLET = r"(?P<outlet>(?:the )?[A-Z0-9][\w.&'’-]*(?: (?:of |the |de |del |la |and |& )?[A-Z0-9][\w.&'’-]*)*)"
_CALLS = (
    re.compile(rf"\b(?:start|begin|go|turn|continue|move on) (?:to|with) {_NAME},? (?:of|from|with|at) {_OUTLET}"),
    re.compile(rf"\bquestion[^.?!]*? (?:from|to|goes to) {_NAME},? (?:of|from|with|at) {_OUTLET}", re.IGNORECASE),
    re.compile(rf"(?:^|[.?!] ){_NAME},? (?:of|from|with|at) {_OUTLET}[.?!]?$"),
    re.compile(rf"\b(?:[Gg]o|[Tt]urn) (?:over )?to {_NAME}(?=[.,!]|$)"),
)
"""How moderators call on reporters: "We'll start with Tracy Wilkinson of the L.A. Times." """


@dataclass(frozen=True)
class _Para:
    line: int
    text: str


def parse(source: Source, slug: str | None = None) -> Briefing:
    """Parse a decoded transcript into a briefing; raise `TranscriptError` naming file and line."""
    paras = _paragraphs(source.body, source.body_line)
    labels = _label_counts(paras)
    first = next((i for i, p in enumerate(paras) if _split_label(p.text, labels)), None)
    if first is None:
        raise TranscriptError(
            "no speaker labels found (expected lines like 'SECRETARY BLINKEN: …' or 'Q …'); "
            "this does not look like a transcript", path=source.path, line=source.body_line,
            fragment=paras[0].text if paras else "",
        )
    header = parse_header([(p.line, p.text) for p in paras[:first]])
    body, end_time = _body(paras[first:], labels)
    resolver = Resolver(header.participants)
    turns = _turns(body, labels, resolver)
    meta = source.meta
    title = str(meta.get("title") or _title_from_path(source.path))
    date = _date(meta.get("date"), source.path, title, header.date)
    return Briefing(
        slug=slug or slugify(str(meta.get("slug") or PurePath(source.path).stem)),
        source=source.path,
        title=title,
        date=date,
        turns=turns,
        participants=header.participants,
        location=str(meta.get("location") or header.location),
        venue=str(meta.get("venue") or header.venue),
        time=str(meta.get("time") or header.time),
        kind=str(meta.get("kind") or _kind(title)),
        source_url=str(meta.get("source_url") or ""),
        extra={str(k): str(v) for k, v in meta.items() if k not in _KNOWN_META} | (
            {"end_time": end_time} if end_time else {}),
    )


_KNOWN_META = {"title", "date", "location", "venue", "time", "kind", "source_url", "slug"}


def _paragraphs(body: str, first_line: int) -> list[_Para]:
    """Split the body into paragraphs: one per line, hard-wrapped lines joined."""
    paras: list[_Para] = []
    previous_blank = True
    for offset, raw in enumerate(body.split("\n")):
        text = clean_line(raw)
        if not text:
            previous_blank = True
            continue
        if paras and not previous_blank and _continues(paras[-1].text, text):
            paras[-1] = _Para(paras[-1].line, paras[-1].text + " " + text)
        else:
            paras.append(_Para(first_line + offset, text))
        previous_blank = False
    return paras


def _continues(previous: str, text: str) -> bool:
    """A line continues the previous one when that one was hard-wrapped mid-sentence."""
    return len(previous) >= 50 and not re.search(r"[.?!:\"”’)\]]$", previous) and not _LABEL.match(text) \
        and not _BARE_Q.match(text)


def _candidate(text: str) -> tuple[str, str] | None:
    if match := _BARE_Q.match(text):
        return match["label"], match["rest"]
    if match := _LABEL.match(text):
        label = (match["label"] or match["only"]).strip()
        return label, (match["rest"] or "").strip()
    return None


def _label_counts(paras: list[_Para]) -> Counter[str]:
    return Counter(c[0] for p in paras if (c := _candidate(p.text)))


def _split_label(text: str, counts: Counter[str]) -> tuple[str, str] | None:
    """`(label, rest)` when the paragraph opens with a speaker label, else None."""
    found = _candidate(text)
    if found is None:
        return None
    label, rest = found
    return (label, rest) if _is_label(label, counts[label]) else None


def _is_label(label: str, count: int) -> bool:
    """Capitals (`MR. PRICE`), or title case led by a title word or seen twice (`Moderator`)."""
    words = label.replace(",", " ").split()
    if not 1 <= len(words) <= 7 or re.search(r"[?!;\"“”()\[\]]", label) or label.lower() in _NOT_LABELS:
        return False
    letters = [c for c in label if c.isalpha()]
    if label == "Q":
        return True
    if all(c.isupper() for c in letters):
        return any(len(w.strip(".,'’")) >= 2 and "." not in w.strip(".") for w in words)
    titled = all(w[:1].isupper() or w in _CONNECTORS for w in words)
    return titled and (words[0].lower().strip(".") in _TITLE_WORDS or count >= 2)


def _body(paras: list[_Para], counts: Counter[str]) -> tuple[list[_Para], str]:
    """Cut the transcript at its end marker, or before trailing web junk; drop time lines."""
    kept: list[_Para] = []
    end_time = ""
    for i, para in enumerate(paras):
        if marks.END.match(para.text):
            end_time = end_time or _time_in(para.text)
            break
        if marks.is_junk(para.text) and not any(_split_label(p.text, counts) for p in paras[i:]):
            break
        if match := marks.TIME.match(para.text):
            end_time = match["time"]
            continue
        kept.append(para)
    return kept, end_time


def _time_in(text: str) -> str:
    match = re.search(r"\d{1,2}:\d{2}\s*[AaPp]\.?\s?[Mm]\.?(?:\s+[A-Z]{2,5})?", text)
    return match.group(0) if match else ""


def _turns(paras: list[_Para], counts: Counter[str], resolver: Resolver) -> tuple[Turn, ...]:
    turns: list[Turn] = []
    label, line, items = "", 0, []  # the turn being read
    reporter: Reporter | None = None

    def close() -> None:
        nonlocal reporter
        if not label or not items:
            return
        question = is_question_label(label)
        paragraphs = _marked(items)
        if not question:
            reporter = _call(paragraphs, reporter)
        turns.append(Turn(
            anchor=f"t{len(turns) + 1:03d}", label=label, speaker=resolver.resolve(label),
            paragraphs=paragraphs, line=line, question=question,
            reporter=reporter if question else None,
        ))

    for para in paras:
        split = _split_label(para.text, counts)
        if split is not None:
            close()
            label, line, items = split[0], para.line, []
            if split[1]:
                items.append(_Para(para.line, split[1]))
        else:
            items.append(para)
    close()
    return tuple(turns)


def _marked(items: list[_Para]) -> tuple[Paragraph, ...]:
    """Turn raw paragraphs into model paragraphs; interpretation carries to the turn's end."""
    out: list[Paragraph] = []
    interpreted = False
    for item in items:
        segments, interpreted = marks.split_marks(item.text, interpreted)
        if segments:
            out.append(Paragraph(segments=segments, line=item.line, interpreted=interpreted))
    return tuple(out)


def _call(paragraphs: tuple[Paragraph, ...], current: Reporter | None) -> Reporter | None:
    """The reporter a moderator's turn calls on; a call for the next question without a name resets."""
    for paragraph in reversed(paragraphs):
        for pattern in _CALLS:
            matches = list(pattern.finditer(paragraph.text))
            if matches:
                found = matches[-1]
                return Reporter(name=found["name"], outlet=_outlet(found.groupdict().get("outlet") or ""))
    if any(re.search(r"\b(?:next|another|last|final) question\b", p.text, re.IGNORECASE) for p in paragraphs):
        return None
    return current


def _outlet(raw: str) -> str:
    """Trim an outlet to its name: stop after a sentence-ending word, drop a leading `the`."""
    words: list[str] = []
    for word in raw.split():
        words.append(word)
        bare = word.rstrip(".")
        if word.endswith(".") and "." not in bare and len(bare) > 2:
            break
    outlet = " ".join(words).rstrip(".,")
    if outlet.endswith(tuple(f" {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")) and "." in outlet:
        outlet += "."  # an abbreviation's own dot, as in `L.A.`
    return re.sub(r"^the ", "", outlet)


def _date(value: object, path: str, title: str, header_date: dt.date | None) -> dt.date:
    """Front matter, else the file name's `YYYY-MM-DD-` prefix, else a date in the title or header."""
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
            raise TranscriptError("front matter date is not a date (use YYYY-MM-DD)", path=path,
                                  fragment=value) from None
    if match := _FILE_DATE.match(PurePath(path).name):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            pass
    found = find_date(title) or header_date
    if found is None:
        raise TranscriptError(
            "no date found: add 'date: YYYY-MM-DD' to the front matter or start the file name with it",
            path=path, line=1,
        )
    return found


def _kind(title: str) -> str:
    lowered = title.lower()
    return next((kind for word, kind in _KINDS if word in lowered), "")


def _title_from_path(path: str) -> str:
    stem = _FILE_DATE.sub("", PurePath(path).stem).strip("-_ ")
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or PurePath(path).stem
