"""Search everything (Ctrl+Shift+F): pages, notes and interactions of all prospects; a hit opens its source."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QStyle, QStyledItemDelegate,
    QStyleOptionViewItem, QVBoxLayout, QWidget,
)
from sqlite_utils import Database

from researcher.core.search import SearchHit, marked_terms, search_all

HIT_ROLE = Qt.ItemDataRole.UserRole
KIND_LABELS = {"page": "Page", "note": "Note", "interaction": "Interaction"}
DEBOUNCE_MS = 150


def hit_html(hit: SearchHit, prospect: str) -> str:
    """A result as escaped rich text with the matched words in bold."""
    snippet = re.sub(r"\[([^\[\]]+)\]", r"<b>\1</b>", html.escape(hit.snippet.replace("\n", " ")))
    title = re.sub(r"\[([^\[\]]+)\]", r"\1", hit.title)
    who = f" · {html.escape(prospect)}" if prospect else ""
    return (f"<b>{html.escape(title)}</b> <span style='color:#666'>{KIND_LABELS.get(hit.kind, hit.kind)}"
            f"{who}{' · ' + html.escape(hit.date) if hit.date else ''}</span><br>{snippet}")


class HitDelegate(QStyledItemDelegate):
    """Draws each result's rich text (title, source, snippet with bold matches)."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(index.data(Qt.ItemDataRole.DisplayRole) or "")
        document.setTextWidth(max(option.rect.width(), 200))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text, option.text = option.text, ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        document = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        document.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        self.initStyleOption(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 4)


class SearchDialog(QDialog):
    """Signals: open_requested(SearchHit) when the rep opens a result (Enter or double-click)."""

    open_requested = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search everything")
        self.resize(720, 520)
        self._db = db
        self.query_edit = QLineEdit(placeholderText="Search pages, notes and interactions of all prospects",
                                    clearButtonEnabled=True)
        self.results = QListWidget(objectName="searchResults", wordWrap=True, uniformItemSizes=False)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.count_label = QLabel(objectName="mutedLabel")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.count_label)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(self.on_query_changed)
        self.query_edit.returnPressed.connect(self.on_return_pressed)
        self.results.itemActivated.connect(self.on_item_activated)
        self.hits: list[SearchHit] = []

    def on_query_changed(self, _text: str) -> None:
        self._timer.start()

    def run_search(self) -> None:
        """Search now for what is typed and show the ranked hits."""
        self._timer.stop()
        query = self.query_edit.text()
        self.hits = search_all(self._db, query) if query.strip() else []
        names = self._prospect_names({h.prospect_id for h in self.hits} - {None},
                                     {h.company_id for h in self.hits if h.prospect_id is None} - {None})
        self.results.clear()
        for hit in self.hits:
            who = names.get(("p", hit.prospect_id)) if hit.prospect_id else names.get(("c", hit.company_id), "")
            item = QListWidgetItem(hit_html(hit, who or ""))
            item.setData(HIT_ROLE, hit)
            self.results.addItem(item)
        if self.hits:
            self.results.setCurrentRow(0)
        self.count_label.setText(f"{len(self.hits)} results" if query.strip() else "")
        if query.strip() and not self.hits:
            self.count_label.setText("Nothing found. Try fewer or shorter words.")

    def _prospect_names(self, prospects: set[Any], companies: set[Any]) -> dict[tuple[str, int], str]:
        names: dict[tuple[str, int], str] = {}
        if prospects:
            marks = ",".join("?" * len(prospects))
            for row in self._db.query(f"SELECT id, name FROM prospects WHERE id IN ({marks})", list(prospects)):
                names[("p", row["id"])] = row["name"]
        if companies:
            marks = ",".join("?" * len(companies))
            for row in self._db.query(f"SELECT id, name FROM companies WHERE id IN ({marks})", list(companies)):
                names[("c", row["id"])] = row["name"]
        return names

    def on_return_pressed(self) -> None:
        if self._timer.isActive() or not self.hits:
            self.run_search()
        item = self.results.currentItem()
        if item is not None:
            self.on_item_activated(item)

    def on_item_activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(item.data(HIT_ROLE))
        self.accept()


def prospect_for_hit(db: Database, hit: SearchHit) -> int | None:
    """The prospect to open for a hit: its own, or the first person at the hit's company."""
    if hit.prospect_id is not None:
        return hit.prospect_id
    if hit.company_id is None:
        return None
    row = next(iter(db.query("SELECT id FROM prospects WHERE company_id = ? ORDER BY name LIMIT 1",
                             [hit.company_id])), None)
    return int(row["id"]) if row else None


def open_hit(window: Any, hit: SearchHit) -> bool:
    """Show the hit's prospect and its source: the page scrolled to the match, or the timeline entry."""
    prospect_id = prospect_for_hit(window.db, hit)
    if prospect_id is None:
        window.show_message("This result belongs to a company with no people yet.")
        return False
    if not window.prospect_list.select_id(prospect_id):
        window.panel.show_prospect(prospect_id)
    panel = window.panel
    if "PagesPanel" not in panel.tab_widgets and hasattr(panel, "add_remaining_tabs"):
        panel.add_remaining_tabs()  # tabs after the first ones are built after the first paint
    if hit.kind == "page":
        tab = panel.tab_widgets["PagesPanel"]
        panel.tabs.setCurrentWidget(tab)
        tab.open_page(hit.ref_id, marked_terms(hit.snippet) or marked_terms(hit.title))
        return True
    tab = panel.tab_widgets["TimelinePanel"]
    panel.tabs.setCurrentWidget(tab)
    for row in range(tab.model.rowCount()):
        index = tab.model.index(row, 0)
        entry = index.data(Qt.ItemDataRole.UserRole + 1)
        if entry.id == hit.ref_id and (entry.kind == "note") == (hit.kind == "note"):
            tab.view.setCurrentIndex(index)
            tab.view.scrollTo(index)
            return True
    return False


def install(window: Any) -> None:
    """Add "Search everything…" (Ctrl+Shift+F) to the window's Tools menu."""
    action = QAction("&Search everything…", window)
    action.setShortcuts([QKeySequence("Ctrl+Shift+F")])
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.setToolTip("Search pages, notes and interactions of all prospects (Ctrl+Shift+F)")

    def on_triggered() -> None:
        dialog = getattr(window, "search_dialog", None)
        if dialog is None:
            dialog = SearchDialog(window.db, window)
            dialog.open_requested.connect(lambda hit: open_hit(window, hit))
            window.search_dialog = dialog
        dialog.show()
        dialog.activateWindow()
        dialog.query_edit.setFocus()
        dialog.query_edit.selectAll()

    action.triggered.connect(on_triggered)
    window.add_tool_action(action)
    window.search_action = action
