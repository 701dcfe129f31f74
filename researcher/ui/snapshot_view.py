"""Read a stored snapshot safely: escaped text in a browser that never loads anything remote."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget,
)

from researcher.core.pages import Changes, Snapshot


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that opens no links itself and loads no images, styles or other resources."""

    def __init__(self, parent: QWidget | None = None, **properties: Any) -> None:
        super().__init__(parent, **properties)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.blocked: list[str] = []

    def loadResource(self, kind: int, name: QUrl) -> Any:  # noqa: N802 (Qt override)
        self.blocked.append(name.toString())
        return None


def snapshot_html(snapshot: Snapshot) -> str:
    """The snapshot as simple, fully escaped HTML: a header, then headings and paragraphs."""
    e = html.escape
    url = snapshot.final_url or snapshot.url
    meta = [f"Captured {e(snapshot.captured_at[:16].replace('T', ' '))} UTC"]
    if snapshot.published:
        meta.insert(0, f"Published {e(snapshot.published)}")
    if snapshot.site_name:
        meta.insert(0, e(snapshot.site_name))
    parts = [f"<h2>{e(snapshot.title or url)}</h2>",
             f"<p style='color:#666'>{' · '.join(meta)}<br>{e(url)}</p>"]
    if snapshot.description:
        parts.append(f"<p><i>{e(snapshot.description)}</i></p>")
    for block in re.split(r"\n\s*\n", snapshot.text):
        block = block.strip()
        if not block:
            continue
        level = len(block) - len(block.lstrip("#"))
        if 0 < level <= 3 and block[level:level + 1] == " ":
            parts.append(f"<h{level + 2}>{e(block[level + 1:])}</h{level + 2}>")
        else:
            parts.append("<p>" + e(block).replace("\n", "<br>") + "</p>")
    if not snapshot.text.strip():
        parts.append("<p><i>No readable text was found on this page.</i></p>")
    return "\n".join(parts)


def changes_html(changes: Changes) -> str:
    """Added and removed sentences, escaped."""
    e = html.escape
    if not changes.changed:
        return "<p>Nothing changed between the last two snapshots.</p>"
    parts = ["<h3>What changed since the previous snapshot</h3>"]
    if changes.added:
        parts.append("<h4>Added</h4>" + "".join(f"<p style='color:#1a7f37'>+ {e(s)}</p>" for s in changes.added))
    if changes.removed:
        parts.append("<h4>Removed</h4>" + "".join(f"<p style='color:#b42318'>− {e(s)}</p>" for s in changes.removed))
    return "".join(parts)


class SnapshotView(QWidget):
    """Reader for one page. Signals: refetch_requested(page_id), history_selected(snapshot_id),
    remove_requested(page_id)."""

    refetch_requested = Signal(int)
    history_selected = Signal(int)
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = SafeBrowser(objectName="snapshotBrowser")
        self.history = QComboBox(toolTip="Earlier snapshots of this page")
        self.history.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.open_button = QPushButton("Open original", toolTip="Open the page in your web browser")
        self.refetch_button = QPushButton("Re-fetch", toolTip="Fetch the page again; the old snapshot stays")
        self.changes_button = QPushButton("What changed", checkable=True)
        self.remove_button = QPushButton("Remove…", toolTip="Delete this page with its snapshots and facts")
        self.status = QLabel(objectName="mutedLabel", wordWrap=True)
        bar = QHBoxLayout()
        for widget in (self.history, self.open_button, self.refetch_button, self.changes_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.browser, 1)
        self.page_id: int | None = None
        self.snapshot: Snapshot | None = None
        self._changes: Changes | None = None
        self.open_button.clicked.connect(self.on_open_clicked)
        self.refetch_button.clicked.connect(self.on_refetch_clicked)
        self.changes_button.toggled.connect(self.on_changes_toggled)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.history.activated.connect(self.on_history_activated)
        self.clear()

    def clear(self, message: str = "Select a page to read its snapshot.") -> None:
        self.page_id, self.snapshot, self._changes = None, None, None
        self.browser.setHtml(f"<p style='color:#666'>{html.escape(message)}</p>")
        self.history.clear()
        self.history.addItem("No snapshot")
        self.status.clear()
        for widget in (self.history, self.open_button, self.refetch_button, self.changes_button, self.remove_button):
            widget.setEnabled(False)

    def show_page(self, page_id: int, url: str, snapshot: Snapshot | None, history: list[tuple[int, str]],
                  changes: Changes | None, status: str = "", *, can_refetch: bool = True) -> None:
        """Show a page: its snapshot (or a note that it has none yet), history and the change view."""
        self.page_id, self.snapshot, self._changes = page_id, snapshot, changes
        self.history.clear()
        for snapshot_id, captured in reversed(history):
            self.history.addItem(f"Snapshot of {captured[:16].replace('T', ' ')}", snapshot_id)
        if snapshot is not None:
            self.history.setCurrentIndex(max(0, self.history.findData(snapshot.id)))
        self.history.setEnabled(len(history) > 1)
        self.open_button.setEnabled(url.startswith(("http://", "https://")))
        self.open_button.setProperty("url", url)
        self.refetch_button.setEnabled(can_refetch and url.startswith(("http://", "https://")))
        self.changes_button.setEnabled(changes is not None)
        self.remove_button.setEnabled(True)
        self.changes_button.setChecked(False)
        self.status.setText(status)
        self.status.setVisible(bool(status))
        self._render()

    def _render(self) -> None:
        if self.changes_button.isChecked() and self._changes is not None:
            self.browser.setHtml(changes_html(self._changes))
        elif self.snapshot is not None:
            self.browser.setHtml(snapshot_html(self.snapshot))
        else:
            self.browser.setHtml("<p style='color:#666'>This page has no snapshot yet.</p>")

    def find_match(self, terms: list[str]) -> bool:
        """Scroll to and select the first of ``terms`` found in the reader; True when found."""
        for term in terms:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            if self.browser.find(term, QTextDocument.FindFlag(0)):
                self.browser.ensureCursorVisible()
                return True
        return False

    @staticmethod
    def open_url(url: str) -> bool:
        """Open an address in the desktop's web browser (replaced in tests)."""
        return QDesktopServices.openUrl(QUrl(url))

    def on_open_clicked(self) -> None:
        url = self.open_button.property("url")
        if url:
            type(self).open_url(str(url))

    def on_refetch_clicked(self) -> None:
        if self.page_id is not None:
            self.refetch_requested.emit(self.page_id)

    def on_remove_clicked(self) -> None:
        if self.page_id is not None:
            self.remove_requested.emit(self.page_id)

    def on_changes_toggled(self, _checked: bool) -> None:
        self._render()

    def on_history_activated(self, index: int) -> None:
        snapshot_id = self.history.itemData(index)
        if snapshot_id is not None and (self.snapshot is None or snapshot_id != self.snapshot.id):
            self.history_selected.emit(int(snapshot_id))
