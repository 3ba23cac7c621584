"""`python -m generator topics suggest`: phrases distinctive of a period, proposed as topics.yml entries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.enrich.topic_suggestions import period_of, phrases
from generator.enrich.vocabulary import load_vocabulary

VOCABULARY = """\
topics:
  - id: covid-19
    title: COVID-19
    strong: [vaccine, COVID-19]
"""
EVICTIONS = ["The eviction moratorium protects renters across the country.",
             "Will the eviction moratorium be extended by the agency?",
             "Landlords are fighting the eviction moratorium in court again."]
BOOSTERS = ["The vaccine booster shots start next month for older people.",
            "Booster shots and the vaccine are free at every pharmacy.",
            "We will offer booster shots with every vaccine we ship."]
BACKGROUND = ["The President met with the Cabinet and talked about the agenda.",
              "We expect the President to travel to Ohio and talk about the agenda."]


def write_briefing(folder: Path, date: dt.date, n: int, lines: list[str]) -> None:
    turns = [f"{'MS. PSAKI' if k % 2 else 'MR. KLAIN'}: {text}" for k, text in enumerate(lines)]
    (folder / f"{date}-briefing-{n}.txt").write_text(
        f"---\ntitle: Press Briefing {n}\ndate: {date}\n---\n" + "\n\n".join(turns) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three briefings in 2021-Q1 on the eviction moratorium, three in 2021-Q3 on booster shots."""
    folder = tmp_path_factory.mktemp("archive") / "content"
    (folder / "briefings").mkdir(parents=True)
    (folder / "topics.yml").write_text(VOCABULARY, encoding="utf-8")
    for n in range(3):
        write_briefing(folder / "briefings", dt.date(2021, 2, 1 + 7 * n), n,
                       [EVICTIONS[k % 3] for k in range(20)] + BACKGROUND)
        write_briefing(folder / "briefings", dt.date(2021, 8, 2 + 7 * n), 3 + n,
                       [BOOSTERS[k % 3] for k in range(20)] + BACKGROUND)
    return folder


@pytest.fixture(scope="module")
def suggested(content: Path) -> str:
    out = content.parent / "topics.suggested.yml"
    result = CliRunner().invoke(main, ["topics", "suggest", "--content", str(content), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 new topic(s) and 1 new term(s)" in result.output
    return out.read_text(encoding="utf-8")


def test_phrases_are_one_to_three_words_not_led_or_ended_by_a_stop_word() -> None:
    """A phrase neither starts nor ends with a function word; inner ones are kept ("arms of Americans")."""
    assert phrases(["the", "eviction", "moratorium", "of", "renters"]) == {
        "eviction", "eviction moratorium", "moratorium", "moratorium of renters", "renters"}


def test_periods_are_quarters_months_or_years() -> None:
    """Periods are calendar quarters by default, or months, or years."""
    day = dt.date(2022, 8, 15)
    assert (period_of(day, "quarter"), period_of(day, "month"), period_of(day, "year")) == ("2022-Q3", "2022-08", "2022")


def test_a_phrase_distinctive_of_a_period_is_proposed_as_a_new_topic(suggested: str) -> None:
    """A phrase used far more in one period than in the rest is proposed as a topic, with its count,
    first and last dates, and three example passages linking to their turns; parts of it and phrases
    used throughout (the background) are not."""
    assert "  - id: eviction-moratorium\n    title: \"Eviction moratorium\"\n" in suggested
    assert "# 'eviction moratorium': 60 passages from 2021-02-01 to 2021-02-15; most distinctive in 2021-Q1" in suggested
    examples = [line for line in suggested.splitlines() if line.startswith("  #   ")]
    assert sum("2021-02-" in line for line in examples) == 3
    assert "#   2021-02-01-briefing-0#t001 (2021-02-01): The eviction moratorium protects renters" in suggested
    assert "id: moratorium" not in suggested and "agenda" not in suggested.lower()


def test_a_phrase_an_existing_topic_holds_is_proposed_as_its_term(suggested: str) -> None:
    """A phrase whose paragraphs an existing topic already holds is proposed as a term of that topic."""
    assert "  - id: covid-19\n    title: \"COVID-19\"\n    strong: [\"booster shots\"]\n" in suggested


def test_the_proposals_load_as_a_vocabulary_and_the_vocabulary_is_untouched(content: Path, suggested: str) -> None:
    """The output is valid topics.yml (an editor can load and copy it); content/topics.yml is not edited."""
    path = content.parent / "check.yml"
    path.write_text(suggested, encoding="utf-8")
    assert [t.id for t in load_vocabulary(path, "check.yml").topics] == ["covid-19", "eviction-moratorium"]
    assert (content / "topics.yml").read_text(encoding="utf-8") == VOCABULARY


def test_the_same_archive_gives_the_same_bytes(content: Path, suggested: str) -> None:
    """Proposals are deterministic: no date of the run, a fixed order."""
    out = content.parent / "again.yml"
    CliRunner().invoke(main, ["topics", "suggest", "--content", str(content), "--out", str(out)])
    assert out.read_text(encoding="utf-8") == suggested


def test_the_vocabulary_itself_is_refused_as_output(content: Path) -> None:
    """--out cannot be the vocabulary: the command never edits it in place."""
    result = CliRunner().invoke(main, ["topics", "suggest", "--content", str(content),
                                       "--out", str(content / "topics.yml")])
    assert result.exit_code != 0 and "must not be the vocabulary" in result.output
    assert (content / "topics.yml").read_text(encoding="utf-8") == VOCABULARY
