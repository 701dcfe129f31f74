"""The left-hand side of the window: a filter box over the table of prospects.

Signals: current_changed(prospect_id or None) when the highlighted prospect changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from researcher.ui.icons import icon
from researcher.ui.look import muted
from researcher.ui.prospect_model import COLUMNS, ProspectModel
from researcher.ui.prospect_rows import COUNTRY, FOLLOW, LAST, READINESS

COLUMN_WIDTHS = (150, 160, 130, 60, 88, 120, 100, 76)
# Country, the dates and the readiness marks keep the width of their text (or title); the other
# columns share the rest.
FIXED_SAMPLES = {COUNTRY: "Country", LAST: "2026-12-31", FOLLOW: "2026-12-31", READINESS: "✓ ◐ ✗"}


class FilterEdit(QLineEdit):
    """The filter box; Down or Enter moves into the list."""

    leave_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.leave_requested.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class ProspectList(QWidget):
    """Filter-as-you-type box, sortable multi-select table, and a count of what is shown."""

    current_changed = Signal(object)

    def __init__(self, model: ProspectModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._restore_id: int | None = None
        self._resetting = False
        self.filter = FilterEdit(placeholderText="Filter by name, company, title, email or phone  (Ctrl+F)",
                                 clearButtonEnabled=True, objectName="prospectFilter")
        self.filter.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter.textChanged.connect(self.model.set_filter)
        self.filter.leave_requested.connect(self.on_filter_left)
        self.view = QTableView(objectName="prospectTable")
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vertical = self.view.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate(COLUMN_WIDTHS[: len(COLUMNS)]):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().currentRowChanged.connect(self.on_current_row_changed)
        model.modelAboutToBeReset.connect(self.on_model_about_to_reset)
        model.modelReset.connect(self.on_model_reset)
        model.rowsInserted.connect(self.on_rows_inserted)
        model.filtered.connect(self.on_filtered)
        self.columns_restored = False  # saved or chosen column widths are kept as they are
        self._fitting = False
        header.sectionResized.connect(self.on_section_resized)
        self.view.viewport().installEventFilter(self)
        self.count_label = muted(QLabel())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 4)
        layout.setSpacing(6)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The viewport's own size counts: it changes after the list's, and when a scroll bar comes or goes.
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport() and not self.columns_restored:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Fit the columns to the list's width (until the rep sizes a column): the columns of
        FIXED_SAMPLES keep the width of their text or title, the other columns share what is left."""
        available = self.view.viewport().width() - 16
        if available <= 0:
            return
        cell, title = self.view.fontMetrics(), self.view.horizontalHeader().fontMetrics()
        fixed = {column: max(cell.horizontalAdvance(FIXED_SAMPLES[field]), title.horizontalAdvance(label)) + 16
                 for column, (label, field) in enumerate(COLUMNS) if field in FIXED_SAMPLES}
        flexible = [column for column in range(len(COLUMNS)) if column not in fixed]
        wanted = sum(COLUMN_WIDTHS[column] for column in flexible)
        scale = min(1.0, max(0.0, available - sum(fixed.values())) / wanted)
        self._fitting = True
        for column in range(len(COLUMNS) - 1):  # the last one stretches by itself
            width = fixed.get(column) or max(48, int(COLUMN_WIDTHS[column] * scale))
            self.view.setColumnWidth(column, width)
        self._fitting = False
        self.view.updateGeometries()  # drop a horizontal scroll bar left over from wider columns

    def on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and column < len(COLUMNS) - 1:  # the last one stretches by itself
            self.columns_restored = True  # the rep chose widths: keep them

    # --- queries ------------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.prospect_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        """Every selected prospect, or the current one when nothing is selected."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        ids = [pid for pid in (self.model.prospect_id(row) for row in rows) if pid is not None]
        current = self.current_id()
        return ids or ([current] if current is not None else [])

    # --- moving -------------------------------------------------------------------------
    def select_id(self, prospect_id: int | None) -> bool:
        """Make a prospect current (clearing the filter if it hides them); False when unknown."""
        if prospect_id is None:
            return False
        row = self.model.row_of(prospect_id)
        if row is None and self.model.filter_text:
            self.filter.clear()
            row = self.model.row_of(prospect_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)

    def step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) prospect in the list."""
        count = self.model.rowCount()
        if count == 0:
            return
        index = self.view.currentIndex()
        row = (index.row() + delta) if index.isValid() else (0 if delta > 0 else count - 1)
        self.select_row(max(0, min(count - 1, row)))

    # --- slots --------------------------------------------------------------------------
    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._resetting:
            self.current_changed.emit(self.model.prospect_id(current.row()) if current.isValid() else None)

    def on_model_about_to_reset(self) -> None:
        self._restore_id = self.current_id() or self._restore_id
        self._resetting = True

    def on_model_reset(self) -> None:
        self._resetting = False
        self._restore_current()

    def on_rows_inserted(self, *_args: object) -> None:
        if self._restore_id is not None and not self.view.currentIndex().isValid():
            self._restore_current()  # a filter still being checked has just found more rows

    def _restore_current(self) -> None:
        row = self.model.row_of(self._restore_id) if self._restore_id is not None else None
        if row is not None:
            self._resetting = True  # the prospect on show stays the same: no signal
            self.select_row(row)
            self._resetting = False

    def on_filtered(self, visible: int, total: int) -> None:
        if self._restore_id is not None and self.view.currentIndex().isValid():
            self._restore_id = None
        noun = "prospect" if total == 1 else "prospects"
        text = f"{total:,} {noun}" if visible == total else f"Showing {visible:,} of {total:,} {noun}"
        if not self.model.complete:
            text += " — loading…"
        self.count_label.setText(text)

    def on_filter_left(self) -> None:
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.select_row(0)
        self.view.setFocus()
