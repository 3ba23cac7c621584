"""A prebuilt, sharded search index for large archives, read by `archive-search-worker.js`.

Material's own search builds a lunr index in the reader's browser from one JSON file holding
every word of the site: fine for a few dozen briefings, tens of seconds and gigabytes of memory
at a thousand. This module turns search entries (one per page and per heading with an id, so one
per turn: those of briefing pages made from the model by `briefing_entries`, those of the other
pages taken from what Material's plugin wrote in `search/search_index.json`) into small files a
query loads a few of:

- `manifest.js`: the shard boundaries, the first entry of every page, and for very common
  prefixes (`p`, `pre`) the expansions a query keeps so it stays within its byte budget;
- `t<n>.js`: postings, partitioned by term (alphabetical ranges): for each term, the entries
  holding it with a quantised BM25 weight, delta- and varint-encoded in a compact string;
- `p<n>.js`: location and title of `PAGES` consecutive pages, for the result list;
- `d<n>.js`: entries in blocks of `BLOCK` consecutive ids: location, title, plain text, for the
  turns shown under the best pages.

Every file is `__archiveSearch("name",<JSON>)`: a script tag can load it from `file://`, and
over HTTP the worker fetches the same file and parses the JSON between the parentheses.
Tokens are what `tokens()` says; the worker implements the same rules.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Briefing
from ..text import fold_search
from . import urls
from .briefing_page import briefing_facts, interpreted_badge, turn_heading
from .markdown import safe_url

FORMAT = 1
AUTO_TURNS = 300
"""With `search_engine: auto`, archives of this many turns or more get the sharded index.

Material's search builds its index on the page's own thread from `file://` (its worker runs
in an iframe there): measured about 100 ms for the seed's 39 turns and 970 ms for ten White
House briefings (about 1,000 turns). At 300 turns, about three briefings, the offline page
would start to freeze noticeably; from there on the prebuilt index is used."""
MODES = ("auto", "material", "sharded")
BLOCK = 8
"""Entries per document block."""
PAGES = 128
"""Pages per title file."""
SHARD_BYTES = 16_000
"""Target size of a postings shard; a term with more postings gets a shard of its own."""
PREFIX_BUDGET = 64_000
"""Most postings bytes one query word may load; common prefixes keep their frequent expansions."""
TEXT_LIMIT = 1_500
"""Characters of an entry's text kept for the result snippet."""
TITLE_WEIGHT = 5
K1, B = 1.2, 0.75
LEVELS = 7
"""A posting's weight is quantised to 1..LEVELS (3 bits)."""

# lunr's English stop words, which Material's default pipeline (`stopWordFilter`) drops too.
STOP_WORDS = frozenset(["a", "able", "about", "across", "after", "all", "almost", "also", "am", "among", "an", "and", "any", "are", "as", "at", "be", "because", "been", "but", "by", "can", "cannot", "could", "dear", "did", "do", "does", "either", "else", "ever", "every", "for", "from", "get", "got", "had", "has", "have", "he", "her", "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "just", "least", "let", "like", "likely", "may", "me", "might", "most", "must", "my", "neither", "no", "nor", "not", "of", "off", "often", "on", "only", "or", "other", "our", "own", "rather", "said", "say", "says", "she", "should", "since", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "tis", "to", "too", "twas", "us", "wants", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your"])

log = logging.getLogger("mkdocs.plugins.generator.search")

_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
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


def entries(search_index: dict[str, Any]) -> list[Entry]:
    """The entries of Material's `search_index.json`, in its order (a page before its sections)."""
    return [Entry(d["location"], plain(d.get("title", "")), plain(d.get("text", "")))
            for d in search_index.get("docs", [])]


def encode(postings: list[int], last: int = -8) -> str:
    """Postings `entry id << 3 | level`, ids ascending, as a varint string of gaps.

    Each posting becomes `(id gap) << 3 | level` in base-32 digits, least significant first;
    a character worth 32 or more says that more digits follow. `last`, the posting before the
    first (as `encode` left it), continues an encoded string: appending the result to it gives
    the encoding of both lists.
    """
    out: list[str] = []
    append, digits = out.append, _DIGITS
    for packed in postings:
        value = packed - (last & ~7)
        last = packed
        if value < 32:
            append(digits[value])
            continue
        while value >= 32:
            append(digits[32 | (value & 31)])
            value >>= 5
        append(digits[value])
    return "".join(out)


def decode(data: str) -> list[tuple[int, int]]:
    """`(entry id, level)` pairs of an encoded postings string (the worker has the same loop)."""
    out: list[tuple[int, int]] = []
    last, value, shift = -1, 0, 0
    for char in data:
        digit = _DIGITS.index(char)
        value |= (digit & 31) << shift
        if digit >= 32:
            shift += 5
            continue
        last += value >> 3
        out.append((last, value & 7))
        value = shift = 0
    return out


def _counts(text: str, cache: dict[str, tuple[str, ...]]) -> Counter[str]:
    """`tokens(text)` counted, stop words left out; each distinct space-separated chunk is folded once."""
    weights: Counter[str] = Counter()
    for chunk, n in Counter(text.split()).items():
        words = cache.get(chunk)
        if words is None:
            words = cache[chunk] = tuple(w for w in tokens(chunk) if w not in STOP_WORDS)
        for word in words:
            weights[word] += n
    return weights


class Postings:
    """Entries and their postings, made in batches: `Postings(items)`, then `extend(more)`.

    A posting's level is a quantised BM25 term weight (`entry id << 3 | level`). BM25 measures an
    entry's length against the average, which is taken from the first batch that has words and
    kept: so a batch's postings are final, encoded as soon as they are made, and a later batch's
    are appended to them. The plugin's first batch is the briefing pages' entries, nearly all of
    the index, made from the model while MkDocs renders; the entries of the other pages follow at
    the end, when Material's plugin has written them.
    """

    def __init__(self, items: Iterable[Entry] = ()) -> None:
        self.items: list[Entry] = []
        self.encoded: dict[str, str] = {}
        """Per term, its postings so far, `encode`d."""
        self.count: Counter[str] = Counter()
        """Per term, how many entries hold it."""
        self._last: dict[str, int] = {}
        self._average = 0.0
        self._words: dict[str, tuple[str, ...]] = {}
        self.extend(items)

    def extend(self, more: Iterable[Entry]) -> None:
        """Add entries after those already in; their ids follow on."""
        start = len(self.items)
        self.items.extend(more)
        frequencies: dict[str, list[int]] = defaultdict(list)
        lengths: list[int] = []
        for doc, entry in enumerate(self.items[start:], start):
            weights = _counts(entry.text, self._words)
            length: int = weights.total()
            for word, n in _counts(entry.title, self._words).items():
                weights[word] += TITLE_WEIGHT * n
                length += n
            lengths.append(length)
            for word, tf in weights.items():
                frequencies[word].append(doc << 16 | min(tf, 65535))
        if not self._average and any(lengths):
            self._average = max(1.0, sum(lengths) / len(lengths))
        norms = [K1 * (1 - B + B * length / (self._average or 1.0)) for length in lengths]
        for word, plist in frequencies.items():
            for i, packed in enumerate(plist):
                doc, tf = packed >> 16, packed & 65535
                # BM25's term-frequency part, scaled to 1..LEVELS
                plist[i] = doc << 3 | max(1, int(tf * LEVELS / (tf + norms[doc - start]) + 0.5))
            self.encoded[word] = self.encoded.get(word, "") + encode(plist, self._last.get(word, -8))
            self._last[word] = plist[-1]
            self.count[word] += len(plist)


def _shards(encoded: dict[str, str]) -> list[list[str]]:
    """Terms in alphabetical runs of about SHARD_BYTES each."""
    shards: list[list[str]] = [[]]
    size = 0
    for term in sorted(encoded):
        cost = len(term) + len(encoded[term]) + 6
        if shards[-1] and size + cost > SHARD_BYTES:
            shards.append([])
            size = 0
        shards[-1].append(term)
        size += cost
    return shards


def _common_prefixes(terms: list[str], shard_of: dict[str, int], sizes: list[int],
                     frequency: dict[str, int]) -> dict[str, list[int]]:
    """Prefixes whose expansions exceed PREFIX_BUDGET, with the shards a query loads for them.

    The shards are those of the most frequent expansions (the prefix itself first, when it is a
    word), as many as fit in the budget.
    """
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for term in terms:
        for end in range(1, len(term) + 1):
            by_prefix[term[:end]].append(term)
    common: dict[str, list[int]] = {}
    for prefix, expansions in by_prefix.items():
        if sum(sizes[s] for s in {shard_of[t] for t in expansions}) <= PREFIX_BUDGET:
            continue
        loaded: list[int] = []
        spent = 0
        for term in sorted(expansions, key=lambda t: (t != prefix, -frequency[t], t)):
            shard = shard_of[term]
            if shard not in loaded and spent + sizes[shard] <= PREFIX_BUDGET:
                loaded.append(shard)
                spent += sizes[shard]
        common[prefix] = sorted(loaded)
    return dict(sorted(common.items()))


def _script(name: str, data: Any) -> str:
    """A file both a script tag and `fetch` can read: `__archiveSearch("name",<JSON>)`."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f'__archiveSearch("{name}",{body})\n'


def build_files(items: list[Entry] | Postings) -> dict[str, str]:
    """Every file of the sharded index, `{file name: content}`, from search entries (or their postings)."""
    postings = items if isinstance(items, Postings) else Postings(items)
    encoded, indexed = postings.encoded, postings.items
    shards = _shards(encoded)
    files: dict[str, str] = {}
    shard_of: dict[str, int] = {}
    sizes: list[int] = []
    for number, terms in enumerate(shards):
        files[f"t{number}.js"] = _script(f"t{number}", {t: encoded[t] for t in terms})
        sizes.append(len(files[f"t{number}.js"].encode()))
        shard_of.update(dict.fromkeys(terms, number))
    starts = [i for i, entry in enumerate(indexed)
              if i == 0 or _path(entry.location) != _path(indexed[i - 1].location)]
    first = set(starts)
    for number in range(math.ceil(len(starts) / PAGES)):
        heads = [[indexed[i].location, indexed[i].title] for i in starts[number * PAGES:(number + 1) * PAGES]]
        files[f"p{number}.js"] = _script(f"p{number}", heads)
    for number in range(math.ceil(len(indexed) / BLOCK)):
        ids = range(number * BLOCK, min(len(indexed), (number + 1) * BLOCK))
        files[f"d{number}.js"] = _script(f"d{number}", [_stored(indexed[i], i in first) for i in ids])
    digest = hashlib.sha256("".join(files[name] for name in sorted(files)).encode()).hexdigest()
    manifest = {
        "version": digest[:12], "format": FORMAT, "entries": len(indexed), "levels": LEVELS,
        "block": BLOCK, "chunk": PAGES, "pages": starts, "shards": [terms[0] for terms in shards if terms],
        "common": _common_prefixes(sorted(encoded), shard_of, sizes, postings.count),
    }
    files["manifest.js"] = _script("manifest", manifest)
    return files


def _path(location: str) -> str:
    return location.split("#", 1)[0]


def _stored(entry: Entry, page_start: bool) -> list[str]:
    """What a result shows: location (`#anchor` only, after a page's first entry), title, text cut short."""
    location = entry.location if page_start else "#" + entry.location.split("#", 1)[-1]
    text = entry.text if len(entry.text) <= TEXT_LIMIT else entry.text[:TEXT_LIMIT].rsplit(" ", 1)[0] + " …"
    return [location, entry.title, text]


def sharded(mode: str, turns: int, command: str = "build") -> bool:
    """Whether the site gets the sharded index: `search_engine` as configured, for this many turns.

    `auto` leaves `mkdocs serve` previews with Material's search: writing the index takes seconds
    a preview should not wait for on every edit.
    """
    return mode == "sharded" or (mode == "auto" and turns >= AUTO_TURNS and command != "serve")


def briefing_entries(briefings: Iterable[Briefing]) -> list[Entry]:
    """The entries Material's plugin makes of briefing pages, made from the model instead.

    With the sharded index the plugin skips briefing pages (`search: exclude` set by our plugin):
    parsing their HTML again to cut it into sections was a fifth of a 1,000-briefing build. Like
    Material's: one entry for the page (its title, and the facts and participants above the first
    turn; correction notices are left out), then one per turn (the heading's text, then the turn's
    words; topic chips and answer links are not indexed). A test holds them to Material's words.
    """
    out: list[Entry] = []
    for briefing in briefings:
        page = urls.address(urls.BRIEFINGS, briefing.slug)
        facts = " · ".join(f for f in briefing_facts(briefing) if f)
        people = " ".join(["Participants"] * bool(briefing.participants)
                          + [f"{p.name}, {p.role}" for p in briefing.participants])
        source = "Original transcript" if safe_url(briefing.source_url) else ""
        out.append(Entry(page, " ".join(briefing.title.split()), " ".join(f"{facts} {people} {source}".split())))
        for turn in briefing.turns:
            badge = f"{interpreted_badge(turn)} " if turn.interpreted else ""
            words = " ".join(p.text for p in turn.paragraphs)
            out.append(Entry(urls.address(urls.BRIEFINGS, briefing.slug, turn.anchor), " ".join(turn_heading(turn).split()),
                             " ".join(f"{badge}{words}".split())))
    return out


def take_entries(site_dir: Path) -> list[Entry] | None:
    """Material's entries, from `search/search_index.json`, which keeps its config only: Material's UI
    still loads it, for the config. None when Material's search plugin wrote no index."""
    source = site_dir / "search" / "search_index.json"
    if not source.is_file():
        log.warning("search_engine: sharded needs Material's search plugin; site search left as it is")
        return None
    search_index = json.loads(source.read_text(encoding="utf-8"))
    config, items = search_index.get("config", {}), entries(search_index)
    source.write_text(json.dumps({"config": config, "docs": []}, separators=(",", ":")), encoding="utf-8")
    return items


def write_shards(site_dir: Path, items: list[Entry] | Postings) -> None:
    """The sharded index of `items` in `search/archive/`."""
    folder = site_dir / "search" / "archive"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in build_files(items).items():
        (folder / name).write_text(content, encoding="utf-8")


def write_index(site_dir: Path, briefings: Iterable[Briefing], more: Callable[[], list[Entry] | None]) -> None:
    """The sharded index of the briefing pages (made from the model) and of the entries `more()` returns
    (the other pages', which Material's plugin wrote: `take_entries`); none when it returns None.

    The briefings' postings are made before `more()` is called: in a child process started before
    MkDocs renders, `more` waits for the parent to send them, at the end of the build.
    """
    postings = Postings(briefing_entries(briefings))
    items = more()
    if items is not None:
        postings.extend(items)
        write_shards(site_dir, postings)
