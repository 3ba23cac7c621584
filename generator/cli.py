"""The command line: what is not a build. A thin click layer over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .archive import Loader
from .diagnose import findings
from .errors import GeneratorError
from .export import briefing_data
from .findings import identity_findings, topic_findings
from .parse import parse
from .source import read_source


@click.group()
@click.version_option(package_name="briefing-archive")
def main() -> None:
    """Briefing transcripts in, a static searchable archive out.

    Build the site with `mkdocs build`; these commands inspect and check the input.
    """


@main.command("parse")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def parse_command(file: Path) -> None:
    """Print one transcript's model as JSON (schema: generator/briefing.schema.json).

    Example: python -m generator parse content/briefings/2022-10-13-us-mexico-high-level-security-dialogue.txt
    """
    try:
        briefing = parse(read_source(file))
    except GeneratorError as exc:
        raise click.ClickException(str(exc)) from None
    json.dump(briefing_data(briefing), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@main.command("check")
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The archive's content folder.")
def check_command(content_dir: Path) -> None:
    """Parse every transcript and report problems, one `file:line: message` per line.

    Also lists automatic identities (labels the speaker registry does not know), misspelt labels
    and topics with no passages. Exits with status 1 when any transcript cannot be published or
    speakers.yml / topics.yml is invalid (an alias claimed twice, a bad match rule).
    Example: python -m generator check
    """
    archive = Loader().load(content_dir, Path.cwd())
    for briefing in archive.briefings:
        click.echo(f"{briefing.source}: {len(briefing.turns)} turns, {len(briefing.speakers)} speakers")
        for finding in findings(briefing) + identity_findings(briefing):
            click.echo(f"  {finding}")
    for finding in topic_findings(archive.vocabulary, archive.briefings):
        click.echo(finding)
    for error in archive.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(f"{len(archive.briefings)} briefing(s) ok, {len(archive.errors)} with errors")
    if archive.errors:
        sys.exit(1)
