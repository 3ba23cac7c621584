"""A finished page's layout whitespace taken out.

Material's templates indent every line of the page they make: a briefing page's header, navigation and
table of contents (one entry per turn) carried 6–20 spaces and blank lines per line, about a fifth of the
page outside its turns. Each run of whitespace that holds a line break becomes one line break: in HTML's
normal flow a run of whitespace shows as one space whatever it holds, so the page looks and reads the same
(text, links, screen readers). Inside `<pre>`, `<textarea>`, `<script>`, `<style>` and `<code>`, where
whitespace can matter, nothing changes; a run without a line break (spaces between words) is left alone.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script|style|code)\b.*?</\1\s*>", re.S | re.I)
_RUN = re.compile(r"[ \t\r\n\f]*\n[ \t\r\n\f]*")


def squeezed(page: str) -> str:
    """`page` with each whitespace run holding a line break reduced to one line break, outside the
    elements whose whitespace can matter."""
    out: list[str] = []
    at = 0
    for kept in _KEPT.finditer(page):
        out.append(_RUN.sub("\n", page[at:kept.start()]))
        out.append(kept.group(0))
        at = kept.end()
    out.append(_RUN.sub("\n", page[at:]))
    return "".join(out)
