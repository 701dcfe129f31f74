"""Commands that look after the installation and the store: self-test, check, backup."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from researcher.cli import CommandContext


def register(subparsers: argparse._SubParsersAction) -> None:
    test = subparsers.add_parser("self-test", help="check that this installation works")
    test.set_defaults(func=cmd_self_test)
    check = subparsers.add_parser("check", help="run a full integrity check of the database")
    check.set_defaults(func=cmd_check)
    backup = subparsers.add_parser("backup", help="write a verified copy of the database")
    backup.add_argument("target", nargs="?", help="file to write (default: beside the database)")
    backup.set_defaults(func=cmd_backup)


def _check_store(workdir: Path) -> str:
    from researcher.core.db import open_database
    from researcher.core.notes import add_note
    from researcher.core.prospects import add_prospect

    db = open_database(workdir / "self-test.sqlite")
    try:
        prospect = add_prospect(db, "Åse Ødegård", company="Fjellstrøm AS", country="NO")
        add_note(db, "Ringte om nedbemanningen på Hønefoss", prospect_id=prospect)
        hits = list(db["notes"].search("hønefoss"))
        if len(hits) != 1:
            raise RuntimeError("full-text search did not find the note it just stored")
        return "database, migrations and full-text search work"
    finally:
        db.close()


def _check_resources(workdir: Path) -> str:
    import tomllib

    from researcher.core.resources import resource_root

    root = resource_root()
    files = [path for path in root.rglob("*") if path.is_file()]
    for path in files:
        if path.suffix == ".toml":
            tomllib.loads(path.read_text(encoding="utf-8"))
    if not (root / "demo" / "prospects.toml").is_file():
        raise RuntimeError(f"the demo data is missing from {root}")
    return f"{len(files)} resource files found in {root}"


SELF_TEST_PAGE = (
    "<html lang='nb'><head><title>Om oss | Fjellstrøm AS</title></head><body><nav>Hjem · Kontakt</nav>"
    "<main><h1>Om Fjellstrøm</h1><p>Fjellstrøm AS åpner nytt lager på Hønefoss og søker fem lagermedarbeidere."
    " Vi har levert trelast til byggebransjen på Østlandet siden 1987.</p></main></body></html>"
).encode()


def _check_fetch(workdir: Path) -> str:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from researcher.core.extract import extract_html
    from researcher.core.fetch import fetch_url
    from researcher.core.politeness import Politeness

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = SELF_TEST_PAGE if self.path == "/" else b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = fetch_url(f"http://127.0.0.1:{server.server_address[1]}/", politeness=Politeness(min_delay=0))
    finally:
        server.shutdown()
        server.server_close()
    extracted = extract_html(page.text, page.final_url)
    if "Hønefoss" not in extracted.text or "Hjem" in extracted.text:
        raise RuntimeError("the main text of a local test page came out wrong")
    return "fetching from a local server and main-text extraction work"


def _check_window(workdir: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from researcher.ui.app import build_window_for_test

    title = build_window_for_test(workdir / "window.sqlite")
    return f"main window builds ({title})"


def _check_pdf(workdir: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from researcher.core.db import open_database
    from researcher.core.pdf_info import count_pages
    from researcher.core.prospects import add_prospect
    from researcher.ui.pdf_export import SheetExport, ensure_application

    db = open_database(workdir / "sheet.sqlite")
    try:
        prospect = add_prospect(db, "Åse Ødegård", company="Fjellstrøm AS", country="NO", language="nb")
        ensure_application()
        target = workdir / "sheet.pdf"
        SheetExport(db, [prospect], target, paper="a4", language="en").run()
    finally:
        db.close()
    pages = count_pages(target.read_bytes())
    if pages != 1:
        raise RuntimeError(f"a one-prospect prep sheet came out as {pages} pages")
    return "a prep sheet PDF renders with the bundled font"


CHECKS: list[tuple[str, Callable[[Path], str]]] = [
    ("store", _check_store),
    ("resources", _check_resources),
    ("fetch", _check_fetch),
    ("window", _check_window),
    ("pdf", _check_pdf),
]


def cmd_self_test(args: argparse.Namespace, ctx: CommandContext) -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="researcher-self-test-") as folder:
        for name, check in CHECKS:
            try:
                print(f"ok    {name}: {check(Path(folder))}")
            except Exception as error:  # the point of a self-test is to report any failure
                failures += 1
                print(f"FAIL  {name}: {type(error).__name__}: {error}")
    print("Self-test passed." if not failures else f"Self-test failed: {failures} problem(s).")
    return 1 if failures else 0


def cmd_check(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.integrity import check_database

    problems = check_database(ctx.db)
    for problem in problems:
        print(problem)
    print("The database is healthy." if not problems else f"{len(problems)} problem(s) found.")
    return 1 if problems else 0


def cmd_backup(args: argparse.Namespace, ctx: CommandContext) -> int:
    from researcher.core.db import backup_database, backup_path

    target = Path(args.target) if args.target else backup_path(ctx.db_path, "manual")
    backup_database(ctx.db, target)
    print(f"Backup written to {target}")
    return 0
