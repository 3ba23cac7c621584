"""The tagging rules of `generator/enrich/topics.py` and `mentions.py`, each on an inline snippet:
word forms, demonyms and acronyms, sense guards, lists of subjects, passing mentions, and context
(the continued turn, the answered question, the title) weighed below a paragraph's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.enrich.topics import Vocabulary, tag_briefing, tag_paragraphs
from tests.conftest import parse_text, vocabulary_from

VOCABULARY = """\
topics:
  - id: foreign-policy
    title: Foreign policy
    umbrella: true
    strong: [foreign policy, diplomacy]
  - id: migration
    title: Migration
    strong: [migra*, immigration, asylum, DACA]
    weak: [border, flow]
  - id: north-korea
    title: North Korea
    parents: [foreign-policy]
    strong: [North Korea, North Korean, DPRK, Pyongyang, Kim Jong Un]
  - id: russia-ukraine
    title: Russia and Ukraine
    parents: [foreign-policy]
    strong: [Ukraine, Ukrainian*, Kyiv]
    weak: [Russia*, sanctions, war]
    implicit: [this war, the war, the invasion]
  - id: covid-19
    title: COVID-19
    strong: [COVID-19, coronavirus, vaccine, pandemic]
    implicit: [the virus]
  - id: violence
    title: Violence
    strong: [homicide*, {term: insecurity, near: [border, violence, citizen*, crime]},
             {term: killed, not_near: [war, troops]}]
  - id: fentanyl
    title: Fentanyl
    strong: [fentanyl]
  - id: climate
    title: Climate
    strong: [climate crisis, climate change]
  - id: corruption
    title: Corruption
    strong: [corruption]
  - id: immigration-agency
    title: ICE
    strong: [{term: ICE, exact_case: true}]
"""


@pytest.fixture(scope="module")
def vocabulary(tmp_path_factory: pytest.TempPathFactory) -> Vocabulary:
    return vocabulary_from(tmp_path_factory.mktemp("vocabulary"), VOCABULARY)


def tag(vocabulary: Vocabulary, *paragraphs: str) -> list[tuple[str, ...]]:
    """The topics of each paragraph of one turn with no other context."""
    return [topics for topics, _ in tag_paragraphs(vocabulary, list(paragraphs))]


def briefing_topics(vocabulary: Vocabulary, text: str) -> list[tuple[str, ...]]:
    """The topics of every paragraph of a snippet transcript, in order."""
    briefing = tag_briefing(parse_text(text), vocabulary)
    return [p.topics for t in briefing.turns for p in t.paragraphs]


FILLER = "We talked about many things with our partners today and we will keep talking about them."
"""Seventeen words about nothing in particular."""


# ---- matching: word forms, demonyms, acronyms, senses ----

@pytest.mark.parametrize("text", [
    "Immigration is up.", "The migrants arrived.", "Migratory flows.",  # `migra*` and `immigration`
    "North Koreans protested.", "The DPRK fired a missile.",  # a demonym's plural, an acronym
    "Ukrainians are fighting.", "Vaccines work.", "The vaccinated are safer.",  # inflections by stem
])
def test_terms_match_their_word_forms(vocabulary: Vocabulary, text: str) -> None:
    """A term matches its inflections and derived forms (Snowball stem), `word*` any ending, and a
    demonym or acronym listed as a term matches on its own."""
    assert tag(vocabulary, text) != [()]


def test_a_term_names_the_form_it_starts_from(vocabulary: Vocabulary) -> None:
    """A stem shared by unrelated words does not match them: `vaccine` is no `vacate`, `Korean` no `Korea`
    alone (the term is `North Korea`), and a word only starting like a term is no match."""
    assert tag(vocabulary, "They vacated the building.", "South Korea is an ally.", "Ukrainia is no country.") \
        == [(), (), ()]


def test_exact_case_terms_match_only_as_written(vocabulary: Vocabulary) -> None:
    """An `exact_case` term (`ICE`) matches the capitals as written, not the common word (`ice`)."""
    assert tag(vocabulary, "ICE detained him.") == [("immigration-agency",)]
    assert tag(vocabulary, "The ice melted.") == [()]


def test_sense_guards_need_their_neighbours(vocabulary: Vocabulary) -> None:
    """A `near` term counts only in a sentence holding one of its neighbours ("insecurity" with "crime",
    not "food insecurity"); a `not_near` term never in one holding one of its forbidden neighbours
    ("killed" in a war is the war, not violence)."""
    assert tag(vocabulary, "Insecurity and crime are rising.") == [("violence",)]
    assert tag(vocabulary, "Food insecurity is rising.") == [()]
    assert tag(vocabulary, "Two people were killed in the city.") == [("violence",)]
    assert "violence" not in tag(vocabulary, "Troops killed two soldiers.")[0]


# ---- where a mention stands: lists and passing mentions ----

def test_a_topic_named_only_in_a_list_of_subjects_does_not_tag(vocabulary: Vocabulary) -> None:
    """Items of a list of subjects ("like COVID-19, like the climate crisis, like corruption") count
    for little: the paragraph is about what frames the list."""
    text = "We face challenges like COVID-19, like the climate crisis, like migration, like corruption."
    assert tag(vocabulary, text) == [()]


def test_a_list_mostly_of_one_topic_is_about_that_topic(vocabulary: Vocabulary) -> None:
    """A topic holding more than half of a list's items is what the list is about, not an item."""
    assert tag(vocabulary, "We discussed migration, asylum and corruption.") == [("migration",)]


def test_what_frames_a_list_is_no_item_of_it(vocabulary: Vocabulary) -> None:
    """A mention before a word that opens a list (`including`, `whether`, `such as`) frames the list:
    it tags, while the items after it do not."""
    text = "We are fighting corruption, including fentanyl, migration and the climate crisis."
    assert tag(vocabulary, text) == [("corruption",)]
    assert tag(vocabulary, "We are fighting corruption, fentanyl, migration and the climate crisis.") == [()]


def test_a_subject_a_question_asks_about_tags_wherever_it_stands(vocabulary: Vocabulary) -> None:
    """A mention a question announces ("Can I ask a little bit about fentanyl") is its subject, not an
    aside, even deep in a long paragraph; the same mention said in passing is an aside."""
    long = " ".join([FILLER] * 4)
    assert tag(vocabulary, f"{long} Can I ask a little bit about fentanyl now? {FILLER}") == [("fentanyl",)]
    assert tag(vocabulary, f"{long} We also thought a little bit about fentanyl. {FILLER}") == [()]


def test_a_journey_named_is_no_subject(vocabulary: Vocabulary) -> None:
    """A mention that only names a trip ("the Ukraine trip", "we head to Warsaw for Ukraine") is travel
    logistics and counts nothing; the same word as what is discussed tags."""
    assert tag(vocabulary, "There will be more to come on the Ukraine trip.") == [()]
    assert tag(vocabulary, "After that we head to Warsaw for Ukraine talks.") == [()]
    assert tag(vocabulary, "We will keep fighting for Ukraine.") == [("foreign-policy", "russia-ukraine")]


def test_a_word_both_strong_and_weak_counts_once(tmp_path: Path) -> None:
    """A word a topic lists as strong and, in another form, as weak (`schools`, `school`) is one mention:
    once beside a topic the paragraph dwells on, it is passing."""
    vocabulary = vocabulary_from(tmp_path, "topics:\n  - id: education\n    title: Education\n    strong: [schools]\n    weak: [school]\n"
                                 "  - id: infrastructure\n    title: Infrastructure\n    strong: [infrastructure, broadband]\n")
    text = ("Infrastructure is not just the roads we get a horse and buggy across. Infrastructure is about "
            "broadband. It is about replacing lead pipes so people have clean water. It is about rebuilding our "
            "schools. And so we are happy to hear proposals on infrastructure.")
    assert tag(vocabulary, text) == [("infrastructure",)]


def test_a_clause_of_its_own_tags_wherever_it_stands(vocabulary: Vocabulary) -> None:
    """A mention that is the subject of a clause with its own verb is no aside, even deep in a long
    paragraph, and even with a short phrase between it and its verb."""
    long = " ".join([FILLER] * 4)
    assert tag(vocabulary, f"{long} Fentanyl, which is killing people, comes across. {FILLER}") == [("fentanyl",)]
    assert tag(vocabulary, f"{long} Insecurity in Mexico is enormous, with crime everywhere. {FILLER}") \
        == [("violence",)]


def test_a_passing_mention_deep_in_a_long_paragraph_does_not_tag(vocabulary: Vocabulary) -> None:
    """One strong term, once, past the paragraph's opening words, with no verb of its own, is an aside."""
    long = " ".join([FILLER] * 4)
    assert tag(vocabulary, f"{long} We also spoke about fentanyl. {FILLER}") == [()]


def test_a_mention_beside_a_dominant_topic_is_passing(vocabulary: Vocabulary) -> None:
    """A topic named once in a paragraph that dwells on another (named twice or more) is passing."""
    text = ("Ukraine needs air defense now. Kyiv was hit again last night, and the Ukrainian people are "
            "resilient. We will support Ukraine as long as it takes, as we said on the pandemic too, with "
            "partners and allies around the world.")
    assert tag(vocabulary, text) == [("foreign-policy", "russia-ukraine")]
    weak = text.replace("on the pandemic too", "on the flow at the border too")
    assert tag(vocabulary, weak) == [("foreign-policy", "russia-ukraine")]
    assert tag(vocabulary, "We spoke about the flow at the border.") == [("migration",)]


# ---- context ----

def test_a_paragraph_continues_its_turn(vocabulary: Vocabulary) -> None:
    """A paragraph that names no topic of its own takes the topics of the paragraph before it in
    its turn; context runs forward only."""
    assert tag(vocabulary, "Ukraine needs air defense.", "So it means this will take some time.") \
        == [("foreign-policy", "russia-ukraine"), ("foreign-policy", "russia-ukraine")]
    assert tag(vocabulary, "So it means this will take some time.", "Ukraine needs air defense.") \
        == [(), ("foreign-policy", "russia-ukraine")]


def test_an_answer_takes_the_topic_of_its_question(vocabulary: Vocabulary) -> None:
    """An answer that does not name its subject is about what was asked; an implicit phrase ("this
    war") is confirmed by the question's topic."""
    topics = briefing_topics(vocabulary, "Q: Will you send more aid to Ukraine?\n\n"
                             "MS. PSAKI: We don't know that right now.\n\n"
                             "Q: When will this war end?\n\n"
                             "MS. PSAKI: I can't predict that.\n")
    assert topics == [("foreign-policy", "russia-ukraine")] * 4


def test_a_paragraph_going_on_takes_what_the_question_and_its_turn_agree_on(vocabulary: Vocabulary) -> None:
    """Where the paragraph before named two topics, a paragraph naming none takes the one the question
    asked about too (context sources that agree weigh more), not both."""
    topics = briefing_topics(vocabulary, "Q: Will you send more aid to Ukraine?\n\n"
                             "MS. PSAKI: Ukraine will get what it needs, and fentanyl is killing people.\n\n"
                             "So it means this will take some time.\n")
    assert topics[1:] == [("foreign-policy", "russia-ukraine", "fentanyl"), ("foreign-policy", "russia-ukraine")]


def test_an_answer_that_changes_subject_keeps_its_own(vocabulary: Vocabulary) -> None:
    """An answer that turns to another topic is about that topic, not the question's."""
    topics = briefing_topics(vocabulary, "Q: Will you send more aid to Ukraine?\n\n"
                             "MS. PSAKI: Let me first say something on fentanyl, which is killing people.\n")
    assert topics == [("foreign-policy", "russia-ukraine"), ("fentanyl",)]


def test_a_listed_mention_does_not_keep_the_questions_topic(vocabulary: Vocabulary) -> None:
    """An answer that changes subject keeps the question's topic only where its own words give it half
    a mention (one weak term of two), not where they name it as one item of a list."""
    question = "Q: Will you send more aid to Ukraine?\n\n"
    listed = briefing_topics(vocabulary, question + "MS. PSAKI: Fentanyl is killing people. We also face "
                             "corruption, migration and sanctions.\n")
    assert listed[-1] == ("fentanyl",)
    weak = briefing_topics(vocabulary, question + "MS. PSAKI: Fentanyl is killing people, and sanctions matter too.\n")
    assert weak[-1] == ("foreign-policy", "russia-ukraine", "fentanyl")


def test_procedure_takes_nothing_from_context(vocabulary: Vocabulary) -> None:
    """A paragraph that only runs the briefing ("Go ahead", "Last question", a name called) carries no
    topic; a one-word answer ("No.") is no call."""
    topics = briefing_topics(vocabulary, "Q: Will you send more aid to Ukraine?\n\n"
                             "MS. PSAKI: Ukraine will get what it needs.\n\n"
                             "Last question. Go ahead.\n")
    assert topics[-1] == ()
    topics = briefing_topics(vocabulary, "Q: Will you send more aid to Ukraine?\n\n"
                             "MS. PSAKI: Ukraine will get what it needs.\n\n"
                             "Let’s go to the next one. Thank you very much for being here.\n")
    assert topics[-1] == ()  # typographic apostrophes, "very much"
    topics = briefing_topics(vocabulary, "Q: Will you send more aid to Ukraine?\n\n"
                             "MR. SINGH: No.\n\nMS. PSAKI: Memoli.\n")
    assert topics[1:] == [("foreign-policy", "russia-ukraine"), ()]  # an answer, then a name called


def test_the_title_weighs_below_the_paragraphs_own_words(vocabulary: Vocabulary) -> None:
    """The briefing's title alone does not tag a paragraph that names nothing, but it confirms a weak
    or implicit mention: "the virus" in a briefing titled on COVID-19."""
    text = "---\ntitle: Press Briefing by the Coronavirus Task Force\n---\nMR. X: We have a lot of work to do today.\n\n" \
           "The virus is spreading.\n"
    assert briefing_topics(vocabulary, text) == [(), ("covid-19",)]


def test_context_never_outweighs_a_change_of_subject_in_the_question(vocabulary: Vocabulary) -> None:
    """A question on a new subject resets the exchange: its answer does not inherit the old one."""
    topics = briefing_topics(vocabulary, "Q: Will you send more aid to Ukraine?\n\n"
                             "MS. PSAKI: Ukraine will get what it needs.\n\n"
                             "Q: And on migration at the border?\n\n"
                             "MS. PSAKI: We are working on it.\n")
    assert topics[-1] == ("migration",)


def test_a_question_on_a_new_subject_resets_an_exchange_that_also_named_its_umbrella(vocabulary: Vocabulary) -> None:
    """An exchange on North Korea that also named diplomacy (their umbrella) is still on North Korea: a
    question on Ukraine changes the subject, so its answer does not inherit North Korea."""
    topics = briefing_topics(vocabulary, "Q: Is there any diplomacy with North Korea?\n\n"
                             "MS. PSAKI: North Korea knows our diplomacy is open.\n\n"
                             "Q: Has North Korea answered?\n\n"
                             "MS. PSAKI: Not yet.\n\n"
                             "Q: And Ukraine?\n\n"
                             "MS. PSAKI: We will have more for you soon.\n")
    assert topics[-1] == ("foreign-policy", "russia-ukraine")


def test_a_paragraph_after_a_round_up_inherits_none_of_its_subjects(vocabulary: Vocabulary) -> None:
    """A paragraph that names nothing after one on three unrelated subjects (a schedule, a round-up)
    continues none of them in particular; after one on two, it continues both."""
    three = briefing_topics(vocabulary, "MS. PSAKI: Ukraine will get what it needs. The pandemic is not over. "
                            "Fentanyl is killing people.\n\nWe will have more on all of that tomorrow.\n")
    assert three[-1] == ()
    two = briefing_topics(vocabulary, "MS. PSAKI: Ukraine will get what it needs. Fentanyl is killing people.\n\n"
                          "We will have more on all of that tomorrow.\n")
    assert two[-1] == ("foreign-policy", "russia-ukraine", "fentanyl")


def test_the_words_of_one_wildcard_term_are_one_weak_mention(tmp_path: Path) -> None:
    """`Mexic*` matching `Mexico` and `Mexican` is one weak term, as the header of topics.yml promises;
    two terms matching the same word (`retire*`, `retirement`) are one too, wherever the word recurs."""
    vocabulary = vocabulary_from(tmp_path, "topics:\n  - id: security\n    title: Security\n    weak: [Mexic*, extradit*]\n"
                                 "  - id: pensions\n    title: Pensions\n    weak: [retire*, retirement, seniors]\n")
    assert tag(vocabulary, "Mexico is a partner and Mexican officials came today.") == [()]
    assert tag(vocabulary, "Mexico asked us to extradite him.") == [("security",)]
    assert tag(vocabulary, "Since he announced his retirement, he has retired twice.") == [()]
    assert tag(vocabulary, "His retirement will hurt seniors.") == [("pensions",)]


def test_a_paragraph_dwelling_on_a_broader_subject_does_not_take_the_narrower_one(tmp_path: Path) -> None:
    """Naming only the region once, in an exchange on one of its countries, continues the exchange
    ("the Netherlands has sent howitzers", on Ukraine); naming it twice or more is talking about the
    region itself ("relations between Korea and Japan", after questions on North Korea)."""
    vocabulary = vocabulary_from(tmp_path, "topics:\n  - id: asia\n    title: Asia\n    strong: [Japan, Korea]\n"
                                 "  - id: north-korea\n    title: North Korea\n    parents: [asia]\n    strong: [North Korea, Pyongyang]\n")
    question = "Q: What did you hear from Pyongyang?\n\nMS. PSAKI: North Korea has not answered.\n\n"
    once = briefing_topics(vocabulary, question + "Q: Will Japan help?\n\nMR. X: We expect it will.\n")
    assert once[-2] == ("asia", "north-korea")
    dwells = briefing_topics(vocabulary, question + "Q: Will Japan and Korea mend their relations?\n\nMR. X: We hope so.\n")
    assert dwells[-2] == ("asia",)


def test_naming_the_narrower_topics_own_country_twice_is_no_dwelling_on_the_region(tmp_path: Path) -> None:
    """Mexico named twice in an exchange on U.S.–Mexico security, `Mexico` being a word of that topic too,
    continues the exchange: the paragraph does not dwell on the region."""
    vocabulary = vocabulary_from(tmp_path, "topics:\n  - id: americas\n    title: Americas\n    strong: [Mexico, Mexican, Brazil]\n"
                                 "  - id: mexico-security\n    title: Security\n    parents: [americas]\n"
                                 "    strong: [security dialogue]\n    weak: [Mexic*, extradit*]\n    min_weak: 3\n")
    question = "Q: What came of the security dialogue?\n\nMS. PSAKI: The security dialogue went well.\n\n"
    topics = briefing_topics(vocabulary, question + "Q: Is Mexico safer now? Are Mexican towns calmer?\n")
    assert topics[-1] == ("americas", "mexico-security")
    topics = briefing_topics(vocabulary, question + "Q: Is Brazil safer now? Are Brazil's towns calmer?\n")
    assert topics[-1] == ("americas",)


def test_a_paragraph_that_announces_a_new_subject_continues_nothing(vocabulary: Vocabulary) -> None:
    """"Finally, …", "On a lighter note, …", "Switching gears, …" start a new item or question: the
    paragraph takes nothing from the paragraph before or the exchange, and such a question starts afresh."""
    statement = briefing_topics(vocabulary, "MS. PSAKI: Ukraine will get what it needs.\n\n"
                                "Finally, I want to thank our team for their work this year.\n")
    assert statement[-1] == ()
    question = briefing_topics(vocabulary, "Q: Will you send more aid to Ukraine?\n\n"
                               "MS. PSAKI: Ukraine will get what it needs.\n\n"
                               "Q: On a lighter note, will he watch the game tonight?\n\n"
                               "MS. PSAKI: He will.\n")
    assert question[-2:] == [(), ()]


def test_a_paragraph_going_on_without_naming_its_subject_fades(vocabulary: Vocabulary) -> None:
    """Each paragraph that goes on without naming the topic holds it less (0.85 of the one before):
    after three the turn has moved on. A source that only faintly holds the topic (the exchange, faded,
    in a turn's later paragraphs) corroborates nothing and keeps no chain alive."""
    filler = "We will keep working on it with our partners, as we have said many times before.\n\n"
    topics = briefing_topics(vocabulary, "Q: What about the sanctions?\n\n"
                             "MS. PSAKI: Ukraine will get what it needs.\n\n" + filler * 5)
    assert topics[1:5] == [("foreign-policy", "russia-ukraine")] * 4
    assert topics[5:] == [(), ()]


def test_a_question_that_only_announces_its_subjects_carries_none(vocabulary: Vocabulary) -> None:
    """"One on Ukraine and two on COVID" asks nothing: the paragraphs that ask carry the subjects. A
    paragraph that asks ("One on Ukraine: will you send more?") carries its own."""
    topics = briefing_topics(vocabulary, "Q: Thank you. One on Ukraine and two on the pandemic, if you will indulge me.\n\n"
                             "Will you send more aid to Kyiv?\n")
    assert topics == [(), ("foreign-policy", "russia-ukraine")]
    assert briefing_topics(vocabulary, "Q: One on Ukraine: will you send more aid?\n") == [("foreign-policy", "russia-ukraine")]
    says = "Q: One on Ukraine. There was a drone strike in Kyiv, if I may put it so. I wonder if you saw it.\n"
    assert briefing_topics(vocabulary, says) == [("foreign-policy", "russia-ukraine")]  # no question mark, but it asks


def test_a_subject_named_only_as_a_yardstick_is_an_aside(vocabulary: Vocabulary) -> None:
    """"Bigger than China's", "worse than the pandemic": what a comparison measures against is not what
    the paragraph is about, even in a short one; a yardstick that is a clause's subject still counts."""
    assert tag(vocabulary, "Our economy is bigger than North Korea's, by a lot.") == [()]
    assert tag(vocabulary, "This is worse than the pandemic.") == [()]
    assert tag(vocabulary, "We are stronger than North Korea is.") == [("foreign-policy", "north-korea")]
    assert tag(vocabulary, "We have no closer partner than North Korea's neighbours.") == [("foreign-policy", "north-korea")]
    assert tag(vocabulary, "We weighed every option other than North Korea.") == [("foreign-policy", "north-korea")]


def test_a_narrower_topic_beside_the_one_a_paragraph_dwells_on_is_not_passing(tmp_path: Path) -> None:
    """"Drug trafficking … including fentanyl": naming the dominant topic more narrowly is no passing
    mention of something else; an unrelated topic named once beside it still is."""
    vocabulary = vocabulary_from(tmp_path, "topics:\n  - id: drugs\n    title: Drugs\n    strong: [drug trafficking, cocaine]\n"
                                 "  - id: fentanyl\n    title: Fentanyl\n    parents: [drugs]\n    strong: [fentanyl]\n"
                                 "  - id: trade\n    title: Trade\n    strong: [tariffs]\n")
    text = ("He will also be briefed on our new actions to crack down on drug trafficking, on the cocaine that "
            "crosses the border every day and on the traffickers smuggling deadly drugs, including fentanyl, "
            "into our communities, and on {}.")
    assert tag(vocabulary, text.format("what we do next")) == [("drugs", "fentanyl")]
    assert tag(vocabulary, text.format("the tariffs")) == [("drugs", "fentanyl")]


def test_an_umbrella_gives_way_only_to_its_narrower_topics(vocabulary: Vocabulary) -> None:
    """An umbrella topic a paragraph names stays beside an unrelated topic (U.S. forces in Japan are
    national security and the Asia-Pacific); beside a narrower one it is only that one's parent."""
    assert tag(vocabulary, "Our diplomacy is working, and fentanyl is killing people.") == [("foreign-policy", "fentanyl")]
    assert tag(vocabulary, "Our diplomacy with Kyiv is working.") == [("foreign-policy", "russia-ukraine")]


def test_a_topic_is_not_given_to_a_briefing_from_before_it_came_to_be(tmp_path: Path) -> None:
    """A topic with `since` (COVID-19 from December 2019) tags no briefing dated before: its terms there
    mean something else (the 2003 coronavirus is SARS) and count for nothing, nor do they for its narrower
    topics; the broader topic keeps what its own terms say. From that day on, it tags."""
    vocabulary = vocabulary_from(tmp_path, "topics:\n"
                                 "  - {id: public-health, title: Public health, strong: [outbreak*, SARS]}\n"
                                 "  - {id: covid-19, title: COVID-19, parents: [public-health], since: 2019-12-01,\n"
                                 "     strong: [coronavirus, lockdown*]}\n"
                                 "  - {id: omicron, title: Omicron, parents: [covid-19], strong: [variant*]}\n")
    text = ("DR. GERBERDING: The SARS outbreak is caused by a new coronavirus.\n\n"
            "DR. GERBERDING: The coronavirus is a variant; schools are in lockdown.\n")
    dated = "---\ndate: {}\n---\n"
    assert briefing_topics(vocabulary, dated.format("2003-04-14") + text) == [("public-health",), ()]
    for date in ("2019-12-01", "2022-01-02"):
        assert briefing_topics(vocabulary, dated.format(date) + text) == [
            ("public-health", "covid-19"), ("public-health", "covid-19", "omicron")]
    old = tag_briefing(parse_text(dated.format("2003-04-14") + text), vocabulary)
    assert [h[2] for t in old.turns for p in t.paragraphs for h in p.hits] == ["public-health", "public-health"]
