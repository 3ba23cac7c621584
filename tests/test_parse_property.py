"""Property: on any text the parser returns a briefing or raises its own error, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import GeneratorError
from generator.model import Briefing
from generator.parse import parse
from generator.source import Source

_LABELS = st.sampled_from([
    "Q", "Q:", "QUESTION:", "MR. PRICE:", "MR PRICE:", "Moderator:", "THE PRESIDENT:", "HE PRESIDENT:",
    "U.S.:", "GEN. RYDER:", "MAJOR GENERAL PAT RYDER:", "Politico:", "INTERPRETER:", "END", "###",
    "2:06 p.m. EST", "(Via interpreter)", "(As interpreted.)", "[senior administration official]",
    "Issued on: March 24, 2020", "Skip to content", "Home About Contact", "Washington, DC", ":", "",
])
_SPACES = st.sampled_from([" ", "\u00a0", "\u00a0\u00a0 ", "\t", ""])
_LINE = st.tuples(_SPACES, _LABELS, _SPACES, st.text(max_size=40)).map("".join)


def _outcome(body: str, path: str = "2022-01-02-x.txt") -> None:
    try:
        result = parse(Source(path=path, meta={}, body=body, body_line=1))
    except GeneratorError:
        return
    assert isinstance(result, Briefing)
    assert all(turn.paragraphs for turn in result.turns)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["2022-01-02-x.txt", "notes.txt"]))
def test_arbitrary_text(body: str, path: str) -> None:
    """Any string, with or without a dated file name: a `Briefing` or a `GeneratorError`."""
    _outcome(body, path)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=30), st.sampled_from(["\n", "\n\n", "\n\u00a0 \n"]))
def test_arbitrary_labelled_lines(lines: list[str], separator: str) -> None:
    """Line-structured text built from labels, markers, junk and NBSPs: a `Briefing` or a `GeneratorError`."""
    _outcome(separator.join(lines))


def _labels(body: str) -> list[str] | str:
    try:
        return [t.label for t in parse(Source(path="2022-01-02-x.txt", meta={}, body=body, body_line=1)).turns]
    except GeneratorError as exc:
        return type(exc).__name__


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=20))
def test_no_break_spaces_change_nothing(lines: list[str]) -> None:
    """Spaces turned into no-break spaces, or lines indented with them, give the same turns."""
    body = "\n\n".join(lines)
    nbsp = "\n\n".join("\u00a0\u00a0 " + line.replace(" ", "\u00a0") for line in lines)
    assert _labels(nbsp) == _labels(body)
