"""speakers.yml and topics.yml that PyYAML cannot read or build: a `ConfigError` at `file:line` naming the key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from generator.enrich.registry import load_registry
from generator.enrich.topics import load_vocabulary
from generator.errors import ConfigError
from generator.read import yamlfile
from tests.conftest import ROOT, SEED

SPEAKERS = "people:\n  - id: ann\n    name: Ann\n"
TOPICS = "topics:\n  - id: drugs\n    title: Drugs\n"
LAUGHS = "    l0: &l0 [" + ", ".join(["lol"] * 9) + "]\n" + "".join(
    f"    l{k}: &l{k} [" + ", ".join([f"*l{k - 1}"] * 9) + "]\n" for k in range(1, 7))
"""A "billion laughs" under a mapping's key: six lines of nine aliases each stand for 9**7 values."""
MULTIPLIED = ("its aliases repeat values until the text stands for more than 10,000 values more than it writes; "
              "write the values out")
BROKEN = {
    "control-character": (
        ("speakers.yml", SPEAKERS.replace("Ann", "Ann\x07"), 3, "key 'name': character U+0007 is not allowed in YAML"),
        ("topics.yml", TOPICS + "    strong: [fentanyl\x00]\n", 4,
         "key 'strong': character U+0000 is not allowed in YAML"),
    ),
    "deep-nesting": (
        ("speakers.yml", SPEAKERS + "    aliases: " + "[" * 2000 + "\n", 4, "key 'aliases': nested too deeply"),
        ("topics.yml", TOPICS + "    weak: " + "[" * 2000 + "\n", 4, "key 'weak': nested too deeply"),
    ),
    "unconstructible-value": (
        ("speakers.yml", SPEAKERS + "    roles:\n      - title: Press Secretary\n        from: 2022-02-30\n", 6,
         "key 'from': '2022-02-30' is not a valid date (day is out of range for month)"),
        ("topics.yml", TOPICS + "    strong: [fentanyl]\n    min_weak: !!int two\n", 5,
         "key 'min_weak': 'two' is not a valid whole number (invalid literal for int() with base 10: 'two')"),
    ),
    "unknown-tag": (
        ("speakers.yml", SPEAKERS.replace("Ann", "!person Ann"), 3,
         "key 'name': could not determine a constructor for the tag '!person'"),
        ("topics.yml", TOPICS + "    strong: !terms [fentanyl]\n", 4,
         "key 'strong': could not determine a constructor for the tag '!terms'"),
    ),
    "alias-bomb": (
        ("speakers.yml", SPEAKERS + LAUGHS, 9, f"key 'l5': {MULTIPLIED}"),  # the value whose repeats add most
        ("topics.yml", TOPICS + LAUGHS, 9, f"key 'l5': {MULTIPLIED}"),
    ),
    "alias-without-end": (
        ("speakers.yml", SPEAKERS + "    also: &me [Annie, *me]\n", 4,
         "key 'also': an alias repeats the value it stands in, without end"),
        ("topics.yml", TOPICS + "    strong: &me [fentanyl, *me]\n", 4,
         "key 'strong': an alias repeats the value it stands in, without end"),
    ),
}
"""Per kind of failure, a broken speakers.yml and topics.yml: file, text, line and message."""
LOADERS = {"speakers.yml": load_registry, "topics.yml": load_vocabulary}


@pytest.mark.parametrize(("name", "text", "line", "message"),
                         [case for cases in BROKEN.values() for case in cases],
                         ids=[f"{kind}-{case[0]}" for kind, cases in BROKEN.items() for case in cases])
def test_loader_refuses_what_yaml_cannot_read_at_its_line_and_key(tmp_path: Path, name: str, text: str, line: int,
                                                                  message: str) -> None:
    """A control character, nesting too deep to compose, a value YAML cannot build or an unknown tag is a
    `ConfigError` naming the file, the line, the innermost key and the line's text."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        LOADERS[name](path, f"content/{name}")
    assert (caught.value.location, caught.value.message) == (f"content/{name}:{line}", message)
    assert caught.value.fragment == _line(text, line)


def test_loader_names_no_key_past_a_finished_value(tmp_path: Path) -> None:
    """A second document below a finished `name: Ann` is reported at its own line, naming no key."""
    path = tmp_path / "speakers.yml"
    path.write_text(SPEAKERS + "--- x\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_registry(path, "content/speakers.yml")
    assert str(caught.value) == ("content/speakers.yml:4: not valid YAML: expected a single document in the stream, "
                                 "but found another document: '--- x'")


def test_aliases_in_proportion_to_the_text_are_read(tmp_path: Path) -> None:
    """Aliases that add values in proportion to what the text writes are no bomb: 2,000 people each merging the
    same defaults (`<<: *defaults`, 14,000 values added) are read, as YAML builds them."""
    path = tmp_path / "speakers.yml"
    people = "".join(f"  - <<: *defaults\n    id: p{k}\n    name: Person {k}\n" for k in range(2000))
    path.write_text("defaults: &defaults {affiliation: Agency, kind: official, roles: [{title: Officer}]}\n"
                    "people:\n" + people, encoding="utf-8")
    data = yamlfile.load(path.read_text(encoding="utf-8"))
    assert len(data["people"]) == 2000 and data["people"][1999]["affiliation"] == "Agency"
    assert yamlfile.YamlFile(path, "content/speakers.yml").root is not None


def test_a_bomb_is_reported_where_its_repeats_add_most(tmp_path: Path) -> None:
    """A small alias above a "billion laughs" is not where the error points: the anchored value whose repeats
    add the most values is."""
    path = tmp_path / "speakers.yml"
    text = "team: &team [Ann, Bob]\nalso: *team\n" + LAUGHS.replace("    l", "l")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        yamlfile.YamlFile(path, "content/speakers.yml")
    assert (caught.value.location, caught.value.message) == ("content/speakers.yml:8", f"key 'l5': {MULTIPLIED}")


@pytest.mark.parametrize("kind", BROKEN)
def test_check_reports_each_unreadable_config_file_in_one_line_and_checks_the_seed(tmp_path: Path, kind: str) -> None:
    """`check` reports a broken speakers.yml and topics.yml as one `file:line` line each, exits 1 without a
    traceback, and still checks the seed beside them."""
    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    (content / "briefings" / SEED.name).write_bytes(SEED.read_bytes())
    for name, text, _, _ in BROKEN[kind]:
        (content / name).write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(content)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    errors = [row for row in result.stderr.splitlines() if row.startswith("error:")]
    assert errors == [f"error: {ConfigError(message, path=str(content / name), line=line, fragment=_line(text, line))}"
                      for name, text, line, message in BROKEN[kind]]
    assert f"{SEED.name}: 39 turns" in result.stdout and "1 briefing(s) ok, 2 with errors" in result.stdout


def _line(text: str, number: int) -> str:
    return text.split("\n")[number - 1].strip()


def _shape(node: Node | None) -> Any:
    """A node tree as plain data: each node's tag, line and value (its children's shapes)."""
    if node is None:
        return None
    value = [(_shape(k), _shape(v)) for k, v in node.value] if isinstance(node, MappingNode) else \
        [_shape(item) for item in node.value] if isinstance(node, SequenceNode) else node.value
    return node.tag, node.start_mark.line, value


@pytest.mark.parametrize("name", ["speakers.yml", "topics.yml", "outlets.yml"])
def test_libyaml_reads_the_shipped_files_as_the_checked_path_does(name: str) -> None:
    """The shipped configuration is read by libyaml (a tenth of the time) into the very tree, lines included,
    that the pure-Python path composes; a text nested deeper than libyaml is given takes the checked path."""
    if yamlfile._LIBYAML is None:
        pytest.skip("this PyYAML was built without libyaml: every text takes the checked path")
    text = (ROOT / "content" / name).read_text(encoding="utf-8")
    fast = yamlfile._composed_fast(text)
    assert fast is not None
    assert _shape(fast[0]) == _shape(yaml.compose(text))
    assert yamlfile._composed_fast(SPEAKERS + "    aliases: " + "[" * 100 + "]" * 100 + "\n") is None
    assert yamlfile._composed_fast(SPEAKERS + "    aliases: [a, [b]]\n") is not None
