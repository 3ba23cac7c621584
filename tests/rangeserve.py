"""A local static server that answers HTTP Range requests, as static hosts do (GitHub Pages, Cloudflare,
Netlify, S3): the search index reads its packs by Range. Python's own `http.server` sends whole files
(the index copes: it keeps the whole pack); tests and the bench serve both ways."""

from __future__ import annotations

import contextlib
import http.server
import io
import os
import re
from pathlib import Path
from typing import Any

from tests import conftest

_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """`SimpleHTTPRequestHandler` with single byte ranges (`Range: bytes=a-b`), quiet."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        match = _RANGE.match(self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        if match is None or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        start = int(match.group(1))
        end = min(int(match.group(2) or size - 1), size - 1)
        if start > end:
            self.send_error(416, "Range Not Satisfiable")
            return None
        with open(path, "rb") as handle:
            handle.seek(start)
            data = handle.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(data)


def serve(site: Path, ranges: bool = True) -> contextlib.AbstractContextManager[str]:
    """`site` over HTTP on 127.0.0.1, with Range support unless `ranges` is false; yields its base URL."""
    return conftest.serve(site, RangeHandler if ranges else None)
