"""Tagging every paragraph of a briefing with the topics it is about: its own words, then its context.

**Its own words** (`mentions.py`): each topic gets a score from the paragraph's mentions, strong terms
counting 1, weak ones `1 / min_weak`, lists, asides and guarded senses less or nothing. A score of
1 or more makes the paragraph about the topic on its own.

**Its context**, weighed below its words: what the paragraph continues. Each source gives its
topics a weight:

| context | weight |
|---|---|
| the paragraph before, in the same turn (what it was on) | `TURN_WEIGHT` of its hold |
| for a turn's first paragraph, the exchange: what the questions since the last change of subject asked (each question further back counting `EXCHANGE_DECAY` times as much) and what the answers named (`ANSWER_CARRY`); a moderator's call or a question on a subject unrelated to the exchange's most specific topics starts afresh | `EXCHANGE_WEIGHT` |
| the exchange, for the turn's later paragraphs | `EXCHANGE_WEIGHT × LATER_WEIGHT` |
| the briefing's title | `TITLE_WEIGHT` |
| the briefing's focus: a topic at least `FOCUS_SHARE` of its paragraphs are about on their own | `FOCUS_WEIGHT` |

A topic takes its heaviest source's weight, plus `CORROBORATION` for each other source holding it
with `CORROBORATES` or more (the title, the exchange and the paragraph before count as three): where
the paragraph before was on two topics, the one the question asked about weighs more. What
corroboration adds ranks topics but is not passed on: a paragraph that inherits a topic holds it, for
the next, with its heaviest source's weight, so a run of paragraphs that never name it fades out.

A paragraph then carries

1. the topics of its own words;
2. when it names none of its own, the context topics weighing `INHERIT` or more and within `MARGIN` of
   the heaviest: an answer that does not name its subject ("We don't know that right now") is about
   what was asked, a paragraph that goes on without naming it ("So it means this will take some
   time") about what its turn was on; but when `SCATTERED` unrelated topics share that lead (the
   paragraph before was a schedule or a round-up), none;
3. when all it names is broader than a context topic (the Netherlands in an exchange on Ukraine;
   not an umbrella topic such as foreign policy), that context topic as in 2, unless it dwells on
   the broader one (scores `DOMINANT` or more in words that are not the context topic's own:
   "relations between Korea and Japan" after questions on North Korea are about the region, "the
   homicide rate in Mexico" in an exchange on U.S.–Mexico security is not);
4. when it changes the subject (its own topics have nothing to do with the context's), only the
   context topics its own words support: own score of at least `MIN_SUPPORT` plus context weight
   reaching 1 (a weak term, an implicit phrase or an aside of a topic the question asked about; not
   an item of a list, not one of three weak terms, not a mention passing beside a topic the
   paragraph dwells on).

A paragraph that announces a new item or question (`_NEW_SUBJECT`: "Finally, …", "On a lighter
note, …") takes nothing from the paragraph before or the exchange, and such a question starts the
exchange afresh.

A paragraph that only announces what will be asked (`_ANNOUNCES`: "One on the Supreme Court and two
on COVID", asking nothing) carries nothing, not even what it names, and changes no context.

A **procedural** paragraph (a moderator's call, a name called, thanks, "Go ahead", "Last question", "Can you say that
again?", an embargo notice) takes nothing from its context, and gives its turn's next paragraph the
context it had itself. A tagged paragraph counts for the topic's parents too (a fentanyl paragraph is
a drugs paragraph); a turn carries its paragraphs' topics.

A topic with a `since` date is never given to a briefing from before it: its terms there are dropped
before anything is weighed (`coronavirus` in 2003 is SARS), so neither it nor its narrower topics tag.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..model import Briefing, Paragraph, Turn
from .answers import is_call
from .mentions import ASIDE_WORDS, DOMINANT, LEAD_WORDS, Evidence, evidence
from .term_matcher import Scan
from .vocabulary import Vocabulary, load_vocabulary

__all__ = ["ASIDE_WORDS", "LEAD_WORDS", "Vocabulary", "load_vocabulary", "tag_briefing", "tag_paragraphs"]

TURN_WEIGHT = 0.85
"""How much of a paragraph's hold on a topic the next paragraph of its turn inherits."""
EXCHANGE_WEIGHT = 0.8
"""How much of what the exchange is on a turn's first paragraph inherits."""
EXCHANGE_DECAY = 0.75
"""How much of what an exchange was on is left after one more turn (see `_exchange`)."""
ANSWER_CARRY = 0.7
"""What an answer adds to its exchange for a topic it names on its own."""
LATER_WEIGHT = 0.65
"""How much of the exchange's weight a turn's later paragraphs feel."""
MARGIN = 0.15
"""A paragraph inherits only the topics its context is most on: those weighing within this of the
heaviest (the question's subject, not every topic the exchange touched)."""
TITLE_WEIGHT = 0.5
FOCUS_WEIGHT = 0.5
FOCUS_SHARE = 0.4
"""Share of a briefing's substantive paragraphs a topic must hold, on their own words, to be its focus."""
CORROBORATION = 0.2
"""What a context topic gains for each further source that holds it (the title, the exchange, the
paragraph before): of two topics the paragraph before was on, the one the question asked about
outweighs the other by more than `MARGIN`, so a paragraph that goes on without naming either takes it alone."""
MIN_SUPPORT = 0.5
"""What a paragraph's own words must give a context topic to keep it when it changes the subject: half a
mention (an aside, one of two weak terms), not a list item (`mentions.LIST_WEIGHT`) or one of three weak terms."""
INHERIT = 0.55
"""Context weight from which a paragraph that names no topic of its own (or a broader one) takes it."""
CORROBORATES = INHERIT / 2
"""What a source must weigh for a topic to corroborate another's: the exchange of three questions back,
faded, or its echo in a turn's later paragraphs, holds no topic up."""
SCATTERED = 3
"""A context this many unrelated topics share the lead of (the paragraph before was a schedule or a
round-up) says nothing of a paragraph that names none of them: it inherits none."""
SUBSTANTIVE = 8
"""Words from which a paragraph counts when a briefing's focus is measured."""
PROCEDURE_WORDS = 40
"""A paragraph longer than this is never procedural."""
_PROCEDURE = re.compile(
    r"(?i)^(?:\W*\b(?:thank(?:s| you)|go ahead|all right|okay|ok|yes|yeah|sure|great|hi|hello|good (?:morning|afternoon)"
    r"|so much|very much|all|everyone|everybody|folks|again|sir|ma'?am|mr|ms|guys|please)\b)+\W*$"
    r"|\b(?:go ahead|(?:next|last|final) question|one more (?:question|time)|question-and-answer|(?:turn|hand)"
    r"(?:ing)? (?:it|the floor|things) (?:back )?over|over to you|the floor is yours|get started|take (?:a few|your|some) questions"
    r"|let'?s go to|we'?ll go to|(?:didn'?t|don'?t) (?:understand|hear) (?:the|your)|(?:didn'?t|couldn'?t|can'?t) hear (?:it|you)|say that (?:again|one more)"
    r"|repeat\b.{0,30}\bquestion"
    r"|on background|embargo|thank(?:s| you) (?:(?:very|so) much )?(?:all|everyone|everybody|for (?:joining|being|your|coming)))\b")
"""What runs a briefing rather than says something: thanks, calls, the call's ground rules."""

_NEW_SUBJECT = re.compile(
    r"(?i)^\W*(?:(?:and|but|now|so|ok(?:ay)?)\W+)?(?:finally|lastly|separately|unrelated(?:ly)?|also today"
    r"|on (?:a|an|one) (?:lighter|different|separate|unrelated|other|another|personal|happier|sadder) (?:note|topic|subject)"
    r"|(?:switching|changing|shifting) (?:gears|topics|subjects)|(?:to )?change (?:gears|topics|the subject)"
    r"|(?:on )?(?:a|another|one) (?:different|separate|unrelated|new) (?:topic|subject|issue))\b")
"""Words a paragraph opens with to start a new item or ask about something else ("Finally, …", "On a
lighter note, …", "Switching gears, …"): it continues neither the paragraph before nor the exchange."""

_ANNOUNCES = re.compile(r"(?i)\b(?:one|two|three|a couple(?: of)?|a few)(?: quick| more| brief)?(?: questions?| things?)?"
                        r" (?:on|about)\b")
"""What only announces the subjects a reporter will ask about ("One on the Supreme Court and two on COVID")."""
_SAYS = re.compile(r"(?i)\b(?:is|are|was|were|seems?|wonder\w*|did|does|will|would|can|could|should|has|had)\b|\w's\b")
"""A verb that makes an announcing paragraph say or ask something too."""
_POLITE = re.compile(r"(?i)\bif (?:you|i)\b[^.!?]*")
"""What a polite request adds ("if you'll indulge me", "if I may")."""
ANNOUNCE_WORDS = 25
"""A paragraph of at most this many words that announces subjects and asks nothing (no `?`) is procedure:
the paragraphs that ask carry the subjects."""

_CALLED = re.compile(r"^\W*(?:[A-Z][\w'.-]*\W*){1,3}$")
"""One to three capitalised words and nothing else: a name called ("Memoli.", "MJ.", "Go ahead, Kristen.")."""
_ANSWER_WORDS = frozenset({"no", "no.", "nope.", "correct.", "absolutely.", "exactly.", "true.", "never.", "definitely."})
"""A one-word answer, which says what the question asked ("No."), is no call."""

Context = dict[str, float]
"""Topic ids (the most specific tagged) and how much the context weighs for each."""


def tag_briefing(briefing: Briefing, vocabulary: Vocabulary) -> Briefing:
    """The briefing with every paragraph's `topics` and `hits` filled in."""
    if not vocabulary.topics:
        return briefing
    matcher, min_weak = vocabulary.matcher, {r.topic: r.min_weak for r in vocabulary.rule_list}
    unborn = vocabulary.unborn(briefing.date)

    def scan(text: str) -> Scan:
        found = matcher.scan(text)
        if unborn and not unborn.isdisjoint(m.topic for m in found.matches):
            found = dataclasses.replace(found, matches=tuple(m for m in found.matches if m.topic not in unborn))
        return found

    texts = [[p.text for p in t.paragraphs] for t in briefing.turns]
    found = [[evidence(scan(text), matcher, min_weak, vocabulary.ancestors) for text in turn] for turn in texts]
    title = evidence(scan(briefing.title), matcher, min_weak, vocabulary.ancestors).own
    base = {t: TITLE_WEIGHT for t in title}
    for topic in _focus(found, vocabulary):
        base[topic] = max(base.get(topic, 0.0), FOCUS_WEIGHT)
    exchange: Context = {}
    turns = []
    for turn, own, said in zip(briefing.turns, found, texts, strict=True):
        call = is_call(turn)
        if call or (turn.question and (_changes_subject(own, exchange, vocabulary) or _new_subject(said[0]))):
            exchange = {}
        elif turn.question:
            exchange = {t: e * EXCHANGE_DECAY for t, e in exchange.items() if e * EXCHANGE_DECAY >= 0.1}
        opening = {t: min(1.0, e) * EXCHANGE_WEIGHT for t, e in exchange.items()}
        held = _tag_turn(own, said, opening, base, vocabulary, call)
        if turn.question:
            exchange = _exchange(exchange, own)
        elif turn.answer_to:  # an opening statement's subjects are no exchange the next speaker continues
            for topic in {t for h in held for t, w in h.items() if w >= 1}:
                exchange[topic] = max(exchange.get(topic, 0.0), ANSWER_CARRY)
        turns.append(_with_topics(turn, [frozenset(h) for h in held], own, vocabulary))
    return dataclasses.replace(briefing, turns=tuple(turns))


def tag_paragraphs(vocabulary: Vocabulary, texts: Sequence[str]) -> list[tuple[tuple[str, ...], tuple[tuple[int, int, str], ...]]]:
    """Per paragraph of one turn with no other context, its topics (with parents, in vocabulary order)
    and where the terms of those topics occur, `(start, end, topic)`."""
    matcher, min_weak = vocabulary.matcher, {r.topic: r.min_weak for r in vocabulary.rule_list}
    own = [evidence(matcher.scan(text), matcher, min_weak, vocabulary.ancestors) for text in texts]
    held = _tag_turn(own, texts, {}, {}, vocabulary, False)
    return [_tags(frozenset(h), e, vocabulary) for h, e in zip(held, own, strict=True)]


def _changes_subject(own: Sequence[Evidence], exchange: Context, vocabulary: Vocabulary) -> bool:
    """True for a question that names topics of its own, none of them related to what the exchange was
    on (its most specific topics: an exchange on China that also named foreign policy is on China, so a
    question on Ukraine changes the subject)."""
    named = {t for e in own for t in e.own}
    current = vocabulary.most_specific(t for t, e in exchange.items() if e >= INHERIT)
    return bool(named) and not any(vocabulary.related(n, t) for n in named for t in current)


def _exchange(exchange: Context, own: Sequence[Evidence]) -> Context:
    """What an exchange is on after one more turn: what it was on, weaker by `EXCHANGE_DECAY`, plus the
    turn's own evidence per topic (its best paragraph's score, up to 1), weak mentions too, so that
    "the documents" asked about and "the Counsel's office" answered add up to an exchange on them."""
    out = dict(exchange)
    for topic in {t for e in own for t in e.scores}:
        out[topic] = out.get(topic, 0.0) + min(1.0, max(e.scores.get(topic, 0.0) for e in own))
    return out


def _tag_turn(own: Sequence[Evidence], texts: Sequence[str], opening: Context, base: Context,
              vocabulary: Vocabulary, call: bool) -> list[Context]:
    """The most specific topics of each paragraph of a turn, with how strongly each holds (1 for the
    paragraph's own words, the context's weight for an inherited one), paragraph after paragraph."""
    running: Context = {}
    out: list[Context] = []
    for k, (found, text) in enumerate(zip(own, texts, strict=True)):
        if _new_subject(text):
            opening, running = {}, {}
        sources = (base, opening if k == 0 else {t: w * LATER_WEIGHT for t, w in opening.items()}, running)
        plain: Context = {}
        for source in sources:
            for topic, weight in source.items():
                plain[topic] = max(plain.get(topic, 0.0), weight)
        context = {t: w + CORROBORATION * max(0, sum(source.get(t, 0.0) >= CORROBORATES for source in sources) - 1)
                   for t, w in plain.items()}
        if _announces(text, found):
            out.append({})  # "One on the Supreme Court and two on COVID": the paragraphs that ask carry them
            continue
        procedural = call or _procedural(text, found)
        held = _decide(found, context, vocabulary, procedural)
        out.append(held)
        if not procedural:  # what corroboration added ranks topics; it is not passed on, so a chain fades
            running = {t: min(w, 1.0 if t in found.own else plain.get(t, 0.0) + found.scores.get(t, 0.0)) * TURN_WEIGHT
                       for t, w in held.items()}
    return out


def _decide(found: Evidence, context: Context, vocabulary: Vocabulary, procedural: bool) -> Context:
    """A paragraph's topics from its own words and its context (rules 1–4 of the module docstring),
    each with how strongly it holds."""
    if not found.scores and not context:
        return {}
    core = found.own
    held: Context = dict.fromkeys(vocabulary.most_specific(core), 1.0)
    if procedural:
        return held
    broader = core - vocabulary.umbrellas  # naming "foreign policy" continues no exchange on Ukraine
    specific = vocabulary.most_specific(broader)  # naming migration and the Americas leaves Haiti
    top = max(context.values(), default=0.0)
    inherited: Context = {}
    for topic, weight in context.items():
        support = 0.0 if topic in found.asides and core else found.scores.get(topic, 0.0)
        support += 0.5 if topic in found.implicit else 0.0
        if support >= MIN_SUPPORT and support + weight >= 1:
            held[topic] = max(held.get(topic, 0.0), min(1.0, support + weight))
        elif weight >= INHERIT and weight >= top - MARGIN and (
                not core or (any(c in vocabulary.ancestors[topic] for c in broader)
                             and all(c in vocabulary.ancestors[topic] for c in specific)
                             and not _dwells(found, specific, topic))):
            inherited[topic] = min(1.0, support + weight)
    if len(vocabulary.most_specific(inherited)) < SCATTERED:
        for topic, weight in inherited.items():
            held[topic] = max(held.get(topic, 0.0), weight)
    keep = vocabulary.most_specific(held)  # an umbrella gives way to its narrower topics only
    return {t: w for t, w in held.items() if t in keep}


def _dwells(found: Evidence, broader: Iterable[str], topic: str) -> bool:
    """True when the paragraph names a broader topic `DOMINANT` times or more in words that are not
    `topic`'s own ("relations between Korea and Japan" after questions on North Korea; not "the
    homicide rate in Mexico" in an exchange on U.S.–Mexico security, `Mexico` being a word of both)."""
    shared = {m.first for m in found.matches if m.topic == topic}
    return any(found.scores[c] - sum(m.topic == c and m.term.kind == "strong" and m.first in shared
                                     for m in found.matches) >= DOMINANT for c in broader)


def _announces(text: str, found: Evidence) -> bool:
    """True for a short paragraph that announces what will be asked and says or asks nothing else: no
    question mark, no verb of its own ("One on — there's a bank having issues" asks about it)."""
    if found.words > ANNOUNCE_WORDS or "?" in text or not _ANNOUNCES.search(text):
        return False
    return not _SAYS.search(_POLITE.sub("", text.replace("’", "'")))


def _new_subject(text: str) -> bool:
    return bool(_NEW_SUBJECT.match(text[:60]))


def _procedural(text: str, found: Evidence) -> bool:
    if found.own or found.words > PROCEDURE_WORDS:
        return False
    text = text.replace("’", "'")
    if _CALLED.match(text) and not _ANSWER_WORDS.intersection(text.lower().split()):
        return True
    return bool(_PROCEDURE.search(text))


def _focus(found: Sequence[Sequence[Evidence]], vocabulary: Vocabulary) -> list[str]:
    """The topics a briefing is about throughout: each held, on its own words, by `FOCUS_SHARE` of its
    substantive paragraphs or more."""
    counted = [vocabulary.most_specific(e.own) for turn in found for e in turn if e.words >= SUBSTANTIVE]
    if not counted:
        return []
    tally = Counter(t for topics in counted for t in topics)
    return sorted(t for t, n in tally.items() if n >= FOCUS_SHARE * len(counted))


def _tags(core: frozenset[str], found: Evidence, vocabulary: Vocabulary
          ) -> tuple[tuple[str, ...], tuple[tuple[int, int, str], ...]]:
    topics = vocabulary.with_parents(core)
    kept = set(topics)
    return topics, tuple((m.start, m.end, m.topic) for m in found.matches if m.topic in kept)


def _with_topics(turn: Turn, cores: Sequence[frozenset[str]], own: Sequence[Evidence], vocabulary: Vocabulary) -> Turn:
    """The turn with its paragraphs' topics and hits; the very same turn when nothing changed."""
    paragraphs: list[Paragraph] = []
    for paragraph, core, found in zip(turn.paragraphs, cores, own, strict=True):
        topics, hits = _tags(core, found, vocabulary)
        same = (paragraph.topics, paragraph.hits) == (topics, hits)
        paragraphs.append(paragraph if same else dataclasses.replace(paragraph, topics=topics, hits=hits))
    if all(new is old for new, old in zip(paragraphs, turn.paragraphs, strict=True)):
        return turn
    return dataclasses.replace(turn, paragraphs=tuple(paragraphs))
