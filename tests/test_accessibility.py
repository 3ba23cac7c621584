"""Accessible, usable on a phone, clean in print (issue 15), in headless Chromium.

axe-core (tests/axe_audit.py) over one page of each kind in both palettes, with the search overlay
and the dialogs open; the keyboard journey to a turn's citation; phones at 390 × 844; print; and
what a page loads. Pages come from two builds: the seed (Material's own search) and the archive of
tests/test_links.py (year, reporter and outlet pages, the sharded search).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from axe_audit import AXE, SCHEMES, axe, open_cite, open_search, page_kinds, report
from axe_audit import audit as axe_audit
from conftest import ROOT, SEED, serve

from tests.test_links import build_archive

pytestmark = [pytest.mark.browser, pytest.mark.build]

SITE_NAME: str = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
SEED_PAGE = f"briefings/{SEED.stem}.html"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
TURN_SCRIPTS = ("assets/turn-toc.js", "assets/cite-format.js", "assets/dialog.js", "assets/cite.js", "assets/turn-list.js",
                "assets/cite.css")
"""What main.html loads on pages with turns, and on no other page."""
KINDS = {"home", "year", "briefing", "speaker", "reporter", "outlet", "topic", "speakers index", "topics index",
         "data", "about", "not found"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("a11y"))


@pytest.fixture(scope="module")
def archive_url(archive: Path) -> Iterator[str]:
    with serve(archive) as url:
        yield url


@pytest.fixture(scope="module")
def briefing(archive: Path) -> str:
    """The archive's briefing with the most turns: chips, answer links, a source link, a correction."""
    return page_kinds(archive)["briefing"]


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    made: list[Any] = []

    def new(**options: Any) -> Any:
        made.append(browser.new_context(**options))
        return made[-1]
    yield new
    for c in made:
        c.close()


# ---- axe-core --------------------------------------------------------------------------------

def test_axe_core_is_pinned_and_installed() -> None:
    """package.json pins axe-core (./test.sh runs `npm ci`), so every run checks with the same rules."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (./test.sh does)"
    pinned = (ROOT / "package.json").read_text(encoding="utf-8")
    assert re.search(r'"axe-core": "\d+\.\d+\.\d+"', pinned), "axe-core must be pinned to one version"


def test_no_axe_violation_on_any_page_kind(browser: Any, archive: Path, archive_url: str) -> None:
    """Every page kind, in both palettes, with the cite dialog open and the sharded search's results
    showing, and the search page with results, a filter, its facets and timeline, and its note on a search
    answered with all but a word: no axe-core violation of any impact."""
    kinds = page_kinds(archive)
    assert set(kinds) == KINDS, f"the archive lacks page kinds: {KINDS - set(kinds)}"
    kinds["search page, filtered"] = "search.html?q=trade+point&role=answer"
    kinds["search page, all but a word"] = "search.html?q=trade+point+zzyzxq"
    kinds["speaker, continued"] = "speakers/antony-j-blinken.2.html"
    violations = list(axe_audit(browser, archive_url, kinds, search="trade point"))
    assert not violations, report(violations)


def test_no_axe_violation_in_materials_search(browser: Any, served_site: str) -> None:
    """The seed uses Material's own search: its results, in both palettes, pass axe-core too."""
    violations = list(axe_audit(browser, served_site, {"home": "index.html"}, search="fentanyl"))
    assert not violations, report(violations)


def test_no_axe_violation_on_a_phone(context: Any, archive_url: str, briefing: str) -> None:
    """At 390 × 844, a briefing with its turn list, its cite dialog or the search overlay open, in both palettes."""
    violations = []
    for scheme in SCHEMES:
        page = context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True).new_page()
        page.goto(archive_url + briefing)
        page.locator(".turn-list-button").tap()
        violations += axe(page, f"{briefing} [{scheme}, phone, turn list]")
        page.keyboard.press("Escape")
        open_cite(page)
        violations += axe(page, f"{briefing} [{scheme}, phone, cite dialog]")
        page.keyboard.press("Escape")
        open_search(page, "trade point")
        violations += axe(page, f"{briefing} [{scheme}, phone, search]")
    assert not violations, report(violations)


HOVERED = ("p.topic-chips a", "p.answer-links a", "button.cite-button", "a.source-link", ".md-nav__link",
           ".md-typeset h2.turn .headerlink")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_hovered_controls_keep_their_contrast(context: Any, archive_url: str, briefing: str, scheme: str) -> None:
    """Under the pointer, links, chips and buttons ("Back to top" and the cite dialog's too) keep 4.5:1
    text contrast."""
    page = context(viewport=DESKTOP, color_scheme=scheme).new_page()
    page.goto(archive_url + briefing)
    violations = []
    for selector in HOVERED:
        control = page.locator(selector).first
        control.hover()
        violations += axe(page, f"{selector} hovered [{scheme}]", control, ("color-contrast",))
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)  # scrolling up shows "Back to top"
    page.locator(".md-top").hover()
    violations += axe(page, f".md-top hovered [{scheme}]", page.locator(".md-top"), ("color-contrast",))
    open_cite(page)
    for selector in (".cite-copy", ".archive-dialog__close"):
        control = page.locator(selector).first
        control.hover()
        violations += axe(page, f"{selector} hovered [{scheme}]", control, ("color-contrast",))
    assert not violations, report(violations)


# ---- the cite dialog -------------------------------------------------------------------------

FOCUS = """() => {
  document.getAnimations().forEach(a => a.finish());  // Material fades the skip link and permalinks in
  const el = document.activeElement, s = getComputedStyle(el), r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {
    tag: el.localName, cls: el.className, label: el.getAttribute('aria-label') || el.textContent.trim(),
    href: el.getAttribute('href'), ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
    shown: r.width > 0 && r.top >= 0 && r.bottom <= innerHeight && s.opacity === '1',
    clear: !!hit && (hit === el || el.contains(hit)),
    inDialog: !!el.closest('dialog'),
  };
}"""


def _focus(page: Any) -> dict[str, Any]:
    return dict(page.evaluate(FOCUS))


def _visibly_focused(page: Any) -> dict[str, Any]:
    """The focused element, asserted to show a focus ring, in the window, not covered by anything."""
    focus = _focus(page)
    assert focus["ring"] and focus["shown"] and focus["clear"], focus
    return focus


def test_keyboard_journey_to_cite_a_turn(context: Any, served_site: str) -> None:
    """From a briefing's URL: the skip link, a turn's Cite, copy its APA citation, close, and that turn's
    permalink, in at most 10 key presses from the skip link, focus visible at every step."""
    page = context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"]).new_page()
    page.goto(served_site + SEED_PAGE)
    presses = 0

    def press(key: str) -> dict[str, Any]:
        nonlocal presses
        presses += 1
        page.keyboard.press(key)
        return _focus(page)

    def tab_to(wanted: Any) -> dict[str, Any]:
        for _ in range(10):
            focus = press("Tab")
            _visibly_focused(page)
            if wanted(focus):
                return focus
        raise AssertionError(f"not reached in 10 presses: {focus}")

    page.keyboard.press("Tab")
    assert "md-skip" in _visibly_focused(page)["cls"], "the skip link is the first stop"
    press("Enter")
    assert page.evaluate("document.getElementById('title').getBoundingClientRect().top < innerHeight / 2")
    cite = tab_to(lambda f: "cite-button" in f["cls"])
    anchor = re.match(r"Cite this turn \((t\d+),", cite["label"])[1]  # type: ignore[index]
    assert press("Enter")["inDialog"]
    _visibly_focused(page)
    page.wait_for_selector("#cite-apa", timeout=60000)  # the styles load when the dialog first opens
    tab_to(lambda f: f["label"] == "Copy APA")
    press("Enter")
    apa = page.input_value("#cite-apa")
    assert apa.startswith("Blinken, A. J. (2022, October 13).")
    assert page.evaluate("navigator.clipboard.readText()") == apa
    focus = press("Escape")
    assert page.locator("dialog").count() == 0 and focus["label"] == cite["label"]
    _visibly_focused(page)
    permalink = tab_to(lambda f: f["href"] == f"#{anchor}")
    assert "headerlink" in permalink["cls"]
    assert presses <= 10, presses


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_cite_dialog_keeps_its_turn_in_sight(context: Any, served_site: str, viewport: dict[str, int],
                                             which: str) -> None:
    """The cite dialog never covers its turn's heading or Cite button, at the top, middle or end of a page."""
    page = context(viewport=viewport).new_page()
    page.goto(served_site + SEED_PAGE)
    buttons = page.locator("button.cite-button")
    button = buttons.nth({"first": 0, "middle": buttons.count() // 2, "last": buttons.count() - 1}[which])
    button.click()
    anchor = re.match(r"Cite this turn \((t\d+),", button.get_attribute("aria-label") or "")[1]  # type: ignore[index]
    page.wait_for_selector("#cite-csl", timeout=60000)  # filled when the styles have loaded
    dialog = page.locator("dialog.cite-panel").bounding_box()
    for kept in (page.locator(f"h2#{anchor}"), button):
        box = kept.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (which, box)
        apart = box["y"] + box["height"] <= dialog["y"] or dialog["y"] + dialog["height"] <= box["y"]
        assert apart, (which, box, dialog)
    assert dialog["height"] >= 0.4 * viewport["height"], dialog


def test_cite_dialog_is_a_modal_dialog(context: Any, served_site: str) -> None:
    """Named and modal; Tab and Shift+Tab stay inside; Escape (focus anywhere in it) and a click outside
    close it; focus returns to its Cite button, which says whether the dialog is open."""
    page = context(viewport=DESKTOP).new_page()
    page.goto(served_site + SEED_PAGE)
    button = page.locator('button.cite-button[aria-label^="Cite this turn (t005,"]')
    button.click()
    dialog = page.get_by_role("dialog", name=re.compile(r"^Cite this turn: Antony J\. Blinken"))
    assert dialog.evaluate("el => el.matches(':modal')")
    assert button.get_attribute("aria-expanded") == "true"
    for key in ["Tab"] * 9 + ["Shift+Tab"] * 9:
        page.keyboard.press(key)
        assert _focus(page)["inDialog"], key
    # Escape from a citation's text (a pointer put focus there), and from the dialog's own background.
    for click in ("#cite-mla", ".cite-panel__title"):
        page.click(click)
        page.keyboard.press("Escape")
        assert page.locator("dialog").count() == 0
        assert _focus(page)["label"].startswith("Cite this turn (t005,")
        assert button.get_attribute("aria-expanded") == "false"
        button.click()
    box = dialog.bounding_box()
    assert box["x"] > 40
    page.mouse.click(box["x"] - 20, box["y"] + box["height"] / 2)  # beside it, on the dimmed page
    assert page.locator("dialog").count() == 0
    assert _focus(page)["label"].startswith("Cite this turn (t005,")


def test_cite_dialog_fills_in_citations_given_later(context: Any, served_site: str) -> None:
    """When the citation styles come as a promise, the dialog shows the permalink at once and the
    citations once they arrive, the same as given at once."""
    page = context(viewport=DESKTOP).new_page()
    page.goto(served_site + SEED_PAGE)
    page.locator('button.cite-button[aria-label^="Cite this turn (t005,"]').click()
    expected = page.input_value("#cite-chicago")
    page.keyboard.press("Escape")
    page.evaluate("""() => { const styles = ArchiveCite.styles;
        ArchiveCite.styles = (data, f) => new Promise(ok => setTimeout(() => ok(styles(data, f)), 300)); }""")
    page.locator('button.cite-button[aria-label^="Cite this turn (t005,"]').click()
    assert page.locator("#cite-permalink").count() == 1 and page.locator("#cite-chicago").count() == 0
    assert page.input_value("#cite-chicago") == expected  # waits for the field


# ---- phones ------------------------------------------------------------------------------------

def test_phone_turn_list_in_one_tap(context: Any, served_site: str) -> None:
    """At 390 × 844 one tap on "Jump to turn" lists every turn; a tap on one goes there, focus on it."""
    page = context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(served_site + SEED_PAGE)
    page.locator("button.turn-list-button").tap()
    turns = page.locator("h2.turn").evaluate_all("els => els.map(e => e.id)")
    links = page.get_by_role("dialog", name="Jump to turn").get_by_role("link")
    assert links.evaluate_all("els => els.map(e => e.getAttribute('href').slice(1))") == turns
    target = turns[len(turns) * 2 // 3]
    page.locator(f'dialog.turn-list a[href="#{target}"]').tap()
    assert page.locator("dialog").count() == 0
    assert page.url.endswith(f"#{target}")
    header = page.locator(".md-header").bounding_box()
    heading = page.locator(f"h2#{target}").bounding_box()
    assert header["y"] + header["height"] <= heading["y"] < PHONE["height"] / 2, heading
    assert page.evaluate("document.activeElement.id") == target


def test_phone_cite_dialog_has_one_column(context: Any, served_site: str) -> None:
    """Below 600 px each citation is as wide as the dialog, its label and Copy button above it."""
    page = context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(served_site + SEED_PAGE)
    page.locator("button.cite-button").nth(3).tap()
    dialog = page.locator("dialog.cite-panel")
    page.locator("#cite-csl").wait_for()
    width = dialog.evaluate("el => el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft) * 2")
    assert dialog.bounding_box()["width"] <= PHONE["width"]
    for item in dialog.locator(".cite-item").all():
        label, field, copy = (item.locator(s).bounding_box() for s in ("label", "textarea", "button"))
        assert field["width"] >= 0.95 * width, (field, width)
        assert label["y"] + label["height"] <= field["y"] and copy["y"] + copy["height"] <= field["y"]


CONTROLS = """() => [...document.querySelectorAll(
    'button, p.topic-chips a, summary, select, .md-header__button, .md-search__icon, dialog.turn-list a')]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
                && !el.closest('[hidden]') && el.checkVisibility({opacityProperty: true}))
  .map(el => { const r = el.getBoundingClientRect();
    return {what: el.outerHTML.slice(0, 90), width: r.width, height: r.height}; })"""

BOUNDARY = """el => {
  const rgba = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (c, bg) => bg.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
  const background = from => { const layers = [];
    for (let e = from; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    return layers.reverse().reduce((bg, c) => over(c, bg), [255, 255, 255]); };
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const s = getComputedStyle(el), outside = background(el.parentElement);
  const border = over(rgba(s.borderTopColor), outside), l1 = lum(border), l2 = lum(outside);
  return {width: parseFloat(s.borderTopWidth), style: s.borderTopStyle,
          contrast: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)};
}"""
OWN_CONTROLS = ".cite-button, .cite-copy, .archive-dialog__close, p.topic-chips a, .md-top"
"""The archive's own controls: each needs an outline of 3:1 against the page (Material's header icons are
the icons themselves on the coloured bar)."""


def _small_or_unbounded(page: Any) -> list[str]:
    small = [f"{c['what']} is {c['width']:.0f}×{c['height']:.0f}" for c in page.evaluate(CONTROLS)
             if c["width"] < 24 or c["height"] < 24]
    for control in page.locator(OWN_CONTROLS).all():
        if control.is_visible():
            edge = control.evaluate(BOUNDARY)
            if edge["width"] < 1 or edge["style"] == "none" or edge["contrast"] < 3:
                small.append(f"{control.evaluate('el => el.outerHTML.slice(0, 90)')} has no visible outline: {edge}")
    return small


@pytest.mark.parametrize("scheme", SCHEMES)
def test_phone_controls_are_big_enough_and_outlined(context: Any, archive_url: str, briefing: str,
                                                    scheme: str) -> None:
    """At 390 × 844 every control on a briefing page, in its cite dialog, its turn list and the search
    overlay, is at least 24 × 24 px; the archive's own controls have an outline of 3:1 against the page."""
    page = context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True).new_page()
    page.goto(archive_url + briefing)
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)  # scrolling up shows "Back to top"
    page.locator(".md-top").wait_for()
    assert page.locator("p.topic-chips a").count() and page.locator(".md-top").is_visible()
    problems = _small_or_unbounded(page)
    page.locator("button.cite-button").first.tap()
    page.locator("#cite-csl").wait_for()
    problems += _small_or_unbounded(page)
    page.keyboard.press("Escape")
    page.locator("button.turn-list-button").tap()
    problems += _small_or_unbounded(page)
    page.keyboard.press("Escape")
    open_search(page, "trade point")
    problems += _small_or_unbounded(page)
    assert not problems, "\n".join(problems)


def _wheel(page: Any, delta: float) -> None:
    """Scroll by the mouse wheel and wait until the page has moved and stopped (wheel scrolling is
    asynchronous: measured at once, the page may not have moved yet)."""
    before = page.evaluate("scrollY")
    page.mouse.wheel(0, delta)
    last = None
    for _ in range(50):
        now = page.evaluate("scrollY")
        if now != before and now == last:
            return
        last = now
        page.wait_for_timeout(100)


def test_phone_back_to_top_covers_no_link(context: Any, archive_url: str, briefing: str) -> None:
    """At 390 × 844 "Back to top" sits in the bottom corner: it never covers the source link under the header."""
    page = context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(archive_url + briefing)
    source = page.locator("a.source-link")
    top = source.evaluate("el => el.getBoundingClientRect().top + scrollY")
    _wheel(page, top + 2000)
    _wheel(page, -2000 - 60)  # back up until the link sits just under the header
    button = page.locator(".md-top")
    button.wait_for()
    back, link = button.bounding_box(), source.bounding_box()
    assert 0 < link["y"] < PHONE["height"] / 2, link
    assert back["y"] > PHONE["height"] / 2 and back["x"] > PHONE["width"] / 2, back


STOP = """() => {
  document.getAnimations().forEach(a => a.finish());
  const el = document.activeElement;
  const shown = el.matches('.md-option') ? el.nextElementSibling : el;  // a palette option rings its label
  const r = shown.getBoundingClientRect();
  return {what: el.outerHTML.slice(0, 90), seen: shown.checkVisibility({opacityProperty: true, visibilityProperty: true})
          && r.width > 0 && r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight};
}"""


def test_phone_keyboard_reaches_navigation_and_search(context: Any, served_site: str) -> None:
    """At 390 × 844 every Tab stop is in sight (a closed drawer or search panel is skipped), and the header's
    Navigation and Search buttons open their panels from the keyboard; Escape gives focus back."""
    page = context(viewport=PHONE).new_page()
    page.goto(served_site + SEED_PAGE)
    for _ in range(12):
        page.keyboard.press("Tab")
        stop = page.evaluate(STOP)
        assert stop["seen"], stop
    navigation = page.get_by_role("button", name="Navigation")
    navigation.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    assert navigation.get_attribute("aria-expanded") == "true" and page.evaluate(STOP)["seen"]
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Navigation"
    search = page.get_by_role("button", name="Search", exact=True)
    search.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("border")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Search"


# ---- print ---------------------------------------------------------------------------------------

SHOWN = """sel => [...document.querySelectorAll(sel)].filter(el => el.getClientRects().length).length"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_print_shows_the_transcript_only(context: Any, archive_url: str, briefing: str, scheme: str) -> None:
    """In print: the title, facts, participants, source address (after its link), speakers' headings and
    words, black on white; no chips, Cite buttons, answer links, search or navigation."""
    page = context(viewport=DESKTOP, color_scheme=scheme).new_page()
    page.goto(archive_url + briefing)
    for present in ("p.topic-chips a", "p.answer-links", "button.cite-button"):
        assert page.evaluate(SHOWN, present), f"the page has no {present} to hide"
    page.emulate_media(media="print")
    for hidden in ("button.cite-button", "p.topic-chips", "p.answer-links", ".md-header", ".md-search", ".md-sidebar",
                   ".md-footer", ".md-top", ".md-skip", ".turn-list-button", ".quote-bar"):
        assert page.evaluate(SHOWN, hidden) == 0, f"{hidden} prints"
    turns = page.locator("h2.turn").count()
    assert page.evaluate(SHOWN, "h2.turn") == turns > 0
    for shown in ("h1#title", ".briefing-meta", ".participants-title", "a.source-link", "h2.turn + p"):
        assert page.evaluate(SHOWN, shown), f"{shown} does not print"
    source = page.locator("a.source-link")
    href = source.get_attribute("href") or ""
    assert href.startswith("http") and href in source.evaluate("el => getComputedStyle(el, '::after').content")
    colours = page.evaluate("""() => [...document.querySelectorAll('h1, .briefing-meta, h2.turn, h2.turn ~ p')]
        .map(el => getComputedStyle(el).color.match(/\\d+/g).slice(0, 3).map(Number))""")
    assert max(max(rgb) for rgb in colours) <= 0x33, "text prints in a colour lighter than #333"


# ---- weight --------------------------------------------------------------------------------------

def _html_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


@pytest.mark.parametrize("which", ["seed", "archive"])
def test_turn_scripts_only_on_pages_with_turns(request: pytest.FixtureRequest, which: str) -> None:
    """The table of contents, cite.js, its formatting, dialogs, turn list and styles load on briefing pages only; every page is
    titled once ("Briefing Archive", not "Briefing Archive - Briefing Archive")."""
    site = request.getfixturevalue("built_site" if which == "seed" else "archive")
    pages = _html_pages(site)
    with_turns = {name for name, text in pages.items() if 'id="cite-data"' in text}
    assert with_turns and len(with_turns) < len(pages)
    for name, text in pages.items():
        loaded = {asset for asset in TURN_SCRIPTS if re.search(rf'(src|href)="[./]*{re.escape(asset)}"', text)}
        assert loaded == (set(TURN_SCRIPTS) if name in with_turns else set()), name
        if "http-equiv" not in text:
            title = re.search(r"<title>(.*?)</title>", text, re.S)
            assert title and title[1].count(SITE_NAME) == 1, (name, title and title[1])
    assert re.search(r"<title>(.*?)</title>", pages["index.html"])[1] == SITE_NAME  # type: ignore[index]


SEARCH_FILES = re.compile(r"/search/|search-worker|workers/search")
"""The search index and worker scripts of either engine."""


@pytest.mark.parametrize("engine", ["material", "sharded"])
def test_search_files_load_when_search_opens(context: Any, request: pytest.FixtureRequest, engine: str) -> None:
    """Loading a served page fetches no search index and starts no search worker; opening search does
    both, and its results appear. (From file:// nothing is downloaded: Material's timing is kept.)"""
    base = request.getfixturevalue("served_site" if engine == "material" else "archive_url")
    page = context(viewport=DESKTOP).new_page()
    seen: list[str] = []
    page.context.on("request", lambda r: seen.append(r.url))
    page.goto(base + "index.html")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not [u for u in seen if SEARCH_FILES.search(u)], seen
    open_search(page, "fentanyl" if engine == "material" else "trade point")
    assert [u for u in seen if SEARCH_FILES.search(u)]


@pytest.mark.parametrize(("engine", "query"), [("material", "fentanyl"), ("sharded", "trade point")])
def test_search_results_never_link_an_empty_highlight(context: Any, request: pytest.FixtureRequest,
                                                      engine: str, query: str) -> None:
    """A result listed for its turns' words links its page with those words in ?h=, never an empty ?h=."""
    base = request.getfixturevalue("served_site" if engine == "material" else "archive_url")
    page = context(viewport=DESKTOP).new_page()
    page.goto(base + "index.html")
    open_search(page, query)
    page.wait_for_timeout(1000)
    hrefs = page.locator(".md-search-result a").evaluate_all("els => els.map(e => e.href)")
    highlights = [parse_qs(urlsplit(h).query, keep_blank_values=True).get("h", [None])[0] for h in hrefs]
    assert hrefs and "" not in highlights, [h for h in hrefs if "h=&" in h or h.endswith("h=") or "h=#" in h]
    pages = [h for h, words in zip(hrefs, highlights, strict=True) if "#" not in h and words]
    assert pages and all(set(query.split()) & set(w.split()) for w in highlights if w)


def test_focus_ring_in_the_header_searchs_results_shows_on_white(context: Any, archive_url: str) -> None:
    """The header's white focus ring (on its coloured bar) is not used in the search's results panel, which
    opens on the page's white: a focused result there has a ring in the accent colour."""
    page = context(color_scheme="light", viewport=DESKTOP).new_page()
    page.goto(archive_url)
    open_search(page, "trade point")
    page.keyboard.press("ArrowDown")  # Material moves focus into the results with the arrow keys
    page.locator(".md-search-result__link").first.focus()
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert page.evaluate("!!document.activeElement.closest('.md-search__output')")
    assert ring not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), ring
