"""A briefing page as the offline bundle holds it: its turns' words drawn from the search index's text blocks.

The bundle carries every turn's words twice over otherwise: in the briefing pages and in the search index's
text blocks (what a result shows, `t<k>.js`). Measured at 10,000 briefings, those were 214 MB and 161 MB of
a 457 MB zip. So a bundled briefing page keeps everything but the words: its head, every turn's heading
(with its anchor), topic chips, interpreter badge and question–answer links, and the notes of removed turns;
and it loads the text-block scripts holding its turns, from which `theme_overrides/assets/turn-words.js`
puts each turn's paragraphs back in place as the page is read, before Material's and the page's own
scripts start (they read the words: the table of contents, the cite dialog). The paragraphs come back as
`turns_html` writes them: one line of the stored text each (`search_index.layout` says which were
interpreted and where the stage directions are). A reader without script sees a note above the first turn,
then the headings.

The public site's pages keep their words: a page there works without script, for readers and for search
engines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import urls
from .search_index import index_order
from .search_store import BLOCK, SCRIPT_BLOCKS
from .summary import Summary

WORDS_SCRIPT = "assets/turn-words.js"
_TURNS = '<h2 class="turn'
_END = "</article>"
_WORDS = re.compile(r'<p(?: class="interpreted")?>(?!<em class="badge-interpreted">).*?</p>\n', re.S)
"""A paragraph of a turn's words as `turns_html` writes it. Every other paragraph of the turns has a class of
its own (chips, answer links, removed turns) or is the interpreter badge. Transcript text is escaped, so
`</p>` ends the paragraph it is in."""
NO_SCRIPT = ('<noscript><p class="offline-words">This offline copy shows a transcript\'s words with '
             "JavaScript, which is off in this browser. The public site's pages show them without it.</p></noscript>\n")


def entry_numbers(summaries: Iterable[Summary]) -> dict[str, int]:
    """Each briefing's page entry's number in the search index, by slug: the index numbers briefings in
    `index_order`, a page entry and then one per turn (`search_index.write_index`)."""
    numbers: dict[str, int] = {}
    at = 0
    for summary in sorted(summaries, key=index_order):
        numbers[summary.slug] = at
        at += 1 + summary.turns
    return numbers


def offline_page(html: str, first: int, turns: int, up: str) -> str:
    """`html`, a briefing page as the site has it, with its turns' words taken out and the scripts that put them
    back in: `first` is the number of the page's own entry in the search index, `turns` its number of turns,
    `up` the path from the page to the site's root (`../`). A page without turns is left as it is."""
    start = html.find(_TURNS)
    end = html.find(_END, start)
    if turns == 0 or start < 0 or end < 0:
        return html
    blocks = range((first + 1) // BLOCK, (first + turns) // BLOCK + 1)
    files = sorted({block // SCRIPT_BLOCKS for block in blocks})
    scripts = "".join(f'<script src="{up}{urls.SEARCH_INDEX}/t{k}.js"></script>\n' for k in files)
    return (html[:start] + NO_SCRIPT + _WORDS.sub("", html[start:end])
            + f'<script src="{up}{WORDS_SCRIPT}"></script>\n{scripts}'
            + f"<script>window.ArchiveTurnWords && ArchiveTurnWords.fill({first},{BLOCK})</script>\n" + html[end:])
