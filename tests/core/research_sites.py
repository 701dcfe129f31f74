"""A threaded local HTTP server serving the test company sites and failure cases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

SITES = Path(__file__).resolve().parents[1] / "data" / "sites"
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.no_handler_status_code = 404
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


@pytest.fixture
def web(server: HTTPServer) -> Iterator[HTTPServer]:
    server.clear()
    server.no_handler_status_code = 404
    yield server
    server.clear()


def serve_site(srv: HTTPServer, name: str, *, prefix: str = "") -> str:
    """Serve tests/data/sites/<name>/ under ``prefix``; index.html answers for '/'. Returns base URL."""
    root = SITES / name
    for file in sorted(root.rglob("*")):
        if not file.is_file():
            continue
        rel = file.relative_to(root).as_posix()
        path = prefix + "/" + ("" if rel == "index.html" else rel.removesuffix("index.html"))
        content_type = "text/html" if ".latin1." in file.name else CONTENT_TYPES.get(file.suffix, "text/plain")
        if rel == "robots.txt":
            content_type = "text/plain"
        srv.expect_request(path).respond_with_data(file.read_bytes(), content_type=content_type)
    return srv.url_for(prefix + "/")
