"""Topic pages and the topics index.

A topic page is a subject's first look: description, broader, narrower and related topics (by shared
passages), counts, activity over time, the speakers who spoke most on it, the briefings where it was
central (each with its best passage), then every briefing with a passage on it. Every passage is one
search away (`search.html?topic=<id>`), so the page never lists them all: its size follows the briefings,
not the words. Pages are built from the briefings' summaries; each briefing's row and best passage are
parts of its cache entry (`site/published.py`). Like speaker pages, everything below the heading stays
out of the search index.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence

from ..model import Briefing, Paragraph, Speaker, Topic, Turn
from ..text import plural, slugify
from . import urls
from .listing import Listed, Listings, Part, Piece, heading, items, link, placeholder
from .listing import text as html_text
from .markdown import escape, front_matter, short_date, title_heading
from .search_page import search_link
from .speaker_pages import EXCLUDED, SEARCH_BOOST, newest_first, paged, speaker_sections
from .summary import Summary, TopicTurns, beside

WINDOW = 320
"""Characters of a long paragraph shown around its first match."""
TOPIC_PART = "t:"
"""A briefing's row in a topic's list of briefings: `t:<topic id>` in its cache entry."""
EXCERPT_PART = "x:"
"""A briefing's best passage on a topic, shown when the topic was central to it: `x:<topic id>`."""
SHOWN_SPEAKERS = 10
"""Speakers listed at once in each group of a topic page; the others are one click away."""
CENTRAL = 10
"""Briefings shown as central to a topic."""
BRIEFINGS_PER_PAGE = 500
"""Rows of a topic's list of briefings per page."""


def topic_parts(briefing: Briefing, vocabulary: tuple[Topic, ...]) -> dict[str, str]:
    """The briefing's parts on each topic's page: its row in the list of briefings (date, title, passages,
    linking to the first tagged turn) and its best passage (the one naming the topic, or a narrower one,
    most often; the first on ties) as an excerpt with those terms highlighted."""
    path = urls.source(urls.TOPICS, urls.INDEX)
    best: dict[str, tuple[int, Turn, Paragraph, frozenset[str]]] = {}
    passages: Counter[str] = Counter()
    first: dict[str, str] = {}
    families: dict[str, frozenset[str]] = {}
    for turn in briefing.turns:
        for paragraph in turn.paragraphs:
            for topic in paragraph.topics:
                if (family := families.get(topic)) is None:
                    family = families[topic] = _descendants(topic, vocabulary)
                passages[topic] += 1
                first.setdefault(topic, turn.anchor)
                named = sum(1 for _, _, t in paragraph.hits if t in family)
                if topic not in best or named > best[topic][0]:
                    best[topic] = (named, turn, paragraph, family)
    title = f"{short_date(briefing.date)} · {html_text(briefing.title)}"
    parts: dict[str, str] = {}
    for topic, (_, turn, paragraph, family) in best.items():
        to = urls.relative(path, urls.address(urls.BRIEFINGS, briefing.slug, first[topic]))
        parts[TOPIC_PART + topic] = f"<li>{link(to, title)} — {plural(passages[topic], 'passage')}</li>\n"
        parts[EXCERPT_PART + topic] = (
            heading(f"central-{briefing.slug}", link(to, title)) + items([
                link(urls.relative(path, urls.address(urls.BRIEFINGS, briefing.slug, turn.anchor)),
                     html_text(turn.speaker.name))
                + ": " + excerpt_with_hits(paragraph.text, {(s, e) for s, e, t in paragraph.hits if t in family})]))
    return parts


class Tagged:
    """One topic across the archive: its passages by briefing, newest first, and who spoke them."""

    def __init__(self) -> None:
        self.summaries: list[Summary] = []
        self.counts: list[TopicTurns] = []
        """The briefings with passages on it, newest first, and the topic's counts in each (two lists: a pair
        per briefing and topic weighed 64 bytes, 15 MB at 10,000 White House briefings)."""
        self.speakers: Counter[tuple[str, str]] = Counter()
        """Tagged turns by speaker: an identity with a page by id, one without (`SENIOR ADMINISTRATION
        OFFICIAL`) by kind and name, whatever briefing it spoke in."""
        self.named: dict[tuple[str, str], Speaker] = {}
        """The speaker shown for each key: from the newest briefing where they spoke on the topic."""

    def add(self, summary: Summary, counts: TopicTurns) -> None:
        self.summaries.append(summary)
        self.counts.append(counts)
        for speaker, turns in counts.speakers:
            key = (speaker.id, "") if speaker.has_page else (speaker.kind, speaker.name)
            self.speakers[key] += turns
            self.named.setdefault(key, speaker)

    @property
    def by_briefing(self) -> Iterator[tuple[Summary, TopicTurns]]:
        return zip(self.summaries, self.counts, strict=True)

    @property
    def briefings(self) -> int:
        return len(self.summaries)

    @property
    def passages(self) -> int:
        return sum(counts.passages for counts in self.counts)

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


def topic_pages(summaries: Sequence[Summary], vocabulary: tuple[Topic, ...], listings: Listed,
                pages: MutableMapping[str, str] | None = None,
                stored: Callable[[Summary], Summary] | None = None) -> MutableMapping[str, str]:
    """`topics/<id>.md` for every topic of the vocabulary, and `topics/index.md`, into `pages` (a new dict by
    default); the lists of speakers and briefings go to `listings` (see `listing.py`). `stored` reads a
    summary back as stored, with its topics' `beside` counts, when `summaries` are held without them
    (`summary.Interned`)."""
    found = tagged(summaries)
    related = related_topics(found, vocabulary, None if stored is None else (stored(s).topics for s in summaries))
    pages = {} if pages is None else pages
    for topic in vocabulary:
        path = urls.source(urls.TOPICS, topic.id)
        made: Listings = {}
        pages[path] = topic_page(topic, found.get(topic.id, Tagged()), vocabulary, related.get(topic.id, []), path,
                                 made, pages)
        listings.update(made)
    pages[urls.source(urls.TOPICS, urls.INDEX)] = topics_index(vocabulary, found)
    return pages


def topic_page(topic: Topic, found: Tagged, vocabulary: tuple[Topic, ...], related: Sequence[Topic], path: str,
               listings: Listings, more: MutableMapping[str, str]) -> str:
    """One topic: description, broader, narrower and related topics, counts, activity over time, the
    speakers who spoke most on it, the briefings where it was central with their best passage, then every
    briefing with its passages (BRIEFINGS_PER_PAGE a page: the list continues on `<id>.2.md`…). Every
    passage is one search away (`search.html?topic=<id>`)."""
    out = [front_matter(topic.title, description=topic.description or f"Topic: {topic.title}",
                        search={"boost": SEARCH_BOOST}), title_heading(topic.title)]
    if topic.description:
        out.append(f"{escape(topic.description)}\n{{: .topic-description }}\n\n")
    by_id = {t.id: t for t in vocabulary}
    for label, topics in [("Part of", [by_id[p] for p in topic.parents]),
                          ("Narrower", [t for t in vocabulary if topic.id in t.parents]),
                          ("Often with", related)]:
        if topics:
            out.append(f"{label}: " + ", ".join(f"[{escape(t.title)}]({t.id}.md)" for t in topics)
                       + f"\n{{: .related-topics {EXCLUDED} }}\n\n")
    out.append(f"{plural(found.passages, 'passage')} in {plural(found.turns, 'turn')}, "
               f"{plural(found.briefings, 'briefing')}.\n{{: .topic-counts }}\n\n")
    if not found.briefings:
        return "".join(out)
    out.append(f"[Search every passage on {escape(topic.title)}]({search_link(path, markdown=True, topic=topic.id)})"
               f"\n{{: .topic-search {EXCLUDED} }}\n\n")
    out.append(f"## Activity {{#activity {EXCLUDED} }}\n\n")
    out.append(placeholder(path, "activity", activity_chart(found, topic, path), listings))
    out.append(f"## Speakers {{#speakers {EXCLUDED} }}\n\n")
    out.append(placeholder(path, "speakers", _speakers(found, topic, path), listings))
    out.append(f"## Central briefings {{#central {EXCLUDED} }}\n\n")
    excerpt = sys.intern(EXCERPT_PART + topic.id)
    out.append(placeholder(path, "central", [Part(summary.entry, excerpt) for summary, _ in central(found)], listings))
    out.append(f"## Briefings {{#briefings {EXCLUDED} }}\n\n")
    row = sys.intern(TOPIC_PART + topic.id)
    rows: list[tuple[int, Piece]] = [(1, Part(summary.entry, row)) for summary in found.summaries]
    out.append(paged(path, "briefings", rows, f"{topic.title}: briefings", listings, more, size=BRIEFINGS_PER_PAGE,
                     wrap=("<ul>\n", "</ul>\n")))
    return "".join(out)


def central(found: Tagged, count: int = CENTRAL) -> list[tuple[Summary, TopicTurns]]:
    """The briefings where the topic was central, most central first: ranked by passages times their share
    of the briefing's paragraphs (many passages in a short briefing beats a few in a long one); a briefing
    with a single passage is central only when no briefing has more."""
    ranked = sorted(found.by_briefing, key=lambda pair: (-pair[1].passages ** 2 / max(pair[0].paragraphs, 1),
                                                         -pair[0].date.toordinal(), pair[0].slug))
    several = [pair for pair in ranked if pair[1].passages > 1]
    return (several or ranked)[:count]


def related_topics(found: Mapping[str, Tagged], vocabulary: tuple[Topic, ...],
                   topics_of: Iterable[Sequence[TopicTurns]] | None = None, count: int = 6) -> dict[str, list[Topic]]:
    """For each topic, the topics its passages most often share, by cosine of their passage counts
    (`both / sqrt(a × b)`, at least 3 passages together); its broader and narrower topics are left out,
    since they are listed apart and tag along by rule. The passages shared are counted from each briefing's
    topics (`topics_of`, with their `beside` counts; by default, those `found` holds), one briefing at a time."""
    by_id = {t.id: t for t in vocabulary}
    families = {t.id: _descendants(t.id, vocabulary) for t in vocabulary}
    shared: dict[str, Counter[str]] = {}
    for topics in topics_of if topics_of is not None else ([counts] for t in found.values() for counts in t.counts):
        for counts in topics:
            if counts.beside:
                shared.setdefault(counts.topic, Counter()).update(beside(counts))
    related: dict[str, list[Topic]] = {}
    passages = {topic_id: tagged.passages for topic_id, tagged in found.items()}
    for topic_id in found:
        if topic_id not in by_id:
            continue
        together = shared.get(topic_id, Counter())
        scores = [(n / math.sqrt(passages[topic_id] * passages[other]), other) for other, n in together.items()
                  if n >= 3 and other in by_id and other not in families[topic_id] and topic_id not in families[other]]
        related[topic_id] = [by_id[other] for _, other in sorted(scores, key=lambda p: (-p[0], p[1]))[:count]]
    return related


def activity_chart(found: Tagged, topic: Topic, path: str) -> str:
    """Passages per month (per year when the topic spans more than six years) as an SVG bar chart, with
    the figures written out below it for screen readers and for reading, each period linking to the search
    for the topic in it."""
    monthly = Counter[tuple[int, int]]()
    for summary, counts in found.by_briefing:
        monthly[(summary.date.year, summary.date.month)] += counts.passages
    start, end = min(monthly), max(monthly)
    if (end[0] - start[0]) * 12 + end[1] - start[1] >= 72:
        yearly = Counter[tuple[int, int]]()
        for (year, _), n in monthly.items():
            yearly[(year, 0)] += n
        periods = [((year, 0), yearly[(year, 0)]) for year in range(start[0], end[0] + 1)]
    else:
        periods = []
        year, month = start
        while (year, month) <= end:
            periods.append(((year, month), monthly[(year, month)]))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    peak = max(n for _, n in periods)
    width, height = 12, 60
    bars = "".join(f'<rect x="{k * width + 1}" y="{height - max(1, round(n * height / peak)) if n else height}" '
                   f'width="{width - 2}" height="{max(1, round(n * height / peak)) if n else 0}"></rect>'
                   for k, (_, n) in enumerate(periods))
    top = next(p for p, n in periods if n == peak)
    unit = "year" if periods[0][0][1] == 0 else "month"
    label = (f"{topic.title}: passages per {unit}, {_period(periods[0][0])} to {_period(periods[-1][0])}; "
             f"most in {_period(top)} ({peak})")
    chart = (f'<svg class="topic-activity" role="img" aria-label="{html_text(label)}" '
             f'viewBox="0 0 {len(periods) * width} {height}" preserveAspectRatio="none">{bars}</svg>\n')
    rows = [link(search_link(path, topic=topic.id) + _range(p), _period(p)) + f": {n}"
            for p, n in periods if n]
    span = f"{_period(periods[0][0])} – {_period(periods[-1][0])}" if len(periods) > 1 else _period(top)
    caption = (f'<p class="topic-activity-range" aria-hidden="true">{span} · most in {_period(top)}: '
               f'{plural(peak, "passage")}</p>\n')
    return (chart + caption + f"<details class=\"topic-activity-figures\"><summary>Passages per {unit}</summary>\n"
            + items(rows) + "</details>\n")


def _period(period: tuple[int, int]) -> str:
    year, month = period
    return str(year) if month == 0 else f"{_MONTHS[month - 1]} {year}"


def _range(period: tuple[int, int]) -> str:
    """The search's date filters for one period (a query string's tail)."""
    year, month = period
    at = str(year) if month == 0 else f"{year}-{month:02d}"
    return f"&from={at}&to={at}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
                   f"{plural(counts.passages, 'passage')} in {plural(counts.briefings, 'briefing')}\n")
        for child in vocabulary:
            if topic.id in child.parents:
                entry(child, depth + 1)

    for topic in vocabulary:
        if not topic.parents:
            entry(topic, 0)
    return "".join(out)


def _speakers(found: Tagged, topic: Topic, path: str) -> str:
    """Who spoke most on the topic, in the speakers index's groups (officials, reporters, anonymous
    officials, roles, unresolved labels; unnamed questioners left out), most turns first: SHOWN_SPEAKERS
    of each group at once, the others behind a disclosure. A speaker with a page links to it and to the
    search for their turns on the topic; one without is one row per name."""
    keys = {id(s): k for k, s in found.named.items()}

    def row(s: Speaker) -> str:
        return ((link(urls.relative(path, urls.address(urls.SPEAKERS, s.id)), html_text(s.name)) if s.has_page
                 else html_text(s.name)) + f" — {plural(found.speakers[keys[id(s)]], 'turn')}"
                + (" · " + link(search_link(path, speaker=s.id, topic=topic.id), html_text(f"{s.name} on {topic.title}"))
                   if s.has_page else ""))

    out = []
    for label, speakers in speaker_sections(found.named.values()):
        ranked = sorted(speakers, key=lambda s: -found.speakers[keys[id(s)]])  # stable: by name on ties
        out.append(heading(f"speakers-{slugify(label)}", html_text(label)))
        out.append(items(map(row, ranked[:SHOWN_SPEAKERS])))
        if rest := ranked[SHOWN_SPEAKERS:]:
            out.append(f"<details><summary>{len(rest)} more {html_text(label.lower())}</summary>\n"
                       + items(map(row, rest)) + "</details>\n")
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
