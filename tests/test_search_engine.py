"""The archive's search index: the streaming writer and its files, a real build, and the header box in the browser."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import zlib
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.enrich.loader import Loader
from generator.model import Briefing, Outlet, Paragraph, Reporter, Segment, Speaker, Topic, Turn
from generator.site import search_facets as facets
from generator.site import search_heavy as heavy
from generator.site import search_index as search
from generator.site import search_store as store
from tests import search_judge
from tests.conftest import ROOT, Requests, build_site, copy_project, serve, unzip_bundle

SEED_PAGE = "briefings/2022-10-13-us-mexico-high-level-security-dialogue.html"
HOSTILE = """---
title: Hostile transcript
date: 2023-05-04
---

MR. SMITH: Fentanyl <img src=x onerror="window.__pwned=1"> and <b>bold</b> claims, said Smith.

Q Thanks. What about fentanyl precursors?
"""
PSAKI = Speaker("jen-psaki", "Jen Psaki", "Press Secretary", True, "official")
ZEKE = Speaker("zeke-miller", "Zeke Miller", "", True, "reporter", "Associated Press")
QUESTIONER = Speaker("q", "Q", kind="questioner")


def turn(anchor: str, speaker: Speaker, text: str, *, question: bool = False, topics: tuple[str, ...] = (),
         reporter: Reporter | None = None) -> Turn:
    return Turn(anchor, speaker.name, speaker, (Paragraph((Segment(text),), 1, topics=topics),), 1,
                question=question, reporter=reporter)


def briefing(slug: str, date: str, *turns: Turn, kind: str = "press briefing") -> Briefing:
    return Briefing(slug, f"{slug}.txt", f"Briefing {slug}", dt.date.fromisoformat(date), turns, kind=kind)


TOPICS = (Topic("economy", "Economy"), Topic("drugs", "Illicit drugs"))
OUTLETS = (Outlet("associated-press", "Associated Press"), Outlet("cbs-news", "CBS News"))
LISTED = {o.name: o for o in OUTLETS}
BRIEFINGS = [
    briefing("b", "2022-03-01",
             turn("t001", PSAKI, "Inflation is high; inflation, inflation.", topics=("economy",)),
             turn("t002", ZEKE, "What about fentanyl and the border?", question=True, topics=("drugs",)),
             turn("t003", QUESTIONER, "And the sham referenda?", question=True,
                  reporter=Reporter("Nancy Cordes", "CBS News"))),
    briefing("a", "2021-01-20",
             turn("t001", PSAKI, "The state of the union is strong, and inflation is low.", topics=("economy",)),
             turn("t002", QUESTIONER, "Thanks, Jen.", question=True), kind="gaggle"),
]


def written(folder: Path, briefings: list[Briefing] = BRIEFINGS, more: list[search.Entry] | None = None,
            offline: Path | None = None) -> store.StoreReader:
    search.write_index(folder, briefings, TOPICS, lambda: more, offline=offline,
                       site=search.Site("Archive", "https://example.org/"), outlets=OUTLETS)
    return store.StoreReader(folder)


def locations(reader: store.StoreReader) -> list[str]:
    out, page = [], ""
    for location, *_ in reader.entries():
        page = location.split("#", 1)[0] or page
        out.append(page + location if location.startswith("#") else location)
    return out


def docs(reader: store.StoreReader, term: str) -> list[str]:
    found = reader.term(term)
    where = locations(reader)
    return [where[doc] for doc, _ in found[0]] if found else []


# --------------------------------------------------------------------------- the writer


def test_tokens_fold_case_accents_dots_and_split_like_material() -> None:
    """Words are folded (case, accents, dots, apostrophes) and split at anything not a letter or digit."""
    assert search.tokens("Rodríguez's U.S. COVID-19 fentanyl, Ebrard’s") == [
        "rodriguezs", "us", "covid", "19", "fentanyl", "ebrards"]


def test_postings_and_varints_round_trip() -> None:
    """Entry ids and levels survive the varint string, including large gaps; so do plain numbers."""
    pairs = [(0, 1), (1, 7), (33, 3), (5000, 2), (123456, 5)]
    assert store.decode(store.encode([doc << 3 | level for doc, level in pairs])) == pairs
    assert store.read_varints(store.varints([0, 31, 32, 1023, 1024, 2 ** 40])) == [0, 31, 32, 1023, 1024, 2 ** 40]


def test_terms_keep_the_places_of_stop_words() -> None:
    """Positions count every word of the text, stop words too; the title has none, its words weigh TITLE_WEIGHT times."""
    found, length = search.terms("Jen Psaki", "The state of the union", ["@y:2021"])
    assert set(found) == {"jen", "psaki", "state", "union", "@y:2021"}
    assert store.read_varints(found["state"][1].decode()) == [(1 + 1) * 2]      # the second word
    assert store.read_varints(found["union"][1].decode()) == [(4 + 1) * 2]
    assert found["psaki"] == (search.TITLE_WEIGHT, search.NOWHERE) and found["state"][0] == 1
    assert found["@y:2021"] == (1, b"") and length == 4
    repeated, _ = search.terms("Inflation", "inflation and inflation")
    assert repeated["inflation"][0] == 2 + search.TITLE_WEIGHT
    assert store.read_varints(repeated["inflation"][1].decode()) == [(0 + 1) * 2 + 1, 1, 2]   # at 0, one more 2 later


def test_briefings_are_indexed_oldest_first_one_entry_per_turn(tmp_path: Path) -> None:
    """Entries follow the briefings' dates (a date range is a range of entries): each briefing's page, then its turns."""
    reader = written(tmp_path)
    assert locations(reader) == ["briefings/a.html", "briefings/a.html#t001", "briefings/a.html#t002",
                                 "briefings/b.html", "briefings/b.html#t001", "briefings/b.html#t002", "briefings/b.html#t003"]
    assert reader.manifest["turns_end"] == 7 and reader.manifest["briefings"] == 2


def test_a_stored_turn_keeps_its_paragraphs_and_where_its_marks_are(tmp_path: Path) -> None:
    """What a result shows is also what an offline briefing page shows (`turn-words.js`): a turn's paragraphs one to
    a line, the interpreter badge's words first, then which paragraphs were interpreted and where each stage
    direction is, in UTF-16 units (an emoji counts two), after nulls where the first turn of a text block has its
    page's address and title."""
    marked = Turn("t002", "MR. EBRARD", PSAKI, (
        Paragraph((Segment("Thanks \N{GRINNING FACE}"), Segment("(Laughter.)", stage=True), Segment("  ok ")), 3),
        Paragraph((Segment("Gracias,   señor."),), 5, interpreted=True)), 3)
    plain = turn("t003", QUESTIONER, "One\nline.", question=True)
    reader = written(tmp_path, [briefing("a", "2021-01-20", turn("t001", PSAKI, "Hello."), marked, plain)])
    entries = list(reader.entries())
    assert entries[2] == ["#t002", "Jen Psaki — Press Secretary",
                          "Partly via interpreter Thanks \N{GRINNING FACE} (Laughter.) ok\nGracias, señor.",
                          "Jen Psaki", "Press Secretary", 2, [0, 1], None, None, [[1], [0, 10, 21]]]
    assert entries[3][2] == "One line." and len(entries[3]) == 7  # no layout: nothing after the citation numbers


def test_one_posting_per_entry_holding_the_word(tmp_path: Path) -> None:
    """A word points at every entry holding it, once; stop words are not indexed; repetition weighs more."""
    reader = written(tmp_path)
    assert docs(reader, "inflation") == ["briefings/a.html#t001", "briefings/b.html#t001"]
    assert reader.term("the") is None and reader.term("and") is None
    (_, once), (_, thrice) = reader.term("inflation")[0]
    assert thrice > once


def test_turns_carry_who_asked_or_answered_and_their_topics(tmp_path: Path) -> None:
    """Each posting carries the turn's facets: who (+1) × 2 + question, and its topic set; the lists name them."""
    reader = written(tmp_path)
    who = {w[0]: (n, w) for n, w in enumerate(reader.lists["who"])}   # ids are the names' slugs here
    assert set(who) == {"Jen Psaki", "Zeke Miller", "Nancy Cordes"}
    assert who["Zeke Miller"][1] == ["Zeke Miller", 1, 1, 1, "Associated Press"]
    assert who["Nancy Cordes"][1] == ["Nancy Cordes", 1, 0, 1, "CBS News"]   # called on, no page
    postings, meta, _ = reader.term("fentanyl")
    assert [m for m in meta[::2]] == [(who["Zeke Miller"][0] + 1) * 2 + 1]
    assert docs(reader, "@p:jen-psaki") == ["briefings/a.html#t001", "briefings/b.html#t001"]
    assert docs(reader, "@o:cbs-news") == ["briefings/b.html#t003"]
    assert docs(reader, "@k:gaggle") == ["briefings/a.html#t001", "briefings/a.html#t002"]
    assert len(docs(reader, "@q")) == 3 and docs(reader, "@t:drugs") == ["briefings/b.html#t002"]
    assert [t[0] for t in reader.lists["topics"]] == ["economy", "drugs"]   # most turns first


def test_who_reads_the_model() -> None:
    """An answer counts for its speaker (followed identities only), a question for its asker; nobody's when unknown."""
    assert facets.who(turn("t1", PSAKI, "x"), LISTED) == facets.Who("jen-psaki", "Jen Psaki", False, page=True)
    assert facets.who(turn("t1", ZEKE, "x", question=True), LISTED).outlet == "associated-press"
    assert facets.who(turn("t1", ZEKE, "x", question=True), {}).outlet == ""  # only a listed outlet is a facet
    assert facets.who(turn("t1", QUESTIONER, "x", question=True), LISTED) is None
    by_outlet = turn("t1", QUESTIONER, "x", question=True, reporter=Reporter("", "CBS News"))  # `CBS News:`, no name
    assert facets.who(by_outlet, LISTED) == facets.Who("cbs-news", "CBS News", True, "cbs-news", "CBS News")
    assert facets.who(turn("t1", QUESTIONER, "x", question=True, reporter=Reporter("", "CCTV")), LISTED) == \
        facets.Who("cctv", "CCTV", True)
    assert facets.who(turn("t1", Speaker("sao", "SENIOR OFFICIAL", kind="anonymous"), "x"), LISTED) is None
    assert facets.kind_id("Background call") == "background-call" and facets.kind_id(" ") == ""


def test_a_turn_without_indexed_words_is_still_filed_under_its_facets(tmp_path: Path) -> None:
    """A turn of stop words only ("And so?") has no word to find it by, but a filter by speaker, topic or
    year still lists it; the words of the turns around it keep their own entries."""
    quiet = [briefing("q", "2022-03-01", turn("t001", PSAKI, "Inflation first."),
                      turn("t002", PSAKI, "And so?", topics=("economy",)), turn("t003", PSAKI, "Inflation again."))]
    reader = written(tmp_path, quiet)
    assert docs(reader, "@p:jen-psaki") == ["briefings/q.html#t001", "briefings/q.html#t002", "briefings/q.html#t003"]
    assert docs(reader, "@t:economy") == ["briefings/q.html#t002"] and len(docs(reader, "@y:2022")) == 3
    assert docs(reader, "inflation") == ["briefings/q.html#t001", "briefings/q.html#t003"]


def test_spilled_postings_merge_to_the_same_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer holds postings only up to SPILL_BYTES, then spills them: the merged files are the same bytes."""
    whole = tmp_path / "whole"
    written(whole)
    monkeypatch.setattr(store, "SPILL_BYTES", 50)
    spilled = tmp_path / "spilled"
    written(spilled)
    assert {p.name: p.read_bytes() for p in whole.iterdir()} == {p.name: p.read_bytes() for p in spilled.iterdir()}


def test_postings_encoded_a_chunk_at_a_time_are_the_same_bytes(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A term's postings are weighed and encoded CHUNK at a time (a word in every turn of 10,000 briefings has a
    million and a half): in chunks of one or two postings, the index is the same bytes as in one piece."""
    whole = tmp_path / "whole"
    written(whole)
    for chunk in (1, 2):
        monkeypatch.setattr(store, "CHUNK", chunk)
        chunked = tmp_path / f"chunked{chunk}"
        written(chunked)
        assert {p.name: p.read_bytes() for p in whole.iterdir()} == {p.name: p.read_bytes() for p in chunked.iterdir()}


def test_big_terms_get_blobs_of_their_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A term with long postings is read from blobs of its own (postings, facets, positions), the same data."""
    small = written(tmp_path / "small")
    monkeypatch.setattr(store, "BIG_TERM", 1)
    big = written(tmp_path / "big")
    assert big.term("inflation") == small.term("inflation")
    assert any(name.startswith("terms") for name in (p.name for p in (tmp_path / "big").iterdir()))


def test_a_common_words_postings_are_fetched_compressed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Range request brings a blob as stored (hosts compress whole files, not ranges of one): the packs hold
    each blob zlib-compressed, and a common word's postings, facets and positions come in far fewer bytes
    than their JSON."""
    monkeypatch.setattr(store, "BIG_TERM", 50)
    many = [briefing(f"x{i:03}", f"2022-01-{1 + i % 28:02}", *(turn(f"t{k:03}", ZEKE if k % 2 else PSAKI,
                                                                    f"inflation is {k} percent", question=bool(k % 2))
                                                               for k in range(1, 40))) for i in range(30)]
    reader = written(tmp_path, many)
    first = reader._blob("shards", reader._shards[0][0])
    parts = first["inflation"][1:4]
    assert all(parts)                                       # postings, facets and positions: blobs of their own
    for _, pack, offset, length in parts:
        stored = (tmp_path / f"terms{pack}.bin").read_bytes()[offset:offset + length]
        data = zlib.decompress(stored)                      # what the page inflates
        assert json.loads(data) == reader._blob("terms", [pack, offset, length])
        assert len(stored) < 0.7 * len(data)
    shard = reader._shards[0][0]
    assert json.loads(zlib.decompress((tmp_path / "shards0.bin").read_bytes()[shard[1]:shard[1] + shard[2]])) == first


def test_offline_copy_holds_the_same_blobs_as_scripts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """For file://, every blob and text block is also a script `__archiveSearch("name",…)`, a few to a file: the
    blobs starting in one window of a pack, text blocks SCRIPT_BLOCKS to a file, in order; but the postings'
    facets, which that form holds once for every entry, ENTRY_FACETS entries to a file (`facets<k>`)."""
    monkeypatch.setattr(store, "SCRIPT_BLOCKS", 2)
    monkeypatch.setattr(store, "SCRIPT_WINDOW", 1_000)
    monkeypatch.setattr(store, "SHARD_BYTES", 100)
    monkeypatch.setattr(store, "ENTRY_FACETS", 16)
    monkeypatch.setattr(store, "BIG_TERM", 10)
    several = [briefing(f"x{i}", f"2022-01-{1 + i:02}", *(turn(f"t{k:03}", PSAKI, f"inflation {i} {k}")
                                                         for k in range(1, 10))) for i in range(5)]
    reader = written(tmp_path / "site", several, offline=tmp_path / "offline")
    files = {p.name[:-3]: [(line[len('__archiveSearch("'):line.index('",')], store._unwrap(line))
                           for line in p.read_text(encoding="utf-8").splitlines()]
             for p in (tmp_path / "offline").iterdir()}
    pieces = {name: data for held in files.values() for name, data in held}
    assert sum(map(len, files.values())) == len(pieces)   # no piece twice
    entries = reader.manifest["entries"]
    assert files["manifest"] == [("manifest", {**reader.manifest, "entry_facets": [16, -(-entries // 16)]})]
    assert files["lists"] == [("lists", reader.lists)]
    assert reader.manifest["script_blocks"] == 2 and reader.manifest["script_window"] == 1_000
    for number, parts in enumerate(reader._shards):
        for kind, place in zip("smq", parts, strict=True):
            piece = (f"{kind}{number}", reader._blob("shards", place))
            assert (piece in files[f"shards{place[0]}-{place[1] // 1_000}"]) == (kind != "m")
    big = [entry for part in reader._shards for entry in reader._blob("shards", part[0]).values() if isinstance(entry[1], list)]
    assert big
    for entry in big:  # a big term's postings and positions, not its facets
        for k, blob in enumerate(entry[1:]):
            if blob is not None:
                place = blob[1:]
                assert (f"b{blob[0]}" in dict(files[f"terms{place[0]}-{place[1] // 1_000}"])) == (k != 1)
    for name, place in reader.manifest["blobs"].items():
        assert (name, reader._blob("terms", place)) in files[f"terms{place[0]}-{place[1] // 1_000}"]
    codes, sets = [], []
    for k in range(-(-entries // 16)):  # each file: its entries' who, then their topic sets
        values = store.read_varints(pieces[f"facets{k}"])
        half = len(values) // 2
        assert half == min(16, entries - 16 * k)
        codes += values[:half]
        sets += values[half:]
    terms = list(reader.terms())
    assert len(codes) == entries > 16 and len(terms) > 10
    for term in terms:  # the table gives each posting the facets the packs give it
        found = reader.term(term)
        assert found is not None
        assert found[1] == [value for doc, _ in found[0] for value in (codes[doc], sets[doc])], term
    assert len(reader._shards) > 3 and len([n for n in files if n.startswith("shards")]) < len(reader._shards)
    blocks = reader.manifest["blocks"]
    assert blocks > 2
    assert sorted(n for n in files if n.startswith("t") and not n.startswith("terms")) == \
        sorted(f"t{k}" for k in range((blocks + 1) // 2))
    assert [name for k in range((blocks + 1) // 2) for name, _ in files[f"t{k}"]] == [f"d{n}" for n in range(blocks)]
    assert [e for n in range(blocks) for e in pieces[f"d{n}"]] == list(reader.entries())


def test_offline_scripts_answer_as_the_packs_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file:// form, read through script elements as the offline page reads it (several pieces to a file),
    answers every query as the packs read by Range do: the same results, in the same order, with their texts."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js is missing (apt-get install nodejs)")
    for name, value in (("SCRIPT_BLOCKS", 2), ("SCRIPT_WINDOW", 1_000), ("SHARD_BYTES", 100), ("BIG_TERM", 10)):
        monkeypatch.setattr(store, name, value)
    several = [briefing(f"x{i}", f"2022-01-{1 + i:02}",
                        *(turn(f"t{k:03}", ZEKE if k % 2 else PSAKI, f"inflation {i} {k} fentanyl", question=bool(k % 2),
                               topics=("economy",) if k % 3 else ()) for k in range(1, 12))) for i in range(6)]
    reader = written(tmp_path / "site", several, offline=tmp_path / "offline")
    assert any(isinstance(e[1], list) for e in reader._blob("shards", reader._shards[0][0]).values())  # big terms
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps([{"id": n, "params": q} for n, q in enumerate(
        ["q=inflation", 'q="inflation 3"', "q=fentanyl&speaker=jen-psaki", "q=miller", "topic=economy&sort=newest",
         "q=inflation&role=question&from=2022-01-03"])]), encoding="utf-8")

    def answers(index: str) -> list[dict[str, Any]]:
        run = subprocess.run([node, str(search_judge.RUNNER), index, str(queries), "100"], capture_output=True,
                             text=True, timeout=120, check=True)
        return [{k: v for k, v in answer.items() if k != "ms"} for answer in json.loads(run.stdout)]

    packs = answers(str(tmp_path / "site"))
    assert all(answer["count"] for answer in packs) and sum(answer["count"] for answer in packs) > 100
    assert answers(f"scripts:{tmp_path / 'offline'}") == packs


def test_the_index_is_a_few_files_whatever_the_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hosts count files: the index is a manifest, lists and packs of about PACK_BYTES, not a file per shard."""
    monkeypatch.setattr(store, "SHARD_BYTES", 64)
    monkeypatch.setattr(store, "PACK_BYTES", 2_000)
    many = [briefing(f"x{i:03}", f"2022-01-{1 + i % 28:02}", *(turn(f"t{k:03}", PSAKI, f"word{i}{k} inflation {k}")
                                                                 for k in range(1, 30))) for i in range(40)]
    reader = written(tmp_path, many)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(reader.manifest["shards"]["first"]) > 20
    assert set(names) >= {"manifest.js", "lists.js", "blocks.bin"}
    assert all(re.fullmatch(r"(shards|terms|text)\d+\.bin|manifest\.js|lists\.js|blocks\.bin", n) for n in names), names
    assert len(names) < len(reader.manifest["shards"]["first"]) / 2


def test_text_blocks_share_a_dictionary_of_the_first_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text blocks (what results show) are deflated with the first blocks' text as a preset dictionary,
    which opens text0.bin: the words every briefing repeats weigh less, and every entry reads back whole,
    over several packs too."""
    monkeypatch.setattr(store, "PACK_BYTES", 2_000)
    monkeypatch.setattr(store, "DICTIONARY", 4_000)
    said = "The President is focused on lowering costs for working families across the country, and {}."
    many = [briefing(f"x{i:03}", f"2022-{1 + i // 28:02}-{1 + i % 28:02}", *(turn(f"t{k:03}", PSAKI, said.format(f"item {i} {k}"))
                                                                 for k in range(1, 12))) for i in range(30)]
    reader = written(tmp_path, many)
    length = reader.manifest["dictionary"]
    assert length == 4_000 and (tmp_path / "text0.bin").read_bytes()[:length].startswith(b'[["briefings/x000.html"')
    assert len(reader.manifest["text"]) >= 3
    assert [entry[2] for entry in reader.entries() if entry[0].startswith("#")] == [
        said.format(f"item {i} {k}") for i in range(30) for k in range(1, 12)]
    offsets = array("I", (tmp_path / "blocks.bin").read_bytes())
    alone = sum(len(zlib.compress(json.dumps(block, ensure_ascii=False, separators=(",", ":")).encode(), 6))
                for block in _blocks(reader))
    assert offsets[0] == length and offsets[-1] - offsets[0] < alone * 0.7


def _blocks(reader: store.StoreReader) -> list[list[Any]]:
    entries = list(reader.entries())
    return [entries[i:i + store.BLOCK] for i in range(0, len(entries), store.BLOCK)]


def test_build_is_deterministic(tmp_path: Path) -> None:
    """The same briefings give byte-identical files."""
    written(tmp_path / "one")
    written(tmp_path / "two")
    read = lambda folder: {p.name: p.read_bytes() for p in folder.iterdir()}  # noqa: E731
    assert read(tmp_path / "one") == read(tmp_path / "two")


def test_common_prefixes_stay_within_the_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """For the header box, a typed prefix whose words exceed the budget stands for its most frequent words."""
    monkeypatch.setattr(store, "SHARD_BYTES", 300)
    monkeypatch.setattr(store, "PREFIX_BUDGET", 1500)
    monkeypatch.setattr(store, "BIG_TERM", 200)
    many = [briefing(f"x{i:03}", "2022-01-01", *(turn(f"t{k:03}", PSAKI, f"presidential president{k % 7} press{k % 5} pre{k}")
                                                  for k in range(1, 60))) for i in range(8)]
    reader = written(tmp_path, many)
    prefixes = reader._blob("terms", reader.manifest["blobs"]["prefixes"])
    assert "pre" in prefixes and "pres" in prefixes
    assert all(t.startswith("pre") for t in prefixes["pre"]) and len(prefixes["pre"]) < 60


def test_modes() -> None:
    """The header box uses the archive's index from AUTO_TURNS turns (not in previews); the page's index is
    written by every build, and in previews of small archives or with `sharded`."""
    assert not search.sharded("auto", search.AUTO_TURNS - 1) and search.sharded("auto", search.AUTO_TURNS)
    assert search.sharded("sharded", 1) and not search.sharded("material", 10 ** 6)
    assert not search.sharded("auto", 10 ** 6, "serve") and search.sharded("sharded", 1, "serve")
    assert search.index_wanted("material", 10 ** 6) and search.index_wanted("auto", 10, "serve")
    assert not search.index_wanted("auto", search.PREVIEW_TURNS, "serve")


# --------------------------------------------------------------------------- a real build


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built with `search_engine: sharded`, plus a transcript full of markup."""
    project = copy_project(tmp_path_factory.mktemp("sharded") / "project")
    config = project / "mkdocs.yml"
    text = re.sub(r"\n +search_engine:[^\n]*", "", config.read_text(encoding="utf-8"))
    assert "      content_dir: content\n" in text
    config.write_text(text.replace("      content_dir: content\n",
                                   "      content_dir: content\n      search_engine: sharded\n"), encoding="utf-8")
    (project / "content" / "briefings" / "2023-05-04-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.build
def test_build_writes_the_index_and_empties_materials(sharded_site: Path) -> None:
    """With the engine on, Material's index keeps its config only and the pages load the archive's worker."""
    index = json.loads((sharded_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == ["en"]
    assert (sharded_site / "search" / "archive" / "manifest.js").is_file()
    assert (sharded_site / "assets" / "javascripts" / "archive-search-worker.js").is_file()
    assert "archive-search-worker.js" in (sharded_site / SEED_PAGE).read_text(encoding="utf-8")


@pytest.mark.build
def test_sharded_site_leaves_out_what_no_reader_loads(sharded_site: Path) -> None:
    """With the archive's own engine, Material's search worker, lunr and the source maps are not published."""
    assets = sharded_site / "assets"
    assert not (assets / "javascripts" / "lunr").exists()
    assert not list((assets / "javascripts").glob("workers/search.*"))
    assert not list(sharded_site.rglob("*.map"))
    assert list((assets / "javascripts").glob("bundle.*.min.js"))  # Material's own script stays


@pytest.mark.build
def test_one_entry_per_turn_as_material_makes_them(sharded_site: Path, built_site: Path) -> None:
    """The seed page has its page entry then one entry per turn, as in Material's own index."""
    stock = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    expected = [d["location"] for d in stock["docs"] if d["location"].startswith(SEED_PAGE)]
    ours = [loc for loc in locations(store.StoreReader(sharded_site / "search" / "archive")) if loc.startswith(SEED_PAGE)]
    assert ours == expected and len(expected) == 1 + 39


@pytest.mark.build
def test_every_page_material_indexes_is_in_the_index(sharded_site: Path, built_site: Path) -> None:
    """Every page with an entry in Material's index (speaker and topic pages too) has its entries in ours."""
    stock = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {d["location"] for d in stock["docs"] if "#" not in d["location"]}
    ours = set(locations(store.StoreReader(sharded_site / "search" / "archive")))
    assert pages <= ours and len(pages) > 3


@pytest.mark.build
def test_default_build_keeps_materials_search_and_writes_the_index(built_site: Path) -> None:
    """A small archive under `auto` keeps Material's search in the box, and the search page still has its index."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert len(index["docs"]) > 39
    assert "archive-search-worker.js" not in (built_site / SEED_PAGE).read_text(encoding="utf-8")
    assert (built_site / "search" / "archive" / "manifest.js").is_file()
    assert (built_site / "search.html").is_file()
    workers = list((built_site / "assets" / "javascripts").glob("workers/search.*.min.js"))
    assert workers and (built_site / "assets" / "javascripts" / "lunr").is_dir()  # what Material's search loads
    assert not list(built_site.rglob("*.map"))


@pytest.mark.build
def test_entries_from_the_model_hold_materials_words(built_site: Path) -> None:
    """The briefing entries made from the model (Material's plugin skips those pages) have the titles and words
    Material's own plugin finds in the rendered seed page."""
    stock = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    theirs = {e.location: e for e in search.entries(stock) if e.location.startswith("briefings/")}
    ours = search.briefing_entries(Loader().load(ROOT / "content", ROOT).briefings)
    assert [e.location for e in ours] == list(theirs)
    for entry in ours:
        assert entry.title == theirs[entry.location].title
        assert search.tokens(entry.text) == search.tokens(theirs[entry.location].text), entry.location


# --------------------------------------------------------------------------- the header box


@pytest.fixture(scope="module")
def sharded_url(sharded_site: Path) -> Iterator[str]:
    with serve(sharded_site) as url:
        yield url


def type_query(page: Any, query: str, highlight: str = "") -> None:
    """Type into Material's search box like a person (its search starts on keyup), await results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=40)
    wanted = highlight or query  # Material's ?h= lists the words the entry holds
    page.locator(f".md-search-result__item a[href*='h={wanted}']").first.wait_for(timeout=15000)


def lands_on_turn(page: Any, word: str) -> None:
    """Click the first turn result: the briefing opens at that turn with the word highlighted."""
    first = page.locator(".md-search-result__item a[href*='#t']").first
    href = first.get_attribute("href") or ""
    assert re.search(rf"briefings/[a-z0-9-]+\.html\?h={word}#t\d{{3}}$", href), href
    first.click()
    page.wait_for_url(re.compile(r"#t\d{3}$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"h2#{anchor}").count() == 1
    page.locator("mark").first.wait_for(timeout=5000)
    assert page.locator("mark", has_text=re.compile(word, re.IGNORECASE)).count() > 0


@pytest.mark.browser
def test_served_search_lands_on_turns(page: Any, sharded_url: str) -> None:
    """Served: typing a word lists briefings with their turns; a click opens the turn, highlighted."""
    page.goto(sharded_url)
    type_query(page, "fentanyl")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => a.href)")
    assert any(SEED_PAGE in h for h in hrefs) and any("2023-05-04-hostile.html" in h for h in hrefs), hrefs
    assert page.locator(".md-search-result__item mark", has_text=re.compile("fentanyl", re.IGNORECASE)).count() > 0
    assert page.locator("a.archive-search-all").get_attribute("href").endswith("search.html?q=fentanyl")
    lands_on_turn(page, "fentanyl")


@pytest.mark.browser
def test_header_box_reads_the_page_syntax(page: Any, sharded_url: str) -> None:
    """A filter typed in the header box (`speaker:…`) narrows its results as on the search page."""
    page.goto(sharded_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("fentanyl speaker:garland", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    page.wait_for_timeout(600)
    turns = page.eval_on_selector_all(".md-search-result__item a[href*='#t'] h1, .md-search-result__item a[href*='#t'] h2",
                                      "els => els.map(e => e.textContent)")
    assert turns and all("Garland" in t for t in turns), turns


@pytest.mark.browser
def test_header_box_relaxes_a_search_no_turn_answers_whole(page: Any, sharded_url: str) -> None:
    """The header box, reading the page's syntax, shows the turns holding all but a word when none holds every
    one, as the search page does."""
    page.goto(sharded_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("fentanyl zzyzxq speaker:garland", delay=30)
    page.locator(".md-search-result__item a[href*='#t']").first.wait_for(timeout=15000)
    turns = page.eval_on_selector_all(".md-search-result__item a[href*='#t'] h1, .md-search-result__item a[href*='#t'] h2",
                                      "els => els.map(e => e.textContent)")
    assert turns and all("Garland" in t for t in turns), turns


@pytest.mark.browser
def test_results_never_inject_markup(page: Any, sharded_url: str) -> None:
    """Transcript text shows as text in results: no element or script from it reaches the page."""
    page.goto(sharded_url)
    type_query(page, "precursors")
    results = page.locator(".md-search-result")
    assert results.locator("img").count() == 0 and results.locator("b").count() == 0
    type_query(page, " claims", "claims")
    assert "<img src=x" in results.inner_text()
    assert page.evaluate("window.__pwned") is None


@pytest.mark.browser
def test_every_word_must_be_on_the_page(page: Any, sharded_url: str) -> None:
    """Several words: only pages holding all of them are listed (prefixes count)."""
    page.goto(sharded_url)
    type_query(page, "fentanyl")
    type_query(page, " ebra", "ebra")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 1", timeout=5000)
    assert SEED_PAGE in (page.locator(".md-search-result__item a").first.get_attribute("href") or "")


@pytest.mark.browser
def test_offline_search_from_file_url(page: Any, sharded_site: Path, tmp_path: Path) -> None:
    """The build's offline zip, unzipped: from file:// search loads its pieces by script tags inside the
    iframe worker and a hit lands on its turn; every request is a file:// one inside the unzipped folder."""
    folder = unzip_bundle(sharded_site, tmp_path)
    assert not list((folder / "search" / "archive").glob("*.bin"))  # the packs stay on the web
    requests = Requests(page, folder.as_uri() + "/")
    page.goto((folder / "index.html").as_uri())
    type_query(page, "fentanyl")
    lands_on_turn(page, "fentanyl")
    assert any("/search/archive/" in url for url in requests.seen)  # the recorder sees the pieces load
    assert sorted({url for url in requests.seen if not url.startswith(requests.local)}) == []


def _node_queries(folder: Path, params: list[str]) -> list[list[str]]:
    """Each query run by the page's own engine in Node (`tests/js/run-queries.js`): its results' `slug#anchor`."""
    queries = folder.parent / "queries.json"
    queries.write_text(json.dumps([{"id": str(i), "params": p} for i, p in enumerate(params)]), encoding="utf-8")
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js runs the page's engine"
    run = subprocess.run([node, str(ROOT / "tests" / "js" / "run-queries.js"), str(folder), str(queries), "50"],
                         capture_output=True, text=True, check=True, timeout=120)
    return [[f"{r['slug']}#{r['anchor']}" for r in answer["results"]] for answer in json.loads(run.stdout)]


def test_a_hyphenated_name_finds_the_turns_of_its_speaker(tmp_path: Path) -> None:
    """`Jean-Pierre` typed as one word is the phrase `jean pierre` in what was said, or the speaker's name in a
    turn's heading (as `jean pierre` finds it); quoted, it is only what was said; its words apart do not count."""
    kjp = Speaker("karine-jean-pierre", "Karine Jean-Pierre", "Press Secretary", True, "official")
    reader = written(tmp_path / "index", [briefing(
        "k", "2023-02-01",
        turn("t001", kjp, "Student debt relief is the law of the land."),
        turn("t002", ZEKE, "Jean-Pierre said so about student debt yesterday.", question=True),
        turn("t003", ZEKE, "Jean told Pierre nothing about student debt.", question=True))])
    assert reader.entries
    loose, quoted, words = _node_queries(tmp_path / "index", [
        "q=Jean-Pierre student debt", 'q="Jean-Pierre" student debt', "q=jean pierre student debt"])
    assert sorted(loose) == ["k#t001", "k#t002"]
    assert quoted == ["k#t002"]
    assert sorted(words) == ["k#t001", "k#t002", "k#t003"]


def test_a_search_no_turn_answers_whole_finds_the_turns_holding_all_but_a_word(tmp_path: Path) -> None:
    """A question typed as a sentence (`inflation transitory 2022`, `… zzyzx being`): no turn holds every word, so
    the turns holding all but one are shown, else all but two: of the ways that find turns, the one leaving out
    the commonest word (a word no turn holds first), the rarer words kept, as their weight in the ranking says. A
    search turns answer whole is not relaxed, and one nothing answers so finds none."""
    kjp = Speaker("karine-jean-pierre", "Karine Jean-Pierre", "Press Secretary", True, "official")
    written(tmp_path / "index", [
        briefing("a", "2021-07-01", turn("t001", kjp, "We see inflation as transitory, being temporary."),
                 turn("t002", kjp, "Inflation is a concern in 2022 and being watched.")),
        briefing("b", "2022-03-01", turn("t001", kjp, "The transitory view was right about inflation."))])
    queries = tmp_path / "queries.json"
    params = ["q=inflation transitory 2022", "q=inflation transitory zzyzx being", "q=inflation transitory",
              "q=zzyzx qqxxw", "q=2022 transitory zzyzx qqxxw"]
    queries.write_text(json.dumps([{"id": p, "params": p} for p in params]), encoding="utf-8")
    node = shutil.which("node") or shutil.which("nodejs")
    assert node
    run = subprocess.run([node, str(ROOT / "tests/js/run-queries.js"), str(tmp_path / "index"), str(queries), "30"],
                         capture_output=True, text=True, check=True, timeout=120)
    answers = {a["id"]: a for a in json.loads(run.stdout)}
    found = {p: (sorted(f"{r['slug']}#{r['anchor']}" for r in a["results"]), a.get("dropped")) for p, a in answers.items()}
    assert found["q=inflation transitory 2022"] == (["a#t002"], ["transitory"])  # `inflation` left out finds none
    assert found["q=inflation transitory zzyzx being"] == (["a#t001"], ["zzyzx"])
    assert found["q=inflation transitory"] == (["a#t001", "b#t001"], None)
    assert found["q=zzyzx qqxxw"] == ([], None)
    assert found["q=2022 transitory zzyzx qqxxw"] == ([], None)  # four words: two left out at most, none found so


def test_a_questions_words_weigh_less_than_an_answers(tmp_path: Path) -> None:
    """A question names its subject in few words, so by BM25 alone it outranked the answer that holds the
    information: the same words in a question weigh QUESTION_WEIGHT of an answer's (a level lower here), the
    answer comes first, and the question is still found, and first among questions."""
    reader = written(tmp_path / "index", [briefing(
        "n", "2022-09-28",
        turn("t001", ZEKE, "Nord Stream sabotage: what happened there today?", question=True),
        turn("t002", PSAKI, "Nord Stream sabotage: what happened there today."),
        turn("t003", ZEKE, "And the pipelines in general?", question=True))])
    (_, asked), (_, answered) = reader.term("sabotage")[0]
    assert asked < answered
    assert _node_queries(tmp_path / "index", ["q=nord stream sabotage", "q=nord stream sabotage&role=question"]) == \
        [["n#t002", "n#t001"], ["n#t001"]]


def test_a_long_statement_is_not_buried_by_its_length(tmp_path: Path) -> None:
    """BM25's length penalty stops at LENGTH_CAP × the average turn: an opening statement five or ten times
    the average, naming the subject once, weighs what one of twice the average does, and not less."""
    def said(anchor: str, words: int) -> Turn:
        return turn(anchor, PSAKI, "Gershkovich " + " ".join(f"filler{i}" for i in range(words - 1)))
    short = [turn(f"t{k:03}", ZEKE, f"Word{k} other{k} more{k} still{k} again{k}?", question=True) for k in range(1, 41)]
    reader = written(tmp_path, [briefing("g", "2023-03-30", *short, said("t101", 24), said("t102", 60),
                                         said("t103", 120))])
    average = (40 * 5 + 24 + 60 + 120) / 43   # about 9.4 words: the three statements are 2.5, 6 and 13 times it
    assert 120 / average > 60 / average > 24 / average > store.LENGTH_CAP
    assert len({level for _, level in reader.term("gershkovich")[0]}) == 1


# --------------------------------------------------------------------------- heavy words


def _heavy_archive() -> list[Briefing]:
    """Forty briefings over three years where nearly every turn says `president` (or `presidents`), with
    topics and askers: the word's answer is made at build time once its postings weigh enough."""
    out = []
    for i in range(40):
        day = dt.date(2021, 1, 4) + dt.timedelta(days=29 * i)
        turns = [turn(f"t{k:03}", ZEKE if k % 2 else PSAKI,
                      f"The president{'s' if k % 5 == 0 else ''} said {'president ' * (k % 4)}it, number {k}.",
                      question=bool(k % 2), topics=(("economy",) if k % 3 == 0 else ("drugs",) if k % 3 == 1 else ()))
                 for k in range(1, 25)]
        out.append(briefing(f"h{i:02}", day.isoformat(), *turns, kind="gaggle" if i % 4 == 0 else "press briefing"))
    return out


def test_the_stemmer_is_the_pages(tmp_path: Path) -> None:
    """The build finds a word's forms with the page's stemmer: both give the same stem for every word."""
    words = ["policies", "policy", "species", "agrees", "buses", "crisis", "planned", "releasing", "released", "release",
             "running", "things", "bring", "moved", "united", "news", "presidents", "covid19", "go", "ties", "shoes",
             "staffed", "hopping", "exceeded", "thoughts", "goes", "analyses", "sees"]
    script = ("const Q = require(process.argv[1]); process.stdout.write(JSON.stringify(process.argv.slice(2).map(Q.stem)))")
    node = shutil.which("node") or shutil.which("nodejs")
    assert node
    run = subprocess.run([node, "-e", script, str(ROOT / "theme_overrides/assets/javascripts/archive-search-query.js"), *words],
                         capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == [heavy.stem(w) for w in words]


def test_a_heavy_words_answer_is_the_one_the_page_computes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word whose postings weigh more than HEAVY_BYTES has its answer made at build time: the count, the facets
    and the first FIRST results of every order are what the page computes from the postings, for the word as
    typed and for its plural (its forms weighed otherwise); a narrower search computes as before."""
    monkeypatch.setattr(store, "BIG_TERM", 50)
    monkeypatch.setattr(heavy, "HEAVY_BYTES", 100)
    monkeypatch.setattr(heavy, "FIRST", 30)
    reader = written(tmp_path / "index", _heavy_archive())
    assert {"president", "presidents"} <= set(reader.manifest["heavy"])
    params = [f"q={w}&sort={s}" for w in ("president", "presidents") for s in ("relevance", "newest", "oldest")]
    params += ["q=president&speaker=jen-psaki", "q=president number"]
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps([{"id": f"{p}|{whole}", "params": p, "whole": whole, "facets": True}
                                          for p in params for whole in (False, True)]), encoding="utf-8")
    node = shutil.which("node") or shutil.which("nodejs")
    assert node
    run = subprocess.run([node, str(ROOT / "tests/js/run-queries.js"), str(tmp_path / "index"), str(queries), "30"],
                         capture_output=True, text=True, check=True, timeout=120)
    answers = {a["id"]: a for a in json.loads(run.stdout)}
    for p in params:
        made, computed = answers[f"{p}|False"], answers[f"{p}|True"]
        assert made["partial"] == ("&speaker" not in p and "number" not in p), p
        assert not computed["partial"]
        assert made["count"] == computed["count"] > 30
        assert made["results"] == computed["results"] and len(made["results"]) == 30, p
        assert made["facets"] == computed["facets"], p


def test_a_heavy_answer_the_page_would_not_compute_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page checks the build's answer against its own forms and ranking keys; a stale or foreign one (here its
    keys changed) is left, and the word's results computed from the postings."""
    monkeypatch.setattr(store, "BIG_TERM", 50)
    monkeypatch.setattr(heavy, "HEAVY_BYTES", 100)
    real = heavy.level_keys
    monkeypatch.setattr(heavy, "level_keys", lambda *a: [k + 1 for k in real(*a)])
    written(tmp_path / "index", _heavy_archive())
    (tmp_path / "queries.json").write_text(json.dumps([{"id": "p", "params": "q=president"}]), encoding="utf-8")
    node = shutil.which("node") or shutil.which("nodejs")
    assert node
    run = subprocess.run([node, str(ROOT / "tests/js/run-queries.js"), str(tmp_path / "index"), str(tmp_path / "queries.json")],
                         capture_output=True, text=True, check=True, timeout=120)
    [answer] = json.loads(run.stdout)
    assert not answer["partial"] and answer["count"] > 500
