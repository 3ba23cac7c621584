"""The search page, `search.html`: filters, dates, phrases, a timeline and exports over the archive's index.

The page is a shell: `archive-search-page.js` builds the form, the results and the facets from its
URL (`search.html?q=inflation&speaker=jen-psaki&from=2021`) and the index in `search/archive/`
(`search_index.py`). Nothing here comes from a transcript. Links into it (a speaker on a topic, a
year) come from `search_link`.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from . import urls
from .markdown import front_matter

KEEP_QUERY = ('<script>(function () { var u = new URL(location.href); if (u.searchParams.has("q")) { '
              'window.__archiveSearchHref = location.href; u.searchParams.delete("q"); '
              'history.replaceState(history.state, "", u.href) } })()</script>\n')
"""Material's search box takes a `?q=` in the address as its own query (and deletes it when closed): on
this page `q` is the page's, so it is held back until Material has started (archive-search-page.js
puts it back)."""
EARLY = ('<script>(function (base) { var early = window.__archiveSearchEarly = {}; '
         'if (location.protocol === "file:") { var got = {}; '
         'window.__archiveSearch = function (name, data) { got[name] = data }; '
         '["manifest", "lists"].forEach(function (name) { early[name] = new Promise(function (resolve, reject) { '
         'var el = document.createElement("script"); el.src = base + name + ".js"; '
         'el.onload = function () { name in got ? resolve(got[name]) : reject(new Error(name + ".js did not define its data")) }; '
         'el.onerror = function () { reject(new Error(name + ".js did not load")) }; document.head.appendChild(el) }) }) } '
         'else ["manifest", "lists"].forEach(function (name) { early[name] = fetch(base + name + ".js", '
         '{ cache: name === "manifest" ? "no-cache" : "default" }).then(function (r) { '
         'if (!r.ok) throw new Error(name + ".js: HTTP " + r.status); return r.text() }) }); '
         'for (var k in early) early[k].catch(function () {}) })(%s)</script>\n')
"""The index's manifest and lists start loading as the page's body is read, before the page's scripts
have come (archive-search-core.js takes them): over HTTP by `fetch`, from `file://` as scripts."""
SCRIPTS = ("archive-search-query.js", "archive-search-core.js", "archive-search-page.js")
"""The page's scripts under `assets/javascripts/` (theme_overrides), in load order: run as soon as they
have come (not deferred to the end of the page), the search starts while Material's own scripts load."""


def search_page() -> str:
    """The search page's Markdown: its title, the element the script fills, and what shows without JavaScript."""
    scripts = "".join(f'<script src="assets/javascripts/{name}"></script>\n' for name in SCRIPTS)
    return (
        front_matter("Search", description="Search every turn of every briefing: words, phrases, speakers, "
                     "reporters, outlets, topics, dates.", search={"exclude": True}, hide=["toc"])
        + "# Search {#title}\n\n"
        + KEEP_QUERY
        + f'<div id="archive-search" class="archive-search" data-index="{urls.SEARCH_INDEX}/">\n'
        + '<p class="archive-search__loading">Loading the search…</p>\n'
        + "<noscript><p>The search needs JavaScript. Without it, browse the briefings by "
        + f'<a href="{urls.address(urls.SPEAKERS, urls.INDEX)}">speaker</a>, '
        + f'<a href="{urls.address(urls.TOPICS, urls.INDEX)}">topic</a> or from the '
        + '<a href="index.html">home page</a>.</p></noscript>\n'
        + "</div>\n"
        + EARLY % json.dumps(f"{urls.SEARCH_INDEX}/")
        + "\n"
        + scripts
    )


def search_link(from_source: str, *, markdown: bool = False, **filters: str | list[str]) -> str:
    """A link from the page `from_source` to the search page with these filters, for HTML (or with
    `markdown`, to its source, which MkDocs turns into the page's address):
    `search_link("speakers/x.md", speaker="jen-psaki", topic="economy")`."""
    pairs = [(key, v) for key, value in filters.items() for v in ([value] if isinstance(value, str) else value) if v]
    target = urls.SEARCH_SOURCE if markdown else urls.SEARCH_PAGE
    return urls.relative(from_source, target) + ("?" + urlencode(pairs) if pairs else "")
