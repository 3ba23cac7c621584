"""The founding briefing, parsed: every fact a reader or a later feature relies on."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from generator.model import Briefing


def test_metadata(seed: Briefing) -> None:
    """Title and date come from front matter; place and venue from the header lines."""
    assert seed.date == dt.date(2022, 10, 13)
    assert "High-Level Security Dialogue" in seed.title
    assert seed.location == "Washington, DC"
    assert seed.venue == "Dean Acheson Auditorium"
    assert seed.kind == "press availability"
    assert seed.source_url.startswith("https://www.state.gov/")


def test_participants(seed: Briefing) -> None:
    """Five participant lines, in both `Name, Role` and `Role Name` forms; the 'Top Tag' junk is not one."""
    assert [(p.name, p.role) for p in seed.participants] == [
        ("Antony J. Blinken", "Secretary of State"),
        ("Marcelo Ebrard", "Mexican Foreign Secretary"),
        ("Merrick Garland", "Attorney General"),
        ("Alejandro Mayorkas", "Secretary of Homeland Security"),
        ("Rosa Rodríguez", "Mexican Security Secretary"),
    ]


def test_turn_count_and_ends(seed: Briefing) -> None:
    """39 labelled turns: the first is Blinken's greeting, the last Price's close with no footer junk.

    The text has 39 speaker labels. The issue's figure of 38 misses line 167, whose label
    `FOREIGN SECRETARY EBRARD` has a no-break space between its first two words; a parser
    that missed it would glue Ebrard's answer into Ariel Moutsatsos's question.
    """
    assert len(seed.turns) == 39
    first, last = seed.turns[0], seed.turns[-1]
    assert first.speaker.name == "Antony J. Blinken"
    assert first.paragraphs[0].text == "Well, good afternoon, everyone."
    assert last.label == "MR PRICE"
    assert last.text == "That concludes the press conference. Thank you."
    junk = ("You may also like", "Home Ethos", "GDPR", "Top Tag", "Intelligence Community")
    assert not any(j in t.text for t in seed.turns for j in junk)


def test_nbsp_inside_label(seed: Briefing) -> None:
    """A no-break space inside a label (`FOREIGN\u00a0SECRETARY EBRARD`) still starts a turn."""
    turn = next(t for t in seed.turns if t.line == 167)
    assert turn.speaker.name == "Marcelo Ebrard"
    assert turn.paragraphs[0].text.startswith("Yes. Thank you very much for your question.")


def test_speaker_counts(seed: Briefing) -> None:
    """Each speaker's turns; labels outside the participant list (`MR PRICE`) are kept as printed."""
    counts = Counter(t.speaker.name for t in seed.turns if not t.question)
    assert counts == {
        "Antony J. Blinken": 10, "Alejandro Mayorkas": 4, "Marcelo Ebrard": 5,
        "Merrick Garland": 5, "Rosa Rodríguez": 2, "MR PRICE": 5,
    }
    blinken = next(t for t in seed.turns if t.label == "SECRETARY BLINKEN").speaker
    assert (blinken.name, blinken.role, blinken.id) == ("Antony J. Blinken", "Secretary of State", "antony-j-blinken")
    rodriguez = next(t for t in seed.turns if t.label == "SECURITY SECRETARY RODRÍGUEZ").speaker
    assert (rodriguez.name, rodriguez.role) == ("Rosa Rodríguez", "Mexican Security Secretary")


def test_questions_attributed(seed: Briefing) -> None:
    """Questions carry the reporter the moderator called on; follow-ups keep the attribution."""
    asked = Counter((t.reporter.name, t.reporter.outlet) for t in seed.turns if t.question and t.reporter)
    assert asked == {
        ("Tracy Wilkinson", "L.A. Times"): 1,
        ("Ariel Moutsatsos", "Televisa"): 1,
        ("Eduard Ribas", "EFE"): 2,
        ("Jesus Esquivel", "Proceso"): 4,
    }
    assert all(t.reporter for t in seed.turns if t.question)


def test_interpretation(seed: Briefing) -> None:
    """Both of Rodríguez's turns are interpreted, and the mark is out of the text."""
    rodriguez = [t for t in seed.turns if t.speaker.name == "Rosa Rodríguez"]
    assert len(rodriguez) == 2 and all(t.interpreted for t in rodriguez)
    assert all(p.interpreted for t in rodriguez for p in t.paragraphs)
    assert not any("Via interpreter" in t.text for t in seed.turns)
    ebrard_first = next(t for t in seed.turns if t.speaker.name == "Marcelo Ebrard")
    assert not ebrard_first.paragraphs[0].interpreted and ebrard_first.paragraphs[1].interpreted


def test_stage_directions(seed: Briefing) -> None:
    """`(Inaudible)` stays in place as a stage direction inside Esquivel's question."""
    stages = [s.text for t in seed.turns for p in t.paragraphs for s in p.segments if s.stage]
    assert "(Inaudible)" in stages
    question = next(t for t in seed.turns if "(Inaudible) reduced" in t.text)
    assert question.reporter is not None and question.reporter.name == "Jesus Esquivel"


def test_anchors_unique_and_readable(seed: Briefing) -> None:
    """Every turn has a short, unique anchor `t001`…"""
    anchors = [t.anchor for t in seed.turns]
    assert anchors[:3] == ["t001", "t002", "t003"]
    assert len(set(anchors)) == len(anchors)
