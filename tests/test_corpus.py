"""The parser against the real corpus: ground truth read off every dev transcript, and the excerpts."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import TranscriptError
from generator.model import Briefing
from generator.read.parse import parse
from generator.read.source import Source, read_source
from generator.text import clean_line
from tests.conftest import CORPUS, parse_text

TRUTH = Path(__file__).parent / "corpus_truth"
TRUTHS = sorted(TRUTH.glob("*.yml"))
DEV = CORPUS / "dev"
EXCERPTS = CORPUS / "excerpts"
JUNK = re.compile(
    r"Skip to content|White House Logo|Type Your Search|Issued on|Search WhiteHouse|All News|"
    r"official website of the United States|Here's how you know|\.gov website|https://",
)
"""Page furniture of the saved web pages; none of it may reach a turn."""
METADATA = ("title", "date", "kind", "location", "venue", "time", "time_zone")
"""What each truth file states as the text gives it (its title line, header or opening turns), null if it does not."""
SAYS_NOTHING = "MR. SMITH: Good afternoon.\n\nQ A question?\n"
"""A transcript stating no metadata at all: parsed under a corpus file's name, what that name alone gives."""


@cache
def _parsed(name: str) -> Briefing:
    return parse(read_source(DEV / name, f"corpus/dev/{name}"))


def _truth(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_turns_match_ground_truth(path: Path) -> None:
    """Turn count, the full label sequence and the first and last turns are those read off the file."""
    truth = _truth(path)
    briefing = _parsed(truth["file"])
    assert len(briefing.turns) == truth["turns"]
    assert [t.label for t in briefing.turns] == truth["labels"]
    for turn, expected in ((briefing.turns[0], truth["first"]), (briefing.turns[-1], truth["last"])):
        assert (turn.label, turn.line) == (expected["label"], expected["line"])
        assert turn.paragraphs[0].text.startswith(expected["starts"])


@pytest.mark.parametrize("path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_metadata_from_the_text(path: Path) -> None:
    """Title, date, kind, place, venue, start time and time zone are those the text states; where it
    states none, date and kind are the file name's, the title is none of the text's lines, the rest empty."""
    truth = _truth(path)
    assert set(METADATA) <= truth.keys(), f"{path.name} must state every one of {METADATA} (null if none)"
    briefing = _parsed(truth["file"])
    actual = {"title": briefing.title, "date": briefing.date.isoformat(), "kind": briefing.kind,
              "location": briefing.location, "venue": briefing.venue, "time": briefing.time,
              "time_zone": briefing.extra.get("time_zone")}
    by_name = parse_text(SAYS_NOTHING, path=truth["file"])
    fallback = {"date": by_name.date.isoformat(), "kind": by_name.kind, "title": actual["title"], "time_zone": None}
    expected = {key: fallback.get(key, "") if truth[key] is None else truth[key] for key in METADATA}
    assert actual == expected
    if truth["title"] is None:
        lines = (DEV / truth["file"]).read_text(encoding="utf-8").splitlines()
        assert briefing.title not in {clean_line(line) for line in lines}
    assert [[p.name, p.role] for p in briefing.participants] == truth["participants"]


@pytest.mark.parametrize("path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_ground_truth_agrees_with_the_publisher(path: Path) -> None:
    """The truth files' dates and titles agree with the publisher's metadata beside each transcript."""
    truth = _truth(path)
    meta = json.loads((DEV / truth["file"]).with_suffix(".meta.json").read_text(encoding="utf-8"))
    published = meta.get("date") or meta.get("published_iso", "")[:10] or meta.get("file_date_in_repo", "")
    date = truth["date"] or truth["file"].split("-", 1)[1][:10]
    assert date == published or dt.datetime.strptime(published, "%B-%d-%Y").date().isoformat() == date
    if truth["title"]:
        printed = (meta.get("title") or meta["html_title"].split(" | ")[0]).replace("\u00a0", " ")
        assert truth["title"] == printed


@pytest.mark.parametrize("path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_one_person_one_speaker(path: Path) -> None:
    """Labels naming one person (`MR. PRICE`/`MR PRICE`, a misspelt `HE PRESIDENT`) share a speaker; others never
    do. A label that is an outlet's (`Politico:`) marks a question: its reporter is the asker, not a speaker."""
    truth = _truth(path)
    briefing = _parsed(truth["file"])
    by_label = {t.label: t.speaker.id for t in briefing.turns if not t.question}
    same = {k: v for k, v in truth.get("same_person", {}).items() if k in by_label}
    for label, person in same.items():
        assert by_label[label] == by_label[person]
    distinct = {same.get(label, label) for label in by_label}
    assert len({by_label[label] for label in distinct}) == len(distinct)


@pytest.mark.parametrize("path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_no_junk_in_turns(path: Path) -> None:
    """No navigation, banner, footer, time line or end marker reaches a turn."""
    briefing = _parsed(_truth(path)["file"])
    for turn in briefing.turns:
        for paragraph in turn.paragraphs:
            assert not JUNK.search(paragraph.text), (turn.line, paragraph.text)
            assert not re.fullmatch(r"END\b.*|#+|\d{1,2}:\d{2} [AP]\.M\. E[SD]T", paragraph.text), paragraph.line


def test_every_dev_transcript_has_truth() -> None:
    """Each transcript in the corpus has a ground-truth file; the non-transcript has none."""
    names = {p.stem for p in DEV.glob("*.txt") if "NOT-A-TRANSCRIPT" not in p.name}
    assert names == {p.stem for p in TRUTHS}


def test_public_schedule_is_refused() -> None:
    """The public schedule (all-caps names, no speech) is refused as not a transcript, naming the file."""
    name = "dos-2022-07-13-public-schedule-NOT-A-TRANSCRIPT.txt"
    with pytest.raises(TranscriptError, match=r"dos-2022-07-13-public-schedule.*not look like a transcript"):
        parse(read_source(DEV / name))


def test_anonymous_officials_stay_anonymous() -> None:
    """Background briefings' officials are never resolved to a name and stay apart by number."""
    briefing = _parsed("dos-2021-06-23-background-briefing-senior-officials.txt")
    officials = {t.label: t.speaker for t in briefing.turns if "OFFICIAL" in t.label}
    assert len(officials) == 4 and not any(s.resolved for s in officials.values())
    assert len({s.id for s in officials.values()}) == 4


def test_redactions_are_marked() -> None:
    """`[senior administration official]` stays in the text as a redaction segment."""
    briefing = _parsed("wh-2023-09-19-background-call-moderator-sao.txt")
    redactions = [s for t in briefing.turns for p in t.paragraphs for s in p.segments if s.redaction]
    assert len(redactions) == 5
    assert {s.text for s in redactions} == {"[senior administration official]"}
    assert "[senior administration official] and [senior administration official]" in briefing.turns[0].text


def test_interpreter_turns_and_language_switches() -> None:
    """`INTERPRETER:` is a speaker; `(As interpreted.)` marks Modi's turns; `(In Japanese)` stays a stage direction."""
    modi = _parsed("wh-2025-02-13-trump-modi-joint-press-conference.txt")
    assert sum(t.label == "INTERPRETER" for t in modi.turns) == 1
    assert next(t for t in modi.turns if t.label == "PRIME MINISTER MODI").interpreted
    assert not any("As interpreted" in t.text for t in modi.turns)
    hayashi = _parsed("dos-2022-02-13-blinken-chung-hayashi-jpa-interpreter.txt")
    stages = {s.text for t in hayashi.turns for p in t.paragraphs for s in p.segments if s.stage}
    assert {"(In Japanese)", "(In Korean)"} <= stages


def test_publication_stamp_loses_to_the_body_date() -> None:
    """`Issued on: March 24, 2020` is the publication stamp; the body's `March 23, 2020` is the date."""
    text = (DEV / "wh-2020-03-23-trump-task-force-briefing-fullpage.txt").read_text(encoding="utf-8")
    briefing = parse(Source(path="saved-page.txt", meta={}, body=text, body_line=1))
    assert briefing.date == dt.date(2020, 3, 23)
    assert briefing.extra["time_zone"] == "EDT" and briefing.extra["end_time"] == "8:01 P.M. EDT"


def _excerpt(name: str) -> Briefing:
    text = (EXCERPTS / name).read_text(encoding="utf-8")
    return parse(Source(path=f"excerpts/{name}", meta={"date": "2024-01-01"}, body=text, body_line=1))


@pytest.mark.parametrize("name", sorted(p.name for p in EXCERPTS.glob("*.txt")))
def test_excerpts_without_junk(name: str) -> None:
    """Every excerpt parses with its banner junk kept out of every turn."""
    briefing = _excerpt(name)
    assert briefing.turns
    for turn in briefing.turns:
        assert not JUNK.search(turn.text), (turn.line, turn.text[:80])


def test_excerpt_labels() -> None:
    """The excerpts' labels, read off the files; a rank-and-name label and its short form are one speaker; a label
    the copy dropped after a handoff is the person handed the floor."""
    assert [t.label for t in _excerpt("dos-2023-03-09-price-briefing-state-gov-page-EXCERPT.txt").turns] == [
        "MR PRICE", "QUESTION", "MR PRICE", "UNDER SECRETARY BASS", "MR PRICE", "UNDER SECRETARY BASS", "QUESTION"]
    ryder = _excerpt("dod-article-3833295-ryder-nato-summit-week-EXCERPT.txt")
    assert [t.label for t in ryder.turns] == ["MAJOR GENERAL PAT RYDER", "GEN. RYDER"]
    assert ryder.turns[0].speaker == ryder.turns[1].speaker
    assert ryder.title == "Pentagon Press Secretary Maj. Gen. Pat Ryder Holds a Press Briefing"
    austin = _excerpt("dod-article-3663627-austin-press-conference-EXCERPT.txt")
    # `… over to you, Mr. Secretary.`, then the Secretary's words below the empty line his label left
    assert [(t.label, t.speaker.name, t.speaker.role) for t in austin.turns] == [
        ("STAFF", "STAFF", ""), ("Lloyd J. Austin III", "Lloyd J. Austin III", "Secretary of Defense")]
    assert austin.turns[1].paragraphs[0].text.startswith("It's been a difficult few days")
    assert austin.title == "Secretary of Defense Lloyd J. Austin III Press Conference" and not austin.participants


def test_declared_monologue() -> None:
    """The UN noon briefing has no labels but names its speaker: one turn by Stéphane Dujarric."""
    briefing = _excerpt("un-2024-09-20-noon-briefing-EXCERPT.txt")
    assert [(t.label, t.speaker.name, t.speaker.role) for t in briefing.turns] == [
        ("Stéphane Dujarric", "Stéphane Dujarric", "Spokesman for the Secretary-General")]
    assert briefing.turns[0].paragraphs[0].text == "Summit of the Future Action Days"
    assert briefing.title.startswith("Daily Press Briefing by the Office of the Spokesperson")
