"""Reading files: encodings, front matter, and the errors editors see."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from generator.errors import SourceError
from generator.read.source import decode, parse_source, read_source
from tests.conftest import parse_text


def test_utf8_bom_and_crlf() -> None:
    """A UTF-8 BOM is dropped and CRLF/CR line ends become LF."""
    assert decode(b"\xef\xbb\xbfA\r\nB\rC", "f.txt") == "A\nB\nC"


def test_utf16_with_bom() -> None:
    """UTF-16 LE with a BOM is decoded."""
    assert decode(codecs.BOM_UTF16_LE + "MR. X: Olá 😀".encode("utf-16-le"), "f.txt") == "MR. X: Olá 😀"


def test_utf16_be_with_bom() -> None:
    """UTF-16 BE with a BOM is decoded too: the BOM, not the platform, gives the byte order."""
    assert decode(codecs.BOM_UTF16_BE + "MR. X: Olá 😀".encode("utf-16-be"), "f.txt") == "MR. X: Olá 😀"


def test_cp1252_curly_quotes() -> None:
    """A Windows-1252 file (curly quotes, no UTF-8 sequences) is read as such."""
    assert decode("It’s “fine”".encode("cp1252"), "f.txt") == "It’s “fine”"


@pytest.mark.parametrize("text", [
    "MR. X: “café”",  # é” (E9 94): a UTF-8 lead and one continuation, then the end
    "MR. X: my résumé—and yours",  # é— (E9 97) then text
    "MR. X: “Touché…” he said.",  # é…” (E9 85 94) is even a complete UTF-8 sequence
    "SECRETARY JOSÉ’S “point”",  # É’ (C9 92): a complete two-byte UTF-8 sequence
    "MR. X: the delegation of PERÚ—“¿Qué?”",  # Ú— (DA 97)
])
def test_cp1252_accent_before_quote_or_dash(text: str) -> None:
    """An accented letter directly before a curly quote, dash or ellipsis is still Windows-1252, not broken UTF-8."""
    assert decode(text.encode("cp1252"), "f.txt") == text


@pytest.mark.parametrize(("data", "byte"), [
    ("MR. X: café ".encode() + "“so”".encode("cp1252"), 13),  # é as UTF-8 (Ã©), quotes as cp1252
    ("MR. X: Özil’s ".encode() + b"\x92", 17),  # Ö (C3 96) would read as Ã– in cp1252
    ("MR. X: “so” ".encode() + b"\x97", 16),  # UTF-8 quotes (â€œ) and a cp1252 dash
])
def test_utf8_with_cp1252_bytes_refused(data: bytes, byte: int) -> None:
    """UTF-8 mixed with cp1252 bytes is refused at the first bad byte, not read as cp1252 mojibake."""
    with pytest.raises(SourceError, match=rf"^f\.txt:1: not valid UTF-8 at byte {byte} "):
        decode(data, "f.txt")


def test_corrupt_utf8_refused_with_offset() -> None:
    """Valid UTF-8 mixed with a stray byte is refused, naming the byte offset."""
    with pytest.raises(SourceError, match=r"f\.txt:2: not valid UTF-8 at byte 8"):
        decode(b"\xc3\xa9\nMR. X\x81", "f.txt")


def test_corrupt_utf8_after_bom_counts_the_bom() -> None:
    """The byte offset is in the file as saved: a UTF-8 BOM counts."""
    with pytest.raises(SourceError, match=r"f\.txt:2: not valid UTF-8 at byte 11 "):
        decode(b"\xef\xbb\xbf\xc3\xa9\nMR. X\x81", "f.txt")


def test_nul_refused() -> None:
    """NUL bytes mean this is not a text transcript."""
    with pytest.raises(SourceError, match=r"^f\.txt:1: NUL character at byte 8 "):
        decode(b"MR. X: a\x00b", "f.txt")


@pytest.mark.parametrize(("data", "byte", "line"), [
    # Multibyte characters before the NUL: 2 bytes each, not 1 character.
    ("\u00e9\u00e9\nMR. X: \u201ca\x00b".encode(), 16, 2),
    (b"\xef\xbb\xbf" + "\u00e9\nMR. X: a\x00b".encode(), 14, 2),
    # UTF-16: a 2-byte BOM, 2 bytes a character, 4 for one outside the BMP.
    ("\u00e9\nMR. X: a\x00b".encode("utf-16-le").join([b"\xff\xfe", b""]), 22, 2),
    ("\u00e9\nMR. X: a\x00b".encode("utf-16-be").join([b"\xfe\xff", b""]), 22, 2),
    ("\U0001F600\nMR. X: a\x00b".encode("utf-16-le").join([b"\xff\xfe", b""]), 24, 2),
    # Windows-1252, with CR line ends: one byte a character, CR ends a line.
    ("caf\u00e9\r\rMR. X: \u2019\x00".encode("cp1252"), 14, 3),
], ids=["utf8", "utf8-bom", "utf16-le", "utf16-be", "utf16-surrogates", "cp1252-cr"])
def test_nul_refused_at_its_byte_offset(data: bytes, byte: int, line: int) -> None:
    """A NUL is located by its byte offset in the file, as invalid UTF-8 is, and by its line."""
    width = 2 if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else 1
    assert data[byte:byte + width] == b"\x00" * width  # the expected offset is the NUL's
    with pytest.raises(SourceError, match=rf"^f\.txt:{line}: NUL character at byte {byte} \(line {line}\)"):
        decode(data, "f.txt")


def test_front_matter_split_and_line_numbers() -> None:
    """Front matter is parsed and the body keeps its real line numbers."""
    source = parse_source("---\ntitle: T\ndate: 2022-10-13\n---\nMR. X: Hi.\n", "f.txt")
    assert source.meta["title"] == "T" and source.body_line == 5 and source.body.startswith("MR. X")


@pytest.mark.parametrize(("yaml", "line", "message"), [
    ("date: [2022", 3, r"front matter key 'date': while parsing a flow sequence, expected ',' or ']'"),
    ("date: a: b", 3, r"front matter key 'date': mapping values are not allowed here"),
    ("'open", 3, r"broken front matter: while scanning a quoted scalar"),
    ("--- x", 3, r"broken front matter: expected a single document in the stream, but found another document"),
], ids=["open-bracket", "mapping-in-value", "after-a-value", "second-document"])
def test_broken_front_matter_names_line_and_key(yaml: str, line: int, message: str) -> None:
    """Broken YAML gives one line naming the file, the line and the key whose entry holds it, if any."""
    text = f"---\ntitle: T\n{yaml}\n---\nMR. X: Hi.\n"
    with pytest.raises(SourceError, match=rf"^f\.txt:{line}: {message}") as caught:
        parse_source(text, "f.txt")
    assert caught.value.fragment == text.split("\n")[line - 1].strip()


def test_unclosed_front_matter() -> None:
    with pytest.raises(SourceError, match="never closed"):
        parse_source("---\ntitle: T\nMR. X: Hi.\n", "f.txt")


def test_wrong_type_names_key() -> None:
    """A front-matter value of the wrong type names the key and its line."""
    with pytest.raises(SourceError, match=r"f\.txt:3: front matter key 'title' must be text, got list"):
        parse_source("---\ndate: 2022-10-13\ntitle: [a, b]\n---\nMR. X: Hi.\n", "f.txt")


@pytest.mark.parametrize(("yaml", "line", "message"), [
    ("date: 2022-02-30", 3, r"front matter key 'date': '2022-02-30' is not a valid date \(day is out of range"),
    ("date: 2022-02-03 10:00:00 +25:00", 3, r"front matter key 'date': '2022-02-03 10:00:00 \+25:00' is not a valid"),
    ("date: !!timestamp soon", 3, r"front matter key 'date': 'soon' is not a valid date"),
    ("n: !!int twelve", 3, r"front matter key 'n': 'twelve' is not a valid whole number"),
    ("n: !!float ''", 3, r"front matter key 'n': '' is not a valid number"),
    ("live: !!bool maybe", 3, r"front matter key 'live': 'maybe' is not a valid true or false"),
    ("venue: !building Harry S Truman", 3, r"front matter key 'venue': could not determine a constructor for the tag '!building'"),
    ("extra:\n  when: [2022-13-01]", 4, r"front matter key 'when': '2022-13-01' is not a valid date \(month must be"),
    ("2022-02-30: a date as a key", 3, r"front matter key '2022-02-30': '2022-02-30' is not a valid date"),
    ("<<: 1", 3, r"front matter key '<<': expected a mapping or list of mappings for merging"),
    ("note: \x01", 3, r"front matter key 'note': character U\+0001 is not allowed in YAML"),
    ("deep: " + "[" * 2000, 3, r"front matter key 'deep': nested too deeply"),
], ids=["impossible-date", "impossible-offset", "timestamp-tag", "int-tag", "float-tag", "bool-tag", "unknown-tag",
        "nested", "key", "merge", "control-character", "recursion"])
def test_unconstructible_front_matter_names_line_and_key(yaml: str, line: int, message: str) -> None:
    """A value PyYAML parses but cannot build (impossible date, bad tagged value, unknown tag) is a `SourceError`
    naming the file, the line, the innermost key and the line's text."""
    text = f"---\ntitle: T\n{yaml}\n---\nMR. X: Hi.\n"
    with pytest.raises(SourceError, match=rf"^f\.txt:{line}: {message}") as caught:
        parse_source(text, "f.txt")
    assert caught.value.fragment == text.split("\n")[line - 1].strip()


def test_unconstructible_front_matter_read_from_disk(tmp_path: Path) -> None:
    """Reading a file with an impossible front-matter date refuses it under its display name and line."""
    path = tmp_path / "2022-02-28-x.txt"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: T\r\ndate: 2022-02-30\r\n---\r\nMR. X: Hi.\r\n")
    with pytest.raises(SourceError, match=r"^briefings/x\.txt:3: front matter key 'date': '2022-02-30' is not a valid date"):
        read_source(path, "briefings/x.txt")


def test_empty_file(tmp_path: Path) -> None:
    from generator.errors import TranscriptError
    from generator.read.parse import parse
    path = tmp_path / "2022-01-01-empty.txt"
    path.write_bytes(b"")
    with pytest.raises(TranscriptError, match="no speaker labels"):
        parse(read_source(path))


def test_control_characters_dropped_soft_breaks_spaced() -> None:
    """Control characters never reach the model (Python-Markdown's placeholder markers among them), and
    vertical tabs, form feeds, NEL and Unicode line separators become spaces, so lines count as in an editor."""
    raw = "MR. X: a\x02klzzwxh:0000\x03b\x07c\x0bd\x0ce\x85f\u2028g\x7fh\x9bi\nMR. Y: two\n"
    assert decode(raw.encode(), "f.txt") == "MR. X: aklzzwxh:0000bc d e f ghi\nMR. Y: two\n"
    briefing = parse_text(decode(raw.encode(), "f.txt"))
    assert [t.line for t in briefing.turns] == [1, 2]
