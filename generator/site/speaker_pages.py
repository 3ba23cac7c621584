"""Speaker, reporter and outlet pages, and the index of them all.

A page excerpts and links; it never repeats a turn's words into the search index: everything
below the page's heading sits in sections marked `data-search-exclude`, so a phrase search
returns each turn once, from its briefing page, while the name (the boosted page title) still
finds the page first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections import Counter
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field

from ..model import Briefing, Outlet, Person, Speaker, Topic, Turn
from ..read.labels import family_name_of
from ..text import excerpt, fold_name, plural
from ..words import ADDRESS, NAME_SUFFIXES, RANKS, ROLE_WORDS
from . import urls
from .listing import Listed, Listings, Part, Piece, heading, items, link, placeholder, text
from .markdown import escape, front_matter, short_date, title_heading
from .search_page import search_link
from .summary import OutletQuestions, SpeakerTurns, Summary, by_outlet, by_speaker

PAGE_TURNS = 400
"""Turns (or questions) listed on one page at most: a longer list continues on `<id>.2.md`, `<id>.3.md`…
(briefings are not split across pages). A page listing 20,000 turns froze Chromium for seconds."""
BRIEFINGS_SHOWN = 100
"""Briefings listed in full at the top of a speaker's page (the newest; past that, links by year into the
turn pages): a press secretary's page at 10,000 briefings listed 3,000 and weighed 1.2 MB."""
SEARCH_BOOST = 5
"""Search weight of speaker and topic pages, so their name ranks them above the turns that mention it."""
EXCLUDED = "data-search-exclude"
SPEAKER_PART = "s:"
"""A briefing's group on a speaker's page: `s:<speaker id>` in its cache entry."""
OUTLET_PART = "o:"
"""A briefing's group on an outlet's page: `o:<outlet id>`."""


def speaker_parts(briefing: Briefing) -> dict[str, str]:
    """The briefing's group of turns on each page listing some of them: every identity's turns, each
    excerpted and linked (a question with links to its answers), and every outlet's questions."""
    parts = {SPEAKER_PART + sid: _group(briefing, turns, by=False) for sid, turns in by_speaker(briefing).items()}
    parts.update({OUTLET_PART + oid: _group(briefing, turns, by=True) for oid, turns in by_outlet(briefing).items()})
    return parts


@dataclass
class Appearances:
    """One identity's turns across the archive, by briefing, newest briefing first."""

    speaker: Speaker
    by_briefing: list[tuple[Summary, SpeakerTurns]] = field(default_factory=list)

    @property
    def turns(self) -> int:
        return sum(counts.turns for _, counts in self.by_briefing)


def newest_first(summaries: Iterable[Summary]) -> list[Summary]:
    """Briefings as listed everywhere: newest first, by slug on one day."""
    return sorted(summaries, key=lambda s: (s.date, s.slug), reverse=True)


def appearances(summaries: Iterable[Summary]) -> dict[str, Appearances]:
    """Every identity with a page, by id; the speaker shown is the one from the newest briefing (`described`)."""
    found: dict[str, Appearances] = {}
    for summary in newest_first(summaries):
        for counts in summary.speakers:
            entry = found.setdefault(counts.speaker.id, Appearances(counts.speaker))
            entry.speaker = described(entry.speaker, counts.speaker)
            entry.by_briefing.append((summary, counts))
    return found


def described(shown: Speaker, older: Speaker) -> Speaker:
    """The speaker a page and the index show, seen newest first: the newest briefing's, unless it lacks the role
    (an official's) or the outlet (a reporter's) an older one gives (Jake Sullivan, named by the text of his newest
    briefing without a role, is National Security Advisor in the title of an older one)."""
    fact = "affiliation" if shown.kind == "reporter" else "role"
    if getattr(shown, fact) or not getattr(older, fact) or older.kind != shown.kind:
        return shown
    return dataclasses.replace(shown, **{fact: getattr(older, fact)})  # the newest name, kind and all, with that fact


@dataclass
class OutletTally:
    """One outlet's questions across the archive, by briefing, newest briefing first."""

    name: str
    by_briefing: list[tuple[Summary, OutletQuestions]] = field(default_factory=list)

    @property
    def questions(self) -> int:
        return sum(counts.questions for _, counts in self.by_briefing)

    @property
    def reporters(self) -> list[str]:
        return list(dict.fromkeys(r for _, counts in self.by_briefing for r in counts.reporters))


def outlet_tallies(summaries: Iterable[Summary], listed: dict[str, Outlet]) -> dict[str, tuple[Outlet, OutletTally]]:
    """Every listed outlet (`content/outlets.yml`) its reporters asked for, by its page's id, with its questions."""
    found: dict[str, tuple[Outlet, OutletTally]] = {}
    for summary in newest_first(summaries):
        for counts in summary.outlets:
            if (outlet := listed.get(counts.name)) is not None:
                found.setdefault(outlet.id, (outlet, OutletTally(outlet.name)))[1].by_briefing.append((summary, counts))
    return found


SECTIONS = (
    ("official", "officials", "Officials"),
    ("reporter", "reporters", "Reporters"),
    ("anonymous", "anonymous", "Anonymous officials"),
    ("role", "roles", "Moderators, operators and interpreters"),
    ("", "unresolved", "Unresolved labels"),
)
"""The groups a reader finds speakers in, in order: `(Speaker.kind, anchor, heading)`."""


def speaker_sections(speakers: Iterable[Speaker]) -> list[tuple[str, list[Speaker]]]:
    """Speakers grouped as a reader looks for them: officials, reporters, anonymous officials, roles, then
    labels nothing resolved; each group by name, empty groups left out, unnamed questioners never listed.
    The speakers index lists speakers this way; so may any page that lists speakers."""
    by_kind: dict[str, list[Speaker]] = {}
    for speaker in speakers:
        by_kind.setdefault(speaker.kind, []).append(speaker)
    return [(heading, sorted(by_kind[kind], key=lambda s: (fold_name(s.name), s.id)))
            for kind, _, heading in SECTIONS if by_kind.get(kind)]


def outlet_id(speaker: Speaker, outlets: dict[str, Outlet]) -> str:
    """The outlet page's id for a reporter of a listed outlet (`content/outlets.yml`), else empty."""
    listed = outlets.get(speaker.affiliation) if speaker.kind == "reporter" else None
    return listed.id if listed else ""


def people_pages(summaries: Sequence[Summary], people: Sequence[Person], topics: Sequence[Topic],
                 outlets: Sequence[Outlet], listings: Listed,
                 pages: MutableMapping[str, str] | None = None) -> MutableMapping[str, str]:
    """`speakers/<id>.md` for every identity, `outlets/<id>.md` for every listed outlet with questions, and
    `speakers/index.md`, in order of path, into `pages` (a new dict by default) after what it holds; their lists
    of briefings, topics and turns go to `listings` (see `listing.py`)."""
    found = appearances(summaries)
    perhaps = namesakes(found)
    titles = {t.id: t.title for t in topics}
    registry = {p.id: p for p in people}
    listed = {o.name: o for o in outlets}
    pages = {} if pages is None else pages
    before = set(pages)
    for speaker_id, entry in found.items():
        path = urls.source(urls.SPEAKERS, speaker_id)
        made: Listings = {}
        if entry.speaker.kind == "reporter":
            pages[path] = reporter_page(entry, path, made, pages, listed)
        else:
            pages[path] = speaker_page(entry, registry.get(speaker_id), titles, path, made, pages,
                                       perhaps.get(speaker_id))
        listings.update(made)
    tallies = outlet_tallies(summaries, listed)
    for oid, (_, tally) in tallies.items():
        path = urls.source(urls.OUTLETS, oid)
        made = {}
        pages[path] = outlet_page(tally, found, path, made, pages)
        listings.update(made)
    pages[urls.source(urls.SPEAKERS, urls.INDEX)] = speakers_index(found, tallies, _unlisted(summaries), perhaps)
    for path in sorted(path for path in list(pages) if path not in before):
        pages[path] = pages.pop(path)  # last, in order of path
    return pages


def namesakes(found: dict[str, Appearances]) -> dict[str, Speaker]:
    """For an unresolved label (`DR. WALENSKY`, printed where its briefings name nobody), the one official of the
    archive with its surname (Rochelle Walensky, named in other briefings), when there is exactly one: a hint
    for the reader, never an identity (the registry makes those: `python -m generator people` suggests them)."""
    officials: dict[str, list[Speaker]] = {}
    for entry in found.values():
        if entry.speaker.resolved and entry.speaker.kind == "official":
            officials.setdefault(family_name_of(entry.speaker.name), []).append(entry.speaker)
    return {speaker_id: named[0] for speaker_id, entry in found.items()
            if not entry.speaker.resolved and len(named := officials.get(family_name_of(entry.speaker.name), [])) == 1
            and _may_be(entry.speaker.name, named[0])}


def _may_be(label: str, official: Speaker) -> bool:
    """True when nothing in the label but its surname and a form of address contradicts the official: its other
    words are their given names, or words of their role when one is known (`Speaker McCarthy` is not Gina
    McCarthy, National Climate Advisor; `Representative Frank Lucas` is not Quinton Lucas)."""
    words = fold_name(label).split()
    family, name, role = family_name_of(label), set(fold_name(official.name).split()), set(fold_name(official.role).split())
    for word in words:
        if word == family or word in ADDRESS or word in NAME_SUFFIXES:
            continue
        if word in ROLE_WORDS or word in RANKS:
            if role and word not in role:
                return False
        elif word not in name:
            return False
    return True


def _unlisted(summaries: Iterable[Summary]) -> dict[str, tuple[Speaker, int, int]]:
    """Speakers with no page (anonymous officials, roles) by name: a speaker, their turns and briefings."""
    counts: dict[str, tuple[Speaker, int, int]] = {}
    for summary in summaries:
        for speaker, turns in summary.others:
            name = fold_name(speaker.name)
            first, total, briefings = counts.get(name, (speaker, 0, 0))
            counts[name] = (first, total + turns, briefings + 1)
    return counts


def speaker_page(entry: Appearances, person: Person | None, topics: dict[str, str], path: str,
                 listings: Listings, more: MutableMapping[str, str], namesake: Speaker | None = None) -> str:
    """An official's page: who, where they spoke with plain counts, topics, then every turn excerpted."""
    speaker = entry.speaker
    out = [_head(speaker.name, f"Speaker: {speaker.name}"), _facts(speaker, {})]
    if person is not None and person.roles:
        out.append("**Roles:** " + "; ".join(escape(_role_text(r.title, r.start, r.end)) for r in person.roles)
                   + "\n{: .speaker-roles }\n\n")
    if not speaker.resolved:
        out.append("*Unresolved label: printed in the transcripts, its briefings do not name who it is, and the "
                   "speaker registry does not list it.*" + (
                       f" Other briefings name one official of this surname, perhaps the same person: "
                       f"[{escape(namesake.name)}]({namesake.id}.md)." if namesake else "")
                   + "\n{: .automatic-identity }\n\n")
    out.append(f"## Briefings {{#briefings {EXCLUDED} }}\n\n")
    shown = entry.by_briefing[:BRIEFINGS_SHOWN]
    out.append(placeholder(path, "briefings", items(
        f"<strong>{short_date(summary.date)}</strong> · "
        f"{link(urls.relative(path, urls.address(urls.BRIEFINGS, summary.slug)), text(summary.title))}"
        f" — {plural(counts.turns, 'turn')}, {plural(counts.words, 'word')}"
        for summary, counts in shown), listings))
    if len(entry.by_briefing) > len(shown):
        out.append(_year_links(f"The newest {len(shown):,} of {plural(len(entry.by_briefing), 'briefing')}; every "
                               "briefing's turns are listed below, newest first, from the year in which it was given:",
                               _turn_years(entry, path), "speaker-more", end="."))
    tally: Counter[str] = Counter()
    for _, counts in entry.by_briefing:
        tally.update(dict(counts.topics))
    if tally:
        out.append(f"## Topics {{#topics {EXCLUDED} }}\n\n")
        out.append(placeholder(path, "topics", items(
            f"{link(urls.relative(path, urls.address(urls.TOPICS, t)), text(topics[t]))} — {plural(n, 'turn')}"
            f" · {link(search_link(path, speaker=speaker.id, topic=t), text(f'{speaker.name} on {topics[t]}'))}"
            for t, n in sorted(tally.items(), key=lambda item: topics[item[0]].casefold()) if t in topics), listings))
    out.append(f"## Turns {{#turns {EXCLUDED} }}\n\n")
    out.append(paged(path, "turns", _groups(entry), f"{speaker.name}: turns", listings, more, years=_years(entry)))
    return "".join(out)


def reporter_page(entry: Appearances, path: str, listings: Listings, more: MutableMapping[str, str],
                  outlets: dict[str, Outlet]) -> str:
    """A reporter's page: outlet, then every question with links to it and to its answers."""
    speaker = entry.speaker
    out = [_head(speaker.name, f"Reporter: {speaker.name}"), _facts(speaker, outlets)]
    out.append(f"{plural(entry.turns, 'question')} in {plural(len(entry.by_briefing), 'briefing')}.\n"
               "{: .speaker-counts }\n\n")
    out.append(f"## Questions {{#questions {EXCLUDED} }}\n\n")
    out.append(paged(path, "questions", _groups(entry), f"{speaker.name}: questions", listings, more,
                     years=_years(entry)))
    return "".join(out)


def outlet_page(outlet: OutletTally, found: dict[str, Appearances], path: str, listings: Listings,
                more: MutableMapping[str, str]) -> str:
    """An outlet's page: its reporters, then their questions, grouped by briefing, newest first."""
    out = [_head(outlet.name, f"Outlet: {outlet.name}")]
    reporters = _by_name(found[r] for r in outlet.reporters if r in found)
    out.append("Reporters: " + ", ".join(
        f"[{escape(r.speaker.name)}]({urls.relative(path, urls.source(urls.SPEAKERS, r.speaker.id))})" for r in reporters)
        + "\n{: .outlet-reporters }\n\n")
    out.append(f"## Questions {{#questions {EXCLUDED} }}\n\n")
    groups: list[tuple[int, Piece]] = [(counts.questions, Part(summary.entry, sys.intern(OUTLET_PART + counts.outlet)))
                                       for summary, counts in outlet.by_briefing]
    out.append(paged(path, "questions", groups, f"{outlet.name}: questions", listings, more,
                     years=[(summary.date.year, _anchor(summary.slug)) for summary, _ in outlet.by_briefing]))
    return "".join(out)


def speakers_index(found: dict[str, Appearances], outlets: dict[str, tuple[Outlet, OutletTally]],
                   unlisted: dict[str, tuple[Speaker, int, int]], perhaps: dict[str, Speaker] | None = None) -> str:
    """Everyone, in the groups of `speaker_sections` with plain counts (anonymous officials and roles by
    label, without pages), then the listed outlets."""
    out = [front_matter("Speakers"), "# Speakers\n\n"]
    anchors = {title: anchor for _, anchor, title in SECTIONS}
    shown = [e.speaker for e in found.values()] + [s for s, _, _ in unlisted.values()]
    for title, speakers in speaker_sections(shown):
        out.append(f"## {title} {{#{anchors[title]} {EXCLUDED} }}\n\n")
        if title == "Unresolved labels":
            out.append("Labels as printed that their briefings do not name and the speaker registry does not list "
                       "(perhaps: the one official of that surname other briefings name); `python -m generator "
                       "people` suggests entries for them.\n\n")
        for speaker in speakers:
            out.append(_index_entry(speaker, found.get(speaker.id), unlisted.get(fold_name(speaker.name)),
                                    (perhaps or {}).get(speaker.id)))
        out.append("\n")
    out.append(f"## Outlets {{#outlets {EXCLUDED} }}\n\n")
    for oid, (outlet, tally) in sorted(outlets.items(), key=lambda item: (fold_name(item[1][0].name), item[0])):
        out.append(f"- [{escape(outlet.name)}]({urls.from_folder(urls.SPEAKERS, urls.source(urls.OUTLETS, oid))}) · "
                   f"{plural(len(tally.reporters), 'reporter')}, {plural(tally.questions, 'question')}\n")
    return "".join(out)


def _index_entry(speaker: Speaker, entry: Appearances | None, unlisted: tuple[Speaker, int, int] | None,
                 namesake: Speaker | None = None) -> str:
    """One line of the speakers index: a linked name with role or outlet and counts, or a label's counts; for an
    unresolved label, the official it may be (`namesakes`)."""
    if entry is None:
        _, turns, briefings = unlisted or (speaker, 0, 0)
        return f"- {escape(speaker.name)} · {plural(turns, 'turn')} in {plural(briefings, 'briefing')}\n"
    facts = speaker.affiliation if speaker.kind == "reporter" else speaker.role
    count = plural(entry.turns, "question" if speaker.kind == "reporter" else "turn")
    where = "" if speaker.kind == "reporter" else f" in {plural(len(entry.by_briefing), 'briefing')}"
    perhaps = f" · perhaps [{escape(namesake.name)}]({namesake.id}.md)" if namesake is not None else ""
    return (f"- [{escape(speaker.name)}]({speaker.id}.md)" + (f" — {escape(facts)}" if facts else "")
            + f" · {count}{where}{perhaps}\n")


def paged(path: str, key: str, groups: Sequence[tuple[int, Piece]], title: str, listings: Listings,
          more: MutableMapping[str, str], size: int = PAGE_TURNS, wrap: tuple[str, str] = ("", ""),
          years: Sequence[tuple[int, str]] = ()) -> str:
    """The Markdown standing for a list of briefing groups (`(items, HTML or a part holding it)`) on the page
    `path`. Past `size` items the list continues on further pages, added to `more`, with links between them
    (`pager`), each under a heading of its own (`Turns, page 2 of 9`: its list's headings stay third-level, as
    under the first page's `Turns`). Each page's list is written between `wrap`'s two pieces of HTML (`<ul>` and `</ul>` for rows
    of `<li>`). `years`, one `(year, anchor of its heading)` per group, adds links to where each year begins."""
    pages, folder, names = _layout(path, groups, size)
    chunks: list[list[Piece]] = [[] for _ in names]
    for number, (_, fragment) in zip(pages, groups, strict=True):
        chunks[number].append(fragment)
    if any(wrap):
        chunks = [[wrap[0], *chunk, wrap[1]] for chunk in chunks]
    if len(chunks) == 1:
        return placeholder(path, key, chunks[0], listings)
    starts = year_starts(years, pages, names) if years else []

    def links(current: int) -> str:
        return pager(names, current) + (_year_links("Years:", starts) if len(starts) > 1 else "")

    for k in range(1, len(chunks)):
        page = f"{folder}/{names[k]}"
        more[page] = (front_matter(f"{title} ({k + 1} of {len(chunks)})", search={"exclude": True})
                      + title_heading(title) + f"## {key.capitalize()}, page {k + 1} of {len(chunks)} {{#{key} {EXCLUDED} }}\n\n"
                      + links(k) + placeholder(page, key, chunks[k], listings)
                      + links(k))
    return links(0) + placeholder(path, key, chunks[0], listings) + links(0)


PAGER_AROUND = 2
"""Pages linked on either side of the current one (with the first and the last) once a list has many."""


def pages_of(sizes: Sequence[int], size: int) -> list[int]:
    """The page (0 first) each group of `sizes[i]` items goes on: groups in order, at most `size` items a
    page unless one group alone is bigger (a group is never split)."""
    out: list[int] = []
    page = count = 0
    for listed in sizes:
        if count and count + listed > size:
            page += 1
            count = 0
        out.append(page)
        count += listed
    return out


def _layout(path: str, groups: Sequence[tuple[int, Piece]], size: int) -> tuple[list[int], str, list[str]]:
    """How `paged` lays out a list on the page `path`: the page each group goes on, the pages' folder, and
    their Markdown files (`<stem>.md`, `<stem>.2.md`, …)."""
    pages = pages_of([listed for listed, _ in groups], size)
    folder, stem = path.removesuffix(".md").rsplit("/", 1)
    count = pages[-1] + 1 if pages else 1
    return pages, folder, [f"{stem}.md"] + [f"{stem}.{k}.md" for k in range(2, count + 1)]


def pager(names: Sequence[str], current: int) -> str:
    """Links between a list's pages: every page while there are few; past that the first, the last and
    PAGER_AROUND on either side of the current one, with previous and next (a list of 500 pages gets a
    line of a dozen links, not 500). The current page is marked as such for screen readers (`aria-current`)."""
    count = len(names)
    shown = set(range(count)) if count <= 2 * PAGER_AROUND + 5 else \
        {0, count - 1} | set(range(max(0, current - PAGER_AROUND), min(count, current + PAGER_AROUND + 1)))
    parts: list[str] = []
    if count > len(shown) and current > 0:
        parts.append(f"[← previous]({names[current - 1]})")
    last = -1
    for k in sorted(shown):
        if k > last + 1:
            parts.append("…")
        parts.append(f'**{k + 1}**{{: aria-current="page" }}' if k == current else f"[{k + 1}]({names[k]})")
        last = k
    if count > len(shown) and current < count - 1:
        parts.append(f"[next →]({names[current + 1]})")
    return "Pages: " + " · ".join(parts) + "\n{: .pager }\n\n"


def _year_links(lead: str, starts: Sequence[tuple[int, str]], css: str = "pager", end: str = "") -> str:
    """A paragraph of links to where each year begins, as HTML: their anchors are in listings, which MkDocs'
    link check does not see (tests/test_links.py checks every one in the built site)."""
    links = " · ".join(link(target.replace(".md#", ".html#"), str(year)) for year, target in starts)
    return f'<p class="{css}">{text(lead)} {links}{end}</p>\n\n'


def year_starts(years: Sequence[tuple[int, str]], pages: Sequence[int], names: Sequence[str]) -> list[tuple[int, str]]:
    """For each year, in list order, a link to its first group: `(year, "<page>#<anchor>")`."""
    out: list[tuple[int, str]] = []
    for (year, anchor), page in zip(years, pages, strict=True):
        if not out or out[-1][0] != year:
            out.append((year, f"{names[page]}#{anchor}"))
    return out


def _to_turn(slug: str, anchor: str) -> str:
    """A link to a turn from a speaker's, reporter's or outlet's page (all one folder deep)."""
    return urls.from_folder(urls.SPEAKERS, urls.address(urls.BRIEFINGS, slug, anchor))


def _group(briefing: Briefing, turns: list[Turn], by: bool) -> str:
    """One briefing's turns on a page: a heading, then each turn excerpted and linked (with its asker's name
    when `by`), a question with links to the turns answering it."""
    names = {t.anchor: t.speaker.name for t in briefing.turns}
    entries = []
    for turn in turns:
        asker = f"{text(turn.speaker.name)}: " if by else ""
        answers = ", ".join(link(_to_turn(briefing.slug, a), text(names[a])) for a in turn.answers)
        entries.append(asker + link(_to_turn(briefing.slug, turn.anchor), text(excerpt(turn.text)))
                       + (f"<br>\nAnswered by {answers}" if answers else ""))
    return _briefing_heading(briefing.date, briefing.slug, briefing.title) + items(entries)


def _years(entry: Appearances) -> list[tuple[int, str]]:
    """Each briefing group's year and heading anchor, for `paged`'s year links."""
    return [(summary.date.year, _anchor(summary.slug)) for summary, _ in entry.by_briefing]


def _turn_years(entry: Appearances, path: str) -> list[tuple[int, str]]:
    """Where each year's turns begin among a speaker's turn pages (as `paged` lays them out), as links from
    the page `path`."""
    pages, _, names = _layout(path, _groups(entry), PAGE_TURNS)
    return year_starts(_years(entry), pages, names)


def _groups(entry: Appearances) -> list[tuple[int, Piece]]:
    name = sys.intern(SPEAKER_PART + entry.speaker.id)
    return [(counts.turns, Part(summary.entry, name)) for summary, counts in entry.by_briefing]


def _head(name: str, description: str) -> str:
    return front_matter(name, description=description, search={"boost": SEARCH_BOOST}) + title_heading(name)


def _facts(speaker: Speaker, outlets: dict[str, Outlet]) -> str:
    facts = [speaker.role, speaker.affiliation]
    if outlet := outlet_id(speaker, outlets):
        return f"[{escape(speaker.affiliation)}]({urls.from_folder(urls.SPEAKERS, urls.source(urls.OUTLETS, outlet))})\n{{: .speaker-facts }}\n\n"
    shown = " · ".join(escape(f) for f in facts if f)
    return f"{shown}\n{{: .speaker-facts }}\n\n" if shown else ""


def _role_text(title: str, start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"{title} ({short_date(start)} – {short_date(end)})"
    if start:
        return f"{title} (from {short_date(start)})"
    if end:
        return f"{title} (until {short_date(end)})"
    return title


def _anchor(slug: str) -> str:
    """The id of a briefing's heading on a speaker's, reporter's or outlet's page."""
    return f"in-{slug}"


def _briefing_heading(date: dt.date, slug: str, title: str) -> str:
    return heading(_anchor(slug), f"{short_date(date)} · {text(title)}")


def _by_name(entries: Iterable[Appearances]) -> list[Appearances]:
    return sorted(entries, key=lambda e: (fold_name(e.speaker.name), e.speaker.id))

