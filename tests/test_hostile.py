"""Hostile input: markup, links, attribute lists, Jinja and entities in transcripts and config
come out as literal text on every page and output, never as elements, attributes or URLs.

The site is built twice: as it is (`built_site`) and with `tests/fixtures/hostile/` added (a
transcript, plus entries merged into `speakers.yml` and `topics.yml`). Every HTML file of the
hostile build (and of its offline zip) is read with a real HTML parser and compared with the
clean build, so page families added later are covered without changes here.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import build_site, copy_project
from sitecrawl import Page, collapse, html_pages, output_files, parse_html

from generator.archive import Archive, Loader
from generator.errors import ConfigError
from generator.registry import load_registry
from generator.render import turn_heading
from generator.topics import load_vocabulary

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
    """Attribute lists in the input set no id or class, and no script or style carries input text."""
    for name, page in hostile_pages.items():
        for element in page.elements:
            assert element.get("id") not in INJECTED_IDS, f"{name}:{element.line}"
            classes = set((element.get("class") or "").split())
            assert not classes & INJECTED_CLASSES, f"{name}:{element.line}: {classes}"
            for key, value in element.attrs:
                if key == "id" and value:
                    assert re.fullmatch(r"[\w:.-]+", value), f"{name}:{element.line}: id={value!r}"
        for raw in page.raw_text:
            assert "alert(" not in raw and "evil.example" not in raw, f"{name}: {raw[:200]!r}"


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
    person = hostile_archive.registry.get("hostile-speaker")
    topic = next(t for t in hostile_archive.vocabulary.topics if t.id == "hostile-topic")
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


@pytest.mark.browser
def test_no_script_runs_in_a_browser(hostile_site: Path, page: object) -> None:
    """Opening every hostile page and searching for the payload opens no dialog and runs no injected code."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(hostile_site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for path in sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html")):
            page.goto(base + path)  # type: ignore[attr-defined]
        page.goto(f"{base}briefings/{SLUG}.html")  # type: ignore[attr-defined]
        for button in page.locator(".md-content button, .md-content [role=button]").all()[:20]:  # type: ignore[attr-defined]
            if button.is_visible():
                button.click(timeout=2000)
        page.goto(base + "index.html")  # type: ignore[attr-defined]
        page.locator("label.md-search__icon, .md-search__input").first.click()  # type: ignore[attr-defined]
        page.locator(".md-search__input").press_sequentially("markdown")  # type: ignore[attr-defined]
        page.wait_for_selector(".md-search-result__item", timeout=15000)  # type: ignore[attr-defined]
        results = page.locator(".md-search-result").inner_text()  # type: ignore[attr-defined]
        assert "<script>alert('title')</script>" in results
        page.locator(".md-search-result__item").first.hover()  # type: ignore[attr-defined]
    finally:
        server.shutdown()
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
