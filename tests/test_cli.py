"""The command line: `parse` prints the schema'd model, `check` reports, errors are one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import ROOT, SEED

SCHEMA = json.loads((ROOT / "generator" / "site" / "briefing.schema.json").read_text(encoding="utf-8"))


def test_parse_prints_valid_json() -> None:
    """`parse FILE` prints the model, valid against the shipped JSON Schema."""
    result = CliRunner().invoke(main, ["parse", str(SEED)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, SCHEMA)
    first = data["turns"][0]
    assert (first["anchor"], first["label"], data["speakers"][first["speaker"]]["name"]) == \
        ("t001", "SECRETARY BLINKEN", "Antony J. Blinken")
    question = data["turns"][7]
    assert question["reporter"] == {"name": "Tracy Wilkinson", "outlet": "Los Angeles Times"}  # given_only: only when true


def test_parse_in_an_archive_prints_its_published_data(built_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`parse` on a file of content/briefings/ prints what the build publishes as the briefing's data file."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["parse", "--site-url", "https://briefings.example.org/", str(SEED)])
    assert result.exit_code == 0, result.output
    published = json.loads((built_site / "data" / "briefings" / f"{SEED.stem}.json").read_text(encoding="utf-8"))
    assert json.loads(result.output) == published
    data = json.loads(result.output)
    assert data["speakers"][data["turns"][6]["speaker"]]["name"] == "Ned Price"  # MR PRICE, from speakers.yml


def test_parse_raw_is_the_parser_alone() -> None:
    """`parse --raw` prints the parser's model: labels outside the participant list stay as printed."""
    result = CliRunner().invoke(main, ["parse", "--raw", str(SEED)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    turn = data["turns"][6]
    assert (turn["label"], data["speakers"][turn["speaker"]]["name"]) == ("MR PRICE", "MR PRICE")
    assert not any("topics" in p for p in turn["paragraphs"])


def test_parse_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    """Bad input gives the same clear error as the build, as one line, exit status 1."""
    bad = tmp_path / "2022-01-01-bad.txt"
    bad.write_bytes(b"---\ntitle: [x\n---\nMR. X: Hi.\n")
    result = subprocess.run([sys.executable, "-m", "generator", "parse", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert f"{bad}:2: front matter key 'title'" in result.stderr and "Traceback" not in result.stderr


def test_check_reports_and_fails_on_errors(tmp_path: Path) -> None:
    """`check` lists each briefing and exits non-zero when one cannot be published."""
    briefings = tmp_path / "content" / "briefings"
    briefings.mkdir(parents=True)
    (briefings / SEED.name).write_bytes(SEED.read_bytes())
    ok = CliRunner().invoke(main, ["check", "--content", str(tmp_path / "content")])
    assert ok.exit_code == 0 and "39 turns" in ok.output and "MR PRICE" in ok.output
    (briefings / "2022-01-01-prose.txt").write_text("No labels at all.\n")
    bad = CliRunner().invoke(main, ["check", "--content", str(tmp_path / "content")])
    assert bad.exit_code == 1 and "2022-01-01-prose.txt:1: no speaker labels" in bad.output


def test_pages_writes_the_archive_as_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`pages OUT` writes every generated page; a briefing's turns are Markdown headings with their anchors."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["pages", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "briefings" / f"{SEED.stem}.md").read_text(encoding="utf-8")
    assert page.count("\n## ") == 39 and "{#t039 .turn" in page and "archive-listing" not in page
    assert (tmp_path / "out" / "speakers" / "antony-j-blinken.md").is_file()
    assert (tmp_path / "out" / "index.md").is_file() and f"wrote {len(list((tmp_path / 'out').rglob('*.md')))}" \
        in result.output


def test_every_command_has_help() -> None:
    """Each command documents itself with an example."""
    for name, command in main.commands.items():
        assert command.help and "Example:" in command.help, name
