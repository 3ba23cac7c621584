"""Open data: per-briefing JSON in the versioned schema, the turns CSV, the zip, the Atom feed, the Data page."""

from __future__ import annotations

import bz2
import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from generator.enrich.annotate import annotate, load_config
from generator.enrich.answers import link_answers
from generator.model import Archive, Briefing
from generator.site import open_data
from generator.site.listing import expand
from generator.site.open_data import (
    ATOM,
    COLUMNS,
    DOWNLOADS,
    FEED_SIZE,
    data_page,
    downloads,
    offline_downloads,
    write_data,
)
from generator.site.published import Settings, data_files, published_in_memory
from tests.conftest import ROOT, parse_text

SITE = "https://archive.example.org/"
SCHEMA = json.loads((ROOT / "generator" / "site" / "briefing.schema.json").read_text(encoding="utf-8"))
SLUG = "2022-10-13-us-mexico-high-level-security-dialogue"


@pytest.fixture(scope="module")
def seed(seed: Briefing) -> Briefing:
    """The seed as the archive publishes it: speakers resolved, answers linked, topics tagged (read-only)."""
    registry, vocabulary, errors = load_config(ROOT / "content", "content")
    assert not errors
    return annotate(seed, registry, vocabulary)


def _briefing(date: str, title: str = "Press Briefing", extra: str = "") -> Briefing:
    return link_answers(parse_text(
        f"---\ntitle: {title}\ndate: {date}\n---\nMODERATOR: We start with Anna Smith of Reuters.\n\n"
        f"QUESTION: What about {extra}trade?\n\nMR. PRICE: (Laughter.) Trade is fine.\n",
        f"content/briefings/{date}-briefing.txt"))


def _csv(files: dict[str, bytes]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(bz2.decompress(files["data/turns.csv.bz2"]).decode("utf-8"), newline="")))


ONE_EACH = {"json": [{"file": "data/briefings.jsonl.bz2", "first": "2022-10-13", "last": "2022-10-13", "briefings": 1,
                       "bytes": 31_000}],
            "csv": [{"file": "data/turns.csv.bz2", "first": "2022-10-13", "last": "2022-10-13", "briefings": 1,
                     "bytes": 9_000}]}
"""What `downloads.json` says of a one-briefing archive's downloads."""


def _page(site_url: str) -> str:
    """The Data page's Markdown, its list of downloads in place."""
    return expand(data_page(1), {DOWNLOADS: [downloads(site_url, "", ONE_EACH)]}, str)


def test_csv_has_one_row_per_turn_with_documented_columns(seed: Briefing) -> None:
    """The CSV has exactly the documented columns, one row per turn in order, each with its permalink
    under site_url, its type, interpretation flag, topics column and text."""
    files = data_files(Archive((seed,), ()), "Archive", SITE)
    rows = _csv(files)
    assert list(rows[0]) == [name for name, _ in COLUMNS]
    assert [r["anchor"] for r in rows] == [t.anchor for t in seed.turns]
    first = rows[0]
    assert first["permalink"] == f"{SITE}briefings/{SLUG}.html#t001"
    assert (first["briefing"], first["date"], first["speaker"], first["role"]) == (
        SLUG, "2022-10-13", "Antony J. Blinken", "Secretary of State")
    assert {r["type"] for r in rows} == {"question", "answer", "statement"}
    assert all(r["interpreted"] in ("true", "false") for r in rows)
    assert [r["text"] for r in rows] == [t.text for t in seed.turns]
    assert [r["topics"] for r in rows] == [";".join(t.topics) for t in seed.turns]


def test_question_rows_name_the_reporter_and_answers_their_question() -> None:
    """A question's row names the reporter called on and their outlet; the reply is typed `answer`."""
    rows = _csv(data_files(Archive((_briefing("2021-02-03"),), ()), "Archive", SITE))
    assert [(r["type"], r["speaker"], r["role"]) for r in rows] == [
        ("statement", "MODERATOR", ""), ("question", "Anna Smith", "Reuters"), ("answer", "MR. PRICE", "")]


def test_briefing_json_follows_the_schema(seed: Briefing) -> None:
    """Each briefing's JSON validates against the published schema, holds absolute URLs, and each turn's words
    once: paragraphs joined by a blank line give the turn's text; stage directions are spans of a paragraph."""
    files = data_files(Archive((seed, _briefing("2021-02-03")), ()), "Archive", SITE)
    for name in (f"data/briefings/{SLUG}.json", "data/briefings/2021-02-03-briefing.json"):
        data = json.loads(files[name])
        jsonschema.validate(data, SCHEMA)
        assert data["url"].startswith(f"{SITE}briefings/")
    data = json.loads(files[f"data/briefings/{SLUG}.json"])
    texts = ["\n\n".join(p["text"] for p in t["paragraphs"]) for t in data["turns"]]
    assert texts == [t.text for t in seed.turns]
    stages = [p["text"][m["start"]:m["end"]] for t in data["turns"] for p in t["paragraphs"] for m in p.get("marks", ())
              if m["kind"] == "stage"]
    assert stages == [s.text for t in seed.turns for p in t.paragraphs for s in p.segments if s.stage] and stages
    raw = files[f"data/briefings/{SLUG}.json"].decode()
    long = [json.dumps(s.text, ensure_ascii=False)[1:-1] for t in seed.turns for p in t.paragraphs for s in p.segments
            if len(s.text) > 200]
    assert long and all(raw.count(text) == 1 for text in long)
    assert files["data/briefing.schema.json"] == (ROOT / "generator" / "site" / "briefing.schema.json").read_bytes()
    assert [data["speakers"][t["speaker"]]["id"] for t in data["turns"]] == [t.speaker.id for t in seed.turns]
    assert len(data["speakers"]) == len({t.speaker for t in seed.turns}) < len(seed.turns)  # each speaker once
    assert raw.count('"id":"antony-j-blinken"') == 1
    topics = [[data["topics"][n] for n in p.get("topics", ())] for t in data["turns"] for p in t["paragraphs"]]
    assert topics == [list(p.topics) for t in seed.turns for p in t.paragraphs] and any(topics)
    assert len(data["topics"]) == len(set(data["topics"])) and all(raw.count(f'"{t}"') == 1 for t in data["topics"])
    assert [t.get("question", False) for t in data["turns"]] == [t.question for t in seed.turns]
    assert '"question":false' not in raw and '"question":true' in raw
    index = json.loads(files["data/briefings.json"])
    assert [b["slug"] for b in index["briefings"]] == ["2021-02-03-briefing", SLUG]


def test_downloads_are_compressed_and_reproducible(seed: Briefing) -> None:
    """The JSON comes as one bzip2-compressed file of JSON lines (each line a briefing's file, briefings by
    date) and the CSV bzip2-compressed too: the same archive gives the same bytes, whatever order the
    briefings come in."""
    older = _briefing("2021-02-03")
    one = data_files(Archive((seed, older), ()), "Archive", SITE)
    two = data_files(Archive((older, seed), ()), "Archive", SITE)
    assert one == two
    lines = bz2.decompress(one["data/briefings.jsonl.bz2"]).split(b"\n")
    assert lines == [one["data/briefings/2021-02-03-briefing.json"].rstrip(b"\n"),
                     one[f"data/briefings/{SLUG}.json"].rstrip(b"\n"), b""]
    assert bz2.decompress(one["data/turns.csv.bz2"]).startswith(b"briefing,date,anchor,")
    assert set(one) == {"data/briefings.jsonl.bz2", "data/turns.csv.bz2", "data/briefings.json",
                        "data/briefing.schema.json", "data/feed.xml", f"data/briefings/{SLUG}.json",
                        "data/briefings/2021-02-03-briefing.json", "data/downloads.json"}
    listed = json.loads(one["data/downloads.json"])
    assert [(f["file"], f["first"], f["last"], f["briefings"]) for f in listed["json"] + listed["csv"]] == [
        ("data/briefings.jsonl.bz2", "2021-02-03", "2022-10-13", 2),
        ("data/turns.csv.bz2", "2021-02-03", "2022-10-13", 2)]
    assert [f["bytes"] for f in listed["json"] + listed["csv"]] == [
        len(one["data/briefings.jsonl.bz2"]), len(one["data/turns.csv.bz2"])]


def test_each_months_download_stream_is_kept_and_reused(seed: Briefing, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The downloads are one bzip2 stream per month, each kept in the build cache under its briefings'
    entries: written again with the same cache, nothing is compressed but the CSV's header, and the files
    are the same bytes; one stream per month (bzip2's readers take the streams one after another as one)."""
    briefings = (seed, _briefing("2021-02-03"), _briefing("2021-02-17", "Second"), _briefing("2021-05-04", "Third"))
    published, summaries = published_in_memory(briefings, (), Settings("Archive", SITE))
    write_data(tmp_path / "one", summaries, published.data, "Archive", SITE, store=published.store)
    compressed: list[bytes] = []
    real = bz2.compress
    monkeypatch.setattr(open_data.bz2, "compress", lambda data, level=9: compressed.append(data) or real(data, level))
    write_data(tmp_path / "two", summaries, published.data, "Archive", SITE, store=published.store)
    assert compressed == [b"briefing,date,anchor,permalink,speaker,speaker_id,role,type,interpreted,topics,text\r\n"]
    read = lambda folder: {p.name: p.read_bytes() for p in (folder / "data").iterdir() if p.is_file()}  # noqa: E731
    assert read(tmp_path / "one") == read(tmp_path / "two")
    lines = (tmp_path / "one" / "data" / "briefings.jsonl.bz2").read_bytes()
    assert lines.count(b"BZh9") == 3 and [json.loads(x)["date"] for x in bz2.decompress(lines).splitlines()] == [
        "2021-02-03", "2021-02-17", "2021-05-04", "2022-10-13"]


def test_a_preview_leaves_the_downloads_out(seed: Briefing, tmp_path: Path) -> None:
    """`mkdocs serve` does not compress the downloads at every rebuild: it writes every briefing's JSON and
    says on the Data page that the downloads are made by `mkdocs build`."""
    published, summaries = published_in_memory((seed,), (), Settings("Archive", SITE))
    write_data(tmp_path, summaries, published.data, "Archive", SITE, compress=False)
    data = tmp_path / "data"
    assert sorted(p.name for p in data.iterdir() if p.is_file()) == [
        "briefing.schema.json", "briefings.json", "downloads.json", "feed.xml"]
    assert (data / "briefings" / f"{SLUG}.json").is_file()
    listed = json.loads((data / "downloads.json").read_bytes())
    assert listed == {"json": [], "csv": []}
    page = downloads(SITE, "", listed)
    assert page.count("made by <code>mkdocs build</code>, not by this preview") == 2 and ".bz2" not in page


def test_a_download_too_big_for_one_file_comes_in_parts(seed: Briefing, tmp_path: Path) -> None:
    """Past the part size (static hosts cap a file: Cloudflare Pages at 25 MiB), the JSON lines and the CSV
    come as numbered files split between months in date order, each complete in itself (the CSV's header
    row in every one), together every briefing once; `downloads.json` and the Data page list them with their
    dates."""
    briefings = tuple(_briefing(f"2021-{m:02d}-04", f"Briefing {m}",  # words as little compressible as text gets
                                " ".join(f"w{n * 7919 * m % 10007}" for n in range(4000)) + " ") for m in range(1, 10))
    published, summaries = published_in_memory((seed, *briefings), (), Settings("Archive", SITE))
    write_data(tmp_path, summaries, published.data, "Archive", SITE, part_bytes=20_000)
    data = tmp_path / "data"
    listed = json.loads((data / "downloads.json").read_bytes())
    zips, tables = listed["json"], listed["csv"]
    assert len(zips) > 2 and len(tables) > 2
    assert not (data / "briefings.jsonl.bz2").exists() and not (data / "turns.csv.bz2").exists()
    assert [z["file"] for z in zips] == [f"data/briefings-{n}.jsonl.bz2" for n in range(1, len(zips) + 1)]
    assert sum(z["briefings"] for z in zips) == sum(t["briefings"] for t in tables) == 10
    slugs, anchors = [], []
    for part in zips:
        lines = bz2.decompress((data.parent / part["file"]).read_bytes()).decode().splitlines()
        slugs += [json.loads(line)["slug"] for line in lines]
        assert part["bytes"] == (data.parent / part["file"]).stat().st_size
    assert slugs == sorted(slugs) and len(set(slugs)) == 10 and slugs[-1] == SLUG  # by date: slugs start with it
    for part in tables:
        rows = list(csv.DictReader(io.StringIO(bz2.decompress((data.parent / part["file"]).read_bytes()).decode())))
        assert rows and {r["date"] for r in rows} <= {f"2021-{m:02d}-04" for m in range(1, 10)} | {"2022-10-13"}
        assert (rows[0]["date"], rows[-1]["date"]) == (part["first"], part["last"])
        anchors += [(r["briefing"], r["anchor"]) for r in rows]
    assert len(anchors) == len(set(anchors)) == sum(len(b.turns) for b in (seed, *briefings))
    assert all(a["last"] < b["first"] or a["last"] == b["first"] for a, b in zip(zips, zips[1:], strict=False))
    page = downloads(SITE, "", listed)
    assert f"in {len(zips)} bzip2-compressed files by date" in page
    assert f"in {len(tables)} bzip2-compressed files by date" in page
    for part in zips + tables:
        assert f'href="{part["file"]}"' in page
    assert "2021-01-04 to 2021-" in page


def test_atom_feed_lists_the_newest_briefings(seed: Briefing) -> None:
    """The feed is valid Atom: feed id, title, updated (the newest briefing's date, no build time),
    author and self link; entries newest first, each with a unique id, updated and a link to its page."""
    briefings = tuple(_briefing(f"2021-{m:02d}-{d:02d}", f"Briefing {m}-{d}") for m in range(1, 7) for d in (4, 18))
    feed = ET.fromstring(data_files(Archive((seed, *briefings), ()), "Archive", SITE)["data/feed.xml"])
    ns = {"a": ATOM}
    assert feed.tag == f"{{{ATOM}}}feed"
    assert feed.findtext("a:id", namespaces=ns) == SITE
    assert feed.findtext("a:updated", namespaces=ns) == "2022-10-13T00:00:00Z"
    assert feed.find("a:author/a:name", ns) is not None
    assert feed.find("a:link[@rel='self']", ns).get("href") == f"{SITE}data/feed.xml"  # type: ignore[union-attr]
    entries = feed.findall("a:entry", ns)
    assert len(entries) == min(FEED_SIZE, len(briefings) + 1)
    ids = [e.findtext("a:id", namespaces=ns) for e in entries]
    assert len(set(ids)) == len(ids) and ids[0] == f"{SITE}briefings/{SLUG}.html"
    for entry in entries:
        link = entry.find("a:link[@rel='alternate']", ns)
        assert link is not None and link.get("href") == entry.findtext("a:id", namespaces=ns)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext("a:updated", namespaces=ns) or "")
    updated = [e.findtext("a:updated", namespaces=ns) for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_feed_carries_no_character_xml_forbids() -> None:
    """A control character in a title cannot break the feed: it is left out of the XML."""
    feed = data_files(Archive((_briefing("2021-02-03", '"Bad \\x01 title"'),), ()), "A", SITE)["data/feed.xml"]
    assert ET.fromstring(feed).findtext(f"{{{ATOM}}}entry/{{{ATOM}}}title") == "Bad  title"


def test_no_feed_without_site_url(seed: Briefing) -> None:
    """Without site_url there are no absolute ids for Atom: no feed, and the Data page does not offer one."""
    archive = Archive((seed,), ())
    assert "data/feed.xml" not in data_files(archive, "Archive", "")
    assert "feed.xml" not in _page("")
    assert json.loads(data_files(archive, "Archive", "")[f"data/briefings/{SLUG}.json"])["url"] == \
        f"briefings/{SLUG}.html"


def test_data_page_documents_every_column_and_field() -> None:
    """The Data page links every download and documents each CSV column and each schema field."""
    page = _page(SITE)
    for target in ("data/briefings.jsonl.bz2", "data/turns.csv.bz2", "data/briefings.json", "data/feed.xml",
                   "data/briefing.schema.json", "data/downloads.json"):
        assert f'href="{target}"' in page
    for name, _ in COLUMNS:
        assert f"| `{name}` |" in page
    for field in ("schema_version", "speakers[].kind", "turns[].speaker", "turns[].paragraphs[].marks[].kind"):
        assert f"| `{field}` |" in page
    assert "turns[].text" not in page and "turns[].permalink" not in page
    assert "schema version 4.0" in page and "turns[].speaker.name" not in page


def test_offline_bundle_links_the_public_downloads() -> None:
    """The offline bundle leaves the open data out: its Data page links the downloads on the public site
    (`site_url`), or says where to find them when there is none."""
    offline = offline_downloads(SITE, ONE_EACH)
    assert f'href="{SITE}data/briefings.jsonl.bz2"' in offline and f'href="{SITE}data/turns.csv.bz2"' in offline
    assert 'href="data/' not in offline
    assert "web site" in offline_downloads("", ONE_EACH) and "href" not in offline_downloads("", ONE_EACH)
    assert DOWNLOADS == "downloads"


@pytest.mark.build
def test_built_site_serves_the_data(built_site: Path) -> None:
    """The build writes the data files into the site and a Data page in the navigation linking them."""
    data = built_site / "data"
    assert (data / "briefings" / f"{SLUG}.json").is_file()
    for name in ("turns.csv.bz2", "briefings.jsonl.bz2", "feed.xml", "briefings.json", "briefing.schema.json",
                 "downloads.json"):
        assert (data / name).is_file(), name
    page = (built_site / "data.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="(data/[^"]+)"', page)
    assert len(linked) == 6 and "data-listing" not in page  # the placeholder filled
    for href in linked:
        assert (built_site / href).is_file(), href
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a [^>]*href="data.html"[^>]*>\s*Data\s*</a>', home) or 'href="data.html"' in home
