"""Rendering the model to Markdown pages. Markdown only: HTML lives in `theme_overrides/`.

Every piece of transcript text passes through `escape`, so nothing a transcript says can
become HTML, a link, an attribute list or any other Markdown syntax.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlsplit

from .model import Briefing, Paragraph, RemovedTurn, Speaker, Topic, Turn
from .text import visible

_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>\\`*_{}[]#|~^$%"}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
_LINE_START = re.compile(r"^(?:[-+=>!:]|\d+[.)])")


def escape(text: str) -> str:
    """Literal text for Markdown with extensions: every syntax character becomes an entity, control
    characters are dropped (`text.CONTROLS`), runs of spaces made one.

    Entities survive Markdown untouched and the browser shows the characters as typed;
    line-leading list, quote and heading markers are neutralised too.
    """
    out = _SPECIAL.sub(lambda m: _ENTITIES[m.group()], " ".join(visible(text).split()))
    if match := _LINE_START.match(out):
        first = match.group(0)
        out = f"&#{ord(first[0])};" + out[1:] if not first[0].isdigit() else _escape_number(out)
    return out


def _escape_number(text: str) -> str:
    match = re.match(r"\d+", text)
    assert match is not None
    end = match.end()
    return text[:end] + f"&#{ord(text[end])};" + text[end + 1:]


def escape_html(text: str) -> str:
    """HTML-escape a value MkDocs or Material prints without escaping (page titles in the nav)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def front_matter(title: str, **extra: object) -> str:
    """YAML front matter; the title is HTML-escaped because Material prints it raw in nav and <title>."""
    data = {"title": escape_html(title), **extra}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


TITLE_ID = "title"
"""The id of a generated page's `<h1>`: fixed, as the table of contents would otherwise make
one from the heading's words, which come from transcripts and config files."""


def title_heading(text: str) -> str:
    """A page's `# Title` line, with its fixed id (`TITLE_ID`)."""
    return f"# {escape(text)} {{#{TITLE_ID}}}\n\n"


def long_date(date: dt.date) -> str:
    """`Thursday, 13 October 2022`: unambiguous in every country."""
    return f"{date:%A}, {date.day} {date:%B %Y}"


def short_date(date: dt.date) -> str:
    """`13 Oct 2022`."""
    return f"{date.day} {date:%b %Y}"


def safe_url(url: str) -> str:
    """An http(s) URL fit for a Markdown link target, or empty: other schemes are dropped."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # a malformed host (`https://[`): no link rather than a crashed build
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~-._")


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
    topic chips and question–answer links (`turn_html.turns_html` writes the same as HTML)."""
    if topics is None:
        return "".join(removed_notes(briefing, turn.anchor) + turn_markdown(turn) for turn in briefing.turns)
    speakers = {t.anchor: t.speaker for t in briefing.turns}
    return "".join(removed_notes(briefing, turn.anchor) + turn_markdown(turn, topic_chips(turn, topics))
                   + answer_links(turn, speakers) for turn in briefing.turns)


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


def turn_heading(turn: Turn) -> str:
    """Heading text: who spoke, as resolved; for questions, who asked."""
    if turn.question:
        if turn.speaker.kind == "reporter":
            outlet = f" ({turn.speaker.affiliation})" if turn.speaker.affiliation else ""
            return f"Question from {turn.speaker.name}{outlet}"
        if turn.reporter is None:
            return "Question"
        outlet = f" ({turn.reporter.outlet})" if turn.reporter.outlet else ""
        return f"Question from {turn.reporter.name}{outlet}"
    speaker = turn.speaker
    return f"{speaker.name} — {speaker.role}" if speaker.role else speaker.name


def turn_classes(turn: Turn) -> list[str]:
    """The classes of a turn's heading: `turn`, and `question`, `interpreted-turn` where they apply."""
    return ["turn"] + ["question"] * turn.question + ["interpreted-turn"] * turn.interpreted


def interpreted_badge(turn: Turn) -> str:
    """`Via interpreter`, `Partly via interpreter`, or empty for a turn spoken as it reads."""
    if not turn.interpreted:
        return ""
    return "Via interpreter" if all(p.interpreted for p in turn.paragraphs) else "Partly via interpreter"


def turn_markdown(turn: Turn, chips: str = "") -> str:
    """One turn: `## Heading {#t012 .turn}`, topic chips, an interpretation badge, then its paragraphs."""
    classes = "".join(f" .{c}" for c in turn_classes(turn))
    out = [f"## {escape(turn_heading(turn))} {{#{turn.anchor}{classes} data-speaker={turn.speaker.id} }}\n\n", chips]
    if badge := interpreted_badge(turn):
        out.append(f"*{badge}*{{: .badge-interpreted }}\n\n")
    out.extend(paragraph_markdown(p) for p in turn.paragraphs)
    return "".join(out)


def paragraph_markdown(paragraph: Paragraph) -> str:
    """A paragraph with stage directions set apart as emphasised `.stage` spans."""
    parts = [f"*{escape(s.text)}*{{: .stage }}" if s.stage else escape(s.text) for s in paragraph.segments]
    mark = "\n{: .interpreted }" if paragraph.interpreted else ""
    return " ".join(parts) + mark + "\n\n"


def topic_chips(turn: Turn, topics: Mapping[str, Topic]) -> str:
    """The turn's topics as links to their pages; kept out of the search index (the words are the turn's)."""
    if not turn.topics:
        return ""
    chips = " ".join(f"[{escape(topics[t].title)}](../topics/{t}.md){{: .topic-chip }}" for t in turn.topics)
    return f"{chips}\n{{: .topic-chips data-search-exclude }}\n\n"


def answer_links(turn: Turn, speakers: Mapping[str, Speaker]) -> str:
    """A question's links to its answers, or an answer's link back to its question."""
    if turn.answers:
        links = ", ".join(f"[{escape(name)}](#{a})" for a, name in answered_by(turn, speakers))
        return f"Answered by {links}\n{{: .answer-links data-search-exclude }}\n\n"
    if turn.answer_to:
        return f"[{escape(in_answer(turn, speakers))}](#{turn.answer_to})\n{{: .answer-links data-search-exclude }}\n\n"
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


HOME_LATEST = 50
"""Briefings the home page lists; a larger archive lists them all on one page per year
(`years/<year>.md`). A home page listing 1,137 briefings took Chromium 200–300 ms to lay out."""


def home_page(site_name: str, briefings: Iterable[Briefing]) -> str:
    """The newest briefings, with date, title, location and participants; links to the year pages
    when there are more."""
    ordered = sorted(briefings, key=lambda b: (b.date, b.slug), reverse=True)
    out = [front_matter(site_name), title_heading(site_name)]
    count = len(ordered)
    out.append(f"{count:,} briefing{'s' if count != 1 else ''}, newest first.\n{{: .archive-count }}\n\n")
    out.append("Browse by [speaker](speakers/index.md) or by [topic](topics/index.md).\n{: .archive-browse }\n\n")
    if count > HOME_LATEST:
        years = Counter(b.date.year for b in ordered)
        out.append(f"The {HOME_LATEST} newest are below; all of them by year: "
                   + " · ".join(f"[{year}](years/{year}.md) ({n:,})" for year, n in sorted(years.items(), reverse=True))
                   + "\n{: .archive-years }\n\n")
    out.extend(_listed(b, "") for b in ordered[:HOME_LATEST])
    return "".join(out)


def year_pages(briefings: Iterable[Briefing]) -> dict[str, str]:
    """`years/<year>.md` listing every briefing of the year, newest first, when the home page cannot
    list them all."""
    ordered = sorted(briefings, key=lambda b: (b.date, b.slug), reverse=True)
    if len(ordered) <= HOME_LATEST:
        return {}
    pages: dict[str, list[str]] = {}
    for b in ordered:
        pages.setdefault(str(b.date.year), []).append(_listed(b, "../"))
    return {f"years/{year}.md": front_matter(f"Briefings of {year}") + title_heading(f"Briefings of {year}")
            + f"{len(items):,} briefing{'s' if len(items) != 1 else ''}, newest first. [All years](../index.md)"
            + "\n{: .archive-count }\n\n" + "".join(items)
            for year, items in pages.items()}


def _listed(b: Briefing, up: str) -> str:
    """One briefing in a list: date, linked title, then location and participants."""
    line = f"- **{short_date(b.date)}** · [{escape(b.title)}]({up}briefings/{b.slug}.md)"
    details = [b.location, ", ".join(p.name for p in b.participants)]
    shown = " · ".join(escape(d) for d in details if d)
    return line + (f"  \n  {shown}\n" if shown else "\n")
