"""Reading hand-edited YAML config (speakers.yml, topics.yml) with the line of every value kept.

PyYAML's node tree carries marks; reading it directly, rather than `safe_load`'s plain dicts,
lets every error name the file, the line and the key an editor has to fix.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ConfigError


class YamlFile:
    """One config file: its node tree and typed accessors that raise `ConfigError` with `file:line`."""

    def __init__(self, path: Path, display: str) -> None:
        self.display = display
        try:
            self.root: Node | None = yaml.compose(path.read_text(encoding="utf-8"))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise ConfigError(f"not valid YAML: {exc.problem or exc}", path=display,
                              line=mark.line + 1 if mark else None) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read: {exc}", path=display) from None

    def error(self, node: Node, message: str, fragment: str = "") -> ConfigError:
        """An error pointing at `node`'s line."""
        return ConfigError(message, path=self.display, line=line(node), fragment=fragment)

    def mapping(self, node: Node, what: str, allowed: set[str], required: set[str] = frozenset()) -> dict[str, Node]:
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
