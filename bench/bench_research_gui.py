"""GUI-thread responsiveness while the Research tab researches a 12-page company site.

Run: .venv/bin/python bench/bench_research_gui.py [--delay 1.0]
A local threaded HTTP server serves a Finnish company site (the test site's pages plus more
news and team pages, so 12 pages qualify). A 5 ms QTimer heartbeat on the GUI thread records the
gap between ticks while PagesPanel runs the research on the thread pool and stores each page on
the GUI thread. Target: no gap above 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SITE = Path(__file__).resolve().parents[1] / "tests/data/sites/fi-kuusiston-konepaja"
EXTRA_LINKS = [("/yritys/hallitus.html", "Hallitus", "yritys/johto.html"),
               ("/yritys/historia.html", "Historia", "yritys/index.html"),
               ("/media/", "Media", "tiedotteet/index.html"),
               ("/blogi/", "Blogi", "tiedotteet/uusi-tuotantojohtaja.html"),
               ("/sijoittajille/", "Sijoittajille", "yritys/index.html"),
               ("/ura/", "Ura meillä", "rekry.html")]


def site_routes() -> dict[str, tuple[bytes, str]]:
    routes: dict[str, tuple[bytes, str]] = {}
    for file in SITE.rglob("*.html"):
        rel = file.relative_to(SITE).as_posix()
        path = "/" + ("" if rel == "index.html" else rel.removesuffix("index.html"))
        routes[path] = (file.read_bytes(), "text/html" if ".latin1." in rel else "text/html; charset=utf-8")
    home = routes["/"][0].decode("utf-8")
    extra = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text, _ in EXTRA_LINKS)
    routes["/"] = (home.replace("</ul>\n    </nav>", extra + "</ul>\n    </nav>", 1).encode("utf-8"), routes["/"][1])
    for href, _, source in EXTRA_LINKS:
        routes[href] = ((SITE / source).read_bytes(), "text/html; charset=utf-8")
    return routes


def serve(routes: dict[str, tuple[bytes, str]]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body, content_type = routes.get(self.path.split("?")[0], (b"not found", "text/plain"))
            self.send_response(200 if self.path.split("?")[0] in routes else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=1.0, help="per-site delay between requests (s)")
    parser.add_argument("--pages", type=int, default=12)
    args = parser.parse_args()
    from PySide6.QtCore import QEventLoop, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from researcher.core import pages
    from researcher.core.db import open_database
    from researcher.core.politeness import Politeness
    from researcher.core.prospects import add_prospect
    from researcher.ui.pages_panel import PagesPanel
    from researcher.ui.panel_context import PanelContext
    from researcher.ui.workers import JobRunner

    qt_app = QApplication.instance() or QApplication([])
    server = serve(site_routes())
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    db = open_database(Path(tempfile.mkdtemp()) / "bench.sqlite")
    prospect = add_prospect(db, "Laura Kuusisto", company="Kuusiston Konepaja", website=base, language="fi")
    pool = QThreadPool()
    panel = PagesPanel(PanelContext(db, JobRunner(pool)), politeness=Politeness(min_delay=args.delay),
                       max_pages=args.pages)
    panel.resize(1100, 700)
    panel.show()
    panel.show_prospect(prospect)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    heartbeat = QTimer(interval=5)
    heartbeat.timeout.connect(beat)
    loop = QEventLoop()
    panel.fetcher.research_done.connect(loop.quit)
    heartbeat.start()
    started = time.perf_counter()
    last[0] = started
    panel.research_button.click()
    loop.exec()
    elapsed = time.perf_counter() - started
    heartbeat.stop()
    pool.waitForDone(10000)
    company = next(db.query("SELECT company_id FROM prospects WHERE id = ?", [prospect]))["company_id"]
    kept = pages.list_pages(db, company_id=company)
    print(f"site research: {len(kept)} pages stored ({sum(p.state == 'fetched' for p in kept)} fetched) "
          f"in {elapsed:.1f} s with a {args.delay:g} s per-site delay")
    print(f"GUI heartbeat (5 ms timer): {len(gaps)} ticks, median gap {statistics.median(gaps):.1f} ms, "
          f"p99 {statistics.quantiles(gaps, n=100)[98]:.1f} ms, max {max(gaps):.1f} ms; "
          f"gaps over 50 ms: {sum(g > 50 for g in gaps)} (target: none, max <= 50 ms)")
    server.shutdown()
    db.close()
    qt_app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
