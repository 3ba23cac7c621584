"""Topic pages a reader can use (issue 19): who spoke most, activity over time, the briefings where the topic
was central, related topics by co-occurrence; built from the briefings' summaries."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from generator.enrich.loader import published
from generator.model import Speaker, Topic
from generator.site.listing import Part
from generator.site.summary import Interned, Summary, TopicTurns, beside, summarize
from generator.site.topic_pages import (
    SHOWN_SPEAKERS,
    Tagged,
    _speakers,
    activity_chart,
    central,
    related_topics,
    tagged,
)

OFFICIAL = Speaker("karine-jean-pierre", "Karine Jean-Pierre", "Press Secretary", True, "official")
REPORTER = Speaker("zeke-miller", "Zeke Miller", "", True, "reporter", "AP")


def summary(slug: str, date: str, paragraphs: int, *topics: TopicTurns) -> Summary:
    return Summary(entry=slug, slug=slug, source=f"{slug}.txt", title=slug, date=dt.date.fromisoformat(date),
                   kind="press briefing", location="", participants=(), former_slugs=(), turns=paragraphs,
                   speakers=(), paragraphs=paragraphs, outlets=(), topics=topics)


def on(topic: str, passages: int, beside: dict[str, int] | None = None) -> TopicTurns:
    return TopicTurns(topic, passages, ((OFFICIAL, passages),), "t001",
                      " ".join(f"{t} {n}" for t, n in sorted((beside or {}).items())))


def test_central_briefings_weigh_passages_by_their_share() -> None:
    """A briefing is central to a topic by passages times their share of its paragraphs: 8 passages of a
    20-paragraph briefing beat 10 of a 400-paragraph one; single passages count only when nothing has more."""
    found = tagged([summary("long", "2021-01-05", 400, on("economy", 10)),
                    summary("short", "2021-02-05", 20, on("economy", 8)),
                    summary("aside", "2021-03-05", 2, on("economy", 1))])
    assert [s.slug for s, _ in central(found["economy"])] == ["short", "long"]
    lone = tagged([summary("a", "2021-01-05", 50, on("haiti", 1)), summary("b", "2021-02-05", 5, on("haiti", 1))])
    assert [s.slug for s, _ in central(lone["haiti"])] == ["b", "a"]


def test_related_topics_by_shared_passages_leave_out_the_family() -> None:
    """Related topics are those whose passages a topic's passages most often share (at least 3 together),
    by cosine; its broader and narrower topics are not listed as related."""
    vocabulary = (Topic("economy", "Economy"), Topic("inflation", "Inflation", parents=("economy",)),
                  Topic("energy", "Energy"), Topic("ukraine", "Ukraine"), Topic("guns", "Guns"))
    found = tagged([summary("a", "2022-03-01", 40,
                            on("inflation", 10, {"economy": 10, "energy": 6, "ukraine": 3, "guns": 1}),
                            on("economy", 12, {"inflation": 10, "energy": 6}),
                            on("energy", 8, {"inflation": 6, "economy": 6, "ukraine": 4}),
                            on("ukraine", 20, {"inflation": 3, "energy": 4}),
                            on("guns", 5, {"inflation": 1}))])
    related = related_topics(found, vocabulary)
    assert [t.id for t in related["inflation"]] == ["energy", "ukraine"]
    assert "inflation" not in [t.id for t in related["economy"]] and "guns" not in [t.id for t in related["inflation"]]


def test_activity_is_monthly_with_its_figures_readable_and_yearly_over_six_years() -> None:
    """The chart has a bar per month (empty months included) and says its range and peak to a screen reader;
    each period's figure links to the search for the topic in that period. Over six years it counts years."""
    topic = Topic("economy", "Economy")
    found = tagged([summary("a", "2021-01-05", 10, on("economy", 3)), summary("b", "2021-04-20", 10, on("economy", 7)),
                    summary("c", "2021-04-02", 10, on("economy", 2))])
    chart = activity_chart(found["economy"], topic, "topics/economy.md")
    assert chart.count("<rect") == 4
    assert 'aria-label="Economy: passages per month, Jan 2021 to Apr 2021; most in Apr 2021 (9)"' in chart
    assert re.findall(r'from=([\d-]+)&amp;to=[\d-]+">([^<]+)</a>: (\d+)', chart) == [
        ("2021-01", "Jan 2021", "3"), ("2021-04", "Apr 2021", "9")]
    long = tagged([summary("a", "2010-01-05", 10, on("economy", 3)), summary("b", "2021-04-20", 10, on("economy", 7))])
    chart = activity_chart(long["economy"], topic, "topics/economy.md")
    assert chart.count("<rect") == 12 and "passages per year, 2010 to 2021" in chart


def test_speakers_most_active_first_officials_and_reporters_apart() -> None:
    """Officials and reporters are listed apart, most turns first, SHOWN_SPEAKERS at once and the others
    behind a disclosure, none lost."""
    found = Tagged()
    officials = [Speaker(f"official-{n}", f"Official {n:02d}", "", True, "official") for n in range(SHOWN_SPEAKERS + 3)]
    for n, official in enumerate(officials):
        found.add(summary(f"b{n}", "2022-01-01", 5), TopicTurns("economy", 1, ((official, n + 1), (REPORTER, 1))))
    listed = _speakers(found, Topic("economy", "Economy"), "topics/economy.md")
    officials_part, reporters_part = listed.split('id="speakers-reporters"')
    names = re.findall(r">(Official \d+)</a> —", officials_part)
    assert names[:3] == ["Official 12", "Official 11", "Official 10"] and len(names) == len(officials)
    shown, rest = officials_part.split("<details>")
    assert len(re.findall(r">Official \d+</a> —", shown)) == SHOWN_SPEAKERS and "3 more officials" in rest
    assert "Zeke Miller</a> — 13 turns" in reporters_part


def test_topic_lists_hold_briefing_parts_not_passages() -> None:
    """A topic page's lists name each briefing's cache parts (its row and best passage), so the page costs
    memory per briefing, never per passage."""
    from generator.site.topic_pages import topic_pages

    listings: dict[str, dict[str, list[str | Part]]] = {}
    pages = topic_pages([summary("a", "2021-01-05", 10, on("economy", 3))], (Topic("economy", "Economy"),), listings)
    assert "## Central briefings" in pages["topics/economy.md"] and "## Briefings" in pages["topics/economy.md"]
    assert listings["topics/economy.md"]["central"] == [Part("a", "x:economy")]
    assert Part("a", "t:economy") in listings["topics/economy.md"]["briefings"]


def test_each_topic_pages_listings_are_handed_over_before_the_next_page_is_made() -> None:
    """The pages of many briefings give their listings away a page at a time (the plugin pickles each page's into
    a temporary file), so a build holds one topic's list of briefings at a time, not every topic's."""
    from generator.site.topic_pages import BRIEFINGS_PER_PAGE, topic_pages

    class Recorder:
        def __init__(self) -> None:
            self.handed: list[list[str]] = []

        def update(self, made: dict[str, dict[str, list[str | Part]]], /) -> None:
            self.handed.append(sorted(made))

    many = [summary(f"b{n:04d}", f"20{10 + n // 365:02d}-01-01", 10, on("economy", 2), on("trade", 1))
            for n in range(BRIEFINGS_PER_PAGE + 5)]
    recorder = Recorder()
    topic_pages(many, (Topic("economy", "Economy"), Topic("trade", "Trade")), recorder)
    assert recorder.handed == [["topics/economy.2.md", "topics/economy.md"], ["topics/trade.2.md", "topics/trade.md"]]


def test_related_topics_are_counted_from_the_summaries_as_stored_when_the_build_holds_them_without() -> None:
    """A build holds its summaries without the topics' shared-passage counts (`Interned`); topic pages read them
    back one briefing at a time and list the same related topics as from the whole summaries."""
    from generator.site.topic_pages import topic_pages

    vocabulary = (Topic("inflation", "Inflation"), Topic("energy", "Energy"), Topic("guns", "Guns"))
    whole = [summary(f"b{n}", f"2022-03-0{n + 1}", 40, on("inflation", 4, {"energy": 3}), on("energy", 3, {"inflation": 3}),
                     on("guns", 1)) for n in range(3)]
    held = [Interned()(s) for s in whole]
    assert all(not counts.beside for s in held for counts in s.topics)
    stored = {s.entry: s for s in whole}
    pages = topic_pages(whole, vocabulary, {})
    assert "Often with: [Energy](energy.md)" in pages["topics/inflation.md"]
    assert topic_pages(held, vocabulary, {}, stored=lambda s: stored[s.entry]) == pages


def test_a_summary_counts_the_topics_sharing_each_topics_passages_and_shares_what_summaries_repeat() -> None:
    """The seed's summary: for each topic, the other topics of its paragraphs with the number of paragraphs
    holding both (what "Often with" is ranked by), as counted from the paragraphs themselves; kept compact,
    and two summaries' equal counts are one object (a build keeps every briefing's summary)."""
    root = Path(__file__).resolve().parent.parent
    briefing = published(root / "content" / "briefings" / "2022-10-13-us-mexico-high-level-security-dialogue.txt",
                         root / "content")
    summary = summarize(briefing, "seed")
    expected: dict[str, Counter[str]] = {}
    for paragraph in (p for t in briefing.turns for p in t.paragraphs):
        for topic in paragraph.topics:
            expected.setdefault(topic, Counter()).update(t for t in paragraph.topics if t != topic)
    assert summary.topics and any(beside(counts) for counts in summary.topics)
    for counts in summary.topics:
        assert beside(counts) == dict(expected.get(counts.topic, {}))
        assert isinstance(counts.beside, str)
    interned = Interned()
    one, two = interned(summary), interned(summarize(briefing, "again"))
    assert one.topics[0].speakers is two.topics[0].speakers
    assert all(a is b for a, b in zip(one.topics, two.topics, strict=True))  # equal counts are one object
    assert one.speakers[0].speaker is two.speakers[0].speaker
