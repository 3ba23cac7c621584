"""The search index's files, written while entries stream past: memory stays bounded at any archive size.

An *entry* is a page or one of its turns, numbered in the order given (briefings oldest first, so
a date range is a range of numbers). For each, `StoreWriter.add` takes the words to index and what
a result shows; the writer keeps only, per term, the entries holding it (spilled to a scratch file
whenever `SPILL_BYTES` gather) and, per entry, its length and facets. `finish` merges the spills
term by term and writes:

- *term data*, in alphabetical shards of about `SHARD_BYTES`: per term, how many entries hold it,
  its postings (`ids`: entry gap << 3 | quantised BM25 weight, as varints), their facets (`meta`, two
  columns: every posting's who (+1) × 2 + question, then every posting's topic set) and word positions (`pos`, for phrases, in a
  companion blob per shard). A term whose postings exceed `BIG_TERM` gets blobs of its own.
- *text blocks* of `BLOCK` consecutive entries: what a result shows and what an export holds, each
  deflated with a preset dictionary (`DICTIONARY`) that opens the first text pack.
- for the heaviest words, the answer to the word typed alone (`search_heavy`): counts, facets, first results.

Two containers hold the same data. The site gets few files (a host limits their number): the
blobs, each zlib-compressed (`BLOB_LEVEL`), concatenated in `pack<n>.bin`, read over HTTP with Range requests (each blob's place is in
the manifest or its shard), and the text blocks zlib-compressed in `text<n>.bin`, found through
`blocks.bin` (one little-endian uint32 offset per block, and the end). The offline bundle, opened
from `file://` where only script tags can load a file, gets scripts `__archiveSearch("name",<JSON>)`, a few
to a file: the blobs starting in one SCRIPT_WINDOW of a pack (`shards0-3.js`: `script_file`), text blocks
`d<n>` SCRIPT_BLOCKS to a file (`t<k>.js`), the manifest and the lists in files of their own names.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import itertools
import json
import marshal
import operator
import queue
import re
import shutil
import sys
import threading
import zipfile
import zlib
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Generic, NamedTuple, TypeVar

from ..processes import temporary_folder
from . import search_heavy as heavy
from .offline_zip import ZIP_EPOCH, ZIP_LEVEL

LEVELS = 7
"""A posting's weight is quantised to 1..LEVELS (3 bits)."""
K1, B = 1.2, 0.75
QUESTION_WEIGHT = 0.6
"""A question turn's words weigh this much of an answer's. A reporter's question names its subject in a few
words, so by BM25 alone the questions came first and the official's answer, which holds the information,
under them (`Gershkovich detained`: the first eleven results were questions). Measured with the engine on
hand-judged questions (tests/search_truth; mean reciprocal rank of the first expected turn), against 1: the
White House set of 27 written before this change 0.668 → 0.669 (a question that looks for a question, López
Obrador's, 1 → 3), and two sets of 8 and 5 written after it, where the answers are officials': 0.246 → 0.437
and 0.340 → 0.397; 0.8 gave 0.718, 0.267 and 0.340, 0.4 gave 0.653, 0.440 and 0.419. Applied to the quantised
level, so the page's engine and the build's answers for the heaviest words agree; `role=question` still
lists the questions alone."""
LENGTH_CAP = 2.0
"""BM25 normalises a turn's weight by its length up to LENGTH_CAP × the average turn, and no further: a long
opening statement ("at the top") covers many subjects, and the full penalty buried the one about the query
(Secretary Mayorkas's 553-word statement on the Secret Service after the Butler shooting: 7th of 7; the Press
Secretary's 645-word statement on Evan Gershkovich's detention: 17th of 24; both first or sixth now). With
the question weight, on the same three sets: 0.669 → 0.687, 0.437 → 0.498, 0.397 → 0.829 (a cap of 3: 0.665,
0.520, 0.679; 1.5: 0.689, 0.451, 0.818)."""
BLOCK = 8
"""Entries per text block."""
DICTIONARY = 16_384
"""Bytes of the text blocks' preset dictionary: the first blocks' own text, this much of it, stored at the start
of `text0.bin` (the manifest's `dictionary` says how long it is) and read once by a page that shows results.
A block of 8 turns is 4 KB of JSON, too little for deflate to find the words and phrases every briefing
repeats (the speakers' names and roles, the briefing's address, "the President"…); with the dictionary it
finds them there. The 1,137 White House briefings' blocks (raw deflate, and the CPU of compressing them all,
each block from a copy of one compressor primed with the dictionary): none 23.6 MB, 1.1 s; 4 KB 20.5 MB, 1.3 s;
8 KB 19.5 MB, 1.6 s; 16 KB 18.7 MB, 2.2 s; 32 KB (deflate's whole window) 18.2 MB, 2.8 s. A build rewrites the
blocks every time, warm or cold, so the dictionary's CPU is paid by a build after one edit too: 16 KB. A
dictionary sampled across the whole archive did a little better (32 KB: 17.1 MB) but a build that streams the
blocks has only the first ones when it writes them."""
SCRIPT_BLOCKS = 16
"""Text blocks per script file of the `file://` form (`t<k>.js`): 128 entries, about 60 KB. A file per block
made 15,000 files at 1,137 briefings (140,000 at 10,000), each a zip entry to write and a file to unzip; a
page of results from `file://` reads a few of these whole from the disk."""
SCRIPT_WINDOW = 40_960
"""The `file://` form of the packs' blobs: one script file per window of this many bytes of a pack, holding
the blobs that start in it (`script_file`), as JSON: about 64 KB of script, the packs' blobs being deflated to
about 0.6 of their JSON (a window of 64 KB made a query from `file://` read 1.3 MB instead of 1.0). A file
per blob made 10,000 files of big terms' postings at 1,137 briefings; a query from `file://` reads its
blobs' windows whole, a few tens of KB more."""
SHARD_BYTES = 8_000
"""Target size of a shard of term data."""
BIG_TERM = 300
"""A term whose postings string is longer gets blobs of its own, loaded only when a query needs them."""
BLOB_LEVEL = 6
"""zlib level of the packs' blobs. A blob is read by a Range request, which hosts send as stored (they compress
whole .js or .json files, not a range of a binary file), and base-32 varints deflate to about 0.6 of their
size: a query on a common word fetches 40 % less (`president` at 1,137 briefings: 214 → 134 KB)."""
PACK_BYTES = 8_000_000
"""Target size of one pack file (Cloudflare Pages refuses files over 25 MiB)."""
SPILL_BYTES = 16_000_000
"""Postings gathered in memory (about) before they are spilled to a scratch file. The process holds two to three
times this (each term's arrays grow by reallocation): at 40 MB the index's child at 10,000 briefings held 45 MB
more than at 16 MB, for a merge of 23 runs instead of 9 (a second or two)."""
CHUNK = 65_536
"""Postings a big term's are encoded by at a time (`StoreWriter._write_terms`)."""
ENTRY_FACETS = 131_072
"""Entries per facets script of the `file://` form (`facets<k>.js`, about 400 KB). That form holds every entry's
facets once, read whole by the first query (there, from the disk), where the packs hold each term's postings'
facets (a query over HTTP reads only its terms'). At 1,000 White House briefings those were 15 % of the offline
zip (8.9 MB of script the big terms', 1.6 MB the others', 5.9 MB deflated), for 0.4 MB here."""
PREFIX_BUDGET = 64_000
"""Most postings bytes one typed prefix may load in the header box (see `prefixes`)."""
FORMAT = 6
"""6: text blocks deflated with a preset dictionary, the first `dictionary` bytes of `text0.bin`; 5: a term's
facets are two columns, every posting's who, then every posting's topic set (4: the two numbers of each
posting side by side); 4: the packs' blobs are zlib-compressed (3: their JSON as it is)."""
NO_FACETS = b"00"
"""The facets of an entry that is no turn (a page): nobody, no topic. Every posting has its two numbers."""

_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_VALUE = {c: i for i, c in enumerate(_DIGITS)}
_BYTE_VALUE = {ord(c): i for i, c in enumerate(_DIGITS)}


def varints(numbers: Iterator[int] | list[int] | tuple[int, ...]) -> str:
    """Unsigned numbers as base-32 digits, least significant first; a digit worth 32 or more says that
    more digits follow (`archive-search-core.js` reads them back)."""
    out: list[str] = []
    append = out.append
    for value in numbers:
        while value >= 32:
            append(_DIGITS[32 | (value & 31)])
            value >>= 5
        append(_DIGITS[value])
    return "".join(out)


_ONE = [c.encode("ascii") for c in _DIGITS[:32]]


def varint(value: int) -> bytes:
    """One `varints` number, as ASCII bytes."""
    if value < 32:
        return _ONE[value]
    return varints([value]).encode("ascii")


def read_varints(data: str) -> list[int]:
    """The numbers of a `varints` string."""
    return _read_into([], data)


NumbersT = TypeVar("NumbersT", list[int], "array[int]")


def _read_into(out: NumbersT, data: str) -> NumbersT:
    """`read_varints` into `out`: an array for a long string (8 bytes a number, where a list of them takes 36)."""
    value, shift = 0, 0
    append = out.append
    for char in data:
        digit = _VALUE[char]
        value |= (digit & 31) << shift
        if digit >= 32:
            shift += 5
            continue
        append(value)
        value = shift = 0
    return out


_SHORT = [varints((value,)) for value in range(1024)]
"""The varints of the numbers most gaps are (two digits or fewer), made once."""


def encode(postings: list[int] | array[int], last: int = -8) -> str:
    """Postings `entry id << 3 | level`, ids ascending, as varints of `(id gap) << 3 | level`.

    `last`, the posting before the first (as `encode` left it), continues an encoded string."""
    gaps = [packed - (before & ~7) for before, packed in zip([last, *postings], postings, strict=False)]
    return "".join([_SHORT[gap] if gap < 1024 else varints((gap,)) for gap in gaps])


def decode(data: str) -> list[tuple[int, int]]:
    """`(entry id, level)` pairs of an encoded postings string."""
    return list(zip(*postings_columns(data), strict=True))


def postings_columns(data: str) -> tuple[array[int], array[int]]:
    """An encoded postings string as two columns: the entry ids (ascending) and their levels."""
    values = _read_into(array("q"), data)
    ids = array("l", itertools.accumulate(map(operator.rshift, values, itertools.repeat(3)), initial=-1))[1:]
    return ids, array("l", map(operator.and_, values, itertools.repeat(7)))


def facet_columns(meta: str) -> tuple[array[int], array[int]]:
    """A term's facets as stored: every posting's who (+1) × 2 + question, then every posting's topic set."""
    values = _read_into(array("l"), meta)
    half = len(values) // 2
    return values[:half], values[half:]


def script(name: str, data: Any) -> str:
    """A file both a script tag and `fetch` can read: `__archiveSearch("name",<JSON>)`."""
    return f'__archiveSearch("{name}",{dumps(data)})\n'


def _string_script(name: str, data: bytes | bytearray) -> bytes:
    """`script` of a string given as its ASCII bytes (`_Packs.add`), encoded, in one copy."""
    return b"".join([f'__archiveSearch("{name}","'.encode(), data, b'")\n'])


_FEED = 1 << 20
"""Bytes fed to the compressor at a time by `_deflated_string`."""


def _deflated_string(data: bytes | bytearray) -> bytes:
    """`zlib.compress(dumps(text).encode(), BLOB_LEVEL)` for the text whose ASCII bytes are `data`, fed a piece at
    a time: the same bytes, without the two whole copies (a big term's positions weigh megabytes)."""
    if re.search(rb'["\\\x00-\x1f\x80-\xff]', data):
        raise ValueError("a string blob must be ASCII that JSON leaves as it is")
    packer = zlib.compressobj(BLOB_LEVEL)
    view = memoryview(data)
    out = [packer.compress(b'"')]
    out.extend(packer.compress(view[at:at + _FEED]) for at in range(0, len(view), _FEED))
    out += [packer.compress(b'"'), packer.flush()]
    return b"".join(out)


def script_file(prefix: str, location: list[int]) -> str:
    """The `file://` script holding the blob at `location` (`[pack, offset, length]`) of the packs `prefix`:
    `<prefix><pack>-<window>` (`archive-search-core.js` finds it the same way)."""
    return f"{prefix}{location[0]}-{location[1] // SCRIPT_WINDOW}"


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class Words(NamedTuple):
    """An entry's terms as the index takes them and the build cache keeps them: three strings, not an object per
    term (a thousandth of the objects to read back from the cache)."""

    terms: str
    """The terms, separated by spaces (a term holds letters, digits and, for a facet, `@:-`)."""
    frequencies: bytes
    """Each term's weighted frequency, unsigned 16-bit in the machine's order (the cache stays on its machine)."""
    positions: bytes
    """Each term's encoded positions, separated by spaces (varint digits hold none)."""


_ONCE = array("H", [1]).tobytes()


def packed(found: dict[str, tuple[int, bytes]]) -> Words:
    """`{term: (weighted frequency, encoded positions)}` (`search_index.terms`), packed."""
    frequencies = array("H", [min(tf, 65535) for tf, _ in found.values()])
    return Words(" ".join(found), frequencies.tobytes(), b" ".join([positions for _, positions in found.values()]))


def with_facets(words: Words, facets: list[str]) -> Words:
    """`words` with facet terms added (frequency 1, no positions)."""
    if not facets:
        return words
    if not words.terms:
        return Words(" ".join(facets), _ONCE * len(facets), b" " * (len(facets) - 1))
    return Words(f"{words.terms} {' '.join(facets)}", words.frequencies + _ONCE * len(facets),
                 words.positions + b" " * len(facets))


class _Postings:
    """Per term: the entries holding it, the term's frequency in each, and its encoded positions;
    spilled to scratch files as they grow, read back merged by term (`merged`)."""

    def __init__(self, scratch: Path) -> None:
        self._scratch = scratch
        self._terms: dict[str, tuple[array[int], array[int], bytearray]] = {}
        """Per term, its postings so far: entries, frequencies, positions (one lookup a posting, not three: the
        index's child spends most of a warm build here; 14 % less time in this loop)."""
        self._bytes = 0
        self._runs: list[Path] = []

    def add(self, doc: int, words: Words) -> None:
        """The entry `doc` holds `words`."""
        if not words.terms:
            return
        table = self._terms
        grown = 3 * len(words.frequencies) + len(words.positions)  # 6 bytes a posting, and its positions
        for term, tf, positions in zip(words.terms.split(" "), array("H", words.frequencies),
                                       words.positions.split(b" "), strict=True):
            held = table.get(term)
            if held is None:
                held = table[term] = (array("I"), array("H"), bytearray())
                grown += 200
            held[0].append(doc)
            held[1].append(tf)
            held[2].extend(positions)
        self._bytes += grown
        if self._bytes > SPILL_BYTES:
            self._spill()

    def _spill(self) -> None:
        path = self._scratch / f"run{len(self._runs)}"
        with path.open("wb") as out:
            for term, ids, tfs, pos in self._sorted():
                marshal.dump((term, ids, tfs, pos), out)
        self._runs.append(path)
        self._terms, self._bytes = {}, 0

    def _sorted(self) -> Iterator[tuple[str, bytes, bytes, bytes]]:
        for term in sorted(self._terms):
            ids, tfs, pos = self._terms[term]
            yield term, ids.tobytes(), tfs.tobytes(), bytes(pos)

    def merged(self) -> Iterator[tuple[str, array[int], array[int], bytearray]]:
        """Every term in order, with all its postings (ids ascending: runs hold ascending id ranges). Once
        anything was spilled, the postings still held are spilled too: the merge, whose biggest terms weigh tens
        of megabytes at 10,000 briefings, does not run beside a full buffer."""
        if self._runs and self._terms:
            self._spill()
        runs = [_read_run(path) for path in self._runs] + [self._sorted()]
        for term, group in itertools.groupby(heapq.merge(*runs, key=lambda item: item[0]), key=lambda item: item[0]):
            ids, tfs, pos = array("I"), array("H"), bytearray()
            for _, i, t, p in group:
                ids.frombytes(i)
                tfs.frombytes(t)
                pos += p
            yield term, ids, tfs, pos


def _read_run(path: Path) -> Iterator[tuple[str, bytes, bytes, bytes]]:
    with path.open("rb") as handle:
        while True:
            try:
                yield marshal.load(handle)
            except EOFError:
                return


T = TypeVar("T")


class _InOrder(Generic[T]):
    """A thread doing `work` on each item put, in the order put, beside the writer (zlib lets go of the interpreter
    as it compresses); at most 64 wait. `close` waits for the last and raises the first error `work` met."""

    def __init__(self, work: Callable[[T], None], name: str) -> None:
        self._work = work
        self._queue: queue.Queue[T | None] = queue.Queue(maxsize=64)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def put(self, item: T) -> None:
        self._queue.put(item)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._work(item)
                except BaseException as error:  # noqa: BLE001 - raised by close(), in the writer's thread
                    self._error = error

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error


class Offline:
    """Where the index's `file://` form goes: a folder of scripts, or, for a path ending in `.zip`, one zip of
    them for the offline bundle, deflated as the bundle deflates (`ZIP_LEVEL`) by a thread of its own while the
    index is written: the bundle copies the deflated bytes as they are (`offline_zip.BundleWriter.add_folder`),
    so that none waits to be compressed at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._deflating: _InOrder[tuple[str, bytes]] | None = None
        if path.suffix == ".zip":
            path.parent.mkdir(parents=True, exist_ok=True)
            self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL)
            self._deflating = _InOrder(self._deflate, "offline-index")
        else:
            path.mkdir(parents=True, exist_ok=True)

    def write(self, name: str, text: str | bytes) -> None:
        data = text.encode() if isinstance(text, str) else text
        if self._deflating is not None:
            self._deflating.put((name, data))
        else:
            (self.path / name).write_bytes(data)

    def _deflate(self, item: tuple[str, bytes]) -> None:
        assert self._zip is not None
        self._zip.writestr(zipfile.ZipInfo(item[0], date_time=ZIP_EPOCH), item[1], zipfile.ZIP_DEFLATED, ZIP_LEVEL)

    def close(self) -> None:
        if self._deflating is not None and self._zip is not None:
            try:
                self._deflating.close()
            finally:
                self._zip.close()
                self._zip = None


class _Scripts:
    """Scripts gathered into one `file://` file of the `offline` form until one comes for another file: the blobs
    starting in one window of a pack (`script_file`), or SCRIPT_BLOCKS text blocks."""

    def __init__(self, offline: Offline | None) -> None:
        self.offline = offline
        self._file = ""
        self._held: list[bytes] = []

    def add(self, file: str, text: str | bytes) -> None:
        if file != self._file:
            self.flush()
            self._file = file
        self._held.append(text.encode() if isinstance(text, str) else text)

    def flush(self) -> None:
        if self.offline is not None and self._held:
            self.offline.write(f"{self._file}.js", b"".join(self._held))
        self._held = []


class _Packs:
    """Blobs appended to `<prefix><n>.bin` files of about PACK_BYTES; with `offline`, each also a script
    file there, named by the caller."""

    def __init__(self, folder: Path, offline: Offline | None, prefix: str) -> None:
        self.folder, self.offline, self.prefix = folder, offline, prefix
        self.sizes: list[int] = []
        self._out: BinaryIO | None = None
        self._scripts = _Scripts(offline)
        self.digest = hashlib.sha256()

    def add(self, name: str, data: Any, *, together: int = 0, offline: bool = True) -> list[int]:
        """Store the blob `name` (JSON-able; bytes stand for the string of those ASCII characters); returns
        `[pack, offset, length]`. `together`: bytes that must follow it in the same pack (the rest of a group read
        in one place). With `offline` (and the `offline` form written), the blob is also a script in the file of
        its place's window (`script_file`)."""
        string = isinstance(data, (bytes, bytearray))
        raw = _deflated_string(data) if string else zlib.compress(dumps(data).encode(), BLOB_LEVEL)
        if self._out is None or self.sizes[-1] and self.sizes[-1] + len(raw) + together > PACK_BYTES:
            self._open()
        assert self._out is not None
        location = [len(self.sizes) - 1, self.sizes[-1], len(raw)]
        self._out.write(raw)
        self.sizes[-1] += len(raw)
        self.digest.update(raw)
        if offline and self.offline is not None:
            self._scripts.add(script_file(self.prefix, location),
                              _string_script(name, data) if string else script(name, data))
        return location

    def read(self, location: list[int]) -> Any:
        """A blob this writer stored, read back (its pack flushed first)."""
        pack, offset, length = location
        if self._out is not None:
            self._out.flush()
        with (self.folder / f"{self.prefix}{pack}.bin").open("rb") as handle:
            handle.seek(offset)
            return json.loads(zlib.decompress(handle.read(length)))

    def _open(self) -> None:
        self.close()
        self.sizes.append(0)
        self._out = (self.folder / f"{self.prefix}{len(self.sizes) - 1}.bin").open("wb")

    def close(self) -> None:
        self._scripts.flush()
        if self._out is not None:
            self._out.close()
            self._out = None


class _Texts:
    """Text blocks: zlib-compressed with a preset dictionary in `text<n>.bin` (the dictionary first, offsets in
    `blocks.bin`), and with `offline`, `d<n>.js` there. The first blocks are held until they make the dictionary
    (`DICTIONARY` bytes of their text, or all of it in a smaller archive). A thread compresses and writes the
    blocks (zlib lets go of the interpreter: 1.1 s of the 1,137 White House briefings' 1.6 s of text blocks)
    while the entries after them are added, in order."""

    def __init__(self, folder: Path, offline: Offline | None) -> None:
        self.folder, self.offline = folder, offline
        self.offsets = array("I", [0])
        """Where each block starts, and the end (written by the thread: read them after `close`)."""
        self.packs: list[int] = []
        self.dictionary = b""
        self._primed: Any = None
        """A compressor that has read the dictionary and nothing else: each block is compressed by a copy."""
        self._pending: list[str] = []
        self._early: list[bytes] | None = []
        """The first blocks, until the dictionary is made of them."""
        self._blocks = 0
        self._out: BinaryIO | None = None
        self._size = 0
        self._scripts = _Scripts(offline)
        self._writing = _InOrder(self._write, "text-blocks")
        self.digest = hashlib.sha256()

    def add(self, stored: str) -> None:
        """One entry's stored data, as JSON (`dumps`)."""
        self._pending.append(stored)
        if len(self._pending) == BLOCK:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        number, self._blocks = self._blocks, self._blocks + 1
        text = f"[{','.join(self._pending)}]"  # as dumps(the entries' lists), without making them again
        if self._early is None:
            self._writing.put(text.encode())
        else:
            self._early.append(text.encode())
            if sum(map(len, self._early)) >= DICTIONARY:
                self._start()
        if self.offline is not None:
            self._scripts.add(f"t{number // SCRIPT_BLOCKS}", f'__archiveSearch("d{number}",{text})\n')
        self._pending = []

    def _start(self) -> None:
        """The dictionary made of the blocks held, then those blocks, to the thread."""
        early, self._early = self._early or [], None
        self.dictionary = b"".join(early)[:DICTIONARY]
        self._writing.put(self.dictionary)
        for block in early:
            self._writing.put(block)

    def _write(self, block: bytes) -> None:
        """In the thread: the dictionary, then each block compressed with it, into the current pack or a new one."""
        if self._out is None:  # the dictionary, first in the first pack
            self.packs.append(0)
            self._out = (self.folder / "text0.bin").open("wb")
            self._out.write(block)
            self._size = self.offsets[0] = len(block)
            self.digest.update(block)
            return
        if self._primed is None:
            self._primed = zlib.compressobj(6, zdict=self.dictionary) if self.dictionary else zlib.compressobj(6)
        packer = self._primed.copy()  # the dictionary read once, not once a block
        data = packer.compress(block) + packer.flush()
        if self._size + len(data) > PACK_BYTES and self._size:
            self._out.close()
            self.packs.append(self.offsets[-1])
            self._out = (self.folder / f"text{len(self.packs) - 1}.bin").open("wb")
            self._size = 0
        self._out.write(data)
        self._size += len(data)
        self.offsets.append(self.offsets[-1] + len(data))
        self.digest.update(data)

    def close(self) -> None:
        self._flush()
        if self._early is not None:
            self._start()
        self._writing.close()
        self._scripts.flush()
        if self._out is not None:
            self._out.close()
            self._out = None
        if self.offsets[-1] >= 2 ** 32 - PACK_BYTES:
            raise OverflowError("search index text over 4 GB")
        little = array("I", self.offsets)
        if sys.byteorder == "big":  # pragma: no cover - blocks.bin is little-endian everywhere
            little.byteswap()
        (self.folder / "blocks.bin").write_bytes(little.tobytes())


class StoreWriter:
    """Writes the index into `folder` (and the `file://` copies into `offline`), one entry at a time."""

    def __init__(self, folder: Path, offline: Path | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.offline = Offline(offline) if offline is not None else None
        self._scratch = temporary_folder("archive-search-")
        self._postings = _Postings(self._scratch)
        self._texts = _Texts(folder, self.offline)
        self._lengths = array("I")
        self._whos = array("I")
        self._sets = array("I")
        """Each entry's facets, who and topic set, as numbers of their distinct values (`_values`, a few thousand at
        most): 8 bytes an entry, where a list's pointers took 16 (24 MB at 10,000 briefings)."""
        self._values: list[bytes] = []
        self._numbers: dict[bytes, int] = {}
        self.entries = 0

    def _number(self, value: bytes) -> int:
        """The number of a facet's value among the distinct ones."""
        number = self._numbers.get(value)
        if number is None:
            number = self._numbers[value] = len(self._values)
            self._values.append(value)
        return number

    def add(self, stored: Any, terms: Words, length: int, meta: bytes = NO_FACETS) -> int:
        """Add one entry: what a result shows (`stored`: a JSON-able list, or its JSON as `dumps` makes it), its
        terms (`packed`), its length in words, its facets (`meta`: varint characters of who × 2 + question and
        topic set; NO_FACETS for a page). Returns the entry's number."""
        doc = self.entries
        self.entries += 1
        self._postings.add(doc, terms)
        self._lengths.append(length)
        cut = next(i for i, c in enumerate(meta) if _BYTE_VALUE[c] < 32) + 1  # the end of the first number
        self._whos.append(self._number(meta[:cut]))
        self._sets.append(self._number(meta[cut:]))
        self._texts.add(stored if isinstance(stored, str) else dumps(stored))
        return doc

    def finish(self, manifest: dict[str, Any], lists: dict[str, Any], blobs: dict[str, Any]) -> dict[str, Any]:
        """Merge and write the term data, the `blobs` (`{name: JSON-able}`, each loaded when needed), then
        `lists.js` and `manifest.js` (with `manifest`'s keys added); returns the manifest."""
        try:
            self._texts.close()
            shards = _Packs(self.folder, self.offline, "shards")
            terms = _Packs(self.folder, self.offline, "terms")
            table, sizes = self._write_terms(shards, terms)
            answers = self._heavy(shards, terms, sizes, manifest, lists, blobs)
            named = {name: terms.add(name, data) for name, data in {**blobs, "prefixes": sizes.prefixes()}.items()}
            shards.close()
            terms.close()
        finally:
            shutil.rmtree(self._scratch, ignore_errors=True)
        lists_blob = script("lists", lists)
        version = hashlib.sha256(shards.digest.digest() + terms.digest.digest() + self._texts.digest.digest()
                                 + lists_blob.encode())
        full = {
            **manifest, "format": FORMAT, "version": version.hexdigest()[:12], "entries": self.entries,
            "levels": LEVELS, "block": BLOCK, "blocks": len(self._texts.offsets) - 1, "text": self._texts.packs,
            "dictionary": len(self._texts.dictionary),
            "script_blocks": SCRIPT_BLOCKS, "script_window": SCRIPT_WINDOW,
            "shards": table, "blobs": named, **({"heavy": answers} if answers else {}),
        }
        self._write("lists.js", lists_blob)
        self._write("manifest.js", script("manifest", full), offline=False)
        if self.offline is not None:
            self.offline.write("manifest.js", script("manifest", {**full, "entry_facets": self._entry_facets()}))
            self.offline.close()
        return full

    def _write(self, name: str, content: str, offline: bool = True) -> None:
        (self.folder / name).write_text(content, encoding="utf-8")
        if offline and self.offline is not None:
            self.offline.write(name, content)

    def _entry_facets(self) -> list[int]:
        """The `file://` form's facets: every entry's, ENTRY_FACETS entries to a script (`facets<k>.js`: who, then
        topic set, as a term's are), where the packs give each term's postings theirs (left out of that form).
        Returns `[ENTRY_FACETS, files]` for its manifest."""
        assert self.offline is not None
        files = -(-self.entries // ENTRY_FACETS)
        for k in range(files):
            entries = range(k * ENTRY_FACETS, min(self.entries, (k + 1) * ENTRY_FACETS))
            self.offline.write(f"facets{k}.js", _string_script(f"facets{k}", self._meta_of(entries).encode("ascii")))
        return [ENTRY_FACETS, files]

    def _write_terms(self, shards: _Packs, terms: _Packs) -> tuple[dict[str, Any], _Sizes]:
        """The term data: small terms' postings in shards (`shards<n>.bin`, or `s<n>.js`), each followed by
        its terms' facets and positions (`m<n>`, `q<n>`); a big term's three strings in `terms<n>.bin`
        (`b<n>.js`), their places in its shard. Returns the shard table (first terms, and varints of the
        pack step, 0 or 1, and the three parts' lengths, per shard)."""
        lengths = self._lengths
        average = max(1.0, sum(lengths) / len(lengths)) if lengths else 1.0
        # per entry, in arrays filled from generators: lists of floats weighed 32 bytes an entry each (100 MB at 10,000
        # briefings), and a list made only to fill an array, 48 MB for a moment
        norms = array("d", (K1 * (1 - B + B * min(n / average, LENGTH_CAP)) for n in lengths))
        top_of = (float(LEVELS), LEVELS * QUESTION_WEIGHT)  # a posting's top weight: an answer's, a question's
        asks = [_BYTE_VALUE[value[0]] & 1 for value in self._values]  # who × 2 + 1: a question
        # per entry, 1 for a question: a byte, where its top weight as a double took 8 (12 MB at 10,000 briefings)
        questions = bytes(asks[who] for who in self._whos)
        once = array("B", (max(1, int(top_of[question] / (1 + norm) + 0.5))
                           for question, norm in zip(questions, norms, strict=True)))
        first: list[str] = []
        steps: list[int] = []
        group: list[dict[str, Any]] = [{}, {}, {}]
        size = 0
        big = 0
        sizes = _Sizes()

        def close_shard() -> None:
            nonlocal group, size
            if not group[0]:
                return
            number = len(first)
            parts = [dumps(g).encode() for g in group]
            pack = len(shards.sizes)
            locations = [shards.add(f"{kind}{number}", g, together=sum(map(len, parts[i + 1:])), offline=kind != "m")
                         for i, (kind, g) in enumerate(zip("smq", group, strict=True))]
            first.append(min(group[0]))
            sizes.shard_locations.append(locations)
            steps.extend([len(shards.sizes) - pack, *(loc[2] for loc in locations)])
            sizes.shard_bytes.append(len(parts[0]))  # as parsed, not as fetched: the prefixes' budget
            group, size = [{}, {}, {}], 0

        def encoded_postings(ids: array[int], tfs: array[int]) -> str:
            """`encode` of the postings with their levels, made `CHUNK` at a time: a word in every turn has
            a million and a half at 10,000 briefings, 50 MB as one list of numbers."""
            out, last = [], -8
            for start in range(0, len(ids), CHUNK):
                levels = [doc << 3 | (once[doc] if tf == 1
                                      else max(1, int(tf * top_of[questions[doc]] / (tf + norms[doc]) + 0.5)))
                          for doc, tf in zip(ids[start:start + CHUNK], tfs[start:start + CHUNK], strict=True)]
                out.append(encode(levels, last))
                last = levels[-1]
            return "".join(out)

        for term, ids, tfs, pos in self._postings.merged():
            encoded, meta = encoded_postings(ids, tfs), self._meta_of(ids)
            own = len(encoded) > BIG_TERM
            if own:  # the positions go as they are (a string's ASCII bytes): megabytes for the commonest words
                entry: list[Any] = [len(ids)]
                for k, part in enumerate((encoded, meta, pos)):
                    entry.append([big, *terms.add(f"b{big}", part, offline=k != 1)] if part else None)
                    big += 1
                cost = len(term) + 80
                sizes.cost(term, sum(part[3] for part in entry[1:3] if part))
            else:
                entry, cost = [len(ids), encoded], len(term) + len(encoded) + 8
            if size and size + cost > SHARD_BYTES:
                close_shard()
            group[0][term] = entry
            if not own:
                group[1][term] = meta
                if pos:
                    group[2][term] = pos.decode("ascii")
            size += cost
            sizes.add(term, len(first), len(ids), len(encoded) if own else 0)
        close_shard()
        return {"first": first, "parts": varints(steps)}, sizes

    def _heavy(self, shards: _Packs, terms: _Packs, sizes: _Sizes, manifest: dict[str, Any], lists: dict[str, Any],
               blobs: dict[str, Any]) -> dict[str, list[int]]:
        """The answers made here for the heaviest words (`search_heavy`), as blobs `h<n>` of the term data:
        `{word: [n, pack, offset, length]}`. Only for an index of briefings (its lists say which entries are
        turns)."""
        if "turns_end" not in manifest or not sizes.costs:
            return {}
        words = [item[0] for item in sizes.terms]
        briefings = heavy.Briefings.of(read_varints(lists["dates"]), read_varints(lists["sizes"]),
                                       read_varints(lists["kinds_of"]), manifest["turns_end"])
        topic_sets: list[list[int]] = []
        for name in sorted((n for n in blobs if n.startswith("sets")), key=lambda n: int(n[4:])):
            values = read_varints(blobs[name])
            at = 0
            while at < len(values):
                topic_sets.append(values[at + 1:at + 1 + values[at]])
                at += 1 + values[at]
        loaded: dict[int, dict[str, Any]] = {}

        def shard(number: int, part: int) -> dict[str, Any]:
            key = number * 4 + part
            if key not in loaded:
                loaded.clear()
                loaded[key] = shards.read(sizes.shard_locations[number][part])
            return loaded[key]

        def read(term: str) -> tuple[int, heavy.Postings]:
            number = sizes.terms[bisect.bisect_left(words, term)][1]
            entry = shard(number, 0)[term]
            if isinstance(entry[1], str):
                ids, meta = entry[1], shard(number, 1).get(term, "")
            else:
                ids, meta = (terms.read(part[1:]) if part else "" for part in entry[1:3])
            return entry[0], heavy.Postings(*postings_columns(ids), *facet_columns(meta))

        out: dict[str, list[int]] = {}
        for word, forms in heavy.heavy_words(sizes.costs, words):
            data = heavy.answer(forms, read, self.entries, LEVELS, briefings,
                                lambda n: topic_sets[n] if n < len(topic_sets) else [])
            number = len(out)
            out[word] = [number, *terms.add(f"h{number}", data)]
        return out

    def _meta_of(self, ids: array[int] | range) -> str:
        """The facets of a term's postings, in two columns (each deflates better alone): who, then topic set."""
        value, out = self._values.__getitem__, bytearray()
        for column in (self._whos, self._sets):  # CHUNK at a time: a list of every posting's value took 12 MB
            for start in range(0, len(ids), CHUNK):
                out += b"".join(map(value, map(column.__getitem__, ids[start:start + CHUNK])))
        return out.decode("ascii")


class _Sizes:
    """Per term: its shard, how many entries hold it and the bytes of its own blob; for `prefixes`."""

    def __init__(self) -> None:
        self.terms: list[tuple[str, int, int, int]] = []
        self.shard_bytes: list[int] = []
        """Bytes of each shard's postings part."""
        self.shard_locations: list[list[list[int]]] = []
        """Where each shard's three parts are in the shards' packs."""
        self.costs: dict[str, int] = {}
        """The deflated bytes of the postings and facets of the words with blobs of their own, heavy enough to
        count towards a heavy word (`search_heavy`)."""

    def add(self, term: str, shard: int, df: int, own: int) -> None:
        if not term.startswith("@"):
            self.terms.append((term, shard, df, own))

    def cost(self, term: str, deflated: int) -> None:
        if deflated * 8 > heavy.HEAVY_BYTES and not term.startswith("@"):
            self.costs[term] = deflated

    def prefixes(self) -> dict[str, list[str]]:
        """For a typed prefix (three characters or more) whose words would load more than PREFIX_BUDGET:
        the words it stands for, the most frequent first, as many as fit (the prefix itself first when
        it is a word). The header box's worker reads them; other prefixes load every word they begin."""
        by_prefix: dict[str, list[tuple[str, int, int, int]]] = {}
        for item in self.terms:
            term = item[0]
            for end in range(3, len(term) + 1):
                by_prefix.setdefault(term[:end], []).append(item)
        out: dict[str, list[str]] = {}
        for prefix, items in by_prefix.items():
            if self._cost(items) <= PREFIX_BUDGET:
                continue
            kept: list[str] = []
            loaded: set[int] = set()
            spent = 0
            for term, shard, _, own in sorted(items, key=lambda t: (t[0] != prefix, -t[2], t[0])):
                more = own + (0 if shard in loaded else self.shard_bytes[shard])
                if spent + more <= PREFIX_BUDGET:
                    kept.append(term)
                    loaded.add(shard)
                    spent += more
            out[prefix] = kept
        return dict(sorted(out.items()))

    def _cost(self, items: list[tuple[str, int, int, int]]) -> int:
        return sum(own for _, _, _, own in items) + sum(self.shard_bytes[s] for s in {i[1] for i in items})


class StoreReader:
    """The index as `StoreWriter` wrote it, read back (tests, checks): its manifest, lists, terms and entries."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest = _unwrap((folder / "manifest.js").read_text(encoding="utf-8"))
        self.lists = _unwrap((folder / "lists.js").read_text(encoding="utf-8"))
        parts = read_varints(self.manifest["shards"]["parts"])
        self._shards: list[list[list[int]]] = []
        pack, offset = -1, 0
        for number in range(len(self.manifest["shards"]["first"])):
            step, *lengths = parts[number * 4:number * 4 + 4]
            if step or pack < 0:
                pack, offset = pack + max(step, 1), 0
            locations = []
            for length in lengths:
                locations.append([pack, offset, length])
                offset += length
            self._shards.append(locations)

    def _blob(self, prefix: str, location: list[int]) -> Any:
        pack, offset, length = location
        with (self.folder / f"{prefix}{pack}.bin").open("rb") as handle:
            handle.seek(offset)
            return json.loads(zlib.decompress(handle.read(length)))

    def terms(self) -> Iterator[str]:
        """Every term, in order."""
        for number in range(len(self._shards)):
            yield from self._blob("shards", self._shards[number][0])

    def term(self, term: str) -> tuple[list[tuple[int, int]], list[int], list[int]] | None:
        """A term's postings `(entry, level)`, its facets (varints: who × 2 + question, topic set, per
        posting, side by side as `_paired` puts them) and positions (varints), or None."""
        first = self.manifest["shards"]["first"]
        number = max((i for i, t in enumerate(first) if t <= term), default=0)
        if not self._shards:
            return None
        entry = self._blob("shards", self._shards[number][0]).get(term)
        if entry is None:
            return None
        if isinstance(entry[1], str):
            meta = self._blob("shards", self._shards[number][1]).get(term, "")
            positions = self._blob("shards", self._shards[number][2]).get(term, "")
            return decode(entry[1]), _paired(meta), read_varints(positions)
        ids, meta, positions = (self._blob("terms", part[1:]) if part else "" for part in entry[1:4])
        return decode(ids), _paired(meta), read_varints(positions)

    def entries(self) -> Iterator[list[Any]]:
        """Every stored entry, in order (`[location, title, text, …]`; a turn's location is `#anchor`)."""
        offsets = array("I")
        offsets.frombytes((self.folder / "blocks.bin").read_bytes())
        if sys.byteorder == "big":  # pragma: no cover
            offsets.byteswap()
        starts = self.manifest["text"]
        with (self.folder / "text0.bin").open("rb") as handle:
            dictionary = handle.read(self.manifest["dictionary"])
        for number in range(len(offsets) - 1):
            start, end = offsets[number], offsets[number + 1]
            pack = max(i for i, s in enumerate(starts) if s <= start)
            with (self.folder / f"text{pack}.bin").open("rb") as handle:
                handle.seek(start - starts[pack])
                yield from json.loads(zlib.decompressobj(zdict=dictionary).decompress(handle.read(end - start)))


def _paired(meta: str) -> list[int]:
    """A term's facets (`facet_columns`) side by side: who, set, who, set…"""
    return [value for pair in zip(*facet_columns(meta), strict=True) for value in pair]


def _unwrap(text: str) -> Any:
    return json.loads(text[text.index(",") + 1:text.rindex(")")])
