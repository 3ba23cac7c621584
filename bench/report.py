"""RESULTS.md and results.png from the measured figures: tables, ratios, and the issue's targets."""

from __future__ import annotations

import datetime as dt
import os
import platform
from importlib.metadata import version
from pathlib import Path
from typing import Any

MB = 1024 * 1024


def machine() -> dict[str, str]:
    """CPU, cores, RAM, Python and the MkDocs stack: what the figures depend on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    ram = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    load = os.getloadavg()
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu, "cores": str(os.cpu_count()), "ram": f"{ram / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(), "os": platform.platform(terse=True),
        "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material"),
        "load at start": f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}",
    }


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def _mb(value: float) -> str:
    return f"{value / MB:.2f} MB" if value >= MB / 10 else f"{value / 1024:.0f} kB"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if not a or not b else f"{a / b:.2f}×"


def _build_rows(entry: dict[str, Any]) -> list[tuple[str, Any, Any, str]]:
    ours, base = entry["build"]["ours"], entry["build"]["baseline"]
    if ours["timed_out"] or base["timed_out"]:
        return [("total build (wall)", _wall(ours), _wall(base), "—")]
    share = ours["generator_s"] / ours["wall_s"]
    return [
        ("total build (wall)", _wall(ours), _wall(base), _ratio(ours["wall_s"], base["wall_s"])),
        ("generator share", f"{ours['generator_s']:.1f} s ({100 * share:.0f} %)", "—", ""),
        ("… parse+annotate / render", f"{ours['parse_s']:.1f} s / {ours['render_s']:.1f} s", "—", ""),
        ("peak RSS", f"{ours['peak_rss_mb']:.0f} MB", f"{base['peak_rss_mb']:.0f} MB",
         _ratio(ours["peak_rss_mb"], base["peak_rss_mb"])),
    ]


def _wall(build: dict[str, Any]) -> str:
    return f"> {build['wall_s']:.0f} s (stopped)" if build["timed_out"] else f"{build['wall_s']:.1f} s"


def _size_rows(entry: dict[str, Any]) -> list[tuple[str, Any, Any, str]]:
    so, sb = entry["size"].get("ours"), entry["size"].get("baseline")
    if not so or not sb:
        return []
    return [
        ("site size", f"{_mb(so['site_bytes'])} ({so['site_files']} files)",
         f"{_mb(sb['site_bytes'])} ({sb['site_files']} files)", _ratio(so["site_bytes"], sb["site_bytes"])),
        ("search payload raw", f"{_mb(so['search_bytes'])} ({so['search_files']} files)",
         f"{_mb(sb['search_bytes'])} ({sb['search_files']} files)", _ratio(so["search_bytes"], sb["search_bytes"])),
        ("search payload gzip", _mb(so["search_gz_bytes"]), _mb(sb["search_gz_bytes"]),
         _ratio(so["search_gz_bytes"], sb["search_gz_bytes"])),
    ]


def _rows(entry: dict[str, Any]) -> list[tuple[str, Any, Any, str]]:
    """(figure, ours, baseline, ratio) rows for one N; values already formatted."""
    rows = _build_rows(entry) + _size_rows(entry)
    for mode in ("served", "offline"):
        qo, qb = entry.get("search", {}).get("ours", {}).get(mode), entry.get("search", {}).get("baseline", {}).get(mode)
        if not qo or not qb:
            continue
        rows += [
            (f"{mode}: first result", _ms(qo["first_result_ms"]) + _flag(qo), _ms(qb["first_result_ms"]) + _flag(qb),
             _ratio(qo["first_result_ms"], qb["first_result_ms"])),
            (f"{mode}: fetched for 1st query", f"{_mb(qo['fetched_bytes'])} (gzip {_mb(qo['fetched_gz_bytes'])})",
             f"{_mb(qb['fetched_bytes'])} (gzip {_mb(qb['fetched_gz_bytes'])})",
             _ratio(qo["fetched_bytes"], qb["fetched_bytes"])),
            (f"{mode}: longest / total long tasks", f"{_ms(qo['longest_task_ms'])} / {_ms(qo['long_tasks_ms'])}",
             f"{_ms(qb['longest_task_ms'])} / {_ms(qb['long_tasks_ms'])}", _ratio(qo["longest_task_ms"], qb["longest_task_ms"])),
            (f"{mode}: browser memory", f"{qo['browser_mb']:.0f} MB", f"{qb['browser_mb']:.0f} MB",
             _ratio(qo["browser_mb"], qb["browser_mb"])),
        ]
    return rows


def _finished(entry: dict[str, Any], who: str) -> dict[str, Any]:
    """The build's figures, or KeyError when it was stopped (nothing to plot then)."""
    build = entry["build"][who]
    if build["timed_out"]:
        raise KeyError(who)
    return build


def _points(sizes: list[dict[str, Any]], value: Any) -> tuple[list[int], list[float]]:
    """(N, value) for every size where the value exists."""
    points = []
    for entry in sizes:
        try:
            y = value(entry)
        except (KeyError, TypeError):
            continue
        points.append((entry["n"], y))
    return ([p[0] for p in points], [p[1] for p in points]) if points else ([], [])


def _flag(query: dict[str, Any]) -> str:
    if query["error"]:
        return f" ({query['error']})"
    return "" if query["lands_on_turn"] else " (no hit on a turn)"


def targets(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The issue's targets at the largest N: (target, measured, PASS/MISS, by how much)."""
    by_n = {e["n"]: e for e in results["sizes"]}
    top = by_n[max(by_n)]
    ours, base = top["build"]["ours"], top["build"]["baseline"]
    rows: list[tuple[str, float | None, float, str, bool]] = []
    if not base["timed_out"]:
        rows.append(("build ≤ 1.3× stock", ours["wall_s"] / base["wall_s"], 1.3, "×", ours["timed_out"]))
    if not ours["timed_out"]:
        rows.append(("generator share ≤ 15 %", 100 * ours["generator_s"] / ours["wall_s"], 15, " %", False))
        rows.append(("peak RSS ≤ 2 GB", ours["peak_rss_mb"] / 1024, 2, " GB", False))
    if 100 in by_n and max(by_n) != 100 and not by_n[100]["build"]["ours"]["timed_out"]:
        growth = ours["wall_s"] / by_n[100]["build"]["ours"]["wall_s"]
        rows.append((f"growth {max(by_n)} vs 100 ≤ 13×", growth, 13, "×", ours["timed_out"]))
    search = top.get("search", {}).get("ours", {})
    if "served" in search:
        q = search["served"]
        first = q["first_result_ms"] / 1000 if q["first_result_ms"] is not None else None
        rows.append(("served: first result ≤ 1 s", first, 1, " s", False))
        rows.append(("served: ≤ 1 MB fetched per query", q["fetched_bytes"] / MB, 1, " MB", False))
    if "offline" in search:
        q = search["offline"]
        first = q["first_result_ms"] / 1000 if q["first_result_ms"] is not None else None
        rows.append(("offline: first result ≤ 3 s", first, 3, " s", False))
        rows.append(("offline: no main-thread task > 200 ms", q["longest_task_ms"], 200, " ms", False))
    for serve in top.get("serve", []):
        edits = [e for e in serve["edits_s"] if e is not None]
        worst = max(edits) if len(edits) == len(serve["edits_s"]) else None
        rows.append((f"`mkdocs {serve['mode']}` shows an edit ≤ 10 s", worst, 10, " s", False))
    out = []
    for name, value, limit, unit, lower_bound in rows:
        if value is None:
            out.append((name, "no result", "MISS", "never arrived"))
            continue
        if lower_bound:
            out.append((name, f"> {value:.2f}{unit}", "MISS", f"over by more than {value - limit:.2f}{unit} (build stopped)"))
            continue
        ok = value <= limit
        margin = " points" if unit == " %" else unit
        how = f"{limit - value:.2f}{margin} to spare" if ok else \
            f"over by {value - limit:.2f}{margin} ({value / limit:.1f}× the limit)"
        out.append((name, f"{value:.2f}{unit}", "PASS" if ok else "MISS", how))
    return out


def write(results: dict[str, Any], out: Path) -> None:
    """RESULTS.md (machine, per-N tables, targets) and results.png (cost against N)."""
    lines = ["# Benchmark results", "",
             "Produced by `bench/run.py` (see `bench/README.md`); raw figures in `results.json`, plot in `results.png`.",
             "", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in results["machine"].items()]
    lines += ["", f"First query typed: `{results['query']}`. Builds per N and project: {results['repeat']} "
              "(fastest kept).", ""]
    lines += ["## Targets at the largest N", "", "| target | measured | | margin |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | **{c}** | {d} |" for a, b, c, d in targets(results)]
    for entry in results["sizes"]:
        lines += ["", f"## N = {entry['n']} briefings", "",
                  f"Imported with {entry['import']}; {entry['pages']} briefing pages; offline run on "
                  f"{entry['offline_ours']}. Build walls per run: ours {entry['all_walls']['ours']}, "
                  f"baseline {entry['all_walls']['baseline']}.", "",
                  "| figure | ours | stock Material | ratio |", "|---|---|---|---|"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in _rows(entry)]
        hooks = list(entry["build"]["ours"]["hooks"].items())[:6]
        lines += ["", "Slowest plugin hooks in our build: "
                  + ", ".join(f"`{k}` {v:.1f} s" for k, v in hooks) + "."]
        for serve in entry.get("serve", []):
            edits = ", ".join("never" if e is None else f"{e:.1f} s" for e in serve["edits_s"])
            lines.append(f"\n`mkdocs {serve['mode']}`: first build served after {serve['startup_s']:.0f} s; "
                         f"edits shown after {edits}.")
    analysis = Path(__file__).with_name("analysis.md")
    if analysis.exists():  # the hand-written reading of the figures: why a target is missed, what would close it
        lines += ["", analysis.read_text(encoding="utf-8").rstrip("\n")]
    (out / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plot(results, out / "results.png")


def plot(results: dict[str, Any], path: Path) -> None:
    """Cost against N, ours and stock side by side, log-log."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = results["sizes"]
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    panels = [
        (axes[0][0], "build time (s; open marker: stopped, a lower bound)", lambda e, w: e["build"][w]["wall_s"]),
        (axes[0][1], "peak RSS of the build (MB)", lambda e, w: _finished(e, w)["peak_rss_mb"]),
        (axes[1][0], "search payload, gzip (MB)", lambda e, w: e["size"][w]["search_gz_bytes"] / MB),
        (axes[1][1], "first result (s)", None),
    ]
    for ax, title, value in panels:
        for who, style in (("ours", "-o"), ("baseline", "--s")):
            label = "ours" if who == "ours" else "stock Material"
            if value is not None:
                ax.plot(*_points(sizes, lambda e, value=value, who=who: value(e, who)), style, label=label)
                continue
            for mode, marker in (("served", "o"), ("offline", "^")):
                xs, ys = _points(sizes, lambda e, who=who, mode=mode: e["search"][who][mode]["first_result_ms"] / 1000)
                if xs:
                    ax.plot(xs, ys, style[:-1] + marker, label=f"{label}, {mode}")
        if ax is axes[0][0]:
            ax.plot(*_points(sizes, lambda e: _finished(e, "ours")["generator_s"]), ":x", label="ours: generator share")
            stopped = [(e["n"], e["build"]["ours"]["wall_s"]) for e in sizes if e["build"]["ours"]["timed_out"]]
            if stopped:
                ax.plot(*zip(*stopped, strict=True), "o", mfc="none", ms=12, color="red", label="ours: stopped")
        ax.set(title=title, xscale="log", yscale="log", xlabel="briefings (N)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(f"Briefing archive vs stock Material — {results['machine']['cpu']}, {results['machine']['cores']} cores")
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)
