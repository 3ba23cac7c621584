"""Property: on any text or file the parser returns a briefing or raises its own error, nothing else."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import GeneratorError
from generator.model import Briefing
from generator.read.parse import parse
from generator.read.source import Source, read_source
from generator.site.briefing_json import briefing_data

_LABELS = st.sampled_from([
    "Q", "Q:", "QUESTION:", "MR. PRICE:", "MR PRICE:", "Moderator:", "THE PRESIDENT:", "HE PRESIDENT:",
    "U.S.:", "GEN. RYDER:", "MAJOR GENERAL PAT RYDER:", "Politico:", "INTERPRETER:", "END", "###",
    "2:06 p.m. EST", "(Via interpreter)", "(As interpreted.)", "[senior administration official]",
    "Issued on: March 24, 2020", "Skip to content", "Home About Contact", "Washington, DC", ":", "",
])
_SPACES = st.sampled_from([" ", "\u00a0", "\u00a0\u00a0 ", "\t", ""])
_LINE = st.tuples(_SPACES, _LABELS, _SPACES, st.text(max_size=40)).map("".join)


def _outcome(source: Callable[[], Source]) -> None:
    """Read and parse: a `GeneratorError`, or a well-typed `Briefing` that exports to JSON."""
    try:
        result = parse(source())
    except GeneratorError:
        return
    assert isinstance(result, Briefing) and isinstance(result.date, dt.date)
    assert all(turn.paragraphs for turn in result.turns)
    assert all(isinstance(v, str) for v in result.extra.values())
    json.dumps(briefing_data(result))


def _text(body: str, path: str = "2022-01-02-x.txt") -> Callable[[], Source]:
    return lambda: Source(path=path, meta={}, body=body, body_line=1)


def _file(tmp: Path, data: bytes) -> Callable[[], Source]:
    path = tmp / "2022-01-02-x.txt"
    path.write_bytes(data)
    return lambda: read_source(path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["2022-01-02-x.txt", "notes.txt"]))
def test_arbitrary_text(body: str, path: str) -> None:
    """Any string, with or without a dated file name: a `Briefing` or a `GeneratorError`."""
    _outcome(_text(body, path))


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=30), st.sampled_from(["\n", "\n\n", "\n\u00a0 \n"]))
def test_arbitrary_labelled_lines(lines: list[str], separator: str) -> None:
    """Line-structured text built from labels, markers, junk and NBSPs: a `Briefing` or a `GeneratorError`."""
    _outcome(_text(separator.join(lines)))


_BODY = "MR. PRICE: Good afternoon.\n\nQUESTION: A question on Mexico.\n\nMR. PRICE: An answer.\n"
_PREFIXES = st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"---\n",
                             b"---\ntitle: T\n---\n", "MR. PRICE: caf\u00e9 \u201cso\u201d\n".encode("cp1252")])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_PREFIXES, st.binary(max_size=300), st.sampled_from([b"", _BODY.encode()]))
def test_arbitrary_bytes_in_a_file(tmp_path: Path, prefix: bytes, data: bytes, body: bytes) -> None:
    """Any bytes read from a file (after a BOM, front-matter fence or cp1252 text, before a body or not):
    a `Briefing` or a `GeneratorError`."""
    _outcome(_file(tmp_path, prefix + data + body))


_PRINTABLE = st.characters(exclude_categories=["Cc", "Cs"])
_KEYS = st.one_of(
    st.sampled_from(["title", "date", "location", "venue", "time", "kind", "source_url", "sha256", "slug",
                     "permalink", "2022-10-13", "2022-02-30", "<<", "1", "~", "''", "!!int 1", "&k k"]),
    st.from_regex(r"[A-Za-z_][\w-]{0,7}", fullmatch=True),
)
_TAGS = st.sampled_from(["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!set",
                         "!!seq", "!!map", "!!omap", "!!pairs", "!!merge", "!!value", "!!python/object:os.system",
                         "!x", "!<tag:example.com,2000:app/x>", "&a", "&b !!str"])
_SCALARS = st.one_of(
    st.sampled_from([
        "2022-10-13", "2022-02-30", "2022-13-01", "0000-01-01", "9999-12-31", "2022-10-13 09:30:00",
        "2022-10-13T09:30:00Z", "2022-10-13 10:00:00 +25:00", "2022-10-13 10:00:00.1234567890 -05:30",
        "12", "-0", "0x1F", "0o9", "08", "1_000", "1:70", "1e400", "-.inf", ".nan", "yes", "No", "~", "null",
        "''", '""', '"\\x41\\u00e9"', "'it''s'", "*a", "\u00e9\u201c", "\ufeff",
    ]),
    st.from_regex(r"[A-Za-z\u00e9\u2019][\w .,'\u2019-]{0,12}", fullmatch=True),
    st.text(_PRINTABLE, max_size=12).map(lambda text: "'" + text.replace("'", "''") + "'"),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(st.tuples(_KEYS, inner), max_size=3).map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
    st.tuples(_TAGS, inner).filter(lambda tv: not tv[1].startswith(("!", "&"))).map(" ".join),  # one tag a node
), max_leaves=6)
_ENTRIES = st.recursive(
    st.tuples(_KEYS, _VALUES).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    lambda inner: st.one_of(
        st.tuples(_KEYS, st.lists(inner, min_size=1, max_size=3)).map(  # a nested block mapping
            lambda kv: f"{kv[0]}:" + "".join("\n  " + line.replace("\n", "\n  ") for line in kv[1])),
        st.tuples(_KEYS, st.lists(_VALUES, min_size=1, max_size=3)).map(  # a block list
            lambda kv: f"{kv[0]}:" + "".join(f"\n- {v}" for v in kv[1])),
    ), max_leaves=8,
)
_JUNK = st.none() | st.text(max_size=20) | st.sampled_from([
    "- x", "a: b: c", "? [a]\n: b", "|", ">-\n  folded", "#c", "%YAML 1.1", "--- x", "...", "*nope", "[2022",
    "'open", '"\\q"', "key: \u0085", "\tkey: tab", "x: &a [*a]", "<<: [*a, 1]", "!!set {a, b}", "  indented: 1",
])
"""At most one line to break the YAML's syntax; the other lines are well-formed, so most examples reach the
constructors and the parser."""


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(st.lists(_ENTRIES, max_size=8), st.integers(0, 8), _JUNK,
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_arbitrary_front_matter_in_a_file(tmp_path: Path, entries: list[str], at: int, junk: str | None,
                                          encoding: str) -> None:
    """Any YAML-ish front matter (dates real and impossible, lists, nested maps, tags, anchors, a junk line)
    above a valid transcript, read from a file: a `Briefing` or a `GeneratorError`."""
    lines = entries if junk is None else [*entries[:at], junk, *entries[at:]]
    text = "---\n" + "\n".join(lines) + "\n---\n" + _BODY
    _outcome(_file(tmp_path, text.encode(encoding)))


def _labels(body: str) -> list[str] | str:
    try:
        return [t.label for t in parse(_text(body)()).turns]
    except GeneratorError as exc:
        return type(exc).__name__


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=20))
def test_no_break_spaces_change_nothing(lines: list[str]) -> None:
    """Spaces turned into no-break spaces, or lines indented with them, give the same turns."""
    body = "\n\n".join(lines)
    nbsp = "\n\n".join("\u00a0\u00a0 " + line.replace(" ", "\u00a0") for line in lines)
    assert _labels(nbsp) == _labels(body)
