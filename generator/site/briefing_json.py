"""The model as JSON-ready data, in the versioned schema `briefing.schema.json` describes."""

from __future__ import annotations

from typing import Any

from ..model import Briefing, Paragraph, Speaker, Turn
from .urls import briefing_url, permalink

SCHEMA_VERSION = "1.2"
"""1.1 (issue 6, additive): `url`, turn `permalink`, `topics`, `answers`, `answer_to`; speaker `kind`
and `affiliation`; paragraph `topics`; segment `redaction`. A 1.0 reader ignoring unknown keys still works."""


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
        "turns": [turn_data(t, briefing, site_url) for t in briefing.turns],
    }


def speaker_data(speaker: Speaker) -> dict[str, Any]:
    return {"id": speaker.id, "name": speaker.name, "role": speaker.role, "resolved": speaker.resolved,
            "kind": speaker.kind, "affiliation": speaker.affiliation}


def turn_data(turn: Turn, briefing: Briefing, site_url: str) -> dict[str, Any]:
    return {
        "anchor": turn.anchor,
        "permalink": permalink(briefing, turn.anchor, site_url),
        "label": turn.label,
        "line": turn.line,
        "speaker": speaker_data(turn.speaker),
        "question": turn.question,
        "reporter": None if turn.reporter is None else {"name": turn.reporter.name, "outlet": turn.reporter.outlet,
                                                         "given_only": turn.reporter.given_only},
        "interpreted": turn.interpreted,
        "topics": list(turn.topics),
        "answers": list(turn.answers),
        "answer_to": turn.answer_to,
        "text": turn.text,
        "paragraphs": [paragraph_data(p) for p in turn.paragraphs],
    }


def paragraph_data(paragraph: Paragraph) -> dict[str, Any]:
    return {
        "line": paragraph.line,
        "text": paragraph.text,
        "interpreted": paragraph.interpreted,
        "topics": list(paragraph.topics),
        "segments": [{"text": s.text, "stage": s.stage, "redaction": s.redaction} for s in paragraph.segments],
    }
