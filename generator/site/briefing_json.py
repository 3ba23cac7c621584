"""The model as JSON-ready data, in the versioned schema `briefing.schema.json` describes."""

from __future__ import annotations

from typing import Any

from ..model import Briefing, Paragraph, Segment, Speaker, Turn
from .urls import briefing_url

SCHEMA_VERSION = "2.0"
"""2.0 (issue 16): each turn's words once, nothing said twice. A turn's `text`, `permalink`, `topics` and
`interpreted`, and a paragraph's `text`, are gone: they are derivable (segments joined by a space make a
paragraph, paragraphs joined by a blank line a turn, `url#anchor` the permalink, the paragraphs' topics and
flags the turn's). A turn's `reporter`, `answers` and `answer_to`, a reporter's `given_only`, a paragraph's
`interpreted` and `topics` and a segment's `stage` and `redaction` are left out when null, false or empty.
1.2 (issue 13, additive): the reporter's `given_only`. 1.1 (issue 6, additive): `url`, turn `permalink`,
`topics`, `answers`, `answer_to`; speaker `kind` and `affiliation`; paragraph `topics`; segment `redaction`."""


def briefing_data(briefing: Briefing, site_url: str = "") -> dict[str, Any]:
    """A briefing as plain data: metadata, participants and every turn."""
    url = briefing_url(briefing, site_url)
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
        "turns": [turn_data(t) for t in briefing.turns],
    }


def speaker_data(speaker: Speaker) -> dict[str, Any]:
    return {"id": speaker.id, "name": speaker.name, "role": speaker.role, "resolved": speaker.resolved,
            "kind": speaker.kind, "affiliation": speaker.affiliation}


def turn_data(turn: Turn) -> dict[str, Any]:
    """A turn: its anchor, label, line, speaker and question flag, its reporter and question–answer links when
    it has them, and its paragraphs (its topics and interpretation are theirs)."""
    data: dict[str, Any] = {"anchor": turn.anchor, "label": turn.label, "line": turn.line,
                            "speaker": speaker_data(turn.speaker), "question": turn.question}
    if turn.reporter is not None:
        data["reporter"] = {"name": turn.reporter.name, "outlet": turn.reporter.outlet}
        if turn.reporter.given_only:
            data["reporter"]["given_only"] = True
    if turn.answers:
        data["answers"] = list(turn.answers)
    if turn.answer_to:
        data["answer_to"] = turn.answer_to
    data["paragraphs"] = [paragraph_data(p) for p in turn.paragraphs]
    return data


def paragraph_data(paragraph: Paragraph) -> dict[str, Any]:
    """A paragraph's line, its segments (the words), and its interpretation flag and topics when set."""
    data: dict[str, Any] = {"line": paragraph.line, "segments": [segment_data(s) for s in paragraph.segments]}
    if paragraph.interpreted:
        data["interpreted"] = True
    if paragraph.topics:
        data["topics"] = list(paragraph.topics)
    return data


def segment_data(segment: Segment) -> dict[str, Any]:
    data: dict[str, Any] = {"text": segment.text}
    if segment.stage:
        data["stage"] = True
    if segment.redaction:
        data["redaction"] = True
    return data
