"""Topic pages and the topics index.

A topic page lists every tagged paragraph (a passage) as an excerpt with the matched terms
highlighted, linking to its turn, grouped by briefing, newest first, and the speakers who spoke
on the topic. Like speaker pages, everything below the heading stays out of the search index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..model import Archive, Briefing, Paragraph, Speaker, Topic, Turn
from ..text import slugify
from . import urls
from .listing import Listings, heading, items, link, placeholder
from .listing import text as html_text
from .markdown import escape, front_matter, short_date, title_heading
from .search_page import search_link
from .speaker_pages import EXCLUDED, SEARCH_BOOST, plural, speaker_sections

WINDOW = 320
"""Characters of a long paragraph shown around its first match."""

Passage = tuple[Briefing, Turn, Paragraph]


def passages(briefings: Iterable[Briefing]) -> dict[str, list[Passage]]:
    """Tagged paragraphs by topic id, newest briefing first, in transcript order within a briefing."""
    found: dict[str, list[Passage]] = {}
    for briefing in sorted(briefings, key=lambda b: (b.date, b.slug), reverse=True):
        for turn in briefing.turns:
            for paragraph in turn.paragraphs:
                for topic in paragraph.topics:
                    found.setdefault(topic, []).append((briefing, turn, paragraph))
    return found


def topic_pages(archive: Archive, listings: Listings) -> dict[str, str]:
    """`topics/<id>.md` for every topic of the vocabulary, and `topics/index.md`; the lists of speakers
    and passages go to `listings` (see `listing.py`)."""
    vocabulary = archive.topics
    found = passages(archive.briefings)
    pages = {urls.source(urls.TOPICS, t.id): topic_page(t, found.get(t.id, []), vocabulary, urls.source(urls.TOPICS, t.id),
                                                         listings)
             for t in vocabulary}
    pages[urls.source(urls.TOPICS, urls.INDEX)] = topics_index(vocabulary, found)
    return pages


def topic_page(topic: Topic, tagged: list[Passage], vocabulary: tuple[Topic, ...], path: str, listings: Listings) -> str:
    """One topic: description, related topics, speakers with counts, then every passage."""
    out = [front_matter(topic.title, description=topic.description or f"Topic: {topic.title}",
                        search={"boost": SEARCH_BOOST}), title_heading(topic.title)]
    if topic.description:
        out.append(f"{escape(topic.description)}\n{{: .topic-description }}\n\n")
    by_id = {t.id: t for t in vocabulary}
    related = [("Part of", [by_id[p] for p in topic.parents]),
               ("Narrower", [t for t in vocabulary if topic.id in t.parents])]
    for label, topics in related:
        if topics:
            out.append(f"{label}: " + ", ".join(f"[{escape(t.title)}]({t.id}.md)" for t in topics)
                       + "\n{: .related-topics }\n\n")
    turns = {(b.slug, t.anchor): t for b, t, _ in tagged}
    out.append(f"{plural(len(tagged), 'passage')} in {plural(len(turns), 'turn')}, "
               f"{plural(len({b.slug for b, _, _ in tagged}), 'briefing')}.\n{{: .topic-counts }}\n\n")
    if not tagged:
        return "".join(out)
    out.append(f"## Speakers {{#speakers {EXCLUDED} }}\n\n")
    out.append(placeholder(path, "speakers", _speakers(turns.values(), topic, path), listings))
    out.append(f"## Passages {{#passages {EXCLUDED} }}\n\n")
    family = _descendants(topic.id, vocabulary)
    groups: list[tuple[Briefing, list[str]]] = []
    for briefing, turn, paragraph in tagged:
        if not groups or groups[-1][0] is not briefing:
            groups.append((briefing, []))
        groups[-1][1].append(link(urls.relative(path, urls.address(urls.BRIEFINGS, briefing.slug, turn.anchor)),
                                                  html_text(turn.speaker.name))
                             + ": " + excerpt_with_hits(paragraph.text, {(s, e) for s, e, t in paragraph.hits if t in family}))
    out.append(placeholder(path, "passages", "".join(
        heading(f"in-{b.slug}", f"{short_date(b.date)} · {html_text(b.title)}") + items(entries)
        for b, entries in groups), listings))
    return "".join(out)


def excerpt_with_hits(text: str, hits: set[tuple[int, int]]) -> str:
    """HTML excerpt of `text` around the first of `hits` (`(start, end)` spans), each as `<em class="hit">`."""
    spans = sorted(hits)
    start, end = 0, len(text)
    if len(text) > WINDOW:
        first = spans[0][0] if spans else 0
        start = 0 if first < WINDOW // 4 else text.rfind(" ", 0, first - WINDOW // 4) + 1
        end = min(len(text), start + WINDOW)
        end = text.rfind(" ", start, end) if end < len(text) else end
    out = ["…" if start else ""]
    cursor = start
    for lo, hi in spans:
        if lo < cursor or hi > end:
            continue
        out.append(_escape_keeping_spaces(text[cursor:lo]))
        out.append(f'<em class="hit">{html_text(text[lo:hi])}</em>')
        cursor = hi
    out.append(_escape_keeping_spaces(text[cursor:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)


def topics_index(vocabulary: tuple[Topic, ...], found: dict[str, list[Passage]]) -> str:
    """All topics, broader ones first with their narrower ones nested, each with plain counts."""
    out = [front_matter("Topics"), "# Topics\n\n"]
    out.append(f"{plural(len(vocabulary), 'topic')}.\n{{: .archive-count {EXCLUDED} }}\n\n")

    def entry(topic: Topic, depth: int) -> None:
        tagged = found.get(topic.id, [])
        briefings = len({b.slug for b, _, _ in tagged})
        out.append("    " * depth + f"- [{escape(topic.title)}]({topic.id}.md) · "
                   f"{plural(len(tagged), 'passage')} in {plural(briefings, 'briefing')}\n")
        for child in vocabulary:
            if topic.id in child.parents:
                entry(child, depth + 1)

    for topic in vocabulary:
        if not topic.parents:
            entry(topic, 0)
    return "".join(out)


def _speakers(turns: Iterable[Turn], topic: Topic, path: str) -> str:
    """Who spoke on the topic, in the speakers index's groups (officials, reporters, anonymous officials,
    roles, unresolved labels; unnamed questioners left out): a speaker with a page links to it and to the
    search for their turns on the topic; one without (`SENIOR ADMINISTRATION OFFICIAL`) is one row per
    name, whatever briefing it spoke in."""
    counts: Counter[tuple[str, str]] = Counter()
    shown: dict[tuple[str, str], Speaker] = {}
    for turn in turns:
        speaker = turn.speaker
        key = (speaker.id, "") if speaker.has_page else (speaker.kind, speaker.name)
        counts[key] += 1
        shown.setdefault(key, speaker)
    keys = {id(s): k for k, s in shown.items()}
    out = []
    for label, speakers in speaker_sections(shown.values()):
        out.append(heading(f"speakers-{slugify(label)}", html_text(label)))
        out.append(items(
            (link(urls.relative(path, urls.address(urls.SPEAKERS, s.id)), html_text(s.name)) if s.has_page
             else html_text(s.name)) + f" — {plural(counts[keys[id(s)]], 'turn')}"
            + (" · " + link(search_link(path, speaker=s.id, topic=topic.id), html_text(f"{s.name} on {topic.title}"))
               if s.has_page else "")
            for s in speakers))
    return "".join(out)


def _descendants(topic_id: str, vocabulary: tuple[Topic, ...]) -> frozenset[str]:
    """The topic and every narrower topic under it: their terms are highlighted on its page."""
    family = {topic_id}
    grew = True
    while grew:
        more = {t.id for t in vocabulary if set(t.parents) & family} - family
        family |= more
        grew = bool(more)
    return frozenset(family)


def _escape_keeping_spaces(piece: str) -> str:
    """`html_text` drops outer spaces; a piece between two highlights needs them."""
    if not piece.strip():
        return " " if piece else ""
    lead = " " if piece[0].isspace() else ""
    trail = " " if piece[-1].isspace() else ""
    return lead + html_text(piece) + trail
