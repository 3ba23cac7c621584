"""Hostile input: markup, links, attribute lists, Jinja and entities in transcripts and config
come out as literal text on every page and output, never as elements, attributes or URLs.

The site is built twice: as it is (`built_site`) and with `tests/fixtures/hostile/` added (a
transcript, plus entries merged into `speakers.yml` and `topics.yml`). Every HTML file of the
hostile build (and of its offline zip) is read with a real HTML parser and compared with the
clean build, so page families added later are covered without changes here.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import article_html, build_site, copy_project, serve, unzip_bundle
from sitecrawl import (
    SITE_URL,
    Element,
    Page,
    broken_links,
    collapse,
    html_pages,
    link_target,
    output_files,
    parse_html,
    set_search_engine,
)
from test_citeproc import rendered

from generator.enrich.loader import Loader
from generator.enrich.registry import load_registry
from generator.enrich.topics import load_vocabulary
from generator.errors import ConfigError
from generator.model import Archive, Briefing, Turn
from generator.site.briefing_page import turn_heading
from generator.site.cite_data import speaker_of
from generator.site.csl_item import csl_item
from generator.site.open_data import FOLDER

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
TRANSCRIPT = "2023-03-03-hostile-briefing.txt"
SLUG = "2023-03-03-hostile-briefing"
INJECTED_IDS = {"evil-id", "evil", "evil-role", "q"}
"""Ids the fixture's `{#…}` attribute lists ask for."""
INJECTED_CLASSES = {"md-button", "x"}
"""Classes the fixture's `{: .… }` attribute lists ask for."""
SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")

pytestmark = pytest.mark.build


def _merge_yaml(project: Path, name: str, key: str) -> None:
    target = project / "content" / name
    data = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else None
    data = data or {key: []}
    data[key] = (data.get(key) or []) + yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))[key]
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    shutil.copy(FIXTURES / TRANSCRIPT, project / "content" / "briefings" / TRANSCRIPT)
    _merge_yaml(project, "speakers.yml", "people")
    _merge_yaml(project, "topics.yml", "topics")
    return project


@pytest.fixture(scope="module")
def hostile_site(hostile_project: Path) -> Path:
    site = hostile_project / "site"
    result = build_site(hostile_project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_archive(hostile_project: Path) -> Archive:
    archive = Loader().load(hostile_project / "content", hostile_project)
    assert not archive.errors, archive.errors
    return archive


@pytest.fixture(scope="module")
def hostile_pages(hostile_site: Path) -> dict[str, Page]:
    pages = {name: parse_html(data.decode("utf-8")) for name, data in output_files(hostile_site)
             if name.endswith(".html")}
    assert f"briefings/{SLUG}.html" in pages
    return pages


@pytest.fixture(scope="module")
def clean_pages(built_site: Path) -> dict[str, Page]:
    return html_pages(built_site)


def _page(pages: dict[str, Page], suffix: str) -> Page:
    return next(page for name, page in pages.items() if "!" not in name and name.endswith(suffix))


def test_hostile_fixture_exercises_every_family(hostile_archive: Archive) -> None:
    """The fixture really parses into hostile labels, participants, front matter, registry and topic values."""
    briefing = next(b for b in hostile_archive.briefings if b.slug == SLUG)
    assert "<script>" in briefing.title and "onerror" in briefing.location and "{%" in briefing.venue
    assert any("<script>" in p.name for p in briefing.participants)
    assert any(t.speaker.id == "hostile-speaker" for t in briefing.turns)
    assert any("hostile-topic" in t.topics for t in briefing.turns)
    texts = [s.text for t in briefing.turns for p in t.paragraphs for s in p.segments]
    for marker in ("<script>", "onerror=", "javascript:", "](", "{: onclick", "{#", "{{", "{%", "&lt;",
                   "`", "|", "---", "# Not", "> Not", "1. Not", "* Not"):
        assert any(marker in text for text in texts), marker


def test_no_element_or_attribute_comes_from_input(hostile_pages: dict[str, Page],
                                                  clean_pages: dict[str, Page]) -> None:
    """Every tag and tag/attribute pair in the hostile build also occurs in the clean build."""
    clean_tags = {e.tag for p in clean_pages.values() for e in p.elements}
    clean_attrs = {(e.tag, k) for p in clean_pages.values() for e in p.elements for k, _ in e.attrs}
    for name, page in hostile_pages.items():
        for element in page.elements:
            assert element.tag in clean_tags, f"{name}:{element.line}: <{element.tag}>"
            for key, _ in element.attrs:
                assert (element.tag, key) in clean_attrs, f"{name}:{element.line}: <{element.tag} {key}>"


def test_no_event_handler_or_script_url(hostile_pages: dict[str, Page], clean_pages: dict[str, Page]) -> None:
    """No `on*` attribute anywhere; every URL is relative, http(s)/mailto, or one the theme itself emits."""
    theme_urls = {url for p in clean_pages.values() for _, url in p.urls()}
    for name, page in hostile_pages.items():
        for element in page.elements:
            handlers = [k for k, _ in element.attrs if k.startswith("on")]
            assert not handlers, f"{name}:{element.line}: <{element.tag} {handlers}>"
        for element, url in page.urls():
            scheme = _SCHEME.match(url)
            assert not scheme or url.lower().startswith(SAFE_SCHEMES) or url in theme_urls, \
                f"{name}:{element.line}: {url!r}"
            assert "evil.example" not in url and "alert(" not in url, f"{name}:{element.line}: {url!r}"


def test_no_injected_id_class_or_script(hostile_pages: dict[str, Page]) -> None:
    """Attribute lists in the input set no id or class; no script or style carries input text except
    JSON data blocks, which must parse and cannot close their element."""
    for name, page in hostile_pages.items():
        for element in page.elements:
            assert element.get("id") not in INJECTED_IDS, f"{name}:{element.line}"
            classes = set((element.get("class") or "").split())
            assert not classes & INJECTED_CLASSES, f"{name}:{element.line}: {classes}"
            for key, value in element.attrs:
                if key == "id" and value:
                    assert re.fullmatch(r"[\w:.-]+", value), f"{name}:{element.line}: id={value!r}"
        for kind, raw in page.raw_text:
            if kind in ("application/json", "application/ld+json"):  # data (for scripts, for search engines):
                # inert, and unable to close its element
                json.loads(raw)
                assert "</" not in raw and "<!--" not in raw, f"{name}: {raw[:200]!r}"
            else:
                assert "alert(" not in raw and "evil.example" not in raw, f"{name}: {raw[:200]!r}"


HOSTILE_WORDS = re.compile(r"alert|script|onerror|onclick|onmouseover|evil|jinja|tick|pipe", re.IGNORECASE)
"""Words of the hostile fixture's texts: an id, class or fragment holding one (and not found in the
clean build too) was made from them, as the table of contents makes a heading's id from its words."""


def _family(name: str) -> str:
    """The page family of an output path (`speakers`, `topics`, `briefings`), or `other`."""
    found = re.search(r"(?:^|/)(briefings|speakers|topics)/", name.rsplit("!", 1)[-1])
    return found.group(1) if found else "other"


def _names_and_urls(page: Page, name: str) -> list[tuple[Element, str, str]]:
    """Each id, class name and URL fragment of a page, and each external URL, as (element, kind, value)."""
    out = [(e, kind, v) for e in page.elements for kind, v in
           (("id", e.get("id") or ""), *(("class", c) for c in (e.get("class") or "").split()))]
    for element, url in page.urls():
        target = link_target(name.rsplit("!", 1)[-1], url)
        out.append((element, "fragment", target[1]) if target else (element, "external URL", url))
    return [item for item in out if item[2]]


@pytest.mark.parametrize("family", [
    "briefings", "other",
    "speakers", "topics",
])
def test_no_id_class_or_url_made_from_input(hostile_pages: dict[str, Page], clean_pages: dict[str, Page],
                                            family: str) -> None:
    """No id, class name or `#fragment` is made from input text (generated headings have fixed ids), and
    every external URL is one the clean build has too: input reaches paths only as slugs (`[a-z0-9-]`)."""
    clean = {(kind, value) for name, page in clean_pages.items() for _, kind, value in _names_and_urls(page, name)}
    for name, page in hostile_pages.items():
        if _family(name) != family:
            continue
        for element, kind, value in _names_and_urls(page, name):
            if (kind, value) in clean:
                continue
            assert kind != "external URL", f"{name}:{element.line}: {value!r}"
            assert not HOSTILE_WORDS.search(value), f"{name}:{element.line}: {kind} {value!r}"


def _segments(archive: Archive) -> list[str]:
    briefing = next(b for b in archive.briefings if b.slug == SLUG)
    return [s.text for t in briefing.turns for p in t.paragraphs for s in p.segments]


def test_briefing_page_shows_input_literally(hostile_pages: dict[str, Page], hostile_archive: Archive) -> None:
    """Title, place, venue, participants, headings and every paragraph appear as the exact text typed."""
    briefing = next(b for b in hostile_archive.briefings if b.slug == SLUG)
    page = _page(hostile_pages, f"briefings/{SLUG}.html")
    shown = [briefing.title, briefing.location, briefing.venue, *_segments(hostile_archive)]
    shown += [text for p in briefing.participants for text in (p.name, p.role)]
    shown += [turn_heading(t) for t in briefing.turns]
    for text in shown:
        assert collapse(text) in page.text, text
    assert collapse(briefing.title) in page.title


def test_home_and_registry_pages_show_input_literally(hostile_pages: dict[str, Page],
                                                      hostile_archive: Archive) -> None:
    """The home page lists the hostile title and place; speaker and topic pages show names and titles as typed."""
    briefing = next(b for b in hostile_archive.briefings if b.slug == SLUG)
    home = _page(hostile_pages, "index.html")
    assert collapse(briefing.title) in home.text and collapse(briefing.location) in home.text
    person = hostile_archive.person("hostile-speaker")
    topic = next(t for t in hostile_archive.topics if t.id == "hostile-topic")
    everywhere = " ".join(p.text for n, p in hostile_pages.items() if "!" not in n)
    for text in (person.name, person.affiliation, person.roles[0].title, topic.title, topic.description):
        assert collapse(text) in everywhere, text
    for name, page in hostile_pages.items():
        if name.endswith(("speakers/hostile-speaker.html", "topics/hostile-topic.html")):
            assert collapse(person.name if "speakers" in name else topic.title) in page.title


def test_search_index_holds_escaped_text(hostile_site: Path, hostile_archive: Archive,
                                         built_site: Path) -> None:
    """The search index's titles and texts, which the theme inserts as HTML, parse back to the literal input."""
    def entries(site: Path) -> list[dict[str, str]]:
        return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    clean = [parse_html(e[k]) for e in entries(built_site) for k in ("title", "text")]
    allowed = {(e.tag, k) for p in clean for e in p.elements for k, _ in (*e.attrs, ("", None))}
    text = []
    for entry in entries(hostile_site):
        for key in ("title", "text"):
            fragment = parse_html(entry[key])
            for element in fragment.elements:
                assert (element.tag, "") in allowed, (entry["location"], element)
                assert all((element.tag, k) in allowed for k, _ in element.attrs), (entry["location"], element)
            text.append(fragment.text)
    joined = " ".join(text)
    briefing = next(b for b in hostile_archive.briefings if b.slug == SLUG)
    for shown in (briefing.title, briefing.location, *_segments(hostile_archive)):
        assert collapse(shown) in joined, shown


def _data_strings(name: str, data: bytes) -> list[str]:
    """Every text value of a JSON, CSV or XML export (for XML: element texts and attribute values)."""
    if name.endswith(".json"):
        def walk(value: object) -> list[str]:
            if isinstance(value, str):
                return [value]
            items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
            return [s for item in items for s in walk(item)]
        return walk(json.loads(data))
    if name.endswith(".csv"):
        return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]
    if name.endswith(".xml"):
        root = ET.fromstring(data)
        return [t for e in root.iter() for t in (e.text, e.tail, *e.attrib.values()) if t]
    return []


def _carried(briefing: Briefing) -> dict[str, set[str]]:
    """Per export (its path under `data/`, or in a download), the hostile texts it carries (the JSON holds
    each turn's words once, in paragraphs)."""
    said = [t for t in briefing.turns if not t.question]  # the CSV names a question's reporter
    participants = {text for p in briefing.participants for text in (p.name, p.role)}
    turns = {text for t in briefing.turns for text in (t.label, t.speaker.name, t.speaker.role, t.speaker.affiliation,
                                                       *(s.text for p in t.paragraphs for s in p.segments))}
    return {
        f"briefings/{SLUG}.json": {briefing.title, briefing.location, briefing.venue, briefing.source_url,
                                   *participants, *turns} - {""},
        "briefings.json": {briefing.title},
        "turns.csv": {text for t in said for text in (t.text, t.speaker.name, t.speaker.role)} - {""},
        "feed.xml": {briefing.title, briefing.location, *(s.name for s in briefing.speakers if s.has_page)},
    }


def test_exports_hold_input_verbatim(hostile_site: Path, hostile_archive: Archive) -> None:
    """Every data export of the hostile briefing (its JSON, the list, the turns CSV, the Atom feed), in the
    site and in the site's compressed downloads (the offline zip holds no open data), holds each hostile text
    it carries exactly as typed, neither escaped twice nor stripped; the search index and sitemap are checked
    elsewhere."""
    briefing = next(b for b in hostile_archive.briefings if b.slug == SLUG)
    carried = _carried(briefing)
    checked: dict[str, int] = dict.fromkeys(carried, 0)
    for name, data in output_files(hostile_site):
        container, _, entry = name.rpartition("!")
        export = entry if container.startswith(f"{FOLDER}/") else entry.partition(f"{FOLDER}/")[2]
        if export not in carried:
            continue
        checked[export] += 1
        strings = _data_strings(name, data)
        missing = [text for text in carried[export] if not any(text in s for s in strings)]
        assert not missing, (name, missing)
        assert not any("&lt;script&gt;alert(" in s or "&amp;amp;" in s for s in strings), name
    copies = {"turns.csv": 1, "feed.xml": 1, "briefings.json": 1}  # the CSV in turns.csv.bz2, the others in the site alone
    assert checked == {export: copies.get(export, 2) for export in carried}, checked


def test_text_outputs_stay_well_formed(hostile_site: Path) -> None:
    """Every JSON and XML output, in the site and the offline zip, still parses with hostile input inside."""
    import xml.etree.ElementTree as ET

    checked = 0
    for name, data in output_files(hostile_site):
        if name.endswith(".json"):
            json.loads(data)
            checked += 1
        elif name.endswith(".xml"):
            ET.fromstring(data)
            checked += 1
    assert checked >= 2


@pytest.fixture(scope="module", params=["material", "sharded"])
def engine_site(request: pytest.FixtureRequest, hostile_project: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile site built with each search engine (Material's, and the sharded index)."""
    project = tmp_path_factory.mktemp(f"engine-{request.param}") / "project"
    shutil.copytree(hostile_project, project, ignore=shutil.ignore_patterns("site", "dist", ".site-*"))
    if not set_search_engine(project, request.param):
        pytest.skip("mkdocs.yml has no search_engine option")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.browser
def test_no_script_runs_in_a_browser(engine_site: Path, page: Any) -> None:
    """Opening every hostile page, clicking its buttons and searching for the payload opens no dialog,
    and search results show the payload as text, with either search engine."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(engine_site) as base:
        for path in sorted(p.relative_to(engine_site).as_posix() for p in engine_site.rglob("*.html")):
            page.goto(base + path)
        page.goto(f"{base}briefings/{SLUG}.html")
        for button in page.locator(".md-content button, .md-content [role=button]").all()[:20]:
            if button.is_visible():
                button.click(timeout=10000)
                if page.locator("dialog.cite-panel[open]").count():  # a Cite button opens a modal dialog,
                    page.wait_for_selector("#cite-csl", timeout=60000)  # ready once its styles have loaded
                page.keyboard.press("Escape")
        page.goto(base + "index.html")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator(".md-search__input").press_sequentially("markdown")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        results = page.locator(".md-search-result").inner_text()
        assert "<script>alert(" in results
        page.locator(".md-search-result__item").first.hover()
    assert dialogs == []


@pytest.mark.browser
def test_offline_page_shows_input_literally(hostile_site: Path, page: Any, tmp_path: Path) -> None:
    """The offline bundle's hostile briefing page, whose words its script puts back from the search index's
    text blocks, reads as the public page: every payload as text, no dialog, no script of theirs run."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((hostile_site / "briefings" / f"{SLUG}.html").as_uri())
    public = article_html(page)
    page.goto((unzip_bundle(hostile_site, tmp_path) / "briefings" / f"{SLUG}.html").as_uri())
    assert article_html(page) == public
    assert "<script>alert(" in page.locator("article").inner_text()
    assert dialogs == []


def _cited(turn: Turn) -> str:
    """Who the panel's title says is cited: name and role."""
    return ", ".join(v for v in (speaker_of(turn)["name"], speaker_of(turn)["role"]) if v)


@pytest.mark.browser
def test_citations_show_input_literally(hostile_site: Path, hostile_archive: Archive, browser: Any) -> None:
    """Each turn's Cite panel, and what its Copy button puts on the clipboard, is what the processor renders
    from the turn's item, the hostile title's markup as characters (`<script>`, `{{ }}`, `javascript:`); the
    CSL-JSON holds title, place and author exactly as typed; the panel holds no element made from them."""
    briefing = next(b for b in hostile_archive.briefings if b.slug == SLUG)
    site_name = yaml.safe_load((hostile_site.parent / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
    people = {p.id: p for p in hostile_archive.people}
    items = [csl_item(briefing, turn, site_name, SITE_URL, people) for turn in briefing.turns]
    expected = rendered(items)
    dialogs: list[str] = []
    with serve(hostile_site) as base:
        context = browser.new_context()
        try:
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
            tab = context.new_page()
            tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            tab.goto(f"{base}briefings/{SLUG}.html")
            for turn, item, cited in zip(briefing.turns, items, expected, strict=True):
                tab.click(f'button.cite-button[aria-label^="Cite this turn ({turn.anchor},"]')
                tab.wait_for_selector("#cite-csl", timeout=60000)
                panel = tab.locator("dialog.cite-panel")
                assert panel.locator(".cite-panel__title").inner_text() == f"Cite this turn: {_cited(turn)}"
                tags = set(panel.locator("*").evaluate_all("els => els.map(e => e.localName)"))
                assert tags == {"p", "div", "label", "textarea", "button"}, tags
                for style in ("chicago", "chicago-bib", "apa", "mla", "bibtex"):
                    assert tab.input_value(f"#cite-{style}") == cited[style], style
                for marker in ("<script>alert(", "{{ config.site_name }}", "javascript:alert(1)"):
                    assert marker in cited["chicago"].lower(), marker  # Chicago title-cases the title
                (csl,) = json.loads(tab.input_value("#cite-csl"))
                assert csl == item
                assert (briefing.location, briefing.title.split()[0]) == (csl["event-place"], csl["title"].split()[0])
                panel.get_by_role("button", name="Copy Chicago (note)").click()
                assert tab.evaluate("navigator.clipboard.readText()") == cited["chicago"]
                tab.keyboard.press("Escape")
        finally:
            context.close()
    assert dialogs == []


def _config_error(tmp_path: Path, name: str, text: str) -> ConfigError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    load = load_registry if name == "speakers.yml" else load_vocabulary
    with pytest.raises(ConfigError) as caught:
        load(path, f"content/{name}")
    return caught.value


@pytest.mark.parametrize(("name", "text", "line", "key"), [
    ("speakers.yml", "people:\n  - id: a\n    name: [1, 2]\n", 3, "name"),
    ("speakers.yml", "people:\n  - id: a\n    name: A\n  - id: a\n    name: B\n", 4, "'a'"),
    ("speakers.yml", "people:\n  - id: a\n    name: A\n    aliases: [MR X]\n"
                     "  - id: b\n    name: B\n    aliases: [Mr. X]\n", 7, "Mr. X"),
    ("speakers.yml", "people:\n  - id: a\n    name: A\n    colour: red\n", 4, "colour"),
    ("speakers.yml", "people:\n  - id: ../etc\n    name: A\n", 2, "../etc"),
    ("topics.yml", "topics:\n  - id: t\n    title: T\n    strong: ['*']\n", 4, "*"),
    ("topics.yml", "topics:\n  - id: t\n    title: T\n    strong: [a*b]\n", 4, "a*b"),
    ("topics.yml", "topics:\n  - id: t\n    title: T\n    strong: [x]\n  - id: t\n    title: U\n    strong: [y]\n",
     5, "'t'"),
    ("topics.yml", "topics:\n  - id: t\n    title: T\n    strong: [x]\n    min_weak: lots\n", 5, "lots"),
])
def test_config_errors_name_file_line_and_key(tmp_path: Path, name: str, text: str, line: int, key: str) -> None:
    """Wrong types, duplicate ids, an alias claimed twice and bad match rules name the file, line and key."""
    error = _config_error(tmp_path, name, text)
    assert str(error).startswith(f"content/{name}:{line}: "), str(error)
    assert key in str(error), str(error)


BODY = "---\ntitle: {title}\ndate: 2023-01-01\n{extra}---\nMR. PRICE: Caf\u00e9 \u201cquoted\u201d and it\u2019s \u2013 fine.\n\nQUESTION: {marker}?\n"
LONG_TITLE = "Press briefing " * 40


def _transcript(marker: str, title: str = "Same title", extra: str = "") -> str:
    return BODY.format(title=json.dumps(title), extra=extra, marker=marker)


INPUTS: dict[str, bytes] = {
    "2023-01-01-utf8.txt": _transcript("utf8").encode("utf-8"),
    "2023-01-02-utf8-bom.txt": b"\xef\xbb\xbf" + _transcript("bom").encode("utf-8"),
    "2023-01-03-utf16.txt": _transcript("utf16").encode("utf-16"),
    "2023-01-04-cp1252.txt": _transcript("cp1252").encode("cp1252"),
    "2023-01-05-crlf.txt": _transcript("crlf").replace("\n", "\r\n").encode("utf-8"),
    "2023-01-06-cr.txt": _transcript("cr").replace("\n", "\r").encode("utf-8"),
    "2023-01-07-dotdot.txt": _transcript("dotdot", extra='slug: "../../../outside"\n').encode(),
    "2023-01-08-slash.txt": _transcript("slash", extra='slug: "/etc/passwd"\n').encode(),
    "2023-01-09-lookalike.txt": _transcript("lookalike", extra='slug: "\uff0e\uff0e\uff0f\u0440\u0430ris"\n').encode(),
    "2023-01-10-long.txt": _transcript("long", LONG_TITLE, f"slug: {json.dumps(LONG_TITLE * 2)}\n").encode(),
    "2023-01-11-caf\u00e9.txt": _transcript("accented").encode(),
    "2023-01-11-cafe.txt": _transcript("plain").encode(),
    "2023-01-12-claims-slug.txt": _transcript("claim", extra="slug: 2023-01-01-utf8\n").encode(),
    "2023-01-13-nul.txt": _transcript("nul").encode().replace(b"fine", b"fi\x00ne"),
    "2023-01-14-bad-utf8.txt": _transcript("bad").encode().replace(b"fine", b"fi\xff\xfene"),
}
"""Encodings, line ends and slugs; the last four must be refused (a folded clash, a claimed slug, NUL, bad bytes)."""
REFUSED = {
    "2023-01-11-caf\u00e9.txt": "slug '2023-01-11-cafe' is already used by content/briefings/2023-01-11-cafe.txt",
    "2023-01-12-claims-slug.txt": "slug '2023-01-01-utf8' is already used by content/briefings/2023-01-01-utf8.txt",
    "2023-01-13-nul.txt": ":5: NUL character at byte {} ".format(INPUTS["2023-01-13-nul.txt"].index(b"\x00")),
    "2023-01-14-bad-utf8.txt": ":5: not valid UTF-8 at byte {} ".format(INPUTS["2023-01-14-bad-utf8.txt"].index(b"\xff")),
}


@pytest.fixture(scope="module")
def inputs_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = copy_project(tmp_path_factory.mktemp("inputs") / "project")
    for name, data in INPUTS.items():
        (project / "content" / "briefings" / name).write_bytes(data)
    result = build_site(project, project / "site", strict=False)
    assert result.returncode == 0, result.stderr
    return project, result.stderr


def test_encodings_and_line_ends_decode_to_the_same_text(inputs_build: tuple[Path, str]) -> None:
    """UTF-8 with or without BOM, UTF-16 with BOM, cp1252, CRLF and CR all show the same curly quotes and accents."""
    project, _ = inputs_build
    pages = html_pages(project / "site")
    expected = "Caf\u00e9 \u201cquoted\u201d and it\u2019s \u2013 fine."
    for marker in ("utf8", "bom", "utf16", "cp1252", "crlf", "cr"):
        page = next(p for p in pages.values() if f"{marker}?" in p.text)
        assert expected in page.text, marker
        assert "Same title" in page.title


def test_bad_bytes_and_slug_clashes_are_refused_by_file(inputs_build: tuple[Path, str]) -> None:
    """NUL bytes and invalid UTF-8 are refused with file, line and offset; a second file claiming a slug is refused."""
    _, log = inputs_build
    skipped = [line for line in log.splitlines() if "skipped" in line]
    assert len(skipped) == len(REFUSED), skipped
    for name, message in REFUSED.items():
        assert any(f"content/briefings/{name}" in line and message in line for line in skipped), (name, skipped)


def test_slugs_never_leave_the_output_folder(inputs_build: tuple[Path, str]) -> None:
    """`../`, `/`, look-alike Unicode and 500-character slugs all become pages inside `briefings/`."""
    project, _ = inputs_build
    written = sorted(p.relative_to(project).as_posix() for p in project.rglob("*")
                     if p.is_file() and not p.is_relative_to(project / "content")
                     and not p.is_relative_to(project / "theme_overrides"))
    outside = [p for p in written if not p.startswith(("site/", "dist/")) and p != "mkdocs.yml"
               and not re.fullmatch(r"\.cache/(build\.lock|archive/[0-9a-f]{16}/[0-9a-f]{2}/[0-9a-f]{64})", p)]
    assert outside == []
    briefings = {p.removeprefix("site/briefings/") for p in written if p.startswith("site/briefings/")}
    assert {"outside.html", "etc-passwd.html"} <= briefings
    assert all(re.fullmatch(r"[a-z0-9-]{1,80}\.html", name) for name in briefings), briefings
    same_title = [n for n in briefings if n.startswith("2023-01-0")]
    assert len(same_title) == 6, same_title


def test_hostile_site_links_resolve(hostile_site: Path) -> None:
    """Ids made from hostile headings and every link of the hostile build still resolve."""
    broken = broken_links(hostile_site, html_pages(hostile_site))
    assert not broken, broken[:20]


def test_hostile_names_make_plain_file_names(hostile_site: Path) -> None:
    """Every file the hostile build wrote, speaker, topic and outlet pages included, has a plain ASCII path."""
    names = [name for name, _ in output_files(hostile_site)]
    odd = [n for n in names if not re.fullmatch(r"[A-Za-z0-9._/!-]+", n) or "/../" in n or n.startswith("/")]
    assert not odd, odd[:20]
