"""Shared fixtures: the seed briefing, a real site build, a local web server, headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.enrich.topics import Vocabulary, load_vocabulary
from generator.model import Briefing
from generator.read.parse import parse
from generator.read.source import parse_source, read_source
from generator.text import slugify

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "briefings" / "2022-10-13-us-mexico-high-level-security-dialogue.txt"
CORPUS = ROOT / "tests" / "corpus"
SEED_TABLE = [f"t{n:03d}" for n in (*range(1, 9), 12, 13, 17, 18, 26, 28, 29, 32, 34, 36, 39)]
"""The seed's turns its table of contents lists: its statements and questions (an answer follows its question)."""
"""The dev transcripts and excerpts, copied from the shared corpus (see its README) so their tests always run."""
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
"""The shared corpus beside the checkout, for the White House tarball too big to copy; absent on a clean clone."""
OFFLINE_FOLDER = slugify(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]) + "-offline"
"""The top folder of the offline zip, as the project's `site_name` makes it."""
INLINE_SCHEMES = ("data:", "blob:", "about:")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]


def vocabulary_from(tmp_path: Path, text: str) -> Vocabulary:
    """A topic vocabulary from YAML `text`, written to `tmp_path` (errors name it `content/topics.yml`)."""
    path = tmp_path / "topics.yml"
    path.write_text(text, encoding="utf-8")
    return load_vocabulary(path, "content/topics.yml")


def parse_text(text: str, path: str = "2022-01-02-snippet.txt") -> Briefing:
    """Parse an inline transcript snippet (front matter allowed)."""
    return parse(parse_source(text, path))


@pytest.fixture(scope="session")
def seed() -> Briefing:
    return parse(read_source(SEED, "content/briefings/" + SEED.name))


def build_site(project: Path, site_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs build` (with `--strict` unless told otherwise) on a project folder."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    flags = ["--strict"] if strict else []
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=env, timeout=600,
    )


def copy_project(dest: Path) -> Path:
    """A scratch copy of the project's site sources (config, content, overrides) to build in."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "theme_overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("build") / "site"
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@contextlib.contextmanager
def serve(directory: Path, kind: type[http.server.SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """Serve a built site on a free local port (with the handler class `kind`, else a quiet plain one);
    yields its base URL."""
    handler = functools.partial(kind or _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    missing = "" if Path(CHROMIUM).exists() else "Chromium is not installed (test.sh installs it with apt-get)"
    if missing and os.environ.get("ARCHIVE_REQUIRE_BROWSER"):  # CI: a browser test never passes by skipping
        pytest.fail(missing)
    playwright_api = pytest.importorskip("playwright.sync_api")
    if missing:
        pytest.skip(missing)
    with playwright_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()


def offline_zip(site: Path) -> Path:
    """The zip a build with the default `bundle: true` writes beside its `site_dir`."""
    return site.parent / "dist" / f"{OFFLINE_FOLDER}.zip"


def unzip_bundle(site: Path, where: Path) -> Path:
    """Unzip a build's offline zip into `where`, as a reader would; its top folder."""
    with zipfile.ZipFile(offline_zip(site)) as archive:
        archive.extractall(where)
    return where / OFFLINE_FOLDER


def article_html(page: Any) -> str:
    """The page's article as the browser has it once its scripts ran (scripts and notes for readers without
    script left out, whitespace collapsed): what a bundled briefing page and the public one must agree on."""
    return str(page.evaluate("""() => { const a = document.querySelector("article").cloneNode(true);
      a.querySelectorAll("script, noscript").forEach(e => e.remove());
      return a.innerHTML.replace(/\\s+/g, " ").replace(/> </g, "><") }"""))


class Requests:
    """Every request of one browser context; those outside `local` are aborted and kept.

    Page, context and websocket listeners see what pages, frames and workers ask for, and a
    route aborts and records anything else. A request passes only if it starts with `local`
    (the unzipped folder's `file://` URL, or the local server); `data:`, `blob:` and `about:`
    URLs also pass: they name content already in the page (inline icons, the search iframe's
    `about:blank`) and fetch nothing.
    """

    def __init__(self, page: Any, local: str) -> None:
        self.local = local
        self.seen: list[str] = []
        page.on("request", lambda request: self.seen.append(request.url))
        page.context.on("request", lambda request: self.seen.append(request.url))
        page.on("websocket", lambda socket: self.seen.append(socket.url))
        page.context.route(lambda url: not self.allowed(url), self._abort)

    def allowed(self, url: str) -> bool:
        return url.startswith(self.local) or url.startswith(INLINE_SCHEMES)

    def _abort(self, route: Any) -> None:
        self.seen.append(route.request.url)
        route.abort()

    @property
    def outside(self) -> list[str]:
        return sorted({url for url in self.seen if not self.allowed(url)})
