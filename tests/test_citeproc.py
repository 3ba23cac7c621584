"""The cite dialog's citations against independent readers: citeproc-py renders the same items with the same
style files to the same text; pybtex reads the BibTeX strictly; the dialog assembles the build's items.

The dialog's rendering (citeproc-js through `theme_overrides/assets/cite-format.js`) runs in Node here,
`tests/cite_render.js`; the browser tests hold the panel to the same text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from generator.enrich.loader import Loader
from generator.model import Archive, Briefing, Turn
from generator.site.cite_assets import LOCALE, STYLES, csl_file
from generator.site.cite_data import briefing_citation
from generator.site.csl_item import csl_item
from tests.conftest import CORPUS, ROOT

SITE_URL = "https://briefings.example.org/"
SITE_NAME = "Briefing Archive"


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if found is None:
        pytest.skip("Node.js is missing (apt-get install nodejs)")
    return found


def rendered(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """What the cite dialog shows for each item: Chicago note and bibliography, APA, MLA, BibTeX."""
    result = subprocess.run([node(), str(ROOT / "tests" / "cite_render.js")], input=json.dumps(items),
                            capture_output=True, text=True, timeout=1200, check=True)
    return list(json.loads(result.stdout))


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """The seed and the dev corpus (State and White House, several house styles), loaded as the build does."""
    content = tmp_path_factory.mktemp("content")
    shutil.copytree(ROOT / "content", content, dirs_exist_ok=True)
    for path in sorted((CORPUS / "dev").glob("*.txt")):
        if "NOT-A-TRANSCRIPT" not in path.name:
            shutil.copy2(path, content / "briefings" / path.name)
    return Loader(write_locks=False).load(content, content.parent)


def sample(archive: Archive) -> Iterator[tuple[Briefing, Turn]]:
    """Per briefing, the first turn of each kind of author and description: people, labels, anonymous
    officials, questions with and without an outlet, interpreted turns."""
    for briefing in archive.briefings:
        seen: set[str] = set()
        for turn in briefing.turns:
            kind = f"{turn.speaker.kind}/{turn.speaker.resolved}/{turn.question}/{turn.interpreted}/{bool(turn.asker)}"
            if kind not in seen:
                seen.add(kind)
                yield briefing, turn


@pytest.fixture(scope="module")
def items(archive: Archive) -> list[dict[str, Any]]:
    people = {p.id: p for p in archive.people}
    return [csl_item(b, t, SITE_NAME, SITE_URL, people) for b, t in sample(archive)]


@pytest.fixture(scope="module")
def dialog(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    return rendered(items)


def citeproc_py(items: list[dict[str, Any]], style: str) -> list[tuple[str, str]]:
    """(note or in-text citation, bibliography entry) of each item by citeproc-py, in plain text, with the
    style file the site ships and the en-US locale. citeproc-py 0.11 lacks two CSL features these styles
    use: a name's `initialize="false"` (names written out, as CSL 1.0.1 says) and the locale's
    `punctuation-in-quote` (en-US: a comma or period after a closing quotation mark goes inside it);
    both are supplied here, nothing else."""
    citeproc = pytest.importorskip("citeproc")
    from citeproc import frontend, model
    from citeproc.source.json import CiteProcJSON

    get_option = model.Name.get_option

    def name_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if name == "initialize-with" and self.get("initialize", "true") == "false":
            return None
        return get_option(self, name, context, sort_options)

    def inside_quotes(text: str) -> str:
        return text.replace("\u201d,", ",\u201d").replace("\u201d.", ".\u201d")

    model.Name.get_option = name_option
    saved = frontend.LOCALES_PATH
    frontend.LOCALES_PATH = str(csl_file(LOCALE).parent)
    out = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "unsupported argument: citation_key"
            parsed = citeproc.CitationStylesStyle(str(csl_file(STYLES[style])), validate=False)
            for item in items:
                bibliography = citeproc.CitationStylesBibliography(parsed, CiteProcJSON([item]), citeproc.formatter.plain)
                citation = citeproc.Citation([citeproc.CitationItem(item["id"])])
                bibliography.register(citation)
                note = bibliography.cite(citation, lambda _: None)
                out.append((inside_quotes(str(note)), inside_quotes(str(bibliography.bibliography()[0]))))
    finally:
        model.Name.get_option = get_option
        frontend.LOCALES_PATH = saved
    return out


@pytest.mark.parametrize("style", ["apa", "chicago", "mla"])
def test_dialog_renders_what_citeproc_py_renders(items: list[dict[str, Any]], dialog: list[dict[str, str]],
                                                 style: str) -> None:
    """For a sample of turns of every kind, the dialog's text (citeproc-js) equals citeproc-py's with the same
    style file over the same CSL item: two processors, one reading of the style."""
    assert len(items) >= 40
    for item, ours, (note, entry) in zip(items, dialog, citeproc_py(items, style), strict=True):
        assert ours["chicago-bib" if style == "chicago" else style] == entry, item["id"]
        if style == "chicago":
            assert ours["chicago"] == note, item["id"]


def test_bibtex_reads_strictly(items: list[dict[str, Any]], dialog: list[dict[str, str]]) -> None:
    """Every entry parses with pybtex in strict mode: one `@misc` per key, keys unique, names split as
    `von Last, Jr, First`, fields as written."""
    from pybtex.database import parse_string
    from pybtex.errors import set_strict_mode

    set_strict_mode(True)
    data = parse_string("\n\n".join(d["bibtex"] for d in dialog), "bibtex")
    assert list(data.entries) == [item["citation-key"] for item in items]
    for item in items:
        entry = data.entries[item["citation-key"]]
        assert entry.type == "misc" and entry.fields["url"] == item["URL"]
        (author,) = item["author"]
        (person,) = entry.persons["author"]
        if "family" in author:
            assert " ".join(person.last_names) == author["family"]
            assert " ".join(person.first_names + person.middle_names) == author.get("given", "")
            assert " ".join(person.lineage_names) == author.get("suffix", "")
        else:
            assert str(person) == "{" + author["literal"] + "}"


def test_dialog_assembles_the_builds_items(archive: Archive) -> None:
    """The dialog's CSL-JSON for a turn is the item the build makes (`site/csl_item.py`): the page's data
    holds it in two parts, and cite-format.js puts them together with the permalink."""
    people = {p.id: p for p in archive.people}
    briefing = archive.briefings[0]
    data = briefing_citation(briefing, SITE_NAME, SITE_URL, people, "../assets/cite/")
    script = ("const c = require('./theme_overrides/assets/cite-format.js'); const data = JSON.parse(require('fs')"
              ".readFileSync(0, 'utf8')); process.stdout.write(JSON.stringify(Object.keys(data.turns).map(a => "
              "c.item(data, c.facts(data, a, '', '', data.url, '')))));")
    result = subprocess.run([node(), "-e", script], input=json.dumps(data), capture_output=True, text=True,
                            cwd=ROOT, timeout=60, check=True)
    assert json.loads(result.stdout) == [csl_item(briefing, t, SITE_NAME, SITE_URL, people) for t in briefing.turns]
