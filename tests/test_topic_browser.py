"""Following a subject or a person in headless Chromium: topic chips, topic pages, back to the exact turn."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.test_browser import in_view, search

pytestmark = pytest.mark.browser
BRIEFING = "briefings/2022-10-13-us-mexico-high-level-security-dialogue.html"


def test_topic_chip_to_topic_page_and_back_to_the_turn(page: Any, served_site: str) -> None:
    """A turn's Haiti chip opens the Haiti topic page; its passage link lands back on that very turn, in view."""
    page.goto(served_site + BRIEFING)
    chip = page.locator("h2#t027 ~ p.topic-chips").first.locator("a", has_text="Haiti")
    chip.click()
    page.wait_for_url(re.compile(r"topics/haiti\.html$"))
    assert page.locator("h1").inner_text().startswith("Haiti")
    assert page.locator("mark.hit, em.hit", has_text="Haiti").count() > 0
    page.locator(f"a[href$='{BRIEFING.split('/')[1]}#t027']").first.click()
    page.wait_for_url(re.compile(r"#t027$"))
    assert in_view(page, "h2#t027")


def test_answer_links_go_both_ways(page: Any, served_site: str) -> None:
    """A question's "Answered by" link opens the answer; the answer's link returns to the question."""
    page.goto(served_site + BRIEFING + "#t008")
    page.locator("h2#t008 ~ p.answer-links").first.locator("a[href='#t009']").click()
    page.wait_for_url(re.compile(r"#t009$"))
    assert in_view(page, "h2#t009")
    page.locator("h2#t009 ~ p.answer-links").first.locator("a[href='#t008']").click()
    page.wait_for_url(re.compile(r"#t008$"))
    assert in_view(page, "h2#t008")


@pytest.mark.parametrize(("query", "target"), [("blinken", "speakers/antony-j-blinken.html"),
                                                ("haiti", "topics/haiti.html")])
def test_name_search_finds_the_page_first(page: Any, served_site: str, query: str, target: str) -> None:
    """Searching a speaker's or a topic's name lists their page as the first result."""
    page.goto(served_site)
    search(page, query)
    first = page.locator(".md-search-result__item a").first.get_attribute("href") or ""
    assert first.split("?")[0].endswith(target), first
