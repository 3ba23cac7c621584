"""The archive's one model: frozen dataclasses built by the parser and read by everything else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .errors import GeneratorError


@dataclass(frozen=True)
class Speaker:
    """A resolved identity behind a label."""

    id: str
    """Stable slug, used in URLs and exports."""
    name: str
    """Display name (`Antony J. Blinken`), or the label as printed when nothing resolved it."""
    role: str = ""
    """Role at the time of the briefing (`Secretary of State`), empty when unknown."""
    resolved: bool = False
    """True when the name came from a participant list or registry rather than the bare label."""
    kind: str = ""
    """`official`, `reporter`, `anonymous` (never guessed, scoped to one briefing), `role`
    (moderator, operator, interpreter), `questioner` (a question nobody introduced), or empty."""
    affiliation: str = ""
    """Government and country for officials, outlet for reporters; empty when unknown."""

    @property
    def has_page(self) -> bool:
        """True for identities followed across briefings; anonymous officials, roles and unnamed questioners are not."""
        return self.kind not in ("anonymous", "role", "questioner")


@dataclass(frozen=True)
class Segment:
    """A run of a paragraph's text: speech, a stage direction such as `(Laughter.)`, or a
    redaction such as `[senior administration official]` (text kept, styled apart)."""

    text: str
    stage: bool = False
    redaction: bool = False
    joined: bool = False
    """Printed against the segment before it, with no space between (`(inaudible)?`, `(Laughter.),`)."""


def joined_segments(parts: Sequence[str], segments: Sequence[Segment]) -> str:
    """`parts` (each segment's text as written out) joined as the segments stood: by a space, or by nothing
    before a segment printed against the one before it."""
    return "".join(part if k == 0 or segment.joined else f" {part}"
                   for k, (part, segment) in enumerate(zip(parts, segments, strict=True)))


def segment_starts(segments: Sequence[Segment], length: Callable[[str], int] = len) -> list[int]:
    """Where each segment starts in the paragraph's text (`Paragraph.text`), its lengths measured by `length`."""
    starts, at = [], 0
    for k, segment in enumerate(segments):
        at += 0 if k == 0 or segment.joined else 1
        starts.append(at)
        at += length(segment.text)
    return starts


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a turn, in order, with interpretation taken out of the text proper."""

    segments: tuple[Segment, ...]
    line: int
    """1-based line in the source file where the paragraph starts."""
    interpreted: bool = False
    topics: tuple[str, ...] = ()
    """Ids of the vocabulary topics the paragraph is tagged with, in vocabulary order."""
    hits: tuple[tuple[int, int, str], ...] = field(default=(), repr=False)
    """Of a tagged paragraph: where the vocabulary's terms occur in `text`, `(start, end, topic id)`,
    found while tagging; topic pages highlight them without matching again."""

    @property
    def text(self) -> str:
        """Plain text, stage directions kept in place."""
        return joined_segments([s.text for s in self.segments], self.segments)


@dataclass(frozen=True)
class Reporter:
    """The journalist a moderator called on, and their outlet when named."""

    name: str
    """As called (`Nick Wadhams`, `Zeke`); empty when only the outlet was called (`Bloomberg, go ahead.`)."""
    outlet: str = ""
    """As printed, or the outlet's name in `content/outlets.yml` when listed there."""
    given_only: bool = False
    """Called by a given name alone (`Go ahead, Zeke.`): shown on the turn, no reporter page unless
    `speakers.yml` resolves it."""


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted contribution; the unit of anchors, search entries and citations."""

    anchor: str
    """Permanent fragment id (`t012`) within the briefing page."""
    label: str
    """Speaker label exactly as printed, without the colon (`SECRETARY BLINKEN`, `Q`)."""
    speaker: Speaker
    paragraphs: tuple[Paragraph, ...]
    line: int
    question: bool = False
    """True for reporters' turns (`QUESTION:`, `Q`)."""
    reporter: Reporter | None = None
    """Who asked, for questions whose reporter a moderator introduced."""
    answers: tuple[str, ...] = ()
    """For a question: anchors of the turns answering it, up to the next question or moderator call."""
    answer_to: str = ""
    """For an answer: the anchor of the question it answers."""

    @property
    def asker(self) -> Reporter | None:
        """Who asked a question, as far as the archive knows: the reporter its label or the registry
        names, else the one a moderator called on; None for a question nobody introduced, and for
        every turn that is no question. The one place that decides it."""
        if not self.question:
            return None
        if self.speaker.kind == "reporter":
            return Reporter(self.speaker.name, self.speaker.affiliation)
        return self.reporter

    @property
    def topics(self) -> tuple[str, ...]:
        """The union of the paragraphs' topics, first appearance first."""
        return tuple(dict.fromkeys(t for p in self.paragraphs for t in p.topics))

    @property
    def interpreted(self) -> bool:
        """True when any paragraph was delivered through an interpreter."""
        return any(p.interpreted for p in self.paragraphs)

    @property
    def text(self) -> str:
        """The turn's plain text, paragraphs separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Topic:
    """A subject of the controlled vocabulary (`content/topics.yml`)."""

    id: str
    title: str
    description: str = ""
    parents: tuple[str, ...] = ()
    """Ids of broader topics (`drugs` for `fentanyl`); a tagged paragraph counts for them too."""


@dataclass(frozen=True)
class Participant:
    """A header line naming someone on the podium."""

    name: str
    role: str
    line: int


@dataclass(frozen=True)
class Correction:
    """One correction of a published transcript, as recorded in its anchor lock."""

    date: dt.date
    changed: tuple[str, ...] = ()
    """Anchors of surviving turns whose text or label changed."""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemovedTurn:
    """The anchor of a turn a correction removed, and the surviving turn it now lands on."""

    anchor: str
    target: str
    label: str
    date: dt.date | None = None
    """When the correction removed it; None when only a parser change dropped it."""


@dataclass(frozen=True)
class Briefing:
    """One transcript: metadata and turns."""

    slug: str
    """URL segment of the briefing page, unique in the archive."""
    source: str
    """Path of the transcript file, as given to the parser (for messages)."""
    title: str
    date: dt.date
    turns: tuple[Turn, ...]
    participants: tuple[Participant, ...] = ()
    location: str = ""
    venue: str = ""
    time: str = ""
    """Start time as printed (`2:06 p.m. EST`), empty when not given."""
    kind: str = ""
    """Kind of event: press briefing, press availability, interview, background call, gaggle, remarks."""
    source_url: str = ""
    corrections: tuple[Correction, ...] = ()
    """From the anchor lock, oldest first (`generator/enrich/locks.py`)."""
    removed: tuple[RemovedTurn, ...] = ()
    former_slugs: tuple[str, ...] = ()
    """Slugs the briefing had before a rename; their URLs redirect to the current page."""
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    """Front-matter keys the generator does not interpret, kept for exports."""

    @property
    def speakers(self) -> tuple[Speaker, ...]:
        """Distinct speakers in order of first appearance, questions excluded."""
        seen: dict[str, Speaker] = {}
        for turn in self.turns:
            if not turn.question:
                seen.setdefault(turn.speaker.id, turn.speaker)
        return tuple(seen.values())


@dataclass(frozen=True)
class Role:
    """A title held, optionally from one date to another (`to` exclusive)."""

    title: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds(self, date: dt.date) -> bool:
        """True when the role was held on `date`."""
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True)
class Alias:
    """A label form or name that means one person, always, for a date range or for named briefings."""

    key: str
    """The folded form (`label_key`): case, accents, dots and spaces do not matter."""
    text: str
    line: int
    start: dt.date | None = None
    end: dt.date | None = None
    briefings: tuple[str, ...] = ()

    def holds(self, date: dt.date, slug: str) -> bool:
        """True when the alias means its person in the briefing `slug` of `date`."""
        if self.briefings:
            return slug in self.briefings
        return Role("", self.start, self.end).holds(date)

    def overlaps(self, other: Alias) -> bool:
        """True when both could hold in some briefing."""
        if self.briefings or other.briefings:
            if self.briefings and other.briefings:
                return bool(set(self.briefings) & set(other.briefings))
            return True
        lo = max((d for d in (self.start, other.start) if d), default=None)
        hi = min((d for d in (self.end, other.end) if d), default=None)
        return lo is None or hi is None or lo < hi


@dataclass(frozen=True)
class Person:
    """One registry entry."""

    id: str
    name: str
    kind: str
    affiliation: str
    roles: tuple[Role, ...]
    aliases: tuple[Alias, ...]
    line: int
    name_parts: tuple[tuple[str, str], ...] = ()
    """How citations split the name, when `speakers.yml` says (`family`, `given`, `suffix`,
    `dropping-particle`, `non-dropping-particle`, CSL's name fields); else a name parser decides."""

    def role_on(self, date: dt.date) -> str:
        """The title held on `date`, the latest-starting one when several held; empty if none."""
        held = [r for r in self.roles if r.holds(date)]
        held.sort(key=lambda r: r.start or dt.date.min)
        return held[-1].title if held else ""


@dataclass(frozen=True)
class Outlet:
    """One entry of `content/outlets.yml`: a news organisation and the names it is called by."""

    id: str
    """The outlet page's URL segment (`outlets/<id>.html`)."""
    name: str
    aliases: tuple[str, ...] = ()
    """Other forms as printed (`AP`, `the AP`, `L.A. Times`); matching ignores case, dots and a leading `the`."""
    line: int = 0


@dataclass(frozen=True)
class Archive:
    """The published briefings, in file-name order, the errors of the files kept out, and the
    configuration applied to them."""

    briefings: tuple[Briefing, ...]
    errors: tuple[GeneratorError, ...]
    """Transcripts, `speakers.yml` or `topics.yml` that could not be read."""
    people: tuple[Person, ...] = ()
    """The entries of `content/speakers.yml`."""
    topics: tuple[Topic, ...] = ()
    """The topics of `content/topics.yml`, in file order."""
    outlets: tuple[Outlet, ...] = ()
    """The entries of `content/outlets.yml`: the only outlets with a page."""

    def person(self, person_id: str) -> Person | None:
        """The registry entry with this id, if any."""
        return next((p for p in self.people if p.id == person_id), None)
