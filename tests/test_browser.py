"""What a reader clicks, in headless Chromium against the built site served on localhost."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import SEED_TABLE

pytestmark = pytest.mark.browser


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def search(page: Any, query: str) -> None:
    """Open Material's search box and type like a person: its search starts on keyup."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=40)
    # Results appear while typing; wait for those of the whole query. Material lowercases the
    # highlight words it puts in ?h=, so the match ignores case ("Haiti" links ?h=haiti).
    page.locator(f".md-search-result__item a[href*='h={query}' i]").first.wait_for(timeout=15000)


def test_search_lands_on_the_turn(page: Any, served_site: str) -> None:
    """Typing "fentanyl" lists results; clicking one opens the briefing at that turn, highlighted."""
    page.goto(served_site)
    search(page, "fentanyl")
    # Material shows the page first, then its best-matching turn.
    first = page.locator(".md-search-result__item a[href*='#t']").first
    href = first.get_attribute("href") or ""
    assert re.search(r"briefings/2022-10-13-us-mexico-high-level-security-dialogue\.html\?h=fentanyl#t\d{3}$", href), href
    first.click()
    page.wait_for_url(re.compile(r"#t\d{3}$"))
    anchor = page.url.rsplit("#", 1)[1]
    heading = page.locator(f"h2#{anchor}")
    assert heading.count() == 1
    # The turn's own text contains the word, and the page scrolled it into view.
    turn_text = page.evaluate(
        """id => { let el = document.getElementById(id), out = '';
                   for (el = el.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling)
                     out += el.textContent; return out; }""", anchor)
    assert "fentanyl" in turn_text.lower()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    assert page.locator("mark", has_text=re.compile("fentanyl", re.IGNORECASE)).count() > 0


def test_the_count_of_results_is_announced(page: Any, served_site: str) -> None:
    """The line above the header search's results, rewritten as the reader types, is a status a screen reader
    announces: it holds the count of what was found."""
    page.goto(served_site)
    search(page, "fentanyl")
    meta = page.locator(".md-search-result__meta")
    assert meta.get_attribute("role") == "status"
    assert re.search(r"\d+ matching documents|1 matching document", meta.inner_text())


def test_search_with_capitals(page: Any, served_site: str) -> None:
    """A query typed with capitals finds the same turns; the highlight words are lower case."""
    page.goto(served_site)
    search(page, "Haiti")
    href = page.locator(".md-search-result__item a[href*='#t']").first.get_attribute("href") or ""
    assert re.search(r"briefings/[a-z0-9-]+\.html\?h=haiti#t\d{3}$", href), href


def test_permalink_shows_on_focus(page: Any, served_site: str) -> None:
    """Each turn's permalink is a real link to its anchor, visible when focused by keyboard."""
    page.goto(served_site + "briefings/2022-10-13-us-mexico-high-level-security-dialogue.html")
    link = page.locator("h2#t012 a.headerlink")
    assert link.get_attribute("href") == "#t012" and link.get_attribute("title") is None
    link.focus()
    page.wait_for_function("el => getComputedStyle(el).opacity === '1'", arg=link.element_handle(), timeout=3000)
    assert link.get_attribute("title") == "Permanent link to this turn"  # set on focus, not in the page's HTML


def test_the_palette_chosen_follows_the_reader_through_the_site(page: Any, served_site: str) -> None:
    """The dark palette chosen on the home page is the palette of a briefing page in another folder, drawn so
    before any script of Material's bundle runs: Material's storage helpers and its palette restore come from
    two cached files (md-scope.js, palette-restore.js), not from script written into every page."""
    page.goto(served_site)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'", timeout=3000)
    page.route("**/bundle.*.min.js", lambda route: route.abort())  # Material's own scripts kept out
    page.goto(served_site + "briefings/2022-10-13-us-mexico-high-level-security-dialogue.html")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert page.locator("header img[src$='logo.svg']").evaluate("img => img.naturalWidth > 0 && img.alt === ''")
    html = page.content()
    assert "__md_scope=" not in html and "__md_get(" not in html


def test_the_headers_icons_are_drawn(page: Any, served_site: str) -> None:
    """Material's header icons, drawn by one stylesheet rather than written into each page (`site/icons.py`),
    show at the size and in the colour of the text around them, in both palettes."""
    page.set_viewport_size({"width": 600, "height": 600})
    page.goto(served_site + "briefings/2022-10-13-us-mexico-high-level-security-dialogue.html")
    for scheme in ("default", "slate"):
        shown = [icon for icon in page.locator("header svg.archive-icon").all() if icon.evaluate(
            "el => { const r = el.getBoundingClientRect(), at = document.elementFromPoint(r.x + r.width / 2,"
            " r.y + r.height / 2); return r.width > 0 && r.x >= 0 && !!at && at.contains(el); }")]  # on top
        names = {icon.get_attribute("class") for icon in shown}
        assert {"archive-icon icon-menu", "archive-icon icon-magnify"} <= names and len(shown) >= 3, names
        for icon in shown:
            box = icon.bounding_box()
            assert box and box["width"] >= 18 and box["height"] >= 18
            drawn = icon.evaluate("el => { const s = getComputedStyle(el); return [s.maskImage || s.webkitMaskImage,"
                                  " s.backgroundColor, getComputedStyle(el.parentElement).color]; }")
            assert drawn[0].startswith('url("data:image/svg+xml') and drawn[1] == drawn[2], drawn
            assert len(set(icon.screenshot())) > 50  # drawn: pixels of the icon's colour and of the header's
        if scheme == "default":
            page.locator("form[data-md-component=palette] label:not([hidden])").click()
            page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'", timeout=3000)


def test_the_table_of_contents_is_drawn_from_the_turns_and_followed_by_material(page: Any, served_site: str) -> None:
    """The table of contents (drawn by turn-toc.js from the headings) lists the statements and the questions,
    each question with its first words; Material's scripts work on it as on their own: an entry leads to its
    turn, and Material marks the entry of the part being read (as it did the table the build wrote)."""
    page.set_viewport_size({"width": 1400, "height": 800})
    page.goto(served_site + "briefings/2022-10-13-us-mexico-high-level-security-dialogue.html")
    links = page.locator(".md-sidebar--secondary [data-md-component=toc] a.md-nav__link")
    anchors = [href.lstrip("#") for href in links.evaluate_all("els => els.map(a => a.getAttribute('href'))")]
    assert anchors == SEED_TABLE
    titles = links.all_inner_texts()
    assert titles[0] == "Antony J. Blinken — Secretary of State"
    assert re.fullmatch(r"Question from Tracy Wilkinson \(Los Angeles Times\): (\S+ ){7}\S+…", titles[7]), titles[7]
    assert page.locator(".md-sidebar--secondary label.md-nav__title").inner_text().strip() == "Table of contents"
    links.nth(anchors.index("t026")).click()
    page.wait_for_url(re.compile(r"#t026$"))
    assert in_view(page, "h2#t026")
    active = ".md-sidebar--secondary a.md-nav__link--active"
    page.wait_for_function(f"document.querySelector({active!r}) !== null", timeout=5000)  # Material's mark
    assert page.locator(active).first.get_attribute("href") in [f"#{a}" for a in anchors[:anchors.index("t026") + 1]]
