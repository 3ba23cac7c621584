"""Open data: per-briefing JSON in the versioned schema, the turns CSV, the zip, the Atom feed, the Data page."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from generator.enrich.annotate import annotate, load_config
from generator.enrich.answers import link_answers
from generator.model import Archive, Briefing
from generator.site.open_data import ATOM, COLUMNS, FEED_SIZE, DataCache, data_files, data_page, data_paths
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
    return list(csv.DictReader(io.StringIO(files["data/turns.csv"].decode("utf-8"))))


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
    """Each briefing's JSON validates against the published schema and carries absolute permalinks."""
    files = data_files(Archive((seed, _briefing("2021-02-03")), ()), "Archive", SITE)
    for name in (f"data/briefings/{SLUG}.json", "data/briefings/2021-02-03-briefing.json"):
        data = json.loads(files[name])
        jsonschema.validate(data, SCHEMA)
        assert data["turns"][0]["permalink"] == f"{data['url']}#t001"
        assert data["url"].startswith(f"{SITE}briefings/")
    assert files["data/briefing.schema.json"] == (ROOT / "generator" / "site" / "briefing.schema.json").read_bytes()
    index = json.loads(files["data/briefings.json"])
    assert [b["slug"] for b in index["briefings"]] == ["2021-02-03-briefing", SLUG]


def test_zip_holds_everything_and_is_reproducible(seed: Briefing) -> None:
    """The zip holds every other data file under sorted names, dated by the newest briefing, so the same
    archive always gives the same bytes, whatever order the briefings come in."""
    older = _briefing("2021-02-03")
    one = data_files(Archive((seed, older), ()), "Archive", SITE)
    two = data_files(Archive((older, seed), ()), "Archive", SITE)
    assert one == two
    with zipfile.ZipFile(io.BytesIO(one["data/briefings-data.zip"])) as bundle:
        names = bundle.namelist()
        assert names == sorted(names)
        assert {f"data/{n}" for n in names} == set(one) - {"data/briefings-data.zip", "data/feed.xml"}
        assert {i.date_time for i in bundle.infolist()} == {(2022, 10, 13, 0, 0, 0)}
        assert bundle.read("turns.csv") == one["data/turns.csv"]


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
    assert "feed.xml" not in data_page(archive, has_feed=False)
    assert json.loads(data_files(archive, "Archive", "")[f"data/briefings/{SLUG}.json"])["url"] == \
        f"briefings/{SLUG}.html"


def test_data_page_documents_every_column_and_field(seed: Briefing) -> None:
    """The Data page links every download and documents each CSV column and each schema field."""
    page = data_page(Archive((seed,), ()), has_feed=True)
    for target in ("data/briefings-data.zip", "data/turns.csv", "data/briefings.json", "data/feed.xml",
                   "data/briefing.schema.json"):
        assert f"]({target})" in page
    for name, _ in COLUMNS:
        assert f"| `{name}` |" in page
    for field in ("schema_version", "turns[].permalink", "turns[].speaker.kind",
                  "turns[].paragraphs[].segments[].redaction"):
        assert f"| `{field}` |" in page
    assert "schema version 1.2" in page


def test_cache_reuses_unchanged_briefings(seed: Briefing) -> None:
    """Under `mkdocs serve` an unchanged archive reuses every data file, and a changed transcript
    re-exports only its own JSON; the output equals a fresh export."""
    cache, older = DataCache(), _briefing("2021-02-03")
    first = data_files(Archive((seed, older), ()), "Archive", SITE, cache)
    assert data_files(Archive((seed, older), ()), "Archive", SITE, cache) is first
    edited = _briefing("2021-02-03", extra="steel ")
    second = data_files(Archive((seed, edited), ()), "Archive", SITE, cache)
    assert second[f"data/briefings/{SLUG}.json"] is first[f"data/briefings/{SLUG}.json"]
    assert second == data_files(Archive((seed, edited), ()), "Archive", SITE)
    assert b"steel" in second["data/briefings/2021-02-03-briefing.json"]


@pytest.mark.build
def test_built_site_serves_the_data(built_site: Path) -> None:
    """The build writes the data files into the site and a Data page in the navigation linking them."""
    data = built_site / "data"
    assert (data / "briefings" / f"{SLUG}.json").is_file()
    for name in ("turns.csv", "briefings-data.zip", "feed.xml", "briefings.json", "briefing.schema.json"):
        assert (data / name).is_file(), name
    page = (built_site / "data.html").read_text(encoding="utf-8")
    for href in re.findall(r'href="(data/[^"]+)"', page):
        assert (built_site / href).is_file(), href
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a [^>]*href="data.html"[^>]*>\s*Data\s*</a>', home) or 'href="data.html"' in home


@pytest.mark.parametrize("site_url", ["", SITE])
def test_paths_known_before_the_files_are_made(seed: Briefing, site_url: str) -> None:
    """`mkdocs build` learns the data files' paths first (a child process writes them meanwhile):
    the paths are exactly those of the files made, with and without a feed."""
    archive = Archive((seed, _briefing("2023-01-05")), ())
    assert sorted(data_paths(archive, site_url)) == sorted(data_files(archive, "Archive", site_url))
