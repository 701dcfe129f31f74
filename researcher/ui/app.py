"""Start the desktop app: one QApplication, a lock per database, the store, the main window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QLockFile, QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from researcher import APP_ID, APP_NAME, __version__
from researcher.core.errors import UserError
from researcher.core.store_file import is_current, quick_check_file
from researcher.ui.main_window import MainWindow
from researcher.ui.workers import InlinePool, Job, JobRunner

if TYPE_CHECKING:
    from researcher.cli import CommandContext

ALREADY_OPEN = "Researcher is already open on this database"
POOL_THREADS = 4


def application() -> QApplication:
    """Return the one QApplication, creating and configuring it on first use."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    if not hasattr(app, "garbage_collector"):
        from researcher.ui.gc_guard import GuiThreadCollector

        app.garbage_collector = GuiThreadCollector(app)
    from researcher.ui.icons import icon

    app.setWindowIcon(icon("researcher"))
    return app


def lock_database(db_path: Path) -> QLockFile | None:
    """Take the GUI's lock on ``<db>.lock``; None when another running app holds it.

    The command line does not take this lock: WAL and the busy timeout keep its writes safe
    beside the app's.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)  # only a lock whose process has died is stale
    return lock if lock.tryLock(0) else None


def tell(title: str, text: str) -> None:
    """Show a message box before (or instead of) the main window."""
    QMessageBox.warning(None, title, text)


def run_gui(ctx: CommandContext) -> int:
    """Open the main window on ``ctx``'s database and run until it is closed; return the exit status."""
    app = application()
    lock = lock_database(ctx.db_path)
    if lock is None:
        tell(APP_NAME, f"{ALREADY_OPEN}:\n{ctx.db_path}\n\nSwitch to the open window, "
                       "or open another file with --db.")
        return 1
    window = None
    try:
        db = None
        # A current store is painted read-only first and opened by the window after its first frame;
        # any other file is opened (upgraded, or refused with its reason) before a window is shown.
        if ctx.is_demo or not is_current(ctx.db_path):
            from researcher.core.db import open_database

            try:
                # The rep's file may be big: its full page check runs in the background instead.
                db = ctx.db if ctx.is_demo else open_database(ctx.db_path, verify=False)
            except UserError as error:
                tell(f"{APP_NAME} cannot open the database", str(error))
                return 1
        pool = QThreadPool.globalInstance()
        pool.setMaxThreadCount(POOL_THREADS)
        runner = JobRunner(pool)
        window = MainWindow(db, runner, db_path=ctx.db_path, is_demo=ctx.is_demo)
        window.store_failed.connect(lambda message: _refuse(window, message))
        if not ctx.is_demo:
            window.started.connect(lambda: _verify_in_background(runner, window, ctx.db_path))
        window.show()
        status = app.exec()
        if window.isVisible():
            window.close()  # quitting without closing (e.g. logging out) still saves and stops jobs
        runner.shutdown(5000)
        _dispose(window)
        return int(status)
    finally:
        if window is not None and window.db is not None and not ctx.is_demo:
            window.db.close()
        lock.unlock()


def _refuse(window: QWidget, message: str) -> None:
    """Close the app on a store that turned out unusable, before more harm."""
    window.hide()
    tell(f"{APP_NAME} cannot open the database", message)
    QApplication.exit(1)


def _dispose(window: QWidget) -> None:
    """Delete a closed window now, so none of its timers fire after the database is closed."""
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _verify_in_background(runner: JobRunner, window: QWidget, db_path: Path) -> None:
    """Read every page of the file on a pool thread; a damaged file closes the app before more harm."""
    def on_checked(problem: object) -> None:
        if problem:
            _refuse(window, str(problem))

    job = Job(lambda cancel: quick_check_file(db_path), name="Checking the database")
    job.signals.succeeded.connect(on_checked)
    runner.start(job)


def build_window_for_test(db_path: Path) -> str:
    """Build the main window offscreen on a fresh database at ``db_path``; return its title."""
    from researcher.core.db import open_database

    application()
    db = open_database(db_path)
    try:
        settings = QSettings(str(db_path.with_suffix(".ini")), QSettings.Format.IniFormat)
        window = MainWindow(db, JobRunner(InlinePool()), db_path=db_path, settings=settings)
        window.show()
        if not window.is_started:
            loop = QEventLoop()
            window.started.connect(loop.quit)
            QTimer.singleShot(10_000, loop.quit)
            loop.exec()
        if not window.is_started:
            raise RuntimeError("the main window did not finish starting")
        title = window.windowTitle()
        window.close()
        _dispose(window)
        return title
    finally:
        db.close()
