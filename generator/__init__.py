"""Briefing transcripts in, a static searchable archive out."""

from __future__ import annotations

__version__ = "0.1.0"
