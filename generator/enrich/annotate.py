"""The step after parsing: identities from the registry, question–answer links, topic tags.

Parsing stays per file and registry-free; this step applies the archive's configuration
(`content/speakers.yml`, `content/topics.yml`) to every parsed briefing. It runs after any step
that changes anchors, since answer links name anchors.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..errors import ConfigError
from ..model import Briefing
from ..read.askers import spoken
from ..read.identify import Resolver
from ..read.introductions import document_people
from ..read.labels import same_person
from .answers import link_answers
from .outlets import load_outlets
from .registry import Registry, load_registry
from .topics import Vocabulary, load_vocabulary, tag_briefing


def load_config(content_dir: Path, display_dir: str) -> tuple[Registry, Vocabulary, list[ConfigError]]:
    """The registry (with the outlet list) and the vocabulary; a broken file is reported and treated as empty."""
    errors: list[ConfigError] = []
    registry, vocabulary = Registry(), Vocabulary()
    try:
        registry = load_registry(content_dir / "speakers.yml", f"{display_dir}/speakers.yml")
    except ConfigError as exc:
        errors.append(exc)
    try:
        registry = dataclasses.replace(registry, outlets=load_outlets(content_dir / "outlets.yml",
                                                                      f"{display_dir}/outlets.yml"))
    except ConfigError as exc:
        errors.append(exc)
    try:
        vocabulary = load_vocabulary(content_dir / "topics.yml", f"{display_dir}/topics.yml")
    except ConfigError as exc:
        errors.append(exc)
    return registry, vocabulary, errors


def annotate(briefing: Briefing, registry: Registry, vocabulary: Vocabulary) -> Briefing:
    """A parsed briefing with registry identities, answer links and topics."""
    return tag_briefing(link_answers(resolve_speakers(briefing, registry)), vocabulary)


def resolve_speakers(briefing: Briefing, registry: Registry) -> Briefing:
    """The briefing with every turn's speaker resolved again, this time with the registry."""
    person = same_person([t.label for t in briefing.turns])
    said = [dataclasses.replace(spoken(t.label, t.paragraphs), question=t.question) for t in briefing.turns]
    named = document_people(briefing.title, said, briefing.participants)
    resolver = Resolver(briefing.participants + named, registry, briefing.date, briefing.slug)
    reporters = [registry.outlets.canonical(t.reporter) for t in briefing.turns]
    turns = tuple(dataclasses.replace(t, speaker=resolver.resolve(person[t.label], reporter, t.question),
                                      reporter=reporter)
                  for t, reporter in zip(briefing.turns, reporters, strict=True))
    return dataclasses.replace(briefing, turns=turns)
