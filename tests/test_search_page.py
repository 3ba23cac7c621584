"""The search page (search.html) as a reader uses it, in headless Chromium: its URL as its state, filters,
facets, the timeline, exports, query syntax, bad input, and the offline bundle from file://."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import CORPUS, Requests, build_site, copy_project, unzip_bundle
from tests.rangeserve import serve

pytestmark = pytest.mark.browser

DEV = ["wh-2020-03-23-trump-task-force-briefing-fullpage.txt", "wh-2021-01-20-psaki-first-briefing.txt",
       "dos-2022-06-06-press-briefing-price-long.txt"]
FORMULA = """---
title: Spreadsheet test
date: 2023-05-04
---

MR. SMITH: =HYPERLINK("http://evil.example","fentanyl") and <script>window.__pwned=1</script> fentanyl talk.

Q +1 fentanyl question?
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with three dev-corpus briefings (2020, 2021, 2022) and a transcript written to trap
    spreadsheets, beside the seed (2022): a small archive, Material's search in the header box."""
    project = copy_project(tmp_path_factory.mktemp("search-page") / "project")
    for name in DEV:
        shutil.copy2(CORPUS / "dev" / name, project / "content" / "briefings" / name)
    (project / "content" / "briefings" / "2023-05-04-formula.txt").write_text(FORMULA, encoding="utf-8")
    out = project.parent / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def errors(page: Any) -> list[str]:
    """Console errors and uncaught exceptions of the page: every test here expects none."""
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found.append(str(e)))
    page.on("dialog", lambda d: (found.append("dialog " + d.message), d.dismiss()))
    return found


def results(page: Any) -> list[dict[str, str]]:
    page.wait_for_selector("#archive-search:not([aria-busy])", timeout=20000)
    return page.eval_on_selector_all(".archive-search__result", """els => els.map(e => ({
        speaker: e.dataset.speaker, date: e.dataset.date, topics: e.dataset.topics, role: e.dataset.role,
        text: e.querySelector('.archive-search__text').textContent,
        marks: [...e.querySelectorAll('mark')].map(m => m.textContent),
        link: e.querySelector('.archive-search__permalink').href}))""")


def open_search(page: Any, base: str, params: str) -> list[dict[str, str]]:
    """The search page opened with `params`: its results, once Material's scripts, held back until then,
    have started (the address has its `q` back)."""
    page.goto(f"{base}search.html?{params}")
    page.wait_for_selector(".archive-search__result, .archive-search__problems li, .archive-search__count", timeout=20000)
    found = results(page)
    page.wait_for_function("() => !window.__archiveMaterialLater", timeout=10000)
    return found


def problems(page: Any) -> str:
    return page.locator(".archive-search__problems").inner_text()


def test_the_address_is_the_state(page: Any, base: str, errors: list[str]) -> None:
    """A shared address gives the same search: words and filters from the URL, shown as chips; Material's
    own search box leaves the page's `q` alone; every result carries its speaker, date and topics."""
    found = open_search(page, base, "q=fentanyl&speaker=antony-j-blinken")
    assert found and all(r["speaker"] == "antony-j-blinken" for r in found)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r["date"]) and "fentanyl" in r["topics"].split() for r in found)
    assert all(any(m.lower() == "fentanyl" for m in r["marks"]) for r in found)
    assert page.locator("#archive-search-q").input_value() == "fentanyl"
    assert page.locator(".archive-search__chip", has_text="Antony J. Blinken").count() == 1
    assert parse_qs(urlsplit(page.url).query) == {"q": ["fentanyl"], "speaker": ["antony-j-blinken"]}
    assert not page.locator("#__search").is_checked()  # Material's search dialog stayed shut
    assert all(r["link"].startswith(base + "briefings/") and "#t" in r["link"] for r in found)
    assert errors == []


def test_materials_scripts_wait_for_the_first_results_then_start(page: Any, base: str, errors: list[str]) -> None:
    """On the search page Material's bundle is not read until the query's results and facets are drawn (the
    page's thread is the search's), and then starts as on any page: the header's search box answers, its
    dialog stays shut, and the page's `q` stays in the address."""
    found = open_search(page, base, "q=fentanyl")
    assert found
    assert page.evaluate("() => typeof window.document$") == "object"                   # Material started
    timing = page.evaluate("""() => ({
        facets: performance.getEntriesByName('archive-search:facets')[0].startTime,
        bundle: performance.getEntriesByType('resource').find(r => /bundle\\.[0-9a-f]+\\.min\\.js/.test(r.name)).startTime})""")
    assert timing["bundle"] >= timing["facets"]
    assert page.locator('script[type="archive/later"]').count() == 0
    assert not page.locator("#__search").is_checked()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["fentanyl"]}
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("fentanyl")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)    # Material's search box answers
    assert page.locator("a.archive-search-all").get_attribute("href").endswith("search.html?q=fentanyl")
    assert errors == []


def test_facets_narrow_and_the_back_button_returns(page: Any, base: str, errors: list[str]) -> None:
    """Facets count the whole result set; a click narrows it (a new address), the back button restores it."""
    everything = open_search(page, base, "q=president")
    years = page.eval_on_selector_all("[data-facet=year]", "els => els.map(e => [e.dataset.value, e.nextElementSibling.textContent])")
    total = int(page.locator(".archive-search__count").inner_text().split()[0].replace(",", ""))
    assert len(years) >= 2 and sum(int(n.replace(",", "")) for _, n in years) == total > len(everything) == 20
    year = years[0][0]
    page.locator(f"[data-facet=year][data-value='{year}']").click()
    page.wait_for_function(f"location.search.includes('from={year}')")
    narrowed = results(page)
    assert narrowed and all(r["date"].startswith(year) for r in narrowed)
    assert page.locator(".archive-search__chip", has_text=f"From: {year}").count() == 1
    page.go_back()
    page.wait_for_function("!location.search.includes('from=')")
    assert len(results(page)) == len(everything)
    assert errors == []


def test_a_question_no_turn_answers_whole_shows_the_turns_holding_all_but_a_word(page: Any, base: str,
                                                                                    errors: list[str]) -> None:
    """A question typed as a sentence finds no turn holding every word: the page shows those holding all but the
    word it left out, says which (on the page and to a screen reader), and the address keeps what was typed."""
    whole = open_search(page, base, "q=fentanyl+precursors")
    found = open_search(page, base, "q=fentanyl+precursors+zzyzxq")
    assert found and len(found) == len(whole)
    note = page.locator(".archive-search__relaxed")
    assert note.is_visible() and "all but “zzyzxq”" in note.inner_text()
    page.wait_for_function("document.querySelector('.archive-search__status').textContent.includes('but “zzyzxq”')")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["fentanyl precursors zzyzxq"]}
    note.get_by_role("link", name="Search for “fentanyl precursors”").click()     # the search as answered, shareable
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'fentanyl precursors'")
    assert len(results(page)) == len(whole) and page.locator(".archive-search__relaxed").is_hidden()
    open_search(page, base, "q=fentanyl")
    assert page.locator(".archive-search__relaxed").is_hidden()
    assert errors == []


def test_a_phrase_is_words_side_by_side(page: Any, base: str, errors: list[str]) -> None:
    """`"exact phrase"` finds the words adjacent and in order, and marks them; the words apart match more."""
    apart = open_search(page, base, "q=criminal organizations")
    together = open_search(page, base, "q=%22transnational+criminal+organizations%22")
    assert 0 < len(together) <= len(apart)
    for r in together:
        assert re.search(r"transnational\W+criminal\W+organizations", r["text"], re.IGNORECASE), r["text"]
    assert errors == []


def test_timeline_counts_and_narrows(page: Any, base: str, errors: list[str]) -> None:
    """The timeline has a bar per year or month, each a link naming its count; a click narrows to its period."""
    found = open_search(page, base, "q=president")
    bars = page.eval_on_selector_all(".archive-search__bar", "els => els.map(e => e.getAttribute('aria-label'))")
    counts = [int(re.search(r": ([\d,]+) turns?$", b).group(1).replace(",", "")) for b in bars]  # type: ignore[union-attr]
    assert bars and sum(counts) == int(page.locator(".archive-search__count").inner_text().split()[0].replace(",", ""))
    assert found
    first = next(i for i, n in enumerate(counts) if n)
    label = bars[first]
    page.locator(".archive-search__bar").nth(first).click()
    page.wait_for_function("location.search.includes('to=')")
    period = label.split(":")[0]
    assert page.locator(".archive-search__chip", has_text="From:").count() == 1
    assert all(r["date"].startswith(period[-4:]) for r in results(page))
    assert errors == []


def download(page: Any, button: str) -> str:
    with page.expect_download() as info:
        page.locator("button", has_text=button).click()
    return Path(info.value.path()).read_text(encoding="utf-8-sig")


def test_exports_hold_every_result_and_never_a_formula(page: Any, base: str, errors: list[str]) -> None:
    """CSV and JSON exports hold the whole result list (not the page shown), with permalinks and citations;
    a cell that begins with = + - @ cannot run in a spreadsheet."""
    found = open_search(page, base, "from=2020&to=2023")  # every turn: dates alone
    total = int(page.locator(".archive-search__count").inner_text().split()[0].replace(",", ""))
    assert total > len(found) == 20  # more than the page shows
    rows = list(csv.DictReader(io.StringIO(download(page, "Export CSV"))))
    assert len(rows) == total
    assert list(rows[0]) == ["date", "briefing", "speaker", "role", "type", "reporter", "outlet", "topics", "text",
                             "permalink", "citation"]
    assert all(r["permalink"].startswith("https://briefings.example.org/briefings/") and "#t" in r["permalink"] for r in rows)
    assert all(r["citation"].endswith(r["permalink"] + ".") and r["speaker"] in r["citation"] for r in rows)
    formula = next(r for r in rows if "HYPERLINK" in r["text"])
    assert formula["text"].startswith("'=HYPERLINK")
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    data = json.loads(download(page, "Export JSON"))
    assert data["count"] == total and len(data["results"]) == total
    assert data["results"][0].keys() == rows[0].keys()
    assert errors == []


BAD = [
    ("q=" + "inflation+" * 200, "were searched"),
    ("q=speaker%3A+fentanyl", "“speaker:” needs a value"),
    ("q=fentanyl&from=2021-13", "no month 13"),
    ("q=fentanyl+from%3A2021-13", "no month 13"),
    ("q=fentanyl&from=2023&to=2021", "is before"),
    ("q=fentanyl&speaker=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "<script>alert(1)</script>"),
    ("q=speakr%3Apsaki", "Unknown filter “speakr:”"),
    ("q=fentanyl+speaker%3Ablinkn", "No speaker matches “blinkn”: did you mean Antony J. Blinken?"),
    ("q=%28.%2A%29%2B%5Ba-z%5D%7B2%7D%5C+%24%5E%7C%3F", ""),
]


@pytest.mark.parametrize(("params", "message"), BAD)
def test_bad_input_gets_a_message_not_an_exception(page: Any, base: str, errors: list[str], params: str, message: str) -> None:
    """A 2,000-character query, a filter with no value, an impossible date, `to` before `from`, markup in a
    parameter, an unknown filter or name, regex characters: a clear message, no exception, nothing injected."""
    page.goto(f"{base}search.html?{params}")
    page.wait_for_selector("#archive-search:not([aria-busy])", timeout=20000)
    page.wait_for_timeout(200)
    if message:
        assert message in problems(page)
    assert page.locator("#archive-search script, #archive-search img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert errors == []


def test_markup_in_transcripts_stays_text(page: Any, base: str, errors: list[str]) -> None:
    """A transcript's `<script>` shows as text in results; nothing runs."""
    found = open_search(page, base, "q=talk")
    assert any("<script>window.__pwned=1</script>" in r["text"] for r in found)
    assert page.evaluate("window.__pwned") is None and errors == []


def test_filters_as_you_type_with_suggestions(page: Any, base: str, errors: list[str]) -> None:
    """`speaker:bli` offers the speakers it may mean; choosing one writes its id, and the search filters by it."""
    page.goto(f"{base}search.html")
    box = page.locator("#archive-search-q")
    box.click()
    box.press_sequentially("fentanyl speaker:bli", delay=20)
    option = page.locator("#archive-search-suggest [role=option]", has_text="Antony J. Blinken")
    option.wait_for(timeout=10000)
    box.press("ArrowDown")
    box.press("Enter")
    assert box.input_value() == "fentanyl speaker:antony-j-blinken "
    box.press("Enter")
    page.wait_for_function("location.search.includes('speaker=antony-j-blinken')")
    found = results(page)
    assert found and all(r["speaker"] == "antony-j-blinken" for r in found)
    assert box.input_value() == "fentanyl"
    assert errors == []


def test_entry_points(page: Any, base: str, site: Path) -> None:
    """The navigation and the header box lead to the search page; a speaker page's topics and a topic page's
    speakers open it filtered to both."""
    page.goto(base + "index.html")
    assert page.locator("nav a[href$='search.html']").count() >= 1
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("fentanyl", delay=30)
    link = page.locator("a.archive-search-all")
    link.wait_for(timeout=10000)
    assert link.get_attribute("href").endswith("search.html?q=fentanyl")
    speaker = (site / "speakers" / "antony-j-blinken.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./search\.html\?speaker=antony-j-blinken&amp;topic=[a-z0-9-]+"', speaker)
    topic = (site / "topics" / "fentanyl.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./search\.html\?speaker=[a-z0-9-]+&amp;topic=fentanyl"', topic)


def test_offline_from_file_url(page: Any, site: Path, tmp_path: Path, errors: list[str]) -> None:
    """The unzipped offline bundle: the search page filters, counts and exports from file://, and every
    request stays inside the unzipped folder."""
    folder = unzip_bundle(site, tmp_path)
    requests = Requests(page, folder.as_uri() + "/")
    page.goto((folder / "search.html").as_uri() + "?q=fentanyl&speaker=antony-j-blinken")
    found = results(page)
    assert found and all(r["speaker"] == "antony-j-blinken" for r in found)
    assert page.locator("[data-facet=topic]").count() > 0
    assert len(list(csv.DictReader(io.StringIO(download(page, "Export CSV"))))) == len(found)
    assert any("/search/archive/" in url for url in requests.seen)
    assert sorted({url for url in requests.seen if not url.startswith(requests.local)}) == []
    assert errors == []


def test_offline_search_finds_counts_and_narrows_as_the_public_site(page: Any, site: Path, base: str, tmp_path: Path,
                                                                   errors: list[str]) -> None:
    """The bundle reads every entry's facets from one table (`facets<k>.js`), the public site each word's postings'
    own: the same results, counts, facets and pages either way, with filters on who and on topics."""
    folder = unzip_bundle(site, tmp_path)
    assert (folder / "search/archive/facets0.js").is_file()
    assert "entry_facets" not in (site / "search/archive/manifest.js").read_text()

    def seen(address: str) -> tuple[Any, ...]:
        page.goto(address)
        found = [{**r, "link": r["link"].rsplit("/", 1)[-1]} for r in results(page)]
        return (found, page.locator(".archive-search__count").inner_text(),
                page.locator(".archive-search__facets").inner_text(), page.locator(".archive-search__pager").inner_text())

    for params in ("q=president", "q=president&role=question", "q=fentanyl&speaker=antony-j-blinken",
                   "q=the+president&topic=public-health", "q=mexico&page=2", "q=security&sort=oldest"):
        public = seen(f"{base}search.html?{params}")
        assert public[0] or params.startswith("q=mexico&page"), params
        assert seen((folder / "search.html").as_uri() + "?" + params) == public, params
    assert errors == []


def test_a_server_without_range_requests(page: Any, site: Path, errors: list[str]) -> None:
    """A host that ignores Range sends whole packs: the page still answers (and keeps what it got)."""
    with serve(site, ranges=False) as plain:
        found = open_search(page, plain, "q=fentanyl&speaker=antony-j-blinken")
    assert found and all(r["speaker"] == "antony-j-blinken" for r in found)
    assert errors == []


def test_a_heavy_words_answer_made_at_build_reads_as_the_computed_one(page: Any, site: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch, errors: list[str]) -> None:
    """A word nearly every turn holds gets its counts, facets and first results at build time: the reader sees
    what the postings give, on its first pages, on a page past them, sorted otherwise, and in an export (every
    result). Two copies of the site, one index with the answer made, one without, read side by side."""
    from generator.site import search_heavy as heavy
    from generator.site import search_index as search
    from generator.site import search_store as store
    from tests.test_search_engine import OUTLETS, TOPICS, _heavy_archive

    monkeypatch.setattr(store, "BIG_TERM", 50)
    monkeypatch.setattr(heavy, "HEAVY_BYTES", 100)
    monkeypatch.setattr(heavy, "FIRST", 40)
    copies = {}
    for name, most in (("made", 64), ("computed", 0)):
        monkeypatch.setattr(heavy, "HEAVY_MOST", most)
        copies[name] = shutil.copytree(site, tmp_path / name)
        shutil.rmtree(copies[name] / "search" / "archive")
        search.write_index(copies[name] / "search" / "archive", _heavy_archive(), TOPICS, lambda: None,
                           site=search.Site("Archive", "https://briefings.example.org/"), outlets=OUTLETS)
    assert "president" in json.loads(re.sub(r"^[^,]*,|\)\s*$", "", (copies["made"] / "search/archive/manifest.js").read_text()))["heavy"]

    def seen(base: str, params: str) -> tuple[Any, ...]:
        found = [{**r, "link": r["link"].removeprefix(base)} for r in open_search(page, base, params)]
        return (found, page.locator(".archive-search__count").inner_text(),
                page.locator(".archive-search__facets").inner_text(), page.locator(".archive-search__pager").inner_text())

    with serve(copies["made"]) as made, serve(copies["computed"]) as computed:
        for params in ("q=president", "q=president&page=2", "q=president&page=3", "q=president&sort=newest&page=2",
                       "q=presidents&sort=oldest"):
            mine, theirs = seen(made, params), seen(computed, params)
            assert mine == theirs, params
            assert len(mine[0]) == 20 and "960 turns in 40 briefings" in mine[1]
        open_search(page, made, "q=president&sort=newest")
        rows = list(csv.DictReader(io.StringIO(download(page, "Export CSV"))))
        open_search(page, computed, "q=president&sort=newest")
        assert rows == list(csv.DictReader(io.StringIO(download(page, "Export CSV")))) and len(rows) == 960
    assert errors == []


def test_keyboard_focus_is_kept_through_filters_and_sorting(page: Any, base: str, errors: list[str]) -> None:
    """A filter chosen by keyboard leaves focus on the results' count (never on the page's body, where a reader
    loses their place), and the Sort menu keeps focus after it reorders; the chosen filter is the current one to
    a screen reader, and each timeline bar is a link in a list."""
    open_search(page, base, "q=president")
    page.wait_for_selector("#archive-search:not([aria-busy]) a.archive-search__facet", timeout=20000)
    assert page.locator("a.archive-search__facet[aria-pressed]").count() == 0
    bars = page.locator(".archive-search__chart g[role=listitem] > a.archive-search__bar")
    assert bars.count() == page.locator("a.archive-search__bar").count() > 0
    assert page.get_by_role("link", name=bars.first.get_attribute("aria-label")).count() == 1
    facet = page.locator("a.archive-search__facet[data-facet=speaker]").first
    facet.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#archive-search:not([aria-busy]) a.archive-search__facet[aria-current=true]", timeout=20000)
    assert page.evaluate("document.activeElement.matches('h2.archive-search__count')")
    page.locator("#archive-search-sort").focus()
    page.locator("#archive-search-sort").select_option("newest")
    page.wait_for_function("location.search.includes('sort=newest')")
    page.wait_for_selector("#archive-search:not([aria-busy]) a.archive-search__facet[aria-current=true]", timeout=20000)
    assert page.evaluate("document.activeElement.id") == "archive-search-sort"
    assert errors == []
