"""The site's own scripts as shipped: comments and layout whitespace taken out.

The archive's scripts (`theme_overrides/assets/`) are written to be read, a third of them comments; the
vendored citeproc-js too. A reader loads them whole (the search page three of them before its first result,
the cite dialog citeproc-js before its first citation) and the offline bundle carries them, so the build
ships them minified by `rjsmin` (comments, spaces and line breaks only: no name is changed, so a stack trace
still names the function). A comment opening with `/*!` (a licence) is kept. Material's scripts are
minified already and left alone.
"""

from __future__ import annotations

import rjsmin  # type: ignore[import-untyped]


def minified(script: str) -> str:
    """`script` without its comments (but `/*! … */`) and layout whitespace; behaves the same."""
    return str(rjsmin.jsmin(script, keep_bang_comments=True)) + "\n"
