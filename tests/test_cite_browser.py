"""What a reader does with citations, in headless Chromium: cite a turn, follow an old anchor, quote."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED, build_site, copy_project, serve
from tests.test_anchors import correct_seed

pytestmark = [pytest.mark.browser, pytest.mark.build]

PUBLIC = "https://briefings.example.org/"  # site_url in mkdocs.yml
RENAMED = "2022-10-13-security-dialogue"
PAGE = f"briefings/{RENAMED}.html"
TODAY = dt.datetime(2030, 1, 2, 12, 0)


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed after the scripted correction (turn 20 removed) and a rename, built for real."""
    project = copy_project(tmp_path_factory.mktemp("cite") / "project")
    transcript = project / "content" / "briefings" / SEED.name
    correct_seed(transcript)
    transcript.rename(transcript.with_name(RENAMED + ".txt"))
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def base(corrected_site: Path) -> Iterator[str]:
    with serve(corrected_site) as url:
        yield url


@pytest.fixture
def tab(browser: Any, base: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    yield context.new_page()
    context.close()


def _clipboard(page: Any) -> str:
    return str(page.evaluate("navigator.clipboard.readText()"))


def _in_view(page: Any, selector: str) -> bool:
    return bool(page.eval_on_selector(
        selector, "el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight }"))


def test_cite_panel_copies_chicago_and_permalink(tab: Any, base: str, seed: Any) -> None:
    """The Cite button (keyboard too) opens a panel whose Copy buttons put the Chicago citation
    and the public permalink on the clipboard; Escape closes it and gives focus back."""
    tab.clock.set_fixed_time(TODAY)  # the access date is the reader's today
    tab.goto(base + PAGE)
    button = tab.locator('button.cite-button[aria-label^="Cite this turn (t009,"]')
    button.focus()
    tab.keyboard.press("Enter")
    panel = tab.locator("section.cite-panel[role=dialog]")
    assert panel.is_visible()
    assert tab.evaluate("document.querySelector('.cite-panel').contains(document.activeElement)")
    panel.get_by_role("button", name="Copy Chicago").click()
    assert _clipboard(tab) == (
        f"Antony J. Blinken, Secretary of State, remarks at \u201c{seed.title},\u201d U.S. Department of State, "
        f"Washington, DC, October 13, 2022, Briefing Archive, accessed January 2, 2030, {PUBLIC}{PAGE}#t009.")
    panel.get_by_role("button", name="Copy Permalink").click()
    assert _clipboard(tab) == f"{PUBLIC}{PAGE}#t009"
    assert panel.get_by_role("status").inner_text() == "Permalink copied."
    tab.keyboard.press("Escape")
    assert panel.count() == 0
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Cite this turn (t009,")


def test_interpreted_turn_says_so_in_every_style(tab: Any, base: str) -> None:
    """A turn delivered through an interpreter is cited as such, in each style."""
    tab.goto(base + PAGE)
    tab.click('button.cite-button[aria-label^="Cite this turn (t002,"]')
    chicago = tab.input_value("#cite-chicago")
    assert chicago.startswith("Marcelo Ebrard, Foreign Secretary of Mexico (via interpreter), remarks at")
    for style in ("apa", "mla", "bibtex", "csl"):
        assert "via interpreter" in tab.input_value(f"#cite-{style}"), style
    assert tab.input_value("#cite-apa").startswith("Ebrard, M. (2022, October 13). Remarks at ")
    assert tab.input_value("#cite-mla").startswith("Ebrard, Marcelo. \u201cRemarks at ")
    assert "author = {Ebrard, Marcelo}" in tab.input_value("#cite-bibtex")
    assert '"family": "Ebrard"' in tab.input_value("#cite-csl")


def test_offline_copy_cites_the_public_url(browser: Any, corrected_site: Path) -> None:
    """Opened from file:// (the offline bundle), the permalink is still the public site_url one."""
    page = browser.new_page()
    try:
        page.goto((corrected_site / PAGE).as_uri())
        page.click('button.cite-button[aria-label^="Cite this turn (t003,"]')
        assert page.input_value("#cite-permalink") == f"{PUBLIC}{PAGE}#t003"
        assert "file:" not in page.input_value("#cite-chicago")
    finally:
        page.close()


def test_removed_anchor_lands_on_the_nearest_turn_with_a_note(tab: Any, base: str) -> None:
    """Opening the anchor of a turn a correction removed shows the note and the nearest turn."""
    tab.goto(base + PAGE + "#t020")
    note = tab.locator("p#t020.removed-turn")
    assert "removed in a correction" in note.inner_text()
    assert _in_view(tab, "p#t020") and _in_view(tab, "h2#t019")
    assert tab.evaluate("document.querySelector(':target').id") == "t020"
    assert "Corrected on" in tab.locator("p.correction").inner_text()


SELECT = """([anchor, first, last, start, end]) => {
  const blocks = [];
  for (let el = document.getElementById(anchor).nextElementSibling; el && el.tagName !== 'H2';
       el = el.nextElementSibling) if (el.tagName === 'P' && !el.className) blocks.push(el);
  const range = document.createRange();
  range.setStart(blocks[first].firstChild, start);
  range.setEnd(blocks[last].firstChild, end);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
  return getSelection().toString().replace(/\\s+/g, ' ').trim();
}"""


@pytest.mark.parametrize("first,last,start,end", [(2, 2, 0, 41), (1, 2, 10, 40)], ids=["words", "across-paragraphs"])
def test_quote_link_highlights_the_quote(tab: Any, base: str, first: int, last: int, start: int, end: int) -> None:
    """Selecting words (grown to whole words) offers a quote link `#t011:~:text=…` that, opened,
    highlights exactly those words; Cite quote puts the words in the citation."""
    tab.goto(base + PAGE)
    selected = tab.evaluate(SELECT, ["t011", first, last, start, end])
    bar = tab.locator(".quote-bar")
    assert bar.is_visible()
    bar.get_by_role("button", name="Cite quote").click()
    chicago = tab.input_value("#cite-chicago")
    quote = chicago.split("\u201c")[1].removesuffix(",\u201d remarks at ")
    assert selected in quote and len(quote) - len(selected) < 20
    tab.keyboard.press("Escape")
    tab.evaluate(SELECT, ["t011", first, last, start, end])
    bar.get_by_role("button", name="Link to quote").click()
    link = _clipboard(tab)
    assert link.startswith(f"{PUBLIC}{PAGE}#t011:~:text=")
    assert ("," in link.split("text=")[1]) == (len(quote.split()) > 10)
    tab.goto("about:blank")
    tab.goto(link.replace(PUBLIC, base))
    highlighted = tab.evaluate("[...CSS.highlights.get('cite-quote')][0].toString().replace(/\\s+/g, ' ').trim()")
    assert highlighted == quote
    top = tab.evaluate("[...CSS.highlights.get('cite-quote')][0].getBoundingClientRect().top")
    assert 0 <= top < tab.viewport_size["height"]


def test_old_url_of_a_renamed_briefing_redirects_keeping_the_turn(tab: Any, base: str) -> None:
    """The briefing's URL from before the rename forwards to the new page and the same turn."""
    tab.goto(f"{base}briefings/{SEED.stem}.html#t012")
    tab.wait_for_url(f"{base}{PAGE}#t012")
    assert tab.locator("h2#t012").is_visible()


def _drag_select(page: Any, selector: str) -> None:
    """Select words of a paragraph with the mouse, as a reader does (press, drag, release)."""
    paragraph = page.locator(selector).first
    paragraph.scroll_into_view_if_needed()
    box = paragraph.bounding_box()
    y = box["y"] + 8
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=5)
    page.mouse.up()


FOCUSED = "(el => [el.tagName, el.type, el.closest('.quote-bar') !== null, el.textContent])(document.activeElement)"


def test_quote_bar_is_reachable_by_keyboard(tab: Any, base: str) -> None:
    """After selecting words, Tab reaches the bar's real, labelled buttons without losing the selection;
    Escape closes the bar, from the bar or from the selection."""
    tab.goto(base + PAGE)
    words = "h2#t011 ~ p:not([class])"
    _drag_select(tab, words)
    selected = tab.evaluate("getSelection().toString()")
    assert selected.strip()
    bar = tab.locator(".quote-bar")
    bar.wait_for(state="visible", timeout=2000)  # shown just after the mouse is released
    assert bar.get_attribute("aria-label")
    for name in ("Link to quote", "Cite quote"):
        button = bar.get_by_role("button", name=name, exact=True)
        assert button.evaluate("el => el.tagName === 'BUTTON' && el.type === 'button' && el.tabIndex === 0"), name
        description = button.evaluate(
            "el => document.getElementById(el.getAttribute('aria-describedby')).textContent")
        assert "Antony J. Blinken" in description and selected.split()[0] in description, description
    # Keyboard: the next Tab stops are the bar's buttons; the selection stays.
    tab.keyboard.press("Tab")
    assert tab.evaluate(FOCUSED) == ["BUTTON", "button", True, "Link to quote"]
    tab.keyboard.press("Tab")
    assert tab.evaluate(FOCUSED) == ["BUTTON", "button", True, "Cite quote"]
    assert tab.evaluate("getSelection().toString()") == selected
    # Escape from the bar closes it and puts focus back in the turn, not at the top of the page.
    tab.keyboard.press("Escape")
    assert not bar.is_visible()
    assert tab.evaluate("document.activeElement.closest('h2#t011 ~ *') !== null && "
                        "document.activeElement !== document.body")
    assert tab.evaluate("getSelection().toString()") == selected
    # Escape straight after selecting closes it too.
    tab.mouse.click(5, 300)
    _drag_select(tab, words)
    bar.wait_for(state="visible", timeout=2000)
    tab.keyboard.press("Escape")
    assert not bar.is_visible()
