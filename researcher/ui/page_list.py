"""The Research tab's lists: the pages kept (with their fetch status) and the facts found on them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QTreeWidget, QTreeWidgetItem, QWidget

from researcher.core.facts import Fact
from researcher.core.pages import PageInfo

STATE_TEXT = {"pending": "Pending", "fetched": "Fetched", "failed": "Failed"}
PAGE_ROLE = Qt.ItemDataRole.UserRole


def status_text(info: PageInfo, activity: str | None) -> str:
    """What the Status column says about a page (``activity``: 'Fetching…', 'Queued' or None)."""
    if activity:
        return activity
    if info.state == "pending" and info.error:
        return "Pending (offline)"
    if info.state == "failed" and info.snapshots:
        return "Re-fetch failed"
    return STATE_TEXT.get(info.state, info.state)


def source_text(url: str, date: str | None) -> str:
    """A short source: 'routakivi.fi/uutiset/… · 2026-11-10'."""
    parts = urlsplit(url)
    short = (parts.netloc.removeprefix("www.") + parts.path.rstrip("/")) if parts.netloc else url
    return f"{short} · {date}" if date else short


class PageList(QTabWidget):
    """Two tabs, Pages and Facts. Signals: page_selected(page_id)."""

    page_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, documentMode=True)
        self.page_tree = QTreeWidget(objectName="pageTree", rootIsDecorated=False, uniformRowHeights=True)
        self.page_tree.setHeaderLabels(["Page", "Status", "Captured"])
        self.page_tree.setColumnWidth(0, 330)
        self.page_tree.setColumnWidth(1, 120)
        self.fact_tree = QTreeWidget(objectName="factTree", rootIsDecorated=False)
        self.fact_tree.setHeaderLabels(["Fact", "Value", "Source"])
        self.fact_tree.setColumnWidth(0, 110)
        self.fact_tree.setColumnWidth(1, 260)
        self.addTab(self.page_tree, "Pages")
        self.addTab(self.fact_tree, "Facts")
        self.page_tree.currentItemChanged.connect(self.on_current_item_changed)

    def fill(self, infos: Iterable[PageInfo], facts: Iterable[Fact], *, activity: Callable[[int], str | None],
             select: int | None = None) -> None:
        """Show these pages and facts, keeping (or making) ``select`` the current page."""
        self.page_tree.blockSignals(True)
        self.page_tree.clear()
        chosen = None
        for info in infos:
            item = QTreeWidgetItem([info.title or info.url, status_text(info, activity(info.id)),
                                    (info.captured_at or "")[:16].replace("T", " ")])
            item.setData(0, PAGE_ROLE, info.id)
            item.setToolTip(0, info.url)
            item.setToolTip(1, info.error or "")
            self.page_tree.addTopLevelItem(item)
            if info.id == select:
                chosen = item
        self.page_tree.blockSignals(False)
        if chosen is not None:
            self.page_tree.setCurrentItem(chosen)
            self.on_current_item_changed(chosen, None)
        self.fact_tree.clear()
        for fact in facts:
            item = QTreeWidgetItem([fact.kind.replace("_", " "), fact.value, source_text(fact.url, fact.date)])
            item.setToolTip(2, fact.url)
            self.fact_tree.addTopLevelItem(item)

    def clear_all(self) -> None:
        self.page_tree.clear()
        self.fact_tree.clear()

    def current_page_id(self) -> int | None:
        item = self.page_tree.currentItem()
        return int(item.data(0, PAGE_ROLE)) if item is not None else None

    def _item(self, page_id: int) -> QTreeWidgetItem | None:
        for index in range(self.page_tree.topLevelItemCount()):
            item = self.page_tree.topLevelItem(index)
            if item.data(0, PAGE_ROLE) == page_id:
                return item
        return None

    def row_status(self, page_id: int) -> str | None:
        """The status shown for a page's row, or None when the page is not listed."""
        item = self._item(page_id)
        return item.text(1) if item is not None else None

    def set_row_status(self, page_id: int, text: str) -> None:
        item = self._item(page_id)
        if item is not None:
            item.setText(1, text)

    def on_current_item_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.page_selected.emit(int(current.data(0, PAGE_ROLE)))
