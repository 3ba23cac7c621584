"""The built site against the limits of the static hosts an archive is published on.

A free host refuses a deploy past its limits, after the build, at upload time: Cloudflare Pages takes at most
20,000 files a deploy and 25 MiB a file, GitHub Pages publishes at most 1 GB (and git refuses a file over
100 MiB). `mkdocs build` says what the site weighs and which hosts take it (`report`); with the archive
plugin's `host:` set, a site over that host's limits is a warning, which stops a `--strict` build before the
new site replaces the old one (`problems`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ANY = "any"
"""`host:` when the archive names no host: the build reports the site's size, checks nothing."""


@dataclass(frozen=True)
class Host:
    """A static host's published limits (None: no limit that an archive meets)."""

    name: str
    files: int | None = None
    """Files a deploy may hold."""
    file_bytes: int | None = None
    """Bytes one file may hold."""
    site_bytes: int | None = None
    """Bytes the whole site may hold."""


HOSTS = {
    "cloudflare-pages": Host("Cloudflare Pages", files=20_000, file_bytes=25 * 2**20),
    "github-pages": Host("GitHub Pages", file_bytes=100 * 2**20, site_bytes=10**9),
}
"""The hosts whose limits a build checks, by their `host:` value (limits as the hosts published them)."""
CHOICES = (ANY, *HOSTS)


@dataclass(frozen=True)
class SiteSize:
    """What a built site holds: its files, their bytes, and its largest file (path relative to the site)."""

    files: int
    bytes: int
    largest: str
    largest_bytes: int


def measure(site: Path) -> SiteSize:
    """Count the files under `site` and their bytes (the largest first among equals by path, for the same report)."""
    files = total = 0
    largest, largest_bytes = "", -1
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            size = os.stat(path).st_size
            files += 1
            total += size
            relative = os.path.relpath(path, site).replace(os.sep, "/")
            if size > largest_bytes or (size == largest_bytes and relative < largest):
                largest, largest_bytes = relative, size
    return SiteSize(files, total, largest, max(largest_bytes, 0))


def problems(size: SiteSize, host: Host) -> list[str]:
    """What of the site `host` would refuse, one phrase each; empty when it takes the site."""
    out = []
    if host.files is not None and size.files > host.files:
        out.append(f"{size.files:,} files ({host.files:,} allowed)")
    if host.file_bytes is not None and size.largest_bytes > host.file_bytes:
        out.append(f"{size.largest} is {_mb(size.largest_bytes)} ({_limit(host.file_bytes)} allowed a file)")
    if host.site_bytes is not None and size.bytes > host.site_bytes:
        out.append(f"the site is {_mb(size.bytes)} ({_limit(host.site_bytes)} allowed)")
    return out


def report(size: SiteSize) -> str:
    """One line: the site's files and bytes, its largest file, and which hosts take it."""
    found = {h.name: problems(size, h) for h in HOSTS.values()}
    fits = [name for name, what in found.items() if not what]
    over = [f"{name} ({'; '.join(what)})" for name, what in found.items() if what]
    verdict = "; ".join(part for part in (
        f"within the limits of {' and '.join(fits)}" if fits else "",
        f"over the limits of {' and '.join(over)}" if over else "",
    ) if part)
    return (f"site: {size.files:,} files, {_mb(size.bytes)}, largest {size.largest or 'none'} "
            f"({_mb(size.largest_bytes)}); {verdict}")


def _mb(count: int) -> str:
    """Bytes measured, in MB to one decimal."""
    return f"{count / 1e6:,.1f} MB"


def _limit(count: int) -> str:
    """A limit as the host states it (`25 MiB`, `1 GB`)."""
    if count % 10**9 == 0:
        return f"{count // 10**9:,} GB"
    return f"{count // 2**20:,} MiB" if count % 2**20 == 0 else _mb(count)
