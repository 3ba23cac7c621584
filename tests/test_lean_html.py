"""Layout whitespace out of finished pages (`site/lean_html.py`): the same page to a reader, fewer bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site.lean_html import squeezed


def test_a_run_of_whitespace_holding_a_line_break_becomes_one_line_break() -> None:
    page = '<nav>\n    \n      <ul>\n        <li><a href="#t001">Ned Price</a></li>\n\n\t  </ul>\n</nav>'
    assert squeezed(page) == '<nav>\n<ul>\n<li><a href="#t001">Ned Price</a></li>\n</ul>\n</nav>'


def test_spaces_between_words_and_inside_attributes_stay() -> None:
    page = '<p title="a  b">two  spaces and\ta tab</p>'
    assert squeezed(page) == page


@pytest.mark.parametrize("element", ["pre", "textarea", "script", "style", "code", "PRE"])
def test_whitespace_that_can_matter_is_kept(element: str) -> None:
    inner = f"<{element} class=\"x\">line one\n    indented\n\n  last</{element}>"
    assert squeezed(f"<div>\n   {inner}\n   </div>") == f"<div>\n{inner}\n</div>"


def test_nothing_to_squeeze_is_the_same_page() -> None:
    assert squeezed("") == ""
    assert squeezed("<p>one line</p>") == "<p>one line</p>"


@pytest.mark.build
def test_built_pages_carry_no_indentation_outside_kept_elements(built_site: Path) -> None:
    """A reader's page, briefing or listing, has no indented lines left but in code and scripts; its
    turns, links and anchors are all there (the other build tests read them)."""
    for name in ("briefings/2022-10-13-us-mexico-high-level-security-dialogue.html", "index.html",
                 "speakers/index.html", "search.html"):
        page = (built_site / name).read_text(encoding="utf-8")
        outside = re.sub(r"<(pre|textarea|script|style|code)\b.*?</\1>", "<kept/>", page, flags=re.S)
        assert not re.search(r"\n[ \t]+<|\n\n\n", outside), name
        assert len(squeezed(page)) >= len(page) - 2, name  # nothing left to take out
