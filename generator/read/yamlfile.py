"""Reading hand-edited YAML (speakers.yml, topics.yml, a transcript's front matter) with the line of every value kept.

Every PyYAML failure becomes one `YamlFailure` naming the line, the innermost key and the line's text.
For config, PyYAML's node tree carries marks; reading it directly, rather than `safe_load`'s plain dicts,
lets every error name the file, the line and the key an editor has to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml import tokens
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader

from ..errors import ConfigError

_OPENS = (tokens.BlockMappingStartToken, tokens.BlockSequenceStartToken, tokens.FlowMappingStartToken,
          tokens.FlowSequenceStartToken)
_CLOSES = (tokens.BlockEndToken, tokens.FlowMappingEndToken, tokens.FlowSequenceEndToken)
_DECORATIONS = (tokens.TagToken, tokens.AnchorToken)
"""What may stand between a key's `KeyToken` and its scalar, or a `ValueToken` and its value."""
_VALUES = (tokens.ScalarToken, tokens.AliasToken)
"""A value that is one token."""

_SPANNING = ("while parsing a block", "expected a single document")
"""Contexts of PyYAML errors whose mark is the start of what may be the whole text."""

_TAG_NAMES = {"timestamp": "date", "int": "whole number", "float": "number", "bool": "true or false"}
"""YAML's names for its types, as an editor would say them."""


class YamlFailure(Exception):
    """Where and why PyYAML could not read a text, for the caller to raise as its own error with its file."""

    def __init__(self, text: str, index: int, problem: str) -> None:
        self.line = text.count("\n", 0, index) + 1
        """1-based line an editor must fix."""
        self.key = _key_at(text, index)
        """The innermost mapping key whose entry holds that point, if any."""
        self.problem = problem
        self.fragment = text.split("\n")[self.line - 1].strip()
        """The line's text."""
        super().__init__(f"line {self.line}: {problem}")


def load(text: str) -> Any:
    """The data of a YAML text; every PyYAML failure is raised as one `YamlFailure`.

    Besides syntax, that is a character YAML refuses, nesting deeper than the composer's recursion,
    and a value its constructors cannot build (`2022-02-30`, `!!int abc`, an unknown tag).
    """
    refused = Reader.NON_PRINTABLE.search(text)
    if refused:
        raise YamlFailure(text, refused.start(), f"character U+{ord(refused[0]):04X} is not allowed in YAML")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_aliases(text, node)
        return loader.construct_document(node)
    except ConstructorError as exc:
        # A constructor marks the value it could not build; its context mark is the enclosing mapping.
        mark, problem = exc.problem_mark, exc.problem
    except yaml.MarkedYAMLError as exc:
        # The context mark points at the construct left open (`[2022`), the problem mark at where parsing
        # gave up, often the end of the text; a block collection's or a document's start, though, may be the
        # whole file's.
        spans = exc.context_mark is None or (exc.context or "").startswith(_SPANNING)
        mark = exc.problem_mark if spans else exc.context_mark
        problem = ", ".join(filter(None, [exc.context if exc.context_mark else None, exc.problem]))
    except RecursionError:  # the composer recurses once a level; where the scanner stopped is deep inside
        mark, problem = loader.get_mark(), "nested too deeply"
    raise YamlFailure(text, mark.index if mark else len(text), problem or "invalid YAML")


ALIASED_VALUES = 10_000
ALIASED_FACTOR = 10
"""Values that aliases (`*name`, repeating the value anchored as `&name`) may add to a YAML text: ALIASED_VALUES,
or ALIASED_FACTOR times the values it writes if that is more. Nested, aliases multiply: nine aliases of nine
aliases of … make a few lines stand for billions of values (a "billion laughs"), which a build that reads them
whole (a transcript's unknown front-matter keys are kept as text) would spend its memory on. A registry whose
2,000 people each merge the same defaults (`<<: *defaults`) adds values in proportion to what it writes."""


def _check_aliases(text: str, root: Node) -> None:
    """Raise `YamlFailure` when the text's aliases, expanded, would add more values than allowed (at the anchored
    value whose repeats add the most), or when an alias stands inside the value it repeats (`&a [*a]`, without
    end). Counted on the node tree, where an alias is its anchored node itself: linear in the text."""
    sizes: dict[int, int] = {}
    started: set[int] = set()
    repeats: dict[int, tuple[Node, int]] = {}  # anchored nodes met again, and how many times
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
        elif key in sizes:
            repeats[key] = (node, repeats[key][1] + 1 if key in repeats else 1)
        elif key in started:
            raise YamlFailure(text, node.start_mark.index, "an alias repeats the value it stands in, without end")
        else:
            started.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(_children(node)))
    allowed = max(ALIASED_VALUES, ALIASED_FACTOR * len(sizes))
    if sizes[id(root)] - len(sizes) > allowed:
        worst = max(repeats.values(), key=lambda item: (sizes[id(item[0])] * item[1], -item[0].start_mark.index))[0]
        raise YamlFailure(text, worst.start_mark.index,
                          f"its aliases repeat values until the text stands for more than {allowed:,} "
                          "values more than it writes; write the values out")


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


class _Loader(yaml.SafeLoader):
    """`SafeLoader` whose value constructors fail with a `ConstructorError` marking the value.

    PyYAML's own constructors raise bare ValueError, KeyError, IndexError… on a value its resolver
    or an explicit tag sent them (`2022-02-30`, `!!int abc`, `!!bool maybe`).
    """

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, RecursionError):
            raise
        except Exception as exc:  # noqa: BLE001 - any failure of a constructor is the value's fault
            tag = node.tag.removeprefix("tag:yaml.org,2002:")
            shown = repr(node.value) if isinstance(node, ScalarNode) else "the value"
            detail = f" ({exc})" if type(exc) is ValueError else ""  # others say nothing to an editor
            raise ConstructorError(None, None, f"{shown} is not a valid {_TAG_NAMES.get(tag, tag)}{detail}",
                                   node.start_mark) from None


@dataclass
class _Open:
    """A collection open at some token, and the key last read in it."""

    key: str | None = None
    ended: int | None = None
    """Where that key's value ended, once it has: past it the key no longer holds."""
    valued: bool = False
    """The collection is its parent's value, which ends with it."""


def _key_at(text: str, index: int) -> str | None:
    """The innermost mapping key whose entry holds `index` of a YAML text (`from` in `people`, `roles`, `from`).

    Read from PyYAML's tokens, so it holds where no node tree could be built: the scanner does not
    recurse, and reads a text broken further on up to where it breaks. A key whose value ended before
    `index` names none: the line after `title: T` is no part of `title`.
    """
    opened: list[_Open] = []
    after_key = before_value = False
    last_end = 0  # where the last token ended; a block end is only found at the next line's token
    try:
        for token in yaml.scan(Reader.NON_PRINTABLE.sub(" ", text)):
            if token.start_mark.index > index:
                break
            if isinstance(token, _OPENS):
                opened.append(_Open(valued=before_value))
            elif isinstance(token, _CLOSES) and opened:
                if opened.pop().valued and opened:
                    block = isinstance(token, tokens.BlockEndToken)
                    opened[-1].ended = last_end if block else token.end_mark.index
            elif isinstance(token, tokens.KeyToken) and opened:
                opened[-1].key = opened[-1].ended = None  # a new entry; a complex key names none
            elif isinstance(token, tokens.ScalarToken) and after_key and opened:
                opened[-1].key = token.value
            elif isinstance(token, _VALUES) and before_value and opened:
                opened[-1].ended = token.end_mark.index
            if not isinstance(token, tokens.BlockEndToken):
                last_end = token.end_mark.index
            after_key = isinstance(token, tokens.KeyToken) or (after_key and isinstance(token, _DECORATIONS))
            before_value = isinstance(token, tokens.ValueToken) or (before_value and isinstance(token, _DECORATIONS))
    except yaml.YAMLError:
        pass  # the keys read up to where the text breaks
    held = [o.key for o in opened if o.key is not None and (o.ended is None or index <= o.ended)]
    return held[-1] if held else None


class YamlFile:
    """One config file: its node tree and typed accessors that raise `ConfigError` with `file:line`."""

    def __init__(self, path: Path, display: str) -> None:
        self.display = display
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read: {exc}", path=display) from None
        fast = _composed_fast(text)
        try:
            if fast is None:
                load(text)
            # Composed again: building the data rewrote its own tree's merge keys (`<<`), this one is as written.
            self.root: Node | None = fast[0] if fast is not None else yaml.compose(text)
        except YamlFailure as exc:
            where = f"key {exc.key!r}" if exc.key else "not valid YAML"
            raise ConfigError(f"{where}: {exc.problem}", path=display, line=exc.line, fragment=exc.fragment) from None

    def error(self, node: Node, message: str, fragment: str = "") -> ConfigError:
        """An error pointing at `node`'s line."""
        return ConfigError(message, path=self.display, line=line(node), fragment=fragment)

    def mapping(self, node: Node, what: str, allowed: set[str],
                required: AbstractSet[str] = frozenset()) -> dict[str, Node]:
        """A mapping's values by key; unknown, duplicate and missing keys are errors."""
        if not isinstance(node, MappingNode):
            raise self.error(node, f"{what} must be a mapping (key: value), got {_kind(node)}")
        out: dict[str, Node] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            if key not in allowed:
                raise self.error(key_node, f"unknown key {key!r} in {what}; expected one of "
                                 f"{', '.join(sorted(allowed))}", key)
            if key in out:
                raise self.error(key_node, f"key {key!r} given twice in {what}", key)
            out[key] = value
        missing = sorted(required - out.keys())
        if missing:
            raise self.error(node, f"{what} lacks {', '.join(repr(m) for m in missing)}")
        return out

    def sequence(self, node: Node, what: str) -> list[Node]:
        """A list's items."""
        if not isinstance(node, SequenceNode):
            raise self.error(node, f"{what} must be a list, got {_kind(node)}")
        return list(node.value)

    def string(self, node: Node, what: str) -> str:
        """A non-empty scalar, as text."""
        if not isinstance(node, ScalarNode) or not str(node.value).strip():
            raise self.error(node, f"{what} must be non-empty text, got {_kind(node)}")
        return str(node.value).strip()

    def strings(self, node: Node, what: str) -> list[tuple[str, Node]]:
        """One text or a list of texts, each with its node (for line numbers)."""
        items = [node] if isinstance(node, ScalarNode) else self.sequence(node, what)
        return [(self.string(item, what), item) for item in items]

    def integer(self, node: Node, what: str) -> int:
        """A positive whole number."""
        text = self.string(node, what)
        if not text.isdigit() or int(text) < 1:
            raise self.error(node, f"{what} must be a whole number of at least 1", text)
        return int(text)

    def date(self, node: Node, what: str) -> dt.date:
        """A `YYYY-MM-DD` date."""
        text = self.string(node, what)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise self.error(node, f"{what} must be a date (YYYY-MM-DD)", text) from None


_LIBYAML = getattr(yaml, "CSafeLoader", None)
"""PyYAML's loader in C (libyaml), when PyYAML was built with it: a tenth of the pure-Python loader's time
(which took 0.5 s of every build for the default vocabulary and registry)."""
_SHALLOW = 64
"""Deepest flow nesting (`[[…`) and deepest indentation (in spaces, × 4) libyaml is given; deeper texts take
the pure-Python path, which reports "nested too deeply" where libyaml's recursion would overflow the C stack."""
_BRACKETS = re.compile(r"[\[\]{}]")


def _composed_fast(text: str) -> tuple[Node | None] | None:
    """`(node tree,)` of a text libyaml reads and builds without error; None to take the checked path, which
    says where and why a text fails (a text it refuses, or one nested deeper than `_SHALLOW`)."""
    if _LIBYAML is None or Reader.NON_PRINTABLE.search(text) or _nested(text) > _SHALLOW:
        return None
    try:
        root = yaml.compose(text, Loader=_LIBYAML)
        if root is not None:
            _check_aliases(text, root)  # before building: older PyYAML expands merge keys (`<<`) without bound
        yaml.load(text, Loader=_LIBYAML)  # every value buildable (dates, numbers, tags)
        return (root,)
    except Exception:  # noqa: BLE001 - any failure: the checked path reads it again and explains it
        return None


def _nested(text: str) -> int:
    """The deepest flow nesting of a text, or a quarter of its deepest indentation, whichever is more (an
    overestimate: brackets in quoted text count too)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    indent = max((len(row) - len(row.lstrip(" ")) for row in text.split("\n")), default=0)
    return max(deepest, indent // 4)


def top_list(path: Path, display: str, what: str, key: str) -> tuple[YamlFile, list[Node]] | None:
    """The entries of a content file holding one top-level list (`speakers.yml`'s `people:`,
    `outlets.yml`'s `outlets:`, `topics.yml`'s `topics:`): None when the file is missing or empty, no
    entries when the key is absent; any other top-level key raises `ConfigError` at its line."""
    if not path.is_file():
        return None
    doc = YamlFile(path, display)
    if doc.root is None:
        return None
    top = doc.mapping(doc.root, what, {key})
    return doc, doc.sequence(top[key], key) if key in top else []


def line(node: Node) -> int:
    """1-based line where a node starts."""
    return node.start_mark.line + 1


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return repr(node.value) if node.value != "" else "nothing"
