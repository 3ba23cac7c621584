"""The topic vocabulary, `content/topics.yml`, and tagging paragraphs with it.

The precision rule. Each topic lists **strong** terms, specific enough that a mention can make a
paragraph about the topic (`fentanyl`, `Bicentennial Framework`, `Haiti`), and **weak** terms that
only count in company (`drugs`, `border`, `Russia*`). A paragraph is tagged with a topic when

1. it contains at least `min_weak` (default 2) *different* weak terms of the topic: a word repeated
   is still one passing mention, and so are the forms one `stem*` term covers; or
2. it contains a strong term of the topic, unless that mention is an **aside**: the topic's only
   term in the paragraph (one strong term, once, and no weak term), after the first `LEAD_WORDS`
   (25) words of a paragraph of more than `ASIDE_WORDS` (60) words, in a turn whose other
   paragraphs contain none of the topic's strong terms. A question or a short answer is about what
   it names, and a long paragraph about what it opens with or comes back to; a name dropped once
   in the middle of a long one ("the efforts to end the war in Yemen", in an answer about Saudi
   Arabia) is not what the paragraph is about.

Terms match whole words, ignoring case, accents and punctuation between words (`U.S.` = `U.S`,
`Haiti’s` contains `Haiti`, `High-Level` = `high level`); a trailing `*` matches any ending
(`migra*`: migrant, migration, migratorio). Where terms overlap, the one spanning most words wins
(`drug trafficking`, not `drug`); terms spanning the same words all count. A tagged
paragraph counts for the topic's parents too (a fentanyl paragraph is a drugs paragraph). A turn
carries its paragraphs' topics.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from yaml.nodes import Node

from ..errors import ConfigError
from ..model import Briefing, Topic, Turn
from ..read.yamlfile import YamlFile, line
from ..text import fold_keeping_offsets, slugify

_TOPIC_KEYS = {"id", "title", "description", "parents", "strong", "weak", "min_weak"}
_WORD = re.compile(r"\w+")
_SPLIT = re.compile(r"(\w+)")
"""Splits a text into separator, word, separator, …: the words and, by summing lengths, where they are."""

ASIDE_WORDS = 60
"""A paragraph longer than this many words can hold an aside (see the module docstring)."""
LEAD_WORDS = 25
"""A mention among a paragraph's first this many words is what the paragraph opens with, never an aside."""

Tags = tuple[tuple[str, ...], tuple[tuple[int, int, str], ...]]
"""A paragraph's topics, and where the vocabulary's terms occur in it, `(start, end, topic)`."""


@dataclass(frozen=True)
class Rule:
    """How one topic is recognised."""

    topic: str
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    min_weak: int = 2
    line: int = 0
    """Line of the topic's entry in topics.yml, for messages."""


@dataclass(frozen=True)
class Match:
    """One term found in a text: where (in the original text), which topic, how strong."""

    start: int
    end: int
    topic: str
    strong: bool
    term: str
    """The vocabulary term that matched, folded (`migra*`)."""
    word: int
    """Index in the text's words of the match's first word."""


@dataclass(frozen=True)
class _Term:
    text: str
    words: tuple[str, ...]
    wild: bool
    """The last word is a stem: any ending matches."""
    topics: tuple[tuple[str, bool], ...]

    def fits(self, words: list[str], at: int) -> bool:
        """True when the text's words from `at` on spell this term."""
        if at + len(self.words) > len(words):
            return False
        *head, last = self.words
        found = words[at:at + len(self.words)]
        return found[:-1] == head and (found[-1].startswith(last) if self.wild else found[-1] == last)


class Vocabulary:
    """The topics in file order, and a matcher compiled once for all their terms."""

    def __init__(self, topics: tuple[Topic, ...] = (), rules: tuple[Rule, ...] = (), source: str = "") -> None:
        self.topics = topics
        self.rules = {r.topic: r for r in rules}
        self.source = source
        self.by_id = {t.id: t for t in topics}
        self._order = {t.id: i for i, t in enumerate(topics)}
        claims: dict[str, dict[str, bool]] = {}  # term -> {topic: strong}; a term may serve several topics
        for rule in rules:
            for strong, group in ((True, rule.strong), (False, rule.weak)):
                for term in group:
                    claim = claims.setdefault(" ".join(_words(term)) + ("*" if term.endswith("*") else ""), {})
                    claim[rule.topic] = claim.get(rule.topic, False) or strong
        # Terms indexed by their first word (or, for one-word `stem*` terms, by their stem), so
        # matching costs one dict look-up per word of text: a regex alternation of hundreds of
        # terms was 50 times slower.
        self._exact: dict[str, list[_Term]] = {}
        self._stems: dict[str, list[_Term]] = {}
        for term, claim in sorted(claims.items()):
            words = tuple(term.rstrip("*").split())
            entry = _Term(term, words, term.endswith("*"), tuple(sorted(claim.items())))
            if entry.wild and len(words) == 1:
                self._stems.setdefault(words[0], []).append(entry)
            else:
                self._exact.setdefault(words[0], []).append(entry)
        self._stem_lengths = sorted({len(stem) for stem in self._stems})
        self._memo: dict[str, tuple[_Term, ...]] = {}
        """`_candidates` per word met so far: text repeats its words, so most cost one look-up."""
        self._hits: set[str] = set()
        """The words met so far that some term starts with."""

    def matches(self, text: str) -> list[Match]:
        """Every term occurrence in `text`, longest term first where two overlap."""
        return self._scan(text)[0]

    def _scan(self, text: str) -> tuple[list[Match], int]:
        """`matches(text)`, and the number of words in `text`."""
        parts = _SPLIT.split(fold_keeping_offsets(text))
        words = parts[1::2]
        memo = self._memo
        for word in set(words).difference(memo):  # words never met: looked up once for all texts
            memo[word] = self._candidates(word)
            if memo[word]:
                self._hits.add(word)
        present = self._hits.intersection(words)
        if not present:
            return [], len(words)
        # Word k spans parts[2k + 1]: offsets summed in C, not a Python loop over every word's span.
        ends = list(accumulate(map(len, parts)))
        found: list[Match] = []
        after = 0  # a match covers its words: the next one starts after them
        for i in [i for i, word in enumerate(words) if word in present]:
            if i < after:
                continue
            fitting = [e for e in memo[words[i]] if e.fits(words, i)]
            if not fitting:
                continue
            size = max(len(e.words) for e in fitting)
            # Terms spelling the same words (`border` of one topic, `border*` of another) all count,
            # each topic once, strong if any of its terms is.
            claims: dict[str, tuple[bool, str]] = {}
            for entry in fitting:
                if len(entry.words) == size:
                    for topic, strong in entry.topics:
                        if topic not in claims or strong > claims[topic][0]:
                            claims[topic] = (strong, entry.text)
            last = i + size - 1
            found.extend(Match(ends[2 * i], ends[2 * last + 1], topic, strong, term, i)
                         for topic, (strong, term) in claims.items())
            after = last + 1
        return found, len(words)

    def _candidates(self, word: str) -> tuple[_Term, ...]:
        out = list(self._exact.get(word, ()))
        for length in self._stem_lengths:
            if length > len(word):
                break
            out.extend(self._stems.get(word[:length], ()))
        return tuple(out)

    def tag(self, text: str) -> tuple[str, ...]:
        """The topics `text` is about, read as a turn of one paragraph, with their parents, in vocabulary order."""
        return self.tag_turn([text])[0][0]

    def tag_turn(self, texts: Sequence[str]) -> list[Tags]:
        """Per paragraph of a turn, the topics it is about under the precision rule (with their parents,
        in vocabulary order) and where each term occurs (empty when nothing is tagged)."""
        scans = [self._scan(text) for text in texts]
        # Per topic, how many of the turn's paragraphs contain one of its strong terms.
        naming = Counter(topic for found, _ in scans for topic in {m.topic for m in found if m.strong})
        out: list[Tags] = []
        for found, length in scans:
            strong: dict[str, list[Match]] = {}
            weak: dict[str, set[str]] = {}
            for match in found:
                if match.strong:
                    strong.setdefault(match.topic, []).append(match)
                else:
                    weak.setdefault(match.topic, set()).add(match.term)
            tagged = {t for t, terms in weak.items() if len(terms) >= self.rules[t].min_weak}
            tagged.update(t for t, mentions in strong.items()
                          if not (len(mentions) == 1 and t not in weak and naming[t] == 1
                                  and length > ASIDE_WORDS and mentions[0].word >= LEAD_WORDS))
            topics = tuple(sorted(self._with_parents(tagged), key=self._order.__getitem__))
            out.append((topics, tuple((m.start, m.end, m.topic) for m in found) if topics else ()))
        return out

    def _with_parents(self, ids: set[str]) -> set[str]:
        out: set[str] = set()
        todo = list(ids)
        while todo:
            topic = todo.pop()
            if topic not in out:
                out.add(topic)
                todo.extend(self.by_id[topic].parents)
        return out


def tag_briefing(briefing: Briefing, vocabulary: Vocabulary) -> Briefing:
    """The briefing with every paragraph's `topics` filled in (turn by turn: an aside depends on its turn)."""
    def tagged(turn: Turn) -> Turn:
        tags = vocabulary.tag_turn([p.text for p in turn.paragraphs])
        paragraphs = tuple(p if (p.topics, p.hits) == tag else dataclasses.replace(p, topics=tag[0], hits=tag[1])
                           for p, tag in zip(turn.paragraphs, tags, strict=False))
        if all(new is old for new, old in zip(paragraphs, turn.paragraphs, strict=False)):
            return turn  # most paragraphs have no topic: copying them costs more than tagging
        return dataclasses.replace(turn, paragraphs=paragraphs)
    return dataclasses.replace(briefing, turns=tuple(tagged(t) for t in briefing.turns))


def load_vocabulary(path: Path, display: str) -> Vocabulary:
    """Read `topics.yml`; a missing file is an empty vocabulary; any mistake raises `ConfigError`."""
    if not path.is_file():
        return Vocabulary(source=display)
    doc = YamlFile(path, display)
    if doc.root is None:
        return Vocabulary(source=display)
    top = doc.mapping(doc.root, "topics.yml", {"topics"})
    entries = [_topic(doc, node) for node in (doc.sequence(top["topics"], "topics") if "topics" in top else [])]
    seen: dict[str, int] = {}
    for topic, _, node in entries:
        if topic.id in seen:
            raise doc.error(node, f"topic id {topic.id!r} is already used at line {seen[topic.id]}", topic.id)
        seen[topic.id] = line(node)
    for topic, _, node in entries:
        for parent in topic.parents:
            if parent not in seen:
                raise doc.error(node, f"topic {topic.id!r} names an unknown parent", parent)
    parents = {topic.id: topic.parents for topic, _, _ in entries}
    for topic, _, node in entries:
        if loop := _ancestry_loop(topic.id, parents):
            raise doc.error(node, f"topic {topic.id!r} is its own ancestor (parents {' → '.join(loop)})", topic.id)
    return Vocabulary(tuple(t for t, _, _ in entries), tuple(r for _, r, _ in entries), display)


def _ancestry_loop(start: str, parents: dict[str, tuple[str, ...]]) -> list[str]:
    """The `parents` path from `start` back to itself (`[a, b, a]`), or `[]` when there is none."""
    todo, met = [[start]], {start}
    while todo:
        path = todo.pop()
        for parent in parents[path[-1]]:
            if parent == start:
                return [*path, start]
            if parent not in met:
                met.add(parent)
                todo.append([*path, parent])
    return []


def _topic(doc: YamlFile, node: Node) -> tuple[Topic, Rule, Node]:
    fields = doc.mapping(node, "a topic", _TOPIC_KEYS, {"id", "title"})
    topic_id = doc.string(fields["id"], "id")
    if slugify(topic_id) != topic_id:
        raise doc.error(fields["id"], "id must be a slug (lowercase a-z, 0-9 and '-')", topic_id)
    strong = tuple(_term(doc, t, n) for t, n in doc.strings(fields["strong"], "strong")) if "strong" in fields else ()
    weak = tuple(_term(doc, t, n) for t, n in doc.strings(fields["weak"], "weak")) if "weak" in fields else ()
    if not strong and not weak:
        raise doc.error(node, "a topic needs match rules: 'strong' and/or 'weak' terms", topic_id)
    min_weak = doc.integer(fields["min_weak"], "min_weak") if "min_weak" in fields else 2
    topic = Topic(
        id=topic_id, title=doc.string(fields["title"], "title"),
        description=doc.string(fields["description"], "description") if "description" in fields else "",
        parents=tuple(p for p, _ in doc.strings(fields["parents"], "parents")) if "parents" in fields else (),
    )
    return topic, Rule(topic_id, strong, weak, min_weak, line(node)), node


def _term(doc: YamlFile, term: str, node: Node) -> str:
    """A match term; refused when it could not match a word (`*`, `-`, a lone mark)."""
    if not _words(term) or "*" in term[:-1] or (term.endswith("*") and not term[-2:-1].isalnum()):
        raise ConfigError("bad match rule: a term needs letters, and '*' only at its end",
                          path=doc.display, line=line(node), fragment=term)
    return term


def _words(text: str) -> list[str]:
    return _WORD.findall(fold_keeping_offsets(text))
