"""Reading hand-edited YAML config (speakers.yml, topics.yml) with the line of every value kept.

PyYAML's node tree carries marks; reading it directly, rather than `safe_load`'s plain dicts,
lets every error name the file, the line and the key an editor has to fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import yaml
from yaml import tokens
from yaml.constructor import ConstructorError
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader

from .errors import ConfigError
from .source import _line_at, _Loader

_OPENS = (tokens.BlockMappingStartToken, tokens.BlockSequenceStartToken, tokens.FlowMappingStartToken,
          tokens.FlowSequenceStartToken)
_CLOSES = (tokens.BlockEndToken, tokens.FlowMappingEndToken, tokens.FlowSequenceEndToken)
_DECORATIONS = (tokens.TagToken, tokens.AnchorToken)
"""What may stand between a key's `KeyToken` and its scalar."""


def load(text: str) -> Any:
    """The data of a YAML text, every PyYAML failure raised as one `MarkedYAMLError`: its problem mark
    is where an editor must look, its problem says what is wrong.

    Besides syntax, that is a character YAML refuses, nesting deeper than the composer's recursion,
    and a value its constructors cannot build (`2022-02-30`, `!!int abc`, an unknown tag).
    """
    refused = Reader.NON_PRINTABLE.search(text)
    if refused:
        raise _failure(text, refused.start(), f"character U+{ord(refused[0]):04X} is not allowed in YAML")
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except ConstructorError as exc:
        # A constructor marks the value it could not build; its context mark is the enclosing mapping.
        mark, problem = exc.problem_mark, exc.problem
    except yaml.MarkedYAMLError as exc:
        # The context mark points at the construct left open (`[2022`), the problem mark at where parsing
        # gave up, often the end of the text; a block collection's start, though, may be the whole file's.
        spans = exc.context_mark is None or (exc.context or "").startswith("while parsing a block")
        mark = exc.problem_mark if spans else exc.context_mark
        problem = ", ".join(filter(None, [exc.context if exc.context_mark else None, exc.problem]))
    except RecursionError:  # the composer recurses once a level; where the scanner stopped is deep inside
        mark, problem = loader.get_mark(), "nested too deeply"
    raise _failure(text, mark.index if mark else len(text), problem or "invalid YAML")


def _failure(text: str, index: int, problem: str) -> yaml.MarkedYAMLError:
    mark = Mark("", index, text.count("\n", 0, index), index - text.rfind("\n", 0, index) - 1, text, index)
    return yaml.MarkedYAMLError(problem=problem, problem_mark=mark)


def keys_at(text: str, index: int) -> list[str]:
    """The mapping keys open at `index` of a YAML text, outermost first (`people`, `roles`, `from`).

    Read from PyYAML's tokens, so it holds where no node tree could be built: the scanner does not
    recurse, and reads a text broken further on up to where it breaks.
    """
    keys: list[str | None] = []  # one slot per open collection: the key last read in it
    after_key = False
    try:
        for token in yaml.scan(Reader.NON_PRINTABLE.sub(" ", text)):
            if token.start_mark.index > index:
                break
            if isinstance(token, _OPENS):
                keys.append(None)
            elif isinstance(token, _CLOSES) and keys:
                keys.pop()
            elif isinstance(token, tokens.KeyToken) and keys:
                keys[-1] = None  # a new entry: the last key no longer holds, and a complex key names none
            elif isinstance(token, tokens.ScalarToken) and after_key and keys:
                keys[-1] = token.value
            after_key = isinstance(token, tokens.KeyToken) or (after_key and isinstance(token, _DECORATIONS))
    except yaml.YAMLError:
        pass  # the keys read up to where the text breaks
    return [key for key in keys if key is not None]


class YamlFile:
    """One config file: its node tree and typed accessors that raise `ConfigError` with `file:line`."""

    def __init__(self, path: Path, display: str) -> None:
        self.display = display
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read: {exc}", path=display) from None
        try:
            load(text)
        except yaml.MarkedYAMLError as exc:
            index = exc.problem_mark.index if exc.problem_mark else 0
            keys, at = keys_at(text, index), text.count("\n", 0, index) + 1
            where = f"key {keys[-1]!r}" if keys else "not valid YAML"
            raise ConfigError(f"{where}: {exc.problem}", path=display, line=at, fragment=_line_at(text, at)) from None
        # Composed again: building the data rewrote its own tree's merge keys (`<<`), this one is as written.
        self.root: Node | None = yaml.compose(text)

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


def line(node: Node) -> int:
    """1-based line where a node starts."""
    return node.start_mark.line + 1


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return repr(node.value) if node.value != "" else "nothing"
