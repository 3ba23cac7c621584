"""The topic vocabulary, `content/topics.yml`: topics, their terms and the terms' sense guards.

A topic lists its terms in three strengths (see `topics.py` for how they tag):

- `strong`: one mention can make a paragraph about the topic (`fentanyl`, `Bicentennial Framework`);
- `weak`: counts only in company, `min_weak` (default 2) different weak terms of the topic (`border`);
- `implicit`: a phrase that means the topic only where the context is already on it (`the virus`
  in a COVID-19 exchange, `this war` in one about Ukraine).

A term is a string, or a mapping when its sense needs guarding:

    - {term: civil society, near: [repress*, crackdown, space for]}   # only in a sentence with one of these
    - {term: veteran*, not_near: [police department]}                 # never in a sentence with one of these
    - {term: ICE, exact_case: true}                                   # as written: not "ice"

Terms match whole words, ignoring case (unless `exact_case`), accents and the punctuation between
words; a word matches its inflections and derived forms (its Snowball stem: `North Korean` covers
`North Koreans`, `vaccine` covers `vaccinated`), and a trailing `*` matches any ending of the last
word (`migra*`). `near` and `not_near` hold terms of the same form, looked for in the sentence of
the mention.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import ConfigError
from ..model import Topic
from ..read.yamlfile import YamlFile, line, top_list
from ..text import slugify
from .term_matcher import Term, TermMatcher, words

STRENGTHS = ("strong", "weak", "implicit")
"""The kinds of term a topic lists, strongest first."""
_TOPIC_KEYS = {"id", "title", "description", "parents", "min_weak", "umbrella", "since", *STRENGTHS}
_TERM_KEYS = {"term", "near", "not_near", "exact_case"}


@dataclass(frozen=True)
class Rule:
    """How one topic is recognised."""

    topic: str
    terms: tuple[Term, ...] = ()
    min_weak: int = 2
    umbrella: bool = False
    """A broad topic (foreign policy, the economy, national security): a paragraph that names only it
    continues no exchange on one of its narrower topics ("diplomacy" in an exchange on Ukraine is no
    Ukraine paragraph). Like every broader topic it gives way to a narrower one the paragraph holds
    (a Ukraine paragraph counts for foreign policy as a parent), but not to an unrelated one: U.S.
    forces deployed to Japan are national security and the Asia-Pacific."""
    line: int = 0
    """Line of the topic's entry in topics.yml, for messages."""
    since: dt.date | None = None
    """The day the subject came to be (COVID-19's first cases, the January 6 attack): a briefing from
    before is never about it, and its terms there mean something else (the 2003 coronavirus is SARS, a
    `January 6` in 2009 a date); they count for nothing, the broader topics keep their own terms."""

    @property
    def strong(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.terms if t.kind == "strong")

    @property
    def weak(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.terms if t.kind == "weak")


@dataclass(eq=False)
class Vocabulary:
    """The topics in file order, their rules, and what tagging needs of their hierarchy."""

    topics: tuple[Topic, ...] = ()
    rule_list: tuple[Rule, ...] = ()
    source: str = ""
    """The file's name as shown in messages."""
    rules: dict[str, Rule] = field(init=False)
    by_id: dict[str, Topic] = field(init=False)
    order: dict[str, int] = field(init=False)
    """Each topic's place in the file: tagged topics are listed in this order."""
    ancestors: dict[str, frozenset[str]] = field(init=False)
    """Each topic's parents, their parents and so on (the topic itself not included)."""
    umbrellas: frozenset[str] = field(init=False)
    matcher: TermMatcher = field(init=False)
    """Every term of every topic, compiled once."""
    _with_parents: dict[frozenset[str], tuple[str, ...]] = field(init=False, default_factory=dict)
    """`with_parents` per set of topics asked for: few sets recur over a whole archive."""

    def __post_init__(self) -> None:
        self.rules = {r.topic: r for r in self.rule_list}
        self.matcher = TermMatcher(((r.topic, t) for r in self.rule_list for t in r.terms),
                                   {g for r in self.rule_list for t in r.terms for g in (*t.near, *t.not_near)})
        self.by_id = {t.id: t for t in self.topics}
        self.order = {t.id: i for i, t in enumerate(self.topics)}
        self.ancestors = {t.id: frozenset(_ancestors(t.id, self.by_id)) for t in self.topics}
        self.umbrellas = frozenset(r.topic for r in self.rule_list if r.umbrella)

    def with_parents(self, ids: Iterable[str]) -> tuple[str, ...]:
        """`ids` and all their ancestors, in vocabulary order."""
        given = frozenset(ids)
        found = self._with_parents.get(given)
        if found is None:
            out = set(given)
            for topic in given:
                out |= self.ancestors[topic]
            found = self._with_parents[given] = tuple(sorted(out, key=self.order.__getitem__))
        return found

    def unborn(self, date: dt.date) -> frozenset[str]:
        """The topics a briefing of `date` cannot be about: those whose `since` is later, and their
        narrower topics."""
        late = {r.topic for r in self.rule_list if r.since is not None and r.since > date}
        return frozenset(t for t in self.order if t in late or not late.isdisjoint(self.ancestors[t]))

    def most_specific(self, ids: Iterable[str]) -> frozenset[str]:
        """`ids` without those that are an ancestor of another of them."""
        given = set(ids)
        covered = {a for t in given for a in self.ancestors[t]}
        return frozenset(given - covered)

    def related(self, a: str, b: str) -> bool:
        """True when `a` and `b` are one topic, or one is an ancestor of the other."""
        return a == b or a in self.ancestors[b] or b in self.ancestors[a]


def _ancestors(topic: str, by_id: dict[str, Topic]) -> set[str]:
    out: set[str] = set()
    todo = list(by_id[topic].parents)
    while todo:
        parent = todo.pop()
        if parent not in out:
            out.add(parent)
            todo.extend(by_id[parent].parents)
    return out


def load_vocabulary(path: Path, display: str) -> Vocabulary:
    """Read `topics.yml`; a missing file is an empty vocabulary; any mistake raises `ConfigError`."""
    if (read := top_list(path, display, "topics.yml", "topics")) is None:
        return Vocabulary(source=display)
    doc, nodes = read
    entries = [_topic(doc, node) for node in nodes]
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
    terms = tuple(_term(doc, item, kind) for kind in STRENGTHS if kind in fields
                  for item in ([fields[kind]] if isinstance(fields[kind], ScalarNode) else doc.sequence(fields[kind], kind)))
    if not any(t.kind != "implicit" for t in terms):
        raise doc.error(node, "a topic needs match rules: 'strong' and/or 'weak' terms", topic_id)
    min_weak = doc.integer(fields["min_weak"], "min_weak") if "min_weak" in fields else 2
    umbrella = _boolean(doc, fields["umbrella"], "umbrella") if "umbrella" in fields else False
    since = doc.date(fields["since"], "since") if "since" in fields else None
    topic = Topic(
        id=topic_id, title=doc.string(fields["title"], "title"),
        description=doc.string(fields["description"], "description") if "description" in fields else "",
        parents=tuple(p for p, _ in doc.strings(fields["parents"], "parents")) if "parents" in fields else (),
    )
    return topic, Rule(topic_id, terms, min_weak, umbrella, line(node), since), node


def _term(doc: YamlFile, node: Node, kind: str) -> Term:
    """One term: a string, or a mapping with its guards."""
    if not isinstance(node, MappingNode):
        return Term(_checked(doc, doc.string(node, kind), node), kind, line=line(node))
    fields = doc.mapping(node, f"a {kind} term", _TERM_KEYS, {"term"})
    guards = {key: tuple(_checked(doc, text, n) for text, n in doc.strings(fields[key], key))
              for key in ("near", "not_near") if key in fields}
    exact = _boolean(doc, fields["exact_case"], "exact_case") if "exact_case" in fields else False
    text = _checked(doc, doc.string(fields["term"], "term"), fields["term"])
    return Term(text, kind, guards.get("near", ()), guards.get("not_near", ()), exact, line(node))


def _boolean(doc: YamlFile, node: Node, what: str) -> bool:
    value = doc.string(node, what)
    if value not in ("true", "false"):
        raise doc.error(node, f"{what} must be true or false", value)
    return value == "true"


def _checked(doc: YamlFile, term: str, node: Node) -> str:
    """A match term; refused when it could not match a word (`*`, `-`, a lone mark)."""
    if not words(term) or "*" in term[:-1] or (term.endswith("*") and not term[-2:-1].isalnum()):
        raise ConfigError("bad match rule: a term needs letters, and '*' only at its end",
                          path=doc.display, line=line(node), fragment=term)
    return term
