"""What the pages of many briefings need to know about each one: a small summary, not the briefing.

Home, year, speaker, outlet and topic pages, the data index and the feed each list briefings; a build
keeps one `Summary` per briefing (a few hundred bytes: who spoke how much, which topics, counts) and
reads the bulky parts (a speaker's turns in that briefing, a topic's passages) from the briefing's
cache entry only when the page listing them is written (`site/published.py`). So a build's memory
does not grow with the archive's words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..model import Briefing, Participant, Speaker, Turn
from ..text import fold_name, slugify


@dataclass(frozen=True, slots=True)
class SpeakerTurns:
    """One identity with a page, in one briefing: how many turns, how many words, on which topics."""

    speaker: Speaker
    turns: int
    words: int
    topics: tuple[tuple[str, int], ...]
    """Topic ids with the number of this speaker's turns tagged with each, in order of first appearance."""


@dataclass(frozen=True, slots=True)
class OutletQuestions:
    """The questions of one outlet's reporters in one briefing (the outlet they asked for then)."""

    outlet: str
    """The key of its group in the briefing's cache entry (`outlet_key`)."""
    name: str
    questions: int
    reporters: tuple[str, ...]
    """Ids of the reporters who asked them."""


@dataclass(frozen=True, slots=True)
class TopicTurns:
    """One topic in one briefing: its passages (tagged paragraphs) and who spoke the turns holding them."""

    topic: str
    passages: int
    speakers: tuple[tuple[Speaker, int], ...]
    """Each speaker of a tagged turn, with their number of tagged turns, in order of first appearance."""
    first: str = ""
    """The anchor of the first tagged turn."""
    beside: str = ""
    """The other topics of its passages, each with the number of passages holding both, by topic id, in one
    string (`economy 3 trade 1`, read by `beside`): a build keeps every briefing's summary to its end, and
    as pairs of objects these counts were half of a summary's memory."""

    @property
    def turns(self) -> int:
        return sum(n for _, n in self.speakers)


@dataclass(frozen=True, slots=True)
class Summary:
    """A briefing as the pages of many briefings see it."""

    entry: str
    """The key of the briefing's cache entry, where its pages and parts are (`site/published.py`)."""
    slug: str
    source: str
    title: str
    date: dt.date
    kind: str
    location: str
    participants: tuple[Participant, ...]
    former_slugs: tuple[str, ...]
    turns: int
    speakers: tuple[SpeakerTurns, ...]
    """Identities with a page, in order of first turn."""
    paragraphs: int
    """Paragraphs in all its turns (a topic's share of the briefing is its passages over these)."""
    outlets: tuple[OutletQuestions, ...]
    topics: tuple[TopicTurns, ...]
    others: tuple[tuple[Speaker, int], ...] = ()
    """Speakers without a page (anonymous officials, roles), one per name as `fold_name` compares names,
    with their turns, in order of first turn (the speakers index counts them)."""


class Interned:
    """Shares what summaries repeat: one object per distinct speaker, one string per topic id and anchor, one
    tuple per distinct list of counts (`((Jen Psaki, 2),)` stands in thousands of briefings), however many
    briefings name them (what keeps a build's memory flat as the archive grows). The topics' `beside` counts are
    left out: only related topics read them, from the summaries as stored (`topic_pages.related_topics`); held,
    a string per briefing and topic, they were half of what a build held of its summaries (30 MB at 10,000)."""

    def __init__(self) -> None:
        self._speakers: dict[Speaker, Speaker] = {}
        self._counts: dict[tuple[tuple[Any, int], ...], tuple[tuple[Any, int], ...]] = {}
        self._topics: dict[TopicTurns, TopicTurns] = {}

    def __call__(self, summary: Summary) -> Summary:
        speaker, counts = self._speaker, self._shared
        return dataclasses.replace(
            summary,
            speakers=tuple(SpeakerTurns(speaker(c.speaker), c.turns, c.words,
                                        counts(tuple((sys.intern(t), n) for t, n in c.topics)))
                           for c in summary.speakers),
            outlets=tuple(OutletQuestions(sys.intern(c.outlet), c.name, c.questions, tuple(map(sys.intern, c.reporters)))
                          for c in summary.outlets),
            topics=tuple(self._topic(TopicTurns(sys.intern(c.topic), c.passages,
                                                counts(tuple((speaker(s), n) for s, n in c.speakers)), sys.intern(c.first)))
                         for c in summary.topics),
            others=counts(tuple((speaker(s), n) for s, n in summary.others)))

    def _speaker(self, speaker: Speaker) -> Speaker:
        return self._speakers.setdefault(speaker, speaker)

    def _topic(self, counts: TopicTurns) -> TopicTurns:
        """One object per distinct topic count (a topic, its passages, who spoke them, the first turn's anchor):
        at 10,000 White House briefings, 70,000 distinct among 245,000 (12 MB less)."""
        return self._topics.setdefault(counts, counts)

    def _shared(self, counts: tuple[tuple[Any, int], ...]) -> Any:
        return self._counts.setdefault(counts, counts)


def lean(summary: Summary) -> Summary:
    """The summary as a build keeps it once the pages listing many briefings are made: what its briefing's page,
    the search index's listing, the open data and the offline bundle read (entry, slug, title, date, kind,
    turns…), without its speakers, outlets, participants and topics."""
    return dataclasses.replace(summary, participants=(), speakers=(), outlets=(), topics=(), others=())


def beside(counts: TopicTurns) -> dict[str, int]:
    """The other topics of a topic's passages in one briefing, each with the number of passages holding both."""
    words = counts.beside.split()
    return dict(zip(words[::2], map(int, words[1::2]), strict=True))


def outlet_key(speaker: Speaker) -> str:
    """The key of a reporter's outlet (its questions' group in the cache entry), empty when unknown."""
    return slugify(speaker.affiliation) if speaker.kind == "reporter" and speaker.affiliation else ""


def words(turn: Turn) -> int:
    """How many words a turn holds (what a speaker page counts)."""
    return len(turn.text.split())


def by_speaker(briefing: Briefing) -> dict[str, list[Turn]]:
    """The turns of each identity with a page, by id, in order of first turn."""
    grouped: dict[str, list[Turn]] = {}
    for turn in briefing.turns:
        if turn.speaker.has_page:
            grouped.setdefault(turn.speaker.id, []).append(turn)
    return grouped


def by_outlet(briefing: Briefing) -> dict[str, list[Turn]]:
    """The turns of reporters with a known outlet, by outlet id, in order."""
    grouped: dict[str, list[Turn]] = {}
    for turn in briefing.turns:
        if turn.speaker.has_page and (outlet := outlet_key(turn.speaker)):
            grouped.setdefault(outlet, []).append(turn)
    return grouped


def summarize(briefing: Briefing, entry: str) -> Summary:
    """The summary of a briefing as published (speakers resolved, topics tagged)."""
    speakers = tuple(
        SpeakerTurns(turns[0].speaker, len(turns), sum(words(t) for t in turns),
                     tuple(Counter(topic for t in turns for topic in t.topics).items()))
        for turns in by_speaker(briefing).values())
    outlets = tuple(OutletQuestions(outlet, turns[0].speaker.affiliation, len(turns),
                                    tuple(dict.fromkeys(t.speaker.id for t in turns)))
                    for outlet, turns in by_outlet(briefing).items())
    return Summary(entry=entry, slug=briefing.slug, source=briefing.source, title=briefing.title, date=briefing.date,
                   kind=briefing.kind, location=briefing.location, participants=briefing.participants,
                   former_slugs=briefing.former_slugs, turns=len(briefing.turns), speakers=speakers,
                   paragraphs=sum(len(t.paragraphs) for t in briefing.turns), outlets=outlets,
                   topics=_topics(briefing), others=_others(briefing))


def _others(briefing: Briefing) -> tuple[tuple[Speaker, int], ...]:
    counts: dict[str, tuple[Speaker, int]] = {}
    for turn in briefing.turns:
        if turn.speaker.kind in ("anonymous", "role"):
            name = fold_name(turn.speaker.name)
            first, n = counts.get(name, (turn.speaker, 0))
            counts[name] = (first, n + 1)
    return tuple(counts.values())


def _topics(briefing: Briefing) -> tuple[TopicTurns, ...]:
    passages: Counter[str] = Counter()
    beside: dict[str, Counter[str]] = {}
    first: dict[str, str] = {}
    tagged: dict[str, dict[str, tuple[Speaker, int]]] = {}
    for turn in briefing.turns:
        for paragraph in turn.paragraphs:
            passages.update(paragraph.topics)
            for topic in paragraph.topics:
                beside.setdefault(topic, Counter()).update(t for t in paragraph.topics if t != topic)
        for topic in turn.topics:
            first.setdefault(topic, turn.anchor)
            counts = tagged.setdefault(topic, {})
            counts[turn.speaker.id] = (turn.speaker, counts.get(turn.speaker.id, (turn.speaker, 0))[1] + 1)
    return tuple(TopicTurns(topic, passages[topic], tuple(counts.values()), first[topic],
                            " ".join(f"{t} {n}" for t, n in sorted(beside.get(topic, Counter()).items())))
                 for topic, counts in tagged.items())
