"""The speaker registry: loading speakers.yml, its errors, and the order identities resolve in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.enrich.annotate import resolve_speakers
from generator.enrich.loader import Loader
from generator.enrich.registry import Registry, load_registry
from generator.errors import ConfigError
from generator.model import Briefing
from tests.conftest import CORPUS, ROOT, parse_text

REGISTRY = """\
people:
  - id: joseph-r-biden
    name: Joseph R. Biden Jr.
    roles: [{title: President of the United States, from: 2021-01-20, to: 2025-01-20}]
    aliases: [{label: THE PRESIDENT, from: 2021-01-20, to: 2025-01-20}]
  - id: donald-j-trump
    name: Donald J. Trump
    aliases:
      - {label: THE PRESIDENT, from: 2017-01-20, to: 2021-01-20}
      - {label: THE PRESIDENT, from: 2025-01-20}
  - id: ned-price
    name: Ned Price
    roles: [{title: Department Spokesperson, from: 2021-01-20, to: 2023-04-01}]
    aliases: [MR PRICE, {label: MODERATOR, briefings: [2021-06-23-call]}]
  - id: rosa-icela-rodriguez
    name: Rosa Icela Rodríguez
    aliases: [SECRETARY RODRÍGUEZ, Rosa Rodríguez]
  - id: tracy-wilkinson
    name: Tracy Wilkinson
    kind: reporter
    affiliation: Los Angeles Times
"""


def registry_from(tmp_path: Path, text: str) -> Registry:
    path = tmp_path / "speakers.yml"
    path.write_text(text, encoding="utf-8")
    return load_registry(path, "content/speakers.yml")


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    return registry_from(tmp_path, REGISTRY)


def resolved(text: str, registry: Registry, path: str = "2022-01-02-snippet.txt") -> Briefing:
    return resolve_speakers(parse_text(text, path), registry)


def test_alias_matching_ignores_case_accents_dots_and_nbsp(registry: Registry) -> None:
    """`MR. PRICE`, `Mr Price`, `MR\u00a0PRICE` and `SECRETARY RODRIGUEZ` all find their registry entry."""
    day = dt.date(2022, 1, 2)
    for label in ("MR. PRICE", "Mr Price", "MR\u00a0PRICE", "mr.  price"):
        assert registry.lookup(label, day).id == "ned-price", label  # type: ignore[union-attr]
    assert registry.lookup("SECRETARY RODRIGUEZ", day).id == "rosa-icela-rodriguez"  # type: ignore[union-attr]
    assert registry.lookup("MR PRICES", day) is None


def test_role_label_resolves_by_date(registry: Registry) -> None:
    """`THE PRESIDENT` is Trump before 2021-01-20 and from 2025-01-20, Biden in between."""
    assert registry.lookup("THE PRESIDENT", dt.date(2020, 3, 23)).id == "donald-j-trump"  # type: ignore[union-attr]
    assert registry.lookup("THE PRESIDENT", dt.date(2021, 1, 20)).id == "joseph-r-biden"  # type: ignore[union-attr]
    assert registry.lookup("THE PRESIDENT", dt.date(2025, 1, 20)).id == "donald-j-trump"  # type: ignore[union-attr]
    assert registry.lookup("THE PRESIDENT", dt.date(2016, 5, 1)) is None


def test_role_label_resolves_per_briefing(registry: Registry) -> None:
    """An alias limited to named briefings (`MODERATOR` in one call) holds there and nowhere else."""
    day = dt.date(2021, 6, 23)
    assert registry.lookup("MODERATOR", day, "2021-06-23-call").id == "ned-price"  # type: ignore[union-attr]
    assert registry.lookup("MODERATOR", day, "2021-06-24-other") is None


def test_registry_alias_comes_before_participant_list(registry: Registry) -> None:
    """A registry alias wins over the participant list; the role is the one held on the briefing's date."""
    briefing = resolved("Ned Price, Spokesman\n\nMR. PRICE: Hello.\n\nQUESTION: Why?\n", registry)
    speaker = briefing.turns[0].speaker
    assert (speaker.id, speaker.name, speaker.role, speaker.kind) == \
        ("ned-price", "Ned Price", "Department Spokesperson", "official")


def test_participant_list_then_registry_by_name(registry: Registry) -> None:
    """A label the registry lacks resolves through the participant list, whose name the registry knows."""
    briefing = resolved("Rosa Rodríguez, Security Secretary of Mexico\n\nSECURITY SECRETARY RODRÍGUEZ: Gracias.\n",
                        registry)
    assert briefing.turns[0].speaker.id == "rosa-icela-rodriguez"


def test_participant_list_without_registry_entry(registry: Registry) -> None:
    """A participant the registry does not know keeps the participant list's name and role."""
    briefing = resolved("Jalina Porter, Principal Deputy Spokesperson\n\nMS PORTER: Good afternoon.\n", registry)
    speaker = briefing.turns[0].speaker
    assert (speaker.id, speaker.name, speaker.role, speaker.resolved) == \
        ("jalina-porter", "Jalina Porter", "Principal Deputy Spokesperson", True)


def test_moderator_introduction_names_the_reporter(registry: Registry) -> None:
    """A question after `We'll start with Tracy Wilkinson of the L.A. Times.` is hers; the registry's outlet wins."""
    text = "MR PRICE: We’ll start with Tracy Wilkinson of the L.A. Times.\n\nQUESTION: Thank you.\n\n" \
           "MR PRICE: Next question. Go ahead.\n\nQUESTION: Hi.\n"
    briefing = resolved(text, registry)
    first, second = briefing.turns[1].speaker, briefing.turns[3].speaker
    assert (first.id, first.kind, first.affiliation) == ("tracy-wilkinson", "reporter", "Los Angeles Times")
    assert (second.id, second.kind, second.has_page) == ("question", "questioner", False)


def test_automatic_identity_from_the_label(registry: Registry) -> None:
    """A label nothing resolves becomes an unresolved identity made from the label, the same in every briefing."""
    one = resolved("MR. KIRBY: Hi.\n\nQ Why?\n", registry, "2023-04-06-a.txt")
    two = resolved("MR KIRBY: Hi.\n\nQ Why?\n", registry, "2023-04-07-b.txt")
    assert one.turns[0].speaker.id == two.turns[0].speaker.id == "mr-kirby"
    assert not one.turns[0].speaker.resolved and one.turns[0].speaker.has_page


def test_anonymous_officials_stay_anonymous_per_briefing(registry: Registry) -> None:
    """`SENIOR STATE DEPARTMENT OFFICIAL ONE` is never named and is a different identity in each briefing."""
    text = "MODERATOR: Welcome.\n\nSENIOR STATE DEPARTMENT OFFICIAL ONE: Thanks.\n\nQUESTION: Who?\n"
    one = resolved(text, registry, "2021-06-23-call.txt")
    two = resolved(text, registry, "2021-06-24-other.txt")
    a, b = one.turns[1].speaker, two.turns[1].speaker
    assert a.kind == b.kind == "anonymous" and a.id != b.id and not a.has_page
    assert a.name == "SENIOR STATE DEPARTMENT OFFICIAL ONE"
    assert one.turns[0].speaker.id == "ned-price"  # MODERATOR is Price in that call only
    assert (two.turns[0].speaker.kind, two.turns[0].speaker.has_page) == ("role", False)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("people: {id: x}\n", 1, "people must be a list"),
    ("people:\n  - id: x\n    nam: X\n", 3, "unknown key 'nam'"),
    ("people:\n  - id: x\n", 2, "lacks 'name'"),
    ("people:\n  - id: Bad Id\n    name: X\n", 2, "id must be a slug"),
    ("people:\n  - id: x\n    name: X\n    kind: senator\n", 4, "kind must be one of"),
    ("people:\n  - id: x\n    name: X\n    aliases: [{label: A, from: '2021-13'}]\n", 4, "from must be a date"),
    ("people:\n  - id: x\n    name: X\n    roles: [{title: A, from: 2022-01-01, to: 2021-01-01}]\n", 4,
     "'to' must come after 'from'"),
    ("people:\n  - id: x\n    name: X\n  - id: x\n    name: Y\n", 4, "id 'x' is already used by the entry at line 2"),
    ("people:\n  - id: x\n    name: X\n    aliases: [MR X]\n  - id: y\n    name: Y\n    aliases: [Mr. X]\n", 7,
     "alias claimed twice: x (line 4) and y"),
    ("people:\n  - id: x\n    name: X\n    aliases: [{label: THE PRESIDENT, from: 2020-01-01}]\n"
     "  - id: y\n    name: Y\n    aliases: [{label: THE PRESIDENT, from: 2017-01-01, to: 2020-06-01}]\n", 7,
     "alias claimed twice"),
    ("people:\n  - id: x\n    name: X\n   bad: [\n", 4, "key 'bad': while parsing a block collection"),
])
def test_config_errors_name_file_line_and_key(tmp_path: Path, text: str, line: int, message: str) -> None:
    """Every mistake in speakers.yml raises ConfigError naming the file, the line and what is wrong."""
    with pytest.raises(ConfigError) as caught:
        registry_from(tmp_path, text)
    assert caught.value.location == f"content/speakers.yml:{line}"
    assert message in str(caught.value)


def test_shipped_registry_loads_and_resolves_the_seed() -> None:
    """The shipped speakers.yml is valid and resolves every label of the seed to a registry identity."""
    archive = Loader().load(ROOT / "content", ROOT)
    assert archive.errors == ()
    assert archive.people
    for turn in archive.briefings[0].turns:
        assert turn.speaker.resolved, turn.label


def test_shipped_roles_cover_the_last_day_in_office() -> None:
    """`to` dates are exclusive: Jen Psaki's last briefing as White House Press Secretary (13 May 2022) shows her
    title; Karine Jean-Pierre holds it from that day."""
    people = {p.id: p for p in load_registry(ROOT / "content" / "speakers.yml", "content/speakers.yml").people}
    assert people["jen-psaki"].role_on(dt.date(2022, 5, 13)) == "White House Press Secretary"
    assert people["jen-psaki"].role_on(dt.date(2022, 5, 16)) == ""
    assert people["karine-jean-pierre"].role_on(dt.date(2022, 5, 13)) == "White House Press Secretary"


def test_check_lists_automatic_identities_and_fails_on_alias_claimed_twice(tmp_path: Path) -> None:
    """`check` lists automatic identities and misspelt labels with file:line, and exits 1 on a registry error."""
    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    (content / "briefings" / "2020-03-23-x.txt").write_text(
        "MR. MILLER: One.\n\nQ Why?\n\nMR MILLER: Two.\n\nTHE PRESIDENT: Three.\n\nTHE PRESIDENT: Four.\n\n"
        "HE PRESIDENT: Five.\n", encoding="utf-8")
    ok = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert ok.exit_code == 0, ok.output
    assert "2020-03-23-x.txt:1: unresolved label (2 turns in 1 briefing, 2020-03-23): 'MR. MILLER'" in ok.output
    assert "2020-03-23-x.txt:11: suspicious label, read as 'THE PRESIDENT': 'HE PRESIDENT'" in ok.output
    (content / "speakers.yml").write_text(
        "people:\n  - id: a\n    name: A\n    aliases: [MR MILLER]\n  - id: b\n    name: B\n    aliases: [MR. MILLER]\n",
        encoding="utf-8")
    bad = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert bad.exit_code == 1
    expected = "speakers.yml:7: alias claimed twice: a (line 4) and b hold it at overlapping times: 'MR. MILLER'"
    assert expected in bad.output


def test_shipped_registry_resolves_corpus_role_labels() -> None:
    """In the corpus, `THE PRESIDENT` is Trump in March 2020 and Biden in January 2022."""
    archive_dir = CORPUS / "dev"
    registry = load_registry(ROOT / "content" / "speakers.yml", "content/speakers.yml")
    from generator.read.parse import parse
    from generator.read.source import read_source
    for name, who in (("wh-2020-03-23-trump-task-force-briefing-fullpage.txt", "donald-j-trump"),
                      ("wh-2022-01-19-biden-press-conference-longest.txt", "joseph-r-biden")):
        briefing = resolve_speakers(parse(read_source(archive_dir / name)), registry)
        assert {t.speaker.id for t in briefing.turns if t.label == "THE PRESIDENT"} == {who}


def test_shipped_registry_knows_the_un_secretaries_general_by_their_label() -> None:
    """The UN's transcripts of the Secretary-General's press encounters label him `SG:`: Kofi Annan in 2004, António
    Guterres in 2023 (a press encounter is a press availability, its heading the title)."""
    registry = load_registry(ROOT / "content" / "speakers.yml", "content/speakers.yml")
    from tests.conftest import parse_text
    for date, who in (("2 March 2004", "kofi-annan"), ("12 June 2023", "antonio-guterres")):
        briefing = resolve_speakers(parse_text(
            f"New York\n\n{date}\n\nSecretary-General's press encounter upon arrival at Headquarters\n\n"
            "Q: Mr. Secretary, any reaction?\n\nSG: I don't think I know more than you know.\n", "encounter.txt"),
            registry)
        assert (briefing.title, briefing.kind) == ("Secretary-General's press encounter upon arrival at Headquarters",
                                                   "press availability")
        assert [(t.speaker.id, t.speaker.role) for t in briefing.turns][1] == (
            who, "Secretary-General of the United Nations")
