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

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, SEED, build_site, copy_project, serve
from tests.test_anchors import RESLUGGED, correct_seed, reslug
from tests.test_citeproc import rendered

pytestmark = [pytest.mark.browser, pytest.mark.build]

PUBLIC = "https://briefings.example.org/"  # site_url in mkdocs.yml
RENAMED = "2022-10-13-security-dialogue"
PAGE = f"briefings/{RENAMED}.html"
TODAY = dt.datetime(2030, 1, 2, 12, 0)
URL = PUBLIC + PAGE
STYLES = ("chicago", "chicago-bib", "apa", "mla", "bibtex", "csl")


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


def _page_data(site: Path) -> dict[str, Any]:
    """The citation data the built page embeds (`<meta id="cite-data">`)."""
    found = re.search(r"""id="cite-data" content='([^']*)'""", (site / PAGE).read_text(encoding="utf-8"))
    assert found, "no citation data on the page"
    return dict(json.loads(html.unescape(found[1])))


def _item(data: dict[str, Any], anchor: str, url: str = "") -> dict[str, Any]:
    """A turn's CSL-JSON item from the page's data, as the build made it (`site/csl_item.py`)."""
    turn = data["cited"][data["turns"][anchor]]
    return {**data["item"], "id": data["key"] + anchor, "citation-key": data["key"] + anchor,
            "author": data["authors"][turn["a"]], "genre": data["genres"][turn["g"]], "URL": url or f"{data['url']}#{anchor}"}


@pytest.fixture(scope="module")
def processor(corrected_site: Path) -> dict[str, dict[str, str]]:
    """What the processor renders for each turn of the page (citeproc-js in Node, `tests/cite_render.js`)."""
    data = _page_data(corrected_site)
    anchors = sorted(data["turns"])
    return dict(zip(anchors, rendered([_item(data, a) for a in anchors]), strict=True))


def _open(tab: Any, anchor: str) -> Any:
    """Click a turn's Cite button; the panel once its citations are in."""
    tab.click(f'button.cite-button[aria-label^="Cite this turn ({anchor},"]')
    tab.wait_for_selector("#cite-csl", timeout=60000)
    return tab.locator("dialog.cite-panel")


def test_cite_panel_copies_chicago_and_permalink(tab: Any, base: str) -> None:
    """The Cite button (keyboard too) opens a panel whose Copy buttons put the Chicago note and the public
    permalink on the clipboard; Escape closes it and gives focus back."""
    tab.goto(base + PAGE)
    button = tab.locator('button.cite-button[aria-label^="Cite this turn (t009,"]')
    button.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_selector("#cite-csl", timeout=60000)
    panel = tab.locator("dialog.cite-panel")
    assert panel.is_visible()
    assert tab.evaluate("document.querySelector('.cite-panel').contains(document.activeElement)")
    # every citation in words, the permalink first, shown whole: its box as tall as its text (the permalink's was
    # measured before the dialog showed, and drawn 6 px tall)
    boxes = tab.eval_on_selector_all("dialog.cite-panel textarea[rows='2']",
                                     "els => els.map(e => [e.id, e.clientHeight, e.scrollHeight])")
    assert [b[0] for b in boxes][:1] == ["cite-permalink"] and len(boxes) > 4
    assert all(height >= needed > 10 for _, height, needed in boxes), boxes
    panel.get_by_role("button", name="Copy Chicago (note)").click()
    assert _clipboard(tab) == (
        "Antony J. Blinken, \u201cSecretary Blinken, Attorney General Garland, Secretary Mayorkas, Mexican Foreign "
        "Secretary Ebrard and Mexican Security Secretary Rodr\u00edguez at the U.S.-Mexico High-Level Security Dialogue "
        "Joint Press Availability,\u201d transcript, U.S. Department of State, October 13, 2022, Briefing Archive, "
        f"{URL}#t009.")
    panel.get_by_role("button", name="Copy Permalink").click()
    assert _clipboard(tab) == f"{URL}#t009"
    assert panel.get_by_role("status").inner_text() == "Permalink copied."
    tab.keyboard.press("Escape")
    assert panel.count() == 0
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Cite this turn (t009,")


@pytest.mark.parametrize("anchor", ["t002", "t008", "t013"], ids=["interpreted", "question", "interpreted-question"])
def test_panel_shows_and_copies_what_the_processor_renders(tab: Any, base: str, anchor: str,
                                                           processor: dict[str, dict[str, str]]) -> None:
    """Each style in the panel is exactly what citeproc-js renders from the turn's item with the shipped style
    files (BibTeX as cite-format.js writes it), and its Copy button puts exactly that on the clipboard."""
    tab.clock.set_fixed_time(TODAY)  # nothing depends on the reader's today any more
    tab.goto(base + PAGE)
    panel = _open(tab, anchor)
    for style, label in (("chicago", "Chicago (note)"), ("chicago-bib", "Chicago (bibliography)"), ("apa", "APA"),
                         ("mla", "MLA"), ("bibtex", "BibTeX")):
        assert tab.input_value(f"#cite-{style}") == processor[anchor][style], style
        panel.get_by_role("button", name=f"Copy {label}", exact=True).click()
        assert _clipboard(tab) == processor[anchor][style], style


def test_every_style_names_speaker_outlet_and_interpreting(tab: Any, base: str) -> None:
    """An interpreted remark, a reporter's question (the reporter cited, the outlet in the description) and
    an interpreted question, as a reader sees them in APA and in CSL-JSON; a citation in words is shown whole."""
    tab.goto(base + PAGE)
    _open(tab, "t002")
    assert tab.input_value("#cite-apa").startswith("Ebrard, M. (2022, October 13). Secretary Blinken, ")
    assert "joint press availability [Transcript of interpreted remarks]. U.S. Department of State. Briefing " \
           f"Archive. {URL}#t002" in tab.input_value("#cite-apa")
    for style in ("apa", "mla", "chicago"):  # shown whole: Tab skips the boxes, so a keyboard cannot scroll them
        assert tab.eval_on_selector(f"#cite-{style}", "e => e.scrollHeight <= e.clientHeight + 1"), style
    tab.keyboard.press("Escape")
    _open(tab, "t013")
    (item,) = json.loads(tab.input_value("#cite-csl"))
    assert item["author"] == [{"family": "Moutsatsos", "given": "Ariel"}]
    assert item["genre"] == "transcript of interpreted question by Televisa reporter"
    assert "Transcript of interpreted question by Televisa reporter." in tab.input_value("#cite-mla")
    assert item["citation-key"] == f"{RENAMED}-t013" and item["URL"] == f"{URL}#t013"


def test_placeholder_site_url_is_said(tab: Any, base: str) -> None:
    """While site_url is the placeholder, the panel says the permalinks are not public yet."""
    tab.goto(base + PAGE)
    panel = _open(tab, "t003")
    assert "not public yet" in panel.locator(".cite-panel__notice").inner_text()


def _changed_citation_data(tab: Any, url: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Serve the page at `url` with its citation data (the `cite-data` meta element) changed by `change`."""
    def fulfil(route: Any) -> None:
        response = route.fetch()
        page = response.text()
        found = re.search(r"""id="cite-data" content='([^']*)'""", page)
        assert found, "no citation data on the page"
        data = json.loads(html.unescape(found[1]))
        change(data)
        body = page[:found.start(1)] + html.escape(json.dumps(data)) + page[found.end(1):]
        route.fulfill(response=response, body=body)
    tab.route(url, fulfil)


HOSTILE = "Q&A: 100% {tariffs} #2, $5_000 ~ ^ \\ \u201cfair\u201d"
_TEX = {"textbackslash{}": "\\", "textasciitilde{}": "~", "textasciicircum{}": "^", "textbraceleft{}": "{",
        "textbraceright{}": "}"}


def _untex(value: str) -> str:
    """A BibTeX value read back as text (capitals' protecting braces dropped)."""
    return re.sub(r"\\(text[a-z]+\{\}|[&%$#_])|[{}]", lambda m: _TEX.get(m[1], m[1]) if m[1] else "", value)


def test_bibtex_and_csl_keep_special_characters(tab: Any, base: str) -> None:
    """A title, publisher, archive name and author full of TeX's special characters give a BibTeX entry a
    strict parser reads, whose fields read back exactly as typed, and CSL-JSON holding them verbatim."""
    from pybtex.database import parse_string
    from pybtex.errors import set_strict_mode

    def change(data: dict[str, Any]) -> None:
        data["item"].update(title=HOSTILE, publisher="Smith & Jones_Co", archive="Archive #1 {beta}")
        data["authors"].append([{"literal": "Secretary {acting} ~ 50%"}])
        data["turns"]["t009"] = {**data["cited"][data["turns"]["t009"]], "a": len(data["authors"]) - 1}
    _changed_citation_data(tab, base + PAGE, change)
    tab.goto(base + PAGE)
    _open(tab, "t009")
    set_strict_mode(True)
    entry = parse_string(tab.input_value("#cite-bibtex"), "bibtex").entries[f"{RENAMED}-t009"]
    assert _untex(entry.fields["title"]) == HOSTILE
    assert _untex(entry.fields["howpublished"]) == "Transcript, Smith & Jones_Co, Washington, DC"
    assert _untex(entry.fields["note"]) == "Archive #1 {beta}"
    assert _untex(str(entry.persons["author"][0])[1:-1]) == "Secretary {acting} ~ 50%"
    (csl,) = json.loads(tab.input_value("#cite-csl"))
    assert (csl["title"], csl["publisher"], csl["archive"], csl["author"]) == (
        HOSTILE, "Smith & Jones_Co", "Archive #1 {beta}", [{"literal": "Secretary {acting} ~ 50%"}])
    assert tab.input_value("#cite-mla").startswith(
        "Secretary {acting} ~ 50%. \u201cQ&A: 100% {tariffs} #2, $5_000 ~ ^ \\ \u2018Fair.\u2019\u201d Transcript. ")


def test_offline_copy_cites_the_public_url(browser: Any, corrected_site: Path) -> None:
    """Opened from file:// (the offline bundle), the dialog loads its processor from the files beside the
    page, with no request leaving them, and cites the public site_url permalink."""
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    try:
        page.goto((corrected_site / PAGE).as_uri())
        page.click('button.cite-button[aria-label^="Cite this turn (t003,"]')
        assert page.input_value("#cite-permalink") == f"{URL}#t003"
        page.wait_for_selector("#cite-chicago", timeout=60000)
        assert page.input_value("#cite-chicago").endswith(f", {URL}#t003.")
        assert "file:" not in page.input_value("#cite-chicago")
    finally:
        page.close()
    assert outside == []


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
    tab.wait_for_selector("#cite-apa", timeout=60000)
    apa = tab.input_value("#cite-apa")  # “the words” (Blinken, 2022).\n\nBlinken, A. J. (2022, …
    quote = apa.split("\u201d (Blinken, 2022).\n\n")[0].removeprefix("\u201c")
    assert selected.rstrip(".,;:") in quote and len(quote) - len(selected) < 20
    assert ".." not in apa and ".." not in tab.input_value("#cite-chicago")
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
    assert highlighted.rstrip(".,;:") == quote
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
