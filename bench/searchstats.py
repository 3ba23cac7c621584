"""Search as a reader meets it: headless Chromium, first query typed into Material's search box.

Measured from the first use of the search box (focus or first key) to the first result on
screen: elapsed time, the bytes fetched for search (the index and worker files, and anything
requested once the reader started typing; sizes of the files served, raw and gzipped), the
main thread's long tasks (PerformanceObserver 'longtask') and the browser's memory (RSS of
Chromium's processes). Served over a local HTTP server, and opened from disk on `file://`.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from buildstats import SEARCH_PARTS, gz_size

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"

WATCH = """
window.__bench = {firstUse: null, firstResult: null, tasks: []};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__bench.tasks.push(e.duration);
}).observe({type: "longtask", buffered: true});
const use = () => { if (window.__bench.firstUse === null) window.__bench.firstUse = performance.now(); };
document.addEventListener("keydown", use, true);
document.addEventListener("focusin", (e) => { if (e.target.matches?.(".md-search__input")) use(); }, true);
document.addEventListener("DOMContentLoaded", () => {
  new MutationObserver(() => {
    if (window.__bench.firstResult === null && document.querySelector(".md-search-result__item"))
      window.__bench.firstResult = performance.now();
  }).observe(document.body, {childList: true, subtree: true});
});
"""


def chromium_args() -> list[str]:
    """The flags the project's browser tests launch Chromium with."""
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM_ARGS

    return list(CHROMIUM_ARGS)


@dataclass(frozen=True)
class Query:
    """The first query typed on a freshly opened home page."""

    first_result_ms: float | None
    """From the first use of the search box to the first result; None when none came."""
    fetched_bytes: int
    fetched_gz_bytes: int
    fetched_files: int
    longest_task_ms: float
    long_tasks_ms: float
    """Sum of the main thread's long tasks from page load to the first result."""
    browser_mb: float
    """Peak RSS of all Chromium processes during the query, above what they used before the page."""
    lands_on_turn: bool
    highlighted: bool
    error: str = ""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site over HTTP on 127.0.0.1, as plain static files (no compression, like `http.server`)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def _chromium_rss_mb() -> float:
    """Resident memory of every Chromium process below this one (browser, renderers, workers)."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        pid, rest = int(entry.name), stat[stat.rindex(")") + 2:].split()
        names[pid] = stat[stat.index("(") + 1: stat.rindex(")")]
        children.setdefault(int(rest[1]), []).append(pid)
    total, todo = 0, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        if "chrom" in names.get(pid, ""):
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                pass
    return total / 1024


class _Sampler:
    """Samples Chromium's memory every 100 ms in a thread; `peak` is the highest total seen."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _chromium_rss_mb())
            self._stop.wait(0.1)

    def __enter__(self) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _site_file(url: str, base: str, site: Path) -> Path | None:
    if not url.startswith(base):
        return None
    path = site / unquote(urlsplit(url[len(base):]).path)
    return path if path.is_file() else None


def first_query(browser: Any, base: str, site: Path, query: str, timeout_s: float = 180) -> Query:
    """Open `index.html` under `base`, type `query` at once, wait for the first result."""
    requests: list[tuple[str, bool]] = []
    typing = False
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.on("request", lambda r: requests.append((r.url, typing)))
    page.on("worker", lambda w: requests.append((w.url, typing)))
    before = _chromium_rss_mb()
    try:
        with _Sampler() as sampler:
            page.goto(base + "index.html", wait_until="load")
            box = page.locator("input.md-search__input")
            typing = True
            box.click()
            box.press_sequentially(query)
            page.wait_for_function("window.__bench.firstResult !== null", timeout=timeout_s * 1000, polling=50)
            page.wait_for_timeout(1000)  # let trailing work show up as long tasks
            bench = page.evaluate("window.__bench")
            links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
            highlighted = page.locator(".md-search-result mark").count() > 0
        error = ""
    except Exception as exc:  # noqa: BLE001 - a search that never answers is a figure, not a crash
        bench, links, highlighted, error = page.evaluate("window.__bench"), [], False, type(exc).__name__
    finally:
        context.close()
    fetched = {}
    for url, after_use in requests:
        path = _site_file(url, base, site)
        rel = url[len(base):].lower()
        if path is not None and (after_use or any(part in rel for part in SEARCH_PARTS)):
            fetched[path] = path
    first = bench["firstResult"] - bench["firstUse"] if bench["firstResult"] and bench["firstUse"] else None
    tasks = bench["tasks"]
    return Query(
        first_result_ms=first,
        fetched_bytes=sum(p.stat().st_size for p in fetched), fetched_gz_bytes=sum(gz_size(p) for p in fetched),
        fetched_files=len(fetched), longest_task_ms=max(tasks, default=0.0), long_tasks_ms=sum(tasks),
        browser_mb=max(0.0, sampler.peak - before) if not error else 0.0,
        lands_on_turn=any("#t" in link for link in links), highlighted=highlighted, error=error,
    )


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium launched as the project's browser tests launch it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=chromium_args())
        try:
            yield browser
        finally:
            browser.close()


def measure(site: Path, offline_site: Path | None, query: str) -> dict[str, Query]:
    """The first query on the served site and on the `file://` bundle (when there is one)."""
    results = {}
    with chromium() as browser:
        with serve(site) as base:
            results["served"] = first_query(browser, base, site, query)
        if offline_site is not None:
            time.sleep(0.5)
            results["offline"] = first_query(browser, offline_site.as_uri() + "/", offline_site, query)
    return results
