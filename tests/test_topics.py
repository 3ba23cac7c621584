"""The topic vocabulary: loading topics.yml, the precision rule, and tagging real passages."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from generator.enrich.loader import Loader
from generator.enrich.topics import ASIDE_WORDS, LEAD_WORDS, Vocabulary, load_vocabulary, tag_briefing, tag_paragraphs
from generator.errors import ConfigError
from generator.model import Archive, Briefing, Paragraph, Segment, Speaker, Topic, Turn
from generator.read.parse import parse
from generator.read.source import read_source
from generator.site.briefing_page import briefing_page, chip_topics
from tests.conftest import CORPUS, ROOT, parse_text, vocabulary_from

VOCABULARY = """\
topics:
  - id: drugs
    title: Illicit drugs
    strong: [cocaine]
    weak: [drug, drugs, overdose*]
  - id: fentanyl
    title: Fentanyl
    parents: [drugs]
    strong: [fentanyl, synthetic opioid*]
  - id: haiti
    title: Haiti <b>
    strong: [Haiti]
  - id: mexico
    title: Mexico
    weak: [Mexico, security, border]
    min_weak: 3
"""


def tag(vocabulary: Vocabulary, text: str) -> tuple[str, ...]:
    """The topics of `text` read as a turn of one paragraph with no context, with their parents."""
    return tag_paragraphs(vocabulary, [text])[0][0]


@pytest.fixture
def vocabulary(tmp_path: Path) -> Vocabulary:
    return vocabulary_from(tmp_path, VOCABULARY)


@pytest.fixture(scope="module")
def archive() -> Archive:
    return Loader().load(ROOT / "content", ROOT)


@cache
def corpus_briefing(name: str) -> Briefing:
    shipped = load_vocabulary(ROOT / "content" / "topics.yml", "content/topics.yml")
    return tag_briefing(parse(read_source(CORPUS / "dev" / name)), shipped)


def topics_of(briefing: Briefing, snippet: str) -> tuple[str, ...]:
    """The topics of the one paragraph containing `snippet`."""
    found = [p for t in briefing.turns for p in t.paragraphs if snippet in p.text]
    assert len(found) == 1, snippet
    return found[0].topics


def test_one_strong_term_tags(vocabulary: Vocabulary) -> None:
    """One strong term is enough, and a paragraph counts for the topic's parents too."""
    assert tag(vocabulary, "The fentanyl crisis.") == ("drugs", "fentanyl")


def test_one_weak_term_does_not_tag(vocabulary: Vocabulary) -> None:
    """A passing mention (one weak term, even repeated) does not tag; two different weak terms do."""
    assert tag(vocabulary, "A drug, a drug, a drug.") == ()
    assert tag(vocabulary, "A drug overdose.") == ("drugs",)


def test_min_weak_is_per_topic(vocabulary: Vocabulary) -> None:
    """A topic with `min_weak: 3` needs three different weak terms."""
    assert tag(vocabulary, "Mexico and security.") == ()
    assert tag(vocabulary, "Mexico, security and the border.") == ("mexico",)


def test_a_lone_mention_deep_in_a_long_paragraph_is_an_aside(vocabulary: Vocabulary) -> None:
    """One strong term, once, alone, past the first LEAD_WORDS words of a paragraph of more than
    ASIDE_WORDS words, does not tag, unless the paragraph goes on from one about the topic."""
    def paragraph(before: int, after: int, mention: str = "Haiti") -> str:
        return " ".join(["talk"] * before + [mention] + ["talk"] * after)
    aside = paragraph(LEAD_WORDS, ASIDE_WORDS - LEAD_WORDS)  # ASIDE_WORDS + 1 words
    assert tag(vocabulary, aside) == ()
    assert tag(vocabulary, paragraph(LEAD_WORDS - 1, ASIDE_WORDS - LEAD_WORDS + 1)) == ("haiti",)  # the opening
    assert tag(vocabulary, paragraph(LEAD_WORDS, ASIDE_WORDS - LEAD_WORDS - 1)) == ("haiti",)  # a short paragraph
    assert tag(vocabulary, aside + " Haiti") == ("haiti",)  # the paragraph comes back to it
    assert tag(vocabulary, paragraph(LEAD_WORDS, ASIDE_WORDS, "cocaine drugs")) == ("drugs",)  # in company
    tags = tag_paragraphs(vocabulary, ["On Haiti, nothing.", aside])  # the turn was on it
    assert [topics for topics, _ in tags] == [("haiti",), ("haiti",)]
    tags = tag_paragraphs(vocabulary, [aside, "On Haiti, nothing."])  # context runs forward only
    assert [topics for topics, _ in tags] == [(), ("haiti",)]


def test_terms_spelling_the_same_words_all_count(tmp_path: Path) -> None:
    """Where two topics' terms match the same words (`border`, `border*`) both count; a topic's own
    two spellings of one word still count once."""
    vocabulary = vocabulary_from(tmp_path, """\
topics:
  - {id: a, title: A, weak: [border, wall]}
  - {id: b, title: B, weak: [border*, visa]}
  - {id: c, title: C, weak: [border, border*]}
""")
    assert tag(vocabulary, "The border wall.") == ("a",)
    assert tag(vocabulary, "A border visa.") == ("b",)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("topics:\n  - {id: a, title: A, strong: [x], parents: [a]}\n", 2,
     "topic 'a' is its own ancestor (parents a → a)"),
    ("topics:\n  - {id: a, title: A, strong: [x], parents: [b]}\n  - {id: b, title: B, strong: [y], parents: [c]}\n"
     "  - {id: c, title: C, strong: [z], parents: [a]}\n", 2,
     "topic 'a' is its own ancestor (parents a → b → c → a)"),
    ("topics:\n  - {id: d, title: D, strong: [w], parents: [a]}\n  - {id: a, title: A, strong: [x], parents: [b]}\n"
     "  - {id: b, title: B, strong: [y], parents: [a]}\n", 3, "topic 'a' is its own ancestor (parents a → b → a)"),
])
def test_cyclic_parents_are_refused(tmp_path: Path, text: str, line: int, message: str) -> None:
    """A topic that is its own ancestor through `parents` is a ConfigError at its line, naming it and the loop."""
    with pytest.raises(ConfigError) as caught:
        vocabulary_from(tmp_path, text)
    assert caught.value.location == f"content/topics.yml:{line}"
    assert message in str(caught.value)


def test_matching_ignores_case_accents_possessives_and_punctuation(vocabulary: Vocabulary) -> None:
    """`HAITÍ’s` matches `Haiti`; `synthetic-opioids` matches `synthetic opioid*`; words match whole."""
    assert tag(vocabulary, "HAITÍ’s request.") == ("haiti",)
    assert tag(vocabulary, "Synthetic-opioids.") == ("drugs", "fentanyl")
    assert tag(vocabulary, "Haitianism and cocaineless.") == ()


def test_matches_point_into_the_original_text(vocabulary: Vocabulary) -> None:
    """Match offsets are offsets of the original text, accents and all."""
    text = "En Haití, el fentanilo y la COCAINE."
    assert [text[m.start:m.end] for m in vocabulary.matcher.scan(text).matches] == ["Haití", "COCAINE"]


@pytest.mark.parametrize(("text", "line", "message"), [
    ("topics: [{id: a, title: A}]\n", 1, "a topic needs match rules"),
    ("topics:\n  - {id: a, title: A, strong: ['*']}\n", 2, "bad match rule"),
    ("topics:\n  - {id: a, title: A, strong: ['mi*gra']}\n", 2, "bad match rule"),
    ("topics:\n  - {id: a, title: A, strong: [x]}\n  - {id: a, title: B, strong: [y]}\n", 3,
     "topic id 'a' is already used at line 2"),
    ("topics:\n  - {id: a, title: A, strong: [x], parents: [b]}\n", 2, "unknown parent"),
    ("topics:\n  - {id: a, title: A, strong: [x], min_weak: 0}\n", 2, "min_weak must be a whole number"),
    ("topics:\n  - {id: a, title: A, strong: {x: 1}}\n", 2, "strong must be a list"),
    ("topics:\n  - {id: a, title: A, strong: [x], match: [y]}\n", 2, "unknown key 'match'"),
    ("topics:\n  - id: a\n    title: A\n    strong: [x]\n    since: December 2019\n", 5,
     "since must be a date (YYYY-MM-DD)"),
])
def test_config_errors_name_file_line_and_key(tmp_path: Path, text: str, line: int, message: str) -> None:
    """Every mistake in topics.yml raises ConfigError naming the file, the line and what is wrong."""
    with pytest.raises(ConfigError) as caught:
        vocabulary_from(tmp_path, text)
    assert caught.value.location == f"content/topics.yml:{line}"
    assert message in str(caught.value)


@pytest.mark.parametrize(("snippet", "topic"), [
    ("Let me just say on fentanyl, before turning to my colleagues", "fentanyl"),
    ("So on Haiti, we have for the Haitian people", "haiti"),
    ("OPEC+", "energy"),
    ("Venezuela has seen the exodus of almost 8 million people", "migration"),
    ("under the Bicentennial Framework for Security, Public Health, and Safe Communities", "us-mexico-security"),
    ("There are six states where 50 percent of the", "violence"),
    ("straw purchases", "arms-trafficking"),
    ("the illicit trafficking in weapons", "arms-trafficking"),
    ("increase the capacity of the Haitian National Police", "haiti"),
    ("sham referenda", "russia-ukraine"),
    ("we need to recalibrate the relationship with Saudi Arabia", "energy"),
    ("what cartels are you talking about", "organized-crime"),
    ("Fentanyl is causing the death of 270 people", "fentanyl"),
    ("but insecurity in Mexico is enormous", "violence"),
    ("in Mexico because cartels obtain these weapons", "violence"),
])
def test_seed_passages_that_must_be_tagged(archive: Archive, snippet: str, topic: str) -> None:
    """Passages of the seed that are about a topic carry it."""
    assert topic in topics_of(archive.briefings[0], snippet)


@pytest.mark.parametrize(("snippet", "topic"), [
    ("We’re dealing with headwinds from COVID", "covid-19"),
    ("We’re dealing with headwinds from COVID", "public-health"),
    ("including the United States and Mexico, came together to condemn", "us-mexico-security"),
    ("President López Obrador proposed a security strategy", "violence"),
    ("the outbreak of cholera but, more broadly", "covid-19"),
    ("Every drug lab that is disrupted", "drugs"),
    ("strengthening our competitiveness in the 21st century economy", "economy"),
    ("our second High-Level Economic Dialogue in Mexico City", "trade"),
    ("a better environment for starting a small business", "economy"),
    ("the efforts to end the war in Yemen", "middle-east"),
    ("increase the capacity of the Haitian National Police", "organized-crime"),
    ("are actually controlled by gangs, not by the state", "organized-crime"),
    ("This is the weapons pandemic that we have in Mexico", "public-health"),
    ("proud to play a role in implementing the historic Bicentennial Framework", "public-health"),
    ("Our economies depend upon the efficient flow of trade", "trade"),
])
def test_seed_passages_that_must_not_be_tagged(archive: Archive, snippet: str, topic: str) -> None:
    """Passing mentions in the seed (one weak word, a word repeated, a name dropped once in a long
    paragraph, a term inside another name or a metaphor) do not pad a topic."""
    assert topic not in topics_of(archive.briefings[0], snippet)


BIDEN = "wh-2022-01-19-biden-press-conference-longest.txt"
PRICE = "dos-2021-08-11-press-briefing-price-mixed-label-punct.txt"
ALVARADO = "dos-2021-06-02-blinken-alvarado-jpa-interpreter-label.txt"
TASK_FORCE = "wh-2020-04-13-trump-task-force-briefing-fullpage-long.txt"
MODI = "wh-2025-02-13-trump-modi-joint-press-conference.txt"
LEAVITT = "wh-2025-02-20-leavitt-briefing-indented-labels.txt"
CORPUS_CASES = [
    (BIDEN, "Russia will be held accountable if it invades", "russia-ukraine", True),
    (BIDEN, "and standing up to Russia. Do you think", "russia-ukraine", False),
    (BIDEN, "What’s he for dealing with Russia", "russia-ukraine", False),
    ("wh-2023-09-19-background-call-moderator-sao.txt", "synthetic drugs and the Fentanyl crisis", "fentanyl", True),
    (LEAVITT, "we’re talking about reciprocal trade", "trade", True),
    (LEAVITT, "we’re talking about reciprocal trade", "fentanyl", True),
    (PRICE, "The atrocities that have been reported are repugnant", "human-rights", True),
    (BIDEN, "If you’ve been vaccinated, get your booster shot", "covid-19", True),
    (ALVARADO, "interdicting cocaine and marijuana", "drugs", True),
    (ALVARADO, "to be included in the vaccine donation", "public-health", True),
    (TASK_FORCE, "We’ve committed to small businesses", "economy", True),
    (TASK_FORCE, "the supply of more than 38 million N95 masks nationwide", "covid-19", True),
    (MODI, "reinvigorated the Quad security partnership", "us-mexico-security", False),
    (MODI, "It will run from India to Israel to Italy", "middle-east", False),
    ("dos-2022-04-23-sherman-sannino-jpa-mixed-case-labels.txt", "non-strategic tactical nuclear weapons",
     "arms-trafficking", False),
    (PRICE, "I’ve mentioned Russia, China, Pakistan", "china", False),
    (PRICE, "I’ve mentioned Russia, China, Pakistan", "india", False),
    (PRICE, "hand over former President Bashir", "organized-crime", False),
    (BIDEN, "Ukraine borders four NATO member countries", "migration", False),
    ("dos-2021-06-23-background-briefing-senior-officials.txt", "foreign fighters – Syrians, Chadians, Sudanese",
     "middle-east", False),
    (LEAVITT, "large contingent of independent journalists", "human-rights", False),
    ("dos-2022-06-10-blinken-sinembargo-spanish-interview.txt", "I met yesterday with Cubans, Nicaraguans, Venezuelans",
     "migration", False),
]


@pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason="the shared corpus is not present")
@pytest.mark.parametrize(("name", "snippet", "topic", "tagged"), CORPUS_CASES)
def test_corpus_passages(name: str, snippet: str, topic: str, tagged: bool) -> None:
    """Real passages of the dev corpus are tagged when about the topic, and not for a passing mention."""
    assert (topic in topics_of(corpus_briefing(name), snippet)) is tagged


def test_turn_carries_union_of_paragraph_topics(archive: Archive) -> None:
    """A turn's topics are the union of its paragraphs' topics."""
    for turn in archive.briefings[0].turns:
        assert set(turn.topics) == {t for p in turn.paragraphs for t in p.topics}
    assert "haiti" in next(t for t in archive.briefings[0].turns if t.anchor == "t027").topics


def test_a_chip_implied_by_a_narrower_one_is_left_out() -> None:
    """A turn shows each topic once, and not a broader topic a narrower one of its chips implies (fentanyl
    implies drugs, itself under public health); topics outside the vocabulary get no chip."""
    topics = {t.id: t for t in (Topic("health", "Public health"), Topic("drugs", "Drugs", parents=("health",)),
                                Topic("fentanyl", "Fentanyl", parents=("drugs",)), Topic("haiti", "Haiti"))}
    paragraphs = (Paragraph((Segment("x"),), 1, topics=("drugs", "health", "haiti")),
                  Paragraph((Segment("y"),), 2, topics=("fentanyl", "drugs", "health", "gone")))
    turn = Turn("t001", "MR. X", Speaker("x", "X"), paragraphs, 1)
    assert chip_topics(turn, topics) == ["haiti", "fentanyl"]


def test_topic_chips_are_escaped_links(vocabulary: Vocabulary) -> None:
    """Chips link each turn to its topic pages, titles escaped, out of the search index."""
    briefing = tag_briefing(parse_text("MR. X: On Haiti, nothing.\n\nQ Why?\n"), vocabulary)
    page = briefing_page(briefing, vocabulary.by_id)
    assert "[Haiti &#60;b&#62;](../topics/haiti.md)\n{: .topic-chips }" in page
    assert "<b>" not in page


@pytest.mark.parametrize(("text", "topic", "tagged"), [
    # A vaccine's "red flag" is no gun law; a red flag law is.
    ("The long-term effects are really essentially nonexistent in the sense of anything that has been a red "
     "flag on the part of the follow-up of these individuals.", "gun-policy", False),
    ("Red flag laws keep guns away from people who are a danger to themselves or others.", "gun-policy", True),
    # Israel's booster data of 2021 are COVID-19's, not the Israel–Gaza war's.
    ("The data from Israel show that a booster dose brings the rate of infection down tenfold.",
     "israel-gaza", False),
    ("The data from Israel show that a booster dose brings the rate of infection down tenfold.", "covid-19", True),
    ("Israel has the right to defend itself against Hamas, and we are talking with them about Gaza.",
     "israel-gaza", True),
    # A virus's reproductive number, pregnant women's vaccines: no abortion; the right to choose is.
    ("The reproductive number of the virus is above one in most states.", "abortion", False),
    ("We urge pregnant women to get the vaccine: it protects them and their babies.", "abortion", False),
    ("Women's reproductive health care is under attack in states that ban it.", "abortion", True),
    # The Gender Policy Council named as a host is no abortion passage; a reporter of Israel's Channel 13 no war.
    ("And the Vice President will host an event later today, along with the Gender Policy Council.", "abortion",
     False),
    ("Our next question will go to Neria with Israel Channel 13.", "israel-gaza", False),
    # Hostage negotiations are no debt ceiling; holding the economy hostage over the debt limit is no hostage.
    ("The negotiations to get the hostages out of Gaza continue, and Qatar is helping.", "debt-ceiling", False),
    ("They are taking the debt ceiling hostage, and you cannot negotiate over paying our bills.", "hostages", False),
    ("They are taking the debt ceiling hostage, and you cannot negotiate over paying our bills.", "debt-ceiling",
     True),
])
def test_shipped_vocabulary_guards_senses(text: str, topic: str, tagged: bool) -> None:
    """Sense guards of the shipped vocabulary, on sentences of the kind the White House archive holds."""
    shipped = load_vocabulary(ROOT / "content" / "topics.yml", "content/topics.yml")
    assert (topic in tag(shipped, text)) is tagged, tag(shipped, text)
