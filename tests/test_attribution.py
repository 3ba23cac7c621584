"""Who asked and who spoke: calls, self-introductions, follow-ups, outlets from a list, officials named by
the document, the speakers index in sections, `people` and `check` (issue 13). Rules with inline snippets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import parse_text

from generator.cli import main
from generator.enrich.annotate import resolve_speakers
from generator.enrich.outlets import Outlets, load_outlets
from generator.enrich.registry import Registry, load_registry
from generator.errors import ConfigError
from generator.model import Archive, Outlet, Reporter, Speaker
from generator.read.calls import introduction, read_call
from generator.read.introductions import title_people
from generator.site.briefing_page import briefing_page
from generator.site.pages import archive_people_pages
from generator.site.speaker_pages import speaker_sections

ROOT = Path(__file__).resolve().parent.parent


# --- calls ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "outlet", "given_only"), [
    ("Go ahead, Peter.", "Peter", "", True),
    ("Yes, Kristen?", "Kristen", "", True),
    ("Next question, Nick Wadhams of Bloomberg.", "Nick Wadhams", "Bloomberg", False),
    ("And now let's go to the line of Michelle Hackman.", "Michelle Hackman", "", False),
    ("I'm recognizing Steve Portnoy.", "Steve Portnoy", "", False),
    ("Our next question will come from the line of Andrea Shalal of Reuters. Please, go ahead.",
     "Andrea Shalal", "Reuters", False),
    ("Mary Bruce, ABC.", "Mary Bruce", "ABC", False),
    ("Ken, the Wall Street Journal.  Ken Thomas.", "Ken Thomas", "Wall Street Journal", False),
    ("Jordan, go ahead. Go ahead.", "Jordan", "", True),
    ("The first question goes to Helen Branswell from STAT. Helen, please unmute.", "Helen Branswell", "STAT", False),
    ("Next is Simone. Simone, please unmute yourself.", "Simone", "", True),
    ("Kelly O, the floor is yours.", "Kelly O", "", True),
    ("No opening statement. Lita, over to you.", "Lita", "", True),
    ("Zeke Miller, you’re open. Please go ahead.", "Zeke Miller", "", False),
    ("We will start with Aamer. You should be unmuted now.", "Aamer", "", True),
    ("It will be Marco Marin from digital media El Observador.  Marco.", "Marco Marin", "El Observador", False),
    ("Okay, go — Seung Min, just kick us off.", "Seung Min", "", False),
    ("Ed, and then S.V.", "Ed", "", True),
    ("With that, I’d love to take your question, Zeke.  Why don’t you kick us off?", "Zeke", "", True),
    ("Thank you.  We start with the first question, by Lea Marchal, journalist for Agence Europe representing "
     "the Brussels press.", "Lea Marchal", "Agence Europe", False),
    ("And I’ll turn it over to Gavin Bade for our last question.", "Gavin Bade", "", False),
    ("That all being said, I will turn it over to John to get us started.", "John", "", True),
    ("With that, I will turn it over to Lael, who will walk you through it.", "Lael", "", True),
    ("All right, Kelly O, last question.", "Kelly O", "", True),
    ("All right. Next question, Jennifer Griffin, Fox.", "Jennifer Griffin", "Fox", False),
    ("Let me go to Lucas Tomlinson from Fox.", "Lucas Tomlinson", "Fox", False),
    ("With that, let me go to Associated Press, Lita Baldor.", "Lita Baldor", "Associated Press", False),
    ("Let’s go to Sabrina Siddiqui, Wall Street Journal.", "Sabrina Siddiqui", "Wall Street Journal", False),
    ("Thank you very much. We start with the first question, Agence Europe, Lea Marchal.", "Lea Marchal",
     "Agence Europe", False),
    ("I know. Okay. I’m going to take one — go ahead, Alex, in the back.", "Alex", "", True),
    ("We can now move on to a question by Illian (ph) who is 18 years old and is from Toulouse.", "Illian", "", True),
    ("Another question from Danny (ph) in the comments.", "Danny", "", True),
    ("We have now a question from Jean around the Uyghurs.", "Jean", "", True),
    ("But I’ll now turn it over to Josh Sweigart, who I believe I saw had the first hand up.", "Josh Sweigart", "",
     False),
    ("We will take the next question from Mary Bruce of ABC on the economy.", "Mary Bruce", "ABC", False),
    ("I like that. Okay, Ben Feller from the Associated Press will lead us off with questions.", "Ben Feller",
     "Associated Press", False),
    ("Zeke will kick us off.", "Zeke", "", True),
    ("So, with that, Zeke, kick it off.", "Zeke", "", True),
    ("I have to wrap this up in a minute, but, Patsy, go ahead.", "Patsy", "", True),
    ("I don’t have any opening comments, so Matt, do you want to kick us off?", "Matt", "", True),
    ("So with that, I'll take your questions. Tony, I'll begin with you.", "Tony", "", True),
    ("Okay. Sam, your question again?", "Sam", "", True),
    ("Hold on. Let me come to Sam, because I cut him off.", "Sam", "", True),
])
def test_a_call_names_the_reporter(text: str, name: str, outlet: str, given_only: bool) -> None:
    """A turn's closing call names a reporter, with the outlet when called, and says when only a given name was."""
    call = read_call([text])
    assert call is not None and call.reporter == Reporter(name, outlet, given_only)


def test_a_word_the_document_addresses_someone_by_is_a_name_there() -> None:
    """Said Arikat asks in nearly every State Department briefing; `said` is a word the briefing also writes, so
    `Said.` named nobody. Addressed twice mid-sentence (`Well, Said, as you alluded to`, `Thanks, Said.`) it is a
    name in that briefing; `Yes` is never one, however often it stands between commas."""
    text = ("MR PRICE: Said.\n\nQUESTION: Thank you, Ned. What has the Secretary said to the Israelis?\n\n"
            "MR PRICE: Well, Said, as you alluded to, we have said this before.\n\nQUESTION: But nothing more?\n\n"
            "MR PRICE: Thanks, Said. Shaun.\n\nQUESTION: On Iran?\n\nMR PRICE: Yes. We said so. Yes, Yes, we did. Yes.\n\n"
            "QUESTION: Yes?\n")
    asked = [t.reporter for t in parse_text(text).turns if t.question]
    assert asked == [Reporter("Said", "", True), Reporter("Said", "", True), Reporter("Shaun", "", True), None]
    once = text.replace("Thanks, Said. Shaun.", "Thanks. Shaun.")  # addressed once: still a word
    assert [t.reporter for t in parse_text(once).turns if t.question][0] is None


@pytest.mark.parametrize(("opening", "name"), [("And, Peter, I just said that.", "Peter"),
                                             ("But, Kristen, the way diplomacy works.", "Kristen"),
                                             ("Look, Mike, I think it’s easy.", "Mike"), ("No, but Matt, I —", "Matt")])
def test_an_answer_turning_to_its_asker_names_an_uncalled_question(opening: str, name: str) -> None:
    """A follow-up nobody called is the reporter the answer turns to at its opening, after `And`, `But`, `Look` or
    `No` as after `Well` (`And, Peter, I just said that.`, the White House; `No, but Matt, I —`, the State Department)."""
    text = f"MS. PSAKI: Go ahead.\n\nQ This is now a bigger issue?\n\nMS. PSAKI: {opening}\n"
    assert parse_text(text).turns[1].reporter == Reporter(name, "", True)


def test_a_given_name_called_is_the_full_name_the_turn_introduced() -> None:
    """`We have John Stoll, who is … John, why don't you begin.`: the caller introduced him in full;
    a famous namesake only mentioned, or two people of that given name, leave the given name alone."""
    introduced = ["We have John Stoll, who is the head of news at X.  As you all know, it is a platform.",
                  "Prior to joining X, John spent two decades in journalism.", "John, why don’t you begin."]
    assert read_call(introduced).reporter == Reporter("John Stoll", "")  # type: ignore[union-attr]
    assert read_call(["All right, next question. Let’s go to Betsy Klein at CNN.", "Betsy?"]).reporter \
        == Reporter("Betsy Klein", "CNN")  # type: ignore[union-attr]
    mentioned = ["I spoke with John Kerry yesterday about the climate talks.", "John, go ahead."]
    assert read_call(mentioned).reporter == Reporter("John", "", True)  # type: ignore[union-attr]
    two = ["We have John Stoll, who is with Reuters.  We have John Smith, who is with CNN.", "John, go ahead."]
    assert read_call(two).reporter == Reporter("John", "", True)  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [
    "I'd refer you to the Department of Justice.",
    "Then you go to Los Angeles.",
    "We'll go ahead and",
    "I would have to defer to Michael Regan.",
    "Thank you, Mr. Hawthorne.",
    "Well, look, Peter, that's the point we made.",
    "We support the democratic aspirations of the people of Belarus.",
    "The line of the Department is clear.",
    "Go ahead, <script>alert(1)</script>.",
    "Happy Friday.",
    "Okay, Mary, Nandita, and then (inaudible).",
    "As the President said, America, go ahead.",
])
def test_answers_call_nobody(text: str) -> None:
    """Nothing in the body of an answer names a reporter: third parties, places, vocatives, markup."""
    call = read_call([text])
    assert call is None or call.reporter is None


@pytest.mark.parametrize("text", ["Go ahead.", "Yes, sir.", "Yeah, blue shirt.", "Please, Kristen [sic].",
                                  "Okay. Just two more. Go ahead. Go ahead, yeah.", "Let’s go to ."])
def test_unnamed_calls_give_the_floor_to_nobody_named(text: str) -> None:
    """A call without a name (or with one the transcript marks as wrong or inaudible, its stage direction
    taken out) ends the previous attribution."""
    assert read_call([text]) is not None and read_call([text]).reporter is None  # type: ignore[union-attr]


def test_a_word_briefings_write_in_lower_case_is_no_lone_name() -> None:
    """`It's really shameful. Truly.` ends an answer, calls nobody by name (`truly` is a word briefings write
    in lower case); `All right, Josh. Do you want to kick us off?` calls Josh, not `Do`."""
    lower = frozenset({"the", "it"})
    assert read_call(["And it’s really shameful that this is what they choose. Truly."], lower=lower).reporter is None  # type: ignore[union-attr]
    assert read_call(["Oh, good. Timely."], lower=lower).reporter is None  # type: ignore[union-attr]
    assert read_call(["Both are encouraged by the progress.", "All right, Josh. Do you want to kick us off?"],
                     lower=lower | {"do"}).reporter == Reporter("Josh", "", True)  # type: ignore[union-attr]
    assert read_call(["That is the answer. Peter."], lower=lower).reporter == Reporter("Peter", "", True)  # type: ignore[union-attr]


def test_a_lone_name_answering_a_question_is_no_call() -> None:
    """`Who is leading the talks?` — `Jake.` answers; after a reporter's `Okay.`, `Humeyra.` calls."""
    assert read_call(["Jake."], after="Who is leading the talks from the U.S. side and —").reporter is None  # type: ignore[union-attr]
    assert read_call(["Humeyra."], after="Okay.") == read_call(["Humeyra."])
    assert read_call(["Humeyra."]).reporter == Reporter("Humeyra", "", True)  # type: ignore[union-attr]


def test_a_name_ending_what_an_official_says_is_no_call() -> None:
    """A long sentence of an official's ending in a name after a dash speaks of someone (`… ambassador to — to Israel
    in — in Ja- — Jack Lew.`); a short one calls (`I'll take one more — Jacqui.`), as a long one does with an outlet or
    a verb handing the floor over; `sorry, Jeff —` addresses, and a moderator's long call still calls."""
    said = ("Well, Secretary Blinken just left from yet another whirlwind tour around the region. And now we’ve got a "
            "brand new ambassador to — to Israel in — in Ja- — Jack Lew.")
    assert read_call([said]) is None
    assert read_call(["I'll take one more — Jacqui."]).reporter == Reporter("Jacqui", "", True)  # type: ignore[union-attr]
    assert read_call(["That is what we have done all along and what we will continue to do for the American people — "
                      "Kristen Welker, NBC."]).reporter == Reporter("Kristen Welker", "NBC")  # type: ignore[union-attr]
    assert read_call(["Okay, I have time for one or two more, so let me go to the back of the room for a change — "
                      "Andrea Mitchell."]).reporter == Reporter("Andrea Mitchell", "")  # type: ignore[union-attr]
    assert read_call(["He has mobilized a whole-of-government effort in every sector of the economy — sorry, Jeff —"]
                     ).reporter == Reporter("Jeff", "", True)  # type: ignore[union-attr]
    assert read_call(["All right, first question — and please keep your questions very short, as we’re limited on "
                      "time — Brenda Goodman at WebMD."], moderator=True).reporter == Reporter("Brenda Goodman", "WebMD")  # type: ignore[union-attr]


def test_a_name_the_next_question_says_back_was_added_to_the_question() -> None:
    """`… people like Evan Gershkovich.` — `And Paul Whelan.` — `Q And Paul Whelan. Exactly.`: the official added a
    name, which the same reporter takes up; a reporter called by name who introduces themself, or says their name
    first, was called."""
    archive = _archive("MS. X: Go ahead, Jon Decker.\n\nQ Thanks. One goal is to get back detained Americans, people "
                       "like Evan Gershkovich.\n\nMR. KIRBY: And Paul Whelan.\n\nQ And Paul Whelan. Exactly. Does it "
                       "complicate those efforts?\n\nMR. KIRBY: No.\n\nMS. X: Issam Ahmed, AFP.\n\nQ Hi, this is Issam "
                       "Ahmed with AFP. A question on vaccines?\n\nMS. X: Go ahead, Steve Holland.\n\nQ Steve Holland. "
                       "Thanks, Karine. On trade?\n")
    askers = [t.reporter.name if t.reporter else None for t in archive.briefings[0].turns if t.question]
    assert askers == ["Jon Decker", "Jon Decker", "Issam Ahmed", "Steve Holland"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hi, this is Ella Nilsen with CNN. I had two quick questions.", Reporter("Ella Nilsen", "CNN")),
    ("Hey, guys. It’s Justin Sink from Bloomberg. Thanks for doing this.", Reporter("Justin Sink", "Bloomberg")),
    ("Thank you, Mr. President.  My name is Pedro Rojas.  I’m with Univision National News.",
     Reporter("Pedro Rojas", "Univision National News")),
    ("Thank you very much for this honor.  James Rosen with Newsmax.  I’d like to raise", Reporter("James Rosen", "Newsmax")),
    ("Marcin Wrona, TVN Discovery from Poland. Today the ruling party", Reporter("Marcin Wrona", "TVN Discovery")),
    ("Hi, congratulations on your new position.  Owen Jensen with EWTN, Global Catholic Network.  Two big concerns",
     Reporter("Owen Jensen", "EWTN")),
    ("Sir, Nancy Youssef, Wall Street Journal. On the tanks:", Reporter("Nancy Youssef", "Wall Street Journal")),
    ("Geeta Mohan from India today, sir.  I’ll just take my colleague’s question forward.", Reporter("Geeta Mohan", "")),
    ("Thanks, Prime Minister. David Crowe from the Sydney Morning Herald. You said", Reporter("David Crowe", "Sydney Morning Herald")),
    ("Thanks for doing the call. This is Robert Delaney from South China Morning Post in Washington.",
     Reporter("Robert Delaney", "South China Morning Post")),
])
def test_a_self_introduction_names_the_asker(text: str, expected: Reporter) -> None:
    """A reporter introducing themself in the question's opening names its asker."""
    assert introduction([text]) == expected


@pytest.mark.parametrize("text", [
    "Mr. President, can I ask a question on behalf of my radio pool colleague, Tamara Keith from NPR?",
    "What about Phil Washington from LA Metro? Is he still the nominee?",
    "Quarter two.  The second quarter.  JP — Morgan Stanley, Goldman Sachs —",
    "Ahead of the Security Council vote on Syria, how confident are you?",
    "Voice of America Russian service. I have two questions.",
    "Jake Sullivan from the podium said it would end by June. Is that still the plan?",
    "Senator Manchin from West Virginia. He says no. Why?",
])
def test_names_in_questions_are_not_introductions(text: str) -> None:
    """People asked about, colleagues a question is relayed for, lists: no asker."""
    assert introduction([text]) is None


# --- follow-ups -------------------------------------------------------------------------------------------------

def _askers(text: str) -> list[str | None]:
    return [t.reporter.name if t.reporter else None for t in parse_text(text).turns if t.question]


def test_follow_ups_keep_the_asker_until_the_next_call() -> None:
    """Follow-ups keep the attribution; the next call, named or not, ends it; so does a question right
    after a question (another voice), and the end of the briefing."""
    assert _askers(
        "MS. X: Go ahead, Zeke Miller.\n\nQ One?\n\nMS. X: Yes.\n\nQ Two?\n\nMS. X: Sure, no.\n\nQ Three?\n\n"
        "Q Four?\n\nMS. X: No. Go ahead.\n\nQ Five?\n\nMS. X: Go ahead, Mary Bruce.\n\nQ Six?\n\n"
        "MS. X: Thank you, everyone.\n\nQ Seven?\n"
    ) == ["Zeke Miller", "Zeke Miller", "Zeke Miller", None, None, "Mary Bruce", None]


def test_another_reporter_shows_in_the_opening() -> None:
    """`Following up on Janne's point`, a new `Thanks, Jen.` opening: another voice, unnamed (unless just called)."""
    assert _askers("MS. X: Go ahead, Zeke Miller.\n\nQ One?\n\nMS. X: Yes.\n\nQ Just following up on Janne's point?\n"
                   "\nMS. X: No.\n") == ["Zeke Miller", None]
    assert _askers("MS. X: Go ahead, Zeke Miller.\n\nQ One?\n\nMS. X: Yes.\n\nQ Thanks, Jen. And Iran?\n\nMS. X: No.\n") \
        == ["Zeke Miller", None]
    # the reporter just called following up on another's question is the one called
    assert _askers("MS. X: Go ahead, Zeke Miller.\n\nQ One?\n\nMS. X: Yes. Go ahead, Phil.\n\n"
                   "Q Following up on Zeke's question, and Iran?\n\nMS. X: No.\n") == ["Zeke Miller", "Phil"]


def test_an_opening_word_that_is_no_name_keeps_the_asker() -> None:
    """`Secondly, …`, `Vaccines, antiviral treatments…`, `Awesome.`: an opening word the document also writes
    in lower case, or a word of praise, addresses nobody; `Karine, …` still shows another voice."""
    def run(opening: str) -> list[str | None]:
        return _askers("MS. X: Go ahead, Zeke Miller.\n\nQ One, secondly, and vaccines?\n\nMS. X: Yes.\n\n"
                       f"Q {opening} And Iran?\n\nMS. X: No.\n")
    assert run("Secondly, the talks.") == ["Zeke Miller", "Zeke Miller"]
    assert run("Vaccines, all of them.") == ["Zeke Miller", "Zeke Miller"]
    assert run("Awesome. Awesome.") == ["Zeke Miller", "Zeke Miller"]
    assert run("Additionally, the talks.") == ["Zeke Miller", "Zeke Miller"]
    assert run("Karine, the talks.") == ["Zeke Miller", None]


def test_the_answer_thanking_a_reporter_names_a_question_nobody_called() -> None:
    """State's operator opens lines unnamed (`Your line is open.`); the answer thanking the asker is where the
    asker is named. A reporter already named in full keeps the full name; an answer that already names the
    next asker, one thanking an official named in the title, a contraction or a word the document writes in
    lower case name nobody."""
    def run(answer: str, title: str = "Department Press Briefing") -> list[str | None]:
        return _askers(f"---\ntitle: {title}\n---\nMR PRICE: We'll go to the line of Shaun Tandon.\n\n"
                       "QUESTION: Hi, Ned. On Iran?\n\nMR PRICE: Thanks, Shaun.\n\n"
                       "OPERATOR: Your line is open. Go ahead.\n\nQUESTION: Hi, it's me. On Vienna, how long will the talks go?"
                       f"\n\nMR PRICE: {answer}\n\nQUESTION: And Iraq?\n\nMR PRICE: We have been clear on that.\n")
    assert run("Thanks, Laura. As you know, the talks go on.") == ["Shaun Tandon", "Laura", None]
    assert run("Thanks for that question, Deirdre. Let me give you some background.") == ["Shaun Tandon", "Deirdre", None]
    assert run("Well, Shaun, as you know, the talks go on.") == ["Shaun Tandon", "Shaun Tandon", None]
    assert run("Thanks. We'll go to the line of Laura Kelly.") == ["Shaun Tandon", None, "Laura Kelly"]
    assert run("Okay. Laura, and then we’ll go to the back. Go ahead.") == ["Shaun Tandon", None, "Laura"]
    assert run("Thank you, Jake. The talks go on.", "Press Briefing by National Security Advisor Jake Sullivan | "
               "Camp David") == ["Shaun Tandon", None, None]
    assert run("Yeah, I've — the talks go on. Well, said.") == ["Shaun Tandon", None, None]
    assert run("Well, Said, the talks go on, as I said.") == ["Shaun Tandon", None, None]


def test_a_lone_briefer_opening_answers_with_a_reporters_name_names_the_asker() -> None:
    """A gaggle with one official and no calls (`Q … — MR. SCHULTZ: Kevin, I think it's a fair question`): a name
    opening the answers twice is that reporter's, once is not enough (`Fortunately, …`), and beside another official
    it may be the colleague's (`Steve, I just want to say …`)."""
    gaggle = ("MR. SCHULTZ: Good afternoon.\n\nQ What about Romney?\n\nMR. SCHULTZ: Kevin, I think it's a fair question."
              "\n\nQ And the plan?\n\nMR. SCHULTZ: Angela, I did not have a chance to review it.\n\nQ The Court?\n\n"
              "MR. SCHULTZ: Kevin, I haven't heard that.\n\nQ Anything on Iowa?\n\nMR. SCHULTZ: Fortunately, no.\n")
    assert _askers(gaggle) == ["Kevin", None, "Kevin", None]
    assert _askers(gaggle.replace("MR. SCHULTZ: Angela", "MR. EARNEST: Angela")) == [None] * 4


def test_an_interview_titled_with_its_journalist_has_them_ask() -> None:
    """State's `Secretary Antony J. Blinken With Ekaterina Kotrikadze of Dozhd TV` (no kind in the title): an interview,
    every `QUESTION:` the journalist's, outlet and all, also where an answer addressed her by given name; a title
    naming another kind of event (`… Joint Press Availability with …`) or an official after `with` names no one."""
    text = ("Secretary Antony J. Blinken With Ekaterina Kotrikadze of Dozhd TV\n\nFebruary 19, 2022\n\n"
            "QUESTION: Thank you for this interview.\n\nSECRETARY BLINKEN: Ekaterina, thank you.\n\n"
            "QUESTION: Is war inevitable?\n\nSECRETARY BLINKEN: No.\n")
    b = parse_text(text, "2022-02-19-dozhd.txt")
    assert b.kind == "interview"
    assert {(t.reporter.name, t.reporter.outlet) for t in b.turns if t.question and t.reporter} == {
        ("Ekaterina Kotrikadze", "Dozhd TV")} and all(t.reporter for t in b.turns if t.question)
    jpa = parse_text(text.replace("With Ekaterina Kotrikadze of Dozhd TV", "Joint Press Availability with Foreign "
                                  "Minister Heiko Maas"), "2021-06-23-jpa.txt")
    talk = parse_text("A Conversation with Jake Sullivan\n\nMay 1, 2024\n\nQ What now?\n\nMR. SULLIVAN: Well.\n", "talk.txt")
    assert talk.turns[0].reporter is None
    assert jpa.kind == "press availability" and not any(
        t.reporter and t.reporter.name in ("Heiko Maas", "Ekaterina Kotrikadze") for t in jpa.turns)


def test_phone_lines_opened_by_title_and_callers_greeted_by_name() -> None:
    """State's operator: `Do we have Jennifer Hansler?` — `… Jennifer Hansler we're looking for?` — `Yes.` (an
    answer, no call) — `And Ms. Hansler, your line is open.` (a title and surname on a phone line: the caller
    named before). A call ending `Hi, Ellen.` names the next caller; on a phone line an official greeting
    another name as the reply opens (`Hi, Michael, how are you?`) shows who had the line, but not a longer word to
    a colleague (`Hey, Britny, it seems we lost him …`)."""
    assert _askers("MR PRICE: Do we have Jennifer Hansler?\n\nOPERATOR: Pardon me. Jennifer Hansler we're looking for?"
                   "\n\nMR PRICE: Yes.\n\nOPERATOR: Yes, we do have that line. And Ms. Hansler, your line is open.\n\n"
                   "QUESTION: On these ships from Iran?\n\nMR PRICE: We have seen the reports.\n") == ["Jennifer Hansler"]
    assert _askers("MR PRICE: We'll go to the line of Said Arikat.\n\nOPERATOR: Your line is open. Go ahead, please.\n\n"
                   "QUESTION: Thank you, Ned. A very quick question?\n\nMR PRICE: Well, Said, we have been clear.\n\n"
                   "QUESTION: And Gaza?\n") == ["Said Arikat", "Said Arikat"]  # the operator executes the call
    assert _askers("---\ntitle: Press Briefing by Press Secretary Karine Jean-Pierre\n---\nMS. JEAN-PIERRE: Go ahead, Jeff."
                   "\n\nAIDE: Karine, you have time for a couple more.\n\nQ Thank you.\n\nMS. JEAN-PIERRE: Okay.\n\n"
                   "Q Karine, on judges?\n") == ["Jeff", None]  # `Karine, …`: another voice
    line = ("OPERATOR: Mr. Schifrin, your line is open.\n\nQ Hi. On North Korea?\n\nMR. CAMPBELL: Nothing to add, Nick."
            "\n\nQ Hi, Kurt. Thanks a lot.\n\nMR. CAMPBELL: Hi, Michael, how are you? Thank you.\n\nQ So, on arms sales?"
            "\n\nMR. CAMPBELL: We provide them. Hi, Ellen.\n\nQ Hi, Kurt. On trade?\n\nMR. CAMPBELL: Yes.\n")
    assert _askers(line) == ["Schifrin", "Michael", "Michael", "Ellen"]
    assert _askers("OPERATOR: Mr. Schifrin, your line is open.\n\nQ Hi. On North Korea?\n\nMR. CAMPBELL: No.\n\n"
                   "Q I lost him.\n\nMODERATOR: Hey, Britny, it seems like we lost him, if you would loop him back in."
                   "\n\nQ Hello?\n") == ["Schifrin", "Schifrin", "Schifrin"]


def test_a_things_name_is_no_self_introduction() -> None:
    """`Build Back Better, Jen.` has the shape of `Name, Outlet.`; where the answers speak of `the Build Back
    Better agenda`, it names no reporter (and makes no speaker page)."""
    text = ("MS. X: We are passing the Build Back Better agenda. Go ahead.\n\nQ Build Back Better, Jen. Catholic "
            "bishops —\n\nMS. X: Sure.\n\nQ Hi, this is Ella Nilsen with CNN. On climate?\n")
    assert _askers(text) == [None, "Ella Nilsen"]


def test_a_greeting_or_an_answer_to_what_was_meant_is_no_introduction() -> None:
    """`Merry Christmas, John.` greets; `Silvio Berlusconi of Italy.` answers `Of?`: neither names the asker."""
    assert _askers("MODERATOR: Next up we'll go to the line of Kellie Meyer.\n\nQ Hi, thanks for taking my call. "
                   "Merry Christmas, John. Thank you for doing this today.\n") == ["Kellie Meyer"]
    assert _askers("MS. X: Go ahead.\n\nQ Any reaction to the death of Silvio Berlusconi?\n\nMS. X: Of?\n\n"
                   "Q Silvio Berlusconi of Italy.\n") == [None, None]


def test_a_call_covers_a_few_questions_in_a_room_and_a_phone_line_until_the_next_call() -> None:
    """In a room a call's run ends after five questions; a phone line stays open until the next call."""
    room = "MS. X: Go ahead, Zeke Miller.\n\n" + "Q Again?\n\nMS. X: Answer given here.\n\n" * 7
    assert _askers(room) == ["Zeke Miller"] * 5 + [None] * 2
    line = "OPERATOR: We'll go to the line of Zeke Miller.\n\n" + "Q Again?\n\nMS. X: Answer given here.\n\n" * 7
    assert _askers(line) == ["Zeke Miller"] * 7


def test_an_official_filling_the_wait_for_a_phone_line_keeps_the_caller() -> None:
    """`the line of Ken Thomas … press 1-0 again`, the host speaking meanwhile, then `And, Ken, you're open.`:
    the questions are Ken Thomas's (the call was no hand-over to the host)."""
    assert _askers("OPERATOR: And next, we have the line of Ken Thomas. Will you please press 1-0 again?\n\n"
                   "MS. PSAKI: And while we're waiting for that, this will have to be the last question, because "
                   "the doctor needs to go back to her day job.\n\nOPERATOR: And, Ken, you're open. Please, go ahead."
                   "\n\nQ Can you hear me now?\n\nOPERATOR: Yes.\n\nQ Great. What more can be done?\n") \
        == ["Ken Thomas", "Ken Thomas"]


def test_the_moderators_go_ahead_to_a_caller_still_getting_through_keeps_the_caller() -> None:
    """On a phone line, `Can you hear me?` — `Yes, go ahead.` (twice, even) is the same caller's call; once an official
    has answered, an unnamed `Go ahead.` gives the floor to nobody named."""
    assert _askers("Moderator: Our next question will go to David Alandete. Operator, please open line 95.\n\n"
                   "Question: Yes. Can you hear me?\n\nModerator: Yes, please go ahead.\n\nQuestion: Can you hear me now?"
                   "\n\nModerator: Yes, go ahead.\n\nQuestion: Sorry about that. I have two questions.\n\n"
                   "MR. GONZALEZ: Thanks. I'm not going to enter the details.\n\nModerator: Go ahead.\n\n"
                   "Question: Another one?\n") == ["David Alandete"] * 3 + [None]


def test_a_call_answered_by_an_official_hands_over_the_floor() -> None:
    """`Stephen, go ahead.` and a question to Stephen: he is the answerer; the asker stays who it was."""
    assert _askers("MS. X: Peter.\n\nQ Who can talk about this?\n\nMS. X: Stephen, go ahead.\n\n"
                   "Q So, Stephen, what now?\n\nMR. MILLER: Nothing.\n") == ["Peter", "Peter"]


def test_calls_inside_interpreted_turns_count() -> None:
    """A moderator's call spoken through an interpreter names the reporter."""
    assert _askers("MODERATOR: (Via interpreter) And now we are going to start with the first question from the Costa "
                   "Rican press, by Yessenia Alvarado, journalist for Telenoticias representing the national media."
                   "\n\nQUESTION: (Via interpreter) Is it true?\n") == ["Yessenia Alvarado"]


def test_a_label_the_moderator_called_is_a_question() -> None:
    """`Agence Europe:` after a moderator's call is a reporter's turn, its outlet the label."""
    briefing = parse_text("Moderator: We start with the first question, Agence Europe, Lea Marchal.\n\n"
                          "Agence Europe: Thank you. Is it true?\n\nDeputy Secretary Sherman: Yes.\n")
    turn = briefing.turns[1]
    assert turn.question and turn.reporter == Reporter("Lea Marchal", "Agence Europe")
    assert turn.speaker.kind == "questioner"


# --- identities, outlets and pages --------------------------------------------------------------------------

OUTLETS = Outlets((Outlet("associated-press", "Associated Press", ("AP",)), Outlet("bloomberg", "Bloomberg")))


def test_outlets_come_from_the_list() -> None:
    """A listed outlet takes its list name; an unlisted one stays as printed; an outlet called alone counts
    only when listed; a given name that is a listed outlet is that outlet."""
    assert OUTLETS.canonical(Reporter("Zeke Miller", "the A.P.")) == Reporter("Zeke Miller", "Associated Press")
    assert OUTLETS.canonical(Reporter("Zeke Miller", "Daily Planet")) == Reporter("Zeke Miller", "Daily Planet")
    assert OUTLETS.canonical(Reporter("Bloomberg", "", True)) == Reporter("", "Bloomberg")
    assert OUTLETS.canonical(Reporter("", "Now")) is None


def test_shipped_outlet_list_loads(tmp_path: Path) -> None:
    """content/outlets.yml loads; a name two outlets claim is an error at its line."""
    shipped = load_outlets(ROOT / "content" / "outlets.yml", "content/outlets.yml")
    assert len(shipped.outlets) >= 100 and shipped.find("L.A. Times").id == "los-angeles-times"  # type: ignore[union-attr]
    # `Anne Gearan with the Post`, `Dan Lamothe at the Post`: the Washington Post's; no outlet claims `the Post`
    assert shipped.find("the Post") is None and shipped.find("NY Post").id == "new-york-post"  # type: ignore[union-attr]
    bad = tmp_path / "outlets.yml"
    bad.write_text("outlets:\n  - {id: a, name: AP}\n  - {id: b, name: Associated Press, aliases: [A.P.]}\n")
    with pytest.raises(ConfigError, match=r"outlets.yml:3: name claimed by two outlets: a and b"):
        load_outlets(bad, "outlets.yml")


def _archive(text: str, registry: Registry | None = None) -> Archive:
    briefing = resolve_speakers(parse_text(text), registry or Registry(outlets=OUTLETS))
    return Archive((briefing,), (), people=(registry.people if registry else ()), outlets=OUTLETS.outlets)


def test_a_given_name_shows_on_the_turn_and_makes_no_page(tmp_path: Path) -> None:
    """`Go ahead, Zeke.` makes `Question from Zeke` and no reporter page, as a nickname (`Joe Joe`) does; a registry
    alias with dates makes the page; an unlisted outlet makes no outlet page."""
    text = ("MS. X: Go ahead, Zeke.\n\nQ One?\n\nMS. X: Yes.\n\nQ Two?\n\nMS. X: Go ahead, Jane Roe of the Daily Planet."
            "\n\nQ Three?\n\nMS. X: Go ahead, Ann Lee of the AP.\n\nQ Four?\n")
    archive = _archive(text)
    pages = archive_people_pages(archive)
    assert "Question from Zeke" in briefing_page(archive.briefings[0])
    assert not any("zeke" in p for p in pages)
    assert "speakers/jane-roe.md" in pages and "speakers/ann-lee.md" in pages
    assert [p for p in pages if p.startswith("outlets/")] == ["outlets/associated-press.md"]
    nickname = _archive("MS. X: Go ahead, Joe Joe. (Laughter.)\n\nQ Thank you. One?\n")  # what the President calls him
    assert "Question from Joe Joe" in briefing_page(nickname.briefings[0])
    assert not any("joe" in p for p in archive_people_pages(nickname))
    (tmp_path / "speakers.yml").write_text("people:\n  - id: zeke-miller\n    name: Zeke Miller\n    kind: reporter\n"
                                           "    affiliation: Associated Press\n"
                                           "    aliases: [{label: Zeke, from: 2021-01-20, to: 2025-01-20}]\n")
    registry = dataclasses.replace(load_registry(tmp_path / "speakers.yml", "speakers.yml"), outlets=OUTLETS)
    assert "speakers/zeke-miller.md" in archive_people_pages(_archive(text, registry))


def test_officials_named_by_the_title_the_text_and_a_handoff() -> None:
    """The title names `MR. SULLIVAN`; a full name with the surname names `MR. KIRBY`; a given name handed
    the floor names `DR. BIRX`; a label nothing names stays as printed."""
    assert [(p.name, p.role) for p in title_people(
        "Press Briefing by Press Secretary Jen Psaki and National Security Advisor Jake Sullivan, October 26, 2021")] \
        == [("Jen Psaki", "Press Secretary"), ("Jake Sullivan", "National Security Advisor")]
    briefing = parse_text(
        "---\ntitle: Press Briefing by Press Secretary Jen Psaki and National Security Advisor Jake Sullivan\n---\n"
        "MS. PSAKI: My colleague, Admiral John Kirby, is here. Jake?\n\nMR. SULLIVAN: Thanks.\n\n"
        "MR. KIRBY: Thanks.\n\nTHE PRESIDENT: Deborah, please.\n\nDR. BIRX: Thank you, Mr. President, for the "
        "opportunity to speak about the data we have today.\n\nMR. SMITH: Hello.\n\nMR. SMITH: Bye.\n")
    names = {t.label: t.speaker.name for t in briefing.turns}
    assert names == {"MS. PSAKI": "Jen Psaki", "MR. SULLIVAN": "Jake Sullivan", "MR. KIRBY": "John Kirby",
                     "THE PRESIDENT": "THE PRESIDENT", "DR. BIRX": "Deborah Birx", "MR. SMITH": "MR. SMITH"}
    assert briefing.turns[1].speaker.role == "National Security Advisor"
    assert briefing.turns[5].speaker.kind == "" and not briefing.turns[5].speaker.resolved


def test_a_full_name_in_the_text_keeps_a_middle_name_after_a_given_name() -> None:
    """`Governor John Bel Edwards of Louisiana` names `GOVERNOR EDWARDS` John Bel Edwards (a given name before the
    word before the surname); `President Joe Biden` still names Joe Biden (`President` is no given name)."""
    text = ("DR. X: We are joined today by Governor John Bel Edwards of Louisiana. Governor Edwards, over to you.\n\n"
            "GOVERNOR EDWARDS: Thank you.\n\nDR. X: As President Joe Biden said.\n\nMR. BIDEN: Yes.\n")
    names = {t.label: t.speaker.name for t in parse_text(text).turns}
    assert names["GOVERNOR EDWARDS"] == "John Bel Edwards" and names["MR. BIDEN"] == "Joe Biden"
    text = "MS. PSAKI: Go ahead, Steve Holland.\n\nQ One?\n\nMR. HOLLAND: Yes, I am the deputy here.\n"
    assert parse_text(text).turns[-1].speaker.name == "MR. HOLLAND"  # a reporter's name names no official


def test_a_full_name_in_the_lead_above_the_first_turn_names_the_label() -> None:
    """A republisher's lead (`State Department Principal Deputy Spokesperson Vedant Patel held a Press Briefing at
    2:20 PM EST Nov 16, 2022 …`) names `MR PATEL`; a short header line is no such prose."""
    lead = ("State Dept Presser, Nov 16, 2022\n\nState Department Principal Deputy Spokesperson Vedant Patel held a "
            "Press Briefing at 2:20 PM EST Nov 16, 2022 and fielded questions on a wide range of issues.\n\n"
            "QUESTION: Thank you so much.\n\nMR PATEL: Thanks.\n")
    assert parse_text(lead, "notes.txt").turns[1].speaker.name == "Vedant Patel"
    short = "Vedant Patel\n\nNovember 16, 2022\n\nQUESTION: Thank you so much.\n\nMR SMITH: Thanks.\n"
    assert parse_text(short, "notes.txt").turns[1].speaker.name == "MR SMITH"


def test_an_official_named_by_the_reporters_addressing_them() -> None:
    """`Thanks, Karine.` twice before `MS. JEAN-PIERRE` answers names her; a single address does not."""
    text = ("MS. JEAN-PIERRE: Hello.\n\nQ Thanks, Karine. One?\n\nMS. JEAN-PIERRE: No.\n\n"
            "Q Karine, two?\n\nMS. JEAN-PIERRE: No.\n\nQ Thank you, Peter. Three?\n\nMR. DOOCY: Yes.\n")
    names = {t.label: t.speaker.name for t in parse_text(text).turns}
    assert names["MS. JEAN-PIERRE"] == "Karine Jean-Pierre" and names["MR. DOOCY"] == "MR. DOOCY"


def test_an_official_named_by_the_floor_handed_or_the_turns_addressing_them() -> None:
    """`I will turn it over to John to get us started.` names `MR. PODESTA`; two turns closing on `…, Angelo?`
    just before `MR. FERNÁNDEZ HERNÁNDEZ` speaks name him; one turn saying `Karine` twice names nobody."""
    text = ("MODERATOR: Thanks for joining. I will turn it over to John to get us started.\n\n"
            "MR. PODESTA: Thanks. I am actually on an airplane, and I hope all of you can hear me well today.\n\n"
            "PARTICIPANT: Do we have an audio issue, Angelo?\n\nMR. FERNÁNDEZ HERNÁNDEZ: Yep. Try again.\n\n"
            "PARTICIPANT: Hold on. We — is this better, Angelo? This is Nick.\n\nMR. FERNÁNDEZ HERNÁNDEZ: Yes.\n\n"
            "Q Thanks, Karine. One more, Karine?\n\nMS. DALTON: Karine, we have to go.\n")
    names = {t.label: t.speaker.name for t in parse_text(text).turns}
    assert names["MR. PODESTA"] == "John Podesta"
    assert names["MR. FERNÁNDEZ HERNÁNDEZ"] == "Angelo Fernández Hernández"
    assert names["MS. DALTON"] == "MS. DALTON"


def test_a_label_naming_its_speaker_and_role() -> None:
    """`Peter Stano, Moderator:` is Peter Stano, moderator, and so is the later `Moderator:`; with two named
    moderators, `Moderator:` stays a role nobody is guessed for."""
    one = parse_text("Peter Stano, Moderator: Welcome.\n\nMS. SMITH: Hello.\n\nModerator: Next question.\n")
    assert [(t.speaker.name, t.speaker.role) for t in one.turns if t.label != "MS. SMITH"] \
        == [("Peter Stano", "Moderator")] * 2
    two = parse_text("Peter Stano, Moderator: Welcome.\n\nAnna Lee, Moderator: Hi.\n\nModerator: Next.\n")
    assert [t.speaker.name for t in two.turns] == ["Peter Stano", "Anna Lee", "Moderator"]
    assert two.turns[2].speaker.kind == "role"


def test_speaker_sections_group_speakers_for_a_reader() -> None:
    """Officials, reporters, anonymous officials, roles, then unresolved labels; questioners never listed."""
    people = [Speaker("z", "MR. Z"), Speaker("q", "Question", kind="questioner"), Speaker("r", "Ann Lee", kind="reporter"),
              Speaker("a", "SENIOR ADMINISTRATION OFFICIAL", kind="anonymous"), Speaker("m", "MODERATOR", kind="role"),
              Speaker("b", "Bea Adams", kind="official"), Speaker("c", "Carl Bo", kind="official")]
    assert [(h, [s.id for s in group]) for h, group in speaker_sections(people)] == [
        ("Officials", ["b", "c"]), ("Reporters", ["r"]), ("Anonymous officials", ["a"]),
        ("Moderators, operators and interpreters", ["m"]), ("Unresolved labels", ["z"])]


def test_speakers_index_in_sections() -> None:
    """The index lists officials with roles, reporters with outlets, anonymous officials with counts and no
    link, unresolved labels last, marked as such."""
    archive = _archive("---\ntitle: Press Briefing by Press Secretary Jen Psaki\n---\nMS. PSAKI: Go ahead, Ann Lee of "
                       "the AP.\n\nQ One?\n\nSENIOR ADMINISTRATION OFFICIAL: Yes.\n\nMR. SMITH: No.\n\nMR. SMITH: No.\n")
    index = archive_people_pages(archive)["speakers/index.md"]
    order = [index.index(h) for h in ("## Officials", "## Reporters", "## Anonymous officials", "## Unresolved labels",
                                      "## Outlets")]
    assert order == sorted(order)
    assert "[Jen Psaki](jen-psaki.md) — Press Secretary" in index and "[Ann Lee](ann-lee.md) — Associated Press" in index
    assert "- SENIOR ADMINISTRATION OFFICIAL · 1 turn in 1 briefing" in index
    assert "[MR. SMITH](mr-smith.md)" in index.split("## Unresolved labels")[1]


def test_people_lists_gaps_as_entries_to_paste(tmp_path: Path) -> None:
    """`people` ranks unresolved labels, unlisted reporters and outlets with evidence, as YAML entries, a
    candidate from other briefings included; `--write` writes them to a file, never the registry; `check`
    opens with the biggest gaps."""
    briefings = tmp_path / "content" / "briefings"
    briefings.mkdir(parents=True)
    (briefings / "2021-10-26-a.txt").write_text(
        "---\ntitle: Press Briefing by National Security Advisor Jake Sullivan\n---\nMR. SULLIVAN: Hi.\n\n"
        "MR. SULLIVAN: Go ahead, Ann Lee of the Daily Planet.\n\nQ Why?\n", encoding="utf-8")
    (briefings / "2021-11-02-b.txt").write_text("MR. SULLIVAN: Hi.\n\nMR. SULLIVAN: Bye.\n\nMR. SULLIVAN: Yes.\n",
                                                encoding="utf-8")
    content = str(tmp_path / "content")
    result = CliRunner().invoke(main, ["people", "--content", content])
    assert result.exit_code == 0, result.output
    assert "  # MR. SULLIVAN: 3 turns in 1 briefing, 2021-11-02" in result.output
    assert "  - id: jake-sullivan\n    name: \"Jake Sullivan\"\n    roles:\n      - {title: \"National Security " \
           "Advisor\"}\n    aliases:\n      - {label: \"MR. SULLIVAN\", from: 2021-11-02, to: 2021-11-03}" in result.output
    assert "  - id: ann-lee\n    name: \"Ann Lee\"\n    kind: reporter\n    affiliation: \"Daily Planet\"" in result.output
    assert "  - {id: daily-planet, name: \"Daily Planet\"}  # 1 question in 1 briefing" in result.output
    written = CliRunner().invoke(main, ["people", "--content", content, "--write", str(tmp_path / "todo.yml")])
    assert written.exit_code == 0 and (tmp_path / "todo.yml").read_text(encoding="utf-8") == result.output
    assert not (tmp_path / "content" / "speakers.yml").exists()
    check = CliRunner().invoke(main, ["check", "--content", content])
    opening = [line for line in check.output.splitlines() if "site_url" not in line][0]  # after site_url's notice
    assert opening.startswith("identity gaps: 3 (the 3 biggest below")
    assert "2021-11-02-b.txt:1: unresolved label (3 turns in 1 briefing, 2021-11-02); other briefings name " \
           "Jake Sullivan: 'MR. SULLIVAN'" in check.output


def test_hostile_answers_attribute_nothing_and_stay_text() -> None:
    """Answers that refer to the Department of Justice, say `go ahead and`, go to Los Angeles, and a call naming
    a `<script>`: no question is attributed, and the page shows the words as text."""
    archive = _archive(
        "MS. X: I'd refer you to the Department of Justice.\n\nQ One?\n\nMS. X: We'll go ahead and\n\nQ Two?\n\n"
        "MS. X: Then you go to Los Angeles.\n\nQ Three?\n\nMS. X: Go ahead, <script>alert(1)</script>.\n\nQ Four?\n\n"
        "MS. X: We'll go to <img src=x onerror=alert(1)> of CNN.\n\nQ Five?\n")
    briefing = archive.briefings[0]
    assert [t.asker for t in briefing.turns if t.question] == [None] * 5
    page = briefing_page(briefing)
    assert "<script>" not in page and "<img" not in page and "&#60;script&#62;alert(1)" in page
    pages = archive_people_pages(archive)
    assert not any(p.startswith("outlets/") for p in pages) and not any("script" in p for p in pages)



def test_a_title_names_people_after_long_roles_and_place_phrases() -> None:
    """A three-word name keeps its first word only after a title word or with a middle initial; a role that
    goes on (`Task Force`, `Western Hemisphere`) keeps its last word; `of <place>` after a name is dropped,
    `of <department>` before it is the role's."""
    from generator.read.introductions import title_people
    named = {p.name: p.role for p in title_people(
        "Press Briefing by Press Secretary Jen Psaki, Port Envoy to the White House Supply Chain Task Force John "
        "Porcari, Secretary of Agriculture Tom Vilsack, Mexican Foreign Secretary Angelo Fernández Hernández, "
        "Director of the NIAID Anthony S. Fauci, and Senator Mitt Romney of Utah")}
    assert named == {"Jen Psaki": "Press Secretary",
                     "John Porcari": "Port Envoy to the White House Supply Chain Task Force",
                     "Tom Vilsack": "Secretary of Agriculture", "Angelo Fernández Hernández": "Mexican Foreign Secretary",
                     "Anthony S. Fauci": "Director of the NIAID", "Mitt Romney": "Senator"}


def test_a_three_word_name_starting_with_a_given_name_keeps_it_after_a_long_role() -> None:
    """After a role ending in a word that is no title (`Engagement`, `Force`), a three-word name keeps its first
    word when that is a given name, and the role keeps it when it is not. `Ambassador` before a name after another
    role is the title the person is addressed by, not the role's end."""
    from generator.read.introductions import title_people
    named = {p.name: p.role for p in title_people(
        "Press Briefing by Press Secretary Karine Jean-Pierre and Senior Advisor for Public Engagement Keisha Lance "
        "Bottoms, and Special Assistant for the Western Hemisphere Task Force Maria Luisa Lopez")}
    assert named == {"Karine Jean-Pierre": "Press Secretary",
                     "Keisha Lance Bottoms": "Senior Advisor for Public Engagement",
                     "Maria Luisa Lopez": "Special Assistant for the Western Hemisphere Task Force"}
    named = {p.name: p.role for p in title_people(
        "On-the-Record Press Call by United States Trade Representative Ambassador Katherine Tai and Ambassador "
        "Tracey Jacobson")}
    assert named == {"Katherine Tai": "United States Trade Representative", "Tracey Jacobson": "Ambassador"}
    named = {p.name: p.role for p in title_people(
        "Press Briefing by U.N. Ambassador Linda Thomas-Greenfield and Israeli Ambassador Michael Herzog")}
    assert named == {"Linda Thomas-Greenfield": "U.N. Ambassador", "Michael Herzog": "Israeli Ambassador"}
    named = {p.name: p.role for p in title_people(
        "Press Gaggle by Director for the Western Hemisphere Juan Gonzalez and Port Envoy to the Supply Chain Task "
        "Force John Porcari")}
    assert named == {"Juan Gonzalez": "Director for the Western Hemisphere",
                     "John Porcari": "Port Envoy to the Supply Chain Task Force"}


@pytest.mark.parametrize(("title", "expected"), [
    ("Pentagon Press Secretary Maj. Gen. Pat Ryder Holds a Press Briefing",
     {"Pat Ryder": "Pentagon Press Secretary"}),
    ("Secretary of Defense Lloyd J. Austin III and Joint Chiefs of Staff Chairman Gen. CQ Brown, Jr. Hold a Press "
     "Conference", {"Lloyd J. Austin III": "Secretary of Defense", "CQ Brown, Jr.": "Joint Chiefs of Staff Chairman"}),
    ("Army Gen. Mark A. Milley, Chairman of the Joint Chiefs of Staff, and Secretary of Defense Lloyd J. Austin III "
     "Hold a Press Briefing",
     {"Mark A. Milley": "Chairman of the Joint Chiefs of Staff", "Lloyd J. Austin III": "Secretary of Defense"}),
    ("Secretary of Defense Lloyd J. Austin III Press Conference", {"Lloyd J. Austin III": "Secretary of Defense"}),
    ("Senior Defense Official Holds a Background Briefing", {}),
    ("President Biden Holds a Press Conference", {}),
    ("Press Briefing by Press Secretary Jen Psaki, Deputy National Security Advisor for Cyber and Emerging Technology "
     "Anne Neuberger, and Deputy National Security Advisor for International Economics and Deputy NEC Director "
     "Daleep Singh, February 18, 2022",
     {"Jen Psaki": "Press Secretary", "Anne Neuberger": "Deputy National Security Advisor for Cyber and Emerging "
      "Technology", "Daleep Singh": "Deputy NEC Director"}),
    ("Press Briefing By Press Secretary Jen Psaki And National Economic Council Director Brian Deese",
     {"Jen Psaki": "Press Secretary", "Brian Deese": "National Economic Council Director"}),
    ("On-the-Record Press Call by Kurt Campbell, Deputy Assistant to the President and Coordinator for the "
     "Indo-Pacific", {"Kurt Campbell": "Deputy Assistant to the President"}),
    ("Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on March 20, 2023",
     {"Wang Wenbin": "Foreign Ministry Spokesperson"}),
    ("Press conference by NATO Secretary General Jens Stoltenberg ahead of the meetings of NATO Ministers of Defence",
     {"Jens Stoltenberg": "NATO Secretary General"}),
    ("Press Gaggle by Secretary of the Treasury Janet Yellen Ahead of the G20 Summit in India | New Delhi, India",
     {"Janet Yellen": "Secretary of the Treasury"}),
    ("Press Gaggle by National Security Advisor Jake Sullivan | Thurmont, MD",
     {"Jake Sullivan": "National Security Advisor"}),
    ("Pentagon Press Secretary Air Force Brig. Gen. Pat Ryder Holds an On-Camera Press Briefing",
     {"Pat Ryder": "Pentagon Press Secretary"}),
    ("Secretary of the Navy Carlos Del Toro and Chief of Naval Operations Adm. Mike Gilday Hold a Press Briefing",
     {"Carlos Del Toro": "Secretary of the Navy", "Mike Gilday": "Chief of Naval Operations"}),
    ("On-the-Record Press Call with the Regional Reporters Association by White House Coordinator for Operation "
     "Allies Welcome Jack Markell and Secretary of Homeland Security Alejandro Mayorkas on Operation Allies Welcome",
     {"Jack Markell": "White House Coordinator for Operation Allies Welcome",
      "Alejandro Mayorkas": "Secretary of Homeland Security"}),
])
def test_titles_of_defense_and_roles_with_and(title: str, expected: dict[str, str]) -> None:
    """The Defense Department's titles name their people first (`… Holds a Press Briefing`, `… Press
    Conference`), with ranks, services and generational suffixes (the service before a rank is neither the role's
    nor the name's; `of the Navy` is the role's); a role may hold `and` (`Cyber and Emerging Technology`), a name
    be followed by its role (`Kurt Campbell, Deputy Assistant …`), `And` be capitalised; a place after `|` is no
    part of a name; the audience a call is `with` is no part of the role of the people it is `by`."""
    assert {p.name: p.role for p in title_people(title)} == expected


def test_defense_labels_are_the_person_the_title_names() -> None:
    """`MAJOR GENERAL PAT RYDER:` then `GEN. RYDER:` under a Defense title: one speaker, Pat Ryder, with the
    title's role, not a speaker page in capitals with his rank."""
    briefing = parse_text(
        "Pentagon Press Secretary Maj. Gen. Pat Ryder Holds a Press Briefing\n\n"
        "MAJOR GENERAL PAT RYDER: All right, good afternoon, everyone. I have a few updates.\n\n"
        "GEN. RYDER: Yesterday, the Secretary hosted the Secretary General here at the Pentagon.\n\n"
        "Q: Thank you, General. On Ukraine, what is the timeline?\n\n"
        "GEN. RYDER: I don't have a timeline to give you.\n",
        path="2024-07-09-ryder.txt")
    speakers = {(t.speaker.id, t.speaker.name, t.speaker.role) for t in briefing.turns if not t.question}
    assert speakers == {("pat-ryder", "Pat Ryder", "Pentagon Press Secretary")}


def test_an_unresolved_label_points_to_the_one_official_of_its_surname() -> None:
    """`DR. WALENSKY` where its briefing names nobody stays a label of its own (the registry makes identities),
    and its page and the index point to the one official of that surname other briefings name; with two
    officials of that surname, no hint."""
    named = resolve_speakers(parse_text(
        "---\ntitle: Press Briefing by CDC Director Rochelle Walensky\n---\nDR. WALENSKY: Good morning.\n",
        "2021-03-01-a.txt"), Registry(outlets=OUTLETS))
    bare = resolve_speakers(parse_text("MR. SLAVITT: Over to you.\n\nDR. WALENSKY: Thank you.\n", "2021-03-02-b.txt"),
                            Registry(outlets=OUTLETS))
    assert (named.turns[0].speaker.id, bare.turns[1].speaker.id) == ("rochelle-walensky", "dr-walensky")
    pages = archive_people_pages(Archive((named, bare), (), outlets=OUTLETS.outlets))
    assert "perhaps the same person: [Rochelle Walensky](rochelle-walensky.md)." in pages["speakers/dr-walensky.md"]
    assert "- [DR. WALENSKY](dr-walensky.md) · 1 turn in 1 briefing · perhaps [Rochelle Walensky](rochelle-walensky.md)" \
        in pages["speakers/index.md"]
    assert "perhaps" not in pages["speakers/mr-slavitt.md"].split("Unresolved label")[1].split("\n")[0]
    speaker = resolve_speakers(parse_text("MS. X: Welcome.\n\nSpeaker Walensky: Thanks.\n\nRepresentative Ann Walensky: Hi.\n",
                                          "2021-03-04-d.txt"), Registry(outlets=OUTLETS))
    pages = archive_people_pages(Archive((named, bare, speaker), (), outlets=OUTLETS.outlets))
    assert "perhaps" in pages["speakers/dr-walensky.md"]  # a role word is checked only against a role that is known
    assert "perhaps" not in pages["speakers/representative-ann-walensky.md"]  # a given name that is not hers
    other = resolve_speakers(parse_text(
        "---\ntitle: Remarks by Senator Tom Walensky\n---\nSENATOR WALENSKY: Hello.\n", "2021-03-03-c.txt"),
        Registry(outlets=OUTLETS))
    pages = archive_people_pages(Archive((named, bare, other), (), outlets=OUTLETS.outlets))
    assert "perhaps" not in pages["speakers/dr-walensky.md"] and "· perhaps" not in pages["speakers/index.md"]


def test_a_call_by_an_official_answers_no_question() -> None:
    """`Nadia.` or `Yes, Jeremy.` from the press secretary, a question following, gives the floor: it is no
    answer to the question before (422 such turns in 182 White House briefings were linked as answers), while a
    name that answers what was asked (`Who leads the talks?` — `Sergey Vershinin.`) and a word the briefing also
    writes in lower case (`Remarkable.`) stay answers."""
    from generator.enrich.answers import link_answers

    b = link_answers(parse_text(
        "MS. X: Good afternoon.\n\nQ: Who leads the talks on the Russian side?\n\nMR. Y: Sergey Vershinin.\n\n"
        "Q: Tell us how the start went.\n\nMR. Y: Remarkable.\n\nQ: That is remarkable news, thank you.\n\nMS. X: Nadia.\n\n"
        "Q: Thank you. On Iran?\n\nMS. X: Nothing new.\n"))
    assert {t.anchor: t.answers for t in b.turns if t.question} == {
        "t002": ("t003",), "t004": ("t005",), "t006": (), "t008": ("t009",)}


def test_calls_the_state_departments_phone_briefings_make() -> None:
    """`Let's please go to Laura Kelly.` is a call (the caller before kept the floor: wrong data); so is `We'll take
    the first one from Fadwa Mrabti, Al Ghad TV.`; a call the operator broke into (`Let's go to —`, the operator's
    instructions, `Let's go to David Brunnstrom.`) still names the reporter; and a reporter introducing themself after
    a greeting (`Good afternoon. Fadwa Mrabti from Al Ghad channel.`) is named; `Zoom for Amy Gibbons` calls
    Amy Gibbons, and `one last one from Zoom` nobody; a name called with `[sic]` names nobody sure."""
    assert _askers("MS PORTER: Let's go to Endale Getahun.\n\nQUESTION: Thank you. One?\n\nMS PORTER: Yes.\n\n"
                   "MS PORTER: Let's please go to Laura Kelly.\n\nQUESTION: Hi, Jalina. Two?\n") == [
        "Endale Getahun", "Laura Kelly"]
    assert _askers("MODERATOR: We'll take the first one from Fadwa Mrabti, Al Ghad TV.\n\nQUESTION: Is it?\n") == [
        "Fadwa Mrabti"]
    assert _askers("MODERATOR: Let's go to —\n\nOPERATOR: And ladies and gentlemen, in order to queue up for a "
                   "question, you need to press 1,0.\n\nMODERATOR: Let's go to David Brunnstrom.\n\n"
                   "QUESTION: Hello, and thank you very much for doing this. Will Afghanistan come up?\n") == [
        "David Brunnstrom"]
    assert introduction(["Good afternoon. Fadwa Mrabti from Al Ghad channel. My question is about the visit?"]) \
        == Reporter("Fadwa Mrabti", "")
    assert read_call(["Great. We'll go back to Zoom for Amy Gibbons."]).reporter == Reporter("Amy Gibbons", "")  # type: ignore[union-attr]
    assert read_call(["— and then we'll take one last one from Zoom."]) is None  # where from, not who
    assert _askers("MS. X: Go ahead, Jeff.\n\nQ: One?\n\nMS. X: We were early. Please, Kristen [sic].\n\n"
                   "Q: Mr. President, a follow-up?\n") == ["Jeff", None]  # the name called is not sure
