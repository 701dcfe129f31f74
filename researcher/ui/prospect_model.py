"""The prospect list as one table model over the store: loaded once, filtered and sorted in memory.

Rows are plain tuples read with one query (the first screenful synchronously, the rest on a
pool thread through a read-only connection of its own). Each row carries a casefolded
"haystack" of name, company, title, email and phone digits, so filtering 100,000 rows is a
substring scan over a list of strings, and typing more letters only narrows the last result.

Signals: loaded(total) when every row is in memory; filtered(visible, total) after each change.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from itertools import compress, repeat
from operator import contains
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from researcher.ui.prospect_rows import (COMPANY, COUNTRY, FOLLOW, ID, LAST, NAME, READINESS, SELECT_ROWS, STAGE,
                                         TITLE, Row, haystack, make_row, normalise_filter, read_rows,
                                         short_datetime)
from researcher.ui.workers import Job, JobRunner

if TYPE_CHECKING:
    from sqlite_utils import Database

COLUMNS: tuple[tuple[str, int], ...] = (
    ("Name", NAME), ("Company", COMPANY), ("Title", TITLE), ("Country", COUNTRY),
    ("Stage", STAGE), ("Last interaction", LAST), ("Next follow-up", FOLLOW), ("Readiness", READINESS),
)
FIRST_PAGE = 400
RECENT_FILTERS = 24
SCAN_CHUNK = 10_000  # rows checked at once on a keystroke: a few milliseconds
SCAN_SLICE = 4  # later slices check this many chunks each: fewer repaints until the result is whole
_OVERDUE = QColor("#b3261e")
_DUE_TODAY = QColor("#8a5a00")
_ParentIndex = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.UserRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole))
_STYLE: dict[str, Any] = {}  # brushes and font for due follow-ups, made on first use


def _sort_key(column: int, readiness: dict[int, tuple[float, str, str]]) -> Callable[[Row], Any]:
    if column == READINESS:
        return lambda row: readiness.get(row[ID], (-1.0, "", ""))[0]
    if column in (LAST, FOLLOW):
        # Rows without a date go last whichever way the list is sorted by a date.
        return lambda row: (row[column] is None, row[column] or "")
    return lambda row: (row[column] or "").casefold()


class ProspectModel(QAbstractTableModel):
    """Every prospect as a row; filter with set_filter(), sort with sort()."""

    loaded = Signal(int)
    filtered = Signal(int, int)

    def __init__(self, db: Database | None, *, runner: JobRunner | None = None, path: Path | None = None,
                 today: Callable[[], date] = date.today, parent: Any = None) -> None:
        """Without ``db`` the rows are read from the store file at ``path`` until attach_store()."""
        super().__init__(parent)
        self._db = db
        self._path = path if db is None else _file_of(db)
        self._runner = runner
        self._today = today
        self._rows: list[Row] = []
        self._hay: list[str] = []
        self._order: list[int] = []  # every row, in the current sort order
        self._visible: list[int] = []  # the rows of _order that match the filter
        self._needle = ""
        self._sort = (NAME, Qt.SortOrder.AscendingOrder)
        self._loading: Job | None = None
        self._positions: dict[int, int] | None = None  # prospect id → index in _rows, built when needed
        self._recent: dict[str, list[int]] = {}  # results of shorter filters, so Backspace needs no scan
        self._scan_source: list[int] = []  # candidates of a filter still being checked, in order
        self._scan_position = 0
        self._scan_timer = QTimer(self, singleShot=True, interval=0)
        self._scan_timer.timeout.connect(self._scan_step)
        self.complete = False
        self.do_not_call: dict[int, str] = {}  # prospect id → why they are blocked (filled by calling)
        # prospect id → (readiness score 0..1, summary, marks), filled in once qualifications are read
        self.readiness: dict[int, tuple[float, str, str]] = {}

    # --- loading -------------------------------------------------------------------------
    def reload(self, *, defer_rest: bool = False) -> None:
        """Show the first screenful now; read the rest in the background when a runner is given.

        With ``defer_rest`` the background read waits for load_rest() (the window calls it once
        it has been painted, so the read does not compete with the first frame).
        """
        if self._loading is not None:
            self._loading.cancel.set()
            self._loading = None
        if self._runner is None or self._path is None:
            assert self._db is not None
            self._install([make_row(raw) for raw in self._db.execute(SELECT_ROWS)], complete=True)
            return
        first, hay = read_rows(self._path, limit=FIRST_PAGE)
        self._install(first, hay, complete=len(first) < FIRST_PAGE)
        if not defer_rest:
            self.load_rest()

    def load_rest(self) -> None:
        """Read every row on a pool thread when only the first screenful is in memory."""
        if self.complete or self._loading is not None or self._runner is None:
            return
        path = self._path
        assert path is not None
        job = Job(lambda cancel: read_rows(path, cancel=cancel), name="Loading prospects")
        job.signals.succeeded.connect(self.on_rows_read)
        self._loading = job
        self._runner.start(job)

    def on_rows_read(self, result: tuple[list[Row], list[str]]) -> None:
        if self._loading is None:
            return
        self._loading = None
        self._install(*result, complete=True)

    def _install(self, rows: list[Row], hay: list[str] | None = None, *, complete: bool) -> None:
        self.beginResetModel()
        self._rows = rows
        self._positions = None
        self._hay = hay if hay is not None else [haystack(row) for row in rows]
        self._apply_sort()
        self.complete = complete
        self.endResetModel()
        self.filtered.emit(len(self._visible), len(self._rows))
        if complete:
            self.loaded.emit(len(self._rows))

    # --- filtering and sorting -----------------------------------------------------------
    @property
    def filter_text(self) -> str:
        return self._needle

    @property
    def total(self) -> int:
        return len(self._rows)

    def set_filter(self, text: str) -> None:
        """Keep only rows whose name, company, title, email or phone contains ``text``.

        The first SCAN_CHUNK candidates are checked at once; any more are checked in slices
        from the event loop, their matches appended as they are found, so a keystroke never
        waits for a scan of the whole list. filtered() is emitted when the result is complete.
        """
        needle = normalise_filter(text)
        if needle == self._needle:
            return
        if self._needle and not self.scanning:
            self._recent[self._needle] = self._visible
            while len(self._recent) > RECENT_FILTERS:
                del self._recent[next(iter(self._recent))]
        if self._needle and needle.startswith(self._needle):
            # Whatever matches the longer text matched the shorter one: look only there.
            candidates = self._visible + self._scan_source[self._scan_position:]
        else:
            candidates = self._order
        self.beginResetModel()
        self._needle = needle
        cached = self._recent.get(needle) if needle else list(self._order)
        self._visible = cached if cached is not None else []
        self._scan_source, self._scan_position = ([], 0) if cached is not None else (candidates, 0)
        self.endResetModel()
        self._scan_step()

    @property
    def scanning(self) -> bool:
        """True while a filter is still being checked against part of the list."""
        return self._scan_position < len(self._scan_source)

    def finish_filter(self) -> None:
        """Check the rest of the list now (before changes that need the complete result)."""
        while self.scanning:
            self._scan_step()

    def _scan_step(self) -> None:
        start = self._scan_position
        size = SCAN_CHUNK if start == 0 else SCAN_CHUNK * SCAN_SLICE
        chunk = self._scan_source[start:start + size]
        self._scan_position = start + len(chunk)
        found = self._matching(chunk, self._needle)
        if found:
            first = len(self._visible)
            self.beginInsertRows(QModelIndex(), first, first + len(found) - 1)
            self._visible.extend(found)
            self.endInsertRows()
        if self.scanning:
            self._scan_timer.start()
        else:
            self._scan_source, self._scan_position = [], 0
            self.filtered.emit(len(self._visible), len(self._rows))

    def _matching(self, candidates: Sequence[int], needle: str) -> list[int]:
        if not needle:
            return list(candidates)
        # map/compress keep the scan of 100,000 strings in C: a few milliseconds per keystroke.
        found = map(contains, map(self._hay.__getitem__, candidates), repeat(needle))
        return list(compress(candidates, found))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [(self._visible[index.row()], index.column()) for index in old]
        self._sort = (COLUMNS[column][1], order)
        self._apply_sort()
        where = {row: position for position, row in enumerate(self._visible)}
        self.changePersistentIndexList(old, [self.index(where[r], c) for r, c in old_rows])
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        field, order = self._sort
        key = _sort_key(field, self.readiness)
        rows = self._rows
        self._order = sorted(range(len(rows)), key=lambda i: key(rows[i]),
                             reverse=order == Qt.SortOrder.DescendingOrder)
        self._recent.clear()
        self._scan_timer.stop()
        self._scan_source, self._scan_position = [], 0
        self._visible = self._matching(self._order, self._needle)

    def attach_store(self, db: Database) -> None:
        """Use the opened store for single-row changes from now on."""
        self._db = db

    # --- single-row changes after an edit --------------------------------------------------
    def refresh_prospect(self, prospect_id: int) -> None:
        """Re-read one prospect after it was added, edited or erased, and update its row."""
        self.finish_filter()
        assert self._db is not None
        raw = self._db.execute(SELECT_ROWS + " WHERE p.id = ?", [prospect_id]).fetchone()
        position = self._position_in_rows(prospect_id)
        if raw is None:
            if position is not None:
                self._remove(position)
            return
        row = make_row(raw)
        if position is None:
            self._rows.append(row)
            self._hay.append(haystack(row))
            if self._positions is not None:
                self._positions[row[ID]] = len(self._rows) - 1
            self._insert_visible(len(self._rows) - 1)
            return
        self._rows[position] = row
        self._hay[position] = haystack(row)
        self._recent.clear()
        visible_row = self.row_of(prospect_id)
        if visible_row is not None:
            self.dataChanged.emit(self.index(visible_row, 0), self.index(visible_row, len(COLUMNS) - 1))

    def refresh_company(self, company_id: int) -> None:
        """Re-read the people of one company (after the company was renamed or deleted)."""
        assert self._db is not None
        ids = [r[0] for r in self._db.execute("SELECT id FROM prospects WHERE company_id = ?", [company_id])]
        for prospect_id in ids:
            self.refresh_prospect(prospect_id)

    def forget(self, prospect_ids: Sequence[int]) -> None:
        """Drop rows of prospects that no longer exist (after an erase or a company delete)."""
        self.finish_filter()
        for prospect_id in prospect_ids:
            position = self._position_in_rows(prospect_id)
            if position is not None:
                self._remove(position)

    def _insert_visible(self, position: int) -> None:
        self._recent.clear()
        self._order.insert(self._sorted_place(self._order, position), position)
        if self._needle and self._needle not in self._hay[position]:
            self.filtered.emit(len(self._visible), len(self._rows))
            return
        at = self._sorted_place(self._visible, position)
        self.beginInsertRows(QModelIndex(), at, at)
        self._visible.insert(at, position)
        self.endInsertRows()
        self.filtered.emit(len(self._visible), len(self._rows))

    def _sorted_place(self, ordered: list[int], position: int) -> int:
        field, order = self._sort
        key = _sort_key(field, self.readiness)
        rows = self._rows
        mine = key(rows[position])
        if order == Qt.SortOrder.AscendingOrder:
            return bisect_right(ordered, mine, key=lambda i: key(rows[i]))
        return next((place for place, i in enumerate(ordered) if key(rows[i]) < mine), len(ordered))

    def _remove(self, position: int) -> None:
        self._recent.clear()
        if position in self._visible:
            at = self._visible.index(position)
            self.beginRemoveRows(QModelIndex(), at, at)
            del self._visible[at]
            self.endRemoveRows()
        del self._rows[position]
        del self._hay[position]
        self._positions = None
        self._order = [i - 1 if i > position else i for i in self._order if i != position]
        self._visible = [i - 1 if i > position else i for i in self._visible]
        self.filtered.emit(len(self._visible), len(self._rows))

    def _position_in_rows(self, prospect_id: int) -> int | None:
        if self._positions is None:
            self._positions = {row[ID]: position for position, row in enumerate(self._rows)}
        return self._positions.get(prospect_id)

    # --- lookups ------------------------------------------------------------------------
    def prospect_id(self, row: int) -> int | None:
        """The id of the prospect shown in ``row``, or None outside the list."""
        if 0 <= row < len(self._visible):
            return int(self._rows[self._visible[row]][ID])
        return None

    def row_of(self, prospect_id: int) -> int | None:
        """The visible row of a prospect, or None when filtered out or unknown."""
        position = self._position_in_rows(prospect_id)
        if position is None:
            return None
        try:
            return self._visible.index(position)
        except ValueError:
            return None

    # --- the Qt model interface ------------------------------------------------------------
    def rowCount(self, parent: _ParentIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _ParentIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None  # the view asks for many roles per cell; most are never answered
        row = self._rows[self._visible[index.row()]]
        field = COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            if field == READINESS:
                return self.readiness.get(row[ID], (0.0, "", ""))[2]
            return _display(row, field)
        if field == NAME and row[ID] in self.do_not_call and role in (Qt.ItemDataRole.DecorationRole,
                                                                     Qt.ItemDataRole.ToolTipRole):
            from researcher.ui.blocked_banner import list_marker

            return list_marker(role, self.do_not_call[row[ID]])
        if role == Qt.ItemDataRole.ToolTipRole and field in (NAME, COMPANY, TITLE, READINESS):
            if field == READINESS:
                known = self.readiness.get(row[ID])
                return f"Pays off, ready now, able to buy: {known[1]}" if known else None
            return row[field] or None
        if role == Qt.ItemDataRole.UserRole:
            return row[ID]
        if field == FOLLOW and row[FOLLOW]:
            return self._follow_up_style(row[FOLLOW], role)
        return None

    def _follow_up_style(self, follow_up: str, role: int) -> Any:
        today = self._today().isoformat()
        if follow_up > today or role not in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            return None
        if not _STYLE:
            bold = QFont()
            bold.setBold(True)
            _STYLE.update(overdue=QBrush(_OVERDUE), today=QBrush(_DUE_TODAY), bold=bold)
        if role == Qt.ItemDataRole.FontRole:
            return _STYLE["bold"]
        return _STYLE["overdue" if follow_up < today else "today"]


def _file_of(db: Database) -> Path | None:
    return None if db.memory else Path(db.conn.execute("PRAGMA database_list").fetchone()[2])


def _display(row: Row, field: int) -> str:
    value = row[field]
    if field == STAGE:
        return str(value).replace("_", " ").capitalize()
    if field == LAST:
        return short_datetime(value)[:10] if value else ""
    return value or ""
