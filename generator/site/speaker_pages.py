"""Speaker, reporter and outlet pages, and the index of them all.

A page excerpts and links; it never repeats a turn's words into the search index: everything
below the page's heading sits in sections marked `data-search-exclude`, so a phrase search
returns each turn once, from its briefing page, while the name (the boosted page title) still
finds the page first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Archive, Briefing, Outlet, Speaker, Turn
from ..text import excerpt, fold_name
from . import urls
from .listing import Listings, heading, items, link, placeholder, text
from .markdown import escape, front_matter, short_date, title_heading
from .search_page import search_link

PAGE_TURNS = 400
"""Turns (or questions) listed on one page at most: a longer list continues on `<id>.2.md`, `<id>.3.md`…
(briefings are not split across pages). A page listing 20,000 turns froze Chromium for seconds."""
SEARCH_BOOST = 5
"""Search weight of speaker and topic pages, so their name ranks them above the turns that mention it."""
EXCLUDED = "data-search-exclude"


@dataclass
class Appearances:
    """One identity's turns across the archive, grouped by briefing, newest briefing first."""

    speaker: Speaker
    by_briefing: list[tuple[Briefing, list[Turn]]] = field(default_factory=list)

    @property
    def turns(self) -> list[Turn]:
        return [t for _, turns in self.by_briefing for t in turns]


def appearances(briefings: Iterable[Briefing]) -> dict[str, Appearances]:
    """Every identity with a page, by id; the speaker shown is the one from the newest briefing."""
    found: dict[str, Appearances] = {}
    for briefing in sorted(briefings, key=lambda b: (b.date, b.slug), reverse=True):
        grouped: dict[str, list[Turn]] = {}
        for turn in briefing.turns:
            if turn.speaker.has_page:
                grouped.setdefault(turn.speaker.id, []).append(turn)
        for speaker_id, turns in grouped.items():
            entry = found.setdefault(speaker_id, Appearances(turns[0].speaker))
            entry.by_briefing.append((briefing, turns))
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


def people_pages(archive: Archive, listings: Listings) -> dict[str, str]:
    """`speakers/<id>.md` for every identity, `outlets/<id>.md` for every listed outlet with questions, and
    `speakers/index.md`; their lists of briefings, topics and turns go to `listings` (see `listing.py`)."""
    found = appearances(archive.briefings)
    listed = {o.name: o for o in archive.outlets}
    topics = {t.id: t.title for t in archive.topics}
    pages: dict[str, str] = {}
    outlets: dict[str, list[Appearances]] = {}
    for speaker_id, entry in found.items():
        path = urls.source(urls.SPEAKERS, speaker_id)
        if entry.speaker.kind == "reporter":
            pages[path] = reporter_page(entry, path, listings, pages, listed)
            if oid := outlet_id(entry.speaker, listed):
                outlets.setdefault(oid, []).append(entry)
        else:
            pages[path] = speaker_page(entry, archive, topics, path, listings, pages)
    for oid, reporters in outlets.items():
        pages[urls.source(urls.OUTLETS, oid)] = outlet_page(reporters, urls.source(urls.OUTLETS, oid), listings, pages)
    pages[urls.source(urls.SPEAKERS, urls.INDEX)] = speakers_index(found, outlets, _unlisted(archive.briefings))
    return dict(sorted(pages.items()))


def _unlisted(briefings: Iterable[Briefing]) -> dict[str, tuple[Speaker, int, int]]:
    """Speakers with no page (anonymous officials, roles) by name: a speaker, their turns and briefings."""
    counts: dict[str, tuple[Speaker, int, set[str]]] = {}
    for briefing in briefings:
        for turn in briefing.turns:
            if turn.speaker.kind in ("anonymous", "role"):
                speaker, turns, seen = counts.setdefault(fold_name(turn.speaker.name),
                                                         (turn.speaker, 0, set()))
                seen.add(briefing.slug)
                counts[fold_name(turn.speaker.name)] = (speaker, turns + 1, seen)
    return {key: (speaker, turns, len(seen)) for key, (speaker, turns, seen) in counts.items()}


def speaker_page(entry: Appearances, archive: Archive, topics: dict[str, str], path: str,
                 listings: Listings, more: dict[str, str]) -> str:
    """An official's page: who, where they spoke with plain counts, topics, then every turn excerpted."""
    speaker = entry.speaker
    out = [_head(speaker.name, f"Speaker: {speaker.name}"), _facts(speaker, {})]
    person = archive.person(speaker.id)
    if person is not None and person.roles:
        out.append("**Roles:** " + "; ".join(escape(_role_text(r.title, r.start, r.end)) for r in person.roles)
                   + "\n{: .speaker-roles }\n\n")
    if not speaker.resolved:
        out.append("*Unresolved label: printed in the transcripts, no briefing names who it is, and the speaker "
                   "registry does not list it.*{: .automatic-identity }\n\n")
    out.append(f"## Briefings {{#briefings {EXCLUDED} }}\n\n")
    out.append(placeholder(path, "briefings", items(
        f"<strong>{short_date(briefing.date)}</strong> · "
        f"{link(urls.relative(path, urls.address(urls.BRIEFINGS, briefing.slug)), text(briefing.title))}"
        f" — {plural(len(turns), 'turn')}, {plural(sum(len(t.text.split()) for t in turns), 'word')}"
        for briefing, turns in entry.by_briefing), listings))
    counts = Counter(topic for t in entry.turns for topic in t.topics)
    if counts:
        out.append(f"## Topics {{#topics {EXCLUDED} }}\n\n")
        out.append(placeholder(path, "topics", items(
            f"{link(urls.relative(path, urls.address(urls.TOPICS, t)), text(topics[t]))} — {plural(n, 'turn')}"
            f" · {link(search_link(path, speaker=speaker.id, topic=t), text(f'{speaker.name} on {topics[t]}'))}"
            for t, n in sorted(counts.items(), key=lambda item: topics[item[0]].casefold()) if t in topics), listings))
    out.append(f"## Turns {{#turns {EXCLUDED} }}\n\n")
    out.append(_paged(path, "turns", [(len(turns), _briefing_heading(briefing) + items(
        link(urls.relative(path, urls.address(urls.BRIEFINGS, briefing.slug, t.anchor)), text(excerpt(t.text))) for t in turns))
        for briefing, turns in entry.by_briefing], f"{speaker.name}: turns", listings, more))
    return "".join(out)


def reporter_page(entry: Appearances, path: str, listings: Listings, more: dict[str, str],
                  outlets: dict[str, Outlet]) -> str:
    """A reporter's page: outlet, then every question with links to it and to its answers."""
    speaker = entry.speaker
    out = [_head(speaker.name, f"Reporter: {speaker.name}"), _facts(speaker, outlets)]
    count = len(entry.turns)
    out.append(f"{plural(count, 'question')} in {plural(len(entry.by_briefing), 'briefing')}.\n"
               "{: .speaker-counts }\n\n")
    out.append(f"## Questions {{#questions {EXCLUDED} }}\n\n")
    out.append(_paged(path, "questions", _questions(entry.by_briefing), f"{speaker.name}: questions",
                      listings, more))
    return "".join(out)


def outlet_page(reporters: list[Appearances], path: str, listings: Listings, more: dict[str, str]) -> str:
    """An outlet's page: its reporters, then their questions, grouped by briefing, newest first."""
    name = reporters[0].speaker.affiliation
    out = [_head(name, f"Outlet: {name}")]
    out.append("Reporters: " + ", ".join(
        f"[{escape(r.speaker.name)}]({urls.relative(path, urls.source(urls.SPEAKERS, r.speaker.id))})" for r in _by_name(reporters))
        + "\n{: .outlet-reporters }\n\n")
    grouped: dict[str, tuple[Briefing, list[Turn]]] = {}
    for reporter in reporters:
        for briefing, turns in reporter.by_briefing:
            grouped.setdefault(briefing.slug, (briefing, []))[1].extend(turns)
    ordered = sorted(grouped.values(), key=lambda g: (g[0].date, g[0].slug), reverse=True)
    out.append(f"## Questions {{#questions {EXCLUDED} }}\n\n")
    order = {id(t): i for b, _ in ordered for i, t in enumerate(b.turns)}
    out.append(_paged(path, "questions", _questions(
        [(b, sorted(turns, key=lambda t: order[id(t)])) for b, turns in ordered], by=True),
        f"{name}: questions", listings, more))
    return "".join(out)


def speakers_index(found: dict[str, Appearances], outlets: dict[str, list[Appearances]],
                   unlisted: dict[str, tuple[Speaker, int, int]]) -> str:
    """Everyone, in the groups of `speaker_sections` with plain counts (anonymous officials and roles by
    label, without pages), then the listed outlets."""
    out = [front_matter("Speakers"), "# Speakers\n\n"]
    entries = {e.speaker.id: e for e in found.values()}
    anchors = {title: anchor for _, anchor, title in SECTIONS}
    shown = [e.speaker for e in found.values()] + [s for s, _, _ in unlisted.values()]
    for title, speakers in speaker_sections(shown):
        out.append(f"## {title} {{#{anchors[title]} {EXCLUDED} }}\n\n")
        if title == "Unresolved labels":
            out.append("Labels as printed that no briefing names and the speaker registry does not list: "
                       "`python -m generator people` suggests entries for them.\n\n")
        for speaker in speakers:
            out.append(_index_entry(speaker, entries.get(speaker.id), unlisted.get(fold_name(speaker.name))))
        out.append("\n")
    out.append(f"## Outlets {{#outlets {EXCLUDED} }}\n\n")
    for oid, members in sorted(outlets.items(), key=lambda item: fold_name(item[1][0].speaker.affiliation)):
        questions = sum(len(m.turns) for m in members)
        out.append(f"- [{escape(members[0].speaker.affiliation)}]({urls.from_folder(urls.SPEAKERS, urls.source(urls.OUTLETS, oid))}) · "
                   f"{plural(len(members), 'reporter')}, {plural(questions, 'question')}\n")
    return "".join(out)


def _index_entry(speaker: Speaker, entry: Appearances | None, unlisted: tuple[Speaker, int, int] | None) -> str:
    """One line of the speakers index: a linked name with role or outlet and counts, or a label's counts."""
    if entry is None:
        _, turns, briefings = unlisted or (speaker, 0, 0)
        return f"- {escape(speaker.name)} · {plural(turns, 'turn')} in {plural(briefings, 'briefing')}\n"
    facts = speaker.affiliation if speaker.kind == "reporter" else speaker.role
    count = plural(len(entry.turns), "question" if speaker.kind == "reporter" else "turn")
    where = "" if speaker.kind == "reporter" else f" in {plural(len(entry.by_briefing), 'briefing')}"
    return (f"- [{escape(speaker.name)}]({speaker.id}.md)" + (f" — {escape(facts)}" if facts else "")
            + f" · {count}{where}\n")


def _paged(path: str, key: str, groups: list[tuple[int, str]], title: str, listings: Listings,
           more: dict[str, str]) -> str:
    """The Markdown standing for a list of briefing groups (`(items, HTML)`) on the page `path`. Past
    PAGE_TURNS items the list continues on further pages, added to `more`, with links between them."""
    chunks: list[list[str]] = [[]]
    count = 0
    for size, fragment in groups:
        if chunks[-1] and count + size > PAGE_TURNS:
            chunks.append([])
            count = 0
        chunks[-1].append(fragment)
        count += size
    if len(chunks) == 1:
        return placeholder(path, key, "".join(chunks[0]), listings)
    folder, stem = path.removesuffix(".md").rsplit("/", 1)
    names = [f"{stem}.md"] + [f"{stem}.{k}.md" for k in range(2, len(chunks) + 1)]

    def pager(current: int) -> str:
        return "Pages: " + " · ".join(f"**{k + 1}**" if k == current else f"[{k + 1}]({name})"
                                      for k, name in enumerate(names)) + "\n{: .pager }\n\n"

    for k in range(1, len(chunks)):
        page = f"{folder}/{names[k]}"
        more[page] = (front_matter(f"{title} ({k + 1} of {len(chunks)})", search={"exclude": True})
                      + title_heading(title) + pager(k) + placeholder(page, key, "".join(chunks[k]), listings)
                      + pager(k))
    return pager(0) + placeholder(path, key, "".join(chunks[0]), listings) + pager(0)


def _to_turn(briefing: Briefing, anchor: str) -> str:
    """A link to a turn from a reporter's or an outlet's page (both one folder deep)."""
    return urls.from_folder(urls.SPEAKERS, urls.address(urls.BRIEFINGS, briefing.slug, anchor))


def _questions(groups: list[tuple[Briefing, list[Turn]]], by: bool = False) -> list[tuple[int, str]]:
    """HTML per briefing: each question excerpted and linked, with links to the turns answering it."""
    out: list[tuple[int, str]] = []
    for briefing, turns in groups:
        names = {t.anchor: t.speaker.name for t in briefing.turns}
        entries = []
        for turn in turns:
            asker = f"{text(turn.speaker.name)}: " if by else ""
            answers = ", ".join(link(_to_turn(briefing, a), text(names[a])) for a in turn.answers)
            entries.append(asker + link(_to_turn(briefing, turn.anchor), text(excerpt(turn.text)))
                           + (f"<br>\nAnswered by {answers}" if answers else ""))
        out.append((len(entries), _briefing_heading(briefing) + items(entries)))
    return out


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


def _briefing_heading(briefing: Briefing) -> str:
    return heading(f"in-{briefing.slug}", f"{short_date(briefing.date)} · {text(briefing.title)}")


def _by_name(entries: Iterable[Appearances]) -> list[Appearances]:
    return sorted(entries, key=lambda e: (fold_name(e.speaker.name), e.speaker.id))


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
