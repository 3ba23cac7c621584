"""Who asked each question of one briefing: calls and introductions (`read.calls`), followed turn by turn.

A question is attributed only from a real call or self-introduction, or, when neither names its asker, from
the answer thanking or addressing them (`Thanks, Laura.`). Follow-ups keep the attribution
until the next call (named or not), until a question turn follows a question turn (another voice: the
asker is unknown from there), until an opening that shows another reporter ("following up on Janne's
point"), or until the moderator closes the event ("Thank you, everyone."): a call does not outlive it.
A call followed by an official's turn rather than a question hands the floor to that official
("Deborah, please." — `DR. BIRX:`): it names no reporter.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import Paragraph, Reporter
from ..text import fold_name
from ..words import MODERATOR_LABELS, ROLE_LABELS, TITLE_WORDS
from .calls import (
    Call,
    explicit_call,
    introduction,
    lower_case_word,
    lower_words,
    name_word,
    named_with_outlet,
    other_asker,
    person_name,
    read_call,
    same_name,
    sentences,
)
from .labels import (
    INITIALS_LABEL,
    family_name_of,
    initials_of,
    is_question_label,
    label_key,
    labelled_reporter,
    outlet_label,
)

_CALL_WORDS = 25
"""A question turn this short that is a call (`QUESTION: Final question, we'll go to Cristina Smit of
VOA.`) is a moderator's call printed under the wrong label."""


@dataclass(frozen=True)
class Spoken:
    """What the attribution reads of one turn."""

    label: str
    question: bool
    texts: tuple[str, ...]
    """The turn's paragraphs without stage directions."""
    role: bool = False
    """A functional label (`OPERATOR`, `MODERATOR`, `INTERPRETER`), not a person's (`THE PRESIDENT` is one)."""
    moderator: bool = False
    """A label of whoever gives the floor (`OPERATOR`, `MODERATOR`)."""


@dataclass(frozen=True)
class Handoff:
    """A call that gave the floor to an official, not a reporter: evidence of who that official is."""

    name: str
    index: int
    """The turn of the official called."""


def askers(turns: Sequence[Spoken], officials: Iterable[str] = ()) -> tuple[list[Reporter | None], list[Handoff]]:
    """Per turn, the reporter who asked (None for every turn that is no question, and for questions
    nobody named); and the calls that handed the floor to an official. `officials`: the names of the people
    the header names (none of their words is a reporter's name when an answer addresses someone).

    Parsing a transcript works this out, and so does naming its speakers again with the registry
    (`enrich.annotate`), from the same turns: the last few answers are kept (a third of a briefing's
    loading time was this, twice)."""
    words = frozenset(fold_name(w) for name in officials for w in name.split())
    reporters, handoffs = _askers(tuple(turns), words)
    return list(reporters), list(handoffs)


@lru_cache(maxsize=8)
def _askers(turns: tuple[Spoken, ...], officials: frozenset[str]) -> tuple[tuple[Reporter | None, ...],
                                                                           tuple[Handoff, ...]]:
    lower = lower_words(text for t in turns for text in t.texts)
    document = " ".join(text for t in turns for text in t.texts)
    officials |= {fold_name(family_name_of(t.label)) for t in turns if not t.question and not t.role}
    out: list[Reporter | None] = [None] * len(turns)
    handoffs: list[Handoff] = []
    current: Reporter | None = None
    prior: Reporter | None = None  # the asker before the last call
    line = False  # the call opened a phone line: only that line speaks until the next call
    fresh = False  # the question just called or introduced has not been asked yet
    waiting = False  # since the last call, no official has answered: the caller is still getting through
    added = False  # the last call was a name added with `And` (`And Paul Whelan.`)
    asked = 0  # question turns the current asker has had
    last: Reporter | None = None  # the asker of the last question
    for i, turn in enumerate(turns):
        previous = turns[i - 1] if i else None
        if not turn.question:
            call = read_call(turn.texts, lower=lower,
                             after=" ".join(previous.texts) if previous and (previous.question or _asks(previous))
                             else None,
                             context=" ".join(t for b in turns[max(0, i - 2):i] for t in b.texts[-1:]),
                             moderator=turn.moderator)
            following = turns[i + 1] if i + 1 < len(turns) else None
            if call is None and turn.texts and line and current is not None and previous is not None and previous.question \
                    and (caller := _greeted(turn.texts[0], current, lower, officials)) is not None:
                out[i - 1] = current = last = caller  # `Hi, Michael, how are you?`: another caller had the line
                asked = 1
            if call is None and turn.texts and (caller := _greeted(turn.texts[-1], current, lower, officials, closing=True)):
                call = Call(caller)  # `… Hi, Ellen.`: the official greets the next caller
            if call is None or (call.reporter is None and not call.closes and following is not None
                                and not following.question and not following.role):
                waiting = waiting and turn.role
                continue  # no call, or `Please.` to a fellow official: the floor stays with the asker
            if call.reporter is None and not call.closes and (fresh or waiting and line and turn.role) and current is not None \
                    and not officials.intersection(fold_name(w) for w in current.name.split()):
                continue  # the operator's `Your line is open. Go ahead.` after `the line of Said Arikat`, the
                # moderator's `Yes, go ahead.` after the caller's `Can you hear me?`: the same call
            prior = current
            added = turn.texts[-1].lstrip().lower().startswith("and ")  # `And Paul Whelan.`: a name added, perhaps
            current, fresh = (None if call.closes else _kept(call.reporter, current)), True
            waiting = current is not None
            last = None
            line = turn.moderator or bool(_LINE.search(turn.texts[-1]))
            if current and not _LINE.search(" ".join(turn.texts)) and _handed_over(turns, i):
                handoffs.append(Handoff(current.name, i + 1))
                current = None
            continue
        if _is_call(turn):
            current, fresh = read_call(turn.texts, lower=lower).reporter, True  # type: ignore[union-attr]
            continue
        if previous is not None and previous.question:
            current = None
        opening = turn.texts[0] if turn.texts else ""
        if fresh and current and current.name and _addressed(current.name.split()[0], opening):
            # `Stephen, go ahead.` — `Q: So, Stephen, we're hearing…`: the floor went to an official
            answerer = next((j for j in range(i + 1, len(turns)) if not turns[j].question and not turns[j].role), None)
            if answerer is not None:
                handoffs.append(Handoff(current.name, answerer))
            current = prior
        elif fresh and added and current and not current.given_only and _repeated(current.name, opening):
            current = prior  # `… people like Evan Gershkovich.` — `And Paul Whelan.` — `Q And Paul Whelan. Exactly.`:
            # a name added to the question, which its asker takes up, no call
        if (introduced := introduction(turn.texts)) is not None and not _named_thing(introduced, document) \
                and not _clarifying(previous):
            current = _kept(introduced, current)
        elif not fresh and other_asker(opening) or (not fresh and not line and _another_voice(opening, lower)):
            current = None
        fresh = False
        asked = asked + 1 if current is not None and current == last else 1
        last = current
        if not line and asked > FOLLOW_UPS:
            current = None
        out[i] = _asker(current, turn.label)
    _thanked(turns, out, lower, officials)
    return tuple(out), tuple(handoffs)


_THANKED = re.compile(r"^(?P<lead>(?:(?:thanks|thank you|yeah|yes|well|okay|ok|sure|great|good question|so|and|but|no"
                      r"|look)"
                      r"(?: (?:very much|so much|again|for (?:that|the|your) questions?))?[,.!]?\s+)*)"
                      r"(?!(?:mr|ms|mrs|dr|sir|ma'am)\b)(?P<name>[A-Z][\w'’-]+)(?:\s*[,.!—–]|\s+-{2})(?=\s|$)", re.IGNORECASE)
"""An answer opening by thanking or addressing someone: `Thanks, Laura.`, `Thanks for that question, Deirdre.`,
`Well, Said, what I would say…`, `And Matt, the fact is`, `No, but Matt, I —` (the name itself must be capitalised);
a name alone (`Kevin, I think it's a fair question`) only where one official answers all (`lead` empty), as a president may turn to a colleague (`Steve, I just
want to say …` to Secretary Mnuchin), and only a name so addressed twice or called (not `Fortunately,`, `Gracias,`)."""


def _thanks_only(turn: Spoken) -> bool:
    """A question turn that only thanks (`Thank you.`, `Thanks, Jen.`): the official's next words may already
    call the next reporter (`Thank you so much. Okay. Darlene, good to see.`)."""
    return not any("?" in t for t in turn.texts) and sum(len(t.split()) for t in turn.texts) <= 3


_CONTRACTED = re.compile(r"^I['’]|['’](?:s|d|ll|ve|re|m)$", re.IGNORECASE)


def _thanked(turns: Sequence[Spoken], out: list[Reporter | None], lower: frozenset[str],
             officials: frozenset[str]) -> None:
    """Names, in `out`, the asker of a question nobody called when the official answering thanks or addresses
    them first (`QUESTION: Thank you for doing this. Ned, do you have…` — `MR PRICE: Thanks, Laura.`): the
    State Department's operator opens lines without naming them, and a question's answer is the one place its
    asker is named, when it may be a reporter's name (`_addressee`: not `Thank you, Jake.` as the National Security
    Advisor leaves, not `Yeah, I’ve —`); a given name or surname of a reporter named elsewhere in the briefing is
    that reporter. `officials`: the words of the officials' names and the family names of their labels."""
    called = frozenset(word for r in out if r is not None for word in r.name.split())
    alone = len({t.label for t in turns if not t.question and not t.role}) == 1
    openings = [_THANKED.match(t.texts[0]) if t.texts and not t.question else None for t in turns]
    opened = Counter(m["name"] for m in openings if alone and m is not None)
    for i in range(len(turns) - 1):
        turn, answer = turns[i], turns[i + 1]
        if not turn.question or out[i] is not None or answer.question or answer.role or not answer.texts \
                or _thanks_only(turn):
            continue
        match = openings[i + 1]
        if match is None or not (match["lead"] or alone and (opened[match["name"]] > 1 or match["name"] in called)) \
                or not _addressee(word := match["name"], lower, officials, called) \
                or not match["lead"] and re.search(rf"\b{re.escape(word)}\b", " ".join(turn.texts)):
            continue  # `Well, Said,` names Said Arikat where a call did, not `Whoa, Whoa.`; nor a word the question
            # said, repeated (`Rzeszów, Poland —`)
        call = read_call(answer.texts, lower=lower)
        if call is not None and (call.closes or (call.reporter is not None and word in call.reporter.name.split())):
            continue  # `Okay. Toluse, and then we'll go to the back.`: the next asker; `Thank you, Jake. And that concludes…`
        known = {r for r in out if r is not None and r.name and not r.given_only and word in r.name.split()}
        out[i] = _asker(known.pop() if len(known) == 1 else Reporter(word, "", True), turn.label)


_OPENING_GREETING, _CLOSING_GREETING = 6, 3
"""Words a greeting that names the caller may have: `Hi, Michael, how are you?` opening a reply, `Hi, Ellen.` closing
a turn."""
_GREETING = re.compile(r"^(?:hi|hello|hey)(?: there)?,?\s+(?P<name>[A-Z][\w'’-]+)\s*(?:[,.!?]|$)", re.IGNORECASE)


def _greeted(text: str, current: Reporter | None, lower: frozenset[str], officials: frozenset[str], *,
             closing: bool = False) -> Reporter | None:
    """The caller an official greets by name (`Hi, Michael, how are you?` opening a reply; `Hi, Ellen.` closing
    a turn, the whole of its last sentence), when that is not the current asker: on a phone line the official
    greets each new caller, whom the operator let in unnamed."""
    said = sentences(text)
    sentence = (said[-1] if closing else said[0]) if said else ""
    match = _GREETING.match(sentence)
    if match is None or len(sentence.split()) > (_CLOSING_GREETING if closing else _OPENING_GREETING):
        return None  # `Hey, Britny, it seems like we disconnected …`: a word to a colleague, not a greeting
    word = match["name"]
    if not _addressee(word, lower, officials) or (current is not None and word in current.name.split()):
        return None
    return Reporter(word, "", True)


def _addressee(word: str, lower: frozenset[str], officials: frozenset[str], called: frozenset[str] = frozenset()
               ) -> bool:
    """A word an official thanks or greets that may be a reporter's name: a name's shape, no contraction (`I’ve`),
    no title, no word of an official's name, and no word the document writes in lower case unless a call named
    someone so (`called`: `the line of Said Arikat`)."""
    folded = fold_name(word)
    return name_word(word) and not _CONTRACTED.search(word) and folded not in TITLE_WORDS and folded not in officials \
        and (not lower_case_word(folded, lower) or word in called)


def _asks(turn: Spoken) -> bool:
    """A functional turn ending in a question (the operator's `Jennifer Hansler we're looking for?`): a `Yes.`
    after it answers, it gives the floor to nobody."""
    return turn.role and bool(turn.texts) and turn.texts[-1].rstrip().endswith("?")


def _asker(current: Reporter | None, label: str) -> Reporter | None:
    """The asker of a question turn: the reporter called or introduced, with the outlet its label names
    (`Politico:`, `Question [Reuters]`); the reporter the label names when nobody was called (`AFP:` at a foreign
    ministry's briefing), or when it names a person (`Jane Doe (Reuters)`)."""
    printed = labelled_reporter(label)
    if printed is not None and (current is None or printed.name or current.name == printed.outlet
                                or outlet_label(current.name)):  # `We'll go to Reuters.` named no one
        return printed
    if current is None or current.outlet:
        return current
    outlet = printed.outlet if printed is not None else "" if is_question_label(label) else label
    return Reporter(current.name, outlet, current.given_only) if outlet else current


_GREETED = re.compile(r"^(?:(?:thanks|thank you|hi|hey|and|so|okay|yes|sorry)[,.!]?\s+)*(?P<word>[\w'’-]+)[,.!]\s", re.I)
_THANKS = re.compile(r"^(?:thanks|thank you)\b", re.I)
"""A follow-up opening with thanks, as a reporter given the floor does (`Thanks. In February…`)."""
_BID = re.compile(r"^(?:Mr\.? President|Madam (?:Secretary|President|Vice President)|Mr\.? Secretary|Sir|Ma'am|Ma’am)\?$")
"""A question turn that only bids for the floor (`Mr. President?`): another voice."""


_CLARIFY_WORDS = 3


def _clarifying(previous: Spoken | None) -> bool:
    """The turn before asked what a question meant (`Of?`, `Sorry?`, `Which one?`): the question that follows
    answers it (`Silvio Berlusconi of Italy.`), it introduces nobody."""
    return previous is not None and not previous.question and bool(previous.texts) \
        and sum(len(t.split()) for t in previous.texts) <= _CLARIFY_WORDS and previous.texts[-1].rstrip().endswith("?")


def _named_thing(reporter: Reporter, document: str) -> bool:
    """A self-introduction's name that the document also writes after `the`, as a thing's name (`Build Back
    Better, Jen.` where the answers speak of `the Build Back Better agenda`): no person."""
    return not reporter.given_only and f"the {reporter.name}" in document


def _another_voice(opening: str, lower: frozenset[str]) -> bool:
    """A follow-up that opens as a new reporter's question does, by thanks or by addressing the speaker
    (`Jen, are you planning…`, `Thanks, Karine.`), or that only bids for the floor: another reporter has
    it, whom nobody named. A word the document also writes in lower case addresses nobody (`Awesome.`)."""
    match = _GREETED.match(opening)
    return bool(_BID.match(opening.strip()) or _THANKS.match(opening)) \
        or bool(match and name_word(match["word"]) and not lower_case_word(match["word"].lower(), lower))


FOLLOW_UPS = 5
"""Question turns one call covers in a room (the question and four follow-ups): in longer runs with no new
call, other reporters join in unnamed. A phone line (`the line of …`, `you're open`) has no such limit."""
_LINE = re.compile(r"\b(?:the line of|your line|unmute|unmuted|you're open|you’re open|press (?:1|one|star))\b",
                   re.IGNORECASE)
"""A call that opens a phone line: until the next call, only that line speaks."""
_HANDOFF_WORDS = 12


def _addressed(given: str, opening: str) -> bool:
    """The opening of a question speaks to `given` (`Well, so — so, Stephen, we're hearing…`)."""
    head = " ".join(sentences(opening)[:2])
    return re.search(rf"(?:^|[,—–]\s*){re.escape(given)}\s*[,.?!—]", head) is not None


def _repeated(name: str, opening: str) -> bool:
    """The question's first sentence is the full name just called, said back (`And Paul Whelan. Exactly.`): the
    reporter takes up a name the official added to the question. One who introduces themself goes on (`Hi, this is
    Issam Ahmed with AFP.`)."""
    head = sentences(opening)[:1]
    return bool(head) and len(name.split()) >= 2 \
        and re.fullmatch(rf"(?:(?:and|yes|right|yeah),?\s+)?{re.escape(name)}[.!?]?", head[0].strip(), re.IGNORECASE) is not None


def _handed_over(turns: Sequence[Spoken], i: int) -> bool:
    """The call in turn `i` gave the floor to an official: the next turn is an official's answer of some
    length, not a greeting before the question (`Hi, Jennifer.`). (A call opening a phone line, `the line of
    Ken Thomas … press 1-0`, never does: an official speaking next fills the wait.)"""
    following = turns[i + 1] if i + 1 < len(turns) else None
    if following is None or following.question or following.role or following.label == turns[i].label:
        return False
    return sum(len(t.split()) for t in following.texts) > _HANDOFF_WORDS


def called_labels(turns: Sequence[Spoken]) -> set[str]:
    """Labels that are no person's but the outlet or reporter a moderator just called (`Moderator: … first
    question, Agence Europe, Lea Marchal.` then `Agence Europe:`, `ERT:`): question labels in this briefing.
    A label holding a title is whoever it names (`Paul Fulton (Moderator):` after the operator's `…turn the call
    over to Mr. Paul Fulton.`)."""
    found: set[str] = set()
    for before, turn in zip(turns, turns[1:], strict=False):
        if turn.question or turn.role or before.question or not before.moderator or _titled(turn.label):
            continue
        if read_call(before.texts, moderator=True) is not None:
            found.add(turn.label)
    return found


def _titled(label: str) -> bool:
    """A label holding a title word (`Minister`, `Moderator`, `(Moderator)`): an official's or a function's."""
    return any(fold_name(w).strip(",()[]") in TITLE_WORDS for w in label.split())


def reporter_labels(turns: Sequence[Spoken], officials: Collection[str] = (), title: str = "") -> dict[str, Reporter]:
    """Labels that are a reporter's own name, with the reporter: every turn under them is that reporter's
    question. India's foreign ministry and the Kremlin print the asker's name as the label (`Meghna Dev: Sir,
    Meghna Dev from DD News. …`; `Alexander Gamov:` after the press secretary's `… Alexander Gamov from the
    Komsomolskaya Pravda.`), and NATO the name with the outlet once (`Sarah Kelly (Deutsche Welle):`, then
    `Sarah Kelly:`). A label is a reporter's when its turn introduces that person with an outlet, when the
    turn before called that person with an outlet, or when a question's label gave that person's outlet.
    An interview's `title` naming the journalist (Australia's prime minister: `Television Interview with Leigh
    Sales, 7.30`) makes that journalist's label (`LEIGH SALES:`) a reporter's too.
    A transcription service's full names (rev.com: `Tara Copp (03:10):` after the briefer's `… Tara?`) are a
    reporter's when the turn before called that person by name and most of the label's turns ask.
    Never a label with a title (`Minister Kishida`), a function's (`MODERATOR`) or one of the `officials` (the
    participants' family names, folded), and only a label that asks something (a `?` in one of its turns)."""
    tally = _asking(turns)
    asking = {label for label, (_, asks) in tally.items() if asks}
    mostly = {label for label, (total, asks) in tally.items() if asks * 2 >= total}  # a reporter's, not an official's
    found: dict[str, Reporter] = {}
    if (interviewer := _interviewer(title)) is not None:
        found.update({t.label: interviewer for t in turns if t.label in asking and not _titled(t.label)
                      and same_name(t.label, interviewer.name)})
    for turn in turns:  # `Sarah Kelly (Deutsche Welle):` names the reporter of a later `Sarah Kelly:`
        printed = labelled_reporter(turn.label) if turn.question else None
        if printed is not None and printed.name and person_name(printed.name):
            found.setdefault(printed.name, printed)
    for i, turn in enumerate(turns):
        label = turn.label
        if INITIALS_LABEL.fullmatch(label) and label in mostly and label not in found and i and not turn.question \
                and (call := read_call(turns[i - 1].texts[-1:])) is not None and call.reporter is not None \
                and call.reporter.name and initials_of(label, call.reporter.name):
            found[label] = call.reporter  # the WHO's `HB` after `… Helen Branswell from STAT. Helen, please unmute.`
            continue
        if turn.question or turn.role or label not in asking or label in found or _titled(label) \
                or person_name(label) is None or family_name_of(label) in officials:
            continue
        before = turns[i - 1].texts[-1:] if i and not turns[i - 1].question else ()
        for text in (" ".join(turn.texts[:2]), *before):
            if (reporter := named_with_outlet(label, text)) is not None:
                found[label] = reporter
                break
        else:
            if label in mostly and before and len(label.split()) >= 2 and (call := read_call(before)) is not None \
                    and call.reporter is not None and call.reporter.name and same_name(call.reporter.name, label):
                found[label] = Reporter(" ".join(label.split()), call.reporter.outlet)
    labels = {t.label for t in turns}
    return {label: reporter for label, reporter in found.items() if label in labels}


def _asking(turns: Sequence[Spoken]) -> dict[str, list[int]]:
    """Per label, its turns and how many of them hold a `?`."""
    counts: dict[str, list[int]] = {}
    for turn in turns:
        tally = counts.setdefault(turn.label, [0, 0])
        tally[0] += 1
        tally[1] += any("?" in text for text in turn.texts)
    return counts


_INTERVIEW = re.compile(r"\binterview (?:with|by) (?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3})"
                        r"(?:,\s*(?P<outlet>[^,]{1,40}))?$", re.IGNORECASE)


def _interviewer(title: str) -> Reporter | None:
    """The journalist an interview's title names (`Television Interview with Leigh Sales, 7.30`): a full name
    without a title (not `Interview with President Biden`), and the programme or outlet after a comma."""
    match = _INTERVIEW.search(title)
    if match is None or _titled(match["name"]):
        return None
    shaped = person_name(match["name"])
    return Reporter(shaped[0], (match["outlet"] or "").strip()) if shaped is not None and shaped[1] else None


def _is_call(turn: Spoken) -> bool:
    """A short question turn that is nothing but a named call: a moderator's turn mislabelled."""
    if sum(len(t.split()) for t in turn.texts) > _CALL_WORDS or any("?" in t for t in turn.texts) \
            or not any(explicit_call(t) for t in turn.texts):
        return False
    call = read_call(turn.texts)
    return call is not None and call.reporter is not None and not call.reporter.given_only


def _kept(new: Reporter | None, current: Reporter | None) -> Reporter | None:
    """The asker after a call or introduction: a given name or surname alone that belongs to the reporter
    already named keeps the full name (`Hi, Zeke.`, `Nobira from Asahi Shimbun.`)."""
    if new is None or current is None or current.given_only or not new.given_only or not new.name:
        return new
    words = current.name.split()
    if new.name in (words[0], words[-1]):
        return Reporter(current.name, current.outlet or new.outlet)
    return new


def spoken(label: str, paragraphs: Sequence[Paragraph]) -> Spoken:
    """A turn as the attribution reads it: label, question or not, its words without stage directions."""
    texts = tuple(" ".join(s.text for s in p.segments if not s.stage) for p in paragraphs)
    key = label_key(label)
    return Spoken(label, is_question_label(label), tuple(t for t in texts if t.strip()), key in ROLE_LABELS,
                  key in MODERATOR_LABELS)
