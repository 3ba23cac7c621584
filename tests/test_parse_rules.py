"""Parser rules, each pinned with a small inline transcript."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import TranscriptError
from tests.conftest import parse_text


def test_unlabelled_paragraphs_continue_the_turn() -> None:
    """A paragraph without a label belongs to the turn above it."""
    b = parse_text("MS PORTER: Good afternoon.\n\nOne announcement.\n\nQUESTION: Hi.\n")
    assert [(t.label, len(t.paragraphs)) for t in b.turns] == [("MS PORTER", 2), ("QUESTION", 1)]


def test_label_forms() -> None:
    """Capitals with periods, accents, NBSP and bare `Q` are labels; sentence lead-ins are not."""
    text = (
        "MR. PRICE:\u00a0 Hello.\n\n"
        "SECURITY SECRETARY RODR\u00cdGUEZ: Gracias.\n\n"
        "Q\u00a0\u00a0\u00a0 Thanks, Ned.\n\n"
        "And here is my point: it matters.\n\n"
        "U.S.: not a label either.\n"
    )
    b = parse_text(text)
    assert [t.label for t in b.turns] == ["MR. PRICE", "SECURITY SECRETARY RODR\u00cdGUEZ", "Q"]
    assert b.turns[2].question and b.turns[2].paragraphs[-1].text == "U.S.: not a label either."


def test_mixed_case_labels_need_a_title_or_repetition() -> None:
    """`Moderator:` is a label; a one-off `Second thing:` lead-in is not."""
    b = parse_text("Moderator: Welcome.\n\nSecond thing: we act.\n\nDeputy Secretary Sherman: Thanks.\n")
    assert [t.label for t in b.turns] == ["Moderator", "Deputy Secretary Sherman"]


def test_via_interpreter_marks_rest_of_turn() -> None:
    """`(Via interpreter)` is taken out of the text and marks that paragraph and the rest of the turn."""
    b = parse_text("MINISTER X: Hello. I'll speak Spanish.\n\n(Via interpreter) Thank you.\n\nMore.\n")
    turn = b.turns[0]
    assert [p.interpreted for p in turn.paragraphs] == [False, True, True]
    assert turn.interpreted and "interpreter" not in turn.text


def test_stage_directions_stay_in_place() -> None:
    """`(Laughter.)` and `(Applause.)` are stage-direction segments at their place in the text."""
    b = parse_text("THE PRESIDENT: We won. (Laughter.) Really.\n\n(Applause.)\n")
    first, second = b.turns[0].paragraphs
    assert [(s.text, s.stage) for s in first.segments] == [
        ("We won.", False), ("(Laughter.)", True), ("Really.", False)]
    assert second.segments[0].stage and second.text == "(Applause.)"


def test_header_junk_dropped() -> None:
    """Web junk above the header and below the end never reaches a turn."""
    b = parse_text(
        "Top Tag\n\nSome Tag Value\n\nJane Doe, Press Secretary\n\nParis, France\n\n"
        "MS. DOE: Hello.\n\nThat is all.\n\nYou may also like\n\nHome About Contact\n\nCopyright 2024\n"
    )
    assert [(p.name, p.role) for p in b.participants] == [("Jane Doe", "Press Secretary")]
    assert b.location == "Paris, France"
    assert b.turns[-1].text == "Hello.\n\nThat is all."
    assert b.turns[0].speaker.name == "Jane Doe"


@pytest.mark.parametrize("marker", ["###", "# # #", "END 3:27 P.M. PST", "(The briefing was concluded at 3:07 p.m.)"])
def test_end_markers(marker: str) -> None:
    """Everything after an end marker is dropped."""
    b = parse_text(f"MR. X: Done.\n\n{marker}\n\nShare this page\n\nMR. X: not part of it.\n")
    assert len(b.turns) == 1 and b.turns[0].text == "Done."


def test_moderator_call_attributes_questions() -> None:
    """A moderator's call names the reporter and outlet for the questions that follow, until the next call."""
    b = parse_text(
        "MR PRICE: We'll start with Tracy Wilkinson of the L.A. Times.\n\nQUESTION: One.\n\n"
        "SECRETARY X: Answer.\n\nQUESTION: Follow-up.\n\n"
        "MR PRICE: Eduard Ribas from EFE.\n\nQUESTION: Two.\n\n"
        "MR PRICE: Next question.\n\nQUESTION: Three.\n"
    )
    reporters = [(t.reporter.name, t.reporter.outlet) if t.reporter else None for t in b.turns if t.question]
    assert reporters == [("Tracy Wilkinson", "L.A. Times"), ("Tracy Wilkinson", "L.A. Times"),
                         ("Eduard Ribas", "EFE"), None]


def test_question_nobody_introduced() -> None:
    """A question with no moderator call stays a plain question."""
    b = parse_text("Q Is it true?\n\nMS. X: Yes.\n")
    assert b.turns[0].question and b.turns[0].reporter is None


def test_date_from_file_name_and_title() -> None:
    """Without front matter the date comes from the file name, else from the title."""
    assert parse_text("MR. X: Hi.\n", "2021-06-04-briefing.txt").date == dt.date(2021, 6, 4)
    b = parse_text("---\ntitle: Department Press Briefing – June 4, 2021\n---\nMR. X: Hi.\n", "briefing.txt")
    assert b.date == dt.date(2021, 6, 4)


def test_missing_date_is_an_error_naming_the_file() -> None:
    """A briefing whose date cannot be found is refused with the file name."""
    with pytest.raises(TranscriptError, match=r"^notes\.txt:1: no date found"):
        parse_text("MR. X: Hi.\n", "notes.txt")


def test_no_labels_is_not_a_transcript() -> None:
    """Text with no speaker label is refused, never published as a one-turn briefing."""
    with pytest.raises(TranscriptError, match="no speaker labels"):
        parse_text("Just some prose.\n\nAnd more prose.\n")


def test_hard_wrapped_lines_are_joined() -> None:
    """Lines wrapped mid-sentence form one paragraph."""
    b = parse_text("MR. X: This sentence was wrapped by an editor at seventy\ncolumns and goes on.\n")
    assert b.turns[0].paragraphs[0].text.endswith("seventy columns and goes on.")
