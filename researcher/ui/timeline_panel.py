"""A prospect's timeline: interactions and notes together, newest first, drawn by one delegate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt,
                            Signal)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListView, QMenu, QPushButton, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget)
from researcher.core.interactions import timeline
from researcher.core.models import TimelineEntry
from researcher.ui.icons import icon
from researcher.ui.look import empty_hint, muted
from researcher.ui.panel_context import PanelContext
from researcher.ui.prospect_rows import short_datetime

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_BODY_LINES = 4
_PAD = 10
_ICON = 22
_KIND_ICONS = {"note": "note", "call": "call", "email": "email", "meeting": "meeting",
               "linkedin": "linkedin", "other": "other"}
_DETAIL_LABELS = {"direction": "", "outcome": "", "next_step": "Next step", "follow_up": "Follow-up",
                  "source": "Source"}


def plain_body(entry: TimelineEntry) -> str:
    """The entry's text without Markdown marks (notes are written in Markdown)."""
    if entry.kind != "note" or not any(mark in entry.body for mark in "*_#`[>-"):
        return entry.body
    document = QTextDocument()
    document.setMarkdown(entry.body)
    return document.toPlainText()


def detail_line(entry: TimelineEntry) -> str:
    parts = []
    for key, value in entry.details.items():
        if key == "outcome":
            continue  # already in the title
        label = _DETAIL_LABELS.get(key, key.replace("_", " ").capitalize())
        parts.append(f"{label}:\u00a0{value}" if label else value.capitalize())
    return "  ·  ".join(parts)


class TimelineModel(QAbstractListModel):
    """The entries of one timeline; plain text of note bodies is made when first drawn."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[TimelineEntry] = []
        self._plain: dict[int, str] = {}

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self._plain = {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            if index.row() not in self._plain:
                self._plain[index.row()] = plain_body(entry)
            return self._plain[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.body or None
        return None


class TimelineDelegate(QStyledItemDelegate):
    """Draws one entry as a card: kind icon, title, local date and time, details, body."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1, 7))
        return base, bold, small

    @staticmethod
    def _wrapped(font: QFont, text: str, width: int, lines: int = 2) -> QRect:
        metrics = QFontMetrics(font)
        bounded = metrics.boundingRect(QRect(0, 0, max(width, 50), 10_000), Qt.TextFlag.TextWordWrap, text)
        return QRect(0, 0, bounded.width(), min(bounded.height(), metrics.lineSpacing() * lines))

    def _body_rect(self, option: QStyleOptionViewItem, text: str, width: int) -> QRect:
        metrics = QFontMetrics(option.font)
        bounded = metrics.boundingRect(QRect(0, 0, max(width, 50), 10_000), Qt.TextFlag.TextWordWrap, text)
        return QRect(0, 0, bounded.width(), min(bounded.height(), metrics.lineSpacing() * _BODY_LINES))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        entry: TimelineEntry = index.data(ENTRY_ROLE)
        width = max(self._view.viewport().width(), 200)
        text_width = width - 3 * _PAD - _ICON
        _base, bold, small = self._fonts(option)
        height = _PAD + QFontMetrics(bold).lineSpacing()
        details = detail_line(entry)
        if details:
            height += self._wrapped(small, details, text_width).height() + 2
        body = index.data()
        if body:
            height += 4 + self._body_rect(option, body, text_width).height()
        return QSize(width, height + _PAD + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        entry: TimelineEntry = index.data(ENTRY_ROLE)
        base, bold, small = self._fonts(option)
        palette = option.palette
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight).lighter(185))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.left() + _PAD, rect.bottom(), rect.right() - _PAD, rect.bottom())
        icon(_KIND_ICONS.get(entry.kind, "other")).paint(
            painter, QRect(rect.left() + _PAD, rect.top() + _PAD, _ICON, _ICON))
        left = rect.left() + 2 * _PAD + _ICON
        width = rect.right() - _PAD - left
        top = rect.top() + _PAD
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        when = short_datetime(entry.at)
        painter.setFont(small)
        painter.setPen(muted)
        when_width = QFontMetrics(small).horizontalAdvance(when) + 4
        line = QFontMetrics(bold).lineSpacing()
        painter.drawText(QRect(rect.right() - _PAD - when_width, top, when_width, line),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, when)
        painter.setFont(bold)
        painter.setPen(text_color)
        title = QFontMetrics(bold).elidedText(entry.title, Qt.TextElideMode.ElideRight, width - when_width - _PAD)
        painter.drawText(QRect(left, top, width - when_width, line), Qt.AlignmentFlag.AlignVCenter, title)
        top += line
        details = detail_line(entry)
        if details:
            painter.setFont(small)
            painter.setPen(QColor("#2f6fb3") if "Follow-up" in details else muted)
            box = self._wrapped(small, details, width)
            painter.drawText(QRect(left, top + 2, width, box.height()),
                             Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop, details)
            top += box.height() + 2
        body = index.data()
        if body:
            painter.setFont(base)
            painter.setPen(text_color)
            body_rect = self._body_rect(option, body, width)
            painter.drawText(QRect(left, top + 4, width, body_rect.height()),
                             Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop, body)
        painter.restore()


class TimelinePanel(QWidget):
    """The "Timeline" tab. Signals: log_requested(), note_requested(), edit_note_requested(note_id),
    edit_interaction_requested(interaction_id), delete_requested(kind, entry_id)."""

    title = "Timeline"
    log_requested = Signal()
    note_requested = Signal()
    edit_note_requested = Signal(int)
    edit_interaction_requested = Signal(int)
    delete_requested = Signal(str, int)

    def __init__(self, ctx: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = ctx.db
        self.prospect_id: int | None = None
        self.model = TimelineModel(self)
        self.view = QListView(objectName="timelineView")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TimelineDelegate(self.view))
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(40)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self.on_context_menu_requested)
        self.view.activated.connect(self.on_entry_activated)
        self.delete_action = QAction("Delete entry…", self, shortcut=QKeySequence.StandardKey.Delete,
                                     shortcutContext=Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.on_delete_triggered)
        self.view.addAction(self.delete_action)
        self.count_label = muted(QLabel())
        self.log_button = QPushButton(icon("log-interaction"), "Log interaction…")
        self.log_button.setToolTip("Log a call, email, meeting or message (Ctrl+L)")
        self.log_button.clicked.connect(self.log_requested)
        self.note_button = QPushButton(icon("new-note"), "New note…")
        self.note_button.setToolTip("Write a note (Ctrl+Shift+N)")
        self.note_button.clicked.connect(self.note_requested)
        self.empty_label = empty_hint(QLabel("Nothing here yet. Log a call or write a note to start the history.",
                                             alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        bar = QHBoxLayout()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.log_button)
        bar.addWidget(self.note_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)

    def show_prospect(self, prospect_id: int | None) -> None:
        self.prospect_id = prospect_id
        entries = timeline(self._db, prospect_id) if prospect_id is not None else []
        self.model.set_entries(entries)
        notes = sum(1 for entry in entries if entry.kind == "note")
        self.count_label.setText(" · ".join(
            f"{count} {noun}{'' if count == 1 else 's'}"
            for count, noun in ((len(entries) - notes, "interaction"), (notes, "note")) if count))
        self.view.setVisible(bool(entries))
        self.empty_label.setVisible(not entries)
        self.log_button.setEnabled(prospect_id is not None)
        self.note_button.setEnabled(prospect_id is not None)

    def current_entry(self) -> TimelineEntry | None:
        index = self.view.currentIndex()
        return index.data(ENTRY_ROLE) if index.isValid() else None

    def on_entry_activated(self, index: QModelIndex) -> None:
        self.request_edit(index.data(ENTRY_ROLE))

    def request_edit(self, entry: TimelineEntry) -> None:
        """Ask for the note or interaction editor on this entry."""
        if entry.kind == "note":
            self.edit_note_requested.emit(entry.id)
        else:
            self.edit_interaction_requested.emit(entry.id)

    def on_delete_triggered(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.delete_requested.emit("note" if entry.kind == "note" else "interaction", entry.id)

    def on_context_menu_requested(self, pos: Any) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        entry: TimelineEntry = index.data(ENTRY_ROLE)
        menu = QMenu(self)
        menu.addAction("Edit note…" if entry.kind == "note" else "Edit interaction…",
                       lambda: self.request_edit(entry))
        menu.addAction(self.delete_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))
