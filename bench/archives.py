"""Scratch archives for the benchmark: the first N White House briefings, ours and a stock baseline.

`ours` is a copy of the project (config, theme overrides, hand-written pages) with a fresh
`content/briefings/`; `baseline` holds the very same briefing pages, rendered to Markdown by the
generator, in a plain `docs/` folder built by stock MkDocs + Material with its own search and
nothing else of ours (no plugin, no overrides, no speaker or topic pages).
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TARBALL = ROOT.parent / "shared" / "corpus" / "whitehouse-press-briefings-2021-2025.tar.xz"


@dataclass(frozen=True)
class Member:
    """One briefing from the tarball: its name there, its date (from the file name) and its bytes."""

    name: str
    date: str
    data: bytes


def read_tarball(path: Path) -> list[Member]:
    """Every `.md` briefing in the tarball, oldest first (ties by name): the order N is taken in."""
    members = []
    with tarfile.open(path) as tar:
        for info in tar:
            base = Path(info.name).name
            if not info.isfile() or not base.endswith(".md") or not base[:4].isdigit():
                continue
            handle = tar.extractfile(info)
            assert handle is not None
            members.append(Member(name=info.name, date=base[:10], data=handle.read()))
    return sorted(members, key=lambda m: (m.date, m.name))


def importer_available() -> bool:
    """Whether the project's importer (`python -m generator import`) exists in this checkout."""
    return importlib.util.find_spec("generator.importer") is not None


def import_briefings(members: list[Member], content: Path, work: Path) -> str:
    """Import the chosen briefings into `content/briefings/`; returns how it was done.

    The chosen members are written to a tarball of their own and handed to the project's
    importer, so the benchmark measures exactly what an editor would get.
    """
    dest = content / "briefings"
    dest.mkdir(parents=True, exist_ok=True)
    if not importer_available():
        for member in members:
            (dest / Path(member.name).name).write_text(_minimal_conversion(member.data), encoding="utf-8")
        return "bench fallback conversion (generator.importer not available)"
    subset = work / "subset.tar.xz"
    with tarfile.open(subset, "w:xz", preset=0) as tar:
        for member in members:
            info = tarfile.TarInfo(member.name)
            info.size = len(member.data)
            tar.addfile(info, io.BytesIO(member.data))
    result = subprocess.run([sys.executable, "-m", "generator", "import", str(subset), "--content", str(content)],
                            cwd=work, capture_output=True, text=True)
    imported = sum(1 for p in dest.iterdir() if p.suffix in (".txt", ".md"))
    if imported == 0:
        raise SystemExit(f"generator import failed:\n{result.stdout}\n{result.stderr}")
    refused = len(members) - imported
    return f"`python -m generator import` ({imported} imported" + (f", {refused} refused)" if refused else ")")


def _minimal_conversion(data: bytes) -> str:
    """Pandoc Markdown to plain text: hard-wrapped paragraphs joined, backslash escapes undone."""
    import re

    text = data.decode("utf-8")
    _, block, body = text.split("---\n", 2)
    meta = yaml.safe_load(block)
    keep = {k: str(meta[k]) for k in ("title", "date", "source_url") if meta.get(k)}
    paragraphs = [" ".join(line.strip() for line in para.splitlines()) for para in re.split(r"\n\s*\n", body)]
    unescaped = [re.sub(r"\\(.)", r"\1", p).strip() for p in paragraphs]
    front = yaml.safe_dump(keep, allow_unicode=True, sort_keys=True)
    return "---\n" + front + "---\n\n" + "\n\n".join(p for p in unescaped if p) + "\n"


def make_ours(dest: Path, members: list[Member]) -> str:
    """The project as an editor has it, with the chosen briefings imported; returns the import method."""
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    if (ROOT / "theme_overrides").is_dir():
        shutil.copytree(ROOT / "theme_overrides", dest / "theme_overrides")
    shutil.copytree(ROOT / "content", dest / "content", ignore=_skip_briefings)
    return import_briefings(members, dest / "content", dest)


def _skip_briefings(folder: str, names: list[str]) -> list[str]:
    return ["briefings"] if Path(folder) == ROOT / "content" else []


def make_baseline(dest: Path, ours: Path) -> int:
    """Stock Material over our briefing pages, written as Markdown; returns how many there are.

    The pages are `render.briefing_page`, the Markdown of record, which a test holds to the HTML our
    build writes (`tests/test_turn_html.py`): the same pages, built the way any Markdown site would be.
    """
    from generator.enrich.loader import Loader
    from generator.site.briefing_page import briefing_page

    config = _load_config(ours / "mkdocs.yml")
    docs = dest / "docs"
    archive = Loader(write_locks=False).load(ours / "content", ours)
    (docs / "briefings").mkdir(parents=True)
    for briefing in archive.briefings:
        page = briefing_page(briefing, {t.id: t for t in archive.topics})
        (docs / "briefings" / f"{briefing.slug}.md").write_text(page, encoding="utf-8")
    (docs / "index.md").write_text(f"# {config['site_name']}\n\nThe briefings, stock Material.\n", encoding="utf-8")
    settings = baseline_config(config)
    for script in settings.get("extra", {}).get("polyfills", []):
        _copy_asset(str(script), ours, config, docs)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return sum(1 for _ in (docs / "briefings").glob("*.md"))


def _copy_asset(path: str, ours: Path, config: dict[str, Any], docs: Path) -> None:
    """A site-relative asset of ours (the vendored iframe-worker shim) copied into the baseline's docs."""
    if "://" in path:
        return
    for folder in (config.get("theme", {}).get("custom_dir"), config.get("docs_dir", "docs")):
        source = ours / str(folder) / path if folder else None
        if source is not None and source.is_file():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, docs / path)
            return


def baseline_config(ours: dict[str, Any]) -> dict[str, Any]:
    """Our site settings that shape every page (theme features, Markdown extensions), stock plugins only.

    The offline plugin is on so that the same build also serves as the stock `file://` bundle
    (it writes `search/search_index.js` and changes nothing else a served reader sees); the
    iframe-worker shim it would fetch from a CDN is the project's vendored copy when there is one.
    """
    theme = {k: v for k, v in ours.get("theme", {}).items() if k != "custom_dir"}
    config: dict[str, Any] = {
        "site_name": ours["site_name"],
        "site_url": ours.get("site_url", ""),
        "docs_dir": "docs",
        "use_directory_urls": False,
        "theme": theme,
        "markdown_extensions": ours.get("markdown_extensions", []),
        "plugins": ["search", "offline"],
        "nav": [{"Home": "index.md"}],
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"anchors": "ignore", "not_found": "ignore"}},
    }
    polyfills = [p for p in ours.get("extra", {}).get("polyfills", []) if "iframe-worker" in str(p)]
    if polyfills:
        config["extra"] = {"polyfills": polyfills}
    return config


def _load_config(path: Path) -> dict[str, Any]:
    """`mkdocs.yml` as plain data; MkDocs' custom tags (`!ENV`, `!!python/name`) are read as text."""

    class _Loader(yaml.SafeLoader):
        pass

    def _as_text(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
        return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None

    _Loader.add_multi_constructor("!", _as_text)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", _as_text)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)


SHIFT_DAYS = 1461
"""Four years: each further copy of the archive lands four years later, its leap days on leap days."""


def make_scaled(dest: Path, source: Path, n: int) -> int:
    """A project of `n` briefings from the imported briefings and anchor locks in `source` (a content folder):
    the k-th copy of a briefing has its date (front matter and file name) shifted by k × four years, and its
    lock rewritten to match, as in an archive built and committed. Returns how many briefings it holds."""
    import dataclasses
    import datetime as dt

    from generator.enrich.locks import LOCK_SUFFIX, lock_bytes, read_lock

    transcripts = sorted(p for p in (source / "briefings").glob("*.txt"))
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "theme_overrides", dest / "theme_overrides")
    shutil.copytree(source, dest / "content", ignore=_skip_briefings_of(source))
    folder = dest / "content" / "briefings"
    folder.mkdir()
    for number in range(n):
        original = transcripts[number % len(transcripts)]
        shift = dt.timedelta(days=SHIFT_DAYS * (number // len(transcripts)))
        date = dt.date.fromisoformat(original.name[:10]) + shift
        name = date.isoformat() + original.name[10:]
        text = original.read_bytes()
        if shift:
            text = text.replace(f"\ndate: {original.name[:10]}\n".encode(), f"\ndate: {date.isoformat()}\n".encode(), 1)
        (folder / name).write_bytes(text)
        lock = original.with_name(original.stem + LOCK_SUFFIX)
        if lock.is_file():
            old = read_lock(lock, lock.name)
            new = dataclasses.replace(old, source=name, digest=hashlib.sha256(text).hexdigest(), slug=name[:-4],
                                      date=old.date + shift)
            (folder / (name[:-4] + LOCK_SUFFIX)).write_bytes(lock_bytes(new))
    return n


def _skip_briefings_of(source: Path) -> Any:
    def skip(folder: str, names: list[str]) -> list[str]:
        return ["briefings"] if Path(folder) == source else []
    return skip
