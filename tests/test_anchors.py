"""The anchor lock: anchors survive corrections, removed anchors land somewhere, renames redirect."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.enrich.align import align
from generator.enrich.loader import Loader
from generator.enrich.locks import LOCK_SUFFIX, lock_briefings, read_lock, same_day_merged
from generator.model import Briefing, Correction
from generator.read.parse import parse
from generator.read.source import read_source
from generator.site.redirects import redirect_pages
from tests.conftest import SEED, build_site, copy_project

FIRST = dt.date(2023, 1, 5)
LATER = dt.date(2024, 3, 9)


def _lock_seed(folder: Path, today: dt.date) -> Briefing:
    path = folder / SEED.name
    briefings, errors = lock_briefings([(path, parse(read_source(path)))], folder, today=today)
    assert not errors
    return briefings[0]


def correct_seed(path: Path) -> None:
    """The scripted correction: a word in turn 5, a turn after turn 10, turn 20 deleted,
    turn 29 split in two, turns 31 and 32 merged."""
    lines = path.read_text(encoding="utf-8").split("\n")
    turns = parse(read_source(path)).turns
    edits: dict[int, str] = {}  # 0-based line → replacement (may hold several lines)
    five = turns[4].line - 1
    assert lines[five].endswith("Ali.")
    edits[five] = lines[five].replace("Ali.", "Aly.")
    eleven = turns[10].line - 1
    edits[eleven] = "MR PRICE:  A word on tomorrow's schedule before the next answer.\n\n" + lines[eleven]
    for line in range(turns[19].line - 1, turns[20].line - 1):
        edits[line] = ""
    split_at = turns[28].paragraphs[3].line - 1
    edits[split_at] = "QUESTION:  " + lines[split_at]
    merge_at = turns[31].line - 1
    edits[merge_at] = lines[merge_at].removeprefix(turns[31].label + ":").strip()
    path.write_text("\n".join(edits.get(i, line) for i, line in enumerate(lines)), encoding="utf-8")


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, Briefing, Path]:
    folder = tmp_path_factory.mktemp("briefings")
    shutil.copy2(SEED, folder / SEED.name)
    before = _lock_seed(folder, FIRST)
    correct_seed(folder / SEED.name)
    return before, _lock_seed(folder, LATER), folder


def test_scripted_correction_keeps_every_surviving_anchor(corrected: tuple[Briefing, Briefing, Path]) -> None:
    """After the scripted correction, surviving turns keep their anchors and new turns get fresh ones."""
    before, after, _ = corrected
    assert len(before.turns) == 39
    expected = [f"t{n:03d}" for n in [*range(1, 11), 40, *range(11, 20), *range(21, 30), 41, 30, 31, *range(33, 40)]]
    assert [t.anchor for t in after.turns] == expected
    by_anchor = {t.anchor: t for t in after.turns}
    assert by_anchor["t005"].text == "Aly."
    assert by_anchor["t040"].label == "MR PRICE"
    assert by_anchor["t041"].label == "QUESTION" and by_anchor["t029"].label == "QUESTION"
    assert "How about on the cartels" in by_anchor["t031"].text


def test_removed_anchors_land_on_the_nearest_surviving_turn(corrected: tuple[Briefing, Briefing, Path]) -> None:
    """A deleted turn lands on its preceding neighbour; a merged-away turn on the turn that took its words."""
    _, after, _ = corrected
    assert [(r.anchor, r.target, r.label, r.date) for r in after.removed] == [
        ("t020", "t019", "SECRETARY BLINKEN", LATER), ("t032", "t031", "QUESTION", LATER)]


def test_the_correction_is_recorded_once(corrected: tuple[Briefing, Briefing, Path]) -> None:
    """The lock records which turns the correction changed, added and removed, dated the day it was built."""
    _, after, folder = corrected
    (correction,) = after.corrections
    assert correction.date == LATER
    assert correction.added == ("t040", "t041")
    assert correction.removed == ("t020", "t032")
    assert set(correction.changed) == {"t005", "t029", "t031"}
    lock_file = folder / SEED.name.replace(".txt", LOCK_SUFFIX)
    written = lock_file.read_bytes()
    again = _lock_seed(folder, dt.date(2030, 1, 1))
    assert lock_file.read_bytes() == written
    assert again.corrections == after.corrections


def test_corrections_saved_the_same_day_are_one_correction(tmp_path: Path) -> None:
    """An editor who saves a transcript twice in a day made one correction: the page says so once, listing
    both saves' turns (an added turn changed again stays "added"); a later day is a correction of its own."""
    shutil.copy2(SEED, tmp_path / SEED.name)
    _lock_seed(tmp_path, FIRST)
    correct_seed(tmp_path / SEED.name)
    _lock_seed(tmp_path, LATER)
    path = tmp_path / SEED.name
    text = path.read_text(encoding="utf-8")
    for old, new in (("Aly.", "Ali."), ("A word on tomorrow's schedule", "A word on Friday's schedule")):
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    (correction,) = _lock_seed(tmp_path, LATER).corrections
    assert (correction.date, correction.added, correction.removed) == (LATER, ("t040", "t041"), ("t020", "t032"))
    assert correction.changed == ("t005", "t029", "t031")
    path.write_text(text.replace("Friday's", "Monday's", 1), encoding="utf-8")
    assert [(c.date, c.changed) for c in _lock_seed(tmp_path, dt.date(2024, 3, 10)).corrections] == [
        (LATER, ("t005", "t029", "t031")), (dt.date(2024, 3, 10), ("t040",))]


def test_a_lock_with_one_day_written_twice_shows_it_once() -> None:
    """Locks written before same-day corrections were merged show them merged: one line per day."""
    day = dt.date(2026, 12, 4)
    merged = same_day_merged([Correction(day, ("t001",)), Correction(day, ("t001",), ("t050",)),
                              Correction(day, ("t050", "t002")), Correction(day, (), (), ("t003",)),
                              Correction(dt.date(2026, 12, 5), ("t001",))])
    assert merged == (Correction(day, ("t001", "t002"), ("t050",), ("t003",)),
                      Correction(dt.date(2026, 12, 5), ("t001",)))


def test_committed_seed_lock_matches_the_seed(seed: Briefing) -> None:
    """The committed lock describes the committed transcript, so a build never rewrites it."""
    lock = read_lock(SEED.with_name(SEED.name.replace(".txt", LOCK_SUFFIX)), "seed lock")
    assert lock.digest == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert [t.anchor for t in lock.turns] == [t.anchor for t in seed.turns]
    assert lock.corrections == () and lock.removed == ()


def test_rename_keeps_the_old_url(tmp_path: Path) -> None:
    """Renaming a transcript on disk moves its lock along and records the old slug."""
    shutil.copy2(SEED, tmp_path / SEED.name)
    _lock_seed(tmp_path, FIRST)
    renamed = tmp_path / "2022-10-13-security-dialogue.txt"
    (tmp_path / SEED.name).rename(renamed)
    (briefing,), errors = lock_briefings([(renamed, parse(read_source(renamed)))], tmp_path, today=LATER)
    assert not errors
    assert briefing.slug == "2022-10-13-security-dialogue"
    assert briefing.former_slugs == (SEED.stem,)
    assert sorted(p.name for p in tmp_path.glob("*" + LOCK_SUFFIX)) == ["2022-10-13-security-dialogue.anchors.json"]
    assert briefing.corrections == ()


def reslug(path: Path, slug: str | None) -> None:
    """Set (or, with None, remove) the `slug:` front-matter key; the file keeps its name."""
    text = re.sub(r"^slug: .*\n", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    if slug:
        text = text.replace("\ndate: ", f"\nslug: {slug}\ndate: ", 1)
    path.write_text(text, encoding="utf-8")


RESLUGGED = "us-mexico-security-dialogue"


def test_reslug_in_front_matter_keeps_the_old_url(tmp_path: Path) -> None:
    """A new `slug:` in the front matter keeps every anchor, records the old slug in the lock
    (no correction: no turn changed) and leaves a redirect page at the old URL; a second
    re-slug remembers both, and going back to a former slug drops its redirect."""
    shutil.copy2(SEED, tmp_path / SEED.name)
    before = _lock_seed(tmp_path, FIRST)
    lock_file = tmp_path / SEED.name.replace(".txt", LOCK_SUFFIX)
    reslug(tmp_path / SEED.name, RESLUGGED)
    after = _lock_seed(tmp_path, LATER)
    assert after.slug == RESLUGGED
    assert [t.anchor for t in after.turns] == [t.anchor for t in before.turns]
    lock = read_lock(lock_file, lock_file.name)
    assert (lock.slug, lock.former_slugs, lock.corrections) == (RESLUGGED, (SEED.stem,), ())
    assert sorted(p.name for p in tmp_path.glob("*" + LOCK_SUFFIX)) == [lock_file.name]
    (old_url,) = redirect_pages([after])
    assert old_url == f"briefings/{SEED.stem}.md"
    assert f"briefings/{RESLUGGED}.html" in redirect_pages([after])[old_url]
    reslug(tmp_path / SEED.name, "security-dialogue")
    assert _lock_seed(tmp_path, LATER).former_slugs == (SEED.stem, RESLUGGED)
    reslug(tmp_path / SEED.name, None)
    back = _lock_seed(tmp_path, LATER)
    assert (back.slug, back.former_slugs) == (SEED.stem, (RESLUGGED, "security-dialogue"))
    assert sorted(redirect_pages([back])) == [f"briefings/{slug}.md" for slug in ("security-dialogue", RESLUGGED)]


@pytest.mark.parametrize("damage", [
    lambda text: "{ not json",
    lambda text: text.replace('"t005"', '"t005 .evil"'),
    lambda text: text.replace('"former_slugs": []', '"former_slugs": ["../../outside"]'),
], ids=["json", "anchor", "slug"])
def test_damaged_lock_is_an_error_not_overwritten(tmp_path: Path, damage: Any) -> None:
    """A lock that cannot be read, or holds an anchor or slug the generator never writes, is
    reported with its file name and left as it is."""
    shutil.copy2(SEED, tmp_path / SEED.name)
    lock_file = tmp_path / SEED.name.replace(".txt", LOCK_SUFFIX)
    damaged = damage(SEED.with_name(lock_file.name).read_text(encoding="utf-8"))
    lock_file.write_text(damaged, encoding="utf-8")
    path = tmp_path / SEED.name
    briefings, errors = lock_briefings([(path, parse(read_source(path, "briefings/" + SEED.name)))], tmp_path)
    assert briefings == [] and len(errors) == 1
    assert "briefings/" + lock_file.name in str(errors[0]) and "damaged anchor lock" in str(errors[0])
    assert lock_file.read_text(encoding="utf-8") == damaged


def test_align_pairs_a_fixed_label_only_when_the_text_is_nearly_the_same() -> None:
    """A changed speaker keeps the anchor only with 0.8 similarity; the same speaker from 0.5."""
    text = "one two three four five six seven eight nine ten"
    assert align([("a", text)], [("b", text.replace("ten", "eleven"))]) == [0]
    half = "one two three four five eleven twelve thirteen fourteen fifteen"
    assert align([("a", text)], [("b", half)]) == [None]
    assert align([("a", text)], [("a", half)]) == [0]


def test_a_line_said_twice_does_not_pull_the_turns_around_it_apart() -> None:
    """Deleting the first of two `Thank you.` lines leaves the edited answer after it its anchor,
    and the second `Thank you.` its own."""
    answer = "The dialogue covered fentanyl and arms trafficking"
    old = [("price", "Thank you."), ("blinken", answer + "."), ("price", "Thank you.")]
    assert align(old, [("blinken", answer + " today."), ("price", "Thank you.")]) == [1, 2]


@pytest.mark.build
def test_rebuilt_page_shows_the_correction(tmp_path: Path) -> None:
    """A real build of the corrected seed has every old anchor on the page and says what changed."""
    project = copy_project(tmp_path / "project")
    correct_seed(project / "content" / "briefings" / SEED.name)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "briefings" / f"{SEED.stem}.html").read_text(encoding="utf-8")
    ids = re.findall(r'id="(t\d{3})"', html)
    assert sorted(ids) == [f"t{n:03d}" for n in range(1, 42)]
    assert "removed in a correction" in html
    assert re.search(r'<p class="correction">Corrected on \d+ \w+ \d{4}: changed <a href="#t005">t005</a>', html)
    assert html.index('id="t020"') < html.index('id="t019"') < html.index('id="t021"')
    lock = json.loads((project / "content" / "briefings" / SEED.name.replace(".txt", LOCK_SUFFIX)).read_text())
    rebuilt = build_site(project, tmp_path / "site2")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads((project / "content" / "briefings" / SEED.name.replace(".txt", LOCK_SUFFIX)).read_text()) == lock
    assert (tmp_path / "site2" / "briefings" / f"{SEED.stem}.html").read_text(encoding="utf-8") == html
    assert Loader().load(project / "content").errors == ()
