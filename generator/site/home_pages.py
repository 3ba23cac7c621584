"""The home page (the newest briefings) and, for a larger archive, one page per year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..model import Briefing
from ..text import plural
from . import urls
from .markdown import escape, front_matter, short_date, title_heading
from .search_page import search_link
from .summary import Summary

Listed = Briefing | Summary
"""A briefing as these pages list it: date, title, location, participants."""

HOME_LATEST = 50
"""Briefings the home page lists; a larger archive lists them all on one page per year
(`years/<year>.md`). A home page listing 1,137 briefings took Chromium 200–300 ms to lay out."""


def home_page(site_name: str, briefings: Iterable[Listed]) -> str:
    """The newest briefings, with date, title, location and participants; links to the year pages
    when there are more."""
    ordered = sorted(briefings, key=lambda b: (b.date, b.slug), reverse=True)
    out = [front_matter(site_name), title_heading(site_name)]
    count = len(ordered)
    out.append(f"{plural(count, 'briefing')}, newest first.\n{{: .archive-count }}\n\n")
    out.append("Browse by [speaker](speakers/index.md) or by [topic](topics/index.md).\n{: .archive-browse }\n\n")
    if count > HOME_LATEST:
        years = Counter(b.date.year for b in ordered)
        out.append(f"The {HOME_LATEST} newest are below; all of them by year: "
                   + " · ".join(f"[{year}]({urls.source(urls.YEARS, str(year))}) ({n:,})" for year, n in sorted(years.items(), reverse=True))
                   + "\n{: .archive-years }\n\n")
    out.extend(_listed(b, urls.source(urls.BRIEFINGS, b.slug)) for b in ordered[:HOME_LATEST])
    return "".join(out)


def year_pages(briefings: Iterable[Listed]) -> dict[str, str]:
    """`years/<year>.md` listing every briefing of the year, newest first, when the home page cannot
    list them all."""
    ordered = sorted(briefings, key=lambda b: (b.date, b.slug), reverse=True)
    if len(ordered) <= HOME_LATEST:
        return {}
    pages: dict[str, list[str]] = {}
    for b in ordered:
        pages.setdefault(str(b.date.year), []).append(_listed(b, urls.from_folder(urls.YEARS, urls.source(urls.BRIEFINGS, b.slug))))
    return {urls.source(urls.YEARS, year): front_matter(f"Briefings of {year}") + title_heading(f"Briefings of {year}")
            + f"{plural(len(items), 'briefing')}, newest first. [All years](../index.md) · "
            + f"[Search the briefings of {year}]({search_link(urls.source(urls.YEARS, year), markdown=True, **{'from': year, 'to': year})})"
            + "\n{: .archive-count }\n\n" + "".join(items)
            for year, items in pages.items()}


def _listed(b: Listed, link: str) -> str:
    """One briefing in a list: date, linked title, then location and participants."""
    line = f"- **{short_date(b.date)}** · [{escape(b.title)}]({link})"
    details = [b.location, ", ".join(p.name for p in b.participants)]
    shown = " · ".join(escape(d) for d in details if d)
    return line + (f"  \n  {shown}\n" if shown else "\n")
