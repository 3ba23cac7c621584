"""People at archive scale (issue 13): over the whole White House tarball, every attributed reporter has a
person's name, every outlet page is a listed outlet, and no speaker page is a sentence fragment.

The checks here are deliberately independent of `read.calls`: a plain shape for names, a plain list of
function words, so the rules there cannot grade themselves. Slow: imports 1,150 briefings (skipped
without ../shared/corpus)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.enrich.loader import Loader
from generator.site.speaker_pages import people_pages
from tests.conftest import SHARED_CORPUS

ROOT = Path(__file__).resolve().parent.parent
TARBALL = SHARED_CORPUS / "whitehouse-press-briefings-2021-2025.tar.xz"
NAME_WORD = re.compile(r"^(?:[A-ZÀ-Þ][a-zß-ÿ'’-]*(?:[A-ZÀ-Þ][a-zß-ÿ'’-]*)*|[A-Z](?:\.[A-Z])*\.?|[A-Z]{2})$")
PARTICLES = {"de", "van", "von", "der", "den", "del", "da", "la", "le", "al", "bin", "el", "di", "du", "dos", "y"}
FUNCTION_WORDS = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "from", "at", "by", "be",
                  "is", "are", "was", "were", "that", "this", "it", "you", "we", "they", "all", "them", "now",
                  "not", "go", "come", "have", "has", "do", "does", "get", "say", "said", "ahead", "here", "there"}
COMMON = {"department", "justice", "defense", "state", "president", "secretary", "house", "white", "line",
          "question", "colleague", "colleagues", "america", "american", "los", "angeles", "new", "york"}


def person_shaped(name: str) -> bool:
    """A person's name: one to five name words (capitalised, or initials), particles between, no common word."""
    words = name.split()
    return 1 <= len(words) <= 5 and all(
        (NAME_WORD.match(w) and w.lower().strip(".") not in COMMON) or (0 < i < len(words) - 1 and w in PARTICLES)
        for i, w in enumerate(words))


def fragment(label: str) -> bool:
    """A label holding a verb or a lower-case function word (`be on the brink`, `come to you`)."""
    return any(w in FUNCTION_WORDS for w in label.split())


def test_the_shape_checks() -> None:
    """The independent checks accept names and refuse the fragments the issue measured."""
    assert all(person_shaped(n) for n in ("Zeke", "Nick Wadhams", "Ursula von der Leyen", "S.V.", "Ed O’Keefe"))
    assert not any(person_shaped(n) for n in ("the Department", "come to you", "address all", "Los Angeles",
                                              "Atlanta in the wake", "the line"))
    assert fragment("be on the brink") and fragment("accepting refugees to the country") and not fragment("MR. SULLIVAN")


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not TARBALL.is_file(), reason="the White House tarball is not present")
def test_white_house_people_hold_their_shape(tmp_path: Path) -> None:
    """The whole White House tarball, imported with the shipped speakers.yml and outlets.yml: 0 attributed
    reporters whose name is not a person's, 0 outlet pages outside outlets.yml, 0 speaker pages for a label
    holding a verb or a lower-case function word; and a good share of the questions attributed."""
    content = tmp_path / "content"
    content.mkdir()
    for name in ("speakers.yml", "outlets.yml"):
        shutil.copy2(ROOT / "content" / name, content / name)
    result = CliRunner().invoke(main, ["import", str(TARBALL), "--content", str(content)])
    assert "imported 1137 briefing(s)" in result.output, result.output[-2000:]
    archive = Loader(write_locks=False).load(content, tmp_path)
    questions = [t for b in archive.briefings for t in b.turns if t.question]
    askers = Counter(t.asker.name for t in questions if t.asker and t.asker.name)
    pages = people_pages(archive, {})
    listed = {o["id"] for o in yaml.safe_load((content / "outlets.yml").read_text(encoding="utf-8"))["outlets"]}
    outlet_pages = {p.split("/")[1].split(".")[0] for p in pages if p.startswith("outlets/")}
    speakers = {t.speaker.name for b in archive.briefings for t in b.turns
                if t.speaker.has_page and t.speaker.kind != "reporter"}
    print(f"{len(questions)} questions, {sum(askers.values())} attributed to {len(askers)} names; "
          f"{sum(1 for p in pages if p.startswith('speakers/'))} speaker pages, {len(outlet_pages)} outlet pages")
    assert [n for n in askers if not person_shaped(n)] == []
    assert outlet_pages - listed == set()
    assert [n for n in speakers if fragment(n)] == []
    assert sum(askers.values()) > 0.15 * len(questions)
