"""Metadata for the clients that read a page's head: reference managers, search engines, link previews.

A briefing page: Highwire Press `citation_*` tags (what Zotero's browser connector and Google Scholar
read), schema.org JSON-LD (the transcript as a `CreativeWork` recorded at an `Event`, its publisher
and the people it is about), Open Graph and Twitter-card tags (title, date, place, a one-line
description). A speaker page: a `ProfilePage` about the `Person`; a topic page: a `CollectionPage`
about the topic. `theme_overrides/main.html` prints what `head_html` returns.

Every value is escaped here: attribute values by `html.escape`, the JSON-LD with `<`, `>` and `&` as
JSON escapes, so that no text can close the script element or open a comment.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..model import Briefing, Person, Speaker, Topic
from . import urls
from .csl_item import csl_name, organisation, publisher
from .speaker_pages import described, newest_first, plural
from .summary import Summary


@dataclass
class PageMeta:
    """The head metadata of one page: `(attribute, key, value)` meta tags and a JSON-LD object."""

    tags: list[tuple[str, str, str]] = field(default_factory=list)
    json_ld: dict[str, Any] = field(default_factory=dict)

    def add(self, attribute: str, key: str, value: str) -> None:
        if value:
            self.tags.append((attribute, key, value))


def long_date(briefing: Briefing) -> str:
    return f"{briefing.date:%B} {briefing.date.day}, {briefing.date.year}"


def cited_people(briefing: Briefing) -> list[Speaker]:
    """The named people who spoke (questions aside), in order: no anonymous official, role or label."""
    return [s for s in briefing.speakers if s.resolved and s.kind in ("official", "") and not organisation(s.name)]


def _inverted(speaker: Speaker, people: Mapping[str, Person]) -> str:
    """`Family, Given` (particles with the family name): how `citation_author` is read unambiguously."""
    person = people.get(speaker.id)
    name = csl_name(speaker.name, person.name_parts if person else ())
    family = " ".join(name[k] for k in ("dropping-particle", "non-dropping-particle", "family") if name.get(k))
    return ", ".join(p for p in (family, name.get("given", "")) if p)


def description(briefing: Briefing) -> str:
    """One line: what, where, when, who (`Press briefing, Washington, DC, February 4, 2021. Speakers: …`)."""
    what = ", ".join(p for p in ((briefing.kind or "briefing").capitalize(), briefing.location, long_date(briefing)) if p)
    names = [s.name for s in cited_people(briefing)]
    return what + "." + (f" Speakers: {', '.join(names[:6])}{', …' if len(names) > 6 else ''}." if names else "")


def briefing_meta(briefing: Briefing, site_name: str, site_url: str, people: Mapping[str, Person]) -> PageMeta:
    """The head metadata of a briefing page."""
    meta = PageMeta()
    host = publisher(briefing)
    speakers = cited_people(briefing)
    page_url = urls.briefing_url(briefing, site_url) if site_url else ""
    meta.add("name", "citation_title", briefing.title)
    if len(speakers) == 1 and len(briefing.speakers) == 1:
        meta.add("name", "citation_author", _inverted(speakers[0], people))
    else:
        meta.add("name", "citation_author", host)
    meta.add("name", "citation_date", f"{briefing.date:%Y/%m/%d}")
    meta.add("name", "citation_publisher", host)
    meta.add("name", "citation_public_url", page_url)
    meta.add("name", "citation_language", "en")
    _social(meta, "article", briefing.title, description(briefing), page_url, site_name)
    meta.add("property", "article:published_time", briefing.date.isoformat())
    event: dict[str, Any] = {"@type": "Event", "name": briefing.title, "startDate": briefing.date.isoformat()}
    if briefing.location:
        event["location"] = {"@type": "Place", "name": briefing.location}
    meta.json_ld = _clean({
        "@context": "https://schema.org", "@type": "CreativeWork", "genre": "Transcript",
        "name": briefing.title, "description": description(briefing), "datePublished": briefing.date.isoformat(),
        "inLanguage": "en", "url": page_url,
        "publisher": {"@type": "Organization", "name": host} if host else None,
        "about": [_person(s, site_url) for s in speakers], "recordedAt": event,
        "isPartOf": _site(site_name, site_url),
    })
    return meta


def speaker_meta(entry: SpeakerFacts, site_name: str, site_url: str) -> PageMeta:
    """The head metadata of a speaker's (or reporter's) page."""
    speaker = entry.speaker
    count = f"{plural(entry.turns, 'turn')} in {plural(entry.briefings, 'briefing')}"
    text = ", ".join(p for p in (speaker.name, speaker.role, speaker.affiliation) if p) + f": {count} in {site_name}."
    page_url = urls.absolute(urls.address(urls.SPEAKERS, speaker.id), site_url) if site_url else ""
    meta = PageMeta()
    _social(meta, "profile", speaker.name, text, page_url, site_name)
    meta.json_ld = _clean({
        "@context": "https://schema.org", "@type": "ProfilePage", "name": speaker.name, "description": text,
        "url": page_url, "mainEntity": _person(speaker, site_url), "isPartOf": _site(site_name, site_url),
    })
    return meta


def topic_meta(topic: Topic, site_name: str, site_url: str) -> PageMeta:
    """The head metadata of a topic page."""
    text = topic.description or f"Briefing passages on {topic.title} in {site_name}."
    page_url = urls.absolute(urls.address(urls.TOPICS, topic.id), site_url) if site_url else ""
    meta = PageMeta()
    _social(meta, "website", topic.title, text, page_url, site_name)
    meta.json_ld = _clean({
        "@context": "https://schema.org", "@type": "CollectionPage", "name": topic.title, "description": text,
        "url": page_url, "about": {"@type": "Thing", "name": topic.title}, "isPartOf": _site(site_name, site_url),
    })
    return meta


def _social(meta: PageMeta, kind: str, title: str, text: str, page_url: str, site_name: str) -> None:
    """Open Graph and Twitter-card tags: what a pasted link previews as. The card takes its title and
    description from the Open Graph tags when it has none of its own (X's documented fallback): written once."""
    meta.add("property", "og:type", kind)
    meta.add("property", "og:title", title)
    meta.add("property", "og:description", text)
    meta.add("property", "og:url", page_url)
    meta.add("property", "og:site_name", site_name)
    meta.add("name", "twitter:card", "summary")


def _person(speaker: Speaker, site_url: str) -> dict[str, Any]:
    page = urls.absolute(urls.address(urls.SPEAKERS, speaker.id), site_url) if site_url and speaker.has_page else ""
    return _clean({"@type": "Person", "name": speaker.name, "jobTitle": speaker.role,
                   "affiliation": {"@type": "Organization", "name": speaker.affiliation} if speaker.affiliation else None,
                   "url": page})


def _site(site_name: str, site_url: str) -> dict[str, Any]:
    return _clean({"@type": "WebSite", "name": site_name, "url": site_url})


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value}


def head_html(meta: PageMeta) -> str:
    """The meta tags and the JSON-LD script, every value escaped."""
    lines = [f'<meta {attribute}="{html.escape(key)}" content="{html.escape(value)}">'
             for attribute, key, value in meta.tags]
    if meta.json_ld:
        data = json.dumps(meta.json_ld, ensure_ascii=False, sort_keys=False)
        data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        lines.append(f'<script type="application/ld+json">{data}</script>')
    return "\n".join(lines)


class SpeakerFacts(NamedTuple):
    """What a speaker page's head says of the speaker: who, and how many turns in how many briefings."""

    speaker: Speaker
    turns: int
    briefings: int


def speaker_facts(summaries: Iterable[Summary]) -> dict[str, SpeakerFacts]:
    """Every identity with a page, by id, as its page's head describes it (the speaker from the newest briefing,
    `described` as on the page): counted, where `speaker_pages.appearances` lists every briefing (13 MB more at 10,000)."""
    found: dict[str, SpeakerFacts] = {}
    for summary in newest_first(summaries):
        for counts in summary.speakers:
            held = found.get(counts.speaker.id)
            found[counts.speaker.id] = (SpeakerFacts(counts.speaker, counts.turns, 1) if held is None
                                        else held._replace(speaker=described(held.speaker, counts.speaker),
                                                           turns=held.turns + counts.turns, briefings=held.briefings + 1))
    return found


class MetaIndex:
    """What the head metadata of a build's pages is made from, by page source (`briefings/<slug>.md`): a
    briefing page's is made with the briefing's other parts (`briefing_head`, given its cache entry) and read
    when the page is. It keeps no summary: a build keeps this to its end, and the summaries' speakers held
    by every speaker's appearances were most of what a build held of them (`plugin/hooks.py` lets them go)."""

    def __init__(self, summaries: Iterable[Summary] = (), topics: Iterable[Topic] = (),
                 briefing_head: Callable[[str], str] = lambda entry: "") -> None:
        summaries = list(summaries)
        self.briefings = {urls.source(urls.BRIEFINGS, s.slug): s.entry for s in summaries}
        self.speakers = {urls.source(urls.SPEAKERS, k): facts for k, facts in speaker_facts(summaries).items()}
        self.topics = {urls.source(urls.TOPICS, t.id): t for t in topics}
        self._briefing_head = briefing_head

    def head(self, source: str, site_name: str, site_url: str) -> str:
        """The head metadata of the page `source`, or "" for a page of another kind."""
        if entry := self.briefings.get(source):
            return self._briefing_head(entry)
        if facts := self.speakers.get(source):
            return head_html(speaker_meta(facts, site_name, site_url))
        if topic := self.topics.get(source):
            return head_html(topic_meta(topic, site_name, site_url))
        return ""


def briefing_head(briefing: Briefing, site_name: str, site_url: str, people: Mapping[str, Person]) -> str:
    """A briefing page's head metadata as HTML (made with its other parts, `site/published.py`)."""
    return head_html(briefing_meta(briefing, site_name, site_url, people))
