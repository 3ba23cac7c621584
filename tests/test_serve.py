"""`mkdocs serve`: an edit saved in content/ shows on the served page, and the preview writes no anchor lock."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.read.parse import parse
from generator.read.source import read_source
from tests.conftest import SEED, copy_project

pytestmark = pytest.mark.build

PAGE = f"briefings/{SEED.stem}.html"
STARTUP_S = 40
"""Seconds for the first build: the whole site, search index and data files."""
REBUILD_S = 60


@dataclass(frozen=True)
class Server:
    """A running `mkdocs serve` on a scratch copy of the project."""

    project: Path
    url: str
    """The seed briefing page's URL."""
    log: Path


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`mkdocs serve` on a copy of the project, its briefing page served; stopped however the test ends."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    watched = config.read_text(encoding="utf-8")
    assert "\nwatch:\n  - content\n" in watched
    # Only the plugin's `on_serve` then watches content/: the test pins it, not the project's config.
    config.write_text(watched.replace("\nwatch:\n  - content\n", "\nwatch:\n"), encoding="utf-8")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
            stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            start_new_session=True,  # its own process group, so the build's child processes stop with it
        )
    try:
        served = Server(project, f"http://127.0.0.1:{port}/{PAGE}", log)
        _wait_for(served, "Antony J. Blinken", STARTUP_S, process)
        yield served
    finally:
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends: mkdocs removes its temporary site folder
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_serve_shows_transcript_and_speaker_edits_without_writing_locks(server: Server) -> None:
    """A word appended to the first paragraph, then a speaker's new display name, each show on the served page,
    and no anchor lock is written or changed."""
    briefings = server.project / "content" / "briefings"
    locks = {path: path.read_bytes() for path in briefings.glob("*.anchors.json")}
    transcript = briefings / SEED.name
    first = parse(read_source(transcript)).turns[0].paragraphs[0]
    lines = transcript.read_text(encoding="utf-8").split("\n")
    lines[first.line - 1] += " Quokkaword"
    transcript.write_text("\n".join(lines), encoding="utf-8")
    _wait_for(server, "everyone. Quokkaword", REBUILD_S)

    speakers = server.project / "content" / "speakers.yml"
    registry = speakers.read_text(encoding="utf-8")
    assert registry.count("name: Antony J. Blinken\n") == 1
    speakers.write_text(registry.replace("name: Antony J. Blinken\n", "name: Antony Quokka Blinken\n"),
                        encoding="utf-8")
    _wait_for(server, "Antony Quokka Blinken", REBUILD_S)

    assert {path: path.read_bytes() for path in briefings.glob("*.anchors.json")} == locks


def _wait_for(server: Server, text: str, timeout_s: float, process: subprocess.Popen[bytes] | None = None) -> None:
    """Poll the page every 0.2 s until it contains `text`; fail with the server's log otherwise."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and (process is None or process.poll() is None):
        try:
            with urllib.request.urlopen(server.url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass  # not serving yet, or between builds
        time.sleep(0.2)
    pytest.fail(f"{server.url} never showed {text!r}; mkdocs serve said:\n{server.log.read_text()[-3000:]}")
