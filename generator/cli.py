"""The command line: what is not a build. A thin click layer over the library."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click
import yaml

from .enrich.annotate import load_config
from .enrich.gaps import identity_gaps, summary_line, yaml_entries
from .enrich.hints import findings, identity_findings, topic_findings
from .enrich.loader import Loader, published
from .enrich.topic_suggestions import MIN_COUNT, suggest, suggestions_yaml
from .enrich.vocabulary import load_vocabulary
from .errors import GeneratorError
from .ingest.importer import Importer, ImportRefused, Overrides, expand, summary
from .read.parse import parse
from .read.source import read_source
from .site.briefing_json import briefing_data
from .site.pages import generated_pages
from .site.urls import public


@click.group()
@click.version_option(package_name="briefing-archive")
def main() -> None:
    """Briefing transcripts in, a static searchable archive out.

    Build the site with `mkdocs build`; these commands inspect and check the input.
    """


@main.command("parse")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--content", "content_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The archive's content folder [default: the folder holding FILE's briefings/ folder].")
@click.option("--raw", is_flag=True, help="The parser's model alone: no anchor lock, speakers.yml or topics.yml.")
@click.option("--site-url", default="", help="The site's public address (site_url): URLs and permalinks become absolute.")
def parse_command(file: Path, content_dir: Path | None, raw: bool, site_url: str) -> None:
    """Print one transcript's model as JSON (schema: generator/site/briefing.schema.json).

    For a file in an archive (content/briefings/), what the build publishes as its data file: the
    anchors of its lock (none is written), identities from speakers.yml, answer links and topics.
    With --site-url, the data of data/briefings/<slug>.json.
    Example: python -m generator parse content/briefings/2022-10-13-us-mexico-high-level-security-dialogue.txt
    """
    if content_dir is None and not raw and file.resolve().parent.name == "briefings":
        content_dir = file.resolve().parent.parent
    try:
        briefing = parse(read_source(file)) if raw or content_dir is None else published(file, content_dir, Path.cwd())
    except GeneratorError as exc:
        raise click.ClickException(str(exc)) from None
    json.dump(briefing_data(briefing, site_url), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@main.command("check")
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The archive's content folder.")
@click.option("--config", "config_file", default="mkdocs.yml", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The site's configuration, for its site_url.")
def check_command(content_dir: Path, config_file: Path) -> None:
    """Parse every transcript and report problems, one `file:line: message` per line.

    Opens with a site_url that is a placeholder (permalinks and citations would not resolve) and
    the archive's biggest identity gaps (labels no briefing names, reporters and outlets the lists
    do not know; `people` prints them all as entries to paste), then each briefing with its hints
    and misspelt labels, then topics with no passages. Exits with status 1 when any transcript
    cannot be published or speakers.yml / outlets.yml / topics.yml is invalid (an alias claimed
    twice, a bad match rule).
    Example: python -m generator check
    """
    if notice := site_url_notice(config_file):
        click.echo(notice)
    archive = Loader(write_locks=False).load(content_dir, Path.cwd())  # a check changes nothing
    registry, vocabulary, _ = load_config(content_dir, str(content_dir))
    gaps = identity_gaps(archive, registry.outlets)
    if gaps:
        click.echo(f"identity gaps: {len(gaps)} (the {min(len(gaps), CHECK_GAPS)} biggest below; "
                   "all of them as entries to paste: python -m generator people)")
        for gap in gaps[:CHECK_GAPS]:
            click.echo(f"  {summary_line(gap)}")
    for briefing in archive.briefings:
        click.echo(f"{briefing.source}: {len(briefing.turns)} turns, {len(briefing.speakers)} speakers")
        for finding in findings(briefing) + identity_findings(briefing):
            click.echo(f"  {finding}")
    for finding in topic_findings(vocabulary, archive.briefings):
        click.echo(finding)
    for error in archive.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(f"{len(archive.briefings)} briefing(s) ok, {len(archive.errors)} with errors")
    if archive.errors:
        sys.exit(1)


CHECK_GAPS = 20
"""Identity gaps `check` shows at the top; `people` lists them all."""


@main.command("people")
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The archive's content folder.")
@click.option("--write", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the entries to this file (for review) instead of printing them.")
def people_command(content_dir: Path, out: Path | None) -> None:
    """List the archive's identity gaps as entries ready to paste into speakers.yml and outlets.yml.

    Labels no briefing names (with the name other briefings give the same label, when they do),
    reporters not in speakers.yml and outlets not in outlets.yml, the largest first, each with its
    evidence: turns, briefings, dates and where it first occurs. Review before pasting; the registry
    itself is never edited.
    Example: python -m generator people --write people-todo.yml
    """
    archive = Loader(write_locks=False).load(content_dir, Path.cwd())
    registry, _, _ = load_config(content_dir, str(content_dir))
    gaps = identity_gaps(archive, registry.outlets)
    text = yaml_entries(gaps)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(gaps)} gap(s) to {out}")
    for error in archive.errors:
        click.echo(f"error: {error}", err=True)
    if archive.errors:
        sys.exit(1)

class _AnyTags(yaml.SafeLoader):
    """Reads mkdocs.yml for a key or two: tags such as `!!python/name:` and `!ENV` are read as plain values."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url_notice(config_file: Path) -> str:
    """A line for `check` when `site_url` in `config_file` is missing or a placeholder, else ""."""
    if not config_file.is_file():
        return ""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTags)  # noqa: S506 (no tag runs)
    except yaml.YAMLError:
        return ""  # mkdocs itself reports it, with its line
    site_url = str((config or {}).get("site_url") or "")
    if public(site_url):
        return ""
    what = f"site_url {site_url!r} is a placeholder" if site_url else "site_url is not set"
    return (f"{config_file}: {what}: permalinks and citations will not resolve until it is the archive's "
            "public address")


@main.command("pages")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The archive's content folder.")
@click.option("--site-name", default="Briefing Archive", show_default=True, help="The home page's title.")
def pages_command(out: Path, content_dir: Path, site_name: str) -> None:
    """Write every generated page as Markdown into OUT (for inspection, or for another engine).

    The pages a build makes from content/ (briefings, home, years, speakers, outlets, topics,
    redirects): briefing turns as Markdown, the lists of speaker, outlet and topic pages as HTML blocks
    in it. Anchors come from the locks, none is written. Exits with status 1 when a transcript cannot be read.
    Example: python -m generator pages /tmp/archive-pages
    """
    archive = Loader(write_locks=False).load(content_dir, Path.cwd())
    for error in archive.errors:
        click.echo(f"error: {error}", err=True)
    written = generated_pages(archive, site_name)
    for path, markdown in sorted(written.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    click.echo(f"wrote {len(written)} page(s) into {out}")
    if archive.errors:
        sys.exit(1)


@main.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The archive's content folder.")
@click.option("--title", default="", help="The briefing's title (one source only).")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]), help="The briefing's date (one source only).")
@click.option("--source-url", default="", help="Where the transcript was published (one source only).")
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("-v", "--verbose", is_flag=True, help="With several sources, list each briefing imported.")
def import_command(sources: tuple[Path, ...], content_dir: Path, title: str, date: dt.datetime | None,
                   source_url: str, dry_run: bool, verbose: bool) -> None:
    """Import published transcripts into content/briefings/ as YYYY-MM-DD-<slug>.txt.

    A SOURCE is a saved web page or feed item (.html), pandoc Markdown with YAML front matter
    (.md), plain text (.txt), or a folder or tarball of them. Each is read as a briefing before
    it is written; a non-transcript, or one already in the archive (same source URL, same file,
    same text), is refused and listed at the end. Exits with status 1 when any source was refused.
    Example: python -m generator import briefings.tar.xz
    """
    items = expand(list(sources))
    overrides = Overrides(title=title, date=date.date() if date else None, source_url=source_url)
    if overrides != Overrides() and len(items) != 1:
        raise click.UsageError("--title, --date and --source-url apply to one source only")
    importer = Importer(content_dir, root=Path.cwd(), dry_run=dry_run)
    done, refused = [], []
    with click.progressbar(items, label="Importing", file=sys.stderr, hidden=len(items) < 2,
                           item_show_func=lambda raw: raw.name.rsplit("/", 1)[-1][:40] if raw else "") as bar:
        for raw in bar:
            try:
                done.append(importer.add(raw, overrides))
            except ImportRefused as exc:
                refused.append(exc)
    for imported in done if verbose or len(items) == 1 else ():
        click.echo(f"{importer.shown(imported.path)}: {summary(imported.briefing)}")
    verb = "would import" if dry_run else "imported"
    click.echo(f"{verb} {len(done)} briefing(s), refused {len(refused)}")
    for refusal in refused:
        click.echo(f"refused: {refusal}", err=True)
    if refused:
        sys.exit(1)


@main.group("topics")
def topics_group() -> None:
    """Work on the topic vocabulary (content/topics.yml).

    Example: python -m generator topics suggest --out topics.suggested.yml
    """


@topics_group.command("suggest")
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The archive's content folder.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("topics.suggested.yml"),
              show_default=True, help="Where to write the proposals (never the vocabulary itself).")
@click.option("--period", type=click.Choice(["quarter", "month", "year"]), default="quarter", show_default=True,
              help="The periods compared with the rest of the archive.")
@click.option("--min-count", type=click.IntRange(min=1), default=MIN_COUNT, show_default=True,
              help="Paragraphs of a period a phrase must be used in.")
@click.option("--per-period", type=click.IntRange(min=1), default=10, show_default=True,
              help="The most distinctive phrases kept per period.")
def suggest_command(content_dir: Path, out: Path, period: str, min_count: int, per_period: int) -> None:
    """Propose new topics and new terms for existing ones, as topics.yml entries in a separate file.

    Phrases distinctive of a period against the whole archive, each with its count, first and last
    dates and three example passages; one that already holds a vocabulary term is left out, one
    whose paragraphs an existing topic already holds is proposed as that topic's term.
    Example: python -m generator topics suggest --out topics.suggested.yml
    """
    vocabulary_path = (content_dir / "topics.yml").resolve()
    if out.resolve() == vocabulary_path:
        raise click.UsageError("--out must not be the vocabulary itself: suggestions are reviewed, then copied")
    try:
        vocabulary = load_vocabulary(vocabulary_path, f"{content_dir}/topics.yml")
    except GeneratorError as exc:
        raise click.ClickException(str(exc)) from None
    archive = Loader(write_locks=False).load(content_dir, Path.cwd())
    for error in archive.errors:
        click.echo(f"error: {error}", err=True)
    found = suggest(archive.briefings, vocabulary, period=period, min_count=min_count, per_period=per_period)
    out.write_text(suggestions_yaml(found, vocabulary, period), encoding="utf-8")
    new = sum(not s.topic for s in found)
    click.echo(f"wrote {new} new topic(s) and {len(found) - new} new term(s) for existing topics to {out}")
