"""The sharded search engine for large archives: index builder, a real build, and the browser UI."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.enrich.loader import Loader
from generator.site import search_index as search
from tests.conftest import ROOT, Requests, build_site, copy_project, unzip_bundle

SEED_PAGE = "briefings/2022-10-13-us-mexico-high-level-security-dialogue.html"
HOSTILE = """---
title: Hostile transcript
date: 2023-05-04
---

MR. SMITH: Fentanyl <img src=x onerror="window.__pwned=1"> and <b>bold</b> claims, said Smith.

Q Thanks. What about fentanyl precursors?
"""


def index_of(docs: list[dict[str, str]]) -> dict[str, Any]:
    return {"config": {"lang": ["en"]}, "docs": docs}


def script_data(text: str) -> Any:
    """The JSON inside an index file `__archiveSearch("name",<JSON>)`."""
    return json.loads(text[text.index(",") + 1:text.rindex(")")])


SMALL = index_of([
    {"location": "a.html", "title": "Briefing A", "text": "<p>Opening &amp; remarks</p>"},
    {"location": "a.html#t001", "title": "Ms. Rodríguez", "text": "<p>The fentanyl crisis at the border.</p>"},
    {"location": "a.html#t002", "title": "Question", "text": "<p>And the U.S. response to fentanyl?</p>"},
    {"location": "b.html", "title": "Briefing B", "text": ""},
    {"location": "b.html#t001", "title": "Mr. Price", "text": "<p>Tariffs, tariffs and trade.</p>"},
])


def postings(files: dict[str, str], term: str) -> list[tuple[int, int]]:
    for name, text in files.items():
        if name.startswith("t") and term in (shard := script_data(text)):
            return search.decode(shard[term])
    return []


# --------------------------------------------------------------------------- unit tests


def test_tokens_fold_case_accents_dots_and_split_like_material() -> None:
    """Words are folded (case, accents, dots, apostrophes) and split at anything not a letter or digit."""
    assert search.tokens("Rodríguez's U.S. COVID-19 fentanyl, Ebrard’s") == [
        "rodriguezs", "us", "covid", "19", "fentanyl", "ebrards"]


def test_postings_round_trip_through_the_compact_encoding() -> None:
    """Entry ids and levels survive the varint string, including large gaps."""
    pairs = [(0, 1), (1, 7), (33, 3), (5000, 2), (123456, 5)]
    assert search.decode(search.encode([doc << 3 | level for doc, level in pairs])) == pairs


def test_one_posting_per_entry_holding_the_word() -> None:
    """A word points at every entry (turn or page) holding it, once, and stop words are not indexed."""
    files = search.build_files(search.entries(SMALL))
    assert [doc for doc, _ in postings(files, "fentanyl")] == [1, 2]
    assert [doc for doc, _ in postings(files, "tariffs")] == [4]
    assert [doc for doc, _ in postings(files, "rodriguez")] == [1]  # the turn's heading
    assert postings(files, "the") == [] and postings(files, "and") == []


def test_a_repeated_word_weighs_more() -> None:
    """The quantised BM25 level grows with the word's frequency in the entry."""
    files = search.build_files(search.entries(SMALL))
    [(_, twice)] = postings(files, "tariffs")
    [(_, once)] = postings(files, "trade")
    assert twice > once


def test_manifest_names_pages_shards_and_version() -> None:
    """The manifest gives each page's first entry, the shard boundaries and a content version."""
    files = search.build_files(search.entries(SMALL))
    manifest = script_data(files["manifest.js"])
    assert manifest["pages"] == [0, 3]
    assert manifest["entries"] == 5
    assert manifest["shards"] == sorted(manifest["shards"]) and len(manifest["shards"]) == sum(
        1 for name in files if name.startswith("t"))
    assert re.fullmatch(r"[0-9a-f]{12}", manifest["version"])


def test_stored_entries_are_plain_text_with_short_locations() -> None:
    """Blocks keep text without markup (the worker escapes it) and `#anchor` for a page's turns."""
    files = search.build_files(search.entries(SMALL))
    block = script_data(files["d0.js"])
    assert block[0] == ["a.html", "Briefing A", "Opening & remarks"]
    assert block[1] == ["#t001", "Ms. Rodríguez", "The fentanyl crisis at the border."]
    assert block[3][0] == "b.html"


def test_common_prefixes_stay_within_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A prefix whose expansions exceed the budget lists only shards that fit, the word itself first."""
    docs = [{"location": f"p{i}.html", "title": f"Page {i}",
             "text": f"presidential president{i % 7} press{i % 5} pre{i}"} for i in range(400)]
    monkeypatch.setattr(search, "SHARD_BYTES", 400)
    monkeypatch.setattr(search, "PREFIX_BUDGET", 1500)
    files = search.build_files(search.entries(index_of(docs)))
    manifest = script_data(files["manifest.js"])
    assert "p" in manifest["common"] and "pre" in manifest["common"]
    for shards in manifest["common"].values():
        assert sum(len(files[f"t{n}.js"].encode()) for n in shards) <= 1500
    first = manifest["shards"]
    holder = max(i for i, term in enumerate(first) if term <= "presidential")
    assert holder in manifest["common"]["presidential"[:3]] or "presidential" not in manifest["common"]


def test_build_is_deterministic() -> None:
    """The same entries give byte-identical files."""
    assert search.build_files(search.entries(SMALL)) == search.build_files(search.entries(SMALL))


def test_auto_switch_and_setting() -> None:
    """`auto` switches to the sharded index at AUTO_TURNS turns (not in previews); the setting forces either."""
    assert not search.sharded("auto", search.AUTO_TURNS - 1)
    assert search.sharded("auto", search.AUTO_TURNS)
    assert search.sharded("sharded", 1)
    assert not search.sharded("material", 10 ** 6)
    assert not search.sharded("auto", 10 ** 6, "serve") and search.sharded("sharded", 1, "serve")


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


def stored_entries(site: Path) -> list[list[str]]:
    folder = site / "search" / "archive"
    manifest = script_data((folder / "manifest.js").read_text(encoding="utf-8"))
    blocks = -(-manifest["entries"] // manifest["block"])
    return [e for n in range(blocks) for e in script_data((folder / f"d{n}.js").read_text(encoding="utf-8"))]


@pytest.mark.build
def test_build_writes_shards_and_empties_materials_index(sharded_site: Path) -> None:
    """With the engine on, Material's index keeps its config only and the pages load the new worker."""
    index = json.loads((sharded_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == ["en"]
    assert (sharded_site / "search" / "archive" / "manifest.js").is_file()
    assert (sharded_site / "assets" / "javascripts" / "archive-search-worker.js").is_file()
    assert "archive-search-worker.js" in (sharded_site / SEED_PAGE).read_text(encoding="utf-8")


@pytest.mark.build
def test_one_entry_per_turn_as_material_makes_them(sharded_site: Path, built_site: Path) -> None:
    """The seed page has its page entry then one entry per turn, as in Material's own index."""
    stock = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    expected = [d["location"] for d in stock["docs"] if d["location"].startswith(SEED_PAGE)]
    entries = stored_entries(sharded_site)
    start = next(i for i, e in enumerate(entries) if e[0] == SEED_PAGE)
    got = [SEED_PAGE] + [SEED_PAGE + e[0] for e in entries[start + 1:start + len(expected)]]
    assert got == expected
    assert len(expected) == 1 + 39
    assert all(re.fullmatch(r"#t\d{3}", e[0]) for e in entries[start + 1:start + len(expected)])


@pytest.mark.build
def test_every_page_material_indexes_is_listed_by_title(sharded_site: Path, built_site: Path) -> None:
    """Every page with an entry in Material's index (speaker and topic pages too) has its title in ours."""
    stock = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {d["location"]: search.plain(d["title"]) for d in stock["docs"] if "#" not in d["location"]}
    folder = sharded_site / "search" / "archive"
    heads = {location: title for chunk in sorted(folder.glob("p*.js"))
             for location, title in script_data(chunk.read_text(encoding="utf-8"))}
    assert pages.items() <= heads.items()  # ours also has the hostile transcript and its speaker
    assert len(pages) > 3


@pytest.mark.build
def test_default_build_keeps_materials_search(built_site: Path) -> None:
    """A small archive under `auto` keeps Material's search and its full index."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert len(index["docs"]) > 39
    assert "archive-search-worker.js" not in (built_site / SEED_PAGE).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- in the browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def sharded_url(sharded_site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(sharded_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


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
    lands_on_turn(page, "fentanyl")


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
    """The build's offline zip, unzipped: from file:// search loads its shards by script tags inside the
    iframe worker and a hit lands on its turn; every request is a file:// one inside the unzipped folder."""
    folder = unzip_bundle(sharded_site, tmp_path)
    requests = Requests(page, folder.as_uri() + "/")
    page.goto((folder / "index.html").as_uri())
    type_query(page, "fentanyl")
    lands_on_turn(page, "fentanyl")
    assert any("/search/archive/" in url for url in requests.seen)  # the recorder sees the shards load
    assert sorted({url for url in requests.seen if not url.startswith(requests.local)}) == []


@pytest.mark.build
def test_entries_from_the_model_hold_materials_words(built_site: Path) -> None:
    """The briefing entries the sharded index makes from the model (Material's plugin skips those pages)
    have the titles and words Material's own plugin finds in the rendered seed page."""
    stock = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    theirs = {e.location: e for e in search.entries(stock) if e.location.startswith("briefings/")}
    ours = search.briefing_entries(Loader().load(ROOT / "content", ROOT).briefings)
    assert [e.location for e in ours] == list(theirs)
    for entry in ours:
        assert entry.title == theirs[entry.location].title
        assert search.tokens(entry.text) == search.tokens(theirs[entry.location].text), entry.location
