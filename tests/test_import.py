"""Import: published pages, feed items and pandoc Markdown in; normalised, validated, unique transcripts out."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import tarfile
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.ingest.importer import Importer, ImportRefused, RawSource, expand, extract
from generator.read.parse import parse
from generator.read.source import decode, read_source
from generator.text import clean_line
from tests.conftest import CORPUS, ROOT, SHARED_CORPUS, build_site

DEV = CORPUS / "dev"
RAW = sorted((DEV / "raw").glob("*"))
TARBALL = SHARED_CORPUS / "whitehouse-press-briefings-2021-2025.tar.xz"
NOT_A_TRANSCRIPT = "dos-2022-07-13-public-schedule-NOT-A-TRANSCRIPT"
Q_PARAGRAPH = re.compile(r"^Q(?:[\s\u00a0]|\.\s)", re.MULTILINE)
"""A White House reporter's question: a bare `Q` and spaces opening a line (of the raw Markdown too)."""

TRANSCRIPT = """Jen Psaki, Press Secretary

MS. PSAKI: Good afternoon. We have one announcement today.

Q Thank you. A question on vaccines.

MS. PSAKI: We will have more to say.
"""


def _plain(text: str) -> str:
    """A turn's text without the inline markup the corpus `.txt` files keep from pandoc (`*x*`,
    `<s>x</s>`, `[text](url)`), whose text alone the importer keeps; spaces collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return clean_line(re.sub(r"</?s>|\*", "", text))


def _turns(path: Path) -> list[tuple[str, str]]:
    return [(t.label, _plain(t.text)) for t in parse(read_source(path)).turns]


def _import(tmp_path: Path, name: str, data: str | bytes, **kw: object) -> Path:
    raw = data.encode() if isinstance(data, str) else data
    return Importer(tmp_path / "content", **kw).add(RawSource(name, raw)).path  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", [p for p in RAW if NOT_A_TRANSCRIPT not in p.name], ids=lambda p: p.name)
def test_raw_form_gives_the_turns_of_the_text_form(raw: Path, tmp_path: Path) -> None:
    """Importing a transcript as published (feed HTML, whole web page, pandoc Markdown) gives the turns,
    labels and texts, of the same transcript copied as plain text."""
    written = _import(tmp_path, raw.name, raw.read_bytes())
    assert _turns(written) == _turns(DEV / (raw.name.split(".")[0] + ".txt"))


def test_non_transcript_is_refused_and_nothing_written(tmp_path: Path) -> None:
    """The public schedule is refused with the parser's reason; no file appears in the content folder."""
    raw = DEV / "raw" / f"{NOT_A_TRANSCRIPT}.content.html"
    result = CliRunner().invoke(main, ["import", str(raw), "--content", str(tmp_path / "content")])
    assert result.exit_code == 1
    assert "refused:" in result.output and "does not look like a transcript" in result.output
    assert not list(tmp_path.rglob("*.txt"))


def test_pandoc_markdown_is_unwrapped_and_unescaped(tmp_path: Path) -> None:
    """Pandoc Markdown: hard wraps joined, backslash escapes and link syntax removed, hard line breaks
    and NBSP-only lines end paragraphs, NBSPs are spaces; front matter gives title, date and URL."""
    source = (
        '---\ntitle: "Press Briefing by Press Secretary Jen\\_Psaki"\ndate: \'2021-02-03\'\n'
        "source_url: https://example.gov/b/1/\n---\n \n7:06 P.M. EST  \n\u00a0  \n"
        "MS. PSAKI:\u00a0 Hello \\[all\\] and\nsee [the fact sheet](https://example.gov/x).\u00a0 A\\ B\\$.\n\n"
        "Q\u00a0\u00a0\u00a0 A question\nwrapped here?\n\nMS. PSAKI:\u00a0 *Gracias*.\n"
    )
    written = _import(tmp_path, "b.md", source)
    assert written.name == "2021-02-03-press-briefing-by-press-secretary-jen-psaki.txt"
    text = written.read_text(encoding="utf-8")
    assert text.split("---\n")[2] == (
        "7:06 P.M. EST\n\nMS. PSAKI: Hello [all] and see the fact sheet. A B$.\n\n"
        "Q A question wrapped here?\n\nMS. PSAKI: Gracias.\n"
    )
    briefing = parse(read_source(written))
    assert (briefing.title, briefing.date, briefing.source_url) == (
        "Press Briefing by Press Secretary Jen Psaki", dt.date(2021, 2, 3), "https://example.gov/b/1/")
    assert [t.label for t in briefing.turns] == ["MS. PSAKI", "Q", "MS. PSAKI"]


def test_whole_web_page_loses_its_furniture(tmp_path: Path) -> None:
    """A saved page: banners, navigation, scripts, share boxes and footers are dropped; the title is the
    page heading, the source URL the canonical link; `<br>` and block elements end paragraphs."""
    page = (
        '<html><head><title>Remarks | The White House</title><link rel="canonical" href="https://wh.gov/r/">'
        "<script>var x = 'MR. X: no';</script></head><body><header><nav><a href='/'>Skip to content</a>"
        "</nav></header><main><h1>Remarks by the Press Secretary</h1><aside>Share:</aside>"
        "<div><p>March 3, 2020<br>2:00 P.M. EST</p><p><strong>MS. PSAKI:</strong>\n   Good\n   afternoon.</p>"
        "<p>Q&nbsp;&nbsp;&nbsp; A <em>question</em>?</p><p>MS. PSAKI: An answer.<!-- note --></p></div></main>"
        "<footer><p>MR. FOOTER: Privacy Policy</p></footer></body></html>"
    )
    written = _import(tmp_path, "page.html", page)
    briefing = parse(read_source(written))
    assert (briefing.title, briefing.date, briefing.source_url) == (
        "Remarks by the Press Secretary", dt.date(2020, 3, 3), "https://wh.gov/r/")
    assert [(t.label, t.text) for t in briefing.turns] == [
        ("MS. PSAKI", "Good afternoon."), ("Q", "A question?"), ("MS. PSAKI", "An answer.")]
    assert "Share" not in written.read_text(encoding="utf-8")


def test_a_page_nested_without_end_is_read_like_a_shallow_one(tmp_path: Path) -> None:
    """A page whose turns sit under 20,000 nested elements, or under tags never closed, imports with its turns
    (its tree was walked by recursion, which stopped with a RecursionError and a traceback at 1,000 levels)."""
    turns = "<p><strong>MS. PSAKI:</strong> Good afternoon.</p><p>Q A question?</p><p>MS. PSAKI: An answer.</p>"
    nested = "<html><body><h1>Press Gaggle, May 5, 2021</h1>" + "<div>" * 20_000 + turns + "</div>" * 20_000
    unclosed = "<html><body><h1>Press Gaggle, May 6, 2021</h1>" + "<section><span>" * 10_000 + turns
    for name, page in (("nested.html", nested), ("unclosed.html", unclosed)):
        briefing = parse(read_source(_import(tmp_path, name, page)))
        assert [(t.label, t.text) for t in briefing.turns] == [
            ("MS. PSAKI", "Good afternoon."), ("Q", "A question?"), ("MS. PSAKI", "An answer.")], name


def test_date_in_the_text_wins_over_the_publishers(tmp_path: Path) -> None:
    """The publisher's date (pandoc `date`, `article:published_time`) is used only when neither the
    title nor the text gives one: a briefing published the next day keeps the day it was held."""
    body = "---\ntitle: Press Gaggle\ndate: '2021-05-06'\n---\n{}\n\n" + TRANSCRIPT
    held = _import(tmp_path, "x.md", body.format("May 5, 2021"))
    assert held.name == "2021-05-05-press-gaggle.txt"
    undated = _import(tmp_path / "other", "y.md", body.format("Aboard Air Force One"))
    assert undated.name == "2021-05-06-press-gaggle.txt"


def test_command_line_overrides_and_report(tmp_path: Path) -> None:
    """One source: the editor's title, date and URL win, and the command prints what it inferred."""
    src = tmp_path / "pasted.txt"
    src.write_text(TRANSCRIPT, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(src), "--content", str(tmp_path / "content"),
                                       "--title", "Daily Briefing", "--date", "2021-03-04",
                                       "--source-url", "https://example.gov/d"])
    assert result.exit_code == 0, result.output
    assert "2021-03-04 'Daily Briefing': 3 turns (1 questions); speakers: Jen Psaki" in result.output
    written = tmp_path / "content" / "briefings" / "2021-03-04-daily-briefing.txt"
    assert parse(read_source(written)).source_url == "https://example.gov/d"


def test_undated_source_is_refused(tmp_path: Path) -> None:
    """A transcript with no date anywhere (front matter, title, text, file name) is refused, not guessed."""
    with pytest.raises(ImportRefused, match="no date found"):
        _import(tmp_path, "pasted.txt", TRANSCRIPT)


@pytest.mark.parametrize("second", ["same bytes", "same url", "same text"])
def test_duplicates_are_refused(tmp_path: Path, second: str) -> None:
    """A second import of the same source, the same source URL or the same text (spacing aside) is
    refused, naming the file already holding it; the archive is unchanged."""
    first = "---\ntitle: Briefing\ndate: 2021-01-05\nsource_url: https://example.gov/b/\n---\n" + TRANSCRIPT
    again = {
        "same bytes": first,
        "same url": first.replace("Good afternoon", "Good morning").replace("/b/", "/b"),
        "same text": "---\ntitle: Other\ndate: 2021-01-06\n---\n" + TRANSCRIPT.replace(" ", "  ").replace("\n", "\n\n"),
    }[second]
    content = tmp_path / "content"
    CliRunner().invoke(main, ["import", _file(tmp_path / "a.md", first), "--content", str(content)])
    before = sorted(p.name for p in content.rglob("*"))
    result = CliRunner().invoke(main, ["import", _file(tmp_path / "b.md", again), "--content", str(content)])
    assert result.exit_code == 1
    what = {"same bytes": "same source", "same url": "same source URL", "same text": "same text"}[second]
    assert f"already imported: {what} as " in result.output
    assert "2021-01-05-briefing.txt" in result.output
    assert sorted(p.name for p in content.rglob("*")) == before


def _file(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("title", ["Press Gaggle", "Press Briefing by Press Secretary Jen Psaki and National "
                                   "Economic Director Brian Deese, January 22, 2021"])
def test_same_day_same_title_gets_a_numbered_name(tmp_path: Path, title: str) -> None:
    """Two different briefings held the same day under the same title get `…-2` rather than clashing,
    and a file's name is its page's slug, however long the title."""
    importer = Importer(tmp_path)
    head = f"---\ntitle: {title}\ndate: 2021-01-05\n---\n"
    first = importer.add(RawSource("a.md", (head + TRANSCRIPT).encode())).briefing
    second = importer.add(RawSource("b.md", (head + TRANSCRIPT.replace("one", "two")).encode())).briefing
    assert second.slug == first.slug + "-2"
    assert first.slug.startswith("2021-01-") and len(second.slug) <= 80
    for briefing in (first, second):
        assert Path(briefing.source).stem == briefing.slug


def test_writes_are_deterministic_and_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same source gives the same bytes wherever it is imported; a failed write leaves no file,
    not even a temporary one."""
    source = "---\ntitle: Briefing\ndate: 2021-01-05\n---\n" + TRANSCRIPT
    one, two = _import(tmp_path / "1", "a.md", source), _import(tmp_path / "2", "a.md", source)
    assert one.read_bytes() == two.read_bytes()
    assert one.read_text(encoding="utf-8").startswith(
        "---\ntitle: Briefing\ndate: 2021-01-05\nsha256: ")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("generator.ingest.importer.os.replace", broken)
    with pytest.raises(OSError):
        _import(tmp_path / "3", "a.md", source)
    assert not list((tmp_path / "3").rglob("*.*"))


def test_folders_and_tarballs_are_expanded_in_name_order(tmp_path: Path) -> None:
    """A folder or tarball yields its importable files (not licences or metadata), sorted by name."""
    folder = tmp_path / "set"
    for name in ("b/2.md", "a/1.html", "LICENSE", "a/1.meta.json", "c.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    with tarfile.open(tmp_path / "set.tar.xz", "w:xz") as tar:
        tar.add(folder, arcname="set")
    assert [r.name for r in expand([folder])] == [str(folder / n) for n in ("a/1.html", "b/2.md", "c.txt")]
    tarred = [r.name.rsplit(":", 1)[1] for r in expand([tmp_path / "set.tar.xz"])]
    assert tarred == ["set/a/1.html", "set/b/2.md", "set/c.txt"]


BROKEN_FRONT_MATTER = {
    "impossible-date": ("title: Briefing\ndate: 2022-02-30\n", 3, (
        "front matter key 'date': '2022-02-30' is not a valid date (day is out of range for month): "
        "'date: 2022-02-30'")),
    "syntax-error": ("title: [Briefing\ndate: 2022-02-28\n", 2, (
        "front matter key 'title': while parsing a flow sequence, expected ',' or ']', but got ':': 'title: [Briefing'")),
}


@pytest.mark.parametrize("container", ["folder", "tarball"])
@pytest.mark.parametrize("broken", BROKEN_FRONT_MATTER)
def test_front_matter_refusal_names_the_source_line(tmp_path: Path, container: str, broken: str) -> None:
    """A source refused for its front matter is named with its line, inside a folder or a tarball; the other
    sources are still imported."""
    front_matter, line, reason = BROKEN_FRONT_MATTER[broken]
    folder = tmp_path / "set"
    folder.mkdir()
    _file(folder / "a.md", f"---\n{front_matter}---\n{TRANSCRIPT}")
    _file(folder / "b-2022-03-01.txt", TRANSCRIPT)
    source, member = folder, str(folder / "a.md")
    if container == "tarball":
        source = tmp_path / "set.tar.gz"
        with tarfile.open(source, "w:gz") as tar:
            tar.add(folder, arcname="set")
        member = f"{source}:set/a.md"
    result = CliRunner().invoke(main, ["import", str(source), "--content", str(tmp_path / "content")])
    assert result.exit_code == 1 and "imported 1 briefing(s), refused 1" in result.output
    refused = [row for row in result.output.splitlines() if row.startswith("refused:")]
    assert refused == [f"refused: {member}:{line}: not imported: {reason}"]


def test_plain_text_keeps_its_lines(tmp_path: Path) -> None:
    """Plain text is taken line by line (the parser joins wrapped lines), spaces and NBSPs collapsed."""
    assert extract(RawSource("x.txt", "A\u00a0\u00a0b \n\n\n\nMR. X:  c".encode())).text == "A b\n\nMR. X: c\n"


REFUSALS = {"already imported: same ": "duplicate", "not imported: no speaker labels found": "no speaker labels"}
"""The only reasons a White House source may be refused, by how the message opens."""


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.build
@pytest.mark.skipif(not TARBALL.is_file(), reason="the White House tarball is not present")
def test_whole_white_house_set_imports_builds_and_keeps_its_questions(tmp_path: Path) -> None:
    """The 1,150 White House sources import in one command and build; every raw source with `Q`
    paragraphs that is not a duplicate has question turns, parsed and on its page; the 13 refusals are
    duplicates or texts without speaker labels (and no questions)."""
    raws = expand([TARBALL])
    assert len(raws) == 1150
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "theme_overrides"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, project / name)
    shutil.copytree(ROOT / "content" / "pages", project / "content" / "pages")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["import", str(TARBALL), "--content", str(project / "content")])
    imported = time.monotonic() - started
    refused = dict(line.removeprefix(f"refused: {TARBALL}:").split(": ", 1)
                   for line in result.output.splitlines() if line.startswith("refused: "))
    kinds = {name: next((kind for opening, kind in REFUSALS.items() if reason.startswith(opening)), reason)
             for name, reason in refused.items()}
    assert Counter(kinds.values()) == {"duplicate": 11, "no speaker labels": 2}, refused
    written = {read_source(path).meta["sha256"]: path for path in (project / "content" / "briefings").glob("*.txt")}
    built = build_site(project, tmp_path / "site", strict=False)
    assert built.returncode == 0, built.stderr[-3000:]
    print(f"imported in {imported:.0f} s, built in {time.monotonic() - started - imported:.0f} s")
    lost = []
    for raw in raws:
        member = raw.name.removeprefix(f"{TARBALL}:")
        asks = Q_PARAGRAPH.search(decode(raw.data, raw.name)) is not None
        if member in kinds:
            assert kinds[member] == "duplicate" or not asks, (member, refused[member])
            continue
        path = written.pop(hashlib.sha256(raw.data).hexdigest(), None)
        assert path, f"{member} was neither imported nor refused"
        page = (tmp_path / "site" / "briefings" / f"{path.stem}.html").read_text(encoding="utf-8")
        if asks and not (any(t.question for t in parse(read_source(path)).turns)
                         and re.search(r'<h2 [^>]*class="[^"]*\bquestion\b', page)):
            lost.append(member)
    assert not lost and not written
