"""The offline bundle: a reproducible zip of the site that works from `file://` with no request off the machine.

Network rule of the browser tests (`tests.conftest.Requests`): every request a page, frame or
worker makes is recorded, and one passes only if it stays inside the unzipped folder
(`file://…/briefing-archive-offline/…`), or, for the served site, on the local server.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import zipfile
from collections.abc import Callable
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.config_options import ValidationError

from generator.errors import ConfigError
from generator.plugin.config import BundleOption
from generator.site.offline_zip import BundleWriter, bundle_beside, bundle_path, site_files, write_zip, zip_timestamp
from generator.site.search_store import ENTRY_FACETS, Offline
from generator.site.search_store import _unwrap as unwrap
from tests.conftest import (
    OFFLINE_FOLDER,
    SEED,
    Requests,
    article_html,
    build_site,
    copy_project,
    offline_zip,
    unzip_bundle,
)

SEED_PAGE = f"{SEED.stem}.html"

TURN_LINK = re.compile(r"/briefings/[^/#?]+\.html(\?[^#]*)?#t\d{3}$")
SPEAKER_PAGE = re.compile(r"/(speakers|people)(/[^/#?]+)?\.html$")
TOPIC_PAGE = re.compile(r"/topics(/[^/#?]+)?\.html$")
BRIEFING_PAGE = re.compile(r"/briefings/[^/#?]+\.html$")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --- the zip itself -------------------------------------------------------------------------

def make_tree(root: Path, names: list[str], mode: int, mtime: int) -> Path:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"content of {name}\n", encoding="utf-8")
        path.chmod(mode)
        os.utime(path, (mtime, mtime))
    return root


def zip_bytes(site: Path, **kwargs: Any) -> bytes:
    out = io.BytesIO()
    write_zip(site, out, folder="bundle", **kwargs)
    return out.getvalue()


def test_zip_ignores_creation_order_times_and_modes(tmp_path: Path) -> None:
    """The zip depends on names and bytes only: not on creation order, mtimes or permissions."""
    names = ["index.html", "b/z.html", "a/y.html", "a/b/x.js", "é.html"]
    first = make_tree(tmp_path / "one", names, 0o600, 1_700_000_000)
    second = make_tree(tmp_path / "two", list(reversed(names)), 0o755, 1_000_000_000)
    assert zip_bytes(first) == zip_bytes(second)
    with zipfile.ZipFile(io.BytesIO(zip_bytes(first))) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(f"bundle/{n}" for n in names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {stat.S_IMODE(i.external_attr >> 16) for i in infos} == {0o644}


def test_source_date_epoch_sets_the_entry_dates(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH dates every entry; dates before 1980 clamp to it; garbage is refused."""
    assert zip_timestamp({"SOURCE_DATE_EPOCH": "1700000000"}) == (2023, 11, 14, 22, 13, 20)
    assert zip_timestamp({"SOURCE_DATE_EPOCH": "0"}) == (1980, 1, 1, 0, 0, 0)
    assert zip_timestamp({}) == (1980, 1, 1, 0, 0, 0)
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        zip_timestamp({"SOURCE_DATE_EPOCH": "yesterday"})
    site = make_tree(tmp_path / "site", ["index.html"], 0o644, 0)
    with zipfile.ZipFile(io.BytesIO(zip_bytes(site, stamp=(2023, 11, 14, 22, 13, 20)))) as archive:
        assert archive.infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)


def test_bundle_replaces_the_target_only_when_the_block_succeeds(tmp_path: Path) -> None:
    """The zip is renamed over the old one after the block; if the block fails the old one stays."""
    site = make_tree(tmp_path / "site", ["index.html"], 0o644, 0)
    target = tmp_path / "dist" / "x-offline.zip"
    with bundle_beside(site, target, environ={}):
        assert not target.exists()  # written beside it, not in place, until the block is done
    first = target.read_bytes()
    (site / "index.html").write_text("changed\n", encoding="utf-8")
    with pytest.raises(OSError), bundle_beside(site, target, environ={}):
        raise OSError("the site swap failed")
    assert target.read_bytes() == first
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["x-offline/index.html"]


def test_deflated_pieces_are_copied_as_they_are(tmp_path: Path) -> None:
    """The search index's file:// pieces come deflated by the index's own thread; the bundle copies those bytes as
    they are: the zip is byte for byte the one the bundle makes compressing them itself, and reads back whole."""
    texts = {f"t{n}.js": f'__archiveSearch("d{n}",{json.dumps(["inflation, «très» important"] * (n * 40))})\n'
             for n in range(6)}
    deflated = Offline(tmp_path / "deflated.zip")
    for name, text in texts.items():
        deflated.write(name, text)
    deflated.close()
    with zipfile.ZipFile(tmp_path / "deflated.zip") as pieces:
        assert {i.compress_type for i in pieces.infolist()} == {zipfile.ZIP_DEFLATED}
    with zipfile.ZipFile(tmp_path / "stored.zip", "w", zipfile.ZIP_STORED) as stored:
        for name, text in texts.items():
            stored.writestr(name, text)

    def bundled(pieces: str) -> bytes:
        site = make_tree(tmp_path / pieces / "site", ["index.html", "assets/a.css"], 0o644, 0)
        writer = BundleWriter(tmp_path / pieces / "bundle.zip")
        writer.add("index.html", (site / "index.html").read_bytes())
        writer.add_folder(tmp_path / f"{pieces}.zip", under="search/archive")
        writer.finish(site)
        writer.commit()
        return (tmp_path / pieces / "bundle.zip").read_bytes()

    copied = bundled("deflated")
    assert copied == bundled("stored")
    with zipfile.ZipFile(io.BytesIO(copied)) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(f"bundle/search/archive/{name}").decode() for name in texts} == texts


def test_bundle_option_values() -> None:
    """`bundle:` takes true, false or a .zip path, and names what it got otherwise."""
    option = BundleOption()
    assert option.default is True
    assert option.validate(False) is False
    assert option.validate("out/archive.zip") == "out/archive.zip"
    for bad in (3, "", "dist/archive.tar", ".zip", None):
        with pytest.raises(ValidationError, match=r"path ending in \.zip"):
            option.validate(bad)


def test_bundle_path_starts_beside_the_site_dir(tmp_path: Path) -> None:
    """The default zip is dist/<site-name-slug>-offline.zip next to site_dir; false means none."""
    site = tmp_path / "out" / "site"
    assert bundle_path(True, "Briefing Archive", site) == tmp_path / "out" / "dist" / "briefing-archive-offline.zip"
    assert bundle_path("b/a.zip", "x", site) == tmp_path / "out" / "b" / "a.zip"
    assert bundle_path(str(tmp_path / "abs.zip"), "x", site) == tmp_path / "abs.zip"
    assert bundle_path(False, "x", site) is None


# --- real builds ----------------------------------------------------------------------------

@pytest.mark.build
def test_bundle_is_the_built_site(built_site: Path, tmp_path: Path) -> None:
    """The build's zip holds every file of the site, byte for byte, under one top folder; but the open data
    (`data/`), whose downloads its Data page links on the public site instead, the search index, which it holds in its file:// form: scripts of its pieces instead of the
    packs read by Range, and the briefing pages, which draw their turns' words from those scripts."""
    unzipped = unzip_bundle(built_site, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [OFFLINE_FOLDER]
    index = "search/archive/"
    site = {name: data for name, data in tree(built_site).items() if not name.startswith(("data/", index))}
    bundled = {name: data for name, data in tree(unzipped).items() if not name.startswith(index)}
    assert bundled.keys() == site.keys() and (built_site / "data" / "turns.csv.bz2").is_file()
    assert sorted(name for name in site if bundled[name] != site[name]) == ["briefings/" + SEED_PAGE, "data.html"]
    words = "143 countries, including the United States and Mexico, came together"
    assert words.encode() in site["briefings/" + SEED_PAGE] and words.encode() not in bundled["briefings/" + SEED_PAGE]
    assert len(bundled["briefings/" + SEED_PAGE]) < len(site["briefings/" + SEED_PAGE]) / 2
    assert b'href="https://briefings.example.org/data/turns.csv.bz2"' in bundled["data.html"]
    assert (unzipped / "search" / "search_index.js").exists()  # the offline plugin ran first
    offline = {p.name for p in (unzipped / index).iterdir()}
    assert {"manifest.js", "lists.js", "shards0-0.js", "t0.js"} <= offline and not any(n.endswith(".bin") for n in offline)
    manifest = {name: unwrap((root / index / "manifest.js").read_text()) for name, root in
                (("bundled", unzipped), ("site", built_site))}
    entry_facets = manifest["bundled"].pop("entry_facets")  # every entry's facets once, in `facets<k>.js`
    assert manifest["bundled"] == manifest["site"] and entry_facets == [ENTRY_FACETS, 1] and "facets0.js" in offline


@pytest.mark.build
def test_bundle_is_reproducible(tmp_path: Path) -> None:
    """Two builds of the same input, into different folders, give the same zip bytes."""
    project = copy_project(tmp_path / "project")
    sites = [tmp_path / "one" / "site", tmp_path / "two" / "site"]
    for site in sites:
        result = build_site(project, site)
        assert result.returncode == 0, result.stderr
    assert offline_zip(sites[0]).read_bytes() == offline_zip(sites[1]).read_bytes()


@pytest.mark.build
def test_failed_build_keeps_the_previous_zip(tmp_path: Path) -> None:
    """A build that fails under --strict leaves the previous zip byte-identical and no temp file."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build_site(project, site).returncode == 0
    before = offline_zip(site).read_bytes()
    (project / "content" / "briefings" / "2022-01-02-prose.txt").write_text("Just prose.\n", encoding="utf-8")
    assert build_site(project, site).returncode != 0
    assert offline_zip(site).read_bytes() == before
    assert [p.name for p in offline_zip(site).parent.iterdir()] == [f"{OFFLINE_FOLDER}.zip"]


@pytest.mark.build
def test_bundle_false_writes_no_zip(tmp_path: Path) -> None:
    """`bundle: false` builds the site and no zip."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      bundle: true" in text
    config.write_text(text.replace("      bundle: true", "      bundle: false"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").exists() and not (tmp_path / "dist").exists()


FETCHED_ATTRIBUTE = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
                     "video": "src", "embed": "src", "object": "data", "link": "href"}


class _Fetched(HTMLParser):
    """URLs a browser fetches by itself from a page: scripts, styles, icons, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and not {"stylesheet", "icon", "preload", "preconnect", "modulepreload",
                                   "manifest", "dns-prefetch", "apple-touch-icon"} & set(
                                       (values.get("rel") or "").split()):
            return
        url = values.get(FETCHED_ATTRIBUTE.get(tag, ""))
        if url:
            self.urls.append(url)


@pytest.mark.build
def test_pages_load_nothing_from_another_host(built_site: Path) -> None:
    """No page of the site (served or bundled) pulls a script, style, font, icon or image off-site."""
    external: list[str] = []
    shim = 0
    for page in sorted(built_site.rglob("*.html")):
        parser = _Fetched()
        parser.feed(page.read_text(encoding="utf-8"))
        external += [f"{page.relative_to(built_site)}: {u}" for u in parser.urls if re.match(r"(\w+:)?//", u)]
        shim += any(u.endswith("assets/javascripts/iframe-worker-shim.js") for u in parser.urls)
    assert external == []
    assert shim == len(list(built_site.rglob("*.html")))  # the vendored shim, on every page


# --- in the browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def unzipped(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build's zip, unzipped as a reader would, into a fresh folder."""
    return unzip_bundle(built_site, tmp_path_factory.mktemp("usb-stick"))


@pytest.fixture
def offline(page: Any, unzipped: Path) -> tuple[Any, Requests, str]:
    """A tab with request recording on, and the file:// address of the bundle's home page."""
    return page, Requests(page, unzipped.as_uri() + "/"), unzipped.as_uri() + "/index.html"


def search(page: Any, query: str) -> Any:
    """Type into Material's search like a person (it searches on keyup); the first hit on a turn."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=40)
    hit = page.locator(f".md-search-result__item a[href*='h={query}' i][href*='#t']").first
    hit.wait_for(timeout=15000)
    return hit


def turn_text(page: Any, anchor: str) -> str:
    """The text of the turn whose heading has id `anchor`, up to the next turn heading."""
    return page.evaluate(
        """id => { let el = document.getElementById(id), out = '';
                   for (el = el.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling)
                     out += el.textContent; return out; }""", anchor)


def landed_turn(page: Any) -> str:
    """The anchor the tab is on, checked to be a turn heading of a briefing page."""
    page.wait_for_url(re.compile(r"/briefings/[^/]+\.html(\?[^#]*)?#t\d{3}$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"h2.turn#{anchor}").count() == 1
    return anchor


def links(page: Any) -> list[str]:
    """The absolute URLs of the page's links, as the browser resolves them."""
    return page.eval_on_selector_all("a[href]", "all => all.map(a => a.href)")


def click_link(page: Any, accept: Callable[[str], object]) -> str:
    """Click the first visible link whose absolute URL `accept`s, as a reader would; return the URL."""
    for link in page.locator("a[href]").all():
        url = link.evaluate("a => a.href")
        if accept(url) and link.is_visible():
            link.click()
            page.wait_for_load_state()
            return url
    raise AssertionError(f"no such link on {page.url}")


@pytest.mark.browser
def test_offline_briefing_page_reads_as_the_public_one(page: Any, built_site: Path, unzipped: Path) -> None:
    """A bundled briefing page, whose words come from the search index's scripts, reads in the browser as the
    public site's page: the same paragraphs, in the same places, interpreted ones and stage directions marked,
    Cite buttons and all; its table of contents has the questions' first words."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((built_site / "briefings" / SEED_PAGE).as_uri())
    public = article_html(page)
    page.goto((unzipped / "briefings" / SEED_PAGE).as_uri() + "#t012")
    assert article_html(page) == public
    assert page.locator("article p.interpreted").count() > 30 and page.locator("article em.stage").count() > 0
    assert page.locator(".md-sidebar--secondary a.md-nav__link").filter(has_text="Question from").count() > 5
    assert page.evaluate("document.getElementById('t012').getBoundingClientRect().top") < 200  # landed on the turn
    assert errors == []


@pytest.mark.browser
def test_offline_briefing_page_without_script_says_why_it_has_no_words(browser: Any, unzipped: Path) -> None:
    """With script off, a bundled briefing page shows its headings and says where its words are."""
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto((unzipped / "briefings" / SEED_PAGE).as_uri())
        assert tab.locator("h2.turn").count() == 39
        assert "shows a transcript's words with JavaScript" in tab.locator("article").inner_text()
    finally:
        context.close()


@pytest.mark.browser
def test_offline_search_lands_on_the_turn(offline: tuple[Any, Requests, str]) -> None:
    """From file://, searching "Haiti" and clicking a hit opens the turn that says it; links work."""
    page, requests, home = offline
    page.goto(home)
    search(page, "Haiti").click()
    anchor = landed_turn(page)
    assert "Haiti" in turn_text(page, anchor)
    click_link(page, lambda url: url.endswith("/about.html"))
    assert page.url.endswith("/about.html") and page.locator("article h1").count() == 1
    click_link(page, lambda url: url == home)
    click_link(page, BRIEFING_PAGE.search)
    assert page.locator("h2.turn").count() > 0
    assert any("/search/" in url for url in requests.seen)  # the recorder sees the index load
    assert requests.outside == []


def open_family_page(page: Any, family: re.Pattern[str]) -> None:
    """From the home page or nav, reach a page of `family` that links to turns (via its index if needed)."""
    click_link(page, family.search)
    for _ in range(2):  # an index first, perhaps, then a speaker's or topic's own page
        if any(TURN_LINK.search(url) for url in links(page)):
            return
        click_link(page, partial(other_page_of, family, page.url.split("#")[0]))


def other_page_of(family: re.Pattern[str], here: str, url: str) -> bool:
    return bool(family.search(url)) and url.split("#")[0] != here


@pytest.mark.browser
def test_offline_speaker_page_links_to_turns(offline: tuple[Any, Requests, str]) -> None:
    """From file://, a speaker page reached from the home page or nav links to that speaker's turns."""
    page, requests, home = offline
    page.goto(home)
    open_family_page(page, SPEAKER_PAGE)
    speaker_page = page.url.split("?")[0].rsplit("/", 1)[1].removesuffix(".html")
    speaker_name = page.locator("article h1").first.inner_text().strip().rstrip("¶").strip()  # no permalink sign
    click_link(page, TURN_LINK.search)
    anchor = landed_turn(page)
    heading = page.locator(f"h2.turn#{anchor}")
    assert heading.get_attribute("data-speaker") == speaker_page or speaker_name in heading.inner_text()
    assert requests.outside == []


@pytest.mark.browser
def test_offline_topic_page_links_to_turns(offline: tuple[Any, Requests, str]) -> None:
    """From file://, a topic page reached from the home page or nav links to turns that open."""
    page, requests, home = offline
    page.goto(home)
    open_family_page(page, TOPIC_PAGE)
    click_link(page, TURN_LINK.search)
    landed_turn(page)
    assert requests.outside == []


LONGEST_TASK_MS = 200
"""Issue 8's bound: search never blocks the main thread longer than this (on an idle machine)."""
LOADS = 3
REFERENCE_TASK = """() => {
    const start = performance.now();
    let x = 0;
    for (let i = 0; i < 25000000; i++) x = (x + i * 7) % 1000003;
    return [performance.now() - start, x];
}"""
"""A fixed piece of main-thread work that takes about 100 ms on this project's idle 2-core machine (half
the bound): timed in the same page, it tells how much slower the machine is at that moment."""
REFERENCE_MS = 100


@pytest.mark.browser
def test_offline_search_does_not_freeze_the_page(browser: Any, unzipped: Path) -> None:
    """On file:// no main-thread task from page load to the first search hit reaches 200 ms on an idle
    machine. On a loaded one every task is slower: the bound grows by how much slower a fixed reference
    task runs in the same page just after (never below 200 ms), so a freeze (the index built on the main
    thread: seconds) still fails. The least of three loads counts: other processes only lengthen tasks."""
    ratios, seen = [], []
    for _ in range(LOADS):
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script("""
            window.__longtasks = [];
            new PerformanceObserver(list => window.__longtasks.push(...list.getEntries().map(e => e.duration)))
                .observe({type: 'longtask', buffered: true});""")
        page.goto(unzipped.as_uri() + "/index.html")
        assert page.evaluate("PerformanceObserver.supportedEntryTypes.includes('longtask')")
        search(page, "Haiti")
        longest = max(page.evaluate("window.__longtasks"), default=0.0)
        reference = sorted(page.evaluate(REFERENCE_TASK)[0] for _ in range(3))[1]
        bound = LONGEST_TASK_MS * max(1.0, reference / REFERENCE_MS)
        ratios.append(longest / bound)
        seen.append((round(longest), round(reference)))
        context.close()
    print("file:// longest main-thread task until the first hit, reference task (ms), per load:", seen)
    assert min(ratios) < 1.0, seen


@pytest.mark.browser
def test_served_site_requests_stay_on_the_host(page: Any, served_site: str) -> None:
    """The site served over HTTP requests nothing from another host: no fonts, CDN scripts or icons."""
    requests = Requests(page, served_site)
    page.goto(served_site)
    search(page, "Haiti").click()
    landed_turn(page)
    click_link(page, lambda url: url.endswith("/about.html"))
    assert any("/search/" in url for url in requests.seen)
    assert requests.outside == []


def test_the_site_files_are_listed_sorted_and_left_out_folders_unread(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundle lists what is left to add by path, in order, without entering a folder it leaves out (the open
    data's 10,000 JSON files at 10,000 briefings); a file whose name only starts like a left-out folder stays."""
    for name in ("b.html", "a/z.html", "a/b/c.html", "data/x.json", "data/deep/y.json", "database.html", "a.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    assert site_files(tmp_path) == sorted(["a.html", "a/b/c.html", "a/z.html", "b.html", "data/deep/y.json",
                                           "data/x.json", "database.html"])
    entered: list[str] = []
    walk = os.walk

    def watched(top: Path) -> Any:
        for folder, folders, files in walk(top):
            entered.append(Path(folder).relative_to(tmp_path).as_posix())
            yield folder, folders, files

    monkeypatch.setattr(os, "walk", watched)
    assert site_files(tmp_path, skip=("data/", "a/b/")) == ["a.html", "a/z.html", "b.html", "database.html"]
    assert sorted(entered) == [".", "a"]
