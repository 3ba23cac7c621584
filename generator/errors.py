"""The generator's exceptions: one small tree, turned into MkDocs or click errors only at the edges."""

from __future__ import annotations


class GeneratorError(Exception):
    """A problem with input that an editor can fix; its message names the file, line and fragment."""

    def __init__(self, message: str, *, path: str = "", line: int | None = None, fragment: str = "") -> None:
        self.message = message
        self.path = path
        self.line = line
        self.fragment = fragment
        super().__init__(str(self))

    @property
    def location(self) -> str:
        """`file:line`, `file` or empty, in the form editors and editors' tools recognise."""
        if self.path and self.line is not None:
            return f"{self.path}:{self.line}"
        return self.path

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        shown = self.fragment if len(self.fragment) <= 80 else self.fragment[:77] + "..."
        frag = f": {shown!r}" if shown else ""
        return f"{where}{self.message}{frag}"


class SourceError(GeneratorError):
    """A transcript file cannot be read: encoding or front matter."""


class TranscriptError(GeneratorError):
    """A transcript was read but is not a usable briefing (no turns, no date, not a transcript)."""


class ConfigError(GeneratorError):
    """A registry or configuration file (speakers.yml, topics.yml, plugin options) is invalid."""
