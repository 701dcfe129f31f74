"""The Research tab with real widgets, a real thread pool and a real local web server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QThreadPool, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from researcher.core import pages
from researcher.core.politeness import Politeness
from researcher.core.prospects import add_prospect, get_prospect
from researcher.ui.pages_panel import PagesPanel
from researcher.ui.panel_context import PanelContext
from researcher.ui.snapshot_view import SnapshotView
from researcher.ui.workers import JobRunner

SITES = Path(__file__).resolve().parents[1] / "data" / "sites"


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


@pytest.fixture
def web(server):
    server.clear()
    server.no_handler_status_code = 404
    yield server
    server.clear()


def serve(srv: HTTPServer, name: str) -> str:
    root = SITES / name
    for file in sorted(root.rglob("*.html")):
        rel = file.relative_to(root).as_posix()
        path = "/" + ("" if rel == "index.html" else rel.removesuffix("index.html"))
        srv.expect_request(path).respond_with_data(
            file.read_bytes(), content_type="text/html" if ".latin1." in rel else "text/html; charset=utf-8")
    return srv.url_for("/")


@pytest.fixture
def pool():
    thread_pool = QThreadPool()
    yield thread_pool
    thread_pool.waitForDone(10000)


@pytest.fixture
def panel(qtbot, db, pool):
    prospect = add_prospect(db, "Karin Åström", company="Norrsken Logistik", language="sv")
    widget = PagesPanel(PanelContext(db, JobRunner(pool)), politeness=Politeness(min_delay=0))
    qtbot.addWidget(widget)
    widget.show_prospect(prospect)
    return widget


def test_add_url_progress_then_snapshot_visible(qtbot, panel, web, db):
    base = serve(web, "sv-norrsken-logistik")
    panel.url_edit.setText(base + "nyheter/nytt-lager-i-jonkoping.html")
    with qtbot.waitSignal(panel.prospect_changed, timeout=10000):
        qtbot.mouseClick(panel.fetch_button, Qt.MouseButton.LeftButton)
    page_id = panel.current_page_id()
    qtbot.waitUntil(lambda: panel.row_status(page_id) == "Fetched", timeout=10000)
    panel.open_page(page_id)
    text = panel.reader.browser.toPlainText()
    assert "Norrsken Logistik öppnar nytt lager i Jönköping" in text
    assert "Published 2026-10-28" in text and "Captured" in text and "28 000 kvadratmeter" in text
    assert panel.fact_tree.topLevelItemCount() > 0


def test_paste_many_urls_shows_each_status(qtbot, panel, web):
    base = serve(web, "fi-kuusiston-konepaja")
    ids = panel.add_urls(f"{base}rekry.html\n{base}yhteystiedot.html, {base}ei-ole.html")
    assert len(ids) == 3
    qtbot.waitUntil(lambda: all(panel.row_status(i) in ("Fetched", "Failed") for i in ids), timeout=15000)
    assert [panel.row_status(i) for i in ids] == ["Fetched", "Fetched", "Failed"]
    panel.open_page(ids[2])
    assert "not found" in panel.reader.status.text()


def test_cancel_a_slow_fetch_keeps_page_pending(qtbot, panel, web, db):
    release = threading.Event()

    def slow(request: Request) -> Response:
        def body():
            yield b"<html><p>Hej"
            release.wait(20)
            yield b"</p></html>"
        return Response(body(), content_type="text/html")

    web.expect_request("/slow").respond_with_handler(slow)
    try:
        [page_id] = panel.add_urls(web.url_for("/slow"))
        assert panel.row_status(page_id) == "Fetching…" and panel.cancel_button.isEnabled()
        panel.page_tree.setCurrentItem(panel.page_tree.topLevelItem(0))
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.row_status(page_id) == "Pending", timeout=10000)
        assert pages.get_page(db, page_id).state == "pending"
    finally:
        release.set()


def test_research_company_site_button(qtbot, panel, web, db):
    base = serve(web, "nb-fjordlys-energi")
    company = get_prospect(db, panel.prospect_id).company_id
    db.execute("UPDATE companies SET website = ? WHERE id = ?", [base, company])
    panel.show_prospect(panel.prospect_id)
    panel.max_pages = 5
    progress = []
    panel.status_changed.connect(progress.append)
    with qtbot.waitSignal(panel.prospect_changed, timeout=20000):
        qtbot.mouseClick(panel.research_button, Qt.MouseButton.LeftButton)
    kept = pages.list_pages(db, company_id=company)
    assert len(kept) == 5 and all(p.state == "fetched" for p in kept)
    assert any("Researching: page" in text for text in progress)
    assert panel.page_tree.topLevelItemCount() == 5 and panel.research_button.isEnabled()


def test_refetch_and_what_changed(qtbot, panel, web, db):
    bodies = ["<p>Vi har 310 medarbetare.</p>", "<p>Vi har 340 medarbetare. Nytt kontor i Oslo.</p>"]
    web.expect_request("/om").respond_with_handler(lambda r: Response(bodies.pop(0), content_type="text/html"))
    [page_id] = panel.add_urls(web.url_for("/om"))
    qtbot.waitUntil(lambda: panel.row_status(page_id) == "Fetched", timeout=10000)
    panel.open_page(page_id)
    with qtbot.waitSignal(panel.prospect_changed, timeout=10000):
        qtbot.mouseClick(panel.reader.refetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(pages.snapshot_list(db, page_id)) == 2, timeout=10000)
    panel.open_page(page_id)
    assert panel.reader.history.count() == 2 and panel.reader.changes_button.isEnabled()
    panel.reader.changes_button.setChecked(True)
    text = panel.reader.browser.toPlainText()
    assert "+ Vi har 340 medarbetare." in text and "− Vi har 310 medarbetare." in text
    panel.reader.history.setCurrentIndex(1)
    panel.reader.history.activated.emit(1)
    assert "310 medarbetare" in panel.reader.browser.toPlainText()


def test_offline_then_fetch_pending(qtbot, panel, db):
    [page_id] = panel.add_urls("http://127.0.0.1:9/karriar")
    qtbot.waitUntil(lambda: panel.row_status(page_id) == "Pending (offline)", timeout=10000)
    assert panel.pending_button.isEnabled()
    with qtbot.waitSignal(panel.prospect_changed, timeout=10000):
        qtbot.mouseClick(panel.pending_button, Qt.MouseButton.LeftButton)
    assert pages.get_page(db, page_id).error_code == "no_network"


def test_snapshot_is_shown_safely(qtbot, panel, db, monkeypatch):
    html = ("<html><head><title>Evil &lt;b&gt;</title><script>alert(1)</script></head><body><article>"
            "<p>Hei <img src='http://tracker.example/pixel.gif'> maailma, tämä on turvallinen sivu.</p>"
            "<p>&lt;script&gt;alert('x')&lt;/script&gt; ja &lt;img src=http://tracker.example/a.png&gt;</p>"
            "</article></body></html>")
    path = Path(panel._db.conn.execute("PRAGMA database_list").fetchone()[2]).parent / "evil.html"
    path.write_text(html, encoding="utf-8")
    with qtbot.waitSignal(panel.imported, timeout=10000):
        panel.import_file(path, url="https://evil.example/")
    browser = panel.reader.browser
    assert "<script>alert('x')</script>" in browser.toPlainText()
    assert "alert(1)" not in browser.toPlainText()
    assert browser.blocked == [] and "<img" not in browser.toHtml()
    opened = []
    monkeypatch.setattr(SnapshotView, "open_url", staticmethod(lambda url: opened.append(url) or True))
    qtbot.mouseClick(panel.reader.open_button, Qt.MouseButton.LeftButton)
    assert opened == ["https://evil.example/"]


def test_paste_text_and_drop_link(qtbot, panel, web, db, monkeypatch):
    monkeypatch.setattr(PagesPanel, "ask_pasted_text",
                        classmethod(lambda cls, parent: "Karin Åström\nVd på Norrsken Logistik\nGillar segling på Orust."))
    with qtbot.waitSignal(panel.imported, timeout=10000):
        qtbot.mouseClick(panel.paste_button, Qt.MouseButton.LeftButton)
    assert "Gillar segling på Orust." in panel.reader.browser.toPlainText()
    web.expect_request("/kontakt").respond_with_data("<p>Växel 031-712 40 00</p>", content_type="text/html")
    mime = QMimeData()
    mime.setUrls([QUrl(web.url_for("/kontakt"))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(event)
    url = web.url_for("/kontakt")
    qtbot.waitUntil(lambda: any(p.url == url and p.state == "fetched"
                                for p in pages.list_pages(db, prospect_id=panel.prospect_id)), timeout=10000)


def test_no_prospect_disables_everything(qtbot, panel):
    panel.show_prospect(None)
    assert not panel.fetch_button.isEnabled() and not panel.research_button.isEnabled()
    assert panel.add_urls("https://x.se") == []


def test_bad_input_messages(qtbot, panel, tmp_path):
    with qtbot.waitSignal(panel.status_changed, check_params_cb=lambda text: "does not exist" in text, timeout=10000):
        panel.import_file(tmp_path / "missing.html")
    panel.add_urls("nothing here")
    assert "No web address found" in panel.status.text()
    panel.on_research_clicked()
    assert "has no website yet" in panel.status.text()
    QApplication.processEvents()


def test_cancel_site_research_keeps_pages_already_stored(qtbot, panel, web, db):
    release = threading.Event()
    base = serve(web, "sv-norrsken-logistik")
    web.clear()
    web.no_handler_status_code = 404
    web.expect_request("/").respond_with_data(
        '<html><body><a href="/om-oss/">Om oss</a><a href="/karriar/">Karriär</a></body></html>', content_type="text/html")

    def stall(request: Request) -> Response:
        def body():
            yield b"<html><p>Om"
            release.wait(20)
            yield b"</p></html>"
        return Response(body(), content_type="text/html")

    web.expect_request("/om-oss/").respond_with_handler(stall)
    company = get_prospect(db, panel.prospect_id).company_id
    db.execute("UPDATE companies SET website = ? WHERE id = ?", [base, company])
    panel.show_prospect(panel.prospect_id)
    try:
        with qtbot.waitSignal(panel.fetcher.research_stored, timeout=10000):
            qtbot.mouseClick(panel.research_button, Qt.MouseButton.LeftButton)
        assert not panel.research_button.isEnabled() and panel.cancel_button.isEnabled()
        with qtbot.waitSignal(panel.fetcher.research_done, timeout=5000):
            qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    finally:
        release.set()
    kept = pages.list_pages(db, company_id=company)
    assert [p.state for p in kept if p.url == base] == ["fetched"]
    assert not any(p.url.endswith("/karriar/") for p in kept)
    assert panel.research_button.isEnabled()


def test_gui_start_path_imports_no_network_or_html_libraries():
    import subprocess
    import sys

    code = ("import sys, researcher.ui.main_window, researcher.ui.pages_panel, researcher.ui.search_dialog; "
            "print(sorted(m for m in ('requests', 'bs4', 'trafilatura', 'lxml', 'charset_normalizer', 'protego') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_suggestions_offer_company_site_and_profiles(qtbot, panel, db, web, monkeypatch):
    base = serve(web, "sv-norrsken-logistik")
    company = get_prospect(db, panel.prospect_id).company_id
    db.execute("UPDATE companies SET website = ? WHERE id = ?", [base, company])
    db.execute("UPDATE prospects SET linkedin = 'https://www.linkedin.com/in/karin-astrom' WHERE id = ?",
               [panel.prospect_id])
    panel.show_prospect(panel.prospect_id)
    labels = [panel.suggestions.itemText(i) for i in range(panel.suggestions.count())]
    assert labels[0] == "Suggestions (2)" and "needs a login" in labels[2]
    opened = []
    monkeypatch.setattr(SnapshotView, "open_url", staticmethod(lambda url: opened.append(url) or True))
    panel.suggestions.activated.emit(2)
    assert opened == ["https://www.linkedin.com/in/karin-astrom"] and "Save page as" in panel.status.text()
    with qtbot.waitSignal(panel.fetcher.page_done, timeout=10000):
        panel.suggestions.activated.emit(1)
    assert [p.state for p in pages.list_pages(db, prospect_id=panel.prospect_id) if p.url == base] == ["fetched"]
    assert panel.suggestions.itemText(0) == "Suggestions (4)"  # the site's social profiles now known too


def test_many_urls_run_two_at_a_time_and_queued_ones_cancel(qtbot, panel, web, db):
    release = threading.Event()

    def stall(request: Request) -> Response:
        def body():
            yield b"<html><p>Hei"
            release.wait(20)
            yield b"</p></html>"
        return Response(body(), content_type="text/html")

    for name in ("a", "b", "c", "d"):
        web.expect_request(f"/{name}").respond_with_handler(stall)
    try:
        ids = panel.add_urls(" ".join(web.url_for(f"/{name}") for name in ("a", "b", "c", "d")))
        assert [panel.row_status(i) for i in ids] == ["Fetching…", "Fetching…", "Queued", "Queued"]
        with qtbot.waitSignals([panel.fetcher.page_done] * 1, timeout=5000):
            panel.fetcher.cancel(ids[3])
        assert panel.row_status(ids[3]) == "Pending"
        release.set()
        qtbot.waitUntil(lambda: all(panel.row_status(i) in ("Fetched", "Pending") for i in ids), timeout=15000)
        assert [pages.get_page(db, i).state for i in ids] == ["fetched", "fetched", "fetched", "pending"]
    finally:
        release.set()


def test_pages_waiting_for_a_network_are_retried_by_themselves(qtbot, panel, web, db):
    web.expect_request("/nyheter").respond_with_data("<p>Nu är nätet tillbaka.</p>", content_type="text/html")
    page_id = pages.add_page(db, web.url_for("/nyheter"), prospect_id=panel.prospect_id)
    pages.record_failure(db, page_id, "Could not connect: no network.", "no_network")
    panel.refresh()
    assert panel.row_status(page_id) == "Pending (offline)"
    panel.fetcher.start_auto_retry(20)
    qtbot.waitUntil(lambda: panel.row_status(page_id) == "Fetched", timeout=10000)
    panel.fetcher.retry_timer.stop()
    assert "Nu är nätet tillbaka." in pages.latest_snapshot(db, page_id).text


def test_erasing_the_prospect_during_a_fetch_keeps_nothing(qtbot, panel, web, db):
    from researcher.core.prospects import erase_prospect

    release = threading.Event()

    def stall(request: Request) -> Response:
        release.wait(20)
        return Response("<p>Hemligt</p>", content_type="text/html")

    web.expect_request("/x").respond_with_handler(stall)
    [page_id] = panel.add_urls(web.url_for("/x"))
    prospect = panel.prospect_id
    panel.show_prospect(None)
    erase_prospect(db, prospect)
    messages = []
    panel.fetcher.message.connect(messages.append)
    with qtbot.waitSignal(panel.fetcher.page_done, timeout=10000):
        release.set()
    assert db.execute("SELECT count(*) FROM pages").fetchone()[0] == 0
    assert any("removed while" in m for m in messages)


def test_remove_page_asks_first(qtbot, panel, db, monkeypatch):
    from researcher.ui.confirm import Confirm

    with qtbot.waitSignal(panel.imported, timeout=10000):
        panel.import_text("Karin Åström\nVd, Norrsken Logistik")
    page_id = panel.current_page_id()
    answers = [False, True]
    asked = []
    monkeypatch.setattr(Confirm, "ask", staticmethod(lambda *args: asked.append(args[2]) or answers.pop(0)))
    qtbot.mouseClick(panel.reader.remove_button, Qt.MouseButton.LeftButton)
    assert pages.list_pages(db, prospect_id=panel.prospect_id)[0].id == page_id
    qtbot.mouseClick(panel.reader.remove_button, Qt.MouseButton.LeftButton)
    assert pages.list_pages(db, prospect_id=panel.prospect_id) == []
    assert asked == ["Remove “Karin Åström”?"] * 2 and not panel.reader.remove_button.isEnabled()
