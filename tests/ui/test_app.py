"""Starting the app: one GUI per database (lock), refused databases explained, a lean start path."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from researcher.cli import CommandContext, build_parser
from researcher.ui import app as app_module
from researcher.ui.app import ALREADY_OPEN, build_window_for_test, lock_database, run_gui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def told(monkeypatch) -> list[tuple[str, str]]:
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(app_module, "tell", lambda title, text: messages.append((title, text)))
    return messages


@pytest.fixture(autouse=True)
def private_settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))


def context(*argv: str) -> CommandContext:
    return CommandContext(build_parser().parse_args(list(argv)))


def test_a_second_gui_on_the_same_database_is_refused_politely(qtbot, db_path, told) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from PySide6.QtCore import QLockFile
            lock = QLockFile({str(db_path) + '.lock'!r})
            assert lock.tryLock(0)
            print("locked", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert run_gui(context("--db", str(db_path))) == 1
    finally:
        holder.communicate("", timeout=30)
    assert told and told[0][0] == "Researcher"
    assert told[0][1].startswith(ALREADY_OPEN) and str(db_path) in told[0][1]
    assert not db_path.exists()  # refused before the database was even opened


def test_a_file_that_is_not_a_database_is_refused_with_its_message(qtbot, tmp_path, told) -> None:
    bogus = tmp_path / "muistiinpanot.sqlite"
    bogus.write_bytes(b"Tervetuloa! Ei tietokanta.\n" * 20)
    before = bogus.read_bytes()
    assert run_gui(context("--db", str(bogus))) == 1
    assert "not a Researcher database" in told[0][1] and told[0][0].endswith("cannot open the database")
    assert bogus.read_bytes() == before
    lock = lock_database(bogus)
    assert lock is not None  # the refused start released its lock
    lock.unlock()


def test_a_database_from_a_newer_version_is_refused(qtbot, db, db_path, told) -> None:
    db["_sqlite_migrations"].insert({"migration_set": "researcher", "name": "9999_future",
                                     "applied_at": "2030-01-01T00:00:00"})
    db.close()
    assert run_gui(context("--db", str(db_path))) == 1
    assert "newer version of Researcher" in told[0][1]


def test_damage_found_after_the_window_opened_closes_the_app_with_the_message(qtbot, db, db_path, told) -> None:
    from tests.core.test_open_checks import damage_the_last_pages

    from researcher.core.notes import add_note
    from researcher.core.prospects import add_prospect

    person = add_prospect(db, "Liisa Hämäläinen", company="Saimaan Puu Oy")
    with db.atomic():
        for number in range(300):
            add_note(db, f"Muistiinpano {number}: " + "järvi ja metsä " * 40, prospect_id=person)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    damaged = damage_the_last_pages(db_path)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.exit(99))  # never hang if the check finds nothing
    guard.start(20_000)
    try:
        status = run_gui(context("--db", str(db_path)))
    finally:
        guard.stop()
    assert status == 1
    assert told and "is damaged" in told[0][1]
    assert db_path.read_bytes() == damaged


def test_the_gui_runs_and_exits_cleanly_when_the_window_closes(qtbot, db_path, told) -> None:
    def close_windows() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow":
                widget.close()

    QTimer.singleShot(0, close_windows)
    ctx = context("--db", str(db_path))
    try:
        assert run_gui(ctx) == 0
    finally:
        ctx.close()
    assert told == []
    assert QApplication.desktopFileName() == "io.github.researcher.Researcher"
    assert QApplication.applicationName() == "Researcher"
    assert not QApplication.windowIcon().isNull()
    lock = lock_database(db_path)
    assert lock is not None
    lock.unlock()


def test_build_window_for_test_returns_the_title(qtbot, tmp_path) -> None:
    assert build_window_for_test(tmp_path / "window.sqlite") == "Researcher — window.sqlite"


def test_the_start_path_paints_from_the_file_and_loads_the_store_after(db, db_path, tmp_path) -> None:
    from researcher.core.prospects import add_prospect

    add_prospect(db, "Päivi Kärkkäinen", company="Routakivi Oy", country="FI")
    db.close()
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QEventLoop, QSettings, QTimer
        import researcher.cli
        from researcher.ui.app import application
        from researcher.ui.main_window import MainWindow
        from researcher.ui.workers import JobRunner
        application()
        settings = QSettings({str(tmp_path / 'start.ini')!r}, QSettings.Format.IniFormat)
        window = MainWindow(None, JobRunner(), db_path=Path({str(db_path)!r}), settings=settings)
        late = ("requests", "bs4", "trafilatura", "lxml", "charset_normalizer", "sqlite_utils",
                "researcher.ui.prospect_panel")
        print(",".join(sorted(name for name in late if name in sys.modules)) or "none")
        print(window.model.data(window.model.index(0, 0)))
        loop = QEventLoop()
        window.started.connect(loop.quit)
        QTimer.singleShot(20_000, loop.quit)
        window.show()
        loop.exec()
        print(window.is_started, "sqlite_utils" in sys.modules, window.panel.header.name.text())
        window.close()
        window.db.close()
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["none", "Päivi Kärkkäinen", "True True Päivi Kärkkäinen"]


def test_a_current_store_is_painted_first_and_opened_after_the_first_frame(qtbot, db, db_path, settings,
                                                                            inline_runner) -> None:
    from researcher.core.prospects import add_prospect, get_prospect
    from researcher.ui.main_window import MainWindow

    first = add_prospect(db, "Åsa Öberg", company="Kvarnsjö Energi AB", country="SE")
    add_prospect(db, "Øyvind Sæther", company="Havbris Sjømat AS", country="NO")
    db.close()
    window = MainWindow(None, inline_runner, db_path=db_path, settings=settings)
    qtbot.addWidget(window)
    assert window.db is None and window.panel is None
    assert [window.model.data(window.model.index(row, 0)) for row in range(2)] == ["Åsa Öberg", "Øyvind Sæther"]
    assert window.current_prospect_id == first
    window.actions.log_interaction.trigger()  # before the store is open: ignored, nothing breaks
    window.show()
    qtbot.waitExposed(window)
    first_frame = window.splitter.sizes()
    qtbot.waitUntil(lambda: window.is_started)
    assert window.splitter.sizes() == first_frame  # the list does not jump when the panel arrives
    assert window.db is not None and window.panel is not None
    assert window.panel.prospect_id == first and window.panel.header.name.text() == "Åsa Öberg"
    assert window.actions.log_interaction.isEnabled()
    window.panel.details.person.editor("title").setText("Inköpschef")
    window.panel.flush()
    assert get_prospect(window.db, first).title == "Inköpschef"
    assert window.model.data(window.model.index(0, 2)) == "Inköpschef"
    window.close()
    window.db.close()


def test_a_store_refused_after_the_first_frame_says_why_and_is_left_untouched(qtbot, db, db_path, settings,
                                                                               inline_runner) -> None:
    from researcher.ui.main_window import MainWindow

    db["_sqlite_migrations"].insert({"migration_set": "researcher", "name": "9999_future",
                                     "applied_at": "2030-01-01T00:00:00"})
    db.close()
    before = db_path.read_bytes()
    window = MainWindow(None, inline_runner, db_path=db_path, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.store_failed, timeout=10_000) as refused:
        window.show()
    assert "newer version of Researcher" in refused.args[0]
    assert window.db is None and not window.is_started
    window.close()
    assert db_path.read_bytes() == before


def test_the_gui_opens_a_current_store_after_its_first_frame(qtbot, db, db_path, told) -> None:
    from researcher.core.prospects import add_prospect

    add_prospect(db, "Lærke Bækgaard", company="Bøgely Revision A/S", country="DK")
    db.close()
    seen: list[str] = []

    def close_when_started() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow" and widget.is_started:
                seen.append(widget.panel.header.name.text())
                widget.close()
                return
        QTimer.singleShot(20, close_when_started)

    QTimer.singleShot(0, close_when_started)
    assert run_gui(context("--db", str(db_path))) == 0
    assert told == [] and seen == ["Lærke Bækgaard"]


def test_the_start_path_imports_no_network_or_html_libraries(tmp_path) -> None:
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QSettings
        import researcher.cli
        from researcher.core.db import open_database
        from researcher.ui.app import application
        from researcher.ui.main_window import MainWindow
        from researcher.ui.workers import JobRunner
        application()
        db = open_database(Path({str(tmp_path / 'start.sqlite')!r}), verify=False)
        settings = QSettings({str(tmp_path / 'start.ini')!r}, QSettings.Format.IniFormat)
        window = MainWindow(db, JobRunner(), settings=settings)
        heavy = sorted(name for name in ("requests", "bs4", "trafilatura", "lxml", "charset_normalizer")
                       if name in sys.modules)
        print(",".join(heavy) or "none")
        window.close()
        db.close()
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"
