"""Today's call list: who can be called now in their local time, who later, and who not (and why)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget
from sqlite_utils import Database

from researcher.core.call_list import CallList, CallListEntry, build_call_list

REFRESH_MS = 60_000
COLUMNS = ("Name", "Company", "Local time", "Readiness", "Due", "Why / screening")
_BLOCKED = QColor("#b3261e")
_LATER = QColor("#6b6b6b")


class CallListPanel(QWidget):
    """Signals: open_requested(prospect id), call_mode_requested(prospect id, queue of ids)."""

    open_requested = Signal(int)
    call_mode_requested = Signal(int, list)

    def __init__(self, db: Database, *, clock: Callable[[], datetime] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="callListPanel")
        self._db = db
        self._clock = clock or (lambda: datetime.now(UTC))
        self.call_list: CallList | None = None
        self.title = QLabel(objectName="callListTitle")
        self.tree = QTreeWidget(objectName="callListTree")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self.on_item_activated)
        self.groups = {key: QTreeWidgetItem(self.tree) for key in ("now", "later", "blocked")}
        for group in self.groups.values():
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
        self.refresh_button = QPushButton("Refresh", objectName="refreshCallList")
        self.refresh_button.clicked.connect(self.refresh)
        self.call_button = QPushButton("Start call mode (F9)", objectName="startCallMode")
        self.call_button.clicked.connect(self.on_start_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.call_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def showEvent(self, event: object) -> None:  # noqa: N802
        self.refresh()
        self._timer.start()
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:  # noqa: N802
        self._timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def refresh(self) -> None:
        """Rebuild the list for today at the current time."""
        now = self._clock()
        self.call_list = build_call_list(self._db, now=now)
        parts = {"now": self.call_list.callable_now, "later": self.call_list.out_of_window,
                 "blocked": self.call_list.blocked}
        titles = {"now": "Call now", "later": "Later — outside their calling window", "blocked": "Do not call"}
        for key, entries in parts.items():
            group = self.groups[key]
            group.takeChildren()
            group.setText(0, f"{titles[key]} ({len(entries)})")
            for entry in entries:
                group.addChild(self._item(entry, key))
            group.setExpanded(True)
        self.title.setText(f"<b>Call list for {self.call_list.day.isoformat()}</b> — {len(self.queue())} to call")
        self.call_button.setEnabled(bool(self.queue()))
        for column in range(len(COLUMNS) - 1):
            self.tree.resizeColumnToContents(column)

    def _item(self, entry: CallListEntry, key: str) -> QTreeWidgetItem:
        local = f"{entry.local_time:%a %H:%M} ({entry.timezone.split('/')[-1].replace('_', ' ')})"
        why = entry.reason if key != "now" else entry.screening
        if key == "later" and entry.next_window_start:
            why += f" — next {entry.next_window_start:%a %H:%M}"
        item = QTreeWidgetItem([entry.name, entry.company, local, entry.readiness_summary, entry.due, why])
        item.setData(0, Qt.ItemDataRole.UserRole, entry.prospect_id)
        item.setToolTip(5, why)
        if key != "now":
            for column in range(len(COLUMNS)):
                item.setForeground(column, QBrush(_BLOCKED if key == "blocked" else _LATER))
        return item

    def queue(self) -> list[int]:
        """The ids to call today, in calling order."""
        return [e.prospect_id for e in self.call_list.queue()] if self.call_list else []

    def entries(self, key: str) -> list[str]:
        """The names shown in one part ('now', 'later' or 'blocked')."""
        group = self.groups[key]
        return [group.child(i).text(0) for i in range(group.childCount())]

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        value = item.data(0, Qt.ItemDataRole.UserRole)
        if value is not None:
            self.open_requested.emit(int(value))

    def on_start_clicked(self) -> None:
        queue = self.queue()
        chosen = self.selected_id()
        start = chosen if chosen in queue else (queue[0] if queue else None)
        if start is not None:
            self.call_mode_requested.emit(start, queue)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_F9:
            self.on_start_clicked()
            return
        super().keyPressEvent(event)
