"""A briefing page's turns as ready HTML: what Python-Markdown makes of `briefing_page.turns_markdown`.

Transcript text holds no Markdown (`markdown.escape` makes every syntax character an entity), yet
Python-Markdown runs its inline patterns over every word of it, an attribute list on every turn
heading and the table of contents over every element: measured on 114 White House briefings,
54 ms a page, and a tenth of that with the turns taken out. So the build writes the turns here,
as HTML, and a briefing page's Markdown holds its head (`briefing_page.briefing_head`) and a placeholder
the plugin replaces right after Markdown (`on_page_content`): Material's search, MkDocs' anchor
checks see the turns as before. The table of contents is drawn in the page from the turns' headings
(`theme_overrides/assets/turn-toc.js`).

`briefing_page.briefing_page` stays the Markdown of record (golden files, pages written to disk for
another engine, the benchmark's stock baseline); `tests/test_turn_html.py` holds the two to the
same HTML. Every text goes through `listing.text()`; every link is made here from slugs and
anchors the generator wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Briefing, Paragraph, Speaker, Topic, Turn, joined_segments
from .briefing_page import (
    answered_by,
    answered_next,
    chip_topics,
    in_answer,
    interpreted_badge,
    landing_on,
    page_headings,
    removed_text,
    turn_classes,
    with_following,
)
from .listing import text


@dataclass(frozen=True)
class Permalink:
    """The link the table-of-contents extension adds to each heading (`toc:` in `mkdocs.yml`); no
    `symbol`, no link."""

    symbol: str = "¶"
    title: str = "Permanent link"


def turns_html(briefing: Briefing, topics: Mapping[str, Topic], permalink: Permalink, page_url: str) -> str:
    """Every turn of `briefing`, with the notes of removed turns, topic chips and question–answer links.

    `page_url`: the briefing page's URL (`briefings/<slug>.html`), for the relative links to topic pages.
    """
    up = "../" * page_url.count("/")
    speakers = {t.anchor: t.speaker for t in briefing.turns}
    out: list[str] = []
    for (turn, following), heading in zip(with_following(briefing), page_headings(briefing), strict=True):
        out.extend(f'<p class="removed-turn" id="{r.anchor}">{text(removed_text(r))}</p>\n'
                   for r in landing_on(briefing, turn.anchor))
        out.append(_heading(turn, heading, permalink))
        if shown := chip_topics(turn, topics):
            chips = " ".join(f'<a href="{up}topics/{t}.html">{text(topics[t].title)}</a>'
                             for t in shown)
            out.append(f'<p class="topic-chips">{chips}</p>\n')
        if badge := interpreted_badge(turn):
            out.append(f'<p><em class="badge-interpreted">{badge}</em></p>\n')
        out.extend(_paragraph(p) for p in turn.paragraphs)
        out.append(_answer_links(turn, speakers, following))
    return "".join(out)


def _heading(turn: Turn, heading: str, permalink: Permalink) -> str:
    anchor = turn.anchor
    title = f' title="{text(permalink.title)}"' if permalink.title else ""
    link = f'<a class="headerlink" href="#{anchor}"{title}>{text(permalink.symbol)}</a>' if permalink.symbol else ""
    return f'<h2 class="{" ".join(turn_classes(turn))}" id="{anchor}">{text(heading)}{link}</h2>\n'



def _paragraph(paragraph: Paragraph) -> str:
    parts = joined_segments([f'<em class="stage">{text(s.text)}</em>' if s.stage else text(s.text)
                             for s in paragraph.segments], paragraph.segments)
    return f'<p class="interpreted">{parts}</p>\n' if paragraph.interpreted else f"<p>{parts}</p>\n"


def _answer_links(turn: Turn, speakers: Mapping[str, Speaker], following: str) -> str:
    if turn.answers:
        if answered_next(turn, following):
            return ""
        links = ", ".join(f'<a href="#{a}">{text(name)}</a>' for a, name in answered_by(turn, speakers))
        return f'<p class="answer-links">Answered by {links}</p>\n'
    if turn.answer_to:
        link = f'<a href="#{turn.answer_to}">{text(in_answer(turn, speakers))}</a>'
        return f'<p class="answer-links">{link}</p>\n'
    return ""


def anchors(briefing: Briefing) -> set[str]:
    """Every id `turns_html` writes: the turns' and those of the removed turns landing on them."""
    kept = {t.anchor for t in briefing.turns}
    return kept | {r.anchor for r in briefing.removed if r.target in kept}
