"""Turns written as HTML (`generator/turn_html.py`) are what Python-Markdown makes of their Markdown."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html.parser
import re
from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.enrich.loader import Loader
from generator.model import Briefing, Paragraph, RemovedTurn, Segment, Speaker, Turn
from generator.site.briefing_page import turns_markdown
from generator.site.turns_html import Permalink, anchors, turns_html
from tests.conftest import ROOT, SEED_TABLE, parse_text

PERMALINK = Permalink("¶", "")
"""As `toc:` in the project's mkdocs.yml: no title (`permalink-title.js` sets it when pointed at)."""


class _Events(html.parser.HTMLParser):
    """A page fragment as (start tag with sorted attributes | text | end tag) events, text unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, *sorted(f"{k}={v or ''}" for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            if self.events and self.events[-1][0] == "text":
                data = self.events.pop()[1] + data
            self.events.append(("text", data))


def events(fragment: str) -> list[tuple[str, ...]]:
    parser = _Events()
    parser.feed(fragment)
    parser.close()
    return parser.events


def through_markdown(briefing: Briefing, topics: dict[str, object]) -> str:
    """The turns' Markdown as MkDocs renders it: Python-Markdown with our extensions, `.md` links as `.html`."""
    converted = markdown.Markdown(extensions=["attr_list", "toc"], extension_configs={
        "toc": {"permalink": PERMALINK.symbol, "permalink_title": PERMALINK.title}}).convert(
        turns_markdown(briefing, topics))  # type: ignore[arg-type]
    return re.sub(r'href="([^"]*)\.md"', r'href="\1.html"', converted)


def archive_briefing() -> tuple[Briefing, dict[str, object]]:
    archive = Loader(write_locks=False).load(ROOT / "content", ROOT)
    return archive.briefings[0], {t.id: t for t in archive.topics}


def test_seed_turns_are_the_html_of_their_markdown() -> None:
    """Every turn of the seed, with topic chips and answer links, is the same HTML either way."""
    briefing, topics = archive_briefing()
    ours = turns_html(briefing, topics, PERMALINK, f"briefings/{briefing.slug}.html")  # type: ignore[arg-type]
    assert events(ours) == events(through_markdown(briefing, topics))
    assert ours.count("<h2 ") == 39


def test_removed_turn_notes_are_the_html_of_their_markdown() -> None:
    """A removed turn's note, with its old anchor as id, lands before the turn that took it in."""
    briefing, topics = archive_briefing()
    removed = (RemovedTurn(anchor="t040", label="MR PRICE", target="t012", date=dt.date(2023, 1, 2)),)
    corrected = dataclasses.replace(briefing, removed=removed)
    ours = turns_html(corrected, topics, PERMALINK, f"briefings/{briefing.slug}.html")  # type: ignore[arg-type]
    assert events(ours) == events(through_markdown(corrected, topics))
    assert '<p class="removed-turn" id="t040">' in ours and "t040" in anchors(corrected)


def test_no_permalink_symbol_writes_no_link() -> None:
    """With the toc extension's permalinks off, turn headings carry no link."""
    briefing = parse_text("MR. X: Hello.\n\nQUESTION: Why?\n")
    assert "headerlink" not in turns_html(briefing, {}, Permalink(""), "briefings/x.html")


def test_a_role_is_given_at_its_speakers_first_turn() -> None:
    """A speaker's heading gives their role at their first turn on the page, their name alone after; a new role
    is given again (the search's results keep it on every turn)."""
    briefing, topics = archive_briefing()
    ours = turns_html(briefing, topics, PERMALINK, f"briefings/{briefing.slug}.html")  # type: ignore[arg-type]
    headings = re.findall(r'<h2 [^>]*id="(t\d+)">([^<]*)<', ours)
    assert headings[:6] == [("t001", "Antony J. Blinken — Secretary of State"),
                            ("t002", "Marcelo Ebrard — Foreign Secretary of Mexico"),
                            ("t003", "Merrick B. Garland — Attorney General"),
                            ("t004", "Rosa Icela Rodríguez — Security Secretary of Mexico"),
                            ("t005", "Antony J. Blinken"),
                            ("t006", "Alejandro N. Mayorkas — Secretary of Homeland Security")]
    blinken = [h for _, h in headings if h.startswith("Antony J. Blinken")]
    assert blinken[0] == "Antony J. Blinken — Secretary of State" and set(blinken[1:]) == {"Antony J. Blinken"}
    assert len(blinken) > 3
    first = briefing.turns[1]
    promoted = dataclasses.replace(first, speaker=dataclasses.replace(first.speaker, role="Acting Secretary"))
    again = dataclasses.replace(briefing, turns=(*briefing.turns, dataclasses.replace(promoted, anchor="t999")))
    last = re.findall(r'<h2 [^>]*id="t999">([^<]*)<', turns_html(again, {}, PERMALINK, "briefings/x.html"))
    assert last == [f"{first.speaker.name} — Acting Secretary"]
    asked = dataclasses.replace(briefing, turns=(dataclasses.replace(first, question=True), first))
    shown = re.findall(r'<h2 [^>]*>([^<]*)<', turns_html(asked, {}, PERMALINK, "briefings/x.html"))
    assert shown[1] == f"{first.speaker.name} — {first.speaker.role}"  # asking first showed no role


def test_a_mark_printed_against_its_punctuation_keeps_it_there() -> None:
    """`Can you say (inaudible)?`: the question mark stays against the mark in the text, the page (both renderings),
    the data's spans and the offline page's layout, where a space was put between them (1,186 times in the White
    House corpus: `(inaudible)?`, `(inaudible).`, `(Laughter.),`)."""
    from generator.site.briefing_json import mark_spans
    from generator.site.search_index import layout
    briefing = parse_text("MR. X: Can you say (inaudible)? And the (Laughter.), yes. (Applause.)\n")
    paragraph = briefing.turns[0].paragraphs[0]
    assert paragraph.text == "Can you say (inaudible)? And the (Laughter.), yes. (Applause.)"
    ours = turns_html(briefing, {}, PERMALINK, "briefings/x.html")
    assert '<em class="stage">(inaudible)</em>? And the <em class="stage">(Laughter.)</em>, yes. <em' in ours
    assert events(ours) == events(through_markdown(briefing, {}))
    spans = [paragraph.text[m["start"]:m["end"]] for m in mark_spans(paragraph.segments)]
    assert spans == ["(inaudible)", "(Laughter.)", "(Applause.)"]
    assert layout(briefing.turns[0]) == "[[],[0,12,23,0,33,44,0,51,62]]"


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
"""Any text but control characters, which never reach the model (`source.read_source` drops them)."""
_SEGMENT = st.builds(Segment, text=_TEXT.filter(str.strip), stage=st.booleans(), redaction=st.booleans(),
                     joined=st.booleans())
_PARAGRAPH = st.builds(Paragraph, segments=st.lists(_SEGMENT, min_size=1, max_size=4).map(tuple),
                       line=st.just(1), interpreted=st.booleans())


@settings(max_examples=150, deadline=None)
@given(paragraphs=st.lists(_PARAGRAPH, min_size=1, max_size=4), name=_TEXT.filter(str.strip),
       role=_TEXT, question=st.booleans())
def test_any_text_is_the_html_of_its_markdown(paragraphs: list[Paragraph], name: str, role: str,
                                              question: bool) -> None:
    """Whatever a transcript says, in names, roles, speech and stage directions, both renderings agree."""
    speaker = Speaker(id="x-y", name=name, role=role, kind="official")
    turn = Turn(anchor="t001", label="X", speaker=speaker, paragraphs=tuple(paragraphs), line=1, question=question)
    briefing = dataclasses.replace(parse_text("MR. X: Hello.\n"), turns=(turn,))
    ours = turns_html(briefing, {}, PERMALINK, "briefings/x.html")
    assert events(ours) == events(through_markdown(briefing, {}))


def test_built_page_marks_the_answers_its_table_of_contents_leaves_out(built_site: Path) -> None:
    """The built briefing page writes no table of contents (`turn-toc.js` draws it from the headings); its
    headings mark the answers, which it leaves out (an answer follows its question)."""
    page = (built_site / "briefings" / "2022-10-13-us-mexico-high-level-security-dialogue.html").read_text("utf-8")
    assert 'data-md-component="toc"' not in page and "turn-toc.js" in page
    headings = re.findall(r'<h2 class="([^"]*)" id="(t\d+)">', page)
    listed = [anchor for classes, anchor in headings if "answer" not in classes.split()]
    assert listed == SEED_TABLE
    assert len(headings) == 39 and "archive-listing" not in page
