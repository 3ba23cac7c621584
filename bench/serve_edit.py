"""The editing loop: `mkdocs serve` on the archive, one transcript edited, time until the page shows it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

LABEL = re.compile(r"^([A-Z][A-Z.\u00a0 '-]{1,40}):\s", re.MULTILINE)


@dataclass(frozen=True)
class Edit:
    """Seconds from saving an edited transcript to the served page showing the edit."""

    mode: str
    startup_s: float | None
    """From starting `mkdocs serve` to the first page served (the initial full build); None: never."""
    edits_s: tuple[float | None, ...]
    """One figure per successive edit; None when the change never showed within the timeout."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return None


def _slug(transcript: Path, project: Path) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from generator.read.parse import parse
    from generator.read.source import read_source

    return parse(read_source(transcript, str(transcript.relative_to(project)))).slug


def measure(project: Path, transcript: Path, *, dirty: bool, edits: int = 2, timeout_s: float = 900) -> Edit:
    """Start `mkdocs serve`, wait for the first build, then edit `transcript` `edits` times."""
    mode = "serve --dirty" if dirty else "serve"
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    url = f"{base}briefings/{_slug(transcript, project)}.html"
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    original = transcript.read_text(encoding="utf-8")
    log = (project.parent / f"serve-{'dirty' if dirty else 'full'}.log").open("w")
    start = time.perf_counter()
    server = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
    results: list[float | None] = []
    try:
        while _get(url) is None:
            if server.poll() is not None or time.perf_counter() - start > timeout_s:
                return Edit(mode=mode, startup_s=None, edits_s=())
            time.sleep(0.5)
        startup = time.perf_counter() - start
        log_path = Path(log.name)
        _settle(log_path)
        for number in range(1, edits + 1):
            marker = f"Benchmarkedit{number}marker"
            match = LABEL.search(original)
            assert match is not None, f"no speaker label in {transcript}"
            text = original[:match.end()] + marker + " " + original[match.end():]
            saved = time.perf_counter()
            transcript.write_text(text, encoding="utf-8")
            results.append(_wait_for(url, marker, saved, min(timeout_s, 600)))
            if number < edits:
                _settle(log_path)
    finally:
        server.terminate()
        server.wait(timeout=30)
        transcript.write_text(original, encoding="utf-8")
        log.close()
    return Edit(mode=mode, startup_s=startup, edits_s=tuple(results))


def _wait_for(url: str, marker: str, saved: float, timeout_s: float) -> float | None:
    while time.perf_counter() - saved < timeout_s:
        page = _get(url)
        if page is not None and marker in page:
            return time.perf_counter() - saved
        time.sleep(0.2)
    return None


def _settle(log: Path, quiet_s: float = 3, limit_s: float = 900) -> None:
    """Wait until `mkdocs serve` is idle: every build it started has ended and it logged nothing for
    `quiet_s` (a build that writes into the watched content folder, e.g. an anchor lock, triggers another)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit_s:
        text = log.read_text(encoding="utf-8", errors="replace")
        started = text.count("Building documentation")
        ended = text.count("Documentation built in") + text.count("Aborted")
        if started <= ended and time.time() - log.stat().st_mtime >= quiet_s:
            return
        time.sleep(0.5)
