"""The offline bundle: the built site as one reproducible zip, put in place atomically.

The zip holds the site under one top folder named after the zip (`<name>/index.html`), so
unzipping it never scatters files. It is reproducible: entries sorted by path, every entry
dated 1980-01-01 (or `SOURCE_DATE_EPOCH`) with mode 0644, nothing taken from the file system
but names and bytes. It is written to a temporary file beside its target and renamed over the
target only once the build succeeded, so a failed build leaves the previous zip as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from mkdocs.config import config_options as c

from .errors import ConfigError
from .text import slugify

DEFAULT_FOLDER = "dist"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can hold; used unless `SOURCE_DATE_EPOCH` is set."""
_UNIX = 3  # ZipInfo.create_system: the external attributes hold Unix mode bits


class BundleOption(c.BaseConfigOption[str | bool]):
    """`bundle:` of the archive plugin: `true` (the default name), a path ending in `.zip`, or `false`."""

    def __init__(self) -> None:
        super().__init__()
        self.default = True

    def run_validation(self, value: object) -> str | bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.endswith(".zip") and value.strip() == value and value != ".zip":
            return value
        raise c.ValidationError(f"expected true, false or a path ending in .zip, got {value!r}")


def bundle_path(option: str | bool, site_name: str, site_dir: Path) -> Path | None:
    """Where the zip goes, or None when `bundle: false`.

    Relative paths start from the folder holding `site_dir` (the project folder for the default
    `site/`), so `--site-dir elsewhere/site` also moves the zip out of the project.
    """
    if option is False:
        return None
    name = option if isinstance(option, str) else f"{DEFAULT_FOLDER}/{slugify(site_name)}-offline.zip"
    return site_dir.parent / name


@contextmanager
def bundle_beside(site: Path, target: Path | None, environ: Mapping[str, str] = os.environ) -> Iterator[None]:
    """Zip `site` into a temporary file beside `target`, run the block, then rename the zip over `target`.

    If the block raises, the temporary zip is removed and `target` is left as it was.
    With no target (`bundle: false`) only the block runs.
    """
    if target is None:
        yield
        return
    stamp = zip_timestamp(environ)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            write_zip(site, out, folder=target.stem, stamp=stamp)
        temp.chmod(0o644)  # mkstemp makes it 0600; the zip should read like any other output
        yield
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    os.replace(temp, target)


def write_zip(site: Path, out: IO[bytes], *, folder: str, stamp: tuple[int, ...] = ZIP_EPOCH) -> None:
    """Write every file under `site` into `out` as `folder/<path>`, the same bytes for the same files."""
    files = sorted((p.relative_to(site).as_posix(), p) for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative, path in files:
            info = zipfile.ZipInfo(f"{folder}/{relative}", date_time=stamp)  # type: ignore[arg-type]
            info.create_system = _UNIX
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with path.open("rb") as source, archive.open(info, "w") as entry:
                shutil.copyfileobj(source, entry, 1 << 20)


def zip_timestamp(environ: Mapping[str, str]) -> tuple[int, ...]:
    """The entries' date: `SOURCE_DATE_EPOCH` (reproducible-builds.org) when set, else 1980-01-01."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return ZIP_EPOCH
    if not value.isdigit():
        raise ConfigError("SOURCE_DATE_EPOCH must be a whole number of seconds", fragment=value)
    moment = time.gmtime(int(value))[:6]
    return max(moment, ZIP_EPOCH)  # a zip cannot hold a date before 1980
