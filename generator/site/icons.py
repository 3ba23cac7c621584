"""The theme's icons drawn by one stylesheet instead of written into every page.

Material writes each icon of its header (menu, search, back, share, clear, the palette's toggles) and its
back-to-top button into every page as an inline SVG: about 2.2 KB a page, 4.5 MB of the 1,137 White House
briefings' site, for eight drawings that never change. Here each becomes an empty `<svg>` with a class
(`<svg class="archive-icon icon-magnify"></svg>`), keeping its place and the size Material's rules give an
icon's `svg`, and `assets/archive-icons.css` draws it: the same drawing as a CSS mask filled with the text's
colour, as Material draws the icons of its own stylesheets (admonitions, navigation arrows). The drawings are
read from the icon files the theme's templates include (`.icons/` in the theme's folders, the project's
overrides first), so a page and the stylesheet agree on every version; an inline SVG that is none of these
(another icon, a changed drawing) is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import quote

STYLESHEET = "assets/archive-icons.css"
"""The stylesheet's address from the site root."""
CHROME = ("material/menu", "material/magnify", "material/arrow-left", "material/share-variant", "material/close",
          "material/arrow-up")
"""The icons Material's header and back-to-top button write into every page (besides the palette's toggles)."""


class Icons:
    """The icons `names` (`material/magnify`) of the theme whose template folders are `folders`: their inline
    form replaced in pages, and their stylesheet."""

    def __init__(self, names: Iterable[str], folders: Sequence[str | Path]) -> None:
        self._drawings = _drawings(sorted(set(names)), [Path(f) / ".icons" for f in folders])

    def replaced(self, page: str) -> str:
        """`page` with each of the icons written inline replaced by its empty, classed `<svg>`."""
        for name, drawing in self._drawings:
            if drawing in page:
                page = page.replace(drawing, f'<svg class="archive-icon {_class(name)}"></svg>')
        return page

    def stylesheet(self) -> str:
        """The rules that draw each icon where its empty `<svg>` stands."""
        rules = [
            "/* Material's icons, drawn here rather than written into every page (generator/site/icons.py). */",
            "svg.archive-icon { background-color: currentcolor; -webkit-mask: var(--archive-icon) center / contain "
            "no-repeat; mask: var(--archive-icon) center / contain no-repeat; forced-color-adjust: none; }",
            "@media (forced-colors: active) { svg.archive-icon { background-color: ButtonText; } }",
        ]
        rules.extend(f'svg.{_class(name)} {{ --archive-icon: url("data:image/svg+xml;charset=utf-8,'
                     f'{quote(drawing, safe=" /=:;,.-")}"); }}' for name, drawing in self._drawings)
        return "\n".join(rules) + "\n"


def palette_icons(palette: object) -> list[str]:
    """The toggle icons of the theme's `palette` option (one scheme or a list of them)."""
    schemes = palette if isinstance(palette, list) else [palette]
    return [s["toggle"]["icon"] for s in schemes
            if isinstance(s, dict) and isinstance(s.get("toggle"), dict) and s["toggle"].get("icon")]


def _drawings(names: Iterable[str], folders: Sequence[Path]) -> list[tuple[str, str]]:
    """Each icon's SVG as the templates include it (from the first folder holding it), by name; icons not
    found are left out."""
    found = []
    for name in names:
        path = next((f / f"{name}.svg" for f in folders if (f / f"{name}.svg").is_file()), None)
        if path is not None:
            found.append((name, path.read_text(encoding="utf-8").strip()))
    return found


def _class(name: str) -> str:
    return "icon-" + name.rpartition("/")[2]
