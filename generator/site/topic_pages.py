"""Topic pages and the topics index.

A topic page lists every tagged paragraph (a passage) as an excerpt with the matched terms
highlighted, linking to its turn, grouped by briefing, newest first, and the speakers who spoke
on the topic. Like speaker pages, everything below the heading stays out of the search index.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping, Sequence

from ..model import Briefing, Speaker, Topic
from ..text import slugify
from . import urls
from .listing import Listings, Part, Piece, heading, items, link, placeholder
from .listing import text as html_text
from .markdown import escape, front_matter, short_date, title_heading
from .search_page import search_link
from .speaker_pages import EXCLUDED, SEARCH_BOOST, newest_first, paged, plural, speaker_sections
from .summary import Summary, TopicTurns

WINDOW = 320
"""Characters of a long paragraph shown around its first match."""
TOPIC_PART = "t:"
"""A briefing's passages on a topic's page: `t:<topic id>` in its cache entry."""


def topic_parts(briefing: Briefing, vocabulary: tuple[Topic, ...]) -> dict[str, str]:
    """The briefing's passages on each topic's page: every tagged paragraph, in transcript order, as an
    excerpt linking to its turn, with the terms of the topic (and of its narrower topics) highlighted."""
    path = urls.source(urls.TOPICS, urls.INDEX)
    found: dict[str, list[str]] = {}
    families: dict[str, frozenset[str]] = {}
    for turn in briefing.turns:
        for paragraph in turn.paragraphs:
            for topic in paragraph.topics:
                if (family := families.get(topic)) is None:
                    family = families[topic] = _descendants(topic, vocabulary)
                found.setdefault(topic, []).append(
                    link(urls.relative(path, urls.address(urls.BRIEFINGS, briefing.slug, turn.anchor)),
                         html_text(turn.speaker.name))
                    + ": " + excerpt_with_hits(paragraph.text, {(s, e) for s, e, t in paragraph.hits if t in family}))
    head = heading(f"in-{briefing.slug}", f"{short_date(briefing.date)} · {html_text(briefing.title)}")
    return {TOPIC_PART + topic: head + items(entries) for topic, entries in found.items()}


class Tagged:
    """One topic across the archive: its passages by briefing, newest first, and who spoke them."""

    def __init__(self) -> None:
        self.by_briefing: list[tuple[Summary, TopicTurns]] = []
        self.speakers: Counter[tuple[str, str]] = Counter()
        """Tagged turns by speaker: an identity with a page by id, one without (`SENIOR ADMINISTRATION
        OFFICIAL`) by kind and name, whatever briefing it spoke in."""
        self.named: dict[tuple[str, str], Speaker] = {}
        """The speaker shown for each key: from the newest briefing where they spoke on the topic."""

    def add(self, summary: Summary, counts: TopicTurns) -> None:
        self.by_briefing.append((summary, counts))
        for speaker, turns in counts.speakers:
            key = (speaker.id, "") if speaker.has_page else (speaker.kind, speaker.name)
            self.speakers[key] += turns
            self.named.setdefault(key, speaker)

    @property
    def passages(self) -> int:
        return sum(counts.passages for _, counts in self.by_briefing)

    @property
    def turns(self) -> int:
        return sum(self.speakers.values())


def tagged(summaries: Sequence[Summary]) -> dict[str, Tagged]:
    """Every topic with passages, by id."""
    found: dict[str, Tagged] = {}
    for summary in newest_first(summaries):
        for counts in summary.topics:
            found.setdefault(counts.topic, Tagged()).add(summary, counts)
    return found


def topic_pages(summaries: Sequence[Summary], vocabulary: tuple[Topic, ...], listings: Listings) -> dict[str, str]:
    """`topics/<id>.md` for every topic of the vocabulary, and `topics/index.md`; the lists of speakers
    and passages go to `listings` (see `listing.py`)."""
    found = tagged(summaries)
    pages: dict[str, str] = {}
    for topic in vocabulary:
        path = urls.source(urls.TOPICS, topic.id)
        pages[path] = topic_page(topic, found.get(topic.id, Tagged()), vocabulary, path, listings, pages)
    pages[urls.source(urls.TOPICS, urls.INDEX)] = topics_index(vocabulary, found)
    return pages


def topic_page(topic: Topic, found: Tagged, vocabulary: tuple[Topic, ...], path: str, listings: Listings,
               more: dict[str, str]) -> str:
    """One topic: description, related topics, speakers with counts, then every passage, PAGE_TURNS passages
    a page (`speaker_pages.paged`: the list continues on `<id>.2.md`…)."""
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
    out.append(f"{plural(found.passages, 'passage')} in {plural(found.turns, 'turn')}, "
               f"{plural(len(found.by_briefing), 'briefing')}.\n{{: .topic-counts }}\n\n")
    if not found.by_briefing:
        return "".join(out)
    out.append(f"## Speakers {{#speakers {EXCLUDED} }}\n\n")
    out.append(placeholder(path, "speakers", _speakers(found, topic, path), listings))
    out.append(f"## Passages {{#passages {EXCLUDED} }}\n\n")
    name = sys.intern(TOPIC_PART + topic.id)
    groups: list[tuple[int, Piece]] = [(counts.passages, Part(summary.entry, name)) for summary, counts in found.by_briefing]
    out.append(paged(path, "passages", groups, f"{topic.title}: passages", listings, more))
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


def topics_index(vocabulary: tuple[Topic, ...], found: Mapping[str, Tagged]) -> str:
    """All topics, broader ones first with their narrower ones nested, each with plain counts."""
    out = [front_matter("Topics"), "# Topics\n\n"]
    out.append(f"{plural(len(vocabulary), 'topic')}.\n{{: .archive-count {EXCLUDED} }}\n\n")

    def entry(topic: Topic, depth: int) -> None:
        counts = found.get(topic.id, Tagged())
        out.append("    " * depth + f"- [{escape(topic.title)}]({topic.id}.md) · "
                   f"{plural(counts.passages, 'passage')} in {plural(len(counts.by_briefing), 'briefing')}\n")
        for child in vocabulary:
            if topic.id in child.parents:
                entry(child, depth + 1)

    for topic in vocabulary:
        if not topic.parents:
            entry(topic, 0)
    return "".join(out)


def _speakers(found: Tagged, topic: Topic, path: str) -> str:
    """Who spoke on the topic, in the speakers index's groups (officials, reporters, anonymous officials,
    roles, unresolved labels; unnamed questioners left out): a speaker with a page links to it and to the
    search for their turns on the topic; one without is one row per name."""
    keys = {id(s): k for k, s in found.named.items()}
    out = []
    for label, speakers in speaker_sections(found.named.values()):
        out.append(heading(f"speakers-{slugify(label)}", html_text(label)))
        out.append(items(
            (link(urls.relative(path, urls.address(urls.SPEAKERS, s.id)), html_text(s.name)) if s.has_page
             else html_text(s.name)) + f" — {plural(found.speakers[keys[id(s)]], 'turn')}"
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
