"""Parser rules, each pinned with a small inline transcript."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import TranscriptError
from generator.model import Reporter
from generator.read.calls import sentences
from generator.read.introductions import title_people
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
    for mark in ("(As translated.)", "(Via intrerpreter)", "(Through an interpreter.)"):  # 2009's form, a typo as printed
        other = parse_text(f"PRESIDENT MEDVEDEV: {mark} Distinguished ladies and gentlemen.\n\nMore.\n")
        assert [p.interpreted for p in other.turns[0].paragraphs] == [True, True], mark
    assert not parse_text("MR. X: (Via Internet) Hello.\n").turns[0].interpreted


def test_stage_directions_stay_in_place() -> None:
    """`(Laughter.)` and `(Applause.)` are stage-direction segments at their place in the text; so are several in one
    (`(Laughter, cross talk.)`) and the Defense Department's `(Edited)`."""
    b = parse_text("THE PRESIDENT: We won. (Laughter.) Really.\n\n(Applause.)\n")
    first, second = b.turns[0].paragraphs
    assert [(s.text, s.stage) for s in first.segments] == [
        ("We won.", False), ("(Laughter.)", True), ("Really.", False)]
    assert second.segments[0].stage and second.text == "(Applause.)"
    several = parse_text("MR. MORRELL: Lita.\n\nQ Oh, okay. (Laughter, cross talk.)\n\nSTAFF: (Edited) We will.\n")
    assert [[(s.text, s.stage) for s in t.paragraphs[0].segments] for t in several.turns[1:]] == [
        [("Oh, okay.", False), ("(Laughter, cross talk.)", True)], [("(Edited)", True), ("We will.", False)]]


@pytest.mark.parametrize("heading", ["Question and Answer", "Questions and Answers", "Q&A", "Opening Remarks:",
                                     "Questions from the press"])
def test_a_section_heading_between_turns_is_a_mark_not_speech(heading: str) -> None:
    """Japan's foreign ministry and the UN print `Question and Answer` between the spokesperson's announcements
    and the first question: the editor's heading, kept in place as a mark, not as the spokesperson's words; a
    sentence saying the words stays speech."""
    b = parse_text(f"MS. DOE: Good afternoon.\n\n{heading}\n\nQUESTION: On China?\n\n"
                   "MS. DOE: We will now take questions and answers from the floor.\n")
    opening, question, answer = b.turns
    assert [[(s.text, s.stage) for s in p.segments] for p in opening.paragraphs] == [
        [("Good afternoon.", False)], [(heading, True)]]
    assert question.question and not answer.paragraphs[0].segments[0].stage


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
        "MR PRICE: We'll start with Tracy Wilkinson of the L.A. Times.\n\nQUESTION: Is the deal final?\n\n"
        "SECRETARY X: It is final.\n\nQUESTION: Follow-up.\n\n"
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


def test_unreadable_front_matter_date_is_an_error_at_its_line() -> None:
    """A front matter `date` that names no day is refused at its own line, with its value."""
    with pytest.raises(TranscriptError) as caught:
        parse_text("---\ntitle: Press Briefing\nsource_url: https://example.gov/x\ndate: next Tuesday\n---\nMR. X: Hi.\n",
                   "notes.txt")
    assert str(caught.value) == ("notes.txt:4: front matter date is not a date (use YYYY-MM-DD): 'next Tuesday'")


def test_no_labels_is_not_a_transcript() -> None:
    """Text with no speaker label is refused, never published as a one-turn briefing."""
    with pytest.raises(TranscriptError, match="no speaker labels"):
        parse_text("Just some prose.\n\nAnd more prose.\n")


def test_hard_wrapped_lines_are_joined() -> None:
    """Lines wrapped mid-sentence form one paragraph."""
    b = parse_text("MR. X: This sentence was wrapped by an editor at seventy\ncolumns and goes on.\n")
    assert b.turns[0].paragraphs[0].text.endswith("seventy columns and goes on.")


def test_wrapped_paragraphs_between_blank_lines_end_only_at_a_blank_line() -> None:
    """pandoc's Markdown of the White House's pages (the scale corpus as published) wraps paragraphs at 72 columns
    between blank lines: a wrapped line that happens to end a sentence goes on (`… mask up for 100 days.` / `He's
    doing his part …`), a sentence closed by two spaces (Markdown's hard line break) ends its paragraph, and a
    label still opens a turn. Lines of a text without blank lines keep the old reading."""
    text = ("MS. PSAKI:  To combat the deadly virus, the President launched his 100 Day Masking\n"
            "Challenge, asking Americans to do their part and mask up for 100 days. \n"
            "He’s doing his part, as well, issuing a mask mandate that will require\n"
            "anyone visiting a federal building to wear a mask.\n\n"
            "That has long been his commitment and desire through his many decades in\n"
            "public service.  So his own history tells you how committed he is.   \n"
            "But, you know, part of it is his words, which he shared today with the\n"
            "American public.\n\n"
            "Q    Thanks, Jen. One question about your role and how you would handle it\n"
            "going forward with the press corps in the room.\n")
    b = parse_text(text)
    assert [[p.text[:30] for p in t.paragraphs] for t in b.turns] == [
        ["To combat the deadly virus, th", "That has long been his commitm", "But, you know, part of it is h"],
        ["Thanks, Jen. One question abou"]]
    assert b.turns[0].paragraphs[0].text.endswith("for 100 days. He’s doing his part, as well, issuing a mask mandate "
                                                  "that will require anyone visiting a federal building to wear a mask.")


def test_bare_q_in_a_row() -> None:
    """`Q` plus spaces or NBSPs, no colon, opens a question turn, several in a row included."""
    b = parse_text("MS. PSAKI:\u00a0 Go ahead.\n\nQ\u00a0\u00a0\u00a0 One?\n\nQ    Two?\n\nMS. PSAKI: Yes.\n")
    assert [(t.label, t.question) for t in b.turns] == [
        ("MS. PSAKI", False), ("Q", True), ("Q", True), ("MS. PSAKI", False)]


def test_nbsp_indentation_and_after_colon() -> None:
    """NBSP indentation before a label and NBSPs after its colon change nothing."""
    b = parse_text("\u00a0\u00a0\u00a0\u00a0 MS. LEAVITT:\u00a0 Hello.\n\u00a0 \n\u00a0\u00a0\u00a0\u00a0 Q\u00a0\u00a0\u00a0 Hi.\n")
    assert [(t.label, t.text) for t in b.turns] == [("MS. LEAVITT", "Hello."), ("Q", "Hi.")]


def test_label_forms_of_one_person_share_a_speaker() -> None:
    """`MR PRICE`, `MR. PRICE` and `Mr. PRICE` are one speaker; labels stay as printed."""
    b = parse_text("MR PRICE: One.\n\nQUESTION: Q.\n\nMR. PRICE: Two.\n\nMr. PRICE: Three.\n")
    assert [t.label for t in b.turns] == ["MR PRICE", "QUESTION", "MR. PRICE", "Mr. PRICE"]
    assert len({t.speaker.id for t in b.turns if not t.question}) == 1


def test_misspelt_label_is_the_frequent_one() -> None:
    """A label one misspelt word away from a more frequent one (`HE PRESIDENT`) is that speaker."""
    b = parse_text("THE PRESIDENT: A.\n\nQ B?\n\nTHE PRESIDENT: C.\n\nQ D?\n\nHE PRESIDENT: E.\n")
    assert b.turns[-1].label == "HE PRESIDENT"
    assert b.turns[-1].speaker == b.turns[0].speaker


def test_an_honorific_label_followed_by_a_surname_label_is_one_label() -> None:
    """`MR: ZIENTS: So …` (a colon typed for the dot) is MR. ZIENTS saying `So …`; `MR: Fine.` stays as printed."""
    b = parse_text("MR. X: Go ahead.\n\nQ Is it lifted?\n\nMR: ZIENTS: So we are going to continue.\n\nMR: Fine.\n")
    assert [(t.label, t.text) for t in b.turns][2:] == [("MR. ZIENTS", "So we are going to continue."), ("MR", "Fine.")]


def test_distinct_people_never_merge() -> None:
    """Titles alone, one-word labels and numbered officials stay apart, however alike they look."""
    b = parse_text(
        "THE PRESIDENT: A.\n\nTHE VICE PRESIDENT: B.\n\nMODERATOR: C.\n\nOPERATOR: D.\n\n"
        "SENIOR OFFICIAL ONE: E.\n\nSENIOR OFFICIAL TWO: F.\n\nMODERATOR: G.\n\nTHE PRESIDENT: H.\n"
    )
    assert len({t.speaker.id for t in b.turns}) == 6
    numbered = parse_text("SENIOR OFFICIAL NUMBER ONE: A.\n\nSENIOR OFFICIAL TWO: B.\n\nSENIOR OFFICIAL ONE: C.\n")
    assert [t.speaker.id for t in numbered.turns][0] == [t.speaker.id for t in numbered.turns][2] \
        != numbered.turns[1].speaker.id  # `NUMBER ONE` is `ONE` as printed elsewhere


def test_rank_and_name_then_short_form() -> None:
    """`MAJOR GENERAL PAT RYDER:` then `GEN. RYDER:` is one speaker, named by the fuller label."""
    b = parse_text("MAJOR GENERAL PAT RYDER: Good afternoon.\n\nGEN. RYDER: The meeting.\n\nQ Sir?\n")
    assert b.turns[0].speaker == b.turns[1].speaker
    assert b.turns[1].speaker.name in ("MAJOR GENERAL PAT RYDER", "Pat Ryder")


def test_title_word_anywhere_in_mixed_case_label() -> None:
    """`Peter Stano, Moderator:` is a label: a title word anywhere in a title-case lead-in."""
    b = parse_text("Peter Stano, Moderator: Dear colleagues.\n\nSecretary General Sannino: Thank you.\n")
    assert [t.label for t in b.turns] == ["Peter Stano, Moderator", "Secretary General Sannino"]


def test_outlet_labels() -> None:
    """An outlet is a label when the line before names it or it recurs; a one-off lead-in is not."""
    b = parse_text(
        "Moderator: First question, Agence Europe, Lea Marchal.\n\nAgence Europe: Thank you.\n\n"
        "Moderator: Next.\n\nPolitico: One.\n\nDeputy Secretary Sherman: Yes.\n\nPolitico: Two.\n\n"
        "Deputy Secretary Sherman: Bottom Line: no.\n\nBottom Line: still no.\n"
    )
    assert [t.label for t in b.turns] == [
        "Moderator", "Agence Europe", "Moderator", "Politico", "Deputy Secretary Sherman", "Politico",
        "Deputy Secretary Sherman"]


def test_us_at_paragraph_start_is_not_a_label() -> None:
    """`U.S.:` opening a paragraph is text, not a speaker."""
    b = parse_text("MR PRICE: Two points.\n\nU.S.: we act.\n")
    assert len(b.turns) == 1 and b.turns[0].paragraphs[1].text == "U.S.: we act."


def test_interpreter_is_a_speaker_and_as_interpreted_marks() -> None:
    """`INTERPRETER:` is a speaker of its own; `(As interpreted.)` marks and leaves the text."""
    b = parse_text("PRIME MINISTER MODI: (As interpreted.) Thank you.\n\nINTERPRETER: Sorry, one more.\n")
    assert [t.label for t in b.turns] == ["PRIME MINISTER MODI", "INTERPRETER"]
    assert b.turns[0].interpreted and b.turns[0].text == "Thank you."
    assert not b.turns[1].question and not b.turns[1].interpreted


def test_language_switch_is_a_stage_direction() -> None:
    """`(In French.)` and `(In Japanese and Korean.)` are stage directions in place."""
    b = parse_text("MINISTER X: (In French.) Merci.\n\n(In Japanese and Korean.)\n")
    first, second = b.turns[0].paragraphs
    assert [(s.text, s.stage) for s in first.segments] == [("(In French.)", True), ("Merci.", False)]
    assert second.segments[0].stage


def test_redaction_is_a_segment() -> None:
    """`[senior administration official]` stays in the text as a redaction segment, not speech."""
    b = parse_text("MODERATOR: Over to [senior administration official] now. [sic]\n")
    segments = b.turns[0].paragraphs[0].segments
    assert [(s.text, s.redaction) for s in segments] == [
        ("Over to", False), ("[senior administration official]", True), ("now. [sic]", False)]
    assert b.turns[0].text == "Over to [senior administration official] now. [sic]"


def test_time_lines_start_and_end() -> None:
    """The time line above the first turn is the start time (zone apart); the one after `END` the end."""
    b = parse_text("4:06 P.M. EDT\n\nMODERATOR: Hi.\n\n4:35 P.M. EDT\n")
    assert (b.time, b.extra["time_zone"], b.extra["end_time"]) == ("4:06 P.M. EDT", "EDT", "4:35 P.M. EDT")
    b = parse_text("MR. X: Bye.\n\nEND\n\n8:01 P.M. EDT\n\nMR. X: not part of it.\n")
    assert b.extra["end_time"] == "8:01 P.M. EDT" and len(b.turns) == 1


def test_whole_page_header() -> None:
    """A saved page's title line is the title; navigation above the header block is junk."""
    b = parse_text(
        "Skip to content\n\nWhite House Logo\n\nEconomy\n\nPress Briefings\n\n"
        "Remarks by President Trump in Press Briefing\n\nIssued on: March 24, 2020\n\nShare:\n\n"
        "All News\n\nJames S. Brady Press Briefing Room\n\nMarch 23, 2020\n\n6:11 P.M. EDT\n\n"
        "THE PRESIDENT: Thank you.\n\nEND\n\nContact\n\nType Your Search\n", "saved.txt")
    assert b.title == "Remarks by President Trump in Press Briefing"
    assert b.date == dt.date(2020, 3, 23) and b.kind == "press briefing"
    assert (b.venue, b.time, b.participants) == ("James S. Brady Press Briefing Room", "6:11 P.M. EDT", ())


def test_date_preference() -> None:
    """Dates: front matter, then title or body, then the file name, then a publication stamp, then any date the
    header writes."""
    text = "Issued on: May 2, 2021\n\nMS. X: Hi.\n"
    assert parse_text(text, "notes.txt").date == dt.date(2021, 5, 2)
    assert parse_text(text, "wh-2021-05-01-notes.txt").date == dt.date(2021, 5, 1)
    assert parse_text("April 30, 2021\n\n" + text, "wh-2021-05-01-notes.txt").date == dt.date(2021, 4, 30)
    # last, the first date the header writes in a line of other words, or across two lines
    presenter = "Presenter: Pentagon Press Secretary Peter Cook September 8, 2015\n\nMR. COOK: Hi.\n"
    assert parse_text(presenter, "notes.txt").date == dt.date(2015, 9, 8)
    assert parse_text(presenter, "2015-09-09-notes.txt").date == dt.date(2015, 9, 9)
    wrapped = "delivered 28\nJanuary 2025, White House, Washington, D.C.\nMS. LEAVITT: Good afternoon.\n"
    assert parse_text(wrapped, "notes.txt").date == dt.date(2025, 1, 28)


@pytest.mark.parametrize(("line", "date"), [
    ("Jan. 24, 2022", dt.date(2022, 1, 24)),
    ("Sept. 5, 2023", dt.date(2023, 9, 5)),
    ("Dec 1, 2021", dt.date(2021, 12, 1)),
    ("March 3rd, 2022", dt.date(2022, 3, 3)),
    ("13 October 2022", dt.date(2022, 10, 13)),
])
def test_a_date_written_in_any_house_style(line: str, date: dt.date) -> None:
    """A Defense briefing's `Jan. 24, 2022` under its title, a European `13 October 2022`: the date."""
    text = f"Pentagon Press Secretary John F. Kirby Holds a Press Briefing\n\n{line}\n\nPress Secretary John F. Kirby\n\n" \
           "PRESS SECRETARY JOHN F. KIRBY: Good afternoon.\n\nQ: Thank you, John.\n\nMR. KIRBY: Yes.\n"
    b = parse_text(text, "defense-briefing.txt")
    assert b.date == date and b.participants[0].name == "John F. Kirby"
    assert [t.speaker.name for t in b.turns if not t.question] == ["John F. Kirby"] * 2


def test_a_name_with_a_suffix_after_a_comma_is_its_labels_person() -> None:
    """`Gen. CQ Brown, Jr.` in the title: the long label with the suffix and the short `GEN. BROWN` are him (the
    comma before `Jr.` made his family name `brown,`, which no label matched)."""
    b = parse_text("Secretary of Defense Lloyd J. Austin III and Chairman of the Joint Chiefs of Staff Gen. CQ Brown, Jr. "
                   "Hold a Press Conference\n\nJan. 9, 2024\n\nSECRETARY OF DEFENSE LLOYD J. AUSTIN III:  Good "
                   "afternoon.\n\nCHAIRMAN OF THE JOINT CHIEFS OF STAFF GENERAL CQ BROWN, JR.:  Thank you.\n\n"
                   "Q:  A question?\n\nSEC. AUSTIN:  Yes.\n\nGEN. BROWN:  Let me add.\n", "2024-01-09.txt")
    assert [t.speaker.name for t in b.turns if not t.question] == [
        "Lloyd J. Austin III", "CQ Brown, Jr.", "Lloyd J. Austin III", "CQ Brown, Jr."]


def test_participants_separated_by_semicolons_and_their_short_labels() -> None:
    """A Defense header lists its people on one line, separated by semicolons, ranks before names; `SEC.
    AUSTIN` and `GEN. MILLEY` are the people the long labels and that line name (a suffix `III` aside)."""
    b = parse_text("Secretary Austin and General Milley Hold a Press Conference\n\nApril 21, 2023\n\n"
                   "Secretary of Defense Lloyd J. Austin III; Chairman of the Joint Chiefs of Staff Gen. Mark A. Milley\n\n"
                   "SECRETARY OF DEFENSE LLOYD J. AUSTIN III: Good afternoon.\n\nGENERAL MARK A. MILLEY: Thank you.\n\n"
                   "Q: A question?\n\nSEC. AUSTIN: Yes.\n\nGEN. MILLEY: No.\n", "defense-conference.txt")
    assert b.date == dt.date(2023, 4, 21)
    assert [(p.name, p.role) for p in b.participants] == [("Lloyd J. Austin III", "Secretary of Defense"),
                                                         ("Mark A. Milley", "Chairman of the Joint Chiefs of Staff")]
    assert [t.speaker.name for t in b.turns if not t.question] == ["Lloyd J. Austin III", "Mark A. Milley"] * 2
    named_in_text = parse_text("Secretary Austin Holds a Press Conference\n\nApril 21, 2023\n\nSecretary of Defense Lloyd J. "
                               "Austin III\n\nSEC. AUSTIN: As Lloyd Austin, I lead the department.\n\nQ: One?\n\nSEC. AUSTIN: Yes.\n",
                               "defense-conference.txt")
    assert {t.speaker.name for t in named_in_text.turns if not t.question} == {"Lloyd J. Austin III"}
    ryder = parse_text("Pentagon Press Secretary Air Force Brig. Gen. Pat Ryder Holds a Press Briefing\n\nNov. 17, 2022\n\n"
                       "Air Force Brig. Gen. Pat Ryder, Pentagon Press Secretary\n\nBRIGADIER GENERAL PAT RYDER: Hello.\n\n"
                       "Q: One?\n\nGEN. RYDER: Yes.\n", "defense-briefing.txt")
    assert [(p.name, p.role) for p in ryder.participants] == [("Pat Ryder", "Pentagon Press Secretary")]
    assert {t.speaker.name for t in ryder.turns if not t.question} == {"Pat Ryder"}


def test_presenter_lines_name_the_briefers_wherever_they_stand_in_the_header() -> None:
    """defense.gov's `Presenter:` line (the page's date run onto it when its lines were joined), `Presenters: … and
    …`, `(Also participating was …)` with no role word, a date line with its weekday and time, a second date line
    above (the posting stamp) kept out of the date, a name's `Jr.` after its comma: the surname label is the
    presenter."""
    b = parse_text("Press Operations Bookmark and Share\n\nSecretary Rumsfeld Media Availability at the Pentagon\n\n"
                   "Presenter: Secretary of Defense Donald H. Rumsfeld September 07, 2001 11:10 PM EDT\n\n"
                   "Thursday, September 6, 2001 11:10 a.m. EDT\n\n"
                   "(Also participating was Gen. Tommy Franks, Command, U.S. Central Command.)\n\n"
                   "Rumsfeld: Good afternoon.\n\nQ: Mr. Secretary?\n\nRumsfeld: Yes.\n", "rumsfeld.txt")
    assert [(p.name, p.role) for p in b.participants] == [("Donald H. Rumsfeld", "Secretary of Defense"),
                                                         ("Tommy Franks", "Command, U.S. Central Command")]
    assert (b.date, b.time) == (dt.date(2001, 9, 6), "11:10 a.m. EDT")
    assert {(t.speaker.name, t.speaker.role) for t in b.turns if not t.question} == {
        ("Donald H. Rumsfeld", "Secretary of Defense")}
    two = parse_text("Media Availability with Secretary Hagel\n\nPresenters: Secretary of Defense Chuck Hagel and Press "
                     "Secretary George Little\n\nSeptember 29, 2013\n\nSECRETARY HAGEL: Good afternoon.\n\n"
                     "MR. LITTLE: Questions.\n", "hagel.txt")
    assert [(p.name, p.role) for p in two.participants] == [("Chuck Hagel", "Secretary of Defense"),
                                                           ("George Little", "Press Secretary")]
    nobody = parse_text("DoD Background Briefing\n\nPresenters: Senior Defense Official and Senior Military Official\n\n"
                        "April 23, 2009\n\nSTAFF: Good morning.\n", "background.txt")
    assert nobody.participants == ()
    junior = parse_text("April 2, 2019\n\nJonathan R. Hoffman, Assistant to the Secretary of Defense for Public Affairs; "
                        "Rear Admiral William D. Byrne, Jr., Vice Director, Joint Staff\n\nMR. HOFFMAN: Hey.\n", "b.txt")
    assert [p.name for p in junior.participants] == ["Jonathan R. Hoffman", "William D. Byrne Jr."]


def test_a_heading_in_title_case_over_the_date_is_the_title() -> None:
    """A line in title case right above the date, naming no kind of event, is the title (state.gov's `Senior State
    Department Officials on the Situation in Iraq`), not a participant `Iraq`."""
    b = parse_text("Senior State Department Officials on the Situation in Iraq\n\nJanuary 3, 2020\n\n"
                   "MODERATOR: Go ahead.\n\nSENIOR STATE DEPARTMENT OFFICIAL ONE: We did.\n", "iraq.txt")
    assert (b.title, b.participants) == ("Senior State Department Officials on the Situation in Iraq", ())
    quoted = parse_text('Transcript of "Pen & Pad Session" with Secretary Napolitano\n\nRelease Date: March 20, 2009\n\n'
                        "Washington, D.C.\n\nModerator: Good afternoon.\n\nSecretary Napolitano: Thanks, Sean.\n", "dhs.txt")
    assert (quoted.title, quoted.participants) == ('Transcript of "Pen & Pad Session" with Secretary Napolitano', ())
    room = parse_text("Official websites use .gov\n\nDepartment of Defense Press Briefing by Pentagon Press Secretary Peter "
                      "Cook in the Pentagon Briefing Room\n\nPETER COOK: Good afternoon.\n\nQ: Peter?\n\nMR. COOK: Bob.\n",
                      "2016-09-15-dod.txt")
    assert room.title.startswith("Department of Defense Press Briefing by")
    assert {(t.speaker.name, t.speaker.role) for t in room.turns if not t.question} == {
        ("Peter Cook", "Pentagon Press Secretary")}


def test_state_department_briefer_over_the_kind_of_briefing_and_an_index_of_subjects() -> None:
    """state.gov 2009–2017: the briefer's name alone (or over a line with the role) over `Daily Press Briefing` (the
    kind, no venue), the place and the date; an index of the day's subjects between that block and the first turn; a line naming a show
    `with Stephen Colbert` is no participant."""
    b = parse_text("Daily Press Briefing - February 1, 2012\n\nVictoria Nuland\nDaily Press Briefing\nWashington, DC\n"
                   "February 1, 2012\n\n12:33 p.m. EST\n\nMS. NULAND: Afternoon, everybody.\n\nQUESTION: Hi.\n", "dpb.txt")
    assert ([(p.name, p.role) for p in b.participants], b.venue, b.location, b.time) == (
        [("Victoria Nuland", "")], "", "Washington, DC", "12:33 p.m. EST")
    assert b.turns[0].speaker.name == "Victoria Nuland"
    role_under = parse_text("Marie Harf\nDeputy Spokesperson\nDaily Press Briefing\nWashington, DC\nAugust 29, 2013\n\n"
                            "MS. HARF: Good afternoon.\n\nQUESTION: Hi.\n", "dpb.txt")
    assert ([(p.name, p.role) for p in role_under.participants], role_under.location) == (
        [("Marie Harf", "Deputy Spokesperson")], "Washington, DC")
    assert (role_under.turns[0].speaker.name, role_under.turns[0].speaker.role) == ("Marie Harf", "Deputy Spokesperson")
    indexed = parse_text("Home Issues & Press Travel & Business\n\nDaily Press Briefing\n\nSean McCormack, Spokesman\n\n"
                         "Washington, DC\n\nJanuary 9, 2009\n\nEgyptian Mediation Efforts / Efforts of Secretary Rice\n\n"
                         "Stopping Rocket Attacks into Israel\n\nView Video\n\n12:08 p.m. EST\n\n"
                         "MR. MCCORMACK: Good afternoon.\n\nQUESTION: I'll start.\n", "dpb.txt")
    assert ([(p.name, p.role) for p in indexed.participants], indexed.date, indexed.time) == (
        [("Sean McCormack", "Spokesman")], dt.date(2009, 1, 9), "12:08 p.m. EST")
    assert indexed.turns[0].speaker.name == "Sean McCormack"
    show = parse_text("USAID Administrator Samantha Power on The Late Show with Stephen Colbert\n\nSpeeches Shim\n\n"
                      "Friday, June 11, 2021\n\nJune 10, 2021\n\nMR. COLBERT: Welcome.\n\nADMINISTRATOR POWER: Thanks.\n",
                      "show.txt")
    assert (show.participants, show.venue, show.date) == ((), "", dt.date(2021, 6, 10))
    buttons = parse_text("Press Operations Bookmark and Share\n\nNews Transcript\n\nMedia Availability with Secretary Hagel"
                         "\n\nPresenter: Secretary of Defense Chuck Hagel\n\nMay 29, 2014\n\nSECRETARY HAGEL: Thanks.\n",
                         "hagel.txt")
    assert (buttons.venue, [p.name for p in buttons.participants]) == ("", ["Chuck Hagel"])


def test_a_title_naming_its_briefer_by_name_alone() -> None:
    """The White House of 2001–2008 named the briefer after `by` without a role (`Press Gaggle by Dana Perino`): the
    surname label is that person; `Remarks by President Biden` and `… by Senior Administration Officials` name
    nobody so, and `with` (an interviewer) does not either."""
    b = parse_text("For Immediate Release\n\nMay 29, 2008\n\nPress Gaggle by Dana Perino\n\nAboard Air Force One\n\n"
                   "12:02 P.M. EDT\n\nMS. PERINO: Good morning.\n\nQ Dana?\n\nMS. PERINO: Yes.\n", "gaggle.txt")
    assert {(t.speaker.name, t.speaker.kind) for t in b.turns if not t.question} == {("Dana Perino", "official")}
    for title in ("Remarks by President Biden", "Background Briefing by Senior Administration Officials",
                  "Interview with Stephen Colbert"):
        assert title_people(title) == [], title


def test_the_hosts_introduction_gives_the_speakers_roles() -> None:
    """`With us today we have National Security Advisor to the Vice President Tony Blinken. We have … Rashad Hussain
    and Deputy National Security Advisor … Michael Froman.`: each speaker named so has that role."""
    b = parse_text("MS. BARKOFF: Thanks for joining. With us today we have National Security Advisor to the Vice President "
                   "Tony Blinken. We have United States Special Envoy to the Organization for Islamic Cooperation Rashad "
                   "Hussain and Deputy National Security Advisor for International Economic Affairs Michael Froman.\n\n"
                   "MR. BLINKEN: Kendra, thanks.\n\nQ Hi.\n\nMR. FROMAN: Well.\n\nMR. HUSSAIN: Sure.\n", "2011-11-28-call.txt")
    assert [(t.speaker.name, t.speaker.role) for t in b.turns if t.label.startswith("MR.")] == [
        ("Tony Blinken", "National Security Advisor to the Vice President"),
        ("Michael Froman", "Deputy National Security Advisor for International Economic Affairs"),
        ("Rashad Hussain", "United States Special Envoy to the Organization for Islamic Cooperation")]


def test_a_press_call_is_a_press_briefing_unless_on_background() -> None:
    """`Press Call on the U.S.-ASEAN Summit` is a press briefing by phone, though its host mentions a press conference;
    a press call whose questions are on background is a background call."""
    call = parse_text("---\ntitle: Press Call on the U.S.-ASEAN Summit\n---\nMR. PRICE: Thanks for joining. The leaders "
                      "hold a press conference tomorrow.\n\nMR. RHODES: Great, thanks.\n", "2016-02-10-call.txt")
    assert call.kind == "press briefing"
    background = parse_text("---\ntitle: Press Call by Senior Administration Officials\n---\nMODERATOR: This call will "
                            "be on background.\n\nSENIOR ADMINISTRATION OFFICIAL: Thanks.\n", "2024-12-19-call.txt")
    assert background.kind.startswith("background")


def test_natos_date_line_above_its_last_updated_stamp_and_background_as_a_figure_of_speech() -> None:
    """NATO's page: `• 27 Jun. 2019 -`, `• |`, `• Last updated: 29 Aug. 2019 10:22`: the date is the first, the stamp
    only a last resort; `what is going on in the background` in an opening turn makes no background call."""
    b = parse_text("Conversation with NATO Secretary General Jens Stoltenberg at the Brussels Forum\n\n• 27 Jun. 2019 -\n"
                   "• |\n• Last updated: 29 Aug. 2019 10:22\n\n(As delivered)\n\nMODERATOR: Welcome. We all know what "
                   "is going on in the background.\n\nSECRETARY GENERAL: Thank you.\n", "notes.txt")
    assert (b.date, b.kind) == (dt.date(2019, 6, 27), "")


def test_a_reporters_words_say_nothing_of_the_kind_of_event() -> None:
    """`In his recent interview, he said …` in the first question: the briefing is no interview (a reporter's `We
    appreciate this interview` says what it is: `test_venue_under_place_and_untitled_title`)."""
    b = parse_text("November 16, 2022\n\nQUESTION: Thank you. In his recent interview, he said he no longer blamed "
                   "the U.S.\n\nMR PATEL: We have nothing to add.\n", "notes.txt")
    assert b.kind == ""


def test_capitals_participants_swapped_titles_and_kinds_of_older_pages() -> None:
    """The White House of 2009: `PRESS SECRETARY ROBERT GIBBS` in capitals is Robert Gibbs, Press Secretary; a JPA
    with remarks in its title is a press availability; `GENERAL SECRETARY STOLTENBERG` is the `SECRETARY GENERAL
    STOLTENBERG` of the other turns; a briefing the title gives to unnamed senior officials is on background."""
    gibbs = parse_text("Briefing by White House Press Secretary Robert Gibbs, 7-30-09\n\nPRESS BRIEFING\n\nBY\n\n"
                       "PRESS SECRETARY ROBERT GIBBS\n\nJames S. Brady Press Briefing Room\n\n"
                       "1:59 P.M. EDT\n\nMR. GIBBS: Nice.\n", "2009-07-30-gibbs.txt")
    assert ([(p.name, p.role) for p in gibbs.participants], gibbs.turns[0].speaker.name) == (
        [("Robert Gibbs", "Press Secretary")], "Robert Gibbs")
    jpa = parse_text("---\ntitle: Remarks by the Vice President and NATO Secretary General Stoltenberg at a JPA\n---\n"
                     "SECRETARY GENERAL STOLTENBERG: Welcome.\n\nTHE VICE PRESIDENT: Thank you.\n\nQ One?\n\n"
                     "SECRETARY GENERAL STOLTENBERG: Yes.\n\nGENERAL SECRETARY STOLTENBERG: And no.\n", "2017-02-20-jpa.txt")
    assert jpa.kind == "press availability"
    assert len({t.speaker.id for t in jpa.turns if "STOLTENBERG" in t.label}) == 1
    sao = parse_text("---\ntitle: Briefing with Senior Administration Officials Previewing Travel to China\n---\n"
                     "MODERATOR: Thanks.\n\nSENIOR ADMINISTRATION OFFICIAL ONE: Hi.\n", "2021-07-24-sao.txt")
    assert sao.kind == "background briefing"


def test_capital_title_is_mended() -> None:
    """A title printed in capitals is given title case, small words lower."""
    b = parse_text("REMARKS BY PRESIDENT TRUMP AND PRIME MINISTER MODI IN JOINT PRESS CONFERENCE\n\n"
                   "East Room\n\nPRESIDENT TRUMP: Thank you.\n")
    assert b.title == "Remarks by President Trump and Prime Minister Modi in Joint Press Conference"
    assert (b.venue, b.kind) == ("East Room", "press conference")


def test_a_capital_title_over_several_lines_is_one_title() -> None:
    """The White House of 2009–2016: the title in capitals over several lines, each going on with `BY`/`AND`;
    the issuing office is no venue, the release stamp a date; the venue above the place; a `(Local)` time."""
    b = parse_text("THE WHITE HOUSE\n\nOffice of the Press Secretary\n\n_______________\n\n"
                   "For Immediate Release                    July 6, 2009\n\n PRESS CONFERENCE\n\nBY PRESIDENT OBAMA\n\n"
                   "AND PRESIDENT MEDVEDEV OF RUSSIA\n\nThe Kremlin\n\nMoscow, Russia\n\n7:21 P.M. (Local)\n\n"
                   "PRESIDENT MEDVEDEV:  (As translated.)  Distinguished ladies and gentlemen.\n\n"
                   "PRESIDENT OBAMA:  Good afternoon, everybody.\n", path="obama-medvedev.txt")
    assert b.title == "Press Conference by President Obama and President Medvedev of Russia"
    assert (b.date, b.kind, b.venue, b.location, b.time) == (
        dt.date(2009, 7, 6), "press conference", "The Kremlin", "Moscow, Russia", "7:21 P.M. (Local)")
    assert [t.label for t in b.turns] == ["PRESIDENT MEDVEDEV", "PRESIDENT OBAMA"]
    call = parse_text("April 25, 2013\n\nFor Immediate Release\n\nBackground Conference Call by White House Official on "
                      "Syria\n\nThe White House\n\nOffice of the Press Secretary\n\nVia Telephone\n\n1:23 P.M. EDT\n\n"
                      "MS. HAYDEN:  Hi, guys.\n\nWHITE HOUSE OFFICIAL:  Thanks, Caitlin.\n")
    assert (call.title, call.participants, call.venue) == (
        "Background Conference Call by White House Official on Syria", (), "Via Telephone")


def test_a_heading_with_its_date_after_a_colon_is_no_turn() -> None:
    """`DoD Newsbriefing: Tuesday, March 5, 2002`, printed twice over a republished page: no speaker `DoD
    Newsbriefing`; the surnames that speak twice (`Clarke:`, `Rosa:`) are the labels."""
    b = parse_text("DoD Newsbriefing: Tuesday, March 5, 2002\n\nDoD Newsbriefing: Tuesday, March 5, 2002\n\n"
                   "Clarke: Good afternoon.\n\nRosa: Thank you, Ms. Clarke.\n\nQ: Can you say more?\n\n"
                   "Clarke: No.\n\nQ: General?\n\nRosa: Yes.\n", "briefing.txt")
    assert (b.date, [t.label for t in b.turns]) == (dt.date(2002, 3, 5), ["Clarke", "Rosa", "Q", "Clarke", "Q", "Rosa"])


def test_a_heading_with_a_colon_above_the_date_is_the_title_not_a_turn() -> None:
    """CDC's `SARS: Genetic Sequencing of Coronavirus` above `April 14, 2003`: no turn of a speaker `SARS`; a link's
    words (`Webcast of the press briefing`) are no title, and a long title line still is one."""
    b = parse_text("CDC Telebriefing Transcript\n\nSARS: Genetic Sequencing of Coronavirus\n\nApril 14, 2003\n\n"
                   "DR. GERBERDING: On March 14, CDC activated the Emergency Operation Center.\n\n"
                   "DR. GERBERDING: Today we are aware of almost 3,000 cases.\n", path="sars.txt")
    assert (b.title, b.date, [t.label for t in b.turns]) == (
        "SARS: Genetic Sequencing of Coronavirus", dt.date(2003, 4, 14), ["DR. GERBERDING", "DR. GERBERDING"])
    assert b.kind == "press briefing"  # `CDC Telebriefing Transcript` just above, when the title names no kind
    call = parse_text("---\ntitle: On-the-Record Press Call by OMB Director Shalanda Young\n---\nMODERATOR: Hi, all. "
                      "The questions will be on background.\n\nMS. YOUNG: Thanks.\n")
    assert call.kind == "press briefing"  # on the record, whatever the questions after
    long = ("Transcript of a Press Conference on the 2008 U.S. Article IV Concluding Mission Statement, By First Deputy "
            "Managing Director John Lipsky with Anoop Singh, Director, Western Hemisphere Department, Ranjit Teja, "
            "Deputy Director, and Tamim Bayoumi, Assistant Director and Chief of the North American Division")
    imf = parse_text(f"{long}\n\nJune 20, 2008\n\nWebcast of the press briefing\n\nMR. MURRAY: I'm Bill Murray, Chief of "
                     "Media Relations at the IMF, and this is the embargoed briefing.\n\nMR. LIPSKY: Thanks, Bill.\n",
                     path="imf.txt")
    assert (imf.title, imf.kind) == (long, "press conference")
    assert (imf.turns[0].speaker.name, imf.turns[0].speaker.role) == ("Bill Murray", "Chief of Media Relations at the IMF")


def test_initials_padded_to_a_column_are_labels_of_the_people_they_stand_for() -> None:
    """The WHO prints each speaker's initials padded to a column, no colon, and the recording's time on lines of
    its own: the initials are labels (once two speakers' are so printed), each the one person named in the text
    whose initials they are (`TAG`, `CL`, `MK` for Maria Van Kerkhove: first and last word); a reporter's
    initials after the call naming them ask; the times are stage directions."""
    b = parse_text(
        "COVID-19 Virtual Press conference transcript - 14 June 2022\n\n00:00:00\n\n"
        "CL          Hello and welcome. My name is Christian Lindmeier.\n\n"
        "We have Dr Tedros Adhanom Ghebreyesus, WHO Director-General, and Dr Maria Van Kerkhove. Dr Tedros.\n\n"
        "00:01:00\n\nTAG        Thank you, Christian. Good morning.\n\n"
        "CL          The first question goes to Helen Branswell from STAT. Helen, please unmute.\n\n"
        "HB          Thank you. What is the latest on monkeypox?\n\nMK          Thank you, Helen. We are tracking it.\n",
        path="who.txt")
    assert [(t.label, t.speaker.name, t.question) for t in b.turns] == [
        ("CL", "Christian Lindmeier", False), ("TAG", "Tedros Adhanom Ghebreyesus", False),
        ("CL", "Christian Lindmeier", False), ("HB", "Question", True), ("MK", "Maria Van Kerkhove", False)]
    assert b.turns[3].reporter == Reporter("Helen Branswell", "STAT")
    assert [s.text for s in b.turns[0].paragraphs[-1].segments if s.stage] == ["(00:01:00)"]
    assert (b.date, b.kind) == (dt.date(2022, 6, 14), "press conference")
    once = parse_text("Press briefing\n\nMR. X: We start.\n\nEND  7:57 P.M. EDT\n\nUS  officials said so.\n")
    assert [t.label for t in once.turns] == ["MR. X"]
    timed = parse_text("Virtual press conference - 14 June 2022\n\n00:00:00\n\nCL          Hello. My name is Christian "
                       "Lindmeier.\n\n00:01:00\n\nTAG        Thank you, Christian.\n", path="who.txt")
    assert [t.label for t in timed.turns] == ["CL", "TAG"]  # two lines suffice beside the recording's times
    dod = parse_text("DoD Background Briefing\n\nPresenters: Senior Defense Official\n\nApril 23, 2009\n\n"
                     "STAFF:  Good morning.\n\nSR. DEFENSE OFFICIAL:  Well, good morning.\n", path="dod.txt")
    assert (dod.title, dod.kind) == ("DoD Background Briefing", "background briefing")


def test_a_role_run_together_with_its_office_keeps_the_role() -> None:
    """state.gov's feed lost the line break between a role and the office under it (`… Western Hemisphere
    AffairsBureau of Western Hemisphere Affairs`): the participant's role is the part before."""
    b = parse_text("Brian A. Nichols, Assistant Secretary of State for Western Hemisphere AffairsBureau of Western "
                   "Hemisphere Affairs\n\nMarta Costanzo Youth, Acting Principal Deputy Assistant SecretaryBureau of "
                   "Population, Refugees, and Migration\n\nVia Teleconference\n\nASSISTANT SECRETARY NICHOLS: Thanks.\n\n"
                   "MS YOUTH: Thanks so much.\n")
    assert [(t.speaker.name, t.speaker.role) for t in b.turns] == [
        ("Brian A. Nichols", "Assistant Secretary of State for Western Hemisphere Affairs"),
        ("Marta Costanzo Youth", "Acting Principal Deputy Assistant Secretary")]


def test_venue_under_place_and_untitled_title() -> None:
    """A short name under the place is the venue; without a printed title one is made from kind and people."""
    b = parse_text("Antony J. Blinken, Secretary of State\n\nLos Angeles, California\n\nMagic Box\n\n"
                   "QUESTION: We appreciate this interview.\n\nSECRETARY BLINKEN: Thank you.\n")
    assert (b.location, b.venue, b.kind) == ("Los Angeles, California", "Magic Box", "interview")
    assert b.title == "Interview with Antony J. Blinken"


def test_a_city_alone_over_the_date_is_the_place() -> None:
    """The UN's `New York` over `2 March 2004`: the location, where a short name under a place is a venue."""
    b = parse_text("New York\n\n2 March 2004\n\nQ: Any reaction?\n\nSG: None.\n", "encounter.txt")
    assert (b.location, b.venue) == ("New York", "")


def test_declared_speaker_of_a_label_free_transcript() -> None:
    """A label-free text naming its speaker (`… transcript of … by Name, Role.`) is that speaker's one turn."""
    b = parse_text("The following is a near-verbatim transcript of today's noon briefing by Jane Roe, "
                   "Spokeswoman for the Secretary-General.\n\n**Topic One\n\nWe start.\n")
    assert [(t.label, t.speaker.name, t.text) for t in b.turns] == [("Jane Roe", "Jane Roe", "Topic One\n\nWe start.")]


def test_declared_speaker_opens_before_the_questions() -> None:
    """The UN's noon briefing: the declared spokesman's announcements stand above the first label. They are his
    opening turn, nothing set aside as header (and `Questions and Answers` is no venue); `Spokesman:` is him, the
    one participant of that role; `Correspondent:`, even once, is a reporter speaking, not the spokesman."""
    b = parse_text(
        "Daily Press Briefing by the Office of the Spokesperson for the Secretary-General\n\n"
        "The following is a near-verbatim transcript of today's noon briefing by Stéphane Dujarric, "
        "Spokesman for the Secretary-General.\n\n**Lebanon\n\nThe Secretary-General is alarmed.\n\n"
        "**Questions and Answers\n\nSpokesman:  Yes, Edie?\n\nQuestion:  Any reaction to the strike?\n\n"
        "Spokesman:  We want all parties to step back.\n\nCorrespondent:  But he has not called?\n\n"
        "Spokesman:  He has not.\n"
    )
    assert [(t.label, t.speaker.name, t.question) for t in b.turns] == [
        ("Stéphane Dujarric", "Stéphane Dujarric", False), ("Spokesman", "Stéphane Dujarric", False),
        ("Question", "Question", True), ("Spokesman", "Stéphane Dujarric", False),
        ("Correspondent", "Question", True), ("Spokesman", "Stéphane Dujarric", False)]
    assert b.turns[0].text == "Lebanon\n\nThe Secretary-General is alarmed.\n\nQuestions and Answers"
    assert b.turns[4].reporter is not None and b.turns[4].reporter.name == "Edie"
    assert b.venue == ""


@pytest.mark.parametrize("label", ["PRESS CORPS", "REPORTERS", "JOURNALISTS"])
def test_the_room_answering_at_once_is_the_press_not_an_official(label: str) -> None:
    """`PRESS CORPS: Thank you.` (the White House, 2025): the reporters together, no official of that name."""
    b = parse_text(f"MS. LEAVITT: Good afternoon, everyone.\n\n{label}: Good afternoon.\n\nMS. LEAVITT: Great.\n")
    assert [(t.speaker.name, t.question) for t in b.turns][1] == ("Question", True)


def test_a_title_in_another_form_names_the_same_holder() -> None:
    """The UN's first line says `Spokesperson for the Secretary-General` and its labels `Spokesman:` (or the other
    way round): one title in two forms, the one spokesperson; `Deputy Spokesperson:` is not him. Likewise a
    `CHAIRMAN:` label and the participant listed as `Chair of the Council of Economic Advisers`."""
    b = parse_text(
        "The following is a near-verbatim transcript of today's noon briefing by Stéphane Dujarric, "
        "Spokesperson for the Secretary-General.\n\n**Libya\n\nThe floods have killed thousands.\n\n"
        "Spokesman:  Edie?\n\nQuestion:  Any reaction?\n\nSpokesman:  We are following it.\n\n"
        "Deputy Spokesperson:  I will check.\n")
    assert [(t.label, t.speaker.name) for t in b.turns[1:]] == [
        ("Spokesman", "Stéphane Dujarric"), ("Question", "Question"), ("Spokesman", "Stéphane Dujarric"),
        ("Deputy Spokesperson", "Deputy Spokesperson")]
    c = parse_text("Press Gaggle on the Economy\n\nMay 3, 2023\n\nChair of the Council of Economic Advisers Jared "
                   "Bernstein; Senior Adviser Gene Sperling\n\nTHE CHAIRMAN:  Good afternoon.\n\nQ  Inflation?\n\n"
                   "THE CHAIRMAN:  Coming down.\n", "gaggle.txt")
    assert [t.speaker.name for t in c.turns if not t.question] == ["Jared Bernstein"] * 2


def test_a_label_made_of_the_role_a_title_gives_is_that_person() -> None:
    """A title names the person and a compound title (`Press Conference by Secretary-General António Guterres
    at …`); the label that is that role word for word (`SECRETARY-GENERAL:`, `THE VICE PRESIDENT:`), or the
    role's head before what it serves (`THE SECRETARY:` for the `Secretary of Defense`), is that person. A label
    only part of it is not (`THE PRESIDENT:` is not the Vice President): a title's reading is less sure than a
    participants line's, so its role must be the label's words, no more."""
    b = parse_text("Press Conference by Secretary-General António Guterres at United Nations Headquarters\n\n"
                   "September 13, 2023\n\nSECRETARY-GENERAL:  Good morning.\n\nQUESTION:  On Libya?\n\n"
                   "SECRETARY-GENERAL:  We are mobilizing.\n", "2023-09-13-sg.txt")
    assert [(t.speaker.name, t.speaker.role) for t in b.turns if not t.question] == [
        ("António Guterres", "Secretary-General")] * 2
    c = parse_text("Remarks by Vice President Kamala Harris and Prime Minister Justin Trudeau of Canada Before "
                   "Bilateral Meeting\n\nMarch 24, 2023\n\nTHE VICE PRESIDENT:  Good afternoon.\n\n"
                   "PRIME MINISTER TRUDEAU:  Thank you, Madam Vice President.\n\nTHE PRESIDENT:  Hello.\n", "2023-03-24.txt")
    assert [t.speaker.name for t in c.turns] == ["Kamala Harris", "Justin Trudeau", "THE PRESIDENT"]
    d = parse_text("Secretary of Defense Lloyd J. Austin III Press Conference\n\nJan. 9, 2024\n\nTHE SECRETARY:  Good "
                   "afternoon.\n\nQ:  A question?\n\nTHE SECRETARY:  Yes.\n", "2024-01-09.txt")
    assert [t.speaker.name for t in d.turns if not t.question] == ["Lloyd J. Austin III"] * 2


def test_a_compound_title_is_a_label_and_another_title_than_its_part() -> None:
    """A UN press conference labels its guests by compound titles in title case, each perhaps once
    (`Under-Secretary-General:`): a label, where its answer was read as the question's second paragraph; and
    `Secretary-General:` is someone else than the `Under-Secretary-General` (not one label misspelt)."""
    b = parse_text("Press Conference by Under-Secretary-General for Humanitarian Affairs Martin Griffiths\n\n"
                   "The following is a near-verbatim transcript.\n\nMr. GRIFFITHS:  Thank you.\n\n"
                   "Spokesperson:  Okay, Edie?\n\nQuestion:  On Sudan?\n\nUnder-Secretary-General:  It is terrible."
                   "\n\nQuestion:  And Gaza?\n\nSecretary-General:  Yes.\n", "2023-09-20-un.txt")
    assert [(t.label, t.speaker.name, t.text) for t in b.turns[2:]] == [
        ("Question", "Question", "On Sudan?"), ("Under-Secretary-General", "Martin Griffiths", "It is terrible."),
        ("Question", "Question", "And Gaza?"), ("Secretary-General", "Secretary-General", "Yes.")]


def test_a_foreign_ministry_briefing_outlets_ask() -> None:
    """A foreign ministry's briefing: the spokesperson the title names opens with announcements above the first
    label (his turn, not header); reporters are labelled by their outlet (`CCTV:`, `Reuters:` once), each a
    question from that outlet, never a speaker; an outlet's name before a quotation inside an answer is the
    spokesperson reading a headline, not a label."""
    b = parse_text(
        "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on March 20, 2023\n\n"
        "At the invitation of President Putin, President Xi will pay a state visit to Russia.\n\n"
        "CCTV: Could you share more details?\n\nWang Wenbin: This is his first trip abroad this year.\n\n"
        "Reuters: Has a call been scheduled?\n\nWang Wenbin: Many outlets reported it.\n\n"
        "CBS: \u201cTalks are set for Monday.\u201d That is not accurate.\n\nAFP: A follow-up?\n\n"
        "Wang Wenbin: Nothing to share.\n"
    )
    assert [(t.label, t.question, t.reporter.outlet if t.reporter else None) for t in b.turns] == [
        ("Wang Wenbin", False, None), ("CCTV", True, "CCTV"), ("Wang Wenbin", False, None),
        ("Reuters", True, "Reuters"), ("Wang Wenbin", False, None), ("AFP", True, "AFP"), ("Wang Wenbin", False, None)]
    assert b.turns[0].text == "At the invitation of President Putin, President Xi will pay a state visit to Russia."
    assert b.turns[4].paragraphs[-1].text.startswith("CBS: \u201cTalks")
    assert {t.speaker.kind for t in b.turns if t.question} == {"questioner"}


def test_a_note_above_the_first_label_stays_header() -> None:
    """Only speech becomes the titled speaker's opening: a note about the transcript, or a sentence naming the
    speaker (about them, not by them), stays out of it."""
    b = parse_text("Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on March 20, 2023\n\n"
                   "The following is the transcript of the press conference as released.\n\n"
                   "CCTV: Could you share more details?\n\nWang Wenbin: Yes.\n\nAFP: And?\n\nWang Wenbin: No.\n")
    assert [t.label for t in b.turns] == ["CCTV", "Wang Wenbin", "AFP", "Wang Wenbin"]
    about = parse_text("Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on March 20, 2023\n\n"
                       "Spokesperson Wang Wenbin answered questions from reporters on Monday afternoon.\n\n"
                       "CCTV: Could you share more details?\n\nWang Wenbin: Yes.\n\nAFP: And?\n\nWang Wenbin: No.\n")
    assert [t.label for t in about.turns] == ["CCTV", "Wang Wenbin", "AFP", "Wang Wenbin"]


def test_a_label_in_capitals_may_be_a_whole_title_and_name() -> None:
    """Defense prints a speaker's full title before the name: a nine-word label in capitals opens its turn (it
    was taken for a paragraph of the Secretary's remarks); mixed case that long stays a sentence's lead-in."""
    b = parse_text(
        "Secretary of Defense Lloyd J. Austin III; Chairman of the Joint Chiefs of Staff Gen. Mark A. Milley\n\n"
        "SECRETARY OF DEFENSE LLOYD J. AUSTIN III:  Good afternoon. General Milley.\n\n"
        "CHAIRMAN OF THE JOINT CHIEFS OF STAFF GENERAL MARK A. MILLEY:  Thank you, Mr. Secretary.\n\n"
        "And as the Chairman of the Joint Chiefs put it to me last week: we stand together.\n\nQ:  Thanks.\n")
    assert [(t.label.split()[0], t.speaker.name, len(t.paragraphs)) for t in b.turns] == [
        ("SECRETARY", "Lloyd J. Austin III", 1), ("CHAIRMAN", "Mark A. Milley", 2), ("Q", "Question", 1)]


def test_labels_with_a_bracketed_qualifier() -> None:
    """NATO prints `Oana Lungescu [NATO Spokesperson]:` and `Question [Reuters]:`, Japan's foreign ministry
    `Reporter (NHK):`: the name and role of an official, the outlet of a reporter asking (even once, even after
    a call that named only the outlet). They were no labels, so every question read as the official's words."""
    nato = parse_text(
        "Oana Lungescu [NATO Spokesperson]: Good afternoon.\n\nNATO Secretary General Jens Stoltenberg: Tomorrow "
        "ministers meet.\n\nOana Lungescu [NATO Spokesperson]: We'll go to Reuters.\n\nQuestion [Reuters]: Will "
        "Allies send jets?\n\nNATO Secretary General Jens Stoltenberg: That is for Allies to decide.\n")
    assert [(t.speaker.name, t.speaker.role, t.question, t.asker) for t in nato.turns] == [
        ("Oana Lungescu", "NATO Spokesperson", False, None),
        ("Jens Stoltenberg", "NATO Secretary General", False, None),
        ("Oana Lungescu", "NATO Spokesperson", False, None),
        ("Question", "", True, Reporter("", "Reuters")),
        ("Jens Stoltenberg", "NATO Secretary General", False, None)]
    japan = parse_text("Press Secretary Kobayashi: Good afternoon.\n\nReporter (NHK): What was achieved?\n\n"
                       "Press Secretary Kobayashi: Solidarity.\n\nJane Doe (Kyodo News): And aid?\n\n"
                       "Press Secretary Kobayashi: More will come.\n")
    assert [(t.label, t.question, t.asker) for t in japan.turns if t.question] == [
        ("Reporter (NHK)", True, Reporter("", "NHK")), ("Jane Doe (Kyodo News)", True, Reporter("Jane Doe", "Kyodo News"))]
    prose = parse_text("MR. X: He told me this (and I quote): no.\n\nQ: Really?\n")
    assert [t.label for t in prose.turns] == ["MR. X", "Q"]
    interpreted = parse_text("PRESIDENT ZELENSKYY (As interpreted): Thank you.\n\nQ: Sir?\n\n"
                             "PRESIDENT ZELENSKYY: In English now.\n")
    assert [(t.label, t.interpreted) for t in interpreted.turns] == [
        ("PRESIDENT ZELENSKYY", True), ("Q", False), ("PRESIDENT ZELENSKYY", False)]
    assert interpreted.turns[0].speaker == interpreted.turns[2].speaker


def test_a_full_name_is_a_label_even_once() -> None:
    """A guest who speaks once under their name (`Chris Whitty:` beside `Prime Minister:`) opens their own turn; a
    lead-in whose words the text also writes in lower case (`Good Morning:`), or a firm quoted by an official
    (`Pantheon Macroeconomics:`), stays text."""
    b = parse_text("Prime Minister: Good afternoon.\n\nQuestion: Is this a lockdown?\n\nPrime Minister: No.\n\n"
                   "Chris Whitty: If I could just add to that.\n\nGood Morning: it is a good morning to all.\n\n"
                   "Pantheon Macroeconomics: The \u201ctalk of recession\u201d is fanciful.\n\nQuestion: Thanks.\n")
    assert [(t.label, len(t.paragraphs)) for t in b.turns] == [
        ("Prime Minister", 1), ("Question", 1), ("Prime Minister", 1), ("Chris Whitty", 3), ("Question", 1)]


def test_labels_in_markdown_bold() -> None:
    """A transcript converted to Markdown from a web page prints its labels in bold (`**MR. PRICE:** …`,
    `**MR. PRICE**: …`, `__QUESTION:__ …`, or the label alone on its line): labels all the same."""
    b = parse_text("**MR. PRICE:** Good afternoon.\n\n**QUESTION:** Thanks, Ned.\n\n**MR. PRICE**: Sure.\n\n"
                   "__QUESTION:__ And?\n\n**MR. PRICE:**\n\nNo.\n")
    assert [(t.label, t.text) for t in b.turns] == [("MR. PRICE", "Good afternoon."), ("QUESTION", "Thanks, Ned."),
                                                   ("MR. PRICE", "Sure."), ("QUESTION", "And?"), ("MR. PRICE", "No.")]


def test_a_role_label_is_the_one_listed_holder_of_the_role() -> None:
    """`THE SECRETARY` is the one Secretary the participant lines list; with two listed it names neither."""
    one = parse_text("Antony J. Blinken, Secretary of State\n\nTHE SECRETARY: Good morning.\n\nQUESTION: Hi.\n")
    assert one.turns[0].speaker.name == "Antony J. Blinken"
    two = parse_text("Antony J. Blinken, Secretary of State\n\nLloyd J. Austin III, Secretary of Defense\n\n"
                     "THE SECRETARY: Good morning.\n\nQUESTION: Hi.\n")
    assert two.turns[0].speaker.name == "THE SECRETARY"


def test_labels_without_speech_refused() -> None:
    """Labels with nothing under them but marks make no briefing."""
    with pytest.raises(TranscriptError, match="no speech"):
        parse_text("MR. X:\n\n(Via interpreter)\n")


def test_wrapped_line_opening_like_a_label() -> None:
    """A hard-wrapped line that opens like a label (`NSC: …`, `for Dr. Walensky: …`) continues its sentence."""
    b = parse_text(
        "MS. X: President did and my colleagues, as you have heard from them, from the\n"
        "NSC: This was not a choice for us.\n\n"
        "Q Yeah, thanks for doing this and for taking my question. Perhaps this is\n"
        "for Dr. Walensky: Obviously, the trends look good.\n"
    )
    assert [t.label for t in b.turns] == ["MS. X", "Q"]
    assert b.turns[0].text.endswith("from the NSC: This was not a choice for us.")


def test_enumerations_and_prose_lead_ins_are_not_labels() -> None:
    """`First:`, `Second:` and lead-ins opening with a preposition (`For Dr. Fauci:`) or naming whom a question is
    for after a comma (`First, for Secretary Blinken:`) stay text, however often."""
    b = parse_text("MR. X: Two lines.\n\nFirst: one.\n\nSecond: two.\n\nFirst: again.\n\n"
                   "Q Hi.\n\nFor Dr. Fauci: why?\n\nFirst, for Secretary Blinken: Isn't it problematic?\n")
    assert [t.label for t in b.turns] == ["MR. X", "Q"]


def test_one_word_typo_needs_to_be_close() -> None:
    """`MODERTOR` is the moderator; `OPERATOR` is not."""
    b = parse_text("MODERATOR: A.\n\nOPERATOR: B.\n\nMODERATOR: C.\n\nMODERTOR: D.\n")
    ids = [t.speaker.id for t in b.turns]
    assert ids[0] == ids[2] == ids[3] != ids[1]


def test_footer_without_end_marker() -> None:
    """Without an end marker, a time line below the last label ends the transcript, and a tail of
    navigation items is dropped; one short closing line stays speech."""
    b = parse_text("MR. X: Bye now.\n\n8:01 P.M. EDT\n\nNews\n\nWrite to the editors of this site today.\n")
    assert [t.text for t in b.turns] == ["Bye now."] and b.extra["end_time"] == "8:01 P.M. EDT"
    b = parse_text("MR. X: Bye now.\n\nThe White House\n\nLive\n\nGet Involved\n")
    assert b.turns[-1].text == "Bye now."
    assert parse_text("MR. X: Bye now.\n\nThank you\n").turns[-1].text == "Bye now.\n\nThank you"


def test_a_label_typed_with_a_period_opens_a_turn() -> None:
    """A label the document uses, in capitals, typed with a period or a dash for its colon (`DR. WALENSKY. Thank
    you, Andy.`), or with a stray mark after its colon, opens that speaker's turn; capitals the document never
    uses as a label, or in lower case, do not."""
    b = parse_text(
        "MR. SLAVITT: Good morning. Over to Dr. Walensky.\n\n"
        "DR. WALENSKY. Thank you, Andy. Good morning.\n\n"
        "NATO. That is the word of the day.\n\n"
        "Dr. Walensky. That is how I sign.\n\n"
        "Q: And the vaccines?\n\n"
        "DR. WALENSKY: They work.\n\n"
        "Q: Where do the doses go?\n\n"
        "MR. SLAVITT — COVAX has a list of countries.\n\n"
        "Q: Thanks.\n\n"
        "DR. WALENSKY:` So, again.\n\n"
        "Q: And boosters?\n\n"
        "MR. SLAVITT:Yeah, soon.\n"
    )
    assert [(t.label, len(t.paragraphs)) for t in b.turns] == [
        ("MR. SLAVITT", 1), ("DR. WALENSKY", 3), ("Q", 1), ("DR. WALENSKY", 1), ("Q", 1), ("MR. SLAVITT", 1),
        ("Q", 1), ("DR. WALENSKY", 1), ("Q", 1), ("MR. SLAVITT", 1)]
    assert [t.text for t in b.turns[-5::2]] == ["COVAX has a list of countries.", "So, again.", "Yeah, soon."]
    assert b.turns[1].paragraphs[0].text == "Thank you, Andy. Good morning."


DEFENSE = (
    "---\ntitle: Secretary of Defense Lloyd J. Austin III Press Conference\ndate: 2024-02-01\n---\n"
    "Secretary of Defense Lloyd J. Austin III Press Conference\n\n"
    "STAFF: All right. Thank you, everyone, for being here today.\n\n"
    "With that, over to you, Mr. Secretary.\n{gap}"
    "It's been a difficult few days for the Department of Defense.\n\n"
    "We all mourn the loss of three soldiers.\n\n"
    "STAFF: First question, Lita Baldor.\n\n"
    "Q: Mr. Secretary, what will the response be?\n\n"
    "SEC. AUSTIN: We will respond at a time of our choosing.\n"
)


def test_a_dropped_label_after_a_handoff_is_the_person_handed_to() -> None:
    """Where a copy lost a label (the Department of Defense's pages): a paragraph below two blank lines or more,
    after one handing the floor to someone (`over to you, Mr. Secretary.`), is that person's turn, labelled with
    the name the title gives (the one Secretary); one blank line is the same speaker going on."""
    b = parse_text(DEFENSE.format(gap="\n\n"))
    assert [(t.label, t.speaker.name, len(t.paragraphs)) for t in b.turns] == [
        ("STAFF", "STAFF", 2), ("Lloyd J. Austin III", "Lloyd J. Austin III", 2), ("STAFF", "STAFF", 1),
        ("Q", "Question", 1), ("SEC. AUSTIN", "Lloyd J. Austin III", 1)]
    assert b.turns[1].speaker == b.turns[4].speaker and b.turns[1].speaker.role == "Secretary of Defense"
    assert [t.label for t in parse_text(DEFENSE.format(gap="\n")).turns] == ["STAFF", "STAFF", "Q", "SEC. AUSTIN"]
    spaced = DEFENSE.format(gap="\n").replace("\n\n", "\n\n\n")  # every paragraph two blank lines apart: none dropped
    assert [t.label for t in parse_text(spaced).turns] == ["STAFF", "STAFF", "Q", "SEC. AUSTIN"]


@pytest.mark.parametrize(("handoff", "label"), [
    ("And now I'll turn it over to General Ryder.", "General Ryder"),   # nobody of that name listed: as handed to
    ("I'll turn it over to the Admiral for his update.", None),         # not a name: the speaker goes on
    ("We will hand things off to the State Department", None),          # no one's name or title
    ("With that, over to you, Mr. Secretary.", "Mr. Secretary"),
])
def test_a_dropped_label_needs_someone_handed_the_floor(handoff: str, label: str | None) -> None:
    b = parse_text(f"MS. SINGH: Good afternoon. {handoff}\n\n\n\nThank you. Let me begin.\n")
    assert [t.label for t in b.turns] == ["MS. SINGH"] + ([label] if label else [])


def test_a_reporters_own_name_as_the_label_asks() -> None:
    """India's foreign ministry prints the asker's name as the label, and the asker introduces themself with the
    outlet (`Meghna Dev: Sir, Meghna Dev from DD News.`; `Yeshi:` for `Yeshi Seli`): every turn under that label is
    that reporter's question, a later one without the introduction too, and a given name used once is a label
    when its words introduce that person (`Sahil: Sir, I am Sahil from ANI.`). The spokesperson answers."""
    b = parse_text(
        "Weekly Media Briefing by the Official Spokesperson (December 07, 2023)\n\n"
        "Shri Arindam Bagchi, Official Spokesperson: Good afternoon. Let us start with the questions.\n\n"
        "Meghna Dev: Sir, Meghna Dev from DD News. What is the status of the visit?\n\n"
        "Shri Arindam Bagchi, Official Spokesperson: The visit is on track, and the dates will be announced soon.\n\n"
        "Yeshi: This is Yeshi Seli from The New Indian Express. Will India host the meeting in Srinagar?\n\n"
        "Shri Arindam Bagchi, Official Spokesperson: We have nothing to announce on the venue today.\n\n"
        "Yeshi: Has a team been sent to look at the venues?\n\n"
        "Shri Arindam Bagchi, Official Spokesperson: Not that I am aware of. I am Arindam from the spokesperson's "
        "office, and I will take one more.\n\n"
        "Sahil: Sir, I am Sahil from ANI. Is there an update on the talks?\n\n"
        "Shri Arindam Bagchi, Official Spokesperson: None today.\n"
    )
    assert [(t.label, t.question, (t.reporter.name, t.reporter.outlet) if t.reporter else None) for t in b.turns] == [
        ("Shri Arindam Bagchi, Official Spokesperson", False, None),
        ("Meghna Dev", True, ("Meghna Dev", "DD News")),
        ("Shri Arindam Bagchi, Official Spokesperson", False, None),
        ("Yeshi", True, ("Yeshi Seli", "New Indian Express")),
        ("Shri Arindam Bagchi, Official Spokesperson", False, None),
        ("Yeshi", True, ("Yeshi Seli", "New Indian Express")),
        ("Shri Arindam Bagchi, Official Spokesperson", False, None),
        ("Sahil", True, ("Sahil", "ANI")),
        ("Shri Arindam Bagchi, Official Spokesperson", False, None)]


def test_a_transcription_services_full_names_after_a_call_ask() -> None:
    """rev.com labels everyone by name, with a time (`Tara Copp (03:10):`, the words on the next line): a full name
    the briefer just called (`… your questions. Tara?`, `Go ahead, Lita.`) whose turns mostly ask is a reporter's
    question, and stays that reporter's name (was `Lita Lita Baldor`, an official made of the call and the
    label). An official the briefer hands the floor to by name, who answers, is not a reporter."""
    b = parse_text(
        "General Ryder (01:21):\n\nGood afternoon. With that, I'll take your questions. Tara?\n\n"
        "Tara Copp (03:10):\n\nThanks. On the strikes, were any fighters killed?\n\n"
        "General Ryder (03:20):\n\nWe're still assessing. Sabrina, do you want to add anything?\n\n"
        "Sabrina Singh (03:30):\n\nNo, I think that covers it. Why don't we go to you? Go ahead, Lita.\n\n"
        "Lita Baldor (03:50):\n\nThank you. On Ukraine, will the Pentagon spend the rest?\n\n"
        "General Ryder (04:02):\n\nWe intend to.\n\nLita Baldor (04:10):\n\nAnd on Niger?\n\n"
        "General Ryder (04:12):\n\nNothing new.\n", "2024-11-12-pentagon-press-briefing.txt")
    assert [(t.label, t.question, t.reporter.name if t.reporter else None) for t in b.turns] == [
        ("General Ryder", False, None), ("Tara Copp", True, "Tara Copp"), ("General Ryder", False, None),
        ("Sabrina Singh", False, None), ("Lita Baldor", True, "Lita Baldor"), ("General Ryder", False, None),
        ("Lita Baldor", True, "Lita Baldor"), ("General Ryder", False, None)]
    assert {t.speaker.name for t in b.turns if not t.question} == {"General Ryder", "Sabrina Singh"}


def test_a_reporter_called_with_the_outlet_then_labelled_by_name_asks() -> None:
    """The Kremlin's press secretary calls a reporter with the outlet, and the reporter's name is the next label
    (`Alexander Gamov:`); NATO prints the outlet in the first label only (`Sarah Kelly (Deutsche Welle):`, then
    `Sarah Kelly:`). Questions of that reporter, each one. An official called by name (`… turn it over to Dr.
    Redfield.`) answers, and a moderator named with the role (`Paul Fulton (Moderator):`) moderates."""
    kremlin = parse_text(
        "Vladimir Putin's annual news conference\n\nDecember 17, 2015\n\n"
        "Vladimir Putin: Good afternoon. Let us begin. Mr Peskov, please.\n\n"
        "Dmitry Peskov: We have a press pool old-timer, Alexander Gamov from the Komsomolskaya Pravda. "
        "I would like to give him the first question.\n\n"
        "Alexander Gamov: Thank you, Mr President. Has the economic recovery begun, in your view?\n\n"
        "Vladimir Putin: It has, and the figures show it clearly to anyone who looks at them.\n")
    assert [(t.label, t.question, t.reporter.outlet if t.reporter else None) for t in kremlin.turns] == [
        ("Vladimir Putin", False, None), ("Dmitry Peskov", False, None),
        ("Alexander Gamov", True, "Komsomolskaya Pravda"), ("Vladimir Putin", False, None)]
    nato = parse_text(
        "Interview with NATO Secretary General Jens Stoltenberg\n\nOctober 18, 2022\n\n"
        "Sarah Kelly (Deutsche Welle): Thank you so much for joining us. Is NATO ready?\n\n"
        "NATO Secretary General: We are ready, and we have increased our presence.\n\n"
        "Sarah Kelly: In the past week, what has changed?\n\n"
        "NATO Secretary General: Our resolve has not changed.\n")
    assert [(t.question, t.reporter.name if t.reporter else None) for t in nato.turns] == [
        (True, "Sarah Kelly"), (False, None), (True, "Sarah Kelly"), (False, None)]
    cdc = parse_text(
        "CDC Media Telebriefing: Update on COVID-19\n\nFriday, August 21, 2020\n\n"
        "Operator: Welcome. I would now like to turn the call over to Mr. Paul Fulton. Sir, you may begin.\n\n"
        "Paul Fulton (Moderator): Thank you for joining us today. At this time, I will turn the call over to "
        "Dr. Redfield.\n\n"
        "Dr. Redfield: Thank you, Paul. We are eight months into a pandemic. Will you wear a mask? Please do.\n")
    assert [(t.label, t.question, t.speaker.name, t.speaker.role) for t in cdc.turns] == [
        ("Operator", False, "Operator", ""), ("Paul Fulton (Moderator)", False, "Paul Fulton", "Moderator"),
        ("Dr. Redfield", False, "Dr. Redfield", "")]


def test_a_transcription_services_times_and_numbered_voices() -> None:
    """Transcription services print the recording's time with each label, before its colon (`General Pat Ryder
    (00:00):`, the words on the next line) or after it (`Dmitry Peskov: (09:51)`), and number the voices they
    cannot name (`Speaker 1:`). The time is no part of the label or the words; a numbered voice is a label,
    someone of this transcript only (a role, never a person's page across the archive)."""
    b = parse_text(
        "Pentagon Press Briefing Transcript\n\nFebruary 3, 2023\n\n"
        "General Pat Ryder (00:00):\n\nGood afternoon everyone. Just a few things at the top.\n\n"
        "Speaker 1: (01:12)\n\nGeneral, where is the balloon now?\n\n"
        "General Pat Ryder: [1:01:30]\n\nIt is over the central United States.\n\n"
        "Speaker 2 (01:40): And how high is it?\n")
    assert [(t.label, t.text) for t in b.turns] == [
        ("General Pat Ryder", "Good afternoon everyone. Just a few things at the top."),
        ("Speaker 1", "General, where is the balloon now?"),
        ("General Pat Ryder", "It is over the central United States."),
        ("Speaker 2", "And how high is it?")]
    assert {t.speaker.kind for t in b.turns if t.label.startswith("Speaker")} == {"role"}
    assert b.turns[1].speaker.id != b.turns[3].speaker.id


def test_a_label_giving_a_name_and_a_role_either_way() -> None:
    """India's foreign ministry labels its spokesperson `Shri Arindam Bagchi, Official Spokesperson` (or the role
    first: `Official Spokesperson, Shri Raveesh Kumar`), Australia's prime minister `ANTHONY ALBANESE, PRIME
    MINISTER`: the person, named without the form of address and in a name's capitals, with the role. An `Official
    Spokesperson` is nobody speaking on background; a later label with the name alone is the same person."""
    b = parse_text(
        "Transcript of Media Briefing by the Official Spokesperson (October 31, 2019)\n\n"
        "Official Spokesperson, Shri Raveesh Kumar: Good afternoon, friends.\n\n"
        "Question: Is the visit still on?\n\n"
        "Official Spokesperson, Shri Raveesh Kumar: It is, as planned.\n")
    assert {(t.speaker.name, t.speaker.role, t.speaker.kind) for t in b.turns if not t.question} == {
        ("Raveesh Kumar", "Official Spokesperson", "official")}
    au = parse_text(
        "Press conference - National Press Club\n\n1 February 2021\n\n"
        "LAURA TINGLE, NATIONAL PRESS CLUB PRESIDENT: Welcome to the Prime Minister.\n\n"
        "ANTHONY ALBANESE, PRIME MINISTER: Thank you, Laura.\n\n"
        "LAURA TINGLE: Our first question comes from the floor.\n\n"
        "ANTHONY ALBANESE, PRIME MINISTER: Happy to take it.\n")
    assert [(t.speaker.name, t.speaker.role) for t in au.turns] == [
        ("Laura Tingle", "National Press Club President"), ("Anthony Albanese", "Prime Minister"),
        ("Laura Tingle", "National Press Club President"), ("Anthony Albanese", "Prime Minister")]


def test_a_statement_under_a_byline_is_its_speakers_opening_turn() -> None:
    """NATO prints a statement under a two-line title, `Doorstep statement` / `by NATO Secretary General Jens
    Stoltenberg at the start of …`, then its date and `(As delivered)`, and labels only the questions after it:
    the statement is the Secretary General's opening turn (it was dropped as header), the two lines the title,
    the day it was given the date (not the page's update stamp), a doorstep a press availability; the label
    `NATO Secretary General` is him."""
    b = parse_text(
        "Doorstep statement\n\n"
        "by NATO Secretary General Jens Stoltenberg at the start of the extraordinary Summit of NATO Heads of State\n\n"
        "  \u2022 24 Mar. 2022 -\n\n  \u2022 Last updated: 25 Mar. 2022 10:46\n\n(As delivered)\n\nGood morning.\n\n"
        "We meet here facing the most serious security crisis in a generation.\n\nThank you.\n\n"
        "Hadley Gamble (CNBC): What do you make of President Putin's state of mind?\n\n"
        "NATO Secretary General: I will not speculate about that.\n")
    assert b.title.startswith("Doorstep statement by NATO Secretary General Jens Stoltenberg at the start")
    assert b.date == dt.date(2022, 3, 24) and b.kind == "press availability"
    assert [(t.speaker.name, t.question, t.paragraphs[0].text) for t in b.turns] == [
        ("Jens Stoltenberg", False, "Good morning."),
        ("Question", True, "What do you make of President Putin's state of mind?"),
        ("Jens Stoltenberg", False, "I will not speculate about that.")]
    again = parse_text(
        "Press conference\n\nby NATO Secretary General Jens Stoltenberg ahead of the meetings of NATO Ministers\n\n"
        "  \u2022 19 Nov. 2019 -\n\n(As delivered)\n\nPress conference by NATO Secretary General Jens Stoltenberg ahead "
        "of the meetings of NATO Ministers at NATO headquarters in Brussels\n\nGood morning.\n\n"
        "Oana Lungescu [NATO Spokesperson]: Reuters.\n\nQuestion [Reuters]: On Syria?\n")
    assert again.turns[0].paragraphs[0].text == "Good morning."  # the title printed again is no speech
    assert again.title.endswith("at NATO headquarters in Brussels")


def test_questions_and_answers_labelled_q_and_a() -> None:
    """China's foreign ministry until 2016 (and its embassies' copies): `Q:` and `A:`, the answers the title's
    spokesperson's, like the announcements above the first question, a line leading into them aside; a site's
    breadcrumbs above the title are not the title. A lone `A:` (an option: `A: sanctions`) stays text."""
    b = parse_text(
        "Home > Spokesperson's Remarks\n\n"
        "Foreign Ministry Spokesperson Hong Lei's Regular Press Conference on October 31, 2011\n\n"
        "Foreign Ministry Spokesperson Hong Lei started the press conference with the following announcements:\n\n"
        "At the invitation of Prime Minister Putin, Premier Wen Jiabao will attend the meeting in St. Petersburg.\n\n"
        "Q: Please brief us on the visit to Syria by the Special Envoy.\n\n"
        "A: The Special Envoy visited Syria from October 27 to 29 and met the leaders there.\n\n"
        "Q: What is China's position on the vote?\n\nA: We have stated it many times.\n")
    assert b.title == "Foreign Ministry Spokesperson Hong Lei's Regular Press Conference on October 31, 2011"
    assert [(t.speaker.name, t.question) for t in b.turns] == [
        ("Hong Lei", False), ("Question", True), ("Hong Lei", False), ("Question", True), ("Hong Lei", False)]
    assert b.turns[0].text.startswith("At the invitation of Prime Minister Putin")
    plain = parse_text("MR. PRICE: Our options are:\n\nA: sanctions, and B: talks.\n\nQUESTION: Which?\n")
    assert [t.label for t in plain.turns] == ["MR. PRICE", "QUESTION"]


def test_a_reporter_labelled_name_comma_outlet() -> None:
    """Japan's foreign ministry labels each question `Surname, Outlet:` (`Toba, Nippon TV: I have a question …`):
    a question from that reporter of that outlet (it was a paragraph of the minister's statement). The minister,
    labelled in full with his role once and `Minister Kishida` after, is one person."""
    b = parse_text(
        "Press Conference by Foreign Minister Fumio Kishida\n\nFriday, March 11, 2016, 8:47 a.m.\n\n"
        "Mr. Fumio Kishida, Minister for Foreign Affairs: Today, it has been five years since the earthquake.\n\n"
        "Toba, Nippon TV: I have a question about yesterday's missile launch by North Korea.\n\n"
        "Minister Kishida: First, Japan lodged a strong protest.\n\n"
        "Sakamoto, NHK: What will you raise at the meeting?\n\nMinister Kishida: The abductions.\n")
    assert [(t.question, (t.reporter.name, t.reporter.outlet) if t.reporter else None) for t in b.turns] == [
        (False, None), (True, ("Toba", "Nippon TV")), (False, None), (True, ("Sakamoto", "NHK")), (False, None)]
    assert {(t.speaker.name, t.speaker.role) for t in b.turns if not t.question} == {
        ("Fumio Kishida", "Minister for Foreign Affairs")}
    said = parse_text("MR. PRICE: We met in Paris.\n\nParis, France: the talks went on.\n\nQUESTION: And?\n")
    assert [t.label for t in said.turns] == ["MR. PRICE", "QUESTION"]


def test_a_blank_title_in_front_matter_is_none() -> None:
    """`title: ' '` in the front matter gives the title made from the file name, not a blank heading."""
    b = parse_text("---\ntitle: ' '\ndate: 2022-01-02\n---\nMR. PRICE: Good afternoon.\n")
    assert b.title.strip() and b.title == b.title.strip()


def test_front_matter_text_is_cleaned_like_a_line_of_the_transcript() -> None:
    """A title pasted from a web page keeps no object replacement character (`￼`, two White House titles end
    with one), no tab or run of no-break spaces; the same goes for the location, venue and time, and for a line
    of speech."""
    b = parse_text("---\ntitle: \"Press Gaggle by\\u00a0\\u00a0Press Secretary Jen Psaki\\ufffc\"\n"
                   "location: \"Washington,\\tDC \"\nvenue: \"\\u200bBrady Room\"\ntime: \" 1:02 P.M. EDT\"\n"
                   "date: 2022-05-06\n---\nMS. PSAKI: Hi\ufffc everyone.\n")
    assert (b.title, b.location, b.venue, b.time) == (
        "Press Gaggle by Press Secretary Jen Psaki", "Washington, DC", "Brady Room", "1:02 P.M. EDT")
    assert b.turns[0].paragraphs[0].text == "Hi everyone."


def test_a_title_naming_a_media_availability_or_telebriefing_and_a_titled_name_label() -> None:
    """Defense's `Media Availability with Secretary Carter at the Air Force Research Laboratory, Ohio` is the title
    (it was read as a participant, `Force Research Laboratory, Ohio`), as is the CDC's `CDC Media Telebriefing
    Transcript: Update on COVID-19`; `SECRETARY OF DEFENSE ASH CARTER:` is Ash Carter, Secretary of Defense, and
    `SEC. CARTER:` after it the same man."""
    dod = parse_text(
        "Media Availability with Secretary Carter at the Air Force Research Laboratory, Ohio\n\n"
        "STAFF: Is there anything you want to say off the top?\n\n"
        "SECRETARY OF DEFENSE ASH CARTER: I said everything about the importance of Wright-Pat.\n\n"
        "Q: Do you plan to name more outposts?\n\nSEC. CARTER: We do, and yes.\n")
    assert dod.title == "Media Availability with Secretary Carter at the Air Force Research Laboratory, Ohio"
    assert dod.participants == () and dod.kind == "press availability"
    assert {(t.speaker.name, t.speaker.role) for t in dod.turns if t.label.endswith("CARTER")} == {
        ("Ash Carter", "Secretary of Defense")}
    cdc = parse_text("CDC Media Telebriefing Transcript: Update on COVID-19\n\nFriday, August 21, 2020\n\n"
                     "Operator: Welcome, and thank you all for standing by.\n")
    assert cdc.title == "CDC Media Telebriefing Transcript: Update on COVID-19"


@pytest.mark.parametrize(("label", "name", "role"), [
    ("SECRETARY OF DEFENSE LLOYD J. AUSTIN III", "Lloyd J. Austin III", "Secretary of Defense"),
    ("SECRETARY OF DEFENSE LLOYD AUSTIN III", "Lloyd Austin III", "Secretary of Defense"),
    ("LLOYD J. AUSTIN III, SECRETARY OF DEFENSE", "Lloyd J. Austin III", "Secretary of Defense"),
    ("CHAIRMAN OF THE JOINT CHIEFS OF STAFF GENERAL CHARLES Q. BROWN, JR.", "Charles Q. Brown Jr.",
     "Chairman of the Joint Chiefs of Staff"),
])
def test_a_titled_name_label_ending_in_a_suffix(label: str, name: str, role: str) -> None:
    """Defense's labels end a name with its suffix (`… LLOYD J. AUSTIN III:`, `… CHARLES Q. BROWN, JR.:`): the name
    keeps it (it was `Austin Iii`, role `Secretary of Defense Lloyd J.`), and a rank before the name is not the
    role's."""
    b = parse_text(f"December 9, 2024\n\n{label}: Good morning.\n\nQ: Thank you.\n\n{label}: Yes.\n", "notes.txt")
    assert (b.turns[0].speaker.name, b.turns[0].speaker.role) == (name, role)


def test_australias_transcript_archive_fields() -> None:
    """The prime ministers' transcript archive prints fields over the transcript, each value under its name:
    `Transcript ID:` is no speaker, `Location:` gives the place and `Release Date:` the date (a numeric date read
    only when day and month cannot be swapped); a doorstop interview is a press availability."""
    page = ("PM Transcripts\n\nAbbott, Tony\n\nPeriod of Service: 18/09/2013 - 15/09/2015\nRelease Date:\n{date}\n"
            "Release Type:\nTranscript\nTranscript ID:\n24725\nLocation:\nPort Bouvard, Western Australia\n"
            "Joint Doorstop Interview, Port Bouvard, Western Australia\n\nANDREW HASTIE:\n\nGood afternoon.\n\n"
            "PRIME MINISTER:\n\nThank you so much, Andrew.\n")
    b = parse_text(page.format(date="22/08/2015"), "notes.txt")
    assert [t.label for t in b.turns] == ["ANDREW HASTIE", "PRIME MINISTER"]
    assert (b.date, b.location, b.kind) == (dt.date(2015, 8, 22), "Port Bouvard, Western Australia", "press availability")
    assert b.title == "Joint Doorstop Interview, Port Bouvard, Western Australia"
    with pytest.raises(TranscriptError, match="no date found"):
        parse_text(page.format(date="1/10/2017"), "notes.txt")  # 1 October or January 10: the file name must say


def test_australias_prime_minister_square_brackets_labels_and_interviews() -> None:
    """Australia's prime minister's transcripts: stage directions in square brackets (`[Laughter]`, `[Inaudible]`,
    `[Interruption for a parliamentary vote]`), `[ENDS]` closing the text, a doorstop's title (`Doorstop - Tennant
    Creek`), labels with `THE HON.` and post-nominals (`THE HON. SCOTT MORRISON MP, TREASURER` is Scott Morrison,
    Treasurer), and an interview titled with the journalist, whose every turn asks."""
    b = parse_text(
        "Doorstop - Tennant Creek, Northern Territory\n\n23 July 2018\n\n"
        "PRIME MINISTER: Well, thank you very much. [Laughter] It is good to be here.\n\n"
        "JOURNALIST: [Inaudible] all funding, or just some?\n\n"
        "THE HON. SCOTT MORRISON MP, TREASURER: [Interruption for a parliamentary vote]\n\n"
        "All funding.\n\n[ENDS]\n\nShare this page\n")
    assert b.title == "Doorstop - Tennant Creek, Northern Territory" and b.kind == "press availability"
    assert [[(s.text, s.stage, s.redaction) for s in p.segments if s.stage or s.redaction]
            for t in b.turns for p in t.paragraphs] == [
        [("[Laughter]", True, False)], [("[Inaudible]", True, False)],
        [("[Interruption for a parliamentary vote]", True, False)], []]
    assert b.turns[-1].paragraphs[-1].text == "All funding."
    assert (b.turns[2].speaker.name, b.turns[2].speaker.role) == ("Scott Morrison", "Treasurer")
    redacted = parse_text("MODERATOR: Over to [Senior Administration Official].\n\nQ: Yes?\n")
    assert [(s.text, s.redaction) for s in redacted.turns[0].paragraphs[0].segments if s.redaction] == [
        ("[Senior Administration Official]", True)]
    interview = parse_text("Television Interview with Leigh Sales, 7.30\n\n6 August 2018\n\n"
                           "LEIGH SALES: Prime Minister, is it too little too late?\n\n"
                           "PRIME MINISTER: No, it is not, and I will tell you why at some length.\n\n"
                           "LEIGH SALES: Why now, then?\n\nPRIME MINISTER: Because it is ready.\n")
    assert [(t.question, (t.reporter.name, t.reporter.outlet) if t.reporter else None) for t in interview.turns] == [
        (True, ("Leigh Sales", "7.30")), (False, None), (True, ("Leigh Sales", "7.30")), (False, None)]


def test_a_title_naming_people_before_its_kind_and_after_with_family_names_first() -> None:
    """`Secretary Antony J. Blinken Joint Press Availability with Republic of Korea Foreign Minister Chung Eui-yong
    and Japanese Foreign Minister Hayashi Yoshimasa`: the Secretary before the kind and the two ministers after
    `with` are the participants, and `FOREIGN MINISTER CHUNG:` is Chung Eui-yong (a Korean name, family name
    first), `FOREIGN MINISTER HAYASHI:` Hayashi Yoshimasa."""
    b = parse_text(
        "Secretary Antony J. Blinken Joint Press Availability with Republic of Korea Foreign Minister Chung "
        "Eui-yong and Japanese Foreign Minister Hayashi Yoshimasa\n\nFebruary 12, 2022\n\n"
        "SECRETARY BLINKEN: Good afternoon.\n\nFOREIGN MINISTER CHUNG: Thank you, Tony.\n\n"
        "FOREIGN MINISTER HAYASHI: Thank you.\n")
    assert [(t.speaker.name, t.speaker.role) for t in b.turns] == [
        ("Antony J. Blinken", "Secretary"), ("Chung Eui-yong", "Republic of Korea Foreign Minister"),
        ("Hayashi Yoshimasa", "Japanese Foreign Minister")]


def test_a_question_in_parentheses_is_speech() -> None:
    """India's foreign ministry gives a question asked in Hindi in English, in parentheses, as its paragraph:
    the question's words, not a stage direction; `(Cross-talk.)` alone still is one."""
    b = parse_text("Official Spokesperson, Shri Arindam Bagchi: Yes, please.\n\n"
                   "Question: Sir, mera sawal hai.\n\n(What are the preparations for the summit?)\n\n(Cross-talk.)\n\n"
                   "Official Spokesperson, Shri Arindam Bagchi: They are on track.\n")
    assert [(s.text, s.stage) for p in b.turns[1].paragraphs for s in p.segments] == [
        ("Sir, mera sawal hai.", False), ("(What are the preparations for the summit?)", False),
        ("(Cross-talk.)", True)]


def test_a_file_of_thousands_of_labels_is_read_label_by_label(monkeypatch: pytest.MonkeyPatch) -> None:
    """A briefing has a few dozen labels; a file of thousands (junk, or made to stall the build) is read without
    weighing every label against every other, which took minutes: each stays its own speaker, every turn kept."""
    from generator.read import labels

    def compared(*_: object) -> bool:
        raise AssertionError("labels compared pairwise")

    monkeypatch.setattr(labels, "_misspelt", compared)
    monkeypatch.setattr(labels, "_shorter_form", compared)
    names = [f"{a}{b}{c}" for a in "BCDFGH" for b in "JKLMNPRSTV" for c in "WXYZQB"][:labels.MANY_LABELS + 20]
    b = parse_text("".join(f"{n}: Hello from {n}.\n\n" for n in names * 2))
    assert len(b.turns) == 2 * len(names)
    assert len({t.label for t in b.turns}) == len({t.speaker.id for t in b.turns}) == len(names)


def test_sentences_end_at_stops_but_not_after_a_title_or_an_initial() -> None:
    """A call's sentences: `Mr.`, `Dr.`, an initial and `L.A.` end none; a question mark, an exclamation and a
    full stop after a word do, quotes and brackets kept with them."""
    assert sentences('Thanks, Mr. Smith. Next: Dr. Who of the L.A. Times? Yes! (He said "go.") Gen. J. Doe.') == [
        "Thanks, Mr. Smith.", "Next: Dr. Who of the L.A. Times?", "Yes!", '(He said "go.")', "Gen. J. Doe."]


def test_a_roll_call_of_titles_is_one_sentence_however_long() -> None:
    """Thousands of `Mr. … ,` with no stop between them are one sentence, read as fast per name as a few
    (each stop looks back only at the characters before it: looking back over the whole sentence made such a
    paragraph of 8,000 names take 99 s; `bench/paragraph_shapes.py` measures the growth)."""
    roll = " ".join(f"Mr. Smith{k} of the Post," for k in range(3000))
    assert sentences(f"{roll} and Ms. Jones. Thank you.") == [f"{roll} and Ms. Jones.", "Thank you."]
