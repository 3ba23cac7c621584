"""Reading who is given the floor: a moderator's call, a reporter's self-introduction.

Precision first: a call names a reporter only when a sentence has the form of a call ("Go ahead,
Peter." / "Yes, Kristen?" / "Next question, Nick Wadhams of Bloomberg." / "we'll go to the line of
Michelle Hackman" / "recognizing Steve Portnoy" / "Mary Bruce, ABC.") and the name has the shape of
a person's name: capitalised name words, no common word (`words.NOT_NAMES`), title or government
word. Only the closing sentences of a turn are read, never the body of an answer; a reporter's
introduction is read only in the opening sentences of their question ("It's Justin Sink from
Bloomberg.", "James Rosen with Newsmax"). Outlets are kept as printed here; `enrich.outlets`
matches them to `content/outlets.yml`.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Reporter
from ..text import fold_name
from ..words import NAME_INNER_WORDS, NOT_NAMES, ORG_WORDS, OUTLET_CONNECTORS, ROLE_WORDS

COMMON_WORDS = frozenset(json.loads((Path(__file__).parent / "common_words.json").read_text(encoding="utf-8")))
"""Words briefings write in lower case (`truly`, `starting`; made by `scripts/common_words.py`): a lone one
is no given name where a document's own lower-case words are checked."""


_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


_VOCATIVE = re.compile(r",\s+([A-Z][a-z'’-]+)\s*[,.?!]")
"""A capitalised word between a comma and a comma or a sentence's end, mid-sentence: someone addressed
(`Well, Said, as you alluded to`)."""
_ADVERBS = frozenset({"however", "otherwise"})
"""Words set off by commas mid-sentence (`, however,`) that address no one; other such words (`Yes, Yes,`, `Well,`)
are never names anyway (`name_word`: `words.NOT_NAMES`, titles, organisations)."""
ADDRESSED_TWICE = 2
"""Times a word the document also writes in lower case must be addressed (`_VOCATIVE`) to be a name there."""


class LowerWords(frozenset[str]):
    """The words a document writes in lower case, and `names`: those of them it also addresses someone by, at least
    `ADDRESSED_TWICE` times (`Well, Said, as you alluded to`, `Thanks, Said.` — Said Arikat at the State Department):
    there they are given names too."""

    names: frozenset[str] = frozenset()


def lower_words(texts: Iterable[str]) -> LowerWords:
    """The words a document writes in lower case: a capitalised word among them is no name (`Awesome.`), unless the
    document addresses someone by it (`LowerWords.names`)."""
    words: set[str] = set()
    addressed: Counter[str] = Counter()
    for text in texts:
        words.update(_LOWER_WORD.findall(text))
        addressed.update(w.lower() for w in _VOCATIVE.findall(text) if name_word(w))
    found = LowerWords(words)
    found.names = frozenset(w for w, n in addressed.items() if n >= ADDRESSED_TWICE and w not in _ADVERBS
                            and (w in words or w in COMMON_WORDS))
    return found


def lower_case_word(word: str, lower: frozenset[str]) -> bool:
    """`word` (folded) is one the document (its lower-case words, `lower`) or briefings at large
    (`COMMON_WORDS`) write in lower case: a word, not a given name; but a word the document addresses someone by
    (`LowerWords.names`) is a name."""
    return (word in lower or word in COMMON_WORDS) and word not in getattr(lower, "names", ())


@dataclass(frozen=True)
class Call:
    """What a turn's closing sentences do to the floor."""

    reporter: Reporter | None = None
    """The reporter (or outlet alone) called on; None for an unnamed call (`Go ahead.`, `Yes, sir.`)."""
    closes: bool = False
    """The event ends here (`Thank you, everyone.`): questions shouted afterwards are nobody's call."""


_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|St|Jr|Sr|Gen|Sen|Rep|Lt|Col|Gov|Amb|Adm|Prof|No|Vol)|\b[A-Z])$")
_STOP = re.compile(r"[.?!]+[\"”’)]*\s+")
_ABBREVIATED = 5
"""The longest `_ABBREVIATION` (`Prof`) and the newline its `$` may stand before. Its `\\b` still reads the
character before where the search starts (`search(text, pos)` sees the text before `pos`): a space after the
previous stop, as the sentence's own slice would see its start."""


def sentences(text: str) -> list[str]:
    """A paragraph's sentences; a dot after `Mr`, an initial or `L.A` does not end one."""
    out: list[str] = []
    start = 0
    for match in _STOP.finditer(text):
        # the abbreviation is looked for in the few characters before the stop, not in all the sentence so far
        # (as many `Mr.` as a sentence holds made that quadratic: a paragraph of 8,000 took 99 s)
        if match.group().startswith(".") and len(match.group().strip()) == 1 \
                and _ABBREVIATION.search(text, max(start, match.start() - _ABBREVIATED), match.start()):
            continue
        out.append(text[start:match.end()].strip())
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


# --- names and outlets -----------------------------------------------------------------------------------

_NAME_WORD = re.compile(r"^(?:[A-ZÀ-Þ](?:[a-zß-ÿ]+|[a-zß-ÿ]*(?:[-'’][A-ZÀ-Þ]?[a-zß-ÿ]+)+|[a-zß-ÿ]*[A-ZÀ-Þ][a-zß-ÿ]+)"
                        r"|[A-Z](?:\.[A-Z])+\.?|[A-Z]\.?|[A-Z]{2})$")
"""A word of a person's name: `Peter`, `Karlin-Smith`, `O’Keefe`, `McClatchy`, `DeJoy`, `S.V.`, `MJ`."""
_NEVER = NOT_NAMES | ROLE_WORDS | ORG_WORDS


def name_word(word: str) -> bool:
    """True for a capitalised word that may be part of a person's name."""
    folded = fold_name(word)
    return bool(_NAME_WORD.match(word)) and folded not in _NEVER and not (folded.endswith("s") and folded[:-1] in _NEVER)


def person_name(text: str) -> tuple[str, bool] | None:
    """`(name, full)` when `text` is shaped like a person's name, else None: name words, particles
    between them (`Ursula von der Leyen`); `full` for a given name and a family name."""
    words = text.split()
    if not 1 <= len(words) <= 5 or not name_word(words[0]) or not name_word(words[-1]):
        return None
    if any(not name_word(w) and w not in NAME_INNER_WORDS for w in words):
        return None
    if re.fullmatch(r"[A-Z]\.?", words[0]) and len(words) == 1:
        return None
    initials = [w for w in words if re.fullmatch(r"[A-Z](?:\.[A-Z])*\.?", w)]
    full = len(words) - len(initials) >= 2 and not re.fullmatch(r"[A-Z](?:\.?[A-Z])+\.?", words[0]) \
        and len({fold_name(w) for w in words}) == len(words)  # `Joe Joe`, a nickname, is no family name
    return " ".join(words), full


_OUTLET_WORD = re.compile(r"^(?:[A-Z0-9][\w.&'’!-]*|&)$")
_NOT_OUTLET = NOT_NAMES - {"america", "american", "washington", "new", "north", "south", "east", "west", "city",
                           "republic", "federal", "today", "first", "one", "two", "the", "of", "and", "for", "at", "caller",
                           "in", "on", "de", "morning"} | ROLE_WORDS - {"press", "national", "international", "public", "foreign",
                                                            "first", "high"}
"""Words that make a phrase something else than an outlet's name (`Secretary Blinken`, `I'm`)."""


def outlet_name(text: str) -> str | None:
    """An outlet as printed (`the L.A. Times` → `L.A. Times`; `South China Morning Post in Washington` → its
    name, the bureau's city left out) when `text` is shaped like one, else None."""
    text = re.sub(r"\s+in\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?$", "", text.strip().rstrip(".,;:!?"))
    words = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE).split()
    if not 1 <= len(words) <= 8 or not _OUTLET_WORD.match(words[0]) or words[-1].lower() in OUTLET_CONNECTORS:
        return None
    for word in words:
        if fold_name(word) in _NOT_OUTLET or re.search(r"['’](?:m|re|ve|ll|d)$", word) or not (_OUTLET_WORD.match(word) or word.lower() in OUTLET_CONNECTORS):
            return None
    return " ".join(words)


def _outlet_before_clause(text: str) -> str | None:
    """An outlet, or one followed by a clause of its own (`Telenoticias representing the national media`,
    `EWTN, Global Catholic Network`), never the start of a sentence (`the Department of Justice is …`)."""
    if whole := outlet_name(text):
        return whole
    head, comma, tail = text.partition(",")
    if comma and (first := outlet_name(head)) and outlet_name(tail):
        return first  # `EWTN, Global Catholic Network`: the outlet, then what it is
    if (place := re.match(r"^(.+?)\s+(?:from|in|of)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?[.?!]*$", text)) \
            and (found := outlet_name(place.group(1))):
        return found  # `TVN Discovery from Poland`
    match = re.match(r"^((?:the\s+)?[A-Z0-9][^,;:]*?)\s+(?=(?:representing|who|which)\b)", text)
    return outlet_name(match.group(1)) if match else None


_TRAILING = re.compile(r"(?:[,\s]+(?:next|now|please|again|here|there|first|then|too|as well|sir|ma'am|"
                       r"thank you|thanks|go ahead))+\s*$", re.IGNORECASE)
_LEAD = re.compile(r"^(?:(?:the|from the|from) line of\s+|(?:Zoom|Webex|the phones?|the lines?) for\s+|"
                   r"(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+)+")
"""What stands before a called name: `the line of …`, `Zoom for Amy Gibbons`, `Mr.`."""
_SEPARATOR = re.compile(
    r"^(?:,\s*(?:(?:a|the|our)\s+)?(?:journalist|reporter|correspondent|anchor|producer|editor|host)\b[\w ]{0,30}?"
    r"\s+(?:for|with|at|of|from)\s+|\s*,\s*(?:with|from|at|of|for)\s+|\s*,\s*|\s+(?:of|at|from|with|for)\s+"
    r"(?:(?:digital|the)\s+(?:media\s+)?)?)")


def named(rest: str, lower: frozenset[str] = frozenset()) -> Reporter | None:
    """The reporter a call's object names: `the line of Mr. James Rosen of Sinclair Broadcast Group`,
    `Mary Bruce, ABC`, `Zeke`. None when it is not a person's name (and an optional outlet) and nothing else.

    A given name alone must not occur in lower case in the document (`lower`): `Will`, `Rich`; where that is
    checked, nor be a word briefings write in lower case (`Truly.`, `Starting.`).
    """
    bare = rest.strip().rstrip(".?!,;:— ").strip()
    rest = _TRAILING.sub("", _LEAD.sub("", bare))
    words = rest.split()
    if len(words) == 1 and re.match(r"^(?:.*\bline of\s+)?(?:Mr|Ms|Mrs|Miss|Dr)\.?\s", bare):
        return None  # `Dr. Fauci`, `Mr. Rosen`: a surname with a title, no name a reporter is called by
    count = 0
    while count < min(len(words), 5):
        word = words[count].rstrip(",")
        if not (name_word(word) or (word in NAME_INNER_WORDS and count > 0)):
            break
        count += 1
        if words[count - 1].endswith(","):
            break
    while count and words[count - 1].rstrip(",") in NAME_INNER_WORDS:
        count -= 1
    if not count:
        return None
    shaped = person_name(" ".join(w.rstrip(",") for w in words[:count]))
    if shaped is None:
        return None
    name, full = shaped
    remainder = rest[len(" ".join(words[:count])):] if count < len(words) else ""
    if words[count - 1].endswith(","):
        remainder = "," + remainder
    outlet = ""
    if remainder.strip(" ,"):
        sep = _SEPARATOR.match(remainder)
        found = _outlet_before_clause(remainder[sep.end():]) if sep else None
        if found is None:
            return None
        outlet = found
    if not full and lower and lower_case_word(fold_name(name), lower):
        return None
    return Reporter(name=name, outlet=outlet, given_only=not full)


# --- calls ------------------------------------------------------------------------------------------------

_I = re.IGNORECASE
_VERB_CALL = re.compile(
    r"(?:\b(?:we(?:'ll| will| are going to|'re going to| can| could)?|let's|let us|let me|i(?:'ll| will|'m going to| am going to|'d like to)?"
    r"|going to|next(?: up)?|first(?: up)?|finally|now|and|then|ok|okay|all right)\b,?\s+(?:(?:now|then|next|also|just|first|"
    r"quickly|please|go ahead and)\s+)*(?:go|turn|hand|pass|move on|move|come|start|begin|continue|head|kick (?:it|things) off)"
    r"(?:\s+it|\s+things|\s+the floor)?\s+(?:over\s+|back\s+|on\s+|ahead\s+)?(?:to|with)\s+)(?P<rest>.+)$", _I)
_QUESTION_CALL = re.compile(
    r"\bquestions?\b(?:\s+from\b[^.,]*?)?,?\s+by\s+(?P<rest3>.+)$"
    r"|\bquestions?\b[^.?!]*?\b(?:go(?:es)?|will go|is going to go|comes?|will come|is going to come|is)\s+(?:to|from)\s+"
    r"(?P<rest>.+)$|\b(?:take|have|hear)\s+(?:(?:now|also|then|just)\s+)?(?:(?:a|our|the|one|one more|your|another)\s+)?"
    r"(?:(?:next|last|final|first)\s+)?(?:questions?|one)\s+(?:from|of)\s+(?P<rest2>.+)$"
    r"|^\W*(?:(?:and|now|so|ok(?:ay)?)\W+)?(?:(?:another|one more|a|the)\s+)?question\s+from\s+(?P<rest4>.+)$", _I)
_LEADS_CALL = re.compile(
    r"^(?:(?:okay|ok|so|all right|now|and)[,.]?\s+)*(?P<rest>[A-Z][^,.?!]*?(?:,\s*[^,.?!]+?)?)\s+(?:will|is going to|can|could"
    r"|wants? to)\s+(?:lead|start|kick)\s+(?:us|it|things)\s+off\b", _I)
"""A call naming the reporter first: `Okay, Ben Feller from the Associated Press will lead us off with questions.`"""
_PURPOSE = re.compile(
    r"\s+(?:to\s+(?:get|kick|start|begin|open|give|make|offer|provide|deliver|lead|walk|share|say|talk|speak)\b"
    r"|for\s+(?:(?:a|an|the|some|his|her|their|a few|brief|opening|initial|introductory|short|quick)\s+)*"
    r"(?:remarks|comments|words|statement|overview|opening|top)\b"
    r"|for\s+(?:the|a|our|your)\s+(?:(?:next|last|final|first)\s+)?question\b"
    r"|who\b|(?:on|about|around|regarding|concerning)\s+(?:the|a|an|his|her|their|this|that)\b"
    r"|in the (?:comments|chat|audience)\b|because\b|since\b).*$", _I)
"""What a verb call's object may end with after the name: `I'll turn it over to John to get us started`,
`Let me come to Sam, because …`,
`… to Lael, who will walk you through it`, `… by Illian (ph) who is 18 years old and is from Toulouse`, `we'll go
to Mary Bruce for the next question`, `a question from Jean around the Uyghurs`."""
_PHONETIC = re.compile(r"\s*\((?:ph|phonetic|sp)\.?\)", _I)
"""A transcriber's mark on a name heard, not read (`Illian (ph)`)."""
_HAVE_CALL = re.compile(
    r"\b(?:we have|we've got|next,? we have|up next is|next up is|next is|it will be|recogniz(?:e|ing)|called on|"
    r"calling on|call on)\s+(?P<rest>.+)$", _I)
_CALLS = (_VERB_CALL, _QUESTION_CALL, _HAVE_CALL, _LEADS_CALL)
"""The call forms a sentence is read by, each with the called name in its group."""
_TAIL = (r"go ahead|please|you(?:'re| are) (?:open|up|next|on|live|unmuted)|you should be\b.*|your line is\b.*|"
         r"(?:please,? )?(?:you (?:can|may) |go ahead and )?unmute(?: yourself| your (?:mic|microphone|line))?"
         r"(?:,? (?:please|and ask your question))?|the floor is yours|you have the floor|over to you|"
         r"you have the (?:last|final|next|first) question|(?:the )?(?:last|final) question|"
         r"(?:why don't you|you want to|do you want to|want to|can you|could you)\s+(?:kick|start|get|begin|go)\b.*|"
         r"(?:just )?kick (?:us|it|things) off|in the (?:back|middle|front|aisle)|(?:way )?back (?:there|here)|"
         r"way in the back|right there|there|(?:and )?then\b.*|if you're on mute|thank you for your patience\b.*|"
         r"followed by\b.*|and after that\b.*|you're next|you're up|you're first|your question(?: again)?|"
         r"(?:i'll|i will|we'll|we will|let's|let me) (?:start|begin|go|kick (?:it |things )?off)(?: first)? with you\b.*")
_COMMAS = re.compile(r",\s+")
_LINE_OPEN = re.compile(r"\b(?:your line is|you(?:'re| are) (?:open|live|unmuted)|unmute)\b", _I)
_TITLED_SURNAME = re.compile(r"^(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+(?P<surname>[A-Z][\w'’-]+)$")
"""A reporter an operator opens the line of by title and surname (`Mr. Takagi, your line is open.`): on a phone line
the name is the asker's, where `Dr. Fauci, please.` in a room hands the floor to an official."""
_NAME_FIRST = re.compile(rf"^(?P<rest>[^,]+?(?:,\s*[^,]+?)??),?\s+(?:{_TAIL})[.?!]*$", _I)
_PREFIX = (r"(?:(?:yes|yeah|yep|sure|okay|ok|all right|alright|go ahead|over to you|please|and|so|great|good|now|next|"
           r"how about|finally|lastly|last one|one more|um|uh|sorry|oh)[,.—]?\s+)")
_LEADING = re.compile(rf"^{_PREFIX}+", _I)
"""Words before the name of a call that ends with its verb: `And, Ken, you're open.`"""
_BARE = re.compile(rf"^(?P<prefix>{_PREFIX}*)(?:with that,\s+)?(?P<rest>[^.?!]+?)[.?!]*$", _I)
_WITH_THAT = re.compile(r"^(?:and\s+)?with that,\s+(?P<rest>[^,]+),", _I)
_VOCATIVE_CALL = re.compile(r"(?:question|floor|kick)[^.?!,]*,\s+(?P<rest>[^,]+?(?:,\s*[^,]+?)?)[.?!]*$", _I)
_ORDER_CALL = re.compile(r"\b(?:final|last|couple(?: of)?|two|few)(?: more)? questions?,\s+(?P<rest>[^,]+?)"
                         r"(?:,? and [^,]+?)?[.?!]*$", _I)
_SKIP_TAIL = re.compile(
    rf"^(?:(?:and|so|okay|ok|all right|great|sure|now)[,.]?\s+)*(?:please,?\s+)?(?:{_TAIL}|"
    r"i'll come back to you\b.*|(?:i'll|we'll) come (?:right )?back\b.*|welcome|you have the floor|the floor is yours|"
    r"over to you|one more|will you please press\b.*|(?:please )?press \S+ again\b.*|hi|hello|good (?:morning|afternoon)|"
    r"thank you|thanks|thank you (?:very|so) much)"
    r"[.?!]*$", _I)
_UNNAMED = re.compile(
    r"^(?:(?:okay|ok|all right|alright|yes|yeah|sure|and|so|great|um|uh|oh|let's see|let me see)[,.]?\s+)*"
    r"(?:go ahead|yes|yeah|yep|sure|please|(?:go ahead|yeah|yes|sure|please),? (?:sir|ma'am|miss)\b.*|"
    r"(?:go ahead|yeah|yes),? (?:in the|right|over|there|with the|on the|all the way|way)\b.*|"
    r"[\w ]{0,25}\b(?:shirt|jacket|tie|glasses|dress|sweater|suit|hat|scarf|row|aisle)|(?:in|on) the (?:back|middle|front|aisle|side)|"
    r"(?:next|last|final|first) question\b.*|one (?:more|last)\b.*|caller,? your line is\b.*|"
    r"let's go to the (?:next|first|last) question|(?:let's|we'll|let us) go to|let me move around\b.*|.*\b(?:any|more|other) questions\b.*|"
    r".*\b(?:take|do|have time for) (?:one|a couple|two|a few) more\b.*)(?:,\s*(?:yeah|yes|please|sure|sir|ma'am))*\s*[.?!—]*$", _I)
_WEAK = re.compile(r"^(?:yes|yeah|yep|sure|please|okay|ok|all right|alright)[.?!]*$", _I)
_CLOSE = re.compile(
    r"\b(?:thank you|thanks)(?: (?:so|very) much)?,? (?:all|everyone|everybody|guys|folks|all of you)\b|"
    r"\b(?:that|this) concludes\b|\bsee you (?:tomorrow|all|next|soon|guys|later)\b|"
    r"\bhave a (?:good|great|nice|wonderful) (?:weekend|day|evening|one|night|afternoon)\b|"
    r"\bthat's all (?:we have|the time|for today)\b|\bwe(?:'ll| will) (?:have to )?(?:end|wrap|stop) (?:it )?there\b", _I)
_SIC = re.compile(r"[\[(]sic[\])]", _I)
_WHO = re.compile(r"\b(?:who|whom|whose|which|where|what)\b", _I)


def read_call(texts: Sequence[str], *, lower: frozenset[str] = frozenset(), after: str | None = None,
              context: str = "", moderator: bool = False) -> Call | None:
    """The call a turn ends with (its paragraphs' `texts`, stage directions taken out), or None.

    A moderator's or operator's turn (`moderator`) is all about the floor: every sentence of its last
    paragraph is read (`Zeke Miller … press 1-0 again. … We have Jennifer Jacobs, Bloomberg News.`).
    `after` is the question this turn follows, if it follows one; `context` the turns just before. A lone
    name there may answer rather than call ("Who leads the talks?" — "Jake."; "…the deputy minister,
    Vershinin." — "Sergey Vershinin."): the floor moves, to nobody named.
    """
    if not texts:
        return None
    said = [s.replace("’", "'") for s in sentences(texts[-1])]
    alone = len(texts) == 1 and len(said) == 1
    unnamed = False
    for index in range(len(said) - 1, -1 if moderator else max(-1, len(said) - 4), -1):
        broken = said[index].strip().endswith(("—", "–", "-"))
        sentence = said[index].strip().rstrip(" —–-").strip()
        if _SIC.search(sentence):
            return Call()
        echo = alone and not explicit_call(sentence) and not _LINE_OPEN.search(sentence) \
            and _echoes(sentence, (after or "") + " " + context)
        answering = broken or echo or alone and _answers(sentence, after)
        speech = not moderator and len(sentence.split()) > _SPEECH_WORDS
        found = _named_call(sentence, lower, bare_ok=not answering, speech=speech)
        if echo and found is not None:
            return Call()  # `Yes, Constitution.`: a word of the question said back, the floor moves on
        if found is not None:
            earlier = said[:index]
            if found.given_only or len(earlier) < 2:  # what `_merged` reads: the turn's earlier paragraphs too
                earlier = [s.replace("’", "'") for text in texts[:-1] for s in sentences(text)] + earlier
            return Call(_merged(found, earlier, lower) if found.name else None)
        last_clause = re.split(r"\s+[—–-]+\s+|\s*—\s*", sentence)[-1].strip()
        if (_UNNAMED.match(sentence) or _UNNAMED.match(last_clause)) \
                and not (alone and after is not None and _WEAK.match(sentence)):
            unnamed = True  # a named call just before still wins: `Jordan, go ahead. Go ahead.`
            continue
        if _CLOSE.search(sentence):
            return Call(closes=not unnamed)
        if speech or not moderator and not _SKIP_TAIL.match(sentence):
            break
    return Call() if unnamed else None


def _echoes(sentence: str, before: str) -> bool:
    """A lone reply holding a word of the turns before it (`Yes, Constitution.`, `Sergey Vershinin.`)."""
    words = [fold_name(w) for w in re.sub(r"[^\w\s'’-]", " ", sentence).split() if name_word(w)]
    earlier = set(fold_name(re.sub(r"[^\w\s'’-]", " ", before)).split())
    return any(w in earlier for w in words)


def _answers(sentence: str, question: str | None) -> bool:
    """A lone word after a question that asks who, what or where, or ends in a question mark or a break
    ("Who leads the talks?" — "Jake.")."""
    return question is not None and (bool(_WHO.search(question)) or question.rstrip().endswith(("?", "—", "–", "-")))


_SHORT_BARE = 8
"""Words a bare call may have (`David Sanger, New York Times.`): a longer sentence is speech."""
_FLOOR_VERB = re.compile(r"(?i)\b(?:(?:go|turn|come|move|get) (?:back |over )?to|take (?:one|a|two|a few|some|your))\b")
"""Words that hand the floor over in a long sentence (`let me go to the back of the room — Andrea Mitchell.`)."""
_SPEECH_WORDS = 14
"""Words of an official's sentence past which it is speech, not the floor handed over: no call is looked for in the
sentences before it, nor a name alone after its last dash (`_named_call`)."""


def explicit_call(text: str) -> bool:
    """A sentence calls by a verb (`we'll go to`, `question from`, `we have`), not by a name alone."""
    return any(p.search(s) for s in sentences(text.replace("’", "'")) for p in _CALLS)


def _named_call(sentence: str, lower: frozenset[str], bare_ok: bool, speech: bool = False) -> Reporter | None:
    """The reporter one sentence calls on, by any of the call forms; a `Reporter` with no name for a
    call whose name is no reporter's (a word the document uses in lower case: `Said.`, `Will?`). In `speech`, a long
    sentence of an official's, a name alone after its last dash ends what it says about someone (`… a brand new
    ambassador to — to Israel in — in Ja- — Jack Lew.`); `sorry, Jeff —` there still addresses him."""
    clauses = [sentence] + ([c for c in re.split(r"\s+[—–-]+\s+|\s*—\s*", sentence) if c][-1:] if "—" in sentence
                            or " – " in sentence or " - " in sentence else [])
    for clause in clauses:
        clause = clause.strip()
        for pattern in _CALLS:
            if match := pattern.search(clause):
                rest = next(g for g in match.groups() if g)
                rest = _PURPOSE.sub("", _PHONETIC.sub("", rest.split(" and then ")[0]))
                if found := _outlet_first(rest, plain_outlet=True) or named(rest, lower):
                    return found
        # `I don't have any opening comments, so Matt, do you want to kick us off?`: a call after a comma too, not
        # after a name (`Okay, Mary, Nandita, and then …` calls Mary first)
        tails = (clause[at.end():] for at in _COMMAS.finditer(clause)
                 if (before := clause[:at.start()].split()) and (
                     not name_word(before[-1]) or lower_case_word(fold_name(before[-1]), lower)))
        for pattern, text in itertools.chain(((_WITH_THAT, clause), (_NAME_FIRST, clause)),
                                             ((_NAME_FIRST, t) for t in tails),  # read only if the whole clause calls no one
                                             ((_ORDER_CALL, clause), (_VOCATIVE_CALL, clause))):
            if (match := pattern.search(text)) is None or text is not clause and "," in match["rest"]:
                continue
            # `Do you want to kick us off?`: a name before the call's verb without a comma is a word
            # the document may use in lower case
            loose = pattern is _NAME_FIRST and not text[match.end("rest"):].startswith(",")
            rest = match["rest"] if pattern in (_WITH_THAT, _NAME_FIRST) else _PURPOSE.sub("", match["rest"])
            # `First question, Virginie Robert from Les Echos on the French side.`; not `And Rob Malley — who is … — is
            # certainly an appropriate … to be there.`, a name before a call's verb cut off
            if found := _outlet_first(rest) or named(_LEADING.sub("", rest), lower if loose else frozenset()):
                return found
            if pattern is _NAME_FIRST and _LINE_OPEN.search(text[match.end("rest"):]) \
                    and (titled := _TITLED_SURNAME.match(_LEADING.sub("", match["rest"]))):
                return Reporter(titled["surname"], "", True)  # the operator's `And Ms. Hansler, your line is open.`
        match = _BARE.match(clause)
        if match and speech and clause is not clauses[0] and not match["prefix"] and "," not in match["rest"] \
                and not _FLOOR_VERB.search(sentence):
            match = None  # `… — Kristen Welker, NBC.` and `… let me go to the back of the room — Andrea Mitchell.` call
        if match and len(match["rest"].split()) <= _SHORT_BARE:
            found = named(match["rest"], lower if not match["prefix"] else frozenset())
            plain = found is not None and not match["prefix"] and not found.outlet
            if plain and found is not None and not found.given_only and (
                    clause.endswith("?") or any(fold_name(w) in lower for w in found.name.split())):
                found = None  # `Jake Sullivan?` asks; `Infrastructure Law` is no one
            if found is not None and (bare_ok or found.outlet or match["prefix"]):
                return found
            if found is not None or (plain or not match["prefix"]) and named(match["rest"]) is not None:
                return Reporter("")  # an answer (`Jake.`), or `Said.`, a word the document uses in lower case
    return None


def _outlet_first(rest: str, *, plain_outlet: bool = False) -> Reporter | None:
    """`Agence Europe, Lea Marchal`: an outlet, then a reporter's full name (`Jennifer Griffin, Fox` is the
    other way round, and `named` reads it). With `plain_outlet`, only when the first part can be no person's
    name (`let me go to Associated Press, Lita Baldor`; `let's go to Sabrina Siddiqui, Wall Street Journal`
    names her): a verb call names the reporter first, the `… question, Agence Europe, Lea Marchal` of a
    moderator the outlet."""
    head, comma, last = rest.rpartition(",")
    shaped = person_name(last.strip().rstrip(".?!")) if comma else None
    if shaped is None or not shaped[1] or (outlet := outlet_name(head)) is None \
            or plain_outlet and person_name(head.strip()) is not None:
        return None
    found = named(last)
    return Reporter(found.name, outlet, found.given_only) if found is not None and not found.outlet else None


def _merged(found: Reporter, before: list[str], lower: frozenset[str]) -> Reporter:
    """`Ken, the Wall Street Journal. Ken Thomas.`: a call completed by another call in the same turn
    with the same given name (`Marco Marin from El Observador. Marco.`). A given name alone is also
    completed by the one full name with that given name the turn introduced earlier (`We have John
    Stoll, who is the head of news at X. … John, why don't you begin.`)."""
    for sentence in reversed(before[-2:]):
        other = _named_call(sentence.strip(), lower, bare_ok=True)
        if other is None or other.name.split()[0] != found.name.split()[0]:
            continue
        if found.given_only and len(_introductions(found.name, before, lower)) > 1:
            break  # `We have John Stoll, who … We have John Smith, who … John, go ahead.`: which John?
        name = found.name if not found.given_only else other.name
        return Reporter(name=name, outlet=found.outlet or other.outlet,
                        given_only=found.given_only and other.given_only)
    if found.given_only and (full := _introduced(found.name, before, lower)) is not None:
        return Reporter(name=full.name, outlet=found.outlet or full.outlet)
    return found


_APPOSITION = re.compile(r",\s+(?:who|whom|whose|the|our|a|an)\b.*$", re.IGNORECASE)


def _introduced(given: str, before: list[str], lower: frozenset[str]) -> Reporter | None:
    """The one reporter with the given name `given` whom an earlier sentence of the turn introduces in a
    call's form, an apposition set aside (`We have John Stoll, who is …`); None if none or several."""
    found = _introductions(given, before, lower)
    return next(iter(found.values())) if len(found) == 1 else None


def _introductions(given: str, before: list[str], lower: frozenset[str]) -> dict[str, Reporter]:
    """Each reporter with the given name `given` an earlier sentence of the turn introduces, by full name."""
    found: dict[str, Reporter] = {}
    for sentence in before:
        if given not in sentence:
            continue
        other = _named_call(_APPOSITION.sub("", sentence.strip()).rstrip(".") + ".", lower, bare_ok=False)
        if other is not None and other.name and not other.given_only and other.name.split()[0] == given:
            found.setdefault(other.name, other)
    return found


# --- self-introductions -------------------------------------------------------------------------------------

_GREETING = re.compile(
    r"^(?:(?:hi|hey|hello|yes|yeah|okay|ok|sorry|so|oh|um|uh|great|sir|ma'am|good (?:morning|afternoon|evening)|thank you|"
    r"thanks|thank you so much|thanks so much|thank you very much)\b[^.!?]{0,40}?[.,!—]\s*)+", _I)
_INTRO = re.compile(r"^(?:(?:this is|it's|it is|i'm|i am|my name is)\s+)(?P<rest>.+)$", _I)
_WITH = re.compile(r"^(?:i'm|i am|i work)\s+(?:with|from|at|for)\s+(?P<outlet>.+?)[.?!]*$", _I)


def introduction(texts: Sequence[str]) -> Reporter | None:
    """The reporter a question introduces in its opening sentences: `Hi, this is Ella Nilsen with CNN.`,
    `Reena Bhardwaj from ANI.`, `My name is Pedro Rojas. I'm with Univision National News.`

    Without `this is`, `it's` or `my name is`, the name needs an outlet after it, and a given name
    alone needs `from`, `with` or `at` (`Nobira from Asahi Shimbun.`, not `Voice of America`).
    """
    said = [s.replace("’", "'") for s in sentences(" ".join(texts[:2]))][:4]
    first = next((i for i, s in enumerate(said) if _GREETING.sub("", s.strip())), 0)  # after `Good afternoon.`
    for index, sentence in enumerate(said):
        sentence = _GREETING.sub("", sentence.strip())
        if sentence.endswith(("—", "–", "-", ",")):
            continue  # broken off: a list or an aside (`JP — Morgan Stanley, Goldman Sachs —`)
        parts = re.split(r"\s*—\s*|\s+[–-]\s+", sentence)
        clauses = [sentence] + ([parts[-1]] if len(parts) > 1 and len(parts[0].split()) <= 4 else [])
        for clause in clauses:
            clause = _GREETING.sub("", clause.strip())
            lead = _INTRO.match(clause)
            found = named(lead["rest"] if lead else clause)
            if found is None and index == first and (loose := _loosely_introduced(clause)) is not None:
                return loose
            if found is None or not found.name:
                continue
            if not found.outlet and index + 1 < len(said) and (tail := _WITH.match(said[index + 1].strip())):
                found = Reporter(found.name, outlet_name(tail["outlet"]) or "", found.given_only)
            if lead and not found.given_only:
                return found
            if found.outlet and (not found.given_only or re.search(
                    rf"^{re.escape(found.name)}\s+(?:from|with|at)\s", lead["rest"] if lead else clause)):
                return found
    return None


_LOOSE = re.compile(r"^(?P<name>[^,]+?)\s+(?:from|with|at)\s+(?P<rest>[^,]+?)(?:,\s*(?:sir|ma'am|please))?[.?!]*$", _I)


def _loosely_introduced(sentence: str) -> Reporter | None:
    """A question opening with nothing but a full name and where it is from, the outlet not in the shape
    of one (`Geeta Mohan from India today, sir.`): the name, no outlet."""
    match = _LOOSE.match(sentence)
    if match is None or len(match["rest"].split()) > 4:
        return None
    person = person_name(match["name"])
    return Reporter(person[0], "") if person is not None and person[1] else None


_OTHER_ASKER = re.compile(r"\b[A-Z][a-z]+['’]s (?:question|point|follow-up|followup)\b|\bfollow(?:ing)? up on [A-Z][a-z]+['’]s\b|"
                          r"\b(?:what|something) [A-Z][a-z]+ (?:asked|said|was asking)\b")


def other_asker(text: str) -> bool:
    """The opening of a question shows another reporter (`Just following up on Janne's point`)."""
    return bool(_OTHER_ASKER.search(" ".join(sentences(text)[:2])))


def named_with_outlet(label: str, text: str) -> Reporter | None:
    """The reporter `text` names as the label's person with an outlet (`Sir, Meghna Dev from DD News.`, `… Alexander
    Gamov from the Komsomolskaya Pravda.`, `I am Sahil from ANI.`), the name as the text writes it."""
    for match in re.finditer(rf"(?<![\w'’-]){re.escape(label)}(?![\w'’-])", text, re.IGNORECASE):
        said = sentences(text[match.start():])
        reporter = named(said[0]) if said else None
        if reporter is not None and reporter.outlet and same_name(label, reporter.name):
            return reporter
    return None


def same_name(label: str, name: str) -> bool:
    """`Meghna Dev` is `Meghna Dev`, `Sahil` is `Sahil`, `Yeshi` is `Yeshi Seli`: the label's words are the name's
    first or last words, folded."""
    ours, theirs = fold_name(label).split(), fold_name(name).split()
    return bool(ours) and bool(theirs) and (ours == theirs[:len(ours)] or ours == theirs[-len(ours):])
