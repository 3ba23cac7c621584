"""The search page's speed, bytes and relevance, side by side with Pagefind, in one run.

    python bench/search_bench.py --site WH/site [--site10k BIG/site] [--repeat 3]

`--site` is a built archive (the 1,137 White House briefings: bench/run.py or `mkdocs build`), with its
offline zip in `dist/` beside it; `--site10k` the same site with the index of a 10,000-briefing archive
(bench/scale_archive.py, with `--pages` so Pagefind indexes the same pages). For every query (the
journalists' questions of tests/search_truth/questions.yml, and a few bare words and filters), in a fresh
headless Chromium context: the search page opened with the query in its address, served over HTTP with
Range requests (tests/rangeserve.py) and from the unzipped bundle on file://; reported: time from
navigation to the first result drawn, to the page of results and to facets and timeline (the page's
performance marks), bytes of the search's files (index and scripts; responses as received, files as read
from disk), the longest main-thread task; and, served, the same query typed on a page already open (its
index open), timed from then. Pagefind 1.5 (PyPI `pagefind[bin]`) indexes the same briefing pages
(`<article>`), and the same words run through its JavaScript API (`search`, then the first result's
`data()`) three ways: called on a loaded page (the old comparison: its page load not counted, its index
loaded), a bare page opened with the words in its address (from navigation), and typed on a page that
opened its index (`init`); weighed the same way (it does not run from file://). The relevance figure is the mean reciprocal rank of
tests/search_judge.py. Writes bench/search_results.json and the "Search" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests import search_judge  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.rangeserve import serve  # noqa: E402

EXTRA = ["q=vaccine", "q=inflation", "q=president", "q=%22build+back+better%22", "q=Jean-Pierre",
         "speaker=jen-psaki&topic=economy", "from=2022-03&to=2022-03", "q=fentanyl&role=question"]
LIMITS = {"first_ms": 300, "facets_ms": 400, "kb": 300, "task_ms": 100}
LIMITS_10K = {"first_ms": 500, "kb": 500}
WATCH = """
window.__tasks = [];
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__tasks.push({start: e.startTime, duration: e.duration}) })
  .observe({type: "longtask", buffered: true});
"""
PAGEFIND_PAGE = """<!doctype html><meta charset="utf-8"><title>Pagefind bench</title>
<script type="module">
window.runPagefind = async q => {
  const t0 = performance.now()
  const pagefind = await import("./pagefind/pagefind.js")
  const found = await pagefind.search(q)
  const first = found.results.length ? await found.results[0].data() : null
  return { ms: performance.now() - t0, count: found.results.length, url: first && first.url }
}
const q = new URLSearchParams(location.search).get("q")
if (q) {   /* opened with a query: from navigation to the first result's data, as the search page is timed */
  window.loaded = (async () => {
    const pagefind = await import("./pagefind/pagefind.js")
    const found = await pagefind.search(q)
    if (found.results.length) await found.results[0].data()
    return { ms: performance.now(), count: found.results.length }
  })()
} else if (location.hash === "#init") {   /* opened, then typed: the index opened at load, as the search page opens its own */
  window.pagefindReady = import("./pagefind/pagefind.js").then(async p => { await p.init(); return p })
}
window.ready = true
</script>
"""

ENGINE_PAGE = """<!doctype html><meta charset="utf-8"><title>Archive search bench</title>
<script>
window.runArchive = async params => {   /* as runPagefind: from loading the engine's scripts to the first result's data */
  const t0 = performance.now()
  const load = src => new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement("script"), { src, async: false, onload: resolve, onerror: reject })
    document.head.append(script)
  })
  await Promise.all(["query", "core"].map(name => load(`assets/javascripts/archive-search-${name}.js`)))
  const S = window.ArchiveSearch, Q = window.ArchiveQuery
  const index = await new S.Index(S.httpSource(new URL("search/archive/", location.href).href)).open()
  const { state, query } = S.plan(index, Q.fromParams(new URLSearchParams(params)))
  const result = await index.search(query)
  const order = index.order(result, state.sort)
  if (order.length) await index.storedEach([result.docs[order[0]]])[0]
  return { ms: performance.now() - t0, count: result.total }
}
window.ready = true
</script>
"""


def is_search_file(url: str) -> bool:
    path = urlsplit(url).path
    return "/search/archive/" in path or "archive-search-" in path or "/pagefind/" in path


def measure_ours(browser: Any, base: str, folder: Path, params: str) -> dict[str, Any]:
    """The search page opened at `params`: first result and facets (ms from navigation), search bytes, longest task."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    sizes: dict[str, int] = {}

    def finished(request: Any) -> None:
        if not is_search_file(request.url):
            return
        if request.url.startswith("file:"):
            path = Path(unquote(urlsplit(request.url).path))
            sizes[request.url] = path.stat().st_size if path.is_file() else 0
        else:
            sizes[request.url + str(len(sizes))] = request.sizes()["responseBodySize"]

    page.on("requestfinished", finished)
    try:
        page.goto(f"{base}search.html?{params}")
        page.wait_for_function("performance.getEntriesByName('archive-search:facets').length > 0", timeout=60000, polling=20)
        page.wait_for_timeout(300)
        marks = page.evaluate("""() => ({first: performance.getEntriesByName('archive-search:results')[0].startTime,
            page: performance.getEntriesByName('archive-search:page')[0].startTime,
            facets: performance.getEntriesByName('archive-search:facets')[0].startTime, tasks: window.__tasks,
            count: document.querySelector('.archive-search__count')?.textContent || ''})""")
        return {"first_ms": round(marks["first"]), "page_ms": round(marks["page"]), "facets_ms": round(marks["facets"]),
                "kb": round(sum(sizes.values()) / 1024, 1), "task_ms": round(max((t["duration"] for t in marks["tasks"]), default=0)),
                "count": marks["count"]}
    except Exception as error:  # noqa: BLE001 - a query that never answers is a figure
        return {"error": type(error).__name__}
    finally:
        context.close()


def measure_typed(browser: Any, base: str, params: str) -> dict[str, Any]:
    """The search page opened without a query (its index opened), then the query given as a reader's last
    key gives it (the address changed in place, as the form does): ms from then to the first result, to
    the page of results and to the facets."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    try:
        page.goto(f"{base}search.html")
        page.wait_for_selector(".archive-search__intro:not([hidden])", timeout=60000)
        page.wait_for_timeout(300)
        page.evaluate("""p => { performance.mark('archive-search:typed'); history.pushState(null, '', '?' + p);
            dispatchEvent(new PopStateEvent('popstate')) }""", params)
        page.wait_for_function("performance.getEntriesByName('archive-search:facets').length > 0", timeout=60000, polling=20)
        marks = page.evaluate("""() => { const at = n => performance.getEntriesByName(n)[0].startTime
            - performance.getEntriesByName('archive-search:typed')[0].startTime;
            return {first: at('archive-search:results'), page: at('archive-search:page'), facets: at('archive-search:facets'),
              tasks: window.__tasks.filter(t => t.start >= performance.getEntriesByName('archive-search:typed')[0].startTime)} }""")
        return {"first_ms": round(marks["first"]), "page_ms": round(marks["page"]), "facets_ms": round(marks["facets"]),
                "task_ms": round(max((t["duration"] for t in marks["tasks"]), default=0))}
    except Exception as error:  # noqa: BLE001
        return {"error": type(error).__name__}
    finally:
        context.close()


def measure_engine(browser: Any, base: str, params: str) -> dict[str, Any]:
    """Our engine as Pagefind's API is measured: on a bare loaded page (`archive-bench.html`), from loading its
    scripts and index to the first result's data (no page around it: no styles, no layout, no facets)."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]) if is_search_file(r.url) else None)
    try:
        page.goto(f"{base}archive-bench.html")
        page.wait_for_function("window.ready === true")
        found = page.evaluate("p => window.runArchive(p)", params)
        page.wait_for_timeout(200)
        return {"first_ms": round(found["ms"]), "kb": round(sum(sizes) / 1024, 1), "count": found["count"]}
    except Exception as error:  # noqa: BLE001
        return {"error": type(error).__name__}
    finally:
        context.close()


def measure_pagefind(browser: Any, base: str, words: str) -> dict[str, Any]:
    """Pagefind over the same words, three ways: `first_ms`, its JavaScript API called on a loaded page
    (loading `pagefind.js`, its index and the first result's data); `load_ms`, a page opened with the query
    in its address, from navigation to the first result's data (as the search page is timed); `typed_ms`,
    on a page that opened Pagefind's index at load (`init`), the search and the first result's data."""
    out: dict[str, Any] = {}
    for way in ("api", "load", "typed"):
        context = browser.new_context()
        page = context.new_page()
        sizes: list[int] = []
        page.on("requestfinished", lambda r, s=sizes: s.append(r.sizes()["responseBodySize"]) if "/pagefind/" in r.url else None)
        try:
            if way == "api":
                page.goto(f"{base}pagefind-bench.html")
                page.wait_for_function("window.ready === true")
                found = page.evaluate("q => window.runPagefind(q)", words)
                page.wait_for_timeout(200)
                out.update({"first_ms": round(found["ms"]), "kb": round(sum(sizes) / 1024, 1), "count": found["count"]})
            elif way == "load":
                page.goto(f"{base}pagefind-bench.html?{urlencode({'q': words})}")
                page.wait_for_function("window.ready === true")
                out["load_ms"] = round(page.evaluate("() => window.loaded")["ms"])
            else:
                page.goto(f"{base}pagefind-bench.html#init")
                page.wait_for_function("window.ready === true")
                page.evaluate("() => window.pagefindReady.then(() => true)")
                page.wait_for_timeout(300)
                out["typed_ms"] = round(page.evaluate("""async q => { const p = await window.pagefindReady;
                    const t0 = performance.now(); const found = await p.search(q);
                    if (found.results.length) await found.results[0].data(); return performance.now() - t0 }""", words))
        except Exception as error:  # noqa: BLE001
            out.setdefault("error", type(error).__name__)
        finally:
            context.close()
    return out


def words_of(params: str) -> str:
    return parse_qs(params).get("q", [""])[0]


def pagefind_index(site: Path) -> float:
    """Pagefind over the site's briefing pages (their `<article>`); seconds taken (0 when already there)."""
    (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    if (site / "pagefind" / "pagefind.js").is_file():
        return 0.0
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--glob", "briefings/*.html",
                    "--root-selector", "article"], check=True, capture_output=True)
    return time.perf_counter() - started


def unzipped(site: Path, work: Path) -> Path | None:
    zips = sorted((site.parent / "dist").glob("*.zip"))
    if not zips:
        return None
    target = work / "offline"
    shutil.rmtree(target, ignore_errors=True)
    with zipfile.ZipFile(zips[0]) as bundle:
        bundle.extractall(target)
    return min(target.rglob("search.html"), key=lambda p: len(p.parts)).parent


def best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Of repeated runs of one query, the fastest (a busy machine only ever slows a run down): each time
    its least, the rest from the run fastest to the first result."""
    good = [r for r in runs if "error" not in r]
    if not good:
        return runs[0]
    out = dict(min(good, key=lambda r: r["first_ms"]))
    for key in out:
        if key.endswith("_ms"):
            out[key] = min(r[key] for r in good if key in r)
    return out


def run_all(site: Path, offline: Path | None, queries: list[str], repeat: int, pagefind: bool) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"served": {}, "typed": {}, "engine": {}, "offline": {}, "pagefind": {}}
    (site / "archive-bench.html").write_text(ENGINE_PAGE, encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with serve(site) as base:
            for params in queries:
                out["served"][params] = best([measure_ours(browser, base, site, params) for _ in range(repeat)])
                out["typed"][params] = best([measure_typed(browser, base, params) for _ in range(repeat)])
                out["engine"][params] = best([measure_engine(browser, base, params) for _ in range(repeat)])
                if pagefind and words_of(params):
                    out["pagefind"][params] = best([measure_pagefind(browser, base, words_of(params)) for _ in range(repeat)])
                print(params, out["served"][params], out["typed"][params], out["pagefind"].get(params), flush=True)
        if offline is not None:
            for params in queries:
                out["offline"][params] = best([measure_ours(browser, offline.as_uri() + "/", offline, params)
                                               for _ in range(repeat)])
                print("offline", params, out["offline"][params], flush=True)
        browser.close()
    return out


def summary(runs: dict[str, dict[str, Any]], keys: list[str]) -> dict[str, Any]:
    good = [r for r in runs.values() if "error" not in r]
    out: dict[str, Any] = {"queries": len(runs), "errors": len(runs) - len(good)}
    for key in keys:
        values = [r[key] for r in good if key in r]
        if values:
            out[key] = {"median": round(statistics.median(values), 1), "max": max(values)}
    return out


PAIRS = (("served", "first_ms", "load_ms", "opened with the query in the address (from navigation)"),
         ("typed", "first_ms", "typed_ms", "typed on a page whose index is open"),
         ("served", "first_ms", "first_ms", "ours opened with the query vs Pagefind's API on a loaded page"),
         ("engine", "first_ms", "first_ms", "the two engines, each through its JavaScript API on a bare loaded page"))


def versus(runs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Ours against Pagefind, query by query, three ways (PAIRS): how often ours is no slower, the median of
    our time over Pagefind's, and how often ours fetched no more."""
    out = []
    for mode, ours_key, theirs_key, what in PAIRS:
        both = [(runs[mode][q], runs["pagefind"][q]) for q in runs["pagefind"]
                if q in runs[mode] and ours_key in runs[mode][q] and theirs_key in runs["pagefind"][q]]
        if not both:
            continue
        out.append({"what": what, "n": len(both), "faster": sum(o[ours_key] <= p[theirs_key] for o, p in both),
                    "ratio": round(statistics.median(o[ours_key] / max(1, p[theirs_key]) for o, p in both), 2),
                    "lighter": sum(o.get("kb", 0) <= p["kb"] for o, p in both) if mode in ("served", "engine") else None})
    return out


def markdown(results: dict[str, Any]) -> str:
    lines = ["## Search (issue 14): the search page against Pagefind", "",
             "Produced by `bench/search_bench.py` (figures in `bench/search_results.json`); each query in a fresh",
             "browser context, the fastest of the repeats. *served* and *offline*: the search page opened with the",
             "query in its address, times from navigation to the first result drawn, to the page of 20 results and",
             "to facets and timeline. *typed*: the page opened first (its index open), then the query, as a reader's",
             "last key gives it; times from then. Bytes of the search's files (index and scripts, as opened with the",
             "query); the longest main-thread task. *API*: each engine through its JavaScript API on a bare loaded",
             "page, from loading its scripts and index to the first result's data (ours: `Index.open`, `search`, the",
             "first result's text; Pagefind: `search` and the first result's `data()`). Pagefind's *page load*, a bare",
             "page opened with the query, from navigation; *typed*, on a page that opened Pagefind's index (`init`).", ""]
    if results.get("load"):
        lines += [f"Run {results.get('date', '')}; machine: {results['load']}.", ""]
    for size, block in results["sizes"].items():
        lines.append(f"### {size}")
        lines.append("")
        lines.append(f"Index: {block['index']['files']} files, {block['index']['mb']} MB (largest {block['index']['largest_mb']} MB)"
                     + (f"; Pagefind indexed the same pages in {block['pagefind_build_s']:.0f} s" if block.get("pagefind_build_s") else "")
                     + ".")
        lines.append("")
        lines.append("| (median / max) | queries | first result ms | page of results ms | facets + timeline ms "
                     "| KB fetched | longest task ms |")
        lines.append("|---|---|---|---|---|---|---|")
        rows = [("ours, served", "served", "first_ms"), ("ours, typed", "typed", "first_ms"),
                ("ours, offline", "offline", "first_ms"), ("ours, API", "engine", "first_ms"), ("Pagefind, API", "pagefind", "first_ms"),
                ("Pagefind, page load", "pagefind", "load_ms"), ("Pagefind, typed", "pagefind", "typed_ms")]
        for label, mode, first in rows:
            s = block["summary"].get(mode)
            if not s or not s["queries"] or first not in s:
                continue
            keys = (first, "page_ms", "facets_ms", "kb", "task_ms") if mode not in ("pagefind", "engine") \
                else (first, "", "", "kb" if first == "first_ms" else "", "")
            cells = " | ".join(f"{s[k]['median']} / {s[k]['max']}" if k in s else "—" for k in keys)
            lines.append(f"| {label} | {s['queries']} ({s['errors']} failed) | {cells} |")
        lines.append("")
        for v in block.get("versus") or []:
            lighter = f"; fetching no more on {v['lighter']} of {v['n']}" if v.get("lighter") is not None else ""
            lines.append(f"- Ours vs Pagefind, {v['what']}: no slower on {v['faster']} of {v['n']} queries, "
                         f"median time ratio {v['ratio']}{lighter}.")
        lines.append("")
    lines.append(f"Relevance: mean reciprocal rank {results['mrr']['all']:.3f} over {results['mrr']['questions']} questions "
                 f"({results['mrr']['held']} with every expected turn in the first 10).")
    lines.append("")
    return "\n".join(lines)


def write_section(text: str) -> None:
    path = HERE / "RESULTS.md"
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    start, end = "<!-- search-bench -->", "<!-- /search-bench -->"
    block = f"{start}\n{text}\n{end}"
    if start in current:  # from the section's heading: text a merge put after the start marker stays
        heading = re.escape(text.split("\n", 1)[0])
        current = re.sub(re.escape(start) + r"(.*?)(?:" + heading + r").*?" + re.escape(end),
                         lambda m: f"{start}{m.group(1)}{text}\n{end}", current, count=1, flags=re.S)
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(current, encoding="utf-8")


def index_files(site: Path) -> dict[str, Any]:
    files = [p for p in (site / "search" / "archive").iterdir() if p.is_file()]
    return {"files": len(files), "mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
            "largest_mb": round(max(p.stat().st_size for p in files) / 1e6, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--offline", type=Path, help="the unzipped offline bundle (default: the zip in dist/ beside --site)")
    parser.add_argument("--site10k", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/search-bench"))
    parser.add_argument("--machine", default="", help="what to say of the machine (cores, load average) in RESULTS.md")
    args = parser.parse_args()
    queries = [q["params"] for q in search_judge.questions("wh")] + EXTRA
    judged = search_judge.judge(args.site / "search" / "archive", search_judge.questions("wh"))
    started = os.getloadavg()[0]
    results: dict[str, Any] = {"load": "", "sizes": {}, "mrr": {"all": search_judge.mrr(judged), "questions": len(judged),
                                                    "held": sum(None not in j.ranks for j in judged)}}
    for label, site, offline in (("1,137 briefings", args.site, args.offline or unzipped(args.site, args.work)),
                                 ("10,000 briefings", args.site10k, None)):
        if site is None:
            continue
        built = pagefind_index(site)
        runs = run_all(site, offline, queries, args.repeat, pagefind=True)
        results["sizes"][label] = {
            "index": index_files(site), "pagefind_build_s": built, "runs": runs,
            "summary": {mode: summary(r, ["first_ms", "page_ms", "facets_ms", "kb", "task_ms", "load_ms", "typed_ms"])
                        for mode, r in runs.items()},
            "versus": versus(runs),
        }
    results["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results["load"] = (f"{args.machine}; " if args.machine else "") + (
        f"{os.cpu_count()} cores, load average {started:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    (HERE / "search_results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    write_section(markdown(results))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
