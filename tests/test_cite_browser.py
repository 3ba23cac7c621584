"""What a reader does with citations, in headless Chromium: cite a turn, follow an old anchor, quote."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.read.parse import parse
from generator.read.source import read_source
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, SEED, build_site, copy_project, serve
from tests.test_anchors import RESLUGGED, correct_seed, reslug

pytestmark = [pytest.mark.browser, pytest.mark.build]

PUBLIC = "https://briefings.example.org/"  # site_url in mkdocs.yml
RENAMED = "2022-10-13-security-dialogue"
PAGE = f"briefings/{RENAMED}.html"
TODAY = dt.datetime(2030, 1, 2, 12, 0)
URL = PUBLIC + PAGE
TITLE = parse(read_source(SEED)).title
EVENT = f"\u201c{TITLE},\u201d U.S. Department of State, Washington, DC, October 13, 2022, Briefing Archive"


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


def test_cite_panel_copies_chicago_and_permalink(tab: Any, base: str) -> None:
    """The Cite button (keyboard too) opens a panel whose Copy buttons put the Chicago citation
    and the public permalink on the clipboard; Escape closes it and gives focus back."""
    tab.clock.set_fixed_time(TODAY)  # the access date is the reader's today
    tab.goto(base + PAGE)
    button = tab.locator('button.cite-button[aria-label^="Cite this turn (t009,"]')
    button.focus()
    tab.keyboard.press("Enter")
    panel = tab.locator("dialog.cite-panel")
    assert panel.is_visible()
    assert tab.evaluate("document.querySelector('.cite-panel').contains(document.activeElement)")
    panel.get_by_role("button", name="Copy Chicago").click()
    assert _clipboard(tab) == (
        f"Antony J. Blinken, Secretary of State, remarks at {EVENT}, accessed January 2, 2030, {URL}#t009.")
    panel.get_by_role("button", name="Copy Permalink").click()
    assert _clipboard(tab) == f"{URL}#t009"
    assert panel.get_by_role("status").inner_text() == "Permalink copied."
    tab.keyboard.press("Escape")
    assert panel.count() == 0
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Cite this turn (t009,")


MLA_EVENT = "U.S. Department of State, 13 Oct. 2022, Washington, DC. Briefing Archive"
CITATIONS = {
    "t002": {  # interpreted remarks
        "chicago": f"Marcelo Ebrard, Foreign Secretary of Mexico (via interpreter), remarks at {EVENT}, "
                   f"accessed January 2, 2030, {URL}#t002.",
        "apa": f"Ebrard, M. (2022, October 13). Remarks at {TITLE}, Washington, DC [Transcript; Foreign Secretary "
               f"of Mexico; via interpreter]. U.S. Department of State; Briefing Archive. Retrieved January 2, 2030, "
               f"from {URL}#t002",
        "mla": f"Ebrard, Marcelo. \u201cRemarks at {TITLE}.\u201d Foreign Secretary of Mexico, via interpreter, "
               f"{MLA_EVENT}, {URL}#t002. Accessed 2 Jan. 2030.",
        "bibtex": {"type": "misc", "key": "ebrard2022t002", "author": "Ebrard, Marcelo",
                   "title": "{Remarks at " + TITLE + "}",
                   "howpublished": "U.S. Department of State", "address": "Washington, DC", "date": "2022-10-13",
                   "year": "2022", "organization": "Briefing Archive",
                   "note": "Foreign Secretary of Mexico; via interpreter; transcript",
                   "url": f"{URL}#t002", "urldate": "2030-01-02"},
        "csl": {"author": [{"family": "Ebrard", "given": "Marcelo"}], "title": f"Remarks at {TITLE}",
                "note": "Foreign Secretary of Mexico; via interpreter"},
    },
    "t008": {  # a reporter's question: the reporter and outlet are cited, "reporter" said
        "chicago": f"Tracy Wilkinson, reporter, Los Angeles Times, question at {EVENT}, accessed January 2, 2030, "
                   f"{URL}#t008.",
        "apa": f"Wilkinson, T. (2022, October 13). Question at {TITLE}, Washington, DC [Transcript; reporter, "
               f"Los Angeles Times]. U.S. Department of State; Briefing Archive. Retrieved January 2, 2030, "
               f"from {URL}#t008",
        "mla": f"Wilkinson, Tracy. \u201cQuestion at {TITLE}.\u201d Reporter, Los Angeles Times, {MLA_EVENT}, "
               f"{URL}#t008. Accessed 2 Jan. 2030.",
        "bibtex": {"type": "misc", "key": "wilkinson2022t008", "author": "Wilkinson, Tracy",
                   "title": "{Question at " + TITLE + "}", "howpublished": "U.S. Department of State",
                   "address": "Washington, DC", "date": "2022-10-13", "year": "2022",
                   "organization": "Briefing Archive", "note": "reporter, Los Angeles Times; transcript",
                   "url": f"{URL}#t008", "urldate": "2030-01-02"},
        "csl": {"author": [{"family": "Wilkinson", "given": "Tracy"}], "title": f"Question at {TITLE}",
                "note": "reporter, Los Angeles Times"},
    },
}

_TEX = {"textbackslash{}": "\\", "textasciitilde{}": "~", "textasciicircum{}": "^"}
_TEX_ESCAPE = re.compile(r"\\(textbackslash\{\}|textasciitilde\{\}|textasciicircum\{\}|[{}&%$#_])")


def _bibtex(entry: str) -> dict[str, str]:
    """Parse one `@type{key,\n  name = {value},\n …\n}` entry strictly: each value braced, its braces
    balanced (an escaped `\\{` does not count). Field values are returned as written."""
    head = re.match(r"@([a-z]+)\{([A-Za-z0-9]+),\n", entry)
    assert head and entry.endswith("\n}"), entry
    fields = {"type": head[1], "key": head[2]}
    at, body = head.end(), entry[:-2]
    while at < len(body):
        name = re.compile(r"  ([a-z]+) = \{").match(body, at)
        assert name, body[at:]
        depth, end = 1, name.end()
        while depth:
            assert end < len(body), f"unbalanced braces in {name[1]}"
            char = body[end]
            end += 2 if char == "\\" and body[end + 1:end + 2] in set("{}\\&%$#_") else 1
            depth += {"{": 1, "}": -1}.get(char, 0)
        fields[name[1]] = body[name.end():end - 1]
        at = end + (2 if body.startswith(",\n", end) else 0)
        assert at == len(body) or body[end:end + 2] == ",\n", body[end:]
    return fields


def _untex(value: str) -> str:
    """A BibTeX value read back as text; asserts every TeX special character in it was escaped."""
    bare = _TEX_ESCAPE.sub("", value)
    assert not re.search(r"[\\{}&%$#_~^]", bare), f"unescaped special character in {value!r}"
    return _TEX_ESCAPE.sub(lambda m: _TEX.get(m[1], m[1]), value)


def _cite(tab: Any, base: str, anchor: str) -> dict[str, str]:
    """Open the Cite panel of a turn on a fixed today (2 January 2030); every style's text."""
    tab.clock.set_fixed_time(TODAY)
    tab.goto(base + PAGE)
    tab.click(f'button.cite-button[aria-label^="Cite this turn ({anchor},"]')
    return {style: tab.input_value(f"#cite-{style}") for style in ("chicago", "apa", "mla", "bibtex", "csl")}


@pytest.mark.parametrize("anchor", sorted(CITATIONS))
def test_every_citation_style_in_full(tab: Any, base: str, anchor: str) -> None:
    """Chicago, APA, MLA, BibTeX and CSL-JSON each name the speaker and role (a question: the
    reporter and outlet), say "via interpreter" for an interpreted turn, and give the event, host,
    place, date, archive, public permalink and the reader's today as access date."""
    expected = CITATIONS[anchor]
    cited = _cite(tab, base, anchor)
    for style in ("chicago", "apa", "mla"):
        assert cited[style] == expected[style], style
    assert _bibtex(cited["bibtex"]) == expected["bibtex"]
    assert json.loads(cited["csl"]) == [{
        "id": f"{RENAMED}-{anchor}", "type": "speech", "genre": "Transcript", "event-title": TITLE,
        "event-place": "Washington, DC", "publisher": "U.S. Department of State", "container-title": "Briefing Archive",
        "issued": {"date-parts": [[2022, 10, 13]]}, "accessed": {"date-parts": [[2030, 1, 2]]},
        "URL": f"{URL}#{anchor}", **expected["csl"]}]


def test_interpreted_question_says_both(tab: Any, base: str) -> None:
    """A question asked through an interpreter is the reporter's, and every style says "via interpreter"."""
    cited = _cite(tab, base, "t013")
    assert cited["chicago"] == (f"Ariel Moutsatsos, reporter, Televisa (via interpreter), question at {EVENT}, "
                                f"accessed January 2, 2030, {URL}#t013.")
    assert json.loads(cited["csl"])[0]["note"] == "reporter, Televisa; via interpreter"
    for style in ("apa", "mla", "bibtex"):
        assert "via interpreter" in cited[style] and "Televisa" in cited[style], style


def _changed_citation_data(tab: Any, url: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Serve the page at `url` with its citation data (the `cite-data` meta element) changed by `change`."""
    def fulfil(route: Any) -> None:
        response = route.fetch()
        page = response.text()
        found = re.search(r'id="cite-data" content="([^"]*)"', page)
        assert found, "no citation data on the page"
        data = json.loads(html.unescape(found[1]))
        change(data)
        body = page[:found.start(1)] + html.escape(json.dumps(data)) + page[found.end(1):]
        route.fulfill(response=response, body=body)
    tab.route(url, fulfil)


HOSTILE = "Q&A: 100% {tariffs} #2, $5_000 ~ ^ \\ \u201cfair\u201d"


def test_bibtex_and_csl_keep_special_characters(tab: Any, base: str) -> None:
    """A title, host, archive name and role full of TeX's special characters give a BibTeX entry
    with balanced braces whose fields read back exactly as typed, and CSL-JSON holding them verbatim."""
    def change(data: dict[str, Any]) -> None:
        data.update(title=HOSTILE, host="Smith & Jones_Co", site="Archive #1 {beta}")
        data["turns"]["t009"]["role"] = "Secretary {acting} ~ 50%"
    _changed_citation_data(tab, base + PAGE, change)
    cited = _cite(tab, base, "t009")
    fields = _bibtex(cited["bibtex"])
    assert fields["key"] == "blinken2022t009"
    assert fields["title"].startswith("{") and fields["title"].endswith("}")
    assert _untex(fields["title"][1:-1]) == f"Remarks at {HOSTILE}"
    assert _untex(fields["howpublished"]) == "Smith & Jones_Co"
    assert _untex(fields["organization"]) == "Archive #1 {beta}"
    assert _untex(fields["note"]) == "Secretary {acting} ~ 50%; transcript"
    (csl,) = json.loads(cited["csl"])
    assert (csl["title"], csl["event-title"], csl["publisher"], csl["container-title"], csl["note"]) == (
        f"Remarks at {HOSTILE}", HOSTILE, "Smith & Jones_Co", "Archive #1 {beta}", "Secretary {acting} ~ 50%")
    assert cited["chicago"].startswith(
        f"Antony J. Blinken, Secretary {{acting}} ~ 50%, remarks at \u201c{HOSTILE},\u201d Smith & Jones_Co, ")


def test_offline_copy_cites_the_public_url(browser: Any, corrected_site: Path) -> None:
    """Opened from file:// (the offline bundle), the permalink is still the public site_url one."""
    page = browser.new_page()
    try:
        page.goto((corrected_site / PAGE).as_uri())
        page.click('button.cite-button[aria-label^="Cite this turn (t003,"]')
        assert page.input_value("#cite-permalink") == f"{URL}#t003"
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
    assert link.startswith(f"{URL}#t011:~:text=")
    terms = [t for t in link.split("text=")[1].split(",") if not t.endswith("-")]  # a prefix ends in "-"
    assert (len(terms) == 2) == (len(quote.split()) > 10)
    tab.goto("about:blank")
    tab.goto(link.replace(PUBLIC, base))
    highlighted = tab.evaluate("[...CSS.highlights.get('cite-quote')][0].toString().replace(/\\s+/g, ' ').trim()")
    assert highlighted == quote
    top = tab.evaluate("[...CSS.highlights.get('cite-quote')][0].getBoundingClientRect().top")
    assert 0 <= top < tab.viewport_size["height"]


FIND = """([anchor, words]) => {
  let found = null;
  const heading = document.getElementById(anchor);
  for (let el = heading.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.lastIndexOf(words);
      if (at >= 0) found = [node, at];
    }
  }
  const range = document.createRange();
  range.setStart(found[0], found[1]);
  range.setEnd(found[0], found[1] + words.length);
  return range;
}"""
"""The last place `words` occur in a turn, as a Range."""
IN_VIEW = f"""args => {{
  const quote = ({FIND})(args).getBoundingClientRect(), turn = document.getElementById(args[0]).getBoundingClientRect();
  return [scrollY, quote.top >= 0 && quote.bottom <= innerHeight, turn.top < 0];
}}"""
"""Where a reader is: how far down the page, whether the quoted words are on screen, whether the
turn's heading is above it."""
HIGHLIGHT = "(h => h ? [...h][0].toString() : null)(CSS.highlights.get('cite-quote'))"
QUOTES = [("t030", "ask my colleagues to go into more detail"), ("t038", "we are working together")]
"""The end of a long turn near the bottom, far below its heading; words said in earlier turns too."""


def _quote_link(tab: Any, base: str, anchor: str, words: str) -> str:
    """Select `words` (their last place in the turn) and copy their quote link, as a reader does."""
    tab.goto(base + PAGE)
    tab.evaluate(f"""args => {{
      getSelection().removeAllRanges();
      getSelection().addRange(({FIND})(args));
      document.dispatchEvent(new MouseEvent('mouseup', {{bubbles: true}}));
    }}""", [anchor, words])
    tab.locator(".quote-bar").get_by_role("button", name="Link to quote").click()
    link = _clipboard(tab)
    assert link.startswith(f"{URL}#{anchor}:~:text=")
    return link.replace(PUBLIC, base)


def _arrive(page: Any, link: str, anchor: str, words: str) -> list[Any]:
    """Open a quote link; where the reader ends up (`IN_VIEW`) once the page has settled."""
    page.goto(link)
    where: list[Any] = []
    for _ in range(40):  # scrolling to a text fragment can come after the load event
        where = page.evaluate(IN_VIEW, [anchor, words])
        if where[1]:
            break
        page.wait_for_timeout(50)
    return where


@pytest.mark.parametrize("anchor,words", QUOTES, ids=["far-below-the-heading", "said-before"])
def test_chromium_itself_follows_the_quote_link(browser: Any, tab: Any, base: str, anchor: str, words: str) -> None:
    """With JavaScript off, Chromium's own text-fragment support scrolls the produced link to the quoted
    words in the quoted turn (not to the top, to the turn's heading, or to the same words said before)."""
    link = _quote_link(tab, base, anchor, words)
    context = browser.new_context(viewport={"width": 1200, "height": 800}, java_script_enabled=False)
    try:
        scrolled, quote_on_screen, heading_above = _arrive(context.new_page(), link, anchor, words)
    finally:
        context.close()
    assert scrolled > 0 and quote_on_screen
    if anchor == "t030":
        assert heading_above  # Chromium went to the words, not just to #t030


@pytest.fixture(scope="module")
def unsupporting_browser(browser: Any) -> Iterator[Any]:
    """Chromium with text fragments turned off: it drops `:~:text=…` and goes to `#t030` only."""
    instance = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--disable-blink-features=TextFragmentIdentifiers"])
    yield instance
    instance.close()


@pytest.mark.parametrize("support", ["no-fragmentDirective", "text-fragments-off"])
def test_quote_link_without_text_fragments_lands_and_highlights(
        browser: Any, tab: Any, base: str, support: str, request: pytest.FixtureRequest) -> None:
    """Where the browser has no `document.fragmentDirective` (the page's test for text-fragment
    support), the page's script brings the quoted words on screen and highlights them."""
    anchor, words = QUOTES[0]
    link = _quote_link(tab, base, anchor, words)
    reader = request.getfixturevalue("unsupporting_browser") if support == "text-fragments-off" else browser
    context = reader.new_context(viewport={"width": 1200, "height": 800})
    context.add_init_script("delete Document.prototype.fragmentDirective")
    try:
        page = context.new_page()
        scrolled, quote_on_screen, _ = _arrive(page, link, anchor, words)
        assert page.evaluate("document.fragmentDirective === undefined")
        assert page.evaluate(HIGHLIGHT) == words
    finally:
        context.close()
    assert scrolled > 0 and quote_on_screen


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


@pytest.fixture(scope="module")
def reslugged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The project with a new `slug:` in the seed's front matter (the file keeps its name), built and served."""
    project = copy_project(tmp_path_factory.mktemp("reslug") / "project")
    reslug(project / "content" / "briefings" / SEED.name, RESLUGGED)
    result = build_site(project, project.parent / "site")
    assert result.returncode == 0, result.stderr
    with serve(project.parent / "site") as url:
        yield url, project


def test_reslugged_briefing_keeps_its_old_url(browser: Any, reslugged: tuple[str, Path]) -> None:
    """After a `slug:` change the old URL forwards to the new page, keeping the turn (and without
    JavaScript still reaches the page), and the lock records the old slug."""
    base, project = reslugged
    lock = json.loads((project / "content" / "briefings" / f"{SEED.stem}.anchors.json").read_text(encoding="utf-8"))
    assert (lock["slug"], lock["former_slugs"]) == (RESLUGGED, [SEED.stem])
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        try:
            page = context.new_page()
            page.goto(f"{base}briefings/{SEED.stem}.html#t012")
            page.wait_for_url(f"{base}briefings/{RESLUGGED}.html" + ("#t012" if javascript else ""))
            assert page.locator("h2#t012").is_visible()
        finally:
            context.close()
