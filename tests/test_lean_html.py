"""Layout whitespace out of finished pages (`site/lean_html.py`): the same page to a reader, fewer bytes."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from generator.site.icons import CHROME, STYLESHEET, Icons, palette_icons
from generator.site.lean_html import squeezed

THEME = [Path(material.__file__).parent / "templates"]


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


MAGNIFY = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 '
           '1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 '
           '9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>')


def test_a_theme_icon_written_inline_becomes_an_empty_classed_svg_its_stylesheet_draws() -> None:
    icons = Icons(CHROME, THEME)
    page = f'<label class="md-icon" for="__search">{MAGNIFY}</label>'
    assert icons.replaced(page) == '<label class="md-icon" for="__search"><svg class="archive-icon icon-magnify"></svg></label>'
    rule = next(line for line in icons.stylesheet().splitlines() if line.startswith("svg.icon-magnify "))
    assert "M9.5 3A6.5 6.5 0 0 1 16 9.5c0" in rule and "%3Cpath d=%22" in rule  # the same drawing, quoted


def test_an_icon_of_the_projects_overrides_wins(tmp_path: Path) -> None:
    (tmp_path / ".icons" / "material").mkdir(parents=True)
    (tmp_path / ".icons" / "material" / "magnify.svg").write_text('<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>\n')
    icons = Icons(CHROME, [tmp_path, *THEME])
    assert icons.replaced(MAGNIFY) == MAGNIFY
    assert icons.replaced('<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>') == '<svg class="archive-icon icon-magnify"></svg>'


def test_other_svg_stays_inline() -> None:
    other = MAGNIFY.replace("M9.5 3A", "M9.6 3A")
    chart = '<svg class="topic-activity" role="img" aria-label="Haiti"><rect width="3" height="4"/></svg>'
    assert Icons(CHROME, THEME).replaced(other + chart) == other + chart
    assert Icons(["material/no-such-icon"], THEME).stylesheet().count("svg.icon-") == 0


def test_the_palette_toggles_are_read_from_the_theme_option() -> None:
    palette = [{"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
               {"scheme": "slate", "toggle": {"icon": "material/brightness-4"}}, {"scheme": "x"}]
    assert palette_icons(palette) == ["material/brightness-7", "material/brightness-4"]
    assert palette_icons({"toggle": {"icon": "material/weather-night"}}) == ["material/weather-night"]
    assert palette_icons(None) == []


@pytest.mark.build
def test_built_pages_draw_the_themes_icons_from_one_stylesheet(built_site: Path) -> None:
    """No page carries Material's header icons inline; each links the stylesheet that draws them."""
    css = (built_site / STYLESHEET).read_text(encoding="utf-8")
    for name in ("briefings/2022-10-13-us-mexico-high-level-security-dialogue.html", "index.html",
                 "speakers/index.html", "search.html", "topics/haiti.html"):
        page = (built_site / name).read_text(encoding="utf-8")
        assert "<path" not in page.split("<article", 1)[0], name
        classes = set(re.findall(r'<svg class="archive-icon (icon-[a-z0-9-]+)"></svg>', page))
        assert {"icon-magnify", "icon-menu", "icon-brightness-7", "icon-brightness-4"} <= classes, name
        assert all(f"svg.{c} " in css for c in classes)
        assert f'href="{"../" * name.count("/")}{STYLESHEET}"' in page
