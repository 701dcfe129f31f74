"""The main window: the prospect list on the left, the prospect's details on the right.

Extending the window (keep such edits to a line or two):
- menus: ``file_menu``, ``edit_menu``, ``prospect_menu``, ``tools_menu``, ``help_menu``; the
  ``toolbar``; add actions that act on the current prospect with ``add_prospect_action()``
  (enabled only while a prospect is shown) and others with ``add_tool_action()``;
- a module that installs actions: append ``"module:function"`` to WINDOW_EXTENSIONS; the function
  is called as ``function(window)`` right after the window's first paint (see ``started``);
- tabs of the prospect panel: see researcher.ui.prospect_panel.TAB_CLASSES.
``current_prospect_id`` is the prospect on show; ``prospect_selected(id or None)`` announces changes.

Built without a store, the window paints the list read-only from ``db_path`` first and opens the
store right after that first frame (a faster start): the prospect panel and ``db`` exist from then on,
and ``store_failed(message)`` reports a store that cannot be opened.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from researcher import APP_NAME
from researcher.core.errors import UserError
from researcher.ui.icons import icon
from researcher.ui.look import demo_badge, muted, restyle_named
from researcher.ui.prospect_list import ProspectList
from researcher.ui.prospect_model import COLUMNS, ProspectModel
from researcher.ui.window_actions import WindowActions
from researcher.ui.workers import JobRunner

if TYPE_CHECKING:
    from sqlite_utils import Database

    from researcher.ui.prospect_panel import ProspectPanel

WINDOW_EXTENSIONS: tuple[str, ...] = ("researcher.ui.prep_actions:install", "researcher.ui.search_dialog:install",
                                     "researcher.ui.offering_dialog:install", "researcher.ui.calling_actions:install")
STATUS_MS = 4000
# The panel keeps this width whichever tabs it has built yet, so the list does not jump during the start.
PANEL_MIN_WIDTH = 620
STARTUP_FALLBACK_MS = 400  # finish the start even if no paint arrives after showing


class MainWindow(QMainWindow):
    """Signals: prospect_selected(prospect_id or None); started() once the window has been painted
    and the rest of the start (store, whole list, remaining tabs, extensions) is done;
    store_failed(message) when the store opened after the first frame is refused."""

    prospect_selected = Signal(object)
    started = Signal()
    store_failed = Signal(str)

    def __init__(self, db: Database | None, runner: JobRunner, *, db_path: Path | None = None,
                 is_demo: bool = False, settings: QSettings | None = None) -> None:
        super().__init__()
        self.db = db
        self.runner = runner
        self.db_path = db_path
        self.is_demo = is_demo
        self._settings = settings if settings is not None else QSettings()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self._title())
        self.setWindowIcon(icon("researcher"))
        self.model = ProspectModel(db, runner=runner, path=db_path, parent=self)
        self.prospect_list = ProspectList(self.model)
        self.panel: ProspectPanel | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.splitter.addWidget(self.prospect_list)
        self.splitter.addWidget(QWidget(minimumWidth=PANEL_MIN_WIDTH))  # the panel's place until the store is open
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self._prospect_actions: list[QAction] = []
        self.actions = WindowActions(self)
        self._build_status_bar()
        self.prospect_list.current_changed.connect(self.on_prospect_current_changed)
        self.runner.running_changed.connect(self.on_jobs_changed)
        self.model.loaded.connect(self.on_list_loaded)
        self.model.reload(defer_rest=True)
        self._restore_state()
        if db is not None:
            self._add_panel(db)
        self.show_list_current()
        self.is_started = False
        # The rest of the start waits for the first frame, so the window appears as early as it can.
        self._start_steps: list[Callable[[], object]] = []
        self._start_timer = QTimer(self, singleShot=True, interval=STARTUP_FALLBACK_MS)
        self._start_timer.timeout.connect(self.finish_start)
        self.prospect_list.view.viewport().installEventFilter(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.is_started and not self._start_steps and not self._start_timer.isActive():
            self._start_timer.start()  # in case no paint arrives (a minimised or covered window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.is_started and not self._start_steps:
            self._start_timer.start(0)  # right after this frame is on screen
        return super().eventFilter(watched, event)

    def finish_start(self) -> None:
        """Build the remaining tabs, install extensions, load the rest of the list; then emit started.

        One step per turn of the event loop, so the window stays responsive in between.
        """
        if self.is_started or self._start_steps:
            return
        self._start_timer.stop()
        self.prospect_list.view.viewport().removeEventFilter(self)
        self._start_steps = [self._open_store] if self.db is None else []
        self._start_steps += [lambda: self.panel.add_remaining_tabs()]
        self._start_steps += [partial(self._install_extension, path) for path in WINDOW_EXTENSIONS]
        self._start_steps += [self.model.load_rest, self._finish_started]
        self._start_timer.timeout.disconnect(self.finish_start)
        self._start_timer.timeout.connect(self.on_start_step)
        self._start_timer.start(0)

    def on_start_step(self) -> None:
        if self._start_steps:
            self._start_steps.pop(0)()
        if self._start_steps:
            self._start_timer.start(0)

    def _open_store(self) -> None:
        from researcher.core.db import open_database

        try:
            db = open_database(self.db_path, verify=False)  # the full page check runs in the background
        except UserError as error:
            self._start_steps.clear()
            self.store_failed.emit(str(error))
            return
        self.db = db
        self.model.attach_store(db)
        self._add_panel(db)
        self.show_list_current()

    def _add_panel(self, db: Database) -> None:
        from researcher.ui.panel_context import PanelContext
        from researcher.ui.prospect_panel import ProspectPanel

        self.panel = ProspectPanel(PanelContext(db, self.runner))
        self.panel.setMinimumWidth(PANEL_MIN_WIDTH)
        self.splitter.replaceWidget(1, self.panel).deleteLater()
        self.splitter.setStretchFactor(1, 2)
        self.panel.prospect_changed.connect(self.on_prospect_edited)
        self.panel.failed.connect(self.on_save_failed)
        self.actions.connect_panel(self.panel)

    def _install_extension(self, path: str) -> None:
        module, _, name = path.partition(":")
        getattr(importlib.import_module(module), name)(self)

    def _finish_started(self) -> None:
        restyle_named(self)
        self.is_started = True
        self.started.emit()

    # --- extension points ----------------------------------------------------------------
    @property
    def current_prospect_id(self) -> int | None:
        if self.panel is None:
            return self.prospect_list.current_id()  # shown as soon as the store is open
        return self.panel.prospect_id

    def add_prospect_action(self, action: QAction, *, toolbar: bool = False) -> QAction:
        """Add an action about the current prospect to the Prospect menu (before the erase section)."""
        self.prospect_menu.insertAction(self.actions.danger_separator, action)
        if toolbar:
            self.toolbar.insertAction(self.actions.toolbar_end, action)
        self._prospect_actions.append(action)
        action.setEnabled(self.current_prospect_id is not None)
        return action

    def add_tool_action(self, action: QAction) -> QAction:
        """Add an action to the Tools menu."""
        self.tools_menu.addAction(action)
        return action

    def show_list_current(self, *, fallback_row: int = 0) -> None:
        """Show the list's current prospect (selecting a nearby row when there is none)."""
        rows = self.model.rowCount()
        if self.prospect_list.current_id() is None and rows:
            self.prospect_list.select_row(min(max(fallback_row, 0), rows - 1))
        self.on_prospect_current_changed(self.prospect_list.current_id())

    def show_message(self, text: str, msecs: int = STATUS_MS) -> None:
        self.statusBar().showMessage(text, msecs)

    # --- building -----------------------------------------------------------------------
    def _title(self) -> str:
        if self.is_demo:
            return f"{APP_NAME} — demo database"
        return f"{APP_NAME} — {self.db_path.name}" if self.db_path else APP_NAME

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.jobs_label = muted(QLabel(visible=False))
        bar.addPermanentWidget(self.jobs_label)
        where = "Demo database (a fresh copy; your own data is not touched)" if self.is_demo else str(self.db_path or "")
        self.db_label = demo_badge(QLabel(where)) if self.is_demo else muted(QLabel(where))
        self.db_label.setToolTip(str(self.db_path or ""))
        bar.addPermanentWidget(self.db_label)

    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1360, 840)
            self.splitter.setSizes([1360 - PANEL_MIN_WIDTH, PANEL_MIN_WIDTH])
        splitter = self._settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = self._settings.value("list/header")
        # Widths saved for other columns (an earlier version's list) would hide the new ones: fit afresh.
        if header is not None and self._settings.value("list/columns") == _column_names():
            self.prospect_list.columns_restored = self.prospect_list.view.horizontalHeader().restoreState(header)

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        self._settings.setValue("list/header", self.prospect_list.view.horizontalHeader().saveState())
        self._settings.setValue("list/columns", _column_names())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._start_timer.stop()  # a window closed before its start finished does not finish it
        self.prospect_list.view.viewport().removeEventFilter(self)
        if self.panel is not None:
            self.panel.flush()
        self.save_state()
        self.runner.shutdown(5000)
        event.accept()

    # --- slots --------------------------------------------------------------------------
    def on_prospect_current_changed(self, prospect_id: int | None) -> None:
        if self.panel is not None:
            if prospect_id == self.panel.prospect_id and prospect_id is not None:
                return
            if prospect_id is None and self.panel.prospect_id is not None:
                return  # a cleared selection keeps the prospect on show
            self.panel.show_prospect(prospect_id)
        shown = self.current_prospect_id
        for action in self._prospect_actions:
            action.setEnabled(shown is not None)
        self.prospect_selected.emit(shown)

    def on_prospect_edited(self, prospect_id: int) -> None:
        from researcher.core.prospects import get_prospect

        self.model.refresh_prospect(prospect_id)
        prospect = get_prospect(self.db, prospect_id)
        if prospect.company_id is not None:
            self.model.refresh_company(prospect.company_id)
        self.show_message("Saved", 1500)

    def on_save_failed(self, message: str) -> None:
        self.show_message(f"Not saved: {message}", 8000)

    def on_jobs_changed(self, count: int) -> None:
        self.jobs_label.setText(f"{count} background job{'s' if count != 1 else ''} running")
        self.jobs_label.setVisible(count > 0)

    def on_list_loaded(self, total: int) -> None:
        if self.prospect_list.current_id() is None and self.model.rowCount():
            self.prospect_list.select_row(0)

    def about(self) -> None:
        from researcher import __version__

        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<h3>{APP_NAME} {__version__}</h3><p>Prepare B2B sales calls: research prospects "
                          "offline, log every interaction, and keep it all in one local file.</p>"
                          f"<p>Database: {self.db_path or 'in memory'}</p>")

    def focus_widget_in(self, widget: QWidget) -> bool:
        focus = self.focusWidget()
        return focus is not None and (focus is widget or widget.isAncestorOf(focus))

    @staticmethod
    def shortcut_text(action: QAction) -> str:
        return ", ".join(seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in action.shortcuts())


def _column_names() -> str:
    return ",".join(label for label, _field in COLUMNS)
