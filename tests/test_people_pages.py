"""Speaker, reporter, outlet and topic pages: seed facts, one page across briefings, golden files, search."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.enrich.loader import Loader
from generator.model import Archive
from generator.site.pages import generated_pages
from generator.site.speaker_pages import BRIEFINGS_SHOWN, PAGE_TURNS, pager
from tests.conftest import CORPUS, ROOT, build_site, copy_project
from tests.test_golden import check_golden

SEED_SLUG = "2022-10-13-us-mexico-high-level-security-dialogue"
CORPUS_FILES = (
    "dos-2021-08-11-press-briefing-price-mixed-label-punct.txt",  # MR PRICE and MR. PRICE
    "dos-2022-02-13-blinken-chung-hayashi-jpa-interpreter.txt",  # SECRETARY BLINKEN, no participant list
    "dos-2022-06-10-blinken-sinembargo-spanish-interview.txt",
)


@pytest.fixture(scope="module")
def seed_pages() -> dict[str, str]:
    return generated_pages(Loader().load(ROOT / "content", ROOT), "Briefing Archive")


def section(page: str, heading: str) -> str:
    """The Markdown of a page from `## heading` to the next `## `."""
    start = page.index(f"\n## {heading} ")
    end = page.find("\n## ", start + 1)
    return page[start:] if end < 0 else page[start:end]


def turn_links(markdown: str, slug: str = SEED_SLUG) -> list[str]:
    """Anchors of the turns a page (Markdown with its listings' HTML in place) links to, in order."""
    return re.findall(rf'href="\.\./briefings/{re.escape(slug)}\.html#(t\d+)"', markdown)


@pytest.mark.parametrize(("speaker", "turns"), [
    ("antony-j-blinken", 10), ("alejandro-n-mayorkas", 4), ("marcelo-ebrard", 5),
    ("merrick-b-garland", 5), ("rosa-icela-rodriguez", 2), ("ned-price", 5),
])
def test_seed_speaker_pages_list_every_turn(seed_pages: dict[str, str], speaker: str, turns: int) -> None:
    """Each official's page lists each of their seed turns once, with a plain turn count for the briefing."""
    page = seed_pages[f"speakers/{speaker}.md"]
    listed = turn_links(section(page, "Turns"))
    assert len(listed) == len(set(listed)) == turns
    assert f"— {turns} turn{'s' if turns > 1 else ''}, " in section(page, "Briefings")


@pytest.mark.parametrize(("reporter", "outlet", "questions"), [
    ("tracy-wilkinson", "los-angeles-times", 1), ("ariel-moutsatsos", "televisa", 1),
    ("eduard-ribas", "efe", 2), ("j-jesus-esquivel", "proceso", 4),
])
def test_seed_reporter_pages_link_questions_to_answers(seed_pages: dict[str, str], reporter: str, outlet: str,
                                                       questions: int) -> None:
    """A reporter's page lists their questions, each linking to it and to the turns that answer it."""
    page = seed_pages[f"speakers/{reporter}.md"]
    items = [line for line in section(page, "Questions").split("\n<li>")[1:]]
    assert len(items) == questions
    for item in items:
        question, *answers = turn_links(item)
        assert answers and all(int(a[1:]) > int(question[1:]) for a in answers)
    assert f"(../outlets/{outlet}.md)" in page  # the Markdown head of the page
    assert len(turn_links(seed_pages[f"outlets/{outlet}.md"])) >= questions


def test_briefing_page_links_questions_and_answers(seed_pages: dict[str, str]) -> None:
    """On the briefing page a question links to its answers (up to the next call), each answer back to it."""
    page = seed_pages[f"briefings/{SEED_SLUG}.md"]
    assert "Answered by [Antony J. Blinken](#t009), [Marcelo Ebrard](#t010), [Antony J. Blinken](#t011)\n" \
           "{: .answer-links }" in page
    assert "[In answer to the question from Tracy Wilkinson](#t008)" in page
    assert page.count("(#t008)") == 3  # t009, t010, t011; MR PRICE's call at t012 is no answer


def test_a_question_answered_by_the_next_turn_alone_has_no_answered_by_line(seed_pages: dict[str, str]) -> None:
    """The next heading already names who answered: the question says nothing more, the answer links back."""
    page = seed_pages[f"briefings/{SEED_SLUG}.md"]
    question = page.split("{#t026 ", 1)[1].split("{#t027 ", 1)[0]
    assert "Answered by" not in question and "(#t027)" not in question
    answer = page.split("{#t027 ", 1)[1].split("\n## ", 1)[0]
    assert "(#t026)" in answer and "In answer to the question" in answer
    two = page.split("{#t029 ", 1)[1].split("{#t030 ", 1)[0]  # answered by t030 and t031: both linked
    assert "Answered by [" in two and "(#t030)" in two and "(#t031)" in two


def test_indexes_list_everyone_and_every_topic(seed_pages: dict[str, str]) -> None:
    """The speakers index lists officials, reporters and outlets; the topics index every topic with counts."""
    speakers = seed_pages["speakers/index.md"]
    for path in [p for p in seed_pages if p.startswith(("speakers/", "outlets/")) and not p.endswith("index.md")]:
        assert path.split("/")[1] in speakers, path
    topics = seed_pages["topics/index.md"]
    passages = re.search(r"(\d+) passages in \d+ turns, 1 briefing", seed_pages["topics/haiti.md"])
    assert passages and f"[Haiti](haiti.md) · {passages[1]} passages in 1 briefing" in topics
    assert "(speakers/index.md)" in seed_pages["index.md"] and "(topics/index.md)" in seed_pages["index.md"]


def test_golden_speaker_page(seed_pages: dict[str, str]) -> None:
    """Blinken's page renders exactly as recorded."""
    check_golden("speaker-antony-j-blinken.md", seed_pages["speakers/antony-j-blinken.md"])


def test_golden_topic_page(seed_pages: dict[str, str]) -> None:
    """The Haiti topic page (highlighted terms, speakers with counts) renders exactly as recorded."""
    check_golden("topic-haiti.md", seed_pages["topics/haiti.md"])


def corpus_project(dest: Path) -> Path:
    """The project with three State Department transcripts of the dev corpus added beside the seed."""
    project = copy_project(dest)
    for name in CORPUS_FILES:
        shutil.copy2(CORPUS / "dev" / name, project / "content" / "briefings" / name)
    return project


@pytest.fixture(scope="module")
def corpus_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Archive]:
    project = corpus_project(tmp_path_factory.mktemp("corpus-project"))
    return project, Loader().load(project / "content", project)


def printed_labels(path: Path, *labels: str) -> int:
    """How many paragraphs of a transcript open with one of these labels (read off the text, not the parser)."""
    text = path.read_text(encoding="utf-8").replace("\u00a0", " ")
    return sum(1 for line in text.splitlines() if any(line.startswith(f"{label}:") for label in labels))


@pytest.mark.parametrize(("speaker", "labels"), [
    ("ned-price", ("MR PRICE", "MR. PRICE")),
    ("antony-j-blinken", ("SECRETARY BLINKEN",)),
])
def test_one_page_across_briefings(corpus_archive: tuple[Path, Archive], speaker: str,
                                   labels: tuple[str, ...]) -> None:
    """A speaker of the seed and of corpus transcripts, under several label forms, has one page listing every turn."""
    project, archive = corpus_archive
    page = generated_pages(archive, "Briefing Archive")[f"speakers/{speaker}.md"]
    seen_labels = set()
    for briefing in archive.briefings:
        mine = [t for t in briefing.turns if t.speaker.id == speaker]
        seen_labels |= {t.label for t in mine}
        expected = printed_labels(project / briefing.source, *labels)
        assert len(mine) == expected, briefing.slug
        assert len(turn_links(page, briefing.slug)) == expected, briefing.slug
    assert seen_labels >= set(labels)
    listed = re.findall(r'href="\.\./briefings/([\w-]+)\.html"', section(page, "Briefings"))
    newest_first = [b.slug for b in sorted(archive.briefings, key=lambda b: b.date, reverse=True)]
    assert len(listed) >= 2 and listed == [s for s in newest_first if s in listed]


@pytest.fixture(scope="module")
def corpus_site(corpus_archive: tuple[Path, Archive], tmp_path_factory: pytest.TempPathFactory) -> Path:
    project, _ = corpus_archive
    site = tmp_path_factory.mktemp("corpus-site") / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def search_entries(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.mark.build
def test_build_links_resolve_and_turns_are_indexed_once(corpus_site: Path) -> None:
    """The strict build passes (every excerpt link lands on an existing turn anchor) and a turn's words are
    indexed once, from its briefing page, while speaker and topic pages are indexed by name only."""
    assert (corpus_site / "speakers" / "ned-price.html").is_file()
    assert (corpus_site / "topics" / "haiti.html").is_file()
    assert (corpus_site / "outlets" / "proceso.html").is_file()
    entries = search_entries(corpus_site)
    phrase = "Every weapon seized is potentially a life saved"
    hits = [e["location"] for e in entries if phrase in e["text"]]
    assert hits == [f"briefings/{SEED_SLUG}.html#t030"]
    for entry in entries:
        if entry["location"].startswith(("speakers/", "topics/", "outlets/")):
            assert "#" not in entry["location"], entry["location"]  # only the page's head section
            if not entry["location"].endswith("index.html"):
                assert len(entry["text"]) < 400, entry["location"]
    heads = {e["location"]: e for e in entries}
    assert heads["speakers/ned-price.html"]["title"] == "Ned Price"
    assert heads["speakers/ned-price.html"].get("boost") == 5
    assert heads["topics/haiti.html"]["title"] == "Haiti"


def test_a_role_an_older_briefing_gives_shows_when_the_newest_gives_none(tmp_path: Path) -> None:
    """The index and a speaker's page show the speaker of their newest briefing, but a role only an older briefing
    gives (its title) shows rather than none; a newer role wins over an older one."""
    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    briefings = {
        "2022-01-03": "Press Briefing by Press Secretary Jen Psaki and National Security Advisor Jake Sullivan",
        "2022-02-03": "Press Briefing by Press Secretary Jen Psaki and Deputy Adviser Jake Sullivan",
        "2022-03-03": "Press Briefing by Press Secretary Jen Psaki"}
    for day, title in briefings.items():
        text = "MS. PSAKI: My colleague, Jake Sullivan, is here.\n\nMR. SULLIVAN: Thank you. On Ukraine, then.\n"
        (content / "briefings" / f"{day}-talks.txt").write_text(f"---\ntitle: {title}\n---\n{text}", encoding="utf-8")
    archive = Loader(write_locks=False).load(content, tmp_path)
    assert [t.speaker.role for b in archive.briefings for t in b.turns if t.label == "MR. SULLIVAN"] == \
        ["National Security Advisor", "Deputy Adviser", ""]
    pages = generated_pages(archive, "Archive")
    assert "[Jake Sullivan](jake-sullivan.md) — Deputy Adviser · 3 turns in 3 briefings" in pages["speakers/index.md"]
    assert "Deputy Adviser" in pages["speakers/jake-sullivan.md"].split("## ", 1)[0]


def test_long_lists_continue_on_further_pages(tmp_path: Path) -> None:
    """Past PAGE_TURNS turns a speaker's list continues on `<id>.2.md`…, linked both ways; every turn is
    listed once across the pages, and a briefing's turns stay on one page."""
    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    turns = "\n\n".join(f"MR. PRICE: Statement number {n} on the talks." for n in range(1, 2 * PAGE_TURNS + 101))
    for day in ("2022-01-03", "2022-01-04", "2022-01-05"):
        (content / "briefings" / f"{day}-talks.txt").write_text(f"---\ntitle: Talks {day}\n---\n{turns[:len(turns) // 3 * (1 + (day[-1] == '5'))]}\n", encoding="utf-8")
    archive = Loader(write_locks=False).load(content, tmp_path)
    pages = generated_pages(archive, "Archive")
    family = sorted((p for p in pages if re.fullmatch(r"speakers/mr-price(\.\d+)?\.md", p)),
                    key=lambda p: int(p.split(".")[1]) if p.count(".") == 2 else 1)
    assert len(family) >= 2 and family[0] == "speakers/mr-price.md"
    listed = []
    for path in family:
        page = pages[path]
        listed += re.findall(r'href="\.\./briefings/([\w-]+)\.html#(t\d+)"', page)
        for other in family:
            name = other.split("/")[1]
            assert f"]({name})" in page or path == other, (path, other)
        assert len(re.findall(r'<h3 id="in-', page)) == len(set(re.findall(r'<h3 id="(in-[\w-]+)"', page)))
    expected = [(b.slug, t.anchor) for b in sorted(archive.briefings, key=lambda b: b.date, reverse=True)
                for t in b.turns if t.speaker.id == "mr-price"]
    assert listed == expected and len(expected) > PAGE_TURNS


def test_a_long_career_stays_a_light_page(tmp_path: Path) -> None:
    """A speaker of many briefings (a press secretary at 10,000 briefings gave 3,000 and a 1.2 MB page): the
    page lists the newest BRIEFINGS_SHOWN in full, then links each year to where its turns begin on the
    turn pages; those pages link each other through a pager of a dozen links at most, whatever their number."""
    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    statements = "\n\n".join(f"MR. PRICE: Statement number {n} on the talks." for n in range(1, 9))
    days = [dt.date(2019, 1, 7) + dt.timedelta(days=5 * k) for k in range(BRIEFINGS_SHOWN + 30)]
    for day in days:
        (content / "briefings" / f"{day}-talks.txt").write_text(f"---\ntitle: Talks {day}\n---\n{statements}\n",
                                                             encoding="utf-8")
    pages = generated_pages(Loader(write_locks=False).load(content, tmp_path), "Archive")
    page = pages["speakers/mr-price.md"]
    listed = re.findall(r'href="\.\./briefings/([\w-]+)\.html"', section(page, "Briefings"))
    assert listed == [f"{day}-talks" for day in sorted(days, reverse=True)[:BRIEFINGS_SHOWN]]
    more = re.search(r"The newest 100 of 130 briefings; .*", page)
    assert more is not None
    years = re.findall(r'<a href="(mr-price(?:\.\d+)?)\.html#in-([\w-]+)">(\d{4})</a>', more.group(0))
    years = [(year, f"{page}.md", slug) for page, slug, year in years]
    assert [y for y, _, _ in years] == ["2020", "2019"]
    for year, target, slug in years:  # each year's link lands on its newest briefing's heading
        assert slug == f"{max(d for d in days if d.year == int(year))}-talks"
        assert f'<h3 id="in-{slug}">' in pages[f"speakers/{target}"]
    names = [f"x.{k}.md" if k > 1 else "x.md" for k in range(1, 501)]
    middle = pager(names, 249)
    assert middle.count("](") == 2 * 2 + 2 + 2 and '**250**{: aria-current="page" }' in middle and middle.count("…") == 2
    assert "[1](x.md)" in middle and "[500](x.500.md)" in middle and "[← previous](x.249.md)" in middle
    assert pager(names[:5], 0).count("](") == 4 and "…" not in pager(names[:5], 0)


def test_topic_page_groups_speakers_as_the_index_does() -> None:
    """A topic's speakers come in the speakers index's groups; an official without a page (`SENIOR
    ADMINISTRATION OFFICIAL`) is one row however many briefings it spoke in; unnamed questioners are left out."""
    from generator.model import Speaker, Topic
    from generator.site.summary import TopicTurns
    from generator.site.topic_pages import Tagged, _speakers

    blinken = Speaker("antony-j-blinken", "Antony J. Blinken", "Secretary of State", True, "official")
    ribas = Speaker("eduard-ribas", "Eduard Ribas", "", True, "reporter", "EFE")
    sao = [Speaker(f"sao-{n}", "SENIOR ADMINISTRATION OFFICIAL", kind="anonymous") for n in range(3)]
    asked = Speaker("q", "Q", kind="questioner")
    found = Tagged()
    found.add(None, TopicTurns("haiti", 3, ((blinken, 1), (ribas, 1), (asked, 1), (sao[0], 1))))  # type: ignore[arg-type]
    for official in sao[1:]:
        found.add(None, TopicTurns("haiti", 1, ((official, 1),)))  # type: ignore[arg-type]
    listed = _speakers(found, Topic("haiti", "Haiti"), "topics/haiti.md")
    assert re.findall(r"<h3 id=\"speakers-([a-z-]+)\"", listed) == ["officials", "reporters", "anonymous-officials"]
    assert listed.count("SENIOR ADMINISTRATION OFFICIAL — 3 turns") == 1
    assert ">Q<" not in listed and "Q —" not in listed
