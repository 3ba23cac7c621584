"""The model as JSON-ready data, in the versioned schema `briefing.schema.json` describes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..model import Briefing, Paragraph, Segment, Speaker, Turn, segment_starts
from .urls import briefing_url

SCHEMA_VERSION = "4.0"
"""4.0 (issue 16): each topic once. The briefing's `topics` lists the ids of the topics its paragraphs are tagged
with (in order of first use), and a paragraph's `topics` are numbers in that list: the ids written out on every
paragraph were a tenth of the file (7.4 of 70.3 MB at the 1,137 White House briefings). A turn's `question` is
left out when false, like the other flags.
3.0 (issue 16): each speaker once. The briefing's `speakers` list holds each distinct speaker of its turns
(in order of their first turn), and a turn's `speaker` is its index in that list: the same object was
written out in full on every turn, a fifth of the file.
2.0 (issue 16): each turn's words once, nothing said twice. A turn's `text`, `permalink`, `topics` and
`interpreted`, and a paragraph's `segments`, are gone: they are derivable (paragraphs joined by a blank line
make a turn, `url#anchor` the permalink, the paragraphs' topics and flags the turn's); a paragraph's stage
directions and redactions are `marks`, spans of its `text`. A turn's `reporter`, `answers` and `answer_to`,
a reporter's `given_only`, and a paragraph's `marks`, `interpreted` and `topics` are left out when null,
false or empty.
1.2 (issue 13, additive): the reporter's `given_only`. 1.1 (issue 6, additive): `url`, turn `permalink`,
`topics`, `answers`, `answer_to`; speaker `kind` and `affiliation`; paragraph `topics`; segment `redaction`."""


def briefing_data(briefing: Briefing, site_url: str = "") -> dict[str, Any]:
    """A briefing as plain data: metadata, participants and every turn."""
    url = briefing_url(briefing, site_url)
    numbered = speaker_numbers(briefing.turns)
    topics = topic_numbers(briefing.turns)
    return {
        "schema_version": SCHEMA_VERSION,
        "slug": briefing.slug,
        "source": briefing.source,
        "title": briefing.title,
        "date": briefing.date.isoformat(),
        "time": briefing.time,
        "kind": briefing.kind,
        "location": briefing.location,
        "venue": briefing.venue,
        "source_url": briefing.source_url,
        "url": url,
        "participants": [{"name": p.name, "role": p.role, "line": p.line} for p in briefing.participants],
        "speakers": [speaker_data(s) for s in numbered],
        "topics": list(topics),
        "turns": [turn_data(t, numbered[t.speaker], topics) for t in briefing.turns],
    }


def speaker_numbers(turns: Iterable[Turn]) -> dict[Speaker, int]:
    """Each distinct speaker of the turns (equal identities once; one whose role or affiliation differs in
    some turn is another), numbered in order of its first turn."""
    numbered: dict[Speaker, int] = {}
    for turn in turns:
        numbered.setdefault(turn.speaker, len(numbered))
    return numbered


def topic_numbers(turns: Iterable[Turn]) -> dict[str, int]:
    """Each topic id the turns' paragraphs are tagged with, numbered in order of first use."""
    numbered: dict[str, int] = {}
    for turn in turns:
        for paragraph in turn.paragraphs:
            for topic in paragraph.topics:
                numbered.setdefault(topic, len(numbered))
    return numbered


def speaker_data(speaker: Speaker) -> dict[str, Any]:
    return {"id": speaker.id, "name": speaker.name, "role": speaker.role, "resolved": speaker.resolved,
            "kind": speaker.kind, "affiliation": speaker.affiliation}


def turn_data(turn: Turn, speaker: int, topics: Mapping[str, int]) -> dict[str, Any]:
    """A turn: its anchor, label, line and speaker (its number in the briefing's `speakers`), its question flag,
    reporter and question–answer links when it has them, and its paragraphs (its topics, numbers in `topics`,
    and interpretation are theirs)."""
    data: dict[str, Any] = {"anchor": turn.anchor, "label": turn.label, "line": turn.line, "speaker": speaker}
    if turn.question:
        data["question"] = True
    if turn.reporter is not None:
        data["reporter"] = {"name": turn.reporter.name, "outlet": turn.reporter.outlet}
        if turn.reporter.given_only:
            data["reporter"]["given_only"] = True
    if turn.answers:
        data["answers"] = list(turn.answers)
    if turn.answer_to:
        data["answer_to"] = turn.answer_to
    data["paragraphs"] = [paragraph_data(p, topics) for p in turn.paragraphs]
    return data


def paragraph_data(paragraph: Paragraph, topics: Mapping[str, int]) -> dict[str, Any]:
    """A paragraph's line and text (stage directions and redactions in place), the spans of its stage
    directions and redactions when it has any, and its interpretation flag and topics (numbers in the
    briefing's `topics`) when set."""
    data: dict[str, Any] = {"line": paragraph.line, "text": paragraph.text}
    if marks := mark_spans(paragraph.segments):
        data["marks"] = marks
    if paragraph.interpreted:
        data["interpreted"] = True
    if paragraph.topics:
        data["topics"] = [topics[t] for t in paragraph.topics]
    return data


def mark_spans(segments: tuple[Segment, ...]) -> list[dict[str, Any]]:
    """Where the stage directions and redactions stand in the paragraph's text (`Paragraph.text`):
    `{"start", "end", "kind"}`, offsets in characters (Unicode code points), end exclusive."""
    return [{"start": start, "end": start + len(segment.text), "kind": "stage" if segment.stage else "redaction"}
            for start, segment in zip(segment_starts(segments), segments, strict=True)
            if segment.stage or segment.redaction]
