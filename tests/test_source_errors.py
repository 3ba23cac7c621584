"""Front matter YAML cannot build, at the command line: one line naming the file, the rest still done."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED

IMPOSSIBLE_DATE = "---\ntitle: Press Briefing\ndate: 2022-02-30\n---\nMS. PSAKI: Good afternoon.\n\nQ Thank you.\n"
TRANSCRIPT = "MS. PSAKI: Good afternoon. One announcement.\n\nQ Thank you. On vaccines?\n\nMS. PSAKI: More soon.\n"


def _generator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, timeout=300)


def test_check_reports_unconstructible_front_matter_and_checks_the_rest(tmp_path: Path) -> None:
    """`check` reports a file whose front-matter date cannot exist as one `file:line` line and still checks the seed."""
    briefings = tmp_path / "content" / "briefings"
    briefings.mkdir(parents=True)
    (briefings / SEED.name).write_bytes(SEED.read_bytes())
    bad = briefings / "2022-02-28-impossible.txt"
    bad.write_text(IMPOSSIBLE_DATE, encoding="utf-8")
    result = _generator("check", "--content", str(tmp_path / "content"))
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    reported = [line for line in output.splitlines() if bad.name in line]
    assert reported == [f"error: {bad}:3: front matter key 'date': '2022-02-30' is not a valid date "
                        "(day is out of range for month): 'date: 2022-02-30'"]
    assert f"{SEED.name}: 39 turns" in output and "1 briefing(s) ok, 1 with errors" in output


def test_import_refuses_unconstructible_front_matter_and_imports_the_rest(tmp_path: Path) -> None:
    """`import` of a folder refuses the file whose front matter cannot be built, naming it, and imports the others."""
    folder = tmp_path / "in"
    folder.mkdir()
    bad = folder / "a-impossible.md"  # first in name order: the files after it are still imported
    bad.write_text(IMPOSSIBLE_DATE, encoding="utf-8")
    (folder / "b-2022-03-01-briefing.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "c.md").write_text("---\ntitle: Press Briefing\ndate: 2022-03-02\n---\n" + TRANSCRIPT.replace(
        "vaccines", "schools"), encoding="utf-8")
    result = _generator("import", str(folder), "--content", str(tmp_path / "content"))
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "imported 2 briefing(s), refused 1" in output
    refused = [line for line in output.splitlines() if line.startswith("refused:")]
    assert len(refused) == 1 and str(bad) in refused[0] and "front matter key 'date'" in refused[0]
    assert "'date: 2022-02-30'" in refused[0]
    written = sorted(p.name for p in (tmp_path / "content" / "briefings").glob("*.txt"))
    assert [name[:10] for name in written] == ["2022-03-01", "2022-03-02"]


def test_check_refuses_front_matter_whose_aliases_multiply_and_checks_the_rest(tmp_path: Path) -> None:
    """A "billion laughs" in front matter (nine aliases of nine aliases of … under a key the parser keeps as
    text) is refused at its line in a moment, where it would have taken the build's memory; the seed beside it
    is still checked, and aliases that repeat a value a few times are still read."""
    briefings = tmp_path / "content" / "briefings"
    briefings.mkdir(parents=True)
    (briefings / SEED.name).write_bytes(SEED.read_bytes())
    laughs = "".join(f"l{k}: &l{k} [" + ", ".join([f"*l{k - 1}" if k else "lol"] * 9) + "]\n" for k in range(7))
    bad = briefings / "2022-03-01-laughs.txt"
    bad.write_text(f"---\ntitle: Press Briefing\n{laughs}---\n{TRANSCRIPT}", encoding="utf-8")
    fine = briefings / "2022-03-02-repeated.txt"
    fine.write_text(f"---\ntitle: Press Briefing\nteam: &team [Ann, Bob]\nalso: *team\n---\n{TRANSCRIPT}",
                    encoding="utf-8")
    result = _generator("check", "--content", str(tmp_path / "content"))
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    reported = [line for line in output.splitlines() if bad.name in line]
    assert reported == [f"error: {bad}:8: front matter key 'l5': its aliases repeat values until the text stands "
                        "for more than 10,000 values more than it writes; write the values out: "
                        f"'{laughs.splitlines()[5]}'"]
    assert f"{SEED.name}: 39 turns" in output and f"{fine.name}: 3 turns" in output
    assert "2 briefing(s) ok, 1 with errors" in output
