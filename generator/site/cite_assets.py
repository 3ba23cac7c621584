"""The files the cite dialog loads when it first opens: citeproc-js, the CSL styles and locale.

Vendored in `generator/site/vendor/` (versions and licences in its README), written into the site under
`assets/cite/` by the build. Each is a script that sets one global, so that it loads from `file://` too
(the offline bundle), where a page cannot fetch a file: `citeproc.js` sets `ArchiveCiteproc` (the
processor's `CSL`), `styles.js` sets `ArchiveCSL` (each style's and the locale's XML, as published).
The published files and their licences are copied beside them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from . import urls
from .scripts import minified

VENDOR = Path(__file__).parent / "vendor"
CITEPROC = VENDOR / "citeproc" / "citeproc_commonjs.js"
STYLES = {
    "apa": "apa.csl",
    "chicago": "chicago-notes-bibliography-17th-edition.csl",
    "mla": "modern-language-association.csl",
}
"""The style files the dialog renders with, by the key `cite-format.js` knows them by."""
LOCALE = "locales-en-US.xml"


def csl_file(name: str) -> Path:
    """A vendored style or locale file."""
    return VENDOR / "csl" / name


@cache
def cite_assets() -> dict[str, bytes]:
    """Every file of `assets/cite/`, by its path from the site root."""
    citeproc = CITEPROC.read_text(encoding="utf-8")
    wrapped = minified("/*! citeproc-js (npm `citeproc`, see citeproc-LICENSE.txt and csl/README.txt), minified\n"
                       " * (comments and spaces out) and wrapped so that its `module.exports` becomes\n"
                       " * window.ArchiveCiteproc. */\n"
                       f"(function (module) {{\n{citeproc}\n;window.ArchiveCiteproc = module.exports;\n}})({{exports: {{}}}});\n")
    xml = {key: csl_file(name).read_text(encoding="utf-8") for key, name in STYLES.items()}
    xml["locale"] = csl_file(LOCALE).read_text(encoding="utf-8")
    styles = ("/* CSL styles and the en-US locale of the Citation Style Language project, https://citationstyles.org/\n"
              " * (CC BY-SA 3.0, csl/LICENSE.txt), as published (csl/*.csl, csl/*.xml). */\n"
              f"window.ArchiveCSL = {json.dumps(xml, ensure_ascii=True, indent=0)};\n")
    files = {"citeproc.js": wrapped.encode("utf-8"), "styles.js": styles.encode("utf-8"),
             "citeproc-LICENSE.txt": (VENDOR / "citeproc" / "LICENSE").read_bytes()}
    for path in sorted((VENDOR / "csl").iterdir()):
        files[f"csl/{path.name}"] = path.read_bytes()
    files["csl/README.txt"] = (VENDOR / "README.md").read_bytes()
    return {urls.CITE_ASSETS + name: data for name, data in files.items()}
