"""What `check` reports about identities and topics: advice for an editor, at `file:line`.

Findings are not failures: `check` exits non-zero only on errors (a transcript that cannot be
published, a broken speakers.yml or topics.yml, an alias claimed by two people). Labels seen
only once are `diagnose`'s business; these add what needs the registry and the vocabulary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .diagnose import Finding
from .labels import same_person
from .model import Briefing
from .speakers import label_key
from .topics import Vocabulary


def identity_findings(briefing: Briefing) -> list[Finding]:
    """Automatic identities (labels nothing resolved) and misspelt labels, at their first turn."""
    out: list[Finding] = []
    person = same_person([t.label for t in briefing.turns])
    counts = Counter(label_key(t.label) for t in briefing.turns)
    seen: set[str] = set()
    for turn in briefing.turns:
        key = label_key(turn.label)
        if key in seen:
            continue
        seen.add(key)
        canonical = person[turn.label]
        if label_key(canonical) != key:
            out.append(Finding(briefing.source, turn.line, f"suspicious label, read as {canonical!r}", turn.label))
        elif not turn.question and not turn.speaker.resolved and not turn.speaker.kind and counts[key] > 1:
            out.append(Finding(briefing.source, turn.line, f"automatic identity ({counts[key]} turns): "
                               "add the label to speakers.yml", turn.label))
    return out


def topic_findings(vocabulary: Vocabulary, briefings: Iterable[Briefing]) -> list[Finding]:
    """Topics of the vocabulary that no paragraph of the archive is tagged with."""
    used = {topic for b in briefings for t in b.turns for topic in t.topics}
    return [Finding(vocabulary.source, vocabulary.rules[t.id].line, "topic has no passages", t.id)
            for t in vocabulary.topics if t.id not in used]
