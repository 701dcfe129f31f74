"""Editable tables of the offering's pains, proof stories and insights, with texts in five languages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyledItemDelegate,
    QStyleOptionViewItem, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from researcher.core.pain_library import pains as library_pains
from researcher.ui.look import muted

LANGUAGE_NAMES = {"en": "English", "fi": "Suomi", "sv": "Svenska", "nb": "Norsk", "da": "Dansk"}
TEXTS = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Column:
    """One column: the field name of the import format, its heading and what kind of value it holds."""

    field: str
    title: str
    kind: str  # "line" (one text), "pain" (a pain library key), "texts" (one text per language)


def pain_choices() -> list[tuple[str, str]]:
    """(English title, key) of every library pain, sorted by title so the rep can find one."""
    return sorted(((p.title.get("en", p.key), p.key) for p in library_pains()), key=lambda choice: choice[0].lower())


class _RoomyDelegate(QStyledItemDelegate):
    """Rows with some air around wrapped sentences, so a table of texts reads like a list."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 10)


class PainCombo(QComboBox):
    """A pain chosen by its title; the key is the item data."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for title, pain_key in pain_choices():
            self.addItem(title, pain_key)
            self.setItemData(self.count() - 1, pain_key, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(max(self.findData(key), 0))

    def key(self) -> str:
        return str(self.currentData())


class OfferingTable(QWidget):
    """A table with Add and Remove buttons whose rows are dictionaries in the offering import format."""

    count_changed = Signal(int)

    def __init__(self, columns: list[Column], *, noun: str, hint: str,
                 suggested_pains: Callable[[], list[str]] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._language = "en"
        self._suggested = suggested_pains or (lambda: [key for _, key in pain_choices()])
        self.table = QTableWidget(0, len(columns), objectName=f"{columns[-1].field}Table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setItemDelegate(_RoomyDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for index, column in enumerate(columns):
            mode = QHeaderView.ResizeMode.Stretch if column.kind == "texts" else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(index, mode)
            if column.kind != "texts":
                self.table.setColumnWidth(index, 290 if column.kind == "pain" else 170)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(f"Add {noun}")
        self.remove_button = QPushButton("Remove", enabled=False)
        self.remove_button.setToolTip(f"Remove the selected {noun}")
        buttons = QHBoxLayout()
        buttons.addWidget(muted(QLabel(hint, wordWrap=True)), 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.on_add_clicked)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows())))
        self.table.itemChanged.connect(self.on_item_changed)
        self._update_headers()

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Replace every row."""
        self.table.setRowCount(0)
        for row in rows:
            self._append(row)
        self.count_changed.emit(self.table.rowCount())

    def rows(self) -> list[dict[str, Any]]:
        """Every row as a dictionary of the import format (field name -> text, key or texts)."""
        return [{column.field: self._value(row, index, column) for index, column in enumerate(self.columns)}
                for row in range(self.table.rowCount())]

    def add_row(self) -> int:
        """Append a row with a suggested pain, select it and return its index."""
        taken = {row.get("pain", row.get("key")) for row in self.rows()}
        suggested = self._suggested() or [key for _, key in pain_choices()]
        pain = next((key for key in suggested if key not in taken), suggested[0])
        row = self._append({column.field: pain for column in self.columns if column.kind == "pain"})
        self.select_row(row)
        self.count_changed.emit(self.table.rowCount())
        return row

    def on_add_clicked(self) -> None:
        row = self.add_row()
        first_text = next(i for i, column in enumerate(self.columns) if column.kind != "pain")
        self.table.setCurrentCell(row, first_text)
        self.table.editItem(self.table.item(row, first_text))

    def remove_selected(self) -> None:
        """Remove the selected row (the stored offering changes only when the rep saves)."""
        for index in sorted((i.row() for i in self.table.selectionModel().selectedRows()), reverse=True):
            self.table.removeRow(index)
        self.count_changed.emit(self.table.rowCount())

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollToItem(self.table.item(row, 0) or self.table.item(row, len(self.columns) - 1))

    def set_language(self, code: str) -> None:
        """Show (and edit) the texts written in ``code``."""
        self._language = code
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            for index, column in enumerate(self.columns):
                if column.kind == "texts":
                    self._show_texts(self.table.item(row, index))
        self.table.blockSignals(False)
        self._update_headers()

    def on_item_changed(self, item: QTableWidgetItem) -> None:
        if self.columns[item.column()].kind != "texts":
            return
        texts = dict(item.data(TEXTS) or {})
        texts[self._language] = item.text()
        self.table.blockSignals(True)
        item.setData(TEXTS, texts)
        self._show_texts(item)
        self.table.blockSignals(False)

    def _append(self, values: dict[str, Any]) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for index, column in enumerate(self.columns):
            value = values.get(column.field)
            if column.kind == "pain":
                self.table.setCellWidget(row, index, self._pain_cell(str(value or "")))
            elif column.kind == "texts":
                item = QTableWidgetItem()
                item.setData(TEXTS, dict(value or {}))
                self.table.setItem(row, index, item)
                self._show_texts(item)
            else:
                self.table.setItem(row, index, QTableWidgetItem(str(value or "")))
        self.table.blockSignals(False)
        return row

    def _value(self, row: int, index: int, column: Column) -> Any:
        if column.kind == "pain":
            return self.pain_combo(row, index).key()
        item = self.table.item(row, index)
        if column.kind == "texts":
            return dict(item.data(TEXTS) or {}) if item else {}
        return item.text() if item else ""

    def pain_combo(self, row: int, index: int) -> PainCombo:
        """The pain chooser in a cell of a "pain" column."""
        return self.table.cellWidget(row, index).findChild(PainCombo)

    @staticmethod
    def _pain_cell(key: str) -> QWidget:
        # A combo stretched over a row of wrapped text looks like a slab; keep it field-sized and centred.
        cell = QWidget()
        layout = QHBoxLayout(cell)
        layout.setContentsMargins(3, 0, 3, 0)
        layout.addWidget(PainCombo(key), 1, Qt.AlignmentFlag.AlignVCenter)
        return cell

    def _show_texts(self, item: QTableWidgetItem) -> None:
        texts: dict[str, str] = item.data(TEXTS) or {}
        item.setText(texts.get(self._language, ""))
        others = [f"{LANGUAGE_NAMES[code]}: {text}" for code, text in texts.items()
                  if code != self._language and text.strip() and code in LANGUAGE_NAMES]
        item.setToolTip("\n".join(others))

    def _update_headers(self) -> None:
        self.table.setHorizontalHeaderLabels([
            f"{column.title} ({LANGUAGE_NAMES[self._language]})" if column.kind == "texts" else column.title
            for column in self.columns])
