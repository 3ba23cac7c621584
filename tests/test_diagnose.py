"""The check report's hints: spots in a parsed briefing an editor should look at before publishing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.enrich.hints import LONG_TURN_WORDS, findings
from tests.conftest import parse_text


def _messages(text: str) -> list[str]:
    return [str(f) for f in findings(parse_text(text, "2022-01-02-x.txt"))]


def test_capitalised_lead_in_not_taken_as_label() -> None:
    """A title-case lead-in inside a turn (`Bottom Line:`) is reported with file and line."""
    found = _messages("MR. X: One.\n\nBottom Line: we act.\n\nQ Why?\n")
    assert found == ["2022-01-02-x.txt:3: capitalised lead-in not taken as a label: 'Bottom Line'"]


def test_label_used_once_without_a_title() -> None:
    """An all-capitals lead-in taken as a speaker once (`ATTENTION ALL:`) is reported; titled labels are not."""
    found = _messages("MODERATOR: Hi.\n\nATTENTION ALL: the room closes.\n\nMODERATOR: Bye.\n\nMR. X: Once.\n")
    assert found == ["2022-01-02-x.txt:3: label used once: a lead-in taken as a speaker?: 'ATTENTION ALL'"]


def test_speech_after_a_hand_over() -> None:
    """A paragraph after `With that, over to you, Mr. Secretary.` in the same turn lacks a label."""
    found = _messages("STAFF: Welcome.\n\nWith that, over to you, Mr. Secretary.\n\nIt has been a hard week.\n")
    assert found == ["2022-01-02-x.txt:5: speech after a hand-over in the same turn: label missing?: "
                     "'It has been a hard week.'"]


def test_very_long_turn() -> None:
    """A turn over the word limit is reported at its label's line."""
    speech = " ".join(["word"] * (LONG_TURN_WORDS + 1))
    found = _messages(f"MR. X: Hi.\n\nMR. X: {speech}\n")
    assert found == [f"2022-01-02-x.txt:3: very long turn ({LONG_TURN_WORDS + 1} words): a label missed?: 'MR. X'"]


def test_clean_transcript_has_no_findings() -> None:
    """An ordinary exchange gives no hints."""
    assert _messages("MR. X: Hello.\n\nQ Why?\n\nMR. X: Because.\n") == []


def test_check_prints_findings(tmp_path: Path) -> None:
    """`check` prints each briefing's hints under its summary line."""
    briefings = tmp_path / "content" / "briefings"
    briefings.mkdir(parents=True)
    (briefings / "2022-01-02-x.txt").write_text("MR. X: One.\n\nBottom Line: we act.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--content", str(tmp_path / "content")])
    assert result.exit_code == 0, result.output
    assert "2022-01-02-x.txt:3: capitalised lead-in not taken as a label: 'Bottom Line'" in result.output


TOPICS = """topics:
  - id: drugs
    title: Drugs
    strong: [narcotics]

  - id: fentanyl
    title: Fentanyl
    parents: [drugs]
    strong: [fentanyl]

  - id: haiti
    title: Haiti
    strong: [Haiti]
"""


def test_check_lists_topics_without_passages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A topic no paragraph is tagged with is reported at its `id:` line in topics.yml; a parent
    whose child is tagged has passages through it; the report is advice, not an error."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content" / "briefings").mkdir(parents=True)
    (tmp_path / "content" / "topics.yml").write_text(TOPICS, encoding="utf-8")
    (tmp_path / "content" / "briefings" / "2022-01-02-x.txt").write_text(
        "MR. X: Fentanyl kills.\n\nQ And the border?\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--content", "content"])
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if "no passages" in line] == [
        "content/topics.yml:11: topic has no passages: 'haiti'"]
