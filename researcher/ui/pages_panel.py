"""The Research tab: add pages, research the company site, read snapshots, see facts and changes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QSplitter, QVBoxLayout, QWidget

from researcher.core import pages, research
from researcher.core.errors import UserError
from researcher.core.facts import prospect_facts
from researcher.core.politeness import Politeness
from researcher.core.prospects import get_prospect
from researcher.core.settings import get_setting
from researcher.ui.confirm import Confirm
from researcher.ui.page_fetcher import PageFetcher
from researcher.ui.page_list import PageList
from researcher.ui.panel_context import PanelContext
from researcher.ui.research_bar import ResearchBar
from researcher.ui.snapshot_view import SnapshotView


class PagesPanel(QWidget):
    """Per-prospect research tab. Signals: prospect_changed(id) after pages were stored;
    status_changed(text) for progress and errors worth a glance; imported(page_id) when a saved
    file or pasted text has been stored."""

    title = "Research"
    prospect_changed = Signal(int)
    status_changed = Signal(str)
    imported = Signal(int)

    def __init__(self, ctx: PanelContext, *, politeness: Politeness | None = None, max_pages: int = 12,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = ctx.db
        self.fetcher = PageFetcher(ctx.db, ctx.runner, politeness or Politeness(), self)
        self.max_pages = int(get_setting(ctx.db, "research.max_pages", max_pages))
        self.prospect_id: int | None = None
        self.company_id: int | None = None
        self._shown: tuple[object, ...] | None = None
        self.setAcceptDrops(True)
        self._build()
        self.fetcher.page_started.connect(self.on_page_started)
        self.fetcher.page_done.connect(self.on_page_done)
        self.fetcher.research_progressed.connect(self.on_research_progressed)
        self.fetcher.research_stored.connect(self.on_research_stored)
        self.fetcher.research_done.connect(self.on_research_done)
        self.fetcher.message.connect(self._say)
        self.fetcher.imported.connect(self.on_imported)
        self.fetcher.start_auto_retry()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.bar = ResearchBar()
        bar = self.bar
        self.url_edit, self.fetch_button, self.suggestions = bar.url_edit, bar.fetch_button, bar.suggestions
        self.company_check, self.research_button = bar.company_check, bar.research_button
        self.import_button, self.paste_button = bar.import_button, bar.paste_button
        self.pending_button, self.cancel_button, self.progress = bar.pending_button, bar.cancel_button, bar.progress
        self.status = QLabel(objectName="mutedLabel", wordWrap=True)
        self.lists = PageList()
        self.page_tree, self.fact_tree = self.lists.page_tree, self.lists.fact_tree
        self.reader = SnapshotView()
        splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        splitter.addWidget(self.lists)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self.url_edit.returnPressed.connect(self.on_fetch_clicked)
        self.fetch_button.clicked.connect(self.on_fetch_clicked)
        self.suggestions.activated.connect(self.on_suggestion_activated)
        self.research_button.clicked.connect(self.on_research_clicked)
        self.import_button.clicked.connect(self.on_import_clicked)
        self.paste_button.clicked.connect(self.on_paste_clicked)
        self.pending_button.clicked.connect(self.on_pending_clicked)
        self.cancel_button.clicked.connect(self.on_cancel_clicked)
        self.lists.page_selected.connect(self.on_page_selected)
        self.reader.refetch_requested.connect(self.on_refetch_requested)
        self.reader.history_selected.connect(self.on_history_selected)
        self.reader.remove_requested.connect(self.on_remove_requested)
        self._update_buttons()

    # --- showing --------------------------------------------------------------------------
    def show_prospect(self, prospect_id: int | None) -> None:
        """Show the pages of a prospect and their company (None clears the tab)."""
        self.prospect_id = prospect_id
        self.company_id = get_prospect(self._db, prospect_id).company_id if prospect_id is not None else None
        self.refresh()

    def refresh(self, *, select: int | None = None) -> None:
        """Re-read the pages, facts and suggestions; keep the current page (or select ``select``)."""
        current = select if select is not None else self.current_page_id()
        if self.prospect_id is None:
            self.lists.clear_all()
            self._shown = None
            self.reader.clear()
        else:
            self.lists.fill(pages.list_pages(self._db, prospect_id=self.prospect_id, company_id=self.company_id),
                            prospect_facts(self._db, self.prospect_id), activity=self.fetcher.activity,
                            select=current)
            if self.lists.current_page_id() is None:
                self._shown = None
                self.reader.clear()
        self._fill_suggestions()
        self._update_buttons()

    def _fill_suggestions(self) -> None:
        self.bar.set_suggestions(research.suggestions(self._db, self.prospect_id) if self.prospect_id is not None else [])

    def on_suggestion_activated(self, index: int) -> None:
        item = self.suggestions.itemData(index)
        self.suggestions.setCurrentIndex(0)
        if item is None:
            return
        if item.fetchable:
            self.add_urls(item.url)
        else:
            SnapshotView.open_url(item.url)
            self._say("That site needs a login: use “Save page as…” in your browser, then Import saved page.")

    def current_page_id(self) -> int | None:
        return self.lists.current_page_id()

    def row_status(self, page_id: int) -> str | None:
        """The status shown for a page's row (for tests and accessibility)."""
        return self.lists.row_status(page_id)

    def open_page(self, page_id: int, terms: list[str] | None = None) -> None:
        """Select a page and scroll the reader to the first matching term."""
        self.refresh(select=page_id)
        self.lists.setCurrentIndex(0)
        if terms:
            self.reader.find_match(terms)

    def _show_reader(self, page_id: int, snapshot_id: int | None = None) -> None:
        info = pages.get_page(self._db, page_id)
        fetching = self.fetcher.is_fetching(page_id)
        key = (page_id, snapshot_id or info.snapshot_id, info.state, info.error, fetching)
        if key == self._shown:
            return  # unchanged: keep the reader's scroll position while other pages arrive
        self._shown = key
        snapshot = pages.get_snapshot(self._db, snapshot_id) if snapshot_id else pages.latest_snapshot(self._db, page_id)
        status = info.error or ""
        if info.state == "pending" and not info.error:
            status = "Waiting to be fetched."
        self.reader.show_page(page_id, info.url, snapshot, pages.snapshot_list(self._db, page_id),
                              pages.changes_since_previous(self._db, page_id), status,
                              can_refetch=info.source == "fetched" and not fetching)

    def _update_buttons(self) -> None:
        has = self.prospect_id is not None
        for widget in (self.url_edit, self.fetch_button, self.company_check, self.import_button, self.paste_button):
            widget.setEnabled(has)
        self.research_button.setEnabled(has and self.company_id is not None and not self.fetcher.researching)
        waiting = has and bool(pages.pending_pages(self._db, prospect_id=self.prospect_id, company_id=self.company_id))
        self.pending_button.setEnabled(waiting)
        self.cancel_button.setEnabled(self.fetcher.busy)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status_changed.emit(text)

    def _owner(self) -> dict[str, int]:
        if self.company_check.isChecked() and self.company_id is not None:
            return {"company_id": self.company_id}
        return {"prospect_id": int(self.prospect_id or 0)}

    # --- fetching -------------------------------------------------------------------------
    def add_urls(self, text: str) -> list[int]:
        """Register the addresses found in ``text`` and fetch them in the background."""
        urls = research.parse_urls(text)
        if self.prospect_id is None:
            return []
        if not urls:
            self._say("No web address found; paste an address starting with http:// or https://.")
            return []
        try:
            ids = research.add_urls(self._db, urls, **self._owner())
        except UserError as error:
            self._say(str(error))
            return []
        self.url_edit.clear()
        self.refresh(select=ids[-1])
        for page_id in ids:
            self.fetcher.fetch(page_id)
        self.prospect_changed.emit(self.prospect_id)
        return ids

    def on_page_started(self, page_id: int) -> None:
        self.lists.set_row_status(page_id, self.fetcher.activity(page_id) or "")
        self._update_buttons()

    def on_page_done(self, _page_id: int) -> None:
        if self.prospect_id is not None:
            self.refresh()
            self.prospect_changed.emit(self.prospect_id)

    def on_fetch_clicked(self) -> None:
        self.add_urls(self.url_edit.text())

    def on_pending_clicked(self) -> None:
        for info in pages.pending_pages(self._db, prospect_id=self.prospect_id, company_id=self.company_id):
            if info.source == "fetched":
                self.fetcher.fetch(info.id)

    def on_refetch_requested(self, page_id: int) -> None:
        self.fetcher.fetch(page_id)

    def on_cancel_clicked(self) -> None:
        self.fetcher.cancel(self.current_page_id())
        self._say("Cancelling…")

    # --- company site research ------------------------------------------------------------
    def on_research_clicked(self) -> None:
        try:
            company_id, website = research.company_website(self._db, int(self.prospect_id or 0))
        except UserError as error:
            self._say(str(error))
            return
        self.bar.show_progress(0, self.max_pages)
        self.fetcher.research(company_id, website, self.max_pages)
        self._update_buttons()

    def on_research_progressed(self, done: int, total: int, url: str) -> None:
        self.bar.show_progress(done, total)
        if url:
            self._say(f"Researching: page {done + 1} of up to {total} — {url}")

    def on_research_stored(self, _page_id: int) -> None:
        if self.prospect_id is not None:
            self.refresh()

    def on_research_done(self, _company_id: int) -> None:
        self.progress.setVisible(False)
        if self.prospect_id is not None:
            self.refresh()
            self.prospect_changed.emit(self.prospect_id)

    # --- importing ------------------------------------------------------------------------
    @classmethod
    def ask_saved_file(cls, parent: QWidget) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Import a saved web page", "",
                                              "Web pages and text (*.html *.htm *.xhtml *.mhtml *.mht *.txt);;All files (*)")
        return Path(name) if name else None

    @classmethod
    def ask_pasted_text(cls, parent: QWidget) -> str | None:
        text, ok = QInputDialog.getMultiLineText(parent, "Paste text",
                                                 "Paste the page's text (e.g. a LinkedIn profile):")
        return text if ok else None

    def import_file(self, path: Path, *, url: str | None = None) -> None:
        """Read a saved page in the background and keep it (``imported`` tells when it is stored)."""
        from researcher.core.saved_page import capture_file

        self._start_import(partial(capture_file, path, url=url), path.name)

    def import_text(self, text: str) -> None:
        """Keep pasted text as a page (in the background, like a file)."""
        from researcher.core.saved_page import capture_text

        self._start_import(partial(capture_text, text), "the pasted text")

    def _start_import(self, make: Callable[[], Any], label: str) -> None:
        if self.prospect_id is not None:
            self.fetcher.import_capture(make, label, self._owner())

    def on_imported(self, page_id: int) -> None:
        if self.prospect_id is not None:
            self.open_page(page_id)
            self.prospect_changed.emit(self.prospect_id)
        self.imported.emit(page_id)

    def on_import_clicked(self) -> None:
        path = type(self).ask_saved_file(self)
        if path is not None:
            self.import_file(path)

    def on_paste_clicked(self) -> None:
        text = type(self).ask_pasted_text(self)
        if text:
            self.import_text(text)

    # --- reader ---------------------------------------------------------------------------
    def on_page_selected(self, page_id: int) -> None:
        self._show_reader(page_id)

    def on_remove_requested(self, page_id: int) -> None:
        info = pages.get_page(self._db, page_id)
        if not Confirm.ask(self, "Remove page", f"Remove “{info.title or info.url}”?",
                           "Its snapshots and the facts found on it are deleted too.", "Remove page"):
            return
        self.fetcher.cancel(page_id)
        pages.delete_page(self._db, page_id)
        self._say("Page removed.")
        self.refresh()
        if self.prospect_id is not None:
            self.prospect_changed.emit(self.prospect_id)

    def on_history_selected(self, snapshot_id: int) -> None:
        if self.reader.page_id is not None:
            self._show_reader(self.reader.page_id, snapshot_id)

    # --- drag and drop --------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if self.prospect_id is not None and (event.mimeData().hasUrls() or event.mimeData().hasText()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        mime = event.mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        web = [u.toString() for u in mime.urls() if u.scheme() in ("http", "https")]
        for name in files:
            self.import_file(Path(name))
        if web or (not files and mime.hasText()):
            self.add_urls(" ".join(web) or mime.text())
        event.acceptProposedAction()

