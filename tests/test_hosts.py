"""The built site against static hosts' limits: the build's report, and `host:` stopping a site a host refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site import hosts
from tests.conftest import build_site, copy_project
from tests.test_build import tree_digest


def test_measure_counts_every_file_and_finds_the_largest(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "big.bin").write_bytes(b"x" * 300)
    (tmp_path / "index.html").write_bytes(b"y" * 100)
    (tmp_path / "z.txt").write_bytes(b"z" * 300)
    size = hosts.measure(tmp_path)
    assert (size.files, size.bytes, size.largest, size.largest_bytes) == (3, 700, "a/big.bin", 300)


def test_problems_name_each_limit_passed() -> None:
    host = hosts.HOSTS["cloudflare-pages"]
    within = hosts.SiteSize(20_000, 10**9, "search/pack0.bin", 25 * 2**20)
    assert hosts.problems(within, host) == []
    over = hosts.SiteSize(22_687, 2 * 10**9, "data/turns.csv.bz2", 30 * 2**20)
    assert hosts.problems(over, host) == ["22,687 files (20,000 allowed)",
                                          "data/turns.csv.bz2 is 31.5 MB (25 MiB allowed a file)"]
    assert hosts.problems(over, hosts.HOSTS["github-pages"]) == ["the site is 2,000.0 MB (1 GB allowed)"]


def test_report_says_which_hosts_take_the_site() -> None:
    line = hosts.report(hosts.SiteSize(22_687, 2_580_000_000, "search/archive/pack3.bin", 8_000_000))
    assert line == ("site: 22,687 files, 2,580.0 MB, largest search/archive/pack3.bin (8.0 MB); over the limits of "
                    "Cloudflare Pages (22,687 files (20,000 allowed)) and GitHub Pages (the site is 2,580.0 MB (1 GB allowed))")


@pytest.mark.build
def test_build_reports_the_site_and_a_named_host_stops_a_strict_build(tmp_path: Path) -> None:
    """Every build says what the site weighs; with `host: cloudflare-pages` a file over Cloudflare's 25 MiB
    (a video dropped among the pages) stops `--strict` naming the file, and the previous site stays as it was."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    reported = re.search(r"site: ([\d,]+) files, .*; within the limits of Cloudflare Pages and GitHub Pages", result.stderr)
    assert reported, result.stderr
    assert int(reported[1].replace(",", "")) == sum(1 for p in site.rglob("*") if p.is_file())
    before = tree_digest(site)

    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"host: any\b", "host: cloudflare-pages", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    (project / "content" / "pages" / "briefing-video.mp4").write_bytes(b"\0" * (26 * 2**20))
    result = build_site(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert ("the site is over the limits of Cloudflare Pages (host: cloudflare-pages in mkdocs.yml): "
            "briefing-video.mp4 is 27.3 MB (25 MiB allowed a file)") in result.stderr
    assert tree_digest(site) == before
