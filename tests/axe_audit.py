"""axe-core over built pages in headless Chromium: every page kind, both palettes, the overlays open.

Used by tests/test_accessibility.py, and on its own to audit any built site (the real archive):

    .venv/bin/python tests/axe_audit.py site/ [--sample 5]

prints each violation as `page [palette, state] rule (impact): element — what is wrong` and a count
per rule; the exit status is 1 when there is any. axe-core is the npm package pinned in
package.json (./test.sh installs it with `npm ci`).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = ("light", "dark")
"""The two palettes of mkdocs.yml, chosen by the reader's `prefers-color-scheme` (Material follows it)."""


@dataclass(frozen=True)
class Violation:
    """One element failing one axe rule on one page."""

    where: str
    rule: str
    impact: str
    target: str
    summary: str

    def __str__(self) -> str:
        return f"{self.where}: {self.rule} ({self.impact}): {self.target} — {self.summary}"


def axe(page: Any, where: str, element: Any = None, rules: tuple[str, ...] = ()) -> list[Violation]:
    """Run every enabled axe rule (or only `rules`) over the page as it is now (animations finished
    first), or over one `element` (a Playwright locator)."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    page.evaluate("() => document.getAnimations().forEach(a => { try { a.finish() } catch (e) {} })")
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    target = element.element_handle() if element is not None else None
    result = page.evaluate("([el, options]) => axe.run(el || document, options)", [target, options])
    return [Violation(where, v["id"], v.get("impact") or "", " ".join(json.dumps(t) for t in node["target"]),
                      " ".join((node.get("failureSummary") or "").split())[:300])
            for v in result["violations"] for node in v["nodes"]]


def _palette(page: Any, scheme: str) -> None:
    """Make sure the page shows the palette of `scheme` (its toggle, if Material did not follow the media)."""
    want = "slate" if scheme == "dark" else "default"
    if page.evaluate("() => document.body.dataset.mdColorScheme") != want:
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_function(f"() => document.body.dataset.mdColorScheme === {want!r}")
        page.wait_for_timeout(400)


def open_search(page: Any, query: str) -> None:
    """Open Material's search and type `query` like a person (it searches on keyup); wait for results."""
    box = page.locator("input.md-search__input")
    opener = page.locator("button.md-header__button[data-for=__search]")
    (opener if opener.is_visible() else box).click()  # a phone shows the Search button, a desktop the box
    box.press_sequentially(query, delay=40)
    page.locator(".md-search-result__item").first.wait_for(timeout=20000)
    page.wait_for_timeout(300)


def open_cite(page: Any) -> None:
    """Open the cite dialog of the first turn."""
    page.locator("button.cite-button").first.click()
    page.locator(".cite-panel").wait_for(state="visible")


def page_kinds(site: Path) -> dict[str, str]:
    """One page of each kind a built site has: `kind -> path` (a kind the site lacks is left out)."""
    def first(pattern: str, where: str = "") -> str | None:
        found = sorted(p for p in (site / where).glob(pattern) if not p.name.startswith("index"))
        return found[0].relative_to(site).as_posix() if found else None

    reporter = next((p for p in sorted((site / "speakers").glob("*.html"))
                     if 'id="questions"' in p.read_text(encoding="utf-8")), None)
    official = next((p for p in sorted((site / "speakers").glob("*.html"))
                     if p.name != "index.html" and 'id="turns"' in p.read_text(encoding="utf-8")), None)
    kinds = {
        "home": "index.html", "year": first("years/*.html"), "briefing": _longest(site),
        "speaker": official and official.relative_to(site).as_posix(),
        "reporter": reporter and reporter.relative_to(site).as_posix(),
        "outlet": first("outlets/*.html"), "topic": first("topics/*.html"),
        "speakers index": "speakers/index.html", "topics index": "topics/index.html",
        "data": "data.html", "about": "about.html", "not found": "404.html",
    }
    return {kind: path for kind, path in kinds.items() if path and (site / path).is_file()}


def _longest(site: Path) -> str | None:
    """The briefing page with the most turns (most chips, answer links, table-of-contents entries)."""
    pages = [p for p in (site / "briefings").glob("*.html") if "archive-citation" in p.read_text(encoding="utf-8")]
    return max(pages, key=lambda p: (p.stat().st_size, p.name)).relative_to(site).as_posix() if pages else None


def audit(browser: Any, base: str, pages: dict[str, str], *, search: str = "",
          viewport: dict[str, int] | None = None) -> Iterator[Violation]:
    """Every violation on `pages` (`kind -> path` under `base`) in both palettes; with the search
    overlay open on the home page (showing results for `search`) and the cite dialog open on a
    briefing page."""
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme, viewport=viewport or {"width": 1280, "height": 900})
        try:
            page = context.new_page()
            for kind, path in pages.items():
                page.goto(base + path)
                page.wait_for_load_state("load")
                if path.startswith("search.html?"):  # results, filters and timeline drawn
                    page.wait_for_selector("#archive-search:not([aria-busy]) .archive-search__facet", timeout=20000)
                _palette(page, scheme)
                yield from axe(page, f"{path} [{scheme}, {kind}]")
                if kind == "briefing" and page.locator("button.cite-button").count():
                    open_cite(page)
                    yield from axe(page, f"{path} [{scheme}, cite dialog]")
                if kind == "home" and search:
                    open_search(page, search)
                    yield from axe(page, f"{path} [{scheme}, search '{search}']")
        finally:
            context.close()


def report(violations: list[Violation]) -> str:
    """The violations, one a line, then a count of elements per rule."""
    counts = collections.Counter(v.rule for v in violations)
    lines = [str(v) for v in violations]
    lines += [f"{rule}: {n}" for rule, n in counts.most_common()]
    return "\n".join(lines)


def main() -> int:
    """Audit a built site: one page of each kind, plus `--sample` more briefings, in both palettes."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--sample", type=int, default=0, help="more briefing pages, drawn at random (seed 15)")
    parser.add_argument("--search", default="border security", help="the query typed into the search overlay")
    parser.add_argument("--phone", action="store_true", help="a 390 × 844 window instead of 1280 × 900")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    pages = page_kinds(args.site)
    briefings = sorted(p.relative_to(args.site).as_posix() for p in (args.site / "briefings").glob("*.html")
                       if "archive-citation" in p.read_text(encoding="utf-8"))
    pages.update({f"briefing {n}": path for n, path in enumerate(random.Random(15).sample(
        briefings, min(args.sample, len(briefings))))})
    with serve(args.site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        violations = list(audit(browser, base, pages, search=args.search,
                                viewport={"width": 390, "height": 844} if args.phone else None))
        browser.close()
    print(report(violations) or "no violations")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
