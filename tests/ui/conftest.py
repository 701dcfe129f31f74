"""UI test fixtures: fail any test that leaves pool threads running; a private thread pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from researcher.ui.workers import InlinePool, JobRunner

LEFTOVER_WAIT_MS = 2000
HERE = Path(__file__).parent
# The offscreen platform cannot pass size hints to a window system; the warning says nothing
# about the app.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def no_leftover_pool_threads(qapp) -> Iterator[None]:
    """A test must wait for its background jobs; one still running afterwards fails it."""
    yield
    pool = QThreadPool.globalInstance()
    if not pool.waitForDone(LEFTOVER_WAIT_MS):
        pytest.fail(f"{pool.activeThreadCount()} pool thread(s) still running after the test")


@pytest.fixture
def thread_pool(qapp) -> Iterator[QThreadPool]:
    """A real thread pool of the test's own, checked for leftovers afterwards."""
    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    yield pool
    if not pool.waitForDone(LEFTOVER_WAIT_MS):
        pytest.fail(f"{pool.activeThreadCount()} thread(s) of the test's pool still running")


@pytest.fixture
def inline_runner(qapp) -> JobRunner:
    """A runner that runs jobs synchronously inside start()."""
    return JobRunner(InlinePool())


@pytest.fixture
def settings(tmp_path, qapp):
    """Window settings in the test's own folder, never the rep's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings, inline_runner):
    """Build a MainWindow on a database, shown offscreen and registered with qtbot."""
    from researcher.ui.main_window import MainWindow

    def make(db, *, runner=None, is_demo=False):
        window = MainWindow(db, runner or inline_runner, db_path=None, is_demo=is_demo, settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.is_started)
        return window

    return make
