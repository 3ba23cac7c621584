"""The archive's own search index: the search page (`search.html`) reads it, and so does Material's
search box in large archives (`search_engine`), through `archive-search-worker.js`.

Material's own search builds a lunr index in the reader's browser from one JSON file holding every
word of the site: fine for a few dozen briefings, tens of seconds and gigabytes of memory at a
thousand. This module makes the search entries, one per page and one per turn (those of briefing
pages from the model, in date order, with each turn's facets: who spoke or asked, the outlet,
topics; those of the other pages from what Material's plugin wrote in `search/search_index.json`),
and streams them through `search_store.StoreWriter`, which writes the files a query loads a few of.
Tokens are what `tokens()` says; `archive-search-query.js` implements the same rules.
"""

from __future__ import annotations

import datetime
import html
import json
import logging
import pickle
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol, runtime_checkable

from ..cache import Store, key
from ..model import Briefing, Outlet, Person, Topic, Turn, segment_starts
from ..text import fold_search
from . import urls
from .briefing_page import briefing_facts, interpreted_badge, turn_heading
from .cite_data import briefing_citation, speaker_of
from .csl_item import publisher
from .markdown import safe_url
from .search_facets import FacetTables, Who, facet_terms, kind_id, who
from .search_store import BLOCK, StoreWriter, Words, dumps, packed, varint, varints, with_facets

AUTO_TURNS = 300
"""With `search_engine: auto`, archives of this many turns or more search with the archive's index in
Material's search box too.

Material's search builds its index on the page's own thread from `file://` (its worker runs
in an iframe there): measured about 100 ms for the seed's 39 turns and 970 ms for ten White
House briefings (about 1,000 turns). At 300 turns, about three briefings, the offline page
would start to freeze noticeably; from there on the prebuilt index is used."""
PREVIEW_TURNS = 5_000
"""`mkdocs serve` writes the index (for the search page) only below this many turns, or with
`search_engine: sharded`: it takes seconds an edit should not wait for."""
MODES = ("auto", "material", "sharded")
TITLE_WEIGHT = 5
"""A word in a turn's heading (the speaker) or a page's title counts this many times its text's."""
# lunr's English stop words, which Material's default pipeline (`stopWordFilter`) drops too.
STOP_WORDS = frozenset(["a", "able", "about", "across", "after", "all", "almost", "also", "am", "among", "an", "and", "any", "are", "as", "at", "be", "because", "been", "but", "by", "can", "cannot", "could", "dear", "did", "do", "does", "either", "else", "ever", "every", "for", "from", "get", "got", "had", "has", "have", "he", "her", "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "just", "least", "let", "like", "likely", "may", "me", "might", "most", "must", "my", "neither", "no", "nor", "not", "of", "off", "often", "on", "only", "or", "other", "our", "own", "rather", "said", "say", "says", "she", "should", "since", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "tis", "to", "too", "twas", "us", "wants", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your"])

log = logging.getLogger("mkdocs.plugins.generator.search")

_WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """The searchable words of a text: runs of letters and digits after `fold_search`, in order."""
    return _WORD.findall(fold_search(text))


@dataclass(frozen=True)
class Entry:
    """One search entry as Material's plugin made it, tags stripped: a page or one of its turns."""

    location: str
    title: str
    text: str


_TAG = re.compile(r"<[^>]*>")


def plain(markup: str) -> str:
    """Text of the little HTML Material keeps in entries (`<p>`, `<li>`, `<code>`…), entities decoded.

    Material escapes the text it copies, so every `<` left in an entry starts one of its tags.
    """
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def other_pages(docs: list[dict[str, Any]]) -> list[Entry]:
    """The entries of Material's `docs` (its `search_index.json`'s, or its plugin's as it makes them) but
    those of briefing pages."""
    return [e for e in entries({"docs": docs}) if not e.location.startswith(f"{urls.BRIEFINGS}/")]


def entries(search_index: dict[str, Any]) -> list[Entry]:
    """The entries of Material's `search_index.json`, in its order (a page before its sections)."""
    return [Entry(d["location"], plain(d.get("title", "")), plain(d.get("text", "")))
            for d in search_index.get("docs", [])]


def terms(title: str, text: str, extra: Iterable[str] = ()) -> tuple[dict[str, tuple[int, bytes]], int]:
    """An entry's terms, `{term: (weighted frequency, positions)}`, and its length in words.

    Stop words are not indexed but keep their place: positions count every word of the text (a phrase is
    something said, so the title, the speaker's name of a turn, has none). A word of the title counts
    TITLE_WEIGHT times. Positions are `positions()`. `extra` terms (facets) get frequency 1 and no positions.
    """
    in_title: dict[str, int] = {}
    for word in tokens(title):
        in_title[word] = in_title.get(word, 0) + 1
    found: dict[str, list[int]] = {}
    get = found.get
    for at, word in enumerate(tokens(text)):
        places = get(word)
        if places is None:
            found[word] = [at]
        else:
            places.append(at)
    out: dict[str, tuple[int, bytes]] = {}
    length = 0
    for word in STOP_WORDS.intersection(found):
        del found[word]
    for word, places in found.items():
        length += len(places)
        out[word] = (len(places) + TITLE_WEIGHT * in_title.pop(word, 0), positions(places))
    for word, count in in_title.items():
        if word not in STOP_WORDS:
            length += count
            out[word] = (TITLE_WEIGHT * count, NOWHERE)
    for term in extra:
        out[term] = (1, b"")
    return out, length


NOWHERE = b"0"
"""The positions of a word found in the title only."""


_ONCE_AT = [varint(value) for value in range(4096)]
"""`varint` of the small numbers: most of an archive's words stand once in a turn, in its first 2,000 words."""


def positions(places: list[int]) -> bytes:
    """Where a word stands in an entry's text, as varints: (the first place + 1) × 2, plus 1 when more
    follow; then how many more, and the gaps between them. `NOWHERE` (0) for none."""
    if len(places) == 1:
        value = places[0] * 2 + 2
        return _ONCE_AT[value] if value < len(_ONCE_AT) else varint(value)
    gaps = [places[0] * 2 + 3, len(places) - 1] + [b - a for a, b in zip(places, places[1:], strict=False)]
    return varints(gaps).encode("ascii")


def sharded(mode: str, turns: int, command: str = "build") -> bool:
    """Whether Material's search box uses the archive's index: `search_engine` as configured, for this many
    turns. `auto` leaves `mkdocs serve` previews with Material's search."""
    return mode == "sharded" or (mode == "auto" and turns >= AUTO_TURNS and command != "serve")


def index_wanted(mode: str, turns: int, command: str = "build") -> bool:
    """Whether the build writes the archive's index (for the search page): always in `mkdocs build`, in
    previews when the archive is small or `search_engine: sharded`."""
    return index_whatever_size(mode, command) or turns < PREVIEW_TURNS


def index_whatever_size(mode: str, command: str = "build") -> bool:
    """Whether the build writes the archive's index however few its turns (known before the archive is loaded)."""
    return command != "serve" or mode == "sharded"


def briefing_entries(briefings: Iterable[Briefing]) -> list[Entry]:
    """The entries Material's plugin would make of briefing pages, made from the model instead.

    Like Material's: one entry for the page (its title, and the facts and participants above the first
    turn; correction notices are left out), then one per turn (the heading's text, then the turn's
    words, its paragraphs one to a line; topic chips and answer links are not indexed). A test holds them
    to Material's words.
    """
    return [entry for briefing in briefings for entry, _ in _briefing_entries(briefing)]


def _briefing_entries(briefing: Briefing) -> Iterable[tuple[Entry, Turn | None]]:
    yield Entry(urls.address(urls.BRIEFINGS, briefing.slug), " ".join(briefing.title.split()), _head_text(briefing)), None
    for turn in briefing.turns:
        badge = f"{interpreted_badge(turn)} " if turn.interpreted else ""
        yield (Entry(urls.address(urls.BRIEFINGS, briefing.slug, turn.anchor), " ".join(turn_heading(turn).split()),
                     badge + "\n".join(" ".join(p.text.split()) for p in turn.paragraphs)), turn)


def layout(turn: Turn) -> str:
    """What a turn's stored text (its paragraphs one to a line, whitespace collapsed) does not say of its
    paragraphs, as JSON, or "" when there is nothing: `[interpreted, stage]`, the numbers of the paragraphs
    spoken through an interpreter, and each stage direction as its paragraph's number and its start and end
    in that line, flat, counted in UTF-16 code units as JavaScript counts (an emoji is two). The offline bundle's
    briefing pages draw their words from the text blocks (`site/offline_page.py`,
    `theme_overrides/assets/turn-words.js`) and set these apart as the public page does (`turns_html`)."""
    interpreted = [n for n, p in enumerate(turn.paragraphs) if p.interpreted]
    stage: list[int] = []
    for n, paragraph in enumerate(turn.paragraphs):
        for start, segment in zip(segment_starts(paragraph.segments, _units), paragraph.segments, strict=True):
            if segment.stage:
                stage += [n, start, start + _units(segment.text)]
    return dumps([interpreted, stage]) if interpreted or stage else ""


def _units(text: str) -> int:
    """UTF-16 code units of `text` with its whitespace collapsed, as a turn's stored text holds it."""
    return len(" ".join(text.split()).encode("utf-16-le")) // 2


def _head_text(briefing: Briefing) -> str:
    facts = " · ".join(f for f in briefing_facts(briefing) if f)
    people = " ".join(["Participants"] * bool(briefing.participants)
                      + [f"{p.name}, {p.role}" for p in briefing.participants])
    source = "Original transcript" if safe_url(briefing.source_url) else ""
    return " ".join(f"{facts} {people} {source}".split())


def take_entries(site_dir: Path, keep: bool) -> list[Entry] | None:
    """The entries Material's plugin made of the pages other than briefings, from `search/search_index.json`;
    None when Material's search plugin wrote no index. Unless `keep` (Material's search box still uses
    it), the file is left with Material's config only: its UI still loads it, for the config."""
    source = site_dir / "search" / "search_index.json"
    if not source.is_file():
        log.warning("Material's search plugin wrote no index: the archive's search index leaves out the pages "
                    "other than briefings")
        return None
    search_index = json.loads(source.read_text(encoding="utf-8"))
    items = other_pages(search_index.get("docs", []))
    if not keep:
        source.write_text(json.dumps({"config": search_index.get("config", {}), "docs": []},
                                     separators=(",", ":")), encoding="utf-8")
    return items


@dataclass(frozen=True)
class Site:
    """What the index tells the page about the site: its name and public address, for citations."""

    name: str = ""
    url: str = ""


class Dated(Protocol):
    """A briefing, its summary, or what the index's child is told of it (`Listed`)."""

    @property
    def date(self) -> datetime.date: ...

    @property
    def slug(self) -> str: ...


def index_order(briefing: Dated) -> tuple[datetime.date, str]:
    """The order the index numbers briefings in, oldest first (by date, then slug): a date range is a range of
    entries, and the offline bundle's pages find their entries by it (`offline_page.entry_numbers`)."""
    return briefing.date, briefing.slug


class InOrder(Iterable[Briefing]):
    """Briefings oldest first (by date, then slug), which may be iterated more than once: `write_index` reads
    them twice (facets are counted, then written) and never holds them all (a build reads them from its cache)."""

    def __iter__(self) -> Iterator[Briefing]:
        raise NotImplementedError


class IndexedTurn(NamedTuple):
    """A turn as the index takes it, but for its facets' numbers (which depend on the whole archive). A named
    tuple, like `Who`: the build cache holds one per turn."""

    stored: str
    """What the index stores of the turn (`_add`), but its briefing's address and title, as JSON (`dumps`): the
    text blocks join it as it is, and a string reads back from the cache at a fraction of a list's cost."""
    layout: str
    """`layout(turn)`: stored after the briefing's address and title (`_add`)."""
    words: Words
    length: int
    who: Who | None
    question: bool
    topics: tuple[str, ...]


@dataclass(frozen=True)
class IndexedBriefing:
    """A briefing as the index takes it (`indexed`): made once per briefing and kept in the build cache, so
    that a build after an edit tokenises only the edited briefing again."""

    date: datetime.date
    kind: str
    page: str
    title: str
    head: tuple[str, Words, int]
    """The page entry: what the index stores of it (JSON), its words and length."""
    turns: tuple[IndexedTurn, ...]


@dataclass(frozen=True)
class BriefingCounts:
    """What the index's first pass counts of a briefing (`FacetTables.count_turns`)."""

    kind: str
    turns: tuple[tuple[Who | None, tuple[str, ...]], ...]


def counts_of(part: IndexedBriefing) -> BriefingCounts:
    return BriefingCounts(part.kind, tuple((t.who, t.topics) for t in part.turns))


INDEXED = "indexed"
"""The cache part (and key prefix) of a briefing as the search index takes it (`IndexedBriefing`)."""
COUNTS = "counts"
"""The cache part of what the index's first pass counts of a briefing (`BriefingCounts`)."""


def indexed_entry(entry: str, site: Site) -> str:
    """The cache entry of a briefing as the index takes it, by the key of the briefing's own entry."""
    return key(INDEXED, entry, site.name, site.url)


def keep_indexed(store: Store, entry: str, site: Site, part: IndexedBriefing) -> None:
    """Keep `part`, the briefing of the entry `entry` as the index takes it, in `store` (`indexed_entry`)."""
    store.put(indexed_entry(entry, site), {INDEXED: pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL),
                                           COUNTS: pickle.dumps(counts_of(part), protocol=pickle.HIGHEST_PROTOCOL)},
              stored={INDEXED})  # read by every build: 0.43 s to inflate at 1,137 briefings, 0.15 s stored


@runtime_checkable
class IndexedSource(Protocol):
    """Briefings, oldest first, as `IndexedBriefing`s made by `make` (or kept from an earlier build), and what
    the first pass counts of them."""

    def indexed(self, make: Callable[[Briefing], IndexedBriefing]) -> Iterator[IndexedBriefing]: ...

    def counted(self, make: Callable[[Briefing], IndexedBriefing]) -> Iterator[BriefingCounts]: ...


def write_index(folder: Path, briefings: Iterable[Briefing] | IndexedSource, topics: Iterable[Topic],
                more: Callable[[], list[Entry] | None], *, offline: Path | None = None, site: Site = Site(),
                outlets: Iterable[Outlet] = (), people: Mapping[str, Person] | None = None) -> None:
    """The index of the briefings (oldest first) and of the entries `more()` returns (the other pages',
    which Material's plugin wrote: `take_entries`), in `folder`; with `offline`, the `file://` copies there.

    The briefings' entries are written before `more()` is called: in a child process started before
    MkDocs renders, `more` waits for the parent to send them, at the end of the build.
    """
    tables = FacetTables(topics, outlets)

    def make(briefing: Briefing) -> IndexedBriefing:
        return indexed(briefing, site, people or {}, tables.outlets)

    parts: Iterable[IndexedBriefing]
    if isinstance(briefings, IndexedSource):
        for counted in briefings.counted(make):
            tables.count_turns(counted.kind, counted.turns)
        parts = briefings.indexed(make)
    else:
        ordered = briefings if isinstance(briefings, InOrder) else sorted(briefings, key=index_order)
        for briefing in ordered:
            tables.count(briefing)
        parts = (make(briefing) for briefing in ordered)
    writer = StoreWriter(folder, offline)
    table: list[tuple[int, int, int]] = []
    for part in parts:
        table.append((part.date.toordinal(), len(part.turns) + 1, tables.kind_number(part.kind)))
        _add(writer, part, tables)
    starts: list[int] = []
    previous = None
    for entry in more() or []:
        if _path(entry.location) != previous:
            starts.append(writer.entries)
            previous = _path(entry.location)
        found, length = terms(entry.title, entry.text)
        writer.add([entry.location, entry.title, entry.text], packed(found), length)
    lists: dict[str, Any] = {
        **tables.lists(), "site": {"name": site.name, "url": site.url},
        "dates": varints(_gaps([day for day, _, _ in table], 0)),  # date ordinals, then gaps
        "sizes": varints([n for _, n, _ in table]), "kinds_of": varints([k for _, _, k in table]),
        "pages": varints(_gaps(starts, 0)),
    }
    writer.finish({"briefings": len(table), "turns_end": sum(n for _, n, _ in table)}, lists,
                  {f"sets{n}": chunk for n, chunk in enumerate(tables.sets())})


def _gaps(values: list[int], start: int) -> list[int]:
    return [b - a for a, b in zip([start, *values], values, strict=False)]


def indexed(briefing: Briefing, site: Site, people: Mapping[str, Person], outlets: Mapping[str, Outlet],
            citation: Mapping[str, Any] | None = None) -> IndexedBriefing:
    """The briefing's page entry, then its turns', as the index stores them. The page entry carries what the
    cite dialog's data holds but the turns (`cite_data.briefing_citation`, or `citation` when the page's is at
    hand: the shared CSL fields, the key, each distinct author and genre), and each turn the numbers of its
    author and genre in it: the search page's export renders its Chicago citations from the same CSL items
    as the cite dialog."""
    basis = dict(citation) if citation is not None else briefing_citation(briefing, site.name, site.url, people, "")
    cited = {anchor: basis["cited"][k] for anchor, k in basis.pop("turns").items()}
    basis = {k: basis[k] for k in ("item", "key", "authors", "genres", "public")}
    head: tuple[str, Words, int] | None = None
    turns: list[IndexedTurn] = []
    for entry, turn in _briefing_entries(briefing):
        if turn is None:
            found, length = terms(entry.title, entry.text)
            head = (dumps([entry.location, entry.title, entry.text, publisher(briefing), briefing.location, basis]),
                    packed(found), length)
            continue
        cite = speaker_of(turn)
        flags = turn.question | turn.interpreted << 1
        found, length = terms(entry.title, entry.text)
        turns.append(IndexedTurn(dumps(["#" + turn.anchor, entry.title, entry.text, cite["name"], cite["role"], flags,
                                        [cited[turn.anchor]["a"], cited[turn.anchor]["g"]]]), layout(turn),
                                 packed(found), length, who(turn, outlets), turn.question, tuple(turn.topics)))
    assert head is not None
    return IndexedBriefing(briefing.date, briefing.kind, urls.address(urls.BRIEFINGS, briefing.slug),
                           " ".join(briefing.title.split()), head, tuple(turns))


def _add(writer: StoreWriter, part: IndexedBriefing, tables: FacetTables) -> None:
    """A briefing's entries into the index, each turn with its facets. A turn first in its text block also
    carries its briefing's address and title (the others of the block take them from the entry before
    theirs), so that a page of results reads the turns' text blocks only; a turn with a `layout` has it last,
    after its briefing's address and title or two nulls in their place."""
    kind, year = kind_id(part.kind), part.date.year
    stored, found, length = part.head
    writer.add(stored, found, length)
    for turn in part.turns:
        facets = tables.facets_of(turn.who, turn.question, turn.topics)
        kept = turn.stored
        first = writer.entries % BLOCK == 0
        if first or turn.layout:
            page = f"{dumps(part.page)},{dumps(part.title)}" if first else "null,null"
            kept = f"{kept[:-1]},{page}{',' * bool(turn.layout)}{turn.layout}]"
        words = with_facets(turn.words, facet_terms(facets, turn.topics, kind, year, tables))
        writer.add(kept, words, turn.length, facets.encoded().encode("ascii"))


def _path(location: str) -> str:
    return location.split("#", 1)[0]
