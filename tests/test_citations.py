"""Citation data: each turn's CSL-JSON item (`site/csl_item.py`), the page's metadata for reference managers,
search engines and link previews (`site/page_meta.py`), and the placeholder `site_url`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from generator.cli import main
from generator.enrich.registry import load_registry
from generator.errors import ConfigError
from generator.model import Briefing, Reporter, Speaker, Turn
from generator.site import urls
from generator.site.briefing_page import turn_heading
from generator.site.cite_data import speaker_of
from generator.site.csl_item import HOSTS, author, csl_item, csl_name, genre, publisher, sentence_case
from generator.site.page_meta import briefing_meta, head_html
from tests.conftest import parse_text

SITE = "https://archive.example.net/"


def _briefing(front: str = "", body: str = "MR. PRICE: Good afternoon.\n") -> Briefing:
    return parse_text(f"---\ntitle: Department Press Briefing\ndate: 2021-06-04\nlocation: Washington, DC\n{front}---\n{body}")


@pytest.mark.parametrize("domain", sorted(HOSTS))
def test_publisher_from_every_listed_host(domain: str) -> None:
    """The host table knows each listed domain and its subdomains: `bidenwhitehouse.archives.gov`
    is The White House (the 1,137 White House briefings had no publisher)."""
    for url in (f"https://{domain}/briefing-room/x/", f"https://www.{domain}/x", f"https://press.{domain}/x"):
        assert publisher(_briefing(f"source_url: {url}\n")) == HOSTS[domain]
    assert publisher(_briefing("source_url: https://bidenwhitehouse.archives.gov/x/\n")) == "The White House"


def test_front_matter_publisher_wins_and_unknown_hosts_give_none() -> None:
    """`publisher:` in front matter wins over the host table; an unknown domain gives no publisher."""
    assert publisher(_briefing("publisher: Office of the Spokesperson\nsource_url: https://www.state.gov/x\n")) == \
        "Office of the Spokesperson"
    assert publisher(_briefing("source_url: https://example.com/whitehouse.gov/x\n")) == ""


@pytest.mark.parametrize("title,expected", [
    ("Press Briefing by Press Secretary Jen Psaki, February 4, 2021",
     "Press briefing by Press Secretary Jen Psaki, February 4, 2021"),
    ("Remarks by President Biden Before Marine One Departure", "Remarks by President Biden before Marine One departure"),
    ("Background Press Call by Senior Administration Officials on the President\u2019s Upcoming Trip",
     "Background press call by senior administration officials on the President\u2019s upcoming trip"),
    ("U.S.-Mexico High-Level Security Dialogue Joint Press Availability",
     "U.S.-Mexico High-Level Security Dialogue joint press availability"),
    ("On-the-Record Press Call: The Press Secretary Answers", "On-the-record press call: The Press Secretary Answers"),
    ("COVID-19 RESPONSE TEAM BRIEFING", "COVID-19 RESPONSE TEAM BRIEFING"),
])
def test_sentence_case_lowers_only_generic_words(title: str, expected: str) -> None:
    """APA's sentence case lowers the generic words of event titles only: never a name, a title before a
    name (`Press Secretary Jen Psaki`), an event's proper name, the first word or one after a colon."""
    assert sentence_case(title) == expected


@pytest.mark.parametrize("name,expected", [
    ("Joseph R. Biden Jr.", {"family": "Biden", "given": "Joseph R.", "suffix": "Jr."}),
    ("Martin Luther King, Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
    ("Antony J. Blinken", {"family": "Blinken", "given": "Antony J."}),
    ("Ludwig van Beethoven", {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}),
    ("Charles de Gaulle", {"family": "Gaulle", "given": "Charles", "non-dropping-particle": "de"}),
    ("Mohammed bin Salman", {"family": "Salman", "given": "Mohammed", "non-dropping-particle": "bin"}),
    ("Chris Van Hollen", {"family": "Van Hollen", "given": "Chris"}),
    ("Karine Jean-Pierre", {"family": "Jean-Pierre", "given": "Karine"}),
    ("Lula", {"family": "Lula"}),
    ("Dr. Anthony Fauci", {"family": "Fauci", "given": "Anthony"}),
    ("aspirations, support the democratic", {"literal": "aspirations, support the democratic"}),
])
def test_names_split_for_citation(name: str, expected: dict[str, str]) -> None:
    """Names are parsed by nameparser: a suffix is a suffix (never the family name), a lower-case particle a
    non-dropping particle, a capitalised one part of the family name; a phrase is cited as written."""
    assert csl_name(name) == expected


def test_registry_name_parts_win(tmp_path: Path) -> None:
    """`name_parts:` in speakers.yml decides how a name is split; a wrong key is an error at its line."""
    path = tmp_path / "speakers.yml"
    path.write_text("people:\n  - id: andres-manuel-lopez-obrador\n    name: Andrés Manuel López Obrador\n"
                    "    name_parts: {family: López Obrador, given: Andrés Manuel}\n", encoding="utf-8")
    (person,) = load_registry(path, "speakers.yml").people
    assert csl_name(person.name) == {"family": "Obrador", "given": "Andrés Manuel López"}
    assert csl_name(person.name, person.name_parts) == {"family": "López Obrador", "given": "Andrés Manuel"}
    path.write_text("people:\n  - id: x\n    name: X\n    name_parts: {surname: X}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"speakers.yml:4: unknown key 'surname' in name_parts"):
        load_registry(path, "speakers.yml")


def _turn(speaker: Speaker, question: bool = False, reporter: Reporter | None = None) -> Turn:
    return Turn("t001", speaker.name, speaker, (), 1, question=question, reporter=reporter)


def test_authors_by_kind_of_speaker() -> None:
    """A person has name fields; an anonymous official, a role, an organisation and an unresolved label are a
    literal author (capitals of generic labels softened); a question is its asker's, else an unidentified
    reporter's."""
    person = Speaker("joseph-r-biden", "Joseph R. Biden Jr.", "President", resolved=True, kind="official")
    assert author(_turn(person), {}) == [{"family": "Biden", "given": "Joseph R.", "suffix": "Jr."}]
    anonymous = Speaker("x", "SENIOR ADMINISTRATION OFFICIAL ONE", kind="anonymous")
    assert author(_turn(anonymous), {}) == [{"literal": "Senior Administration Official One"}]
    assert author(_turn(Speaker("m", "MODERATOR", kind="role")), {}) == [{"literal": "Moderator"}]
    assert author(_turn(Speaker("s", "MR. SULLIVAN")), {}) == [{"literal": "MR. SULLIVAN"}]
    office = Speaker("w", "The White House", resolved=True, kind="official")
    assert author(_turn(office), {}) == [{"literal": "The White House"}]
    question = _turn(Speaker("question", "Question", kind="questioner"), True, Reporter("Tracy Wilkinson", "L.A. Times"))
    assert author(question, {}) == [{"family": "Wilkinson", "given": "Tracy"}]
    assert genre(question) == "transcript of question by L.A. Times reporter"
    assert author(_turn(Speaker("question", "Question", kind="questioner"), True), {}) == [
        {"literal": "Unidentified reporter"}]


def test_a_question_from_an_outlet_alone() -> None:
    """A question whose asker is an outlet nobody named (`AFP:`, `Bloomberg, go ahead.`) reads `Question from AFP`,
    is cited to an unidentified reporter of that outlet, never to an empty name."""
    turn = _turn(Speaker("question", "Question", kind="questioner"), True, Reporter("", "AFP"))
    assert turn_heading(turn) == "Question from AFP"
    assert author(turn, {}) == [{"literal": "Unidentified reporter"}]
    assert genre(turn) == "transcript of question by AFP reporter"
    assert speaker_of(turn) == {"name": "Unidentified reporter", "role": "reporter, AFP"}


def test_item_of_a_turn() -> None:
    """One CSL-JSON item per turn: a document (the published transcript) with the sentence-case title, the
    date, the place, the publisher, the archive, the permalink, a key from slug and anchor; no access date."""
    briefing = _briefing("source_url: https://www.state.gov/briefings/x/\n")
    item = csl_item(briefing, briefing.turns[0], "Briefing Archive", SITE, {})
    day = {"date-parts": [[2021, 6, 4]]}
    assert item == {
        "type": "document", "title": "Department press briefing", "event-place": "Washington, DC",
        "publisher": "U.S. Department of State", "issued": day, "archive": "Briefing Archive",
        "id": f"{briefing.slug}-t001", "citation-key": f"{briefing.slug}-t001", "author": [{"literal": "MR. PRICE"}],
        "genre": "transcript", "URL": f"{SITE}briefings/{briefing.slug}.html#t001",
    }
    named = _briefing("event: Ministerial meeting\n")
    assert csl_item(named, named.turns[0], "A", SITE, {})["event-title"] == "Ministerial meeting"


HOSTILE = '</script><script>alert(1)</script><!-- "quoted" & \'single\''


def test_metadata_escapes_everything() -> None:
    """A title, place and name full of markup stay text: in attributes and in the JSON-LD, which no text
    can close (`</script>`) or turn into a comment (`<!--`)."""
    briefing = _briefing(f"location: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\n")
    briefing = dataclasses.replace(briefing, title=HOSTILE)
    head = head_html(briefing_meta(briefing, HOSTILE, SITE, {}))
    assert "</script><script>" not in head and "<!--" not in head
    tree = lxml_html.fromstring(f"<html><head>{head}</head><body></body></html>")
    assert tree.xpath("//meta[@name='citation_title']/@content") == [HOSTILE]
    assert tree.xpath("//meta[@property='og:title']/@content") == [HOSTILE]
    (script,) = tree.xpath("//script")
    data = json.loads(script.text)
    assert data["name"] == HOSTILE and data["recordedAt"]["location"]["name"] == HOSTILE
    assert len(tree.xpath("//script")) == 1


@pytest.mark.parametrize("site_url,public", [
    ("https://briefings.example.org/", False), ("", False), ("https://example.com", False),
    ("https://briefings.newsroom.org/", True), ("http://localhost:8000/", True),
])
def test_placeholder_site_url(site_url: str, public: bool) -> None:
    """A site_url under a domain reserved for examples, or none, makes permalinks that do not resolve."""
    assert urls.public(site_url) is public


def test_check_reports_the_placeholder(tmp_path: Path) -> None:
    """`check` says when site_url is the placeholder, and is silent once it is a real address."""
    (tmp_path / "content" / "briefings").mkdir(parents=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\nsite_url: https://briefings.example.org/\nx: !!python/name:os.getcwd\n",
                      encoding="utf-8")
    args = ["check", "--content", str(tmp_path / "content"), "--config", str(config)]
    result = CliRunner().invoke(main, args)
    assert "site_url 'https://briefings.example.org/' is a placeholder" in result.output
    config.write_text("site_name: A\nsite_url: https://briefings.newsroom.org/\n", encoding="utf-8")
    assert "placeholder" not in CliRunner().invoke(main, args).output


@pytest.mark.build
def test_pages_carry_metadata_real_clients_read(built_site: Path) -> None:
    """A briefing page has Highwire `citation_*` tags, JSON-LD and Open Graph (read by extruct, as by
    link previewers) and a Twitter card; a speaker page and a topic page describe what they are."""
    extruct = pytest.importorskip("extruct")
    page = built_site / "briefings" / "2022-10-13-us-mexico-high-level-security-dialogue.html"
    text = page.read_text(encoding="utf-8")
    url = "https://briefings.example.org/briefings/2022-10-13-us-mexico-high-level-security-dialogue.html"
    data = extruct.extract(text, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)
    (ld,) = data["json-ld"]
    assert ld["@type"] == "CreativeWork" and ld["datePublished"] == "2022-10-13"
    assert ld["publisher"]["name"] == "U.S. Department of State"
    assert ld["recordedAt"]["location"]["name"] == "Washington, DC"
    assert {p["name"] for p in ld["about"]} >= {"Antony J. Blinken", "Marcelo Ebrard"}
    (og,) = data["opengraph"]
    assert og["og:url"] == url and og["@type"] == "article"  # extruct's uniform form of og:type
    assert og["og:description"].startswith("Press availability, Washington, DC, October 13, 2022.")
    tree = lxml_html.fromstring(text)
    meta = {m.get("name"): m.get("content") for m in tree.xpath("//meta[@name]")}
    assert meta["citation_title"].endswith("High-Level Security Dialogue Joint Press Availability")
    assert meta["citation_author"] == "U.S. Department of State"  # several speakers: the publisher
    assert (meta["citation_date"], meta["citation_publisher"], meta["citation_public_url"]) == (
        "2022/10/13", "U.S. Department of State", url)
    assert meta["twitter:card"] == "summary" and "twitter:title" not in meta  # the card reads og:title
    assert og["og:title"] == meta["citation_title"]
    speaker = extruct.extract((built_site / "speakers" / "antony-j-blinken.html").read_text(encoding="utf-8"),
                              syntaxes=["json-ld", "opengraph"], uniform=True)
    assert speaker["json-ld"][0]["mainEntity"]["name"] == "Antony J. Blinken"
    assert speaker["opengraph"][0]["@type"] == "profile"
    topic = extruct.extract((built_site / "topics" / "haiti.html").read_text(encoding="utf-8"),
                            syntaxes=["json-ld", "opengraph"], uniform=True)
    assert topic["json-ld"][0]["@type"] == "CollectionPage" and topic["opengraph"][0]["og:title"] == "Haiti"


def test_single_speaker_is_the_author() -> None:
    """`citation_author` names the speaker of a one-speaker event (family name first), else the publisher."""
    briefing = parse_text("---\ntitle: Remarks by Secretary Blinken\ndate: 2022-01-02\n"
                          "source_url: https://www.state.gov/x/\n---\nAntony J. Blinken, Secretary of State\n\n"
                          "SECRETARY BLINKEN: Good morning.\n")
    tags = dict((k, v) for _, k, v in briefing_meta(briefing, "A", SITE, {}).tags)
    assert tags["citation_author"] == "Blinken, Antony J."
