"""A briefing page as Markdown: its head (title, facts, participants, source, corrections) and its
turns, each a heading with a permanent id.

This Markdown is the page of record (`generator pages` writes it for other engines); the build
writes the turns as the HTML Python-Markdown makes of them (`turns_html.py`), which is faster.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Briefing, Paragraph, RemovedTurn, Speaker, Topic, Turn, joined_segments
from . import urls
from .markdown import escape, front_matter, long_date, safe_url, short_date, title_heading


def briefing_page(briefing: Briefing, topics: Mapping[str, Topic] | None = None) -> str:
    """The briefing's page: metadata, participants, then one heading with a permanent id per turn.

    With the vocabulary's `topics`, each turn gets topic chips and question–answer links.
    """
    return briefing_head(briefing) + turns_markdown(briefing, topics)


def briefing_head(briefing: Briefing) -> str:
    """What a briefing page shows above its turns: title, facts, participants, source, corrections."""
    out = [front_matter(briefing.title, description=_description(briefing)), title_heading(briefing.title)]
    out.append(" · ".join(escape(f) for f in briefing_facts(briefing) if f) + "\n{: .briefing-meta }\n\n")
    if briefing.participants:
        out.append("**Participants**\n{: .participants-title }\n\n")
        out.extend(f"- **{escape(p.name)}**, {escape(p.role)}\n" for p in briefing.participants)
        out.append("\n")
    if url := safe_url(briefing.source_url):
        out.append(f"[Original transcript]({url}){{: .source-link rel=nofollow }}\n\n")
    out.append(corrections_notice(briefing))
    return "".join(out)


def turns_markdown(briefing: Briefing, topics: Mapping[str, Topic] | None = None) -> str:
    """Every turn, each after the notes of removed turns that now land on it; with `topics`, with its
    topic chips and question–answer links (`turns_html.turns_html` writes the same as HTML)."""
    headings = page_headings(briefing)
    if topics is None:
        return "".join(removed_notes(briefing, turn.anchor) + turn_markdown(turn, heading)
                       for turn, heading in zip(briefing.turns, headings, strict=True))
    speakers = {t.anchor: t.speaker for t in briefing.turns}
    return "".join(removed_notes(briefing, turn.anchor) + turn_markdown(turn, heading, topic_chips(turn, topics))
                   + answer_links(turn, speakers, following)
                   for (turn, following), heading in zip(with_following(briefing), headings, strict=True))


def briefing_facts(briefing: Briefing) -> list[str]:
    """The line under a briefing's title: date, time, location, venue, kind (empty ones included)."""
    return [long_date(briefing.date), briefing.time, briefing.location, briefing.venue, briefing.kind.capitalize()]


def corrections_notice(briefing: Briefing) -> str:
    """Which turns each correction changed, added or removed, and when; then notes of removed
    turns no surviving turn took in."""
    out = []
    for c in briefing.corrections:
        parts = [f"{what} " + ", ".join(f"[{a}](#{a})" for a in anchors)
                 for what, anchors in (("changed", c.changed), ("added", c.added), ("removed", c.removed)) if anchors]
        out.append(f"Corrected on {short_date(c.date)}: " + "; ".join(parts) + ".\n{: .correction }\n\n")
    anchors = {t.anchor for t in briefing.turns}
    orphans = "".join(_removed_note(r) for r in briefing.removed if r.target not in anchors)
    return "".join(out) + orphans


def removed_notes(briefing: Briefing, anchor: str) -> str:
    """The anchors of removed turns that now land on the turn `anchor`, each as a visible note."""
    return "".join(_removed_note(r) for r in landing_on(briefing, anchor))


def landing_on(briefing: Briefing, anchor: str) -> list[RemovedTurn]:
    """The removed turns whose anchors now land on the turn `anchor`, in the lock's order."""
    return [r for r in briefing.removed if r.target == anchor]


def _removed_note(removed: RemovedTurn) -> str:
    return f"{escape(removed_text(removed))}\n{{: #{removed.anchor} .removed-turn }}\n\n"


def removed_text(removed: RemovedTurn) -> str:
    """The note where a removed turn's anchor now lands."""
    when = f" on {short_date(removed.date)}" if removed.date else ""
    return (f"The turn formerly at this link ({removed.label}, {removed.anchor}) was removed in a "
            f"correction{when}. The nearest turn follows.")


def turn_heading(turn: Turn, role: bool = True) -> str:
    """Heading text: who spoke, as resolved, with their role unless `role` is false; for questions, who asked
    (`Turn.asker`)."""
    if turn.question:
        asker = turn.asker
        if asker is None:
            return "Question"
        if not asker.name:  # `AFP:`, or `Bloomberg, go ahead.`: the outlet alone
            return f"Question from {asker.outlet}"
        return f"Question from {asker.name}" + (f" ({asker.outlet})" if asker.outlet else "")
    speaker = turn.speaker
    return f"{speaker.name} — {speaker.role}" if speaker.role and role else speaker.name


def page_headings(briefing: Briefing) -> list[str]:
    """Each turn's heading as the briefing's page shows it: a speaker's role at the first turn they speak in it,
    their name alone at the next ones, as a transcript names them (`MS. PSAKI:`). On the 1,137 White House
    briefings 51,356 headings repeated a role (1.8 MB); the search's results and the citations still give it."""
    seen: set[tuple[str, str]] = set()
    out = []
    for turn in briefing.turns:
        who = (turn.speaker.name, turn.speaker.role)
        out.append(turn_heading(turn, role=who not in seen))
        if not turn.question:  # a question's heading names who asked, never the speaker's role
            seen.add(who)
    return out


def turn_classes(turn: Turn) -> list[str]:
    """The classes of a turn's heading: `turn`, and `question`, `answer`, `interpreted-turn` where they apply
    (the page's table of contents leaves the answers out: `turn-toc.js`)."""
    return (["turn"] + ["question"] * turn.question + ["answer"] * bool(turn.answer_to)
            + ["interpreted-turn"] * turn.interpreted)


def interpreted_badge(turn: Turn) -> str:
    """`Via interpreter`, `Partly via interpreter`, or empty for a turn spoken as it reads."""
    if not turn.interpreted:
        return ""
    return "Via interpreter" if all(p.interpreted for p in turn.paragraphs) else "Partly via interpreter"


def turn_markdown(turn: Turn, heading: str, chips: str = "") -> str:
    """One turn: `## Heading {#t012 .turn}` (`heading`: `page_headings`), topic chips, an interpretation badge,
    then its paragraphs."""
    classes = "".join(f" .{c}" for c in turn_classes(turn))
    out = [f"## {escape(heading)} {{#{turn.anchor}{classes} }}\n\n", chips]
    if badge := interpreted_badge(turn):
        out.append(f"*{badge}*{{: .badge-interpreted }}\n\n")
    out.extend(paragraph_markdown(p) for p in turn.paragraphs)
    return "".join(out)


def paragraph_markdown(paragraph: Paragraph) -> str:
    """A paragraph with stage directions set apart as emphasised `.stage` spans."""
    parts = [f"*{escape(s.text)}*{{: .stage }}" if s.stage else escape(s.text) for s in paragraph.segments]
    mark = "\n{: .interpreted }" if paragraph.interpreted else ""
    return joined_segments(parts, paragraph.segments) + mark + "\n\n"


def topic_chips(turn: Turn, topics: Mapping[str, Topic]) -> str:
    """The turn's topics as links to their pages (`chip_topics`). Like the answer links, not marked
    `data-search-exclude`: no search reads a briefing page's HTML (the indexes take its turns from the model,
    `site/search_index.py`), and on 1,137 White House pages the mark weighed 3.6 MB."""
    shown = chip_topics(turn, topics)
    if not shown:
        return ""
    chips = " ".join(f"[{escape(topics[t].title)}]({urls.from_folder(urls.BRIEFINGS, urls.source(urls.TOPICS, t))})"
                     for t in shown)
    return f"{chips}\n{{: .topic-chips }}\n\n"


def chip_topics(turn: Turn, topics: Mapping[str, Topic]) -> list[str]:
    """The topics a turn shows as chips: its own, but for those a narrower one of them implies (a turn on
    fentanyl shows Fentanyl, not Illicit drugs as well), and only topics of the vocabulary. The topic pages
    still count it under both."""
    implied = {a for t in turn.topics for a in ancestors(t, topics)}
    return [t for t in turn.topics if t not in implied and t in topics]


def ancestors(topic: str, topics: Mapping[str, Topic]) -> set[str]:
    """Every broader topic above `topic` (its parents, theirs, …)."""
    found: set[str] = set()
    todo = list(topics[topic].parents) if topic in topics else []
    while todo:
        parent = todo.pop()
        if parent not in found:
            found.add(parent)
            todo.extend(topics[parent].parents if parent in topics else ())
    return found


def with_following(briefing: Briefing) -> list[tuple[Turn, str]]:
    """Each turn with the anchor of the turn after it (empty for the last)."""
    turns = briefing.turns
    return [(turn, turns[i + 1].anchor if i + 1 < len(turns) else "") for i, turn in enumerate(turns)]


def answered_next(turn: Turn, following: str) -> bool:
    """Whether the question's one answer is the turn right after it: its heading, the next line on the page,
    already says who answered, so the question gets no "Answered by" line (on 1,137 White House briefings,
    46,248 of 48,202 such lines, 3.5 MB). The answer still links back to it, for a reader landing there."""
    return len(turn.answers) == 1 and turn.answers[0] == following


def answer_links(turn: Turn, speakers: Mapping[str, Speaker], following: str = "") -> str:
    """A question's links to its answers (none when its one answer follows it: `answered_next`), or an
    answer's link back to its question. `following`: the anchor of the turn after `turn`."""
    if turn.answers:
        if answered_next(turn, following):
            return ""
        links = ", ".join(f"[{escape(name)}](#{a})" for a, name in answered_by(turn, speakers))
        return f"Answered by {links}\n{{: .answer-links }}\n\n"
    if turn.answer_to:
        return f"[{escape(in_answer(turn, speakers))}](#{turn.answer_to})\n{{: .answer-links }}\n\n"
    return ""


def answered_by(turn: Turn, speakers: Mapping[str, Speaker]) -> list[tuple[str, str]]:
    """A question's answers: `(anchor, speaker's name)` each."""
    return [(a, speakers[a].name) for a in turn.answers]


def in_answer(turn: Turn, speakers: Mapping[str, Speaker]) -> str:
    """An answer's link text back to its question."""
    asker = speakers[turn.answer_to]
    return "In answer to the question" + (f" from {asker.name}" if asker.kind == "reporter" else "")


def _description(briefing: Briefing) -> str:
    where = f", {briefing.location}" if briefing.location else ""
    return f"Transcript, {long_date(briefing.date)}{where}: {len(briefing.turns)} turns."


