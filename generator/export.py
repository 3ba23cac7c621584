"""The model as JSON-ready data, in the versioned schema `briefing.schema.json` describes."""

from __future__ import annotations

from typing import Any

from .model import Briefing, Paragraph, Speaker, Turn

SCHEMA_VERSION = "1.0"


def briefing_data(briefing: Briefing) -> dict[str, Any]:
    """A briefing as plain data: metadata, participants and every turn."""
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
        "participants": [{"name": p.name, "role": p.role, "line": p.line} for p in briefing.participants],
        "turns": [turn_data(t) for t in briefing.turns],
    }


def speaker_data(speaker: Speaker) -> dict[str, Any]:
    return {"id": speaker.id, "name": speaker.name, "role": speaker.role, "resolved": speaker.resolved}


def turn_data(turn: Turn) -> dict[str, Any]:
    return {
        "anchor": turn.anchor,
        "label": turn.label,
        "line": turn.line,
        "speaker": speaker_data(turn.speaker),
        "question": turn.question,
        "reporter": None if turn.reporter is None else {"name": turn.reporter.name, "outlet": turn.reporter.outlet},
        "interpreted": turn.interpreted,
        "text": turn.text,
        "paragraphs": [paragraph_data(p) for p in turn.paragraphs],
    }


def paragraph_data(paragraph: Paragraph) -> dict[str, Any]:
    return {
        "line": paragraph.line,
        "text": paragraph.text,
        "interpreted": paragraph.interpreted,
        "segments": [{"text": s.text, "stage": s.stage} for s in paragraph.segments],
    }
